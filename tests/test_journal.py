"""The journal: tolerant reading, safe appending, real files."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from qualitymonth.errors import DataError
from qualitymonth.journal import (
    MAX_LINE_BYTES,
    append_events,
    encode,
    iter_events,
    journal_path,
    new_event,
    read_journal,
)

NOW = datetime(2023, 9, 28, 16, 2, 11, tzinfo=timezone(timedelta(hours=8)))


def line(**over: object) -> str:
    obj: dict[str, object] = {
        "v": 1, "event": "a" * 32, "activity": 5, "action": "done", "date": "2023-09-28",
        "note": "完成", "by": "张三", "recorded_at": "2023-09-28T16:02:11+08:00",
    }  # fmt: skip
    obj.update(over)
    return json.dumps({k: v for k, v in obj.items() if v is not ...}, ensure_ascii=False)


def test_journal_sits_beside_the_plan() -> None:
    assert journal_path(Path("data/campaign-2023.yaml")) == Path("data/campaign-2023.journal.jsonl")
    assert journal_path(Path("data/campaign-2023.yaml"), "x.jsonl") == Path("x.jsonl")


def test_missing_journal_is_empty(tmp_path: Path) -> None:
    got = read_journal(tmp_path / "none.jsonl")
    assert (got.events, got.problems) == ([], [])


def test_append_then_read_round_trips_chinese_unescaped(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "j.jsonl"
    e = new_event(
        5, "progress", date(2023, 9, 28), by="张三", now=NOW, percent=40, note="抽查“双随机”"
    )
    append_events(path, [e])
    raw = path.read_text(encoding="utf-8")
    assert raw.endswith("\n") and raw.count("\n") == 1
    assert "抽查“双随机”" in raw and "\\u" not in raw
    obj = json.loads(raw)
    assert obj == {
        "v": 1, "event": e.event, "activity": 5, "action": "progress", "date": "2023-09-28",
        "percent": 40, "note": "抽查“双随机”", "by": "张三",
        "recorded_at": "2023-09-28T16:02:11.000000+08:00",
    }  # fmt: skip
    (back,) = read_journal(path).events
    assert back == e


def test_event_ids_are_unique() -> None:
    ids = {
        new_event(1, "note", date(2023, 9, 1), by="", now=NOW, note="x").event for _ in range(1000)
    }
    assert len(ids) == 1000


def test_naive_clock_is_refused() -> None:
    with pytest.raises(ValueError):
        new_event(1, "done", date(2023, 9, 1), by="", now=datetime(2023, 9, 1))


@pytest.mark.parametrize(
    ("bad", "key"),
    [
        ("{not json", "journal_not_json"),
        ("[1, 2, 3]", "journal_not_object"),
        ('"just a string"', "journal_not_object"),
        (line(action="finish"), "journal_bad_action"),
        (line(action="progress", percent="五十"), "journal_bad_field"),
        (line(action="progress", percent=150), "journal_bad_field"),
        (line(action="progress", percent=...), "journal_bad_field"),
        (line(date="2023-02-30"), "journal_bad_field"),
        (line(date=...), "journal_bad_field"),
        (line(recorded_at="yesterday"), "journal_bad_field"),
        (line(recorded_at="2023-09-28T16:02:11"), "journal_bad_field"),
        (line(activity="5"), "journal_bad_field"),
        (line(activity=0), "journal_bad_field"),
        (line(v=2), "journal_bad_field"),
        (line(event=""), "journal_bad_field"),
        (line(note=12), "journal_bad_field"),
    ],
)
def test_bad_lines_are_reported_and_later_lines_still_count(
    tmp_path: Path, bad: str, key: str
) -> None:
    path = tmp_path / "j.jsonl"
    good_after = line(event="b" * 32, activity=6)
    path.write_text(line() + "\n" + bad + "\n" + good_after + "\n", encoding="utf-8")
    got = read_journal(path)
    assert [e.activity for e in got.events] == [5, 6]
    (problem,) = got.problems
    assert (problem.line, problem.key) == (2, key)


def test_torn_last_line_is_reported_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    path.write_text(line() + "\n" + line(event="c" * 32)[:40], encoding="utf-8")
    got = read_journal(path)
    assert len(got.events) == 1
    assert [(p.line, p.key) for p in got.problems] == [(2, "journal_torn")]


def test_append_after_a_torn_line_starts_a_new_line(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    path.write_text(line() + "\n" + line(event="c" * 32)[:40], encoding="utf-8")
    append_events(path, [new_event(6, "done", date(2023, 9, 28), by="", now=NOW)])
    got = read_journal(path)
    assert [e.activity for e in got.events] == [5, 6]
    assert [p.key for p in got.problems] == ["journal_not_json"]


def test_bom_crlf_blank_lines_and_nul_in_a_note(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    text = "\ufeff" + line(note="含\u0000空字符") + "\r\n\r\n   \n" + line(event="d" * 32) + "\r\n"
    path.write_bytes(text.encode("utf-8"))
    got = read_journal(path)
    assert got.problems == []
    assert [e.note for e in got.events] == ["含\u0000空字符", "完成"]


def test_invalid_utf8_and_overlong_lines(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    long_note = line(note="长" * MAX_LINE_BYTES)
    path.write_bytes(b"\xff\xfe bad\n" + long_note.encode() + b"\n" + line().encode() + b"\n")
    got = read_journal(path)
    assert [(p.line, p.key) for p in got.problems] == [
        (1, "journal_not_utf8"),
        (2, "journal_line_too_long"),
    ]
    assert len(got.events) == 1


def test_unknown_activities_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    path.write_text(line(activity=99) + "\n" + line(event="e" * 32) + "\n", encoding="utf-8")
    got = read_journal(path, known_ids=range(1, 13))
    assert [e.activity for e in got.events] == [5]
    assert [(p.line, p.key, p.params) for p in got.problems] == [
        (1, "journal_unknown_activity", {"id": 99})
    ]


def test_unknown_keys_of_a_newer_qm_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    path.write_text(line(office="三明") + "\n", encoding="utf-8")
    (e,) = read_journal(path).events
    assert e.as_dict()["office"] == "三明"


def test_a_directory_is_not_a_journal(tmp_path: Path) -> None:
    with pytest.raises(DataError) as err:
        read_journal(tmp_path)
    assert err.value.key == "file_is_dir"
    with pytest.raises(DataError) as err:
        append_events(tmp_path, [new_event(1, "done", date(2023, 9, 1), by="", now=NOW)])
    assert err.value.key == "file_is_dir"


def test_several_events_are_one_write_of_whole_lines(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    events = [new_event(i, "done", date(2023, 9, 1), by="", now=NOW) for i in (1, 2, 3)]
    append_events(path, events)
    assert path.read_bytes() == encode(events)


def test_reading_only_some_ids_finds_exactly_their_events(tmp_path: Path) -> None:
    """The quick filter of write commands: id 1 must not pick up 11 or 21, whatever the
    spacing, and must find every event of 1."""
    path = tmp_path / "j.jsonl"
    lines = [
        line(event="a1", activity=1),
        line(event="a11", activity=11),
        line(event="a21", activity=21, date="2023-09-01"),
        '{"v":1,"event":"b1","activity":1,"action":"note","date":"2023-09-01","note":"1",'
        '"by":"","recorded_at":"2023-09-01T09:00:00+08:00"}',
        line(event="c12", activity=12, note="活动 1 的备注"),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    everything = list(iter_events(path))
    for ids in ({1}, {11, 12}, {21}, {5}):
        got = list(iter_events(path, only=ids))
        assert got == [e for e in everything if e.activity in ids]

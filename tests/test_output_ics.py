"""The ics writer: RFC 5545 as Outlook and phone calendars read it, parsed back by the
``icalendar`` package and checked octet by octet."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest

from qualitymonth.output.ics import fold, render_list
from tests.writer_docs import AS_OF, activity, shipped_list


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return shipped_list(tmp_path_factory.mktemp("cache"))


def events(data: bytes) -> list[Any]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    assert not [line for line in lines if b"\n" in line or b"\r" in line]  # CRLF only
    return lines


def assert_well_folded(data: bytes) -> None:
    for line in physical_lines(data):
        assert len(line) <= 75, line
        line.decode("utf-8")  # no character is split between two lines


def test_every_dated_activity_is_one_all_day_event_on_its_deadline(
    shipped: dict[str, Any],
) -> None:
    data = render_list(shipped, {})
    cal = icalendar.Calendar.from_ical(data)
    assert cal["VERSION"] == "2.0" and cal["METHOD"] == "PUBLISH" and cal["PRODID"]
    found = {str(e["UID"]): e for e in events(data)}
    activities = shipped["activities"]
    assert len(found) == len(activities) == 12  # every activity of the shipped plan is dated
    for a in activities:
        (e,) = [e for uid, e in found.items() if uid.endswith(f"-{a['id']}@qualitymonth")]
        end = date.fromisoformat(a["end"])
        assert e["DTSTART"].dt == end and type(e["DTSTART"].dt) is date
        assert e["DTEND"].dt == end + timedelta(days=1)
        assert e["DTSTAMP"].dt.isoformat() == f"{AS_OF}T00:00:00+00:00"
        assert e["TRANSP"] == "TRANSPARENT"
        overdue = a["overdue"] and a["status"] != "done"
        assert str(e["SUMMARY"]) == ("[逾期] " if overdue else "") + a["theme"]
        description = str(e["DESCRIPTION"]).split("\n")
        assert description[:2] == [f"牵头部门：{a['lead']}", f"时间安排：{a['schedule']}"]
        assert description[2].startswith("状态：")
        if a["last_note"]:
            assert description[3] == f"最新备注：{a['last_note']}"
        alarms = list(e.walk("VALARM"))
        if a["status"] == "done":
            assert alarms == []
        else:
            (alarm,) = alarms
            assert alarm["ACTION"] == "DISPLAY"
            assert alarm["TRIGGER"].dt == timedelta(days=-3)
    assert sum(str(e["SUMMARY"]).startswith("[逾期] ") for e in found.values()) == sum(
        a["overdue"] and a["status"] != "done" for a in activities
    )
    assert_well_folded(data)


def test_the_file_is_the_same_every_time_and_uids_belong_to_the_plan(
    shipped: dict[str, Any],
) -> None:
    first = render_list(shipped, {})
    assert render_list(shipped, {}) == first
    uids = [str(e["UID"]) for e in events(first)]
    assert len(set(uids)) == len(uids)
    other = shipped | {"campaign": shipped["campaign"] | {"doc_no": "永市监质〔2024〕1号"}}
    assert not set(uids) & {str(e["UID"]) for e in events(render_list(other, {}))}
    assert all(uid.startswith("qm-") and uid.endswith("@qualitymonth") for uid in uids)


def doc(*activities: dict[str, Any]) -> dict[str, Any]:
    return {"campaign": {"name": "测试", "doc_no": "测〔2023〕1号"}, "as_of": AS_OF,
            "activities": list(activities)}  # fmt: skip


def test_undated_activities_have_no_event_and_several_periods_end_at_the_last() -> None:
    data = render_list(
        doc(
            activity(1, schedule="待定", start=None, end=None, periods=[]),
            activity(2, schedule="6月、9月", start="2023-06-01", end="2023-09-30",
                     periods=[["2023-06-01", "2023-06-30"], ["2023-09-01", "2023-09-30"]]),
            activity(3, start="2023-09-01", end="2023-09-15"),
        ),
        {},
    )  # fmt: skip
    found = {str(e["UID"]).split("-")[-1]: e for e in events(data)}
    assert sorted(found) == ["2@qualitymonth", "3@qualitymonth"]
    assert found["2@qualitymonth"]["DTSTART"].dt == date(2023, 9, 30)


def test_old_json_without_periods_uses_start_and_end() -> None:
    a = activity(1, start="2023-09-01", end="2023-09-15")
    del a["periods"]
    (e,) = events(render_list(doc(a), {}))
    assert e["DTSTART"].dt == date(2023, 9, 15)


@pytest.mark.parametrize(
    "text",
    [
        "逗号,分号;反斜杠\\结尾",
        "两行\n文字\r\n三行",
        "a\\,b\\;c\\nd",  # text that already looks escaped stays that text
        "</script>\x1b[31m<img src=x>",
    ],
)
def test_text_is_escaped_and_reads_back_as_written(text: str) -> None:
    a = activity(1, theme=text, last_note=text, status="doing")
    data = render_list(doc(a), {})
    (e,) = events(data)
    shown = text.replace("\x1b", "").replace("\r\n", "\n")
    assert str(e["SUMMARY"]) == " ".join(shown.split())  # a summary is one line
    assert str(e["DESCRIPTION"]).endswith(f"最新备注：{shown}")
    raw = data.replace(b"\r\n ", b"").decode("utf-8")
    assert "\x1b" not in raw
    if "," in text and "\\" not in text:
        assert "逗号\\,分号\\;反斜杠" in raw
    assert_well_folded(data)


@pytest.mark.parametrize("pad", range(60, 75))
def test_a_four_byte_emoji_is_never_split_at_a_fold(pad: int) -> None:
    theme = "x" * pad + "🎉" * 3 + "质量月" * 30
    data = render_list(doc(activity(1, theme=theme)), {})
    assert_well_folded(data)
    (e,) = events(data)
    assert str(e["SUMMARY"]) == theme


def test_fold_counts_octets_and_keeps_short_lines() -> None:
    assert fold("SUMMARY:短") == "SUMMARY:短".encode() + b"\r\n"
    line = "DESCRIPTION:" + "质" * 40
    folded = fold(line)
    assert folded.replace(b"\r\n ", b"") == line.encode("utf-8") + b"\r\n"
    parts = folded[:-2].split(b"\r\n")
    assert [len(p) for p in parts] == [75, 58]  # 12 + 21 * 3, then " " + 19 * 3


def test_english_prefix_and_labels() -> None:
    (e,) = events(render_list(doc(activity(1, overdue=True, status="doing")), {"lang": "en"}))
    assert str(e["SUMMARY"]).startswith("[overdue] ")
    assert str(e["DESCRIPTION"]).split("\n")[:3] == [
        "Lead: 质量科",
        "Schedule: 9月",
        "Status: in progress · overdue",
    ]


def test_a_file_outlook_can_import(tmp_path: Path, shipped: dict[str, Any]) -> None:
    """Written to disk and read back as bytes: UTF-8 with no BOM, CRLF throughout."""
    path = tmp_path / "质量月.ics"
    path.write_bytes(render_list(shipped, {}))
    data = path.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")

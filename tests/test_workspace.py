"""The library under the CLI: a script does what the CLI does, with neither typer nor rich,
and the domain refuses every event its own reader would skip."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualitymonth.env import Environment
from qualitymonth.errors import DataError, QmError, UsageError
from qualitymonth.journal import Event, new_event, read_journal
from qualitymonth.workspace import Workspace

from .conftest import ROOT

FIXTURE_JOURNAL = ROOT / "tests" / "fixtures" / "journal-2023-09.jsonl"
GOLDEN = ROOT / "tests" / "golden" / "report-month9.json"
CST = timezone(timedelta(hours=8))
CST_NOW = datetime(2023, 9, 30, 12, 0, tzinfo=CST)


def open_ws(plan: Path, today: str = "2023-09-30", journal: Path | None = None) -> Workspace:
    return Workspace.open(plan, journal, env=Environment(today=date.fromisoformat(today)))


def test_a_script_reports_and_records_without_typer_or_rich(plan: Path, tmp_path: Path) -> None:
    journal = tmp_path / "j.jsonl"
    shutil.copyfile(FIXTURE_JOURNAL, journal)
    script = textwrap.dedent(
        f"""
        import json, sys
        from qualitymonth import Workspace

        ws = Workspace.open({str(plan)!r}, journal={str(journal)!r}, today="2023-10-08")
        report = ws.report(month=9)
        written = ws.record([12], "done", note="试点企业体系已建立", by="王芳")
        after = ws.report(month=9)
        loaded = [m for m in ("typer", "rich", "click") if m in sys.modules]
        print(json.dumps({{"report": report, "written": written, "after": after,
                          "loaded": loaded}}, ensure_ascii=False))
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("QM_")}
    env["QM_CACHE_DIR"] = str(tmp_path / "cache")
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, env=env, cwd=tmp_path, timeout=60
    )
    assert proc.returncode == 0, proc.stderr.decode()
    out = json.loads(proc.stdout)
    assert out["loaded"] == []
    assert out["report"] == json.loads(GOLDEN.read_text(encoding="utf-8"))
    [event] = out["written"]
    assert (event["activity"], event["action"], event["note"], event["by"]) == (
        12, "done", "试点企业体系已建立", "王芳"
    )  # fmt: skip
    assert event["date"] == "2023-10-08"
    assert out["after"]["totals"]["done"] == out["report"]["totals"]["done"] + 1
    lines = journal.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1]) == event


def test_the_public_api_returns_the_json_fields(plan: Path) -> None:
    ws = open_ws(plan, journal=FIXTURE_JOURNAL, today="2023-10-08")
    states = ws.states()
    assert [s["id"] for s in states] == list(range(1, 13))
    assert set(states[0]) == {
        "id", "theme", "content", "schedule", "start", "end", "periods", "lead", "assist",
        "remark", "status", "percent", "overdue", "late", "done_on", "last_note",
    }  # fmt: skip
    shown = ws.show(5)
    assert shown["status"] == "done" and [e["action"] for e in shown["history"]][-1] == "done"
    agenda = ws.agenda(days=30)
    assert set(agenda) == {"as_of", "days", "overdue", "ending", "starting"}
    assert [e["activity"] for e in ws.log(5)] == [5] * len(ws.log(5))


def test_the_library_raises_what_the_cli_reports(plan: Path) -> None:
    ws = open_ws(plan)
    with pytest.raises(DataError) as unknown:
        ws.record([99], "done")
    assert unknown.value.exit_code == 1 and "99" in str(unknown.value)
    with pytest.raises(DataError, match=r"质量科|known"):
        ws.report(dept="不存在的科")
    with pytest.raises(UsageError):
        ws.record([5], "done", date="2023-10-30")  # after today
    assert not ws.journal.exists()


@pytest.mark.parametrize(
    ("action", "percent", "note", "key"),
    [
        ("finish", None, None, "bad_action"),
        ("progress", 150, None, "bad_percent"),
        ("progress", -1, None, "bad_percent"),
        ("progress", None, None, "progress_needs_percent"),
        ("note", None, "   ", "note_empty"),
        ("note", None, "长" * 10_001, "note_too_long"),
    ],
)
def test_no_caller_can_make_an_event_the_reader_would_skip(
    action: str, percent: int | None, note: str | None, key: str
) -> None:
    now = datetime(2023, 9, 28, 16, 0, tzinfo=CST)
    with pytest.raises(QmError) as refused:
        new_event(5, action, date(2023, 9, 28), by="", now=now, percent=percent, note=note)
    assert refused.value.key == key


def test_every_event_the_domain_makes_is_read_back(tmp_path: Path) -> None:
    from qualitymonth.journal import ACTIONS, append_events

    now = datetime(2023, 9, 28, 16, 0, tzinfo=CST)
    path = tmp_path / "j.jsonl"
    made = [
        new_event(i + 1, a, date(2023, 9, 28), by="甲", now=now, percent=50, note="x\x01")
        for i, a in enumerate(ACTIONS)
    ]
    append_events(path, made)
    read = read_journal(path)
    assert read.problems == [] and read.events == made


@pytest.mark.parametrize(
    ("first", "then", "key"),
    [
        (("done", "2023-09-26"), ("reopen", "2023-09-20"), "outweighed"),
        (("reopen", "2023-09-26"), ("done", "2023-09-20"), "outweighed"),
        (("start", "2023-09-20"), ("start", "2023-09-25"), "already_started"),
        (("done", "2023-09-20"), ("done", "2023-09-25"), "already_done"),
        (("done", "2023-09-20"), ("start", "2023-09-25"), "start_done"),
        ((None, None), ("reopen", "2023-09-25"), "reopen_not_done"),
    ],
)
def test_a_write_that_changes_nothing_is_refused_and_names_why(
    plan: Path, first: tuple[str | None, str | None], then: tuple[str, str], key: str
) -> None:
    ws = open_ws(plan)
    if first[0] == "reopen":
        ws.record([4], "done", date="2023-09-22")
    if first[0] is not None:
        ws.record([4], first[0], date=first[1])
    before = ws.journal.read_bytes() if ws.journal.exists() else b""
    with pytest.raises(DataError) as refused:
        ws.record([4], then[0], date=then[1])
    assert refused.value.key == key
    assert (ws.journal.read_bytes() if ws.journal.exists() else b"") == before
    ws.record([4], then[0], date=then[1], force=True)  # --force records it all the same
    assert len(read_journal(ws.journal).events) == len(before.splitlines()) + 1


def test_the_same_percent_twice_is_refused_and_a_new_one_is_not(plan: Path) -> None:
    ws = open_ws(plan)
    ws.record([12], "progress", percent=30, date="2023-09-20")
    with pytest.raises(DataError) as refused:
        ws.record([12], "progress", percent=30, date="2023-09-21")
    assert refused.value.key == "already_percent"
    ws.record([12], "progress", percent=40, date="2023-09-21")
    assert ws.states()[11]["percent"] == 40


def test_a_refused_id_writes_none_of_the_others(plan: Path) -> None:
    ws = open_ws(plan)
    ws.record([5], "done", date="2023-09-20")
    with pytest.raises(DataError):
        ws.record([6, 5, 7], "done", date="2023-09-21")
    assert [e.activity for e in read_journal(ws.journal).events] == [5]


def test_any_date_up_to_today_is_recorded_with_a_warning_outside_the_campaign(
    plan: Path,
) -> None:
    ws = open_ws(plan, today="2026-11-27")
    ws.record([5], "done", note="补记")
    assert [w.key for w in ws.warnings] == ["date_after_campaign"]
    ws.record([6], "done", date="2023-09-01")
    assert [w.key for w in ws.warnings][-1] == "date_before_issue"
    assert [e.date for e in read_journal(ws.journal).events] == [
        date(2026, 11, 27), date(2023, 9, 1)
    ]  # fmt: skip


def test_warnings_go_to_the_callback_as_they_are_found(plan: Path, tmp_path: Path) -> None:
    journal = tmp_path / "j.jsonl"
    journal.write_text('{"torn": \n', encoding="utf-8")
    seen: list[str] = []
    ws = Workspace.open(
        plan,
        journal,
        env=Environment(today=date(2023, 9, 30)),
        on_warning=lambda p: seen.append(p.key),
    )
    ws.states()
    assert seen == ["journal_not_json"] and [w.key for w in ws.warnings] == seen


def test_progress_zero_on_a_started_activity_is_refused_not_a_crash(plan: Path) -> None:
    ws = open_ws(plan)
    ws.record([5], "start", date="2023-09-20")
    with pytest.raises(DataError) as refused:
        ws.record([5], "progress", percent=0, date="2023-09-21")
    assert refused.value.key == "already_percent"
    ws.record([5], "progress", percent=10, date="2023-09-21")


ACTION = st.sampled_from(["start", "progress", "done", "reopen", "note"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(ACTION, st.integers(1, 30), st.integers(0, 100)), max_size=6),
    st.tuples(ACTION, st.integers(1, 30), st.integers(0, 100)),
)
def test_the_write_rule_refuses_exactly_what_changes_nothing(
    history: list[tuple[str, int, int]], new: tuple[str, int, int]
) -> None:
    """Whatever came before, a new event is either refused with a DataError naming why, or
    allowed; and an allowed start/done/reopen/progress changes what the activity shows."""
    from qualitymonth.journal.events import absorb
    from qualitymonth.state import _standing, check_write

    def make(i: int, action: str, day: int, pct: int) -> Event:
        percent = pct if action == "progress" else None
        return new_event(
            4, action, date(2023, 9, day), by="", now=CST_NOW + timedelta(seconds=i),
            percent=percent, note="x" if action == "note" else None,
        )  # fmt: skip

    slot: list[Event | None] = [None, None, None]
    for i, (action, day, pct) in enumerate(history):
        absorb(slot, make(i, action, day, pct))
    event = make(99, *new)
    try:
        check_write(slot, event)
    except DataError as refused:
        assert refused.key in {
            "already_done", "start_done", "reopen_not_done", "already_started",
            "already_percent", "outweighed",
        }  # fmt: skip
        return
    if event.action != "note":
        after = list(slot)
        absorb(after, event)
        assert _standing(after) != _standing(slot)

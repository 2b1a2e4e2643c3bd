"""The fold: events -> activity states, as of a date.  Pure and table-tested."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from itertools import count

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualitymonth.errors import DataError
from qualitymonth.journal.events import Event
from qualitymonth.plan import load_plan
from qualitymonth.query import find_activity, resolve_department, select
from qualitymonth.state import Status, fold

from .conftest import SHIPPED

LOADED = load_plan(SHIPPED)
_seq = count()
CST = timezone(timedelta(hours=8))


def ev(
    activity: int,
    action: str,
    day: str,
    *,
    percent: int | None = None,
    note: str | None = None,
    at: str | None = None,
    ident: str | None = None,
) -> Event:
    """An event; ``at`` is when it was written (default: a fresh, later instant each call)."""
    recorded = (
        datetime.fromisoformat(at)
        if at
        else datetime(2023, 10, 1, tzinfo=CST) + timedelta(seconds=next(_seq))
    )
    return Event(
        event=ident or f"e{next(_seq):06d}",
        activity=activity,
        action=action,
        date=date.fromisoformat(day),
        recorded_at=recorded.isoformat(),
        recorded=recorded,
        by="张三",
        percent=percent,
        note=note,
    )


def state_of(events: list[Event], as_of: str = "2023-10-08", ident: int = 5) -> tuple:
    s = find_activity(fold(LOADED.plan, LOADED.periods, events, date.fromisoformat(as_of)), ident)
    done = s.done_on.isoformat() if s.done_on else None
    return (s.status.value, s.percent, done, s.last_note, s.overdue, s.late)


CASES = [
    ("no events", [], ("todo", 0, None, None, False, False)),
    ("started", [ev(5, "start", "2023-09-01")], ("doing", 0, None, None, False, False)),
    (
        "progress then done",
        [
            ev(5, "progress", "2023-09-10", percent=40, note="抽查 5 家"),
            ev(5, "done", "2023-09-28"),
        ],
        ("done", 100, "2023-09-28", "抽查 5 家", False, False),
    ),
    (
        "done, then reopened",
        [ev(5, "done", "2023-09-20", note="完成"), ev(5, "reopen", "2023-09-25", note="需补充")],
        ("doing", 100, None, "需补充", False, False),
    ),
    (
        "backfilled earlier date written later still folds first",
        [ev(5, "done", "2023-09-28"), ev(5, "start", "2023-09-01", note="开始抽查")],
        ("done", 100, "2023-09-28", "开始抽查", False, False),
    ),
    (
        "progress 100 is done",
        [ev(5, "progress", "2023-09-30", percent=100)],
        ("done", 100, "2023-09-30", None, False, False),
    ),
    (
        "a note changes no status",
        [ev(5, "note", "2023-09-05", note="已联系 12 家机构")],
        ("todo", 0, None, "已联系 12 家机构", False, False),
    ),
    (
        "events after the as-of date do not count",
        [ev(5, "start", "2023-09-01"), ev(5, "done", "2023-10-09")],
        ("doing", 0, None, None, False, False),
    ),
    (
        "done after the period end is late",
        [ev(5, "done", "2023-11-02")],
        ("done", 100, "2023-11-02", None, False, True),
    ),
]


@pytest.mark.parametrize(("name", "events", "expected"), CASES, ids=[c[0] for c in CASES])
def test_fold(name: str, events: list[Event], expected: tuple) -> None:
    as_of = "2023-11-30" if "late" in name else "2023-10-08"
    assert state_of(events, as_of) == expected


def test_overdue_when_not_done_past_the_end() -> None:
    assert state_of([ev(5, "start", "2023-09-01")], "2023-11-01")[4] is True
    assert state_of([], "2023-10-31")[4] is False  # the last day is not yet overdue


def test_same_day_events_fold_in_recorded_order_across_offsets() -> None:
    # 09:00+08:00 is 01:00 UTC, before 02:00+00:00, whatever the strings say.
    first = ev(5, "done", "2023-09-28", at="2023-09-28T09:00:00+08:00")
    second = ev(5, "reopen", "2023-09-28", at="2023-09-28T02:00:00+00:00")
    assert state_of([second, first])[0] == "doing"
    assert state_of([first, second])[0] == "doing"


def test_ties_break_on_event_id() -> None:
    at = "2023-09-28T09:00:00+08:00"
    a = ev(5, "done", "2023-09-28", at=at, ident="aaa")
    b = ev(5, "reopen", "2023-09-28", at=at, ident="bbb")
    assert state_of([b, a])[0] == state_of([a, b])[0] == "doing"


def test_a_duplicated_event_counts_once() -> None:
    e = ev(5, "note", "2023-09-05", note="一次")
    states = fold(LOADED.plan, LOADED.periods, [e, e, e], date(2023, 10, 8), keep=lambda _: True)
    assert len(find_activity(states, 5).history) == 1


def test_events_of_unknown_activities_are_ignored() -> None:
    states = fold(LOADED.plan, LOADED.periods, [ev(99, "done", "2023-09-05")], date(2023, 10, 8))
    assert all(s.status is Status.TODO for s in states)


def test_history_is_in_fold_order_and_as_of_bounded() -> None:
    events = [
        ev(5, "done", "2023-09-28"),
        ev(5, "start", "2023-09-01"),
        ev(5, "note", "2023-10-20"),
    ]
    states = fold(LOADED.plan, LOADED.periods, events, date(2023, 10, 8), keep=lambda _: True)
    assert [e.action for e in find_activity(states, 5).history] == ["start", "done"]
    assert (
        find_activity(fold(LOADED.plan, LOADED.periods, events, date(2023, 10, 8)), 5).history == ()
    )


def test_select_by_status_overdue_and_late() -> None:
    events = [ev(1, "done", "2023-10-03"), ev(3, "done", "2023-09-20")]
    states = fold(LOADED.plan, LOADED.periods, events, date(2023, 10, 8))
    late = [s.activity.id for s in select(LOADED.plan, states, status="late")]
    overdue = [s.activity.id for s in select(LOADED.plan, states, status="overdue")]
    assert late == [1]
    assert overdue == [4, 6, 7, 8, 9]


def test_resolve_department_is_forgiving_in_form_only() -> None:
    assert resolve_department(LOADED.plan, " 质量监督科 ") == "质量科"
    assert resolve_department(LOADED.plan, "执法大队") == "执法大队"
    with pytest.raises(DataError) as err:
        resolve_department(LOADED.plan, "执法队")
    assert "closest: '执法大队'" in str(err.value)


# --------------------------------------------------------------------------- the one-pass fold


def reference_fold(events: list[Event], as_of: date) -> dict[int, tuple]:
    """The fold as PRODUCT.md words it: sort, deduplicate, apply each event in turn."""
    unique = {e.event: e for e in reversed(events)}  # first occurrence of an id wins
    out: dict[int, tuple] = {}
    for ident in range(1, 13):
        status, percent, done_on, note = "todo", 0, None, None
        mine = sorted(
            (e for e in unique.values() if e.activity == ident and e.date <= as_of),
            key=lambda e: e.order,
        )
        for e in mine:
            if e.action == "start" or e.action == "reopen":
                status, done_on = "doing", None
            elif e.action == "progress":
                percent = min(100, e.percent or 0)
                status, done_on = ("done", e.date) if percent >= 100 else ("doing", None)
            elif e.action == "done":
                status, percent, done_on = "done", 100, e.date
            if e.note:
                note = e.note
        out[ident] = (status, percent, done_on, note)
    return out


_ACTION = st.sampled_from(["start", "progress", "done", "reopen", "note"])


@st.composite
def event_lists(draw: st.DrawFn) -> list[Event]:
    events = []
    for i in range(draw(st.integers(0, 30))):
        action = draw(_ACTION)
        recorded = datetime(2023, 9, 1, tzinfo=CST) + timedelta(minutes=draw(st.integers(0, 5000)))
        events.append(
            Event(
                event=f"{i:04d}",
                activity=draw(st.integers(1, 12)),
                action=action,
                date=date(2023, 9, 1) + timedelta(days=draw(st.integers(0, 40))),
                recorded_at=recorded.isoformat(),
                recorded=recorded,
                percent=draw(st.integers(0, 100)) if action == "progress" else None,
                note=draw(st.sampled_from([None, "甲", "乙"])),
            )
        )
    if events and draw(st.booleans()):  # a union merge duplicated some lines
        events += draw(st.lists(st.sampled_from(events), max_size=5))
    return events


@settings(max_examples=300, deadline=None)
@given(event_lists(), st.dates(date(2023, 9, 1), date(2023, 10, 15)))
def test_one_pass_fold_equals_the_sequential_fold(events: list[Event], as_of: date) -> None:
    expected = reference_fold(events, as_of)
    states = fold(LOADED.plan, LOADED.periods, events, as_of, keep=lambda _: True)
    for s in states:
        got = (s.status.value, s.percent, s.done_on, s.last_note)
        assert got == expected[s.activity.id]
        assert [e.event for e in s.history] == sorted(
            {e.event for e in events if e.activity == s.activity.id and e.date <= as_of},
            key=lambda i: next(e for e in events if e.event == i).order,
        )

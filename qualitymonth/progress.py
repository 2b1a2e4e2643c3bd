"""Fold journal events into activity states, and select activities.  Pure: takes ``as_of``.

The state of an activity as of a date counts only the events dated on or before it, in
(date, recorded_at, event id) order, so a report as of an earlier date is reproducible.
"""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Literal

from qualitymonth.errors import DataError
from qualitymonth.i18n import Msg
from qualitymonth.model import Activity, Plan
from qualitymonth.schedule import Period, month_period

__all__ = [
    "ActivityState",
    "Event",
    "Role",
    "Status",
    "fold",
    "resolve_department",
    "select",
]

Role = Literal["lead", "assist", "any"]
ACTIONS = ("start", "progress", "done", "reopen", "note")


class Status(StrEnum):
    TODO = "todo"
    DOING = "doing"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Event:
    """One journal line: something that happened to one activity."""

    event: str
    activity: int
    action: str
    date: dt.date
    #: When it was written, as stored (ISO 8601 with its UTC offset) and as parsed.
    recorded_at: str
    recorded: datetime
    by: str = ""
    percent: int | None = None
    note: str | None = None
    #: Keys a newer qm wrote that this one does not know: kept, shown by ``log``.
    extra: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        """The journal's own representation (the ``log --format json`` shape)."""
        out: dict[str, Any] = {
            "v": 1,
            "event": self.event,
            "activity": self.activity,
            "action": self.action,
            "date": self.date.isoformat(),
        }
        if self.percent is not None:
            out["percent"] = self.percent
        if self.note is not None:
            out["note"] = self.note
        out["by"] = self.by
        out["recorded_at"] = self.recorded_at
        if self.extra:
            out.update(self.extra)
        return out

    @property
    def order(self) -> tuple[dt.date, datetime, str]:
        """Fold order: the day it happened, then the instant it was written, then its id."""
        return (self.date, self.recorded, self.event)


@dataclass(frozen=True, slots=True)
class ActivityState:
    """An activity as it stands on ``as_of``."""

    activity: Activity
    period: Period | None
    as_of: date
    status: Status = Status.TODO
    percent: int = 0
    done_on: date | None = None
    last_note: str | None = None
    history: tuple[Event, ...] = field(default=())

    @property
    def overdue(self) -> bool:
        """Not done, and the as-of date is past the period's end."""
        return (
            self.status is not Status.DONE
            and self.period is not None
            and self.as_of > self.period.end
        )

    @property
    def late(self) -> bool:
        """Done after the period's end."""
        return (
            self.status is Status.DONE
            and self.done_on is not None
            and self.period is not None
            and self.done_on > self.period.end
        )

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON shape of an activity (PRODUCT.md, "JSON shapes")."""
        a, p = self.activity, self.period
        return {
            "id": a.id,
            "theme": a.theme,
            "content": a.content,
            "schedule": a.schedule,
            "start": p.start.isoformat() if p else None,
            "end": p.end.isoformat() if p else None,
            "lead": a.lead,
            "assist": list(a.assist),
            "remark": a.remark,
            "status": self.status.value,
            "percent": self.percent,
            "overdue": self.overdue,
            "late": self.late,
            "done_on": self.done_on.isoformat() if self.done_on else None,
            "last_note": self.last_note,
        }


def _apply(state: dict[str, Any], e: Event) -> None:
    if e.action == "start":
        state.update(status=Status.DOING, done_on=None)
    elif e.action == "progress":
        pct = e.percent if e.percent is not None else state["percent"]
        if pct >= 100:
            state.update(status=Status.DONE, percent=100, done_on=e.date)
        else:
            state.update(status=Status.DOING, percent=pct, done_on=None)
    elif e.action == "done":
        state.update(status=Status.DONE, percent=100, done_on=e.date)
    elif e.action == "reopen":
        state.update(status=Status.DOING, done_on=None)
    if e.note:
        state["last_note"] = e.note


def fold(
    plan: Plan,
    periods: dict[int, Period | None],
    events: Iterable[Event],
    as_of: date,
) -> list[ActivityState]:
    """Every activity's state as of ``as_of``, in plan order.

    Events after ``as_of`` are not counted; an event id seen twice (a journal merged by git's
    union merge) counts once; events for ids the plan does not have are ignored here (the
    journal reader reports them).
    """
    by_activity: dict[int, dict[str, Event]] = {a.id: {} for a in plan.activities}
    for e in events:
        bucket = by_activity.get(e.activity)
        if bucket is not None and e.date <= as_of:
            bucket.setdefault(e.event, e)
    states: list[ActivityState] = []
    for a in plan.activities:
        history = tuple(sorted(by_activity[a.id].values(), key=lambda e: e.order))
        state: dict[str, Any] = {
            "status": Status.TODO,
            "percent": 0,
            "done_on": None,
            "last_note": None,
        }
        for e in history:
            _apply(state, e)
        states.append(
            ActivityState(
                activity=a, period=periods.get(a.id), as_of=as_of, history=history, **state
            )
        )
    return states


# --------------------------------------------------------------------------- selecting


def _fold_text(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def resolve_department(plan: Plan, name: str) -> str:
    """The canonical name of department ``name`` (or of its alias).

    Raises :class:`DataError` naming the known departments and the closest match.
    """
    canonical = plan.canonical()
    wanted = _fold_text(name)
    for known, canon in canonical.items():
        if _fold_text(known) == wanted:
            return canon
    names = plan.department_names()
    guess = difflib.get_close_matches(name.strip(), list(canonical), n=1, cutoff=0.0)
    hint = Msg("closest", {"guess": guess[0]}) if guess else ""
    raise DataError("unknown_department", name=name, hint=hint, known="、".join(names))


def in_department(canon: dict[str, str], a: Activity, dept: str, role: Role) -> bool:
    """Whether ``a`` involves canonical department ``dept`` in ``role``."""
    lead = canon.get(a.lead, a.lead) == dept
    assist = any(canon.get(n, n) == dept for n in a.assist)
    return lead if role == "lead" else assist if role == "assist" else lead or assist


def matches_search(a: Activity, needle: str) -> bool:
    wanted = _fold_text(needle)
    haystack = (a.theme, a.content, a.remark, a.schedule, a.lead, *a.assist)
    return any(wanted in _fold_text(text) for text in haystack)


def select(
    plan: Plan,
    states: Sequence[ActivityState],
    *,
    dept: str | None = None,
    role: Role = "any",
    month: tuple[int, int] | None = None,
    status: str | None = None,
    search: str | None = None,
) -> list[ActivityState]:
    """The states that pass every given filter.  ``dept`` must already be canonical."""
    span = month_period(*month) if month else None
    canon = plan.canonical()
    out: list[ActivityState] = []
    for s in states:
        if dept is not None and not in_department(canon, s.activity, dept, role):
            continue
        if span is not None and (s.period is None or not s.period.overlaps(span.start, span.end)):
            continue
        if status is not None and not _has_status(s, status):
            continue
        if search and not matches_search(s.activity, search):
            continue
        out.append(s)
    return out


def _has_status(s: ActivityState, status: str) -> bool:
    if status == "overdue":
        return s.overdue
    if status == "late":
        return s.late
    return s.status.value == status


def find_activity(states: Sequence[ActivityState], ident: int) -> ActivityState:
    for s in states:
        if s.activity.id == ident:
            return s
    valid = ", ".join(str(s.activity.id) for s in states)
    raise DataError("unknown_activity", id=ident, valid=valid)


# --------------------------------------------------------------------------- report aggregates


#: The count fields of a report row, in their JSON order.
COUNTED = ("activities", "done", "doing", "todo", "overdue", "late")


@dataclass(frozen=True, slots=True)
class Counts:
    """How many activities, and how they stand.  ``late`` are counted within ``done``;
    ``overdue`` within ``doing`` and ``todo``."""

    activities: int = 0
    done: int = 0
    doing: int = 0
    todo: int = 0
    overdue: int = 0
    late: int = 0

    @property
    def on_time(self) -> int:
        return self.done - self.late

    @property
    def completion_rate(self) -> float:
        """Done activities over activities (0 when there are none)."""
        return self.done / self.activities if self.activities else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "activities": self.activities,
            "done": self.done,
            "doing": self.doing,
            "todo": self.todo,
            "overdue": self.overdue,
            "late": self.late,
            "completion_rate": round(self.completion_rate, 4),
        }


def count(states: Iterable[ActivityState]) -> Counts:
    n = done = doing = todo = overdue = late = 0
    for s in states:
        n += 1
        done += s.status is Status.DONE
        doing += s.status is Status.DOING
        todo += s.status is Status.TODO
        overdue += s.overdue
        late += s.late
    return Counts(n, done, doing, todo, overdue, late)


def months_of(period: Period) -> list[tuple[int, int]]:
    """Every (year, month) the period overlaps, in order."""
    out = []
    y, m = period.start.year, period.start.month
    while (y, m) <= (period.end.year, period.end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


@dataclass(frozen=True)
class Report:
    """The summary a section submits: totals, per lead department, per month, overdue, notes."""

    plan: Plan
    as_of: date
    month: tuple[int, int] | None
    dept: str | None
    states: list[ActivityState]
    totals: Counts
    by_department: list[tuple[str, Counts]]
    by_month: list[tuple[tuple[int, int], Counts]]
    overdue: list[ActivityState]
    notes: list[tuple[ActivityState, list[Event]]]

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON shape of ``report`` (PRODUCT.md, "JSON shapes")."""
        c = self.plan.campaign
        return {
            "campaign": {
                "name": c.name,
                "year": c.year,
                "issuer": c.issuer,
                "doc_no": c.doc_no,
                "issued": c.issued.isoformat() if c.issued else None,
                "theme": c.theme,
                "report_to": c.report_to,
            },
            "as_of": self.as_of.isoformat(),
            "scope": {"month": month_label(self.month), "dept": self.dept},
            "totals": self.totals.as_dict(),
            "by_department": [
                {"department": name, **counts.as_dict()} for name, counts in self.by_department
            ],
            "by_month": [
                {"month": month_label(ym), **counts.as_dict()} for ym, counts in self.by_month
            ],
            "overdue": [s.as_dict() for s in self.overdue],
            "notes": [e.as_dict() for _, events in self.notes for e in events],
        }


def month_label(ym: tuple[int, int] | None) -> str | None:
    return f"{ym[0]:04d}-{ym[1]:02d}" if ym else None


def build_report(
    plan: Plan,
    states: Sequence[ActivityState],
    as_of: date,
    *,
    month: tuple[int, int] | None = None,
    dept: str | None = None,
) -> Report:
    """Aggregate ``states`` (already folded as of ``as_of``) for the scope month/dept.

    ``dept`` must be canonical.  The scope's activities are those ``select`` returns for the
    same filters, so the report agrees with ``list`` line for line.
    """
    scoped = select(plan, states, dept=dept, month=month)
    canon = plan.canonical()
    by_dept: dict[str, list[ActivityState]] = {name: [] for name in plan.department_names()}
    for s in scoped:
        by_dept[canon[s.activity.lead]].append(s)
    by_month: dict[tuple[int, int], list[ActivityState]] = {}
    for s in scoped:
        if s.period is None:
            continue
        for ym in months_of(s.period):
            if month is None or ym == month:
                by_month.setdefault(ym, []).append(s)
    overdue = sorted(
        (s for s in scoped if s.overdue),
        key=lambda s: (s.period.end if s.period else as_of, s.activity.id),
    )
    window = month_period(*month) if month else None
    notes = []
    for s in scoped:
        noted = [
            e
            for e in s.history
            if e.note and (window is None or window.start <= e.date <= window.end)
        ]
        if noted:
            notes.append((s, noted))
    return Report(
        plan=plan,
        as_of=as_of,
        month=month,
        dept=dept,
        states=list(scoped),
        totals=count(scoped),
        by_department=[(name, count(group)) for name, group in by_dept.items() if group],
        by_month=[(ym, count(by_month[ym])) for ym in sorted(by_month)],
        overdue=overdue,
        notes=notes,
    )


def agenda(
    plan: Plan, states: Sequence[ActivityState], as_of: date, days: int, dept: str | None = None
) -> dict[str, list[ActivityState]]:
    """The daily view: overdue, ending within ``days`` (as_of <= end <= as_of + days), starting
    within ``days``; done activities are not listed.  Each list is grouped by lead department
    in plan order, newest deadline first within a department."""
    horizon = as_of + timedelta(days=days)
    scoped = [s for s in select(plan, states, dept=dept) if s.status is not Status.DONE]
    order = {name: i for i, name in enumerate(plan.department_names())}
    canon = plan.canonical()

    def key(s: ActivityState) -> tuple[int, int, int]:
        end = s.period.end.toordinal() if s.period else 0
        return (order[canon[s.activity.lead]], -end, s.activity.id)

    dated = [(s, s.period) for s in scoped if s.period is not None]
    return {
        "overdue": sorted((s for s, _ in dated if s.overdue), key=key),
        "ending": sorted((s for s, p in dated if as_of <= p.end <= horizon), key=key),
        "starting": sorted((s for s, p in dated if as_of <= p.start <= horizon), key=key),
    }

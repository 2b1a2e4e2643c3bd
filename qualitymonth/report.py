"""Report aggregates: counts per scope, department and month; the agenda.  Pure.

Every figure is computed from the states that :func:`query.select` returns for the same
filters, so a report agrees with ``qm list`` line for line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from qualitymonth.journal.events import Event
from qualitymonth.model import Period, Plan, month_period
from qualitymonth.query import select
from qualitymonth.state import ActivityState, Status

__all__ = [
    "COUNTED",
    "Agenda",
    "Counts",
    "Report",
    "agenda",
    "build_report",
    "count",
    "months_of",
]


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


def count(states: Iterable[ActivityState]) -> Counts:
    """How ``states`` stand.  (A report counts 10,000 activities some sixty thousand times,
    once per scope, department and month: ``overdue`` and ``late`` are asked only where
    they can hold.)"""
    n = done = doing = todo = overdue = late = 0
    for s in states:
        n += 1
        status = s.status
        if status is Status.DONE:
            done += 1
            late += s.late
        else:
            if status is Status.DOING:
                doing += 1
            else:
                todo += 1
            overdue += s.overdue
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
    #: The scope's activities with no period (待定): counted in the totals, listed apart.
    undated: list[ActivityState] = field(default_factory=list)
    #: The notes as JSON already (each event's journal line, in UTF-8, copied out by the
    #: journal's index for the JSON writer to stream), when they were read that way.
    note_json: Iterable[bytes] | None = None


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
        months = {ym for p in s.periods for ym in months_of(p)}
        for ym in sorted(months):
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
        undated=[s for s in scoped if s.period is None],
    )


@dataclass(frozen=True)
class Agenda:
    """The daily view as of ``as_of``: overdue, ending and starting within ``days``."""

    as_of: date
    days: int
    overdue: list[ActivityState]
    ending: list[ActivityState]
    starting: list[ActivityState]

    def sections(self) -> dict[str, list[ActivityState]]:
        return {"overdue": self.overdue, "ending": self.ending, "starting": self.starting}


def agenda(
    plan: Plan, states: Sequence[ActivityState], as_of: date, days: int, dept: str | None = None
) -> Agenda:
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

    dated = [s for s in scoped if s.period is not None]
    return Agenda(
        as_of,
        days,
        overdue=sorted((s for s in dated if s.overdue), key=key),
        ending=sorted(
            (s for s in dated if any(as_of <= p.end <= horizon for p in s.periods)), key=key
        ),
        starting=sorted(
            (s for s in dated if any(as_of <= p.start <= horizon for p in s.periods)), key=key
        ),
    )

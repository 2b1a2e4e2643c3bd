"""Fold journal events into activity states, and select activities.  Pure: takes ``as_of``.

The state of an activity as of a date counts only the events dated on or before it, in
(date, recorded_at, event id) order, so a report as of an earlier date is reproducible.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal, NamedTuple

from qualitymonth.errors import DataError
from qualitymonth.i18n import Msg
from qualitymonth.model import Activity, Period, Plan, month_period

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


class Event(NamedTuple):
    """One journal line: something that happened to one activity.

    A named tuple rather than a dataclass: a journal holds hundreds of thousands of these,
    and a tuple is built several times faster than a frozen dataclass.
    """

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


def _after(e: Event, other: Event | None) -> bool:
    """Whether ``e`` folds after ``other``: (date, recorded instant, event id) order."""
    if other is None:
        return True
    if e.date != other.date:
        return e.date > other.date
    return e.order > other.order


#: What an action sets: the status (all but ``note``) and the percent (``progress``, ``done``).
_SETS_STATUS = frozenset({"start", "progress", "done", "reopen"})
_SETS_PERCENT = frozenset({"progress", "done"})


#: An activity's deciding events: the latest that set its status, its percent, its note.
Latest = list[Event | None]


def fold(
    plan: Plan,
    periods: dict[int, Period | None],
    events: Iterable[Event],
    as_of: date,
    keep: Callable[[Event], bool] | None = None,
) -> list[ActivityState]:
    """Every activity's state as of ``as_of``, in plan order, in one pass over ``events``.

    Folding the events in (date, recorded_at, event id) order comes down to "the latest wins"
    for each part of the state: the status is set by the latest start/progress/done/reopen,
    the percent by the latest progress/done, the last note by the latest event with a note.
    So the fold keeps three events per activity, not the journal, and ``events`` may be a
    stream.  Events after ``as_of`` do not count; an event seen twice (a journal merged by
    git's union merge) counts once; events for ids the plan does not have are ignored (the
    journal reader reports them).  ``history`` holds the events ``keep`` accepts, in order.
    """
    latest: dict[int, Latest] = {a.id: [None, None, None] for a in plan.activities}
    kept: dict[int, dict[str, Event]] = {}
    for e in events:
        slot = latest.get(e.activity)
        if slot is None or e.date > as_of:
            continue
        absorb(slot, e)
        if keep is not None and keep(e):
            kept.setdefault(e.activity, {}).setdefault(e.event, e)
    history = {
        ident: tuple(sorted(events.values(), key=lambda e: e.order))
        for ident, events in kept.items()
    }
    return states_from(plan, periods, latest, as_of, history)


def absorb(slot: Latest, e: Event) -> None:
    """Fold one event into an activity's deciding events (order does not matter)."""
    action = e.action
    if action in _SETS_STATUS and _after(e, slot[0]):
        slot[0] = e
    if action in _SETS_PERCENT and _after(e, slot[1]):
        slot[1] = e
    if e.note and _after(e, slot[2]):
        slot[2] = e


def states_from(
    plan: Plan,
    periods: dict[int, Period | None],
    latest: dict[int, Latest],
    as_of: date,
    history: dict[int, tuple[Event, ...]] | None = None,
    only: Iterable[int] | None = None,
) -> list[ActivityState]:
    """The states, in plan order, that the deciding events of each activity give (of the
    activities ``only``, when given)."""
    states: list[ActivityState] = []
    empty: Latest = [None, None, None]
    wanted = None if only is None else set(only)
    for a in plan.activities:
        if wanted is not None and a.id not in wanted:
            continue
        last_status, last_percent, last_note = latest.get(a.id, empty)
        status, done_on = Status.TODO, None
        if last_status is not None:
            done = last_status.action == "done" or (
                last_status.action == "progress" and (last_status.percent or 0) >= 100
            )
            status = Status.DONE if done else Status.DOING
            done_on = last_status.date if done else None
        percent = 0
        if last_percent is not None:
            percent = 100 if last_percent.action == "done" else min(100, last_percent.percent or 0)
        states.append(
            ActivityState(
                activity=a,
                period=periods.get(a.id),
                as_of=as_of,
                status=status,
                percent=percent,
                done_on=done_on,
                last_note=last_note.note if last_note else None,
                history=history.get(a.id, ()) if history else (),
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
    import difflib

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


def require_activity(plan: Plan, ident: int) -> Activity:
    """The activity with id ``ident``; an unknown id is a data error naming the valid ones."""
    activity = plan.activity(ident)
    if activity is None:
        valid = ", ".join(str(a.id) for a in plan.activities)
        raise DataError("unknown_activity", id=ident, valid=valid)
    return activity


def find_activity(states: Sequence[ActivityState], ident: int) -> ActivityState:
    for s in states:
        if s.activity.id == ident:
            return s
    valid = ", ".join(str(s.activity.id) for s in states)
    raise DataError("unknown_activity", id=ident, valid=valid)

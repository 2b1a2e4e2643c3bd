"""Where an activity's state is decided: fold journal events into states, when an activity
is overdue or late, and what a new event may do (the write rules).  Pure: takes ``as_of``.

The state of an activity as of a date counts only the events dated on or before it, in
(date, recorded_at, event id) order, so a report as of an earlier date is reproducible.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from qualitymonth.i18n import Msg
from qualitymonth.journal.events import Event, Latest, absorb
from qualitymonth.model import Activity, Period, Plan

__all__ = [
    "ActivityState",
    "Latest",
    "Status",
    "absorb",
    "check_write",
    "fold",
    "latest_events",
    "states_from",
]


class Status(StrEnum):
    TODO = "todo"
    DOING = "doing"
    DONE = "done"


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
    #: The periods, when the schedule names several (6月、9月); ``period`` is then their hull.
    spans: tuple[Period, ...] = ()

    @property
    def periods(self) -> tuple[Period, ...]:
        """The periods of the activity's schedule, in order (none when undated)."""
        if self.spans:
            return self.spans
        return (self.period,) if self.period is not None else ()

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


def fold(
    plan: Plan,
    periods: dict[int, Period | None],
    events: Iterable[Event],
    as_of: date,
    keep: Callable[[Event], bool] | None = None,
    spans: Mapping[int, tuple[Period, ...]] | None = None,
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
    return states_from(plan, periods, latest, as_of, history, spans=spans)


def states_from(
    plan: Plan,
    periods: dict[int, Period | None],
    latest: dict[int, Latest],
    as_of: date,
    history: dict[int, tuple[Event, ...]] | None = None,
    only: Iterable[int] | None = None,
    spans: Mapping[int, tuple[Period, ...]] | None = None,
) -> list[ActivityState]:
    """The states, in plan order, that the deciding events of each activity give (of the
    activities ``only``, when given); ``spans`` the periods of activities that have several."""
    states: list[ActivityState] = []
    empty: Latest = [None, None, None]
    wanted = None if only is None else set(only)
    for a in plan.activities:
        if wanted is not None and a.id not in wanted:
            continue
        slot = latest.get(a.id, empty)
        last_note = slot[2]
        status, done_on, percent = _standing(slot)
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
                spans=spans.get(a.id, ()) if spans else (),
            )
        )
    return states


# --------------------------------------------------------------------------- the write rules


def latest_events(events: Iterable[Event], ids: Iterable[int], as_of: date) -> dict[int, Latest]:
    """The deciding events of activities ``ids`` as of ``as_of``, from ``events``."""
    latest: dict[int, Latest] = {i: [None, None, None] for i in ids}
    for e in events:
        slot = latest.get(e.activity)
        if slot is not None and e.date <= as_of:
            absorb(slot, e)
    return latest


def _standing(slot: Latest) -> tuple[Status, date | None, int]:
    """(status, done_on, percent) that an activity's deciding events give."""
    last_status, last_percent, _ = slot
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
    return status, done_on, percent


def check_write(slot: Latest | None, new: Event) -> None:
    """Refuse ``new`` when it would change nothing an activity shows, naming why.

    ``slot`` holds the activity's deciding events as of today.  ``done`` on a done activity,
    ``start`` or ``progress`` on a done one, ``reopen`` on one not done, ``start`` on a
    started one, ``progress`` with the same percent, and a backdated event that a later
    event outweighs (a ``reopen`` dated before the ``done`` it would undo) are refused with
    a :class:`~qualitymonth.errors.DataError`.  A ``note`` always adds something.
    """
    from qualitymonth.errors import DataError

    if new.action == "note":
        return
    slot = slot or [None, None, None]
    status, done_on, percent = _standing(slot)
    ident = new.activity
    if new.action == "done" and status is Status.DONE:
        raise DataError("already_done", id=ident, date=done_on.isoformat() if done_on else "")
    if new.action in ("start", "progress") and status is Status.DONE:
        raise DataError("start_done", id=ident)
    if new.action == "reopen" and status is not Status.DONE:
        raise DataError("reopen_not_done", id=ident)
    after = list(slot)
    absorb(after, new)
    now = _standing(after)
    if new.action == "progress":
        if now != (status, done_on, percent):
            return
        decider = slot[1] or slot[0]  # no percent recorded yet: 0% since it started
        if decider is not None and percent == new.percent and decider.date <= new.date:
            raise DataError("already_percent", id=ident, percent=percent, date=decider.date)
    elif now[:2] != (status, done_on):
        return
    else:
        decider = slot[0]
    if new.action == "start" and decider is not None and decider.date <= new.date:
        raise DataError("already_started", id=ident, date=decider.date)
    if decider is None:  # cannot happen: an event that changes nothing has one outweighing it
        raise DataError("already_percent", id=ident, percent=percent, date=new.date)
    raise DataError(
        "outweighed", id=ident, date=decider.date, action=Msg(f"action_{decider.action}", {})
    )

"""Journal events: what one line holds, how a line is read, and how a new event is made.

Reading and making share one set of rules: :func:`new_event` checks every event it makes
with the very function that reads a line back (:func:`event_from_dict`), so no caller (the
CLI, the form collector, a script) can write a line the reader would skip.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, NamedTuple

from qualitymonth.errors import DataError, UsageError

__all__ = [
    "ACTIONS",
    "MAX_LINE_BYTES",
    "MAX_NOTE_CHARS",
    "Event",
    "Latest",
    "absorb",
    "encode",
    "event_from_dict",
    "new_event",
    "parse_line",
]

#: What can happen to an activity.
ACTIONS = ("start", "progress", "done", "reopen", "note")
VERSION = 1
#: A note is a sentence or a paragraph; past this it is refused at the door.
MAX_NOTE_CHARS = 10_000
#: No event written by qm comes near this; a longer line is reported and skipped.
MAX_LINE_BYTES = 256 * 1024
_FIELDS = frozenset(
    {"v", "event", "activity", "action", "date", "percent", "note", "by", "recorded_at"}
)


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


# --------------------------------------------------------------------------- which events decide


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


def absorb(slot: Latest, e: Event) -> None:
    """Fold one event into an activity's deciding events (order does not matter)."""
    action = e.action
    if action in _SETS_STATUS and _after(e, slot[0]):
        slot[0] = e
    if action in _SETS_PERCENT and _after(e, slot[1]):
        slot[1] = e
    if e.note and _after(e, slot[2]):
        slot[2] = e


# --------------------------------------------------------------------------- reading


class BadLine(ValueError):
    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params


def parse_line(raw: bytes) -> Event:
    """The event on one journal line (without its line end); ``ValueError`` if it has none."""
    if len(raw) > MAX_LINE_BYTES:
        raise BadLine("journal_line_too_long", limit=MAX_LINE_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadLine("journal_not_utf8") from None
    try:
        obj = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise BadLine("journal_not_json") from None
    if not isinstance(obj, dict):
        raise BadLine("journal_not_object")
    return event_from_dict(obj)


_ACTION_SET = frozenset(ACTIONS)


def event_from_dict(obj: dict[str, Any]) -> Event:
    """An :class:`Event` from one journal object; ``BadLine`` names what is wrong with it.

    A journal holds up to hundreds of thousands of these, nearly all well formed: they take
    the fast path, a single test of every rule; anything else gets the detailed checks.
    """
    get = obj.get
    ident, activity, action = get("event"), get("activity"), get("action")
    percent, note, by = get("percent"), get("note"), get("by", "")
    if (
        get("v") == VERSION
        and type(ident) is str
        and ident
        and type(activity) is int
        and activity > 0
        and action in _ACTION_SET
        and (percent is None or (type(percent) is int and 0 <= percent <= 100))
        and (percent is not None or action != "progress")
        and (note is None or type(note) is str)
        and type(by) is str
    ):
        stamp, day = get("recorded_at", ""), get("date", "")
        try:
            when = date.fromisoformat(day)
            recorded = datetime.fromisoformat(stamp)
        except (TypeError, ValueError):
            pass
        else:
            if recorded.tzinfo is not None:
                extra = None if obj.keys() <= _FIELDS else _extra(obj)
                return Event(
                    ident, activity, action, when, stamp, recorded, by, percent, note, extra
                )
    return _checked(obj)


def _extra(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if k not in _FIELDS}


def _checked(obj: dict[str, Any]) -> Event:
    """The slow path: find the first broken rule and say which."""
    if obj.get("v") != VERSION:
        raise BadLine("journal_bad_field", field="v", value=_short(obj.get("v")))
    ident = obj.get("event")
    if not isinstance(ident, str) or not ident:
        raise BadLine("journal_bad_field", field="event", value=_short(ident))
    activity = obj.get("activity")
    if not isinstance(activity, int) or isinstance(activity, bool) or activity <= 0:
        raise BadLine("journal_bad_field", field="activity", value=_short(activity))
    action = obj.get("action")
    if action not in ACTIONS:
        raise BadLine("journal_bad_action", value=_short(action), actions=", ".join(ACTIONS))
    try:
        when = date.fromisoformat(obj["date"])
        recorded = datetime.fromisoformat(obj["recorded_at"])
    except (KeyError, TypeError, ValueError):
        bad = "date" if "date" not in obj or not _is_date(obj["date"]) else "recorded_at"
        raise BadLine("journal_bad_field", field=bad, value=_short(obj.get(bad))) from None
    if recorded.tzinfo is None:
        raise BadLine("journal_bad_field", field="recorded_at", value=_short(obj["recorded_at"]))
    percent = obj.get("percent")
    if percent is not None and (
        not isinstance(percent, int) or isinstance(percent, bool) or not 0 <= percent <= 100
    ):
        raise BadLine("journal_bad_field", field="percent", value=_short(percent))
    if action == "progress" and percent is None:
        raise BadLine("journal_bad_field", field="percent", value="null")
    note = obj.get("note")
    if note is not None and not isinstance(note, str):
        raise BadLine("journal_bad_field", field="note", value=_short(note))
    by = obj.get("by", "")
    if not isinstance(by, str):
        raise BadLine("journal_bad_field", field="by", value=_short(by))
    extra = _extra(obj) or None
    return Event(
        event=ident,
        activity=activity,
        action=action,
        date=when,
        recorded_at=obj["recorded_at"],
        recorded=recorded,
        by=by,
        percent=percent,
        note=note,
        extra=extra,
    )


def _is_date(value: Any) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def new_event(
    activity: int,
    action: str,
    when: date,
    *,
    by: str,
    now: datetime,
    percent: int | None = None,
    note: str | None = None,
    event_id: str | None = None,
    extra: dict[str, Any] | None = None,
) -> Event:
    """A fresh event, recorded at ``now`` (an aware datetime), with a unique id (or
    ``event_id``, for a source that must be idempotent, such as a collected form).

    Raises :class:`UsageError` for what the caller got wrong (an unknown action, a percent
    outside 0-100, a note too long or empty for ``note``) and never returns an event the
    journal's reader would skip: the event is read back through :func:`event_from_dict`.
    """
    import uuid

    if now.tzinfo is None:
        raise ValueError("now must carry its UTC offset")
    if action not in ACTIONS:
        raise UsageError("bad_action", value=action, actions=", ".join(ACTIONS))
    if percent is not None and (
        isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100
    ):
        raise UsageError("bad_percent", value=percent)
    if action == "progress" and percent is None:
        raise UsageError("progress_needs_percent")
    if note is not None and len(note) > MAX_NOTE_CHARS:
        raise UsageError("note_too_long", count=len(note), limit=MAX_NOTE_CHARS)
    if action == "note" and not (note and note.strip()):
        raise UsageError("note_empty")
    made = Event(
        event=event_id or uuid.uuid4().hex,
        activity=activity,
        action=action,
        date=when,
        recorded_at=now.isoformat(timespec="microseconds"),
        recorded=now,
        by=by,
        percent=percent,
        note=note,
        extra={k: v for k, v in extra.items() if k not in _FIELDS} if extra else None,
    )
    try:
        event_from_dict(made.as_dict())
    except BadLine as bad:
        raise DataError("event_invalid", id=activity, field=bad.params.get("field", "")) from None
    return made


def encode(events: Iterable[Event]) -> bytes:
    """Journal lines: UTF-8, Chinese unescaped, one object per line."""
    return b"".join(
        (json.dumps(e.as_dict(), ensure_ascii=False, separators=(", ", ": ")) + "\n").encode()
        for e in events
    )

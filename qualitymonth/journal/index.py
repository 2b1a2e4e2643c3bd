"""An index of the journal, kept in the user cache folder: a read as of today need not parse
every line of a long journal.

For each activity the index holds its deciding events (the latest that set its status, its
percent and its note: :func:`qualitymonth.state.fold` needs nothing else) and where in the file each
note lies, with the problems of the lines it skipped.  It covers the journal's first ``size``
bytes, whole lines only, and is used only while those bytes still hash to what it recorded
and the plan has the same activity ids; the lines appended since are read and folded in (and
the index stored again once they are many).  An edited, truncated or replaced journal fails
the hash and is indexed again from its first line, so the index can never describe a journal
other than the one on disk.  It dropped the events it does not need, so it answers only for
as-of dates on or after its latest event (:meth:`JournalIndex.answers`); the caller reads the
journal for earlier ones.  A missing, stale, corrupt or unwritable index is never an error.

This module is what an index holds and how it answers; finding, checking and storing it in
the cache is :mod:`.index_store`.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import json
import os
import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any, NamedTuple

from qualitymonth.errors import Problem
from qualitymonth.journal.events import Event, Latest, absorb, parse_line
from qualitymonth.journal.store import Extent

__all__ = ["JournalIndex", "NoteRef", "Notes", "StaleIndex"]

#: The problems an index remembers; the commands show the first 20 and count the rest.
KEPT_PROBLEMS = 100
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # qm's own JSON, as render writes it
#: A JSON string exactly as qm's encoder writes it (``ensure_ascii=False``): any character but
#: a quote, a backslash or a control character, or the one escape the encoder uses for those.
#: (Possessive: a line that does not match fails at once, whatever it holds.)
_STR = rb'"(?:[^"\\\x00-\x1f]++|\\["\\bfnrt]|\\u00(?:0[0-7]|0b|0e|0f|1[0-9a-f]))*+"'


@functools.cache
def _canonical() -> re.Pattern[bytes]:
    """A journal line exactly as qm writes its event (``Event.as_dict`` encoded, no extra
    keys): such a line may be copied out as the event's JSON, neither parsed nor encoded
    again.  Compiled when first needed: a write command never needs it."""
    return re.compile(
        rb'\{"v": 1, "event": ' + _STR + rb', "activity": [1-9][0-9]*, "action": "[a-z]+", '
        rb'"date": "[0-9]{4}-[0-9]{2}-[0-9]{2}"(?:, "percent": (?:0|[1-9][0-9]*))?, '
        rb'"note": ' + _STR + rb', "by": ' + _STR + rb', "recorded_at": ' + _STR + rb"\}"
    )


class StaleIndex(Exception):
    """The index does not hold: its stored form is damaged, or the journal was rewritten
    while it was read.  Never shown to the user: the caller reads the journal instead."""


class NoteRef(NamedTuple):
    """Where an event with a note lies in the journal, and how it sorts."""

    activity: int
    date: int  # ordinal
    recorded: int  # microseconds since the epoch, UTC
    event: str
    offset: int
    length: int
    #: The line is exactly what qm writes for its event, so it may be copied out as it is.
    canonical: int


class Notes:
    """Every event with a note, by activity, in fold order: its id in ``names`` and six
    numbers in ``numbers`` (a :class:`NoteRef` without its id), column by column."""

    WIDTH = 6

    def __init__(self, names: list[str], numbers: array[int]) -> None:
        if len(numbers) != self.WIDTH * len(names):
            raise ValueError("the notes do not match their ids")
        self.names = names
        self.numbers = numbers
        self.spans: dict[int, tuple[int, int]] = {}
        activities = numbers[0 :: self.WIDTH]
        for i, activity in enumerate(activities):
            first, _ = self.spans.get(activity, (i, i))
            self.spans[activity] = (first, i + 1)

    @classmethod
    def of(cls, refs: list[NoteRef]) -> Notes:
        # By activity, then fold order; the earliest line first among copies of one event
        # (the order of a NoteRef's fields).
        refs = sorted(refs)
        numbers = array("q")
        for r in refs:
            numbers.extend((r.activity, r.date, r.recorded, r.offset, r.length, r.canonical))
        return cls([r.event for r in refs], numbers)

    def refs(self) -> list[NoteRef]:
        it = iter(self.numbers)
        return [
            NoteRef(activity, day, recorded, name, offset, length, canonical)
            for name, activity, day, recorded, offset, length, canonical in zip(
                self.names, it, it, it, it, it, it, strict=True
            )
        ]

    def select(self, ids: Iterable[int], low: int, high: int) -> list[int]:
        """The notes of activities ``ids``, in that order, dated in ordinals [low, high]:
        each event once per activity (its earliest line), in fold order."""
        dates = self.numbers[1 :: self.WIDTH]
        offsets = self.numbers[3 :: self.WIDTH]
        out: list[int] = []
        for ident in ids:
            span = self.spans.get(ident)
            if span is None:
                continue
            chosen = [i for i in range(*span) if low <= dates[i] <= high]
            names = [self.names[i] for i in chosen]
            if len(set(names)) != len(names):  # copies of one event: keep the earliest line
                first: dict[str, int] = {}
                for i, name in zip(chosen, names, strict=True):
                    if name not in first or offsets[i] < offsets[first[name]]:
                        first[name] = i
                kept = set(first.values())
                chosen = [i for i in chosen if i in kept]
            out.extend(chosen)
        return out


@dataclass
class JournalIndex:
    """What the first ``extent.size`` bytes of a journal say, for a plan with ``ids``."""

    path: Path
    ids: str
    extent: Extent = field(default_factory=Extent)
    sha256: Any = field(default_factory=hashlib.sha256)
    last_date: date | None = None
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    #: The notes indexed before, read from the stored index only when a report asks for
    #: them (its second line, at that offset, which must name the prefix hash of the
    #: first), and those found since.
    _notes_at: tuple[Path, int, str] | None = None
    _notes: Notes | None = None
    _new_notes: list[NoteRef] = field(default_factory=list)
    #: The deciding events: those made already, and as stored (rows of events; per activity
    #: its three rows) those not yet asked for.
    _latest: dict[int, Latest] = field(default_factory=dict)
    _event_columns: list[list[Any]] = field(default_factory=list)
    _slot_rows: dict[int, tuple[int, int, int]] = field(default_factory=dict)

    @property
    def latest(self) -> dict[int, Latest]:
        """Each activity's deciding events: the latest that set its status, percent, note."""
        self.latest_of(list(self._slot_rows))
        return self._latest

    def latest_of(self, ids: Iterable[int] | None) -> dict[int, Latest]:
        """:attr:`latest`, of the activities ``ids`` only (a write needs a few of 10,000)."""
        if ids is None:
            return self.latest
        made: dict[int, Event] = {}
        out: dict[int, Latest] = {}
        try:
            for ident in ids:
                rows = self._slot_rows.pop(ident, None)
                if rows is not None:
                    self._latest[ident] = [self._event(i, made) if i >= 0 else None for i in rows]
                if ident in self._latest:
                    out[ident] = self._latest[ident]
        except (ValueError, TypeError, IndexError):
            raise StaleIndex(str(self.path)) from None  # a damaged cache entry
        return out

    def _event(self, i: int, made: dict[int, Event]) -> Event:
        """The stored event of row ``i`` (one object for one row: slots share events)."""
        if i not in made:
            name, activity, action, day, stamp, by, percent, note, extra = (
                column[i] for column in self._event_columns
            )
            when, recorded = date.fromisoformat(day), datetime.fromisoformat(stamp)
            made[i] = Event(name, activity, action, when, stamp, recorded, by, percent, note,
                            extra)  # fmt: skip
        return made[i]

    @property
    def notes(self) -> Notes:
        """Every event with a note."""
        if self._notes is None:
            try:
                self._notes = _read_notes(self._notes_at)
            except (OSError, ValueError, TypeError, KeyError, RecursionError):
                # A damaged entry, or one another qm replaced since its first line was read:
                # let it go, so that the next run indexes the journal again.
                if self._notes_at is not None:
                    with contextlib.suppress(OSError):
                        self._notes_at[0].unlink()
                raise StaleIndex(str(self.path)) from None
        if self._new_notes:
            self._notes = Notes.of(self._notes.refs() + self._new_notes)
            self._new_notes = []
        return self._notes

    def answers(self, as_of: date) -> bool:
        """Whether every event counts as of ``as_of`` (the index kept no others)."""
        return self.last_date is None or as_of >= self.last_date

    # -- building

    def add(self, line_event: Event, raw: bytes, offset: int) -> None:
        e = line_event
        slot = self._latest.get(e.activity)
        if slot is None:
            if e.activity in self._slot_rows:
                slot = self.latest_of([e.activity])[e.activity]
            else:
                slot = self._latest[e.activity] = [None, None, None]
        absorb(slot, e)
        if self.last_date is None or e.date > self.last_date:
            self.last_date = e.date
        if e.note:
            canonical = int(_canonical().fullmatch(raw) is not None)
            recorded = (e.recorded - _EPOCH) // _MICROSECOND
            self._new_notes.append(
                NoteRef(e.activity, e.date.toordinal(), recorded, e.event, offset, len(raw),
                        canonical)
            )  # fmt: skip

    def note_problems(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.problem_count += 1
            if len(self.problems) < KEPT_PROBLEMS:
                self.problems.append(problem)

    # -- notes

    def notes_of(
        self, ids: Iterable[int], start: date | None = None, end: date | None = None
    ) -> list[int]:
        """The notes of activities ``ids`` (in that order) dated within [start, end]: each
        event once (a journal merged by git may hold it twice), in fold order."""
        low = start.toordinal() if start else 0
        high = end.toordinal() if end else 1 << 40
        return self.notes.select(ids, low, high)

    def note_texts(self, chosen: list[int]) -> Iterator[bytes]:
        """The JSON of each note's event as qm writes it, in UTF-8: its line itself when that
        is already so (neither parsed nor encoded again), else the event encoded again."""
        names = self.notes.names
        canonical = self.notes.numbers[5 :: Notes.WIDTH]
        for i, raw in self._read(chosen):
            if canonical[i]:
                if not raw.startswith(b'{"v": 1, "event": ' + encode_basestring(names[i]).encode()):
                    raise StaleIndex(str(self.path))
                yield raw
            else:
                yield _ENCODE(self._parse(raw, names[i]).as_dict()).encode()

    def checked_note_texts(self, chosen: list[int]) -> Iterator[bytes]:
        """:meth:`note_texts`, with a journal rewritten while they stream out reported as a
        data error (one sentence), not a crash."""
        from qualitymonth.errors import DataError

        try:
            yield from self.note_texts(chosen)
        except StaleIndex:
            raise DataError("journal_changed", path=str(self.path)) from None

    def note_events(self, chosen: list[int]) -> dict[int, tuple[Event, ...]]:
        """The events of the notes, by activity."""
        names = self.notes.names
        out: dict[int, list[Event]] = {}
        for i, raw in self._read(chosen):
            e = self._parse(raw, names[i])
            out.setdefault(e.activity, []).append(e)
        return {ident: tuple(events) for ident, events in out.items()}

    def _read(self, chosen: list[int]) -> Iterator[tuple[int, bytes]]:
        """The journal bytes of each note."""
        offsets = self.notes.numbers[3 :: Notes.WIDTH]
        lengths = self.notes.numbers[4 :: Notes.WIDTH]
        with self.path.open("rb", buffering=0) as f:  # a seek need not refill a buffer
            pread, fd = getattr(os, "pread", None), f.fileno()
            for i in chosen:
                if pread is not None:  # one system call, not two
                    yield i, pread(fd, lengths[i], offsets[i])
                else:  # pragma: no cover - Windows
                    f.seek(offsets[i])
                    yield i, f.read(lengths[i])

    def _parse(self, raw: bytes, name: str) -> Event:
        """The event on a note's line; :class:`StaleIndex` if the line is no longer that
        event's (only a rewrite of the journal while qm reads it can do that)."""
        try:
            e = parse_line(raw)
        except ValueError:
            raise StaleIndex(str(self.path)) from None
        if e.event != name:
            raise StaleIndex(str(self.path))
        return e


def _read_notes(where: tuple[Path, int, str] | None) -> Notes:
    """The notes line of a stored index (none for a new index)."""
    if where is None:
        return Notes([], array("q"))
    entry, offset, of = where
    with entry.open("rb") as f:
        f.seek(offset)
        record = json.loads(f.read())
    if record["of"] != of:
        raise ValueError("the notes of another index")
    numbers = array("q")
    numbers.frombytes(base64.b64decode(record["numbers"], validate=True))
    names = record["events"]
    if not all(type(n) is str for n in names):
        raise ValueError("a note's id is not text")
    return Notes(names, numbers)

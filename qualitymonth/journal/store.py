"""The append-only journal of progress events, one JSON object per line.

Reading is tolerant: a torn or invalid line is reported with its line number and skipped, and
every later good line still counts.  Writing appends whole lines with a single write under a
cross-process lock, then flushes and fsyncs them; a failed write leaves the file as it was.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from qualitymonth.errors import DataError, Problem
from qualitymonth.journal.events import (
    MAX_LINE_BYTES,
    BadLine,
    Event,
    encode,
    event_from_dict,
    parse_line,
)

__all__ = [
    "Extent",
    "JournalRead",
    "Line",
    "append_events",
    "iter_events",
    "journal_path",
    "read_journal",
    "scan",
]

#: How long a writer waits for another qm to finish its write.
LOCK_TIMEOUT = 15.0


def journal_path(plan_path: Path, explicit: str | None = None) -> Path:
    """``--journal``/``QM_JOURNAL`` when given, else ``<plan stem>.journal.jsonl`` beside it."""
    if explicit:
        return Path(explicit)
    return plan_path.with_name(plan_path.stem + ".journal.jsonl")


# --------------------------------------------------------------------------- reading


@dataclass
class JournalRead:
    """The events of a journal, and what was wrong with the lines that were skipped."""

    events: list[Event] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Extent:
    """How much of a journal is whole lines: their bytes and their count."""

    size: int = 0
    lines: int = 0


def _lines(
    path: Path, start: int = 0, number: int = 0, whole: Extent | None = None
) -> Iterator[tuple[int, int, bytes, bool]]:
    """(line number, byte offset, bytes without the newline, whether the line was terminated),
    from byte ``start`` (the start of line ``number + 1``) to the end of the file.  ``whole``
    is kept at the end of the last terminated line read.

    A line longer than ``MAX_LINE_BYTES`` is yielded cut short (and then reported), never
    read whole: a hostile file cannot make the reader hold more than one line's limit.
    """
    with path.open("rb") as f:
        f.seek(start)
        offset = start
        while True:
            raw = f.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            at, offset = offset, offset + len(raw)
            number += 1
            if at == 0 and raw.startswith(b"\xef\xbb\xbf"):
                raw, at = raw[3:], 3
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while True:  # skip the rest of the over-long line
                    rest = f.readline(1 << 20)
                    offset += len(rest)
                    if not rest or rest.endswith(b"\n"):
                        break
                if whole is not None and rest.endswith(b"\n"):
                    whole.size, whole.lines = offset, number
                yield number, at, raw, True
                continue
            terminated = raw.endswith(b"\n")
            if whole is not None and terminated:
                whole.size, whole.lines = offset, number
            yield number, at, raw.rstrip(b"\r\n"), terminated


def iter_events(
    path: Path,
    known_ids: Iterable[int] | None = None,
    problems: list[Problem] | None = None,
    only: Iterable[int] | None = None,
) -> Iterator[Event]:
    """Stream the good events of the journal at ``path`` (none if it does not exist yet).

    Bad lines are appended to ``problems`` (with their line numbers) and skipped; so is an
    event for an activity the plan does not have.  With ``only``, lines that do not say
    ``"activity": <one of those ids>`` are skipped unparsed (a write command checking the
    state of the ids it names need not parse the rest of a long journal).
    Raises :class:`DataError` only when the file cannot be read at all.
    """
    for line in scan(path, known_ids, problems, only):
        yield line.event


class Line(NamedTuple):
    """A good journal line: where it is, and the event it holds."""

    number: int
    offset: int
    #: Its bytes, without the line end.
    raw: bytes
    terminated: bool
    event: Event


def scan(
    path: Path,
    known_ids: Iterable[int] | None = None,
    problems: list[Problem] | None = None,
    only: Iterable[int] | None = None,
    *,
    start: int = 0,
    number: int = 0,
    whole: Extent | None = None,
) -> Iterator[Line]:
    """:func:`iter_events`, with each event's line; from byte ``start``, the beginning of line
    ``number + 1`` (an index reads only what was appended since it was made).  ``whole`` is
    kept at the end of the last terminated line read."""
    known = set(known_ids) if known_ids is not None else None
    wanted = set(only) if only is not None else None
    needle = None
    if wanted is not None:  # '"activity": 7' and nothing else, however it is spaced
        ids = b"|".join(str(i).encode() for i in sorted(wanted)) or b"(?!)"
        needle = re.compile(rb'"activity"\s*:\s*(?:' + ids + rb")(?![0-9])")
    report = problems if wanted is None else None  # a filtered read reports nothing
    shown = str(path)
    try:
        if path.is_dir():
            raise DataError("file_is_dir", path=shown)
        if not path.exists():
            return
        batch: list[tuple[int, int, bytes, bool]] = []
        for item in _lines(path, start, number, whole):
            raw = item[2]
            if needle is not None and not needle.search(raw):
                continue
            if raw.strip():
                batch.append(item)
            if len(batch) >= _BATCH:
                yield from _parse_batch(batch, shown, known, wanted, report)
                batch = []
        yield from _parse_batch(batch, shown, known, wanted, report)
    except OSError as exc:
        raise DataError("file_unreadable", path=shown, reason=exc.strerror or str(exc)) from None


#: Lines parsed by one ``json.loads`` call (one C call instead of a thousand Python ones).
_BATCH = 1000


def _parse_batch(
    batch: list[tuple[int, int, bytes, bool]],
    shown: str,
    known: set[int] | None,
    wanted: set[int] | None,
    problems: list[Problem] | None,
) -> Iterator[Line]:
    objs: list[Any] | None = None
    if all(len(item[2]) <= MAX_LINE_BYTES for item in batch):
        try:
            parsed = json.loads(b"[" + b",".join(item[2] for item in batch) + b"]")
        except (ValueError, RecursionError):  # one bad line: parse them one by one
            parsed = None
        # A line holding two values ("{...},{...}") would shift every later line: count.
        if isinstance(parsed, list) and len(parsed) == len(batch):
            objs = parsed
    for i, (number, offset, raw, terminated) in enumerate(batch):
        try:
            if objs is None:
                event = parse_line(raw)
            elif isinstance(objs[i], dict):
                event = event_from_dict(objs[i])
            else:
                raise BadLine("journal_not_object")
        except BadLine as bad:
            if problems is not None:
                torn = not terminated and bad.key == "journal_not_json"
                problems.append(
                    Problem(shown, number, 0, "journal_torn" if torn else bad.key, bad.params)
                )
            continue
        if wanted is not None and event.activity not in wanted:
            continue
        if known is not None and event.activity not in known:
            if problems is not None:
                params: dict[str, object] = {"id": event.activity}
                problems.append(Problem(shown, number, 0, "journal_unknown_activity", params))
            continue
        yield Line(number, offset, raw, terminated, event)


def read_journal(path: Path, known_ids: Iterable[int] | None = None) -> JournalRead:
    """Every good event of the journal, and the problems of the lines that were skipped."""
    out = JournalRead()
    out.events = list(iter_events(path, known_ids, out.problems))
    return out


# --------------------------------------------------------------------------- writing


def append_events(
    path: Path, events: list[Event], on_wait: Callable[[], None] | None = None
) -> None:
    """Append ``events`` to the journal: all of them or, if anything fails, none.

    One ``write`` under a cross-process lock, then ``fsync``.  A torn last line left by a
    crash is closed with a newline first, so the new lines stay whole.  When another writer
    holds the lock for more than a second, ``on_wait()`` is called once (to say so) and the
    wait goes on, up to ``LOCK_TIMEOUT``.  Every line is read back with the journal's own
    reader first: nothing the reader would skip is ever written.
    """
    from filelock import FileLock, Timeout

    shown = str(path)
    payload = encode(events)
    for line in payload.splitlines():
        try:
            parse_line(line)
        except BadLine as bad:
            raise DataError("event_invalid", id=0, field=bad.params.get("field", "")) from None
    if path.is_dir():
        raise DataError("file_is_dir", path=shown)
    if path.exists() and not os.access(path, os.W_OK):
        raise DataError("journal_readonly", path=shown)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError("journal_unwritable", path=shown, reason=exc.strerror or str(exc)) from None
    lock = FileLock(str(path) + ".lock")
    try:
        try:
            lock.acquire(timeout=min(1.0, LOCK_TIMEOUT))
        except Timeout:
            if on_wait is not None:
                on_wait()
            lock.acquire(timeout=max(0.0, LOCK_TIMEOUT - 1.0))
        try:
            _append_locked(path, payload)
        finally:
            lock.release()
    except Timeout:
        raise DataError("journal_locked", path=shown, seconds=int(LOCK_TIMEOUT)) from None
    except PermissionError as exc:
        raise DataError("journal_unwritable", path=shown, reason=exc.strerror or str(exc)) from None


def _append_locked(path: Path, payload: bytes) -> None:
    shown = str(path)
    created = not path.exists()
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
    except OSError as exc:
        raise DataError("journal_unwritable", path=shown, reason=exc.strerror or str(exc)) from None
    try:
        size = os.fstat(fd).st_size
        if size and os.lseek(fd, size - 1, os.SEEK_SET) >= 0 and os.read(fd, 1) != b"\n":
            payload = b"\n" + payload  # close a line torn by an earlier crash
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        except OSError as exc:
            # Leave the journal exactly as it was: no half line for the next reader.
            try:
                os.ftruncate(fd, size)
                os.fsync(fd)
            except OSError:  # pragma: no cover - the disk refused even that
                pass
            raise DataError(
                "journal_write_failed", path=shown, reason=exc.strerror or str(exc)
            ) from None
    finally:
        os.close(fd)
    if created:
        _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make a new file's directory entry durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)

"""The journal's index in the user cache folder: found, checked, brought up to date with
the lines appended since, and stored again (atomically; a cache that cannot be written is
never an error).  What the index holds and answers is :mod:`.index`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
from array import array
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from qualitymonth.cache import entry_for
from qualitymonth.errors import Problem
from qualitymonth.journal.index import JournalIndex, StaleIndex
from qualitymonth.journal.store import Extent, scan
from qualitymonth.version import __version__

__all__ = ["RESTORE_LINES", "load_index"]

#: Bump when the shape of an entry changes.
FORMAT = 2
#: The fields of a stored event, each stored as one column.
_EVENT_COLUMNS = ("event", "activity", "action", "date", "recorded_at", "by", "percent", "note",
                  "extra")  # fmt: skip
#: A stored index is stored again once this many lines were appended after it: a shorter
#: tail costs less to read on each run than rewriting the index would (a megabyte or more).
RESTORE_LINES = 1000


def load_index(
    journal: Path, known_ids: Iterable[int], cache_dir: Path, restore_after: int = RESTORE_LINES
) -> JournalIndex | None:
    """The index of ``journal`` for a plan with ``known_ids``: the cached one brought up to
    date with the lines appended since (and stored again once there are ``restore_after``
    of them), or a new one.  ``None`` when the journal does not exist or is not a file (the
    plain reader says what is wrong)."""
    try:
        before = journal.stat()
    except OSError:
        return None
    if not journal.is_file():
        return None
    known = set(known_ids)
    ids = hashlib.sha256(",".join(map(str, sorted(known))).encode()).hexdigest()
    entry, where = entry_for(cache_dir, journal, "journal")
    cached = _cached(entry, _header(where, ids), journal, before.st_size)
    for index in (cached, JournalIndex(journal, ids)):
        if index is None:
            continue
        try:
            return _update(index, (entry, where), known, before, restore_after)
        except StaleIndex:  # a damaged entry, or a journal cut short while it was read
            continue
    return None


def _update(
    index: JournalIndex,
    entry: tuple[Path, str],
    known: set[int],
    before: os.stat_result,
    restore_after: int,
) -> JournalIndex:
    """Fold the lines after ``index.extent`` into ``index``; store it when it is new or a
    long tail was appended, and nothing wrote to the journal while it was read."""
    journal = index.path
    stored = index.extent
    fresh = stored.size == 0
    whole = Extent(stored.size, stored.lines)
    problems: list[Problem] = []
    torn = None
    for line in scan(journal, known, problems, start=stored.size, number=stored.lines,
                     whole=whole):  # fmt: skip
        if line.terminated:
            index.add(line.event, line.raw, line.offset)
        else:  # the last line, still being written or torn: not part of the index
            torn = line
    index.note_problems(p for p in problems if p.line <= whole.lines)
    if whole.size != stored.size and (fresh or whole.lines - stored.lines >= restore_after):
        _hash_range(journal, index.sha256, stored.size, whole.size)
        index.extent = whole
        after = journal.stat()
        same = (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
        if same and after.st_size == before.st_size:  # nothing wrote while it was read
            _store(*entry, index)
    if torn is not None:
        index.add(torn.event, torn.raw, torn.offset)
    index.note_problems(p for p in problems if p.line > whole.lines)
    return index


def _hash_range(path: Path, digest: Any, start: int, end: int) -> None:
    with path.open("rb") as f:
        f.seek(start)
        left = end - start
        while left > 0:
            chunk = f.read(min(left, 1 << 20))
            if not chunk:
                raise StaleIndex(str(path))
            digest.update(chunk)
            left -= len(chunk)


def _header(where: str, ids: str) -> dict[str, Any]:
    """What an entry must say for its index to be used: this journal, this plan's ids."""
    return {
        "format": FORMAT,
        "qm": __version__,
        "byteorder": sys.byteorder,
        "journal": where,
        "ids": ids,
    }


def _cached(entry: Path, header: dict[str, Any], journal: Path, size: int) -> JournalIndex | None:
    """The stored index, if it is for this journal and plan and the journal still starts
    with the bytes it covers."""
    try:
        with entry.open("rb") as f:
            first = f.readline()
            notes_at = (entry, f.tell())
        if not first.endswith(b"\n"):  # cut short: its notes are lost
            return None
        record = json.loads(first)
        index = JournalIndex(journal, header["ids"], _notes_at=(*notes_at, record["sha256"]))
        if any(record[k] != v for k, v in header.items()):
            return None
        extent = Extent(int(record["size"]), int(record["lines"]))
        if not 0 <= extent.size <= size:
            return None
        _hash_range(journal, index.sha256, 0, extent.size)
        if index.sha256.hexdigest() != record["sha256"]:
            return None
        index.extent = extent
        _restore(index, record)
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError,
            RecursionError, StaleIndex):  # fmt: skip
        return None
    return index


def _restore(index: JournalIndex, record: dict[str, Any]) -> None:
    columns = [record["events"][name] for name in _EVENT_COLUMNS]
    slots = array("q")
    slots.frombytes(base64.b64decode(record["latest"], validate=True))
    # The shape is checked now (cheaply); the events are made when first needed.
    count = len(columns[0])
    if not (
        all(type(column) is list and len(column) == count for column in columns)
        and len(slots) % 4 == 0
        and max(slots[1::4] + slots[2::4] + slots[3::4], default=-1) < count
    ):
        raise ValueError("not an index")
    index._event_columns = columns
    it = iter(slots)
    index._slot_rows = {a: (s0, s1, s2) for a, s0, s1, s2 in zip(it, it, it, it, strict=True)}
    index.last_date = date.fromisoformat(record["last_date"]) if record["last_date"] else None
    shown = str(index.path)
    index.problems = [Problem(shown, line, 0, key, params) for line, key, params in
                      record["problems"]]  # fmt: skip
    index.problem_count = int(record["problem_count"])


def _store(entry: Path, where: str, index: JournalIndex) -> None:
    """Write the index atomically; silently give up if the cache folder is not usable."""
    from qualitymonth.files import write_atomically

    rows: dict[int, int] = {}  # id(event) -> its row
    columns: list[list[Any]] = [[] for _ in _EVENT_COLUMNS]
    latest = array("q")
    for activity, slot in index.latest.items():
        latest.append(activity)
        for e in slot:
            if e is None:
                latest.append(-1)
                continue
            if id(e) not in rows:
                rows[id(e)] = len(columns[0])
                values = (e.event, e.activity, e.action, e.date.isoformat(), e.recorded_at,
                          e.by, e.percent, e.note, e.extra)  # fmt: skip
                for column, value in zip(columns, values, strict=True):
                    column.append(value)
            latest.append(rows[id(e)])
    record = {
        **_header(where, index.ids),
        "size": index.extent.size,
        "lines": index.extent.lines,
        "sha256": index.sha256.hexdigest(),
        "last_date": index.last_date.isoformat() if index.last_date else None,
        "problems": [[p.line, p.key, dict(p.params)] for p in index.problems],
        "problem_count": index.problem_count,
        # Column by column, and the slots as packed numbers: half the parsing of rows.
        "events": dict(zip(_EVENT_COLUMNS, columns, strict=True)),
        "latest": base64.b64encode(latest.tobytes()).decode("ascii"),
    }
    try:
        # Two lines: what every read needs, then the notes, read only for a report.
        notes = index.notes
        packed = {
            "of": record["sha256"],
            "events": notes.names,
            "numbers": base64.b64encode(notes.numbers.tobytes()).decode("ascii"),
        }
        write_atomically(entry, _dumps(record) + b"\n" + _dumps(packed))
    except (OSError, ValueError, TypeError):
        pass  # an index is an optimisation, never a reason to fail


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()

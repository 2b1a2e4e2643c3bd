"""The journal: events (:mod:`.events`), the append-only file (:mod:`.store`) and its index
in the user cache (:mod:`.index`, imported only by what uses it)."""

from qualitymonth.journal.events import (
    ACTIONS,
    MAX_LINE_BYTES,
    MAX_NOTE_CHARS,
    Event,
    encode,
    event_from_dict,
    new_event,
    parse_line,
)
from qualitymonth.journal.store import (
    Extent,
    JournalRead,
    Line,
    append_events,
    iter_events,
    journal_path,
    read_journal,
    scan,
)

__all__ = [
    "ACTIONS",
    "MAX_LINE_BYTES",
    "MAX_NOTE_CHARS",
    "Event",
    "Extent",
    "JournalRead",
    "Line",
    "append_events",
    "encode",
    "event_from_dict",
    "iter_events",
    "journal_path",
    "new_event",
    "parse_line",
    "read_journal",
    "scan",
]

"""What every reader gives the builder: rows of cells, and how to name a place in the file."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, time

from qualitymonth.errors import DataError, Problem

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "Cell",
    "Row",
    "Source",
    "Table",
    "check_zip",
    "column_letter",
]

#: A notice's table is a few dozen rows; a city's gathered tables a few thousand.
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5_000
#: Rows a reader may pass (titles, repeated headers, page numbers, blank rows) before it stops.
MAX_RAW_ROWS = 4 * MAX_ROWS
#: An .xlsx or .docx of a 5,000-row table unpacks to a few megabytes.
MAX_UNZIPPED = 100 * 1024 * 1024
MAX_MEMBERS = 2_000

Cell = str | date | time  # datetime is a date


@dataclass(frozen=True, slots=True)
class Row:
    """One row as the file holds it: its line (or sheet row) and its cells."""

    number: int
    cells: list[Cell]


@dataclass(frozen=True)
class Source:
    """Names a place in the table file: ``file:line`` for text, ``file:sheet!E5`` otherwise."""

    shown: str
    #: The sheet's name (.xlsx) or 表N (.docx); None for text, where rows are lines.
    sheet: str | None = None

    def problem(self, row: int, col: int | None, key: str, **params: object) -> Problem:
        if self.sheet is None:
            return Problem(self.shown, row, 0, key, params)
        where = f"{self.shown}:{self.sheet}!{column_letter(col or 0)}{row}"
        return Problem(where, 0, 0, key, params)


@dataclass
class Table:
    """A reader's result: rows (read lazily), where they came from, decoding warnings."""

    source: Source
    rows: Iterator[Row]
    #: Text copied out of Word or a PDF: a cell's line break starts a new line of the file.
    broken_rows: bool = False
    warnings: list[Problem] = field(default_factory=list)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def check_zip(data: bytes, shown: str) -> None:
    """Refuse an .xlsx/.docx whose members would unpack to more than :data:`MAX_UNZIPPED`
    (a zip bomb), before any of it is unpacked.  Python's zipfile never reads a member past
    its declared size, so the declared sizes are what unpacking can cost."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise DataError("file_unreadable", path=shown, reason=str(exc)) from None
    total = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or total > MAX_UNZIPPED:
        raise DataError("import_zip_bomb", path=shown, size=total, limit=MAX_UNZIPPED)


def too_many_rows(source: Source) -> DataError:
    return DataError("import_too_many_rows", path=source.shown, limit=MAX_ROWS)

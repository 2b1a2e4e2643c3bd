"""The rows of an .xlsx sheet or a .docx table.

Both are zip files: their declared unpacked sizes are checked before either library opens
them.  A workbook is read streaming (``read_only``) with the values Excel last saved
(``data_only``): a formula is never evaluated, and a formula cell without a saved value is
empty, never its formula's text.  A merged cell's value belongs to every row it spans (one
lead for several activities); across columns it counts once.
"""

from __future__ import annotations

import importlib
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, time
from typing import Any

from qualitymonth.errors import DataError
from qualitymonth.importer.source import (
    MAX_RAW_ROWS,
    Cell,
    Row,
    Source,
    Table,
    check_zip,
    too_many_rows,
)

__all__ = ["docx_table", "xlsx_table"]

#: A table has a dozen columns; a sheet whose used range claims thousands is read this wide.
MAX_COLUMNS = 64
#: Rows looked at for a header when choosing the sheet or table.
HEADER_SEARCH = 30

IsHeader = Callable[[Sequence[str]], bool]


def _need(module: str, package: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise DataError("import_needs_package", package=package) from None


def _choose(
    items: list[Any], table: int | None, shown: str, has_header: Callable[[Any], bool]
) -> int:
    """The index of the table (or sheet) to read: ``--table N`` (counted from 1), else the
    first with a header row, else the first."""
    if table is not None:
        if not 1 <= table <= len(items):
            raise DataError("import_no_table", path=shown, table=table, count=len(items))
        return table - 1
    if not items:
        raise DataError("import_no_tables", path=shown)
    return next((i for i, item in enumerate(items) if has_header(item)), 0)


# --------------------------------------------------------------------------- xlsx


def xlsx_table(data: bytes, shown: str, table: int | None, is_header: IsHeader) -> Table:
    """The rows of the chosen sheet: ``--table N``, else the first with a header row."""
    openpyxl = _need("openpyxl", "openpyxl")
    check_zip(data, shown)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = list(book.worksheets)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise DataError(
            "file_unreadable", path=shown, reason=str(exc) or type(exc).__name__
        ) from None
    sheet = sheets[
        _choose(sheets, table, shown, lambda s: _has_header(_sheet_rows(s, 1), is_header))
    ]
    merged = _merged_ranges(data, getattr(sheet, "_worksheet_path", ""))
    source = Source(shown, sheet.title)
    return Table(source, _filled(_sheet_rows(sheet, None, source), merged))


def _has_header(rows: Iterator[Row], is_header: IsHeader) -> bool:
    for i, row in enumerate(rows):
        if i >= HEADER_SEARCH:
            return False
        if is_header([c if isinstance(c, str) else "" for c in row.cells]):
            return True
    return False


def _sheet_rows(sheet: Any, limit: int | None, source: Source | None = None) -> Iterator[Row]:
    width = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
    filled = 0
    for number, values in enumerate(sheet.iter_rows(min_row=1, max_col=width, values_only=True), 1):
        cells = [_value(v) for v in values]
        while cells and cells[-1] == "":
            cells.pop()
        if cells:
            filled += 1
        if number > 10 * MAX_RAW_ROWS or filled > MAX_RAW_ROWS:
            raise too_many_rows(source or Source(""))
        yield Row(number, cells)
        if limit is not None and number >= HEADER_SEARCH:
            return


def _value(value: Any) -> Cell:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime | time):
        return value
    return str(value)


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)"')


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _merged_ranges(data: bytes, part: str) -> list[tuple[int, int, int]]:
    """(first row, last row, column) of every merge that spans rows, from the sheet's XML
    (a streaming workbook does not keep them)."""
    if not part:
        return []
    try:
        xml = zipfile.ZipFile(io.BytesIO(data)).read(part.lstrip("/"))
    except (KeyError, zipfile.BadZipFile):
        return []
    out = []
    for m in _MERGE.finditer(xml, max(0, xml.rfind(b"</sheetData>"))):
        first, last = int(m[2]), int(m[4])
        if last > first:
            out.append((first, last, _col(m[1])))
    return out


def _filled(rows: Iterator[Row], merged: list[tuple[int, int, int]]) -> Iterator[Row]:
    if not merged:
        yield from rows
        return
    starts: dict[int, list[tuple[int, int, int]]] = {}
    for m in merged:
        starts.setdefault(m[0], []).append(m)
    active: list[tuple[int, int, Cell]] = []  # (last row, column, value)
    for row in rows:
        cells = row.cells
        active = [a for a in active if a[0] >= row.number]
        for _last, col, value in active:
            while len(cells) <= col:
                cells.append("")
            cells[col] = value
        for _first, last, col in starts.get(row.number, ()):
            active.append((last, col, cells[col] if col < len(cells) else ""))
        yield row


# --------------------------------------------------------------------------- docx


def docx_table(data: bytes, shown: str, table: int | None, is_header: IsHeader) -> Table:
    """The rows of the chosen table: ``--table N``, else the first with a header row."""
    docx = _need("docx", "python-docx")
    check_zip(data, shown)
    try:
        document = docx.Document(io.BytesIO(data))
        tables = list(document.tables)
    except Exception as exc:  # python-docx raises many kinds for a file that is no document
        raise DataError(
            "file_unreadable", path=shown, reason=str(exc) or type(exc).__name__
        ) from None
    index = _choose(
        tables,
        table,
        shown,
        lambda t: any(is_header(_row_texts(r)) for r in t.rows[:HEADER_SEARCH]),
    )
    chosen = tables[index]
    source = Source(shown, f"表{index + 1}")
    if len(chosen.rows) > MAX_RAW_ROWS:
        raise too_many_rows(source)
    titles = [Row(0, [text]) for text in _paragraphs_before(document, chosen)]
    return Table(source, itertools.chain(titles, _docx_rows(chosen)))


def _paragraphs_before(document: Any, table: Any) -> list[str]:
    """The last paragraphs before ``table`` (tables between are passed over): its title."""
    texts: list[str] = []
    for child in document.element.body.iterchildren():
        if child is table._tbl:
            break
        if child.tag.endswith("}p"):
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if text.strip():
                texts.append(text)
    return texts[-2:]


def _row_texts(row: Any) -> list[str]:
    """A row's cells; a cell merged across columns counts once (python-docx repeats it)."""
    texts: list[str] = []
    previous = None
    for cell in row.cells:
        tc = cell._tc
        texts.append("" if tc is previous else cell.text)
        previous = tc
    return texts


def _docx_rows(table: Any) -> Iterator[Row]:
    for number, row in enumerate(table.rows, 1):
        yield Row(number, list(_row_texts(row)))

"""CSV, TSV and text copied out of a notice: decoding, and the rows of each.

CSV keeps its quoting rules (a quoted field may hold commas, doubled quotes and line breaks),
but a quote that does not open a well-formed quoted field is a character like any other:
``"铁拳"行动`` stays as it is written.  In TSV and copied text a quote is always literal, and a
cell's line break starts a new line of the file (the builder puts such rows together again).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from qualitymonth.errors import DataError, Problem
from qualitymonth.importer.source import MAX_RAW_ROWS, Row, Source, Table, too_many_rows

__all__ = ["decode_table", "text_table"]


def decode_table(data: bytes, shown: str) -> tuple[str, list[Problem]]:
    """The text of a table file: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's
    "Unicode text"), or GBK/GB18030 with a warning."""
    warnings: list[Problem] = []
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), warnings
        except UnicodeDecodeError:
            raise DataError("file_not_utf8", path=shown, line=1) from None
    if b"\x00" in data:
        if data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4:
            raise DataError("file_utf16", path=shown)
        raise DataError("file_binary", path=shown)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            line = data[: exc.start].count(b"\n") + 1
            raise DataError("file_not_utf8", path=shown, line=line) from None
        warnings.append(Problem(shown, 0, 0, "import_gbk"))
    return text, warnings


_HEADERISH = re.compile(r"序号|主题|名称|任务|内容|时间|时限|牵头|责任|协办|配合|theme|lead", re.I)


def _delimiter(text: str, suffix: str) -> str:
    """Tab or comma: the header's line decides (a .csv saved with tabs is still read), then
    the file's suffix; text copied out of Word or Excel has tabs."""
    for line in text.splitlines()[:200]:
        if _HEADERISH.search(line) and ("\t" in line or "," in line):
            if suffix == ".csv" and "," in line:
                return ","
            return "\t" if "\t" in line else ","
    return "," if suffix == ".csv" else "\t"


def text_table(text: str, shown: str, suffix: str, warnings: list[Problem]) -> Table:
    """The rows of a CSV, TSV or text table."""
    source = Source(shown)
    if _delimiter(text, suffix) == ",":
        return Table(source, _csv_rows(text, source), False, warnings)
    return Table(source, _line_rows(text, source), True, warnings)


_LINES = re.compile(r"\r\n|[\r\n]")


def _line_rows(text: str, source: Source) -> Iterator[Row]:
    count = 0
    for number, line in enumerate(_LINES.split(text), 1):
        if line.strip():
            count += 1
            if count > MAX_RAW_ROWS:
                raise too_many_rows(source)
        yield Row(number, list(line.split("\t")))


_QUOTED = re.compile(r'"((?:[^"]++|"")*+)"(?=[,\r\n]|\Z)')
_PLAIN = re.compile(r"[^,\r\n]*+")


def _csv_rows(text: str, source: Source) -> Iterator[Row]:
    """RFC 4180 records, except that a field only opens a quote when it is well-formed."""
    pos = 0
    end = len(text)
    line = 1
    count = 0
    quoted, plain = _QUOTED.match, _PLAIN.match
    while pos < end:
        first = line
        cells: list[str] = []
        while True:
            q = quoted(text, pos) if text.startswith('"', pos) else None
            if q is not None:
                raw = q.group(1)
                line += raw.count("\n")
                cells.append(raw.replace('""', '"').replace("\r\n", "\n"))
                pos = q.end()
            else:
                p = plain(text, pos)
                assert p is not None  # it matches the empty string anywhere
                cells.append(p.group())
                pos = p.end()
            if pos < end and text[pos] == ",":
                pos += 1
                continue
            break
        pos += 2 if text.startswith("\r\n", pos) else 1
        line += 1
        if any(c.strip() for c in cells):
            count += 1
            if count > MAX_RAW_ROWS:
                raise too_many_rows(source)
        yield Row(first, list(cells))

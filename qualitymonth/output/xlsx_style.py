"""What every workbook ``qm`` writes shares: cell text made safe, named styles, column widths
and row heights measured from Chinese text, and an A4 print setup.

openpyxl is imported inside the functions, so importing this module costs nothing.  The
helpers work on ordinary and on write-only worksheets alike: a write-only sheet takes its
column widths, row heights and styles before its rows are appended.

Text is text: :func:`text_cell` always stores a string (``data_type "s"``, never a formula,
whatever its first character), with control characters dropped and anything past Excel's
32,767-character limit cut off with a mark.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from qualitymonth.output.text import text_width, wrap_cells

if TYPE_CHECKING:
    from openpyxl import Workbook  # type: ignore[import-untyped]

__all__ = [
    "CELL_LIMIT",
    "DATE",
    "HEADER",
    "INTEGER",
    "PERCENT",
    "TEXT",
    "TEXT_CENTER",
    "TITLE",
    "TOTAL",
    "TOTAL_INTEGER",
    "TOTAL_PERCENT",
    "Cells",
    "add_styles",
    "clean_text",
    "column_letter",
    "column_width",
    "new_book",
    "print_setup",
    "row_height",
    "title_height",
    "to_bytes",
]

#: Excel's limit on the characters of one cell (counted in UTF-16 code units).
CELL_LIMIT = 32_767

# Named styles: one per kind of cell, so a cell carries a style id, not its own font objects.
TITLE = "qm title"
HEADER = "qm header"
TEXT = "qm text"
TEXT_CENTER = "qm text center"
INTEGER = "qm integer"
DATE = "qm date"
PERCENT = "qm percent"
TOTAL = "qm total"
TOTAL_INTEGER = "qm total integer"
TOTAL_PERCENT = "qm total percent"

FONT_NAME = "宋体"
FONT_SIZE = 11
#: Points one wrapped line of 11 pt CJK text takes: Excel's SimSun needs 14.25; LibreOffice's
#: CJK fallback fonts (Noto CJK, WenQuanYi) are taller, so the larger figure is used.
LINE_POINTS = 16.0
TITLE_SIZE = 16
TITLE_LINE_POINTS = 24.0
#: Points above and below the text of a row.
ROW_PADDING = 5.0
#: Excel's tallest row.
MAX_ROW_POINTS = 409.0
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0%"

# C0 and C1 controls except tab and newline, lone surrogates, the two XML non-characters,
# and the bidi embeddings, overrides and isolates (they reorder what a reader sees).
_DROP = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)
_FORMULA_START = ("=", "+", "-", "@")
_NEWLINES = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n"})


def clean_text(text: str, mark: str = "…") -> str:
    """``text`` fit for a cell: CR LF, CR and the Unicode line and paragraph separators become
    LF, a tab a space, and control characters are dropped; text longer than
    :data:`CELL_LIMIT` UTF-16 units is cut and ends with ``mark``."""
    if not text.isprintable():
        text = text.replace("\r\n", "\n").replace("\t", " ").translate(_NEWLINES)
        text = _DROP.sub("", text)
    if len(text) > CELL_LIMIT // 2 and _utf16_len(text) > CELL_LIMIT:
        room = CELL_LIMIT - _utf16_len(mark)
        cut = room
        while _utf16_len(text[:cut]) > room:  # astral characters take two units
            cut -= (_utf16_len(text[:cut]) - room + 1) // 2
        text = text[:cut] + mark
    return text


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def new_book(title: str = "") -> Workbook:
    """A write-only workbook with :func:`add_styles`' named styles, titled ``title``."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    book.properties.creator = "qm"
    book.properties.title = clean_text(title)
    add_styles(book)
    return book


def add_styles(book: Workbook) -> None:
    """Register the named styles (:data:`TITLE`, :data:`HEADER`, :data:`TEXT` …) in ``book``."""
    from openpyxl.styles import (  # type: ignore[import-untyped]
        Alignment,
        Border,
        Font,
        NamedStyle,
        PatternFill,
        Side,
    )

    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name=FONT_NAME, size=FONT_SIZE)
    bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    grey = PatternFill("solid", fgColor="D9E1F2")
    light = PatternFill("solid", fgColor="F2F2F2")
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def style(name: str, **kw: Any) -> None:
        book.add_named_style(NamedStyle(name=name, **kw))

    style(
        TITLE,
        font=Font(name=FONT_NAME, size=TITLE_SIZE, bold=True),
        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
    )
    style(HEADER, font=bold, fill=grey, border=box, alignment=centre)
    style(TEXT, font=body, border=box, alignment=left)
    style(TEXT_CENTER, font=body, border=box, alignment=centre)
    style(INTEGER, font=body, border=box, alignment=centre, number_format="0")
    style(DATE, font=body, border=box, alignment=centre, number_format=DATE_FORMAT)
    style(PERCENT, font=body, border=box, alignment=centre, number_format=PERCENT_FORMAT)
    style(TOTAL, font=bold, fill=light, border=box, alignment=centre)
    style(TOTAL_INTEGER, font=bold, fill=light, border=box, alignment=centre, number_format="0")
    style(
        TOTAL_PERCENT,
        font=bold,
        fill=light,
        border=box,
        alignment=centre,
        number_format=PERCENT_FORMAT,
    )


class Cells:
    """Makes the cells of one sheet.  Each style's attributes are looked up once and copied
    into every cell of that style: naming a style cell by cell costs a third of the time of
    writing a sheet of 10,000 rows."""

    def __init__(self, sheet: Any, mark: str = "…") -> None:
        self.sheet = sheet
        self.mark = mark
        self._arrays: dict[str, Any] = {}

    def _array(self, style: str) -> Any:
        array = self._arrays.get(style)
        if array is None:
            from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]

            probe = WriteOnlyCell(self.sheet)
            probe.style = style
            array = self._arrays[style] = probe._style
        return array

    def text(self, text: str, style: str) -> Any:
        """A cell holding ``text`` as a string, never a formula, with ``style``.

        Text that Excel would take for a formula if a clerk retyped it (``=``, ``+``, ``-``,
        ``@`` first) also gets the quote prefix, Excel's own mark for "this is text"."""
        text = clean_text(text, self.mark)
        if not text:
            return self.value(None, style)  # a styled blank, not an empty string
        cell = self._cell(text, style)
        cell.data_type = "s"
        if text.startswith(_FORMULA_START):
            cell.quotePrefix = True
        return cell

    def value(self, value: Any, style: str) -> Any:
        """A cell holding ``value`` (text, a number, a date, or ``None`` for a styled blank)."""
        if isinstance(value, str):
            return self.text(value, style)
        return self._cell(value, style)

    def _cell(self, value: Any, style: str) -> Any:
        from openpyxl.cell.cell import Cell  # type: ignore[import-untyped]

        return Cell(self.sheet, row=1, column=1, value=value, style_array=self._array(style))


def column_letter(n: int) -> str:
    """The letters of column ``n`` (1-based): 1 -> ``A``, 28 -> ``AB``."""
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_width(texts: Iterable[str], low: float, high: float) -> float:
    """The width (in Excel's character units) for a column holding ``texts``: the widest line
    measured in display cells (a CJK character counts 2), plus padding, kept within
    ``low``…``high`` (longer text wraps)."""
    widest = max((text_width(line) for text in texts for line in text.split("\n")), default=0)
    return float(min(high, max(low, widest + 2)))


def _lines(text: str, width: float) -> int:
    if not text:
        return 1
    room = max(1, math.floor(width - 2))
    if "\n" not in text and text_width(text) <= room:
        return 1
    return len(wrap_cells(text, room))


def row_height(texts: Sequence[str], widths: Sequence[float], line: float = LINE_POINTS) -> float:
    """Points a row needs so that each text, wrapped in its column's width, shows every line
    (LibreOffice does not grow a row to its wrapped text; Excel does not on opening a file),
    at most Excel's limit of 409 points."""
    lines = max((_lines(text, w) for text, w in zip(texts, widths, strict=True)), default=1)
    return min(lines * line + ROW_PADDING, MAX_ROW_POINTS)


def title_height(title: str, width: float) -> float:
    """Points the :data:`TITLE` row needs for ``title`` across columns ``width`` wide."""
    lines = math.ceil(text_width(title) * TITLE_SIZE / FONT_SIZE / max(width - 2, 1))
    return min(max(lines, 1) * TITLE_LINE_POINTS + ROW_PADDING, MAX_ROW_POINTS)


def print_setup(
    sheet: Any,
    *,
    title_rows: str | None,
    footer: str,
    landscape: bool = True,
) -> None:
    """A4, landscape unless told otherwise, fit to one page wide (as many pages tall as it
    takes), centred, ``title_rows`` (e.g. ``"2:2"``) repeated on every page, ``footer`` at
    the foot (``&P`` is the page number, ``&N`` the number of pages)."""
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.oddFooter.center.text = footer
    sheet.oddFooter.center.size = 9


def to_bytes(book: Workbook) -> bytes:
    """The whole ``.xlsx`` file of ``book``."""
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

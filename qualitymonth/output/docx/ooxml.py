"""The Word report's measures (GB/T 9704-2012) and the WordprocessingML pieces it is made of:
runs, paragraphs, table cells, rows, tables and section properties."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from qualitymonth.output.docx.words import _esc, _width

DEFAULT_FONT_BODY = "仿宋_GB2312"
DEFAULT_FONT_TITLE = "方正小标宋简体"
FONT_HEADING_1 = "黑体"
FONT_HEADING_2 = "楷体_GB2312"
FONT_PAGE_NUMBER = "宋体"

# Lengths in twentieths of a point (twips); 1 mm = 1440 / 25.4 twips.
A4 = (11906, 16838)
MARGINS = {"top": 2098, "bottom": 1984, "left": 1587, "right": 1474}  # 37, 35, 28, 26 mm
# The landscape 附件 pages: the same margins turned with the page (the bound edge on top).
LANDSCAPE_MARGINS = {"top": 1587, "bottom": 1474, "left": 1984, "right": 2098}
#: The grid pitch: 28.95 pt, 22 lines in the 225 mm type area.
LINE_PITCH = 579
HEADER_DISTANCE = 851  # 15 mm
#: The page number's line sits 7 mm under the type area: 35 mm - 7 mm - one 16 pt line.
FOOTER_DISTANCE = 1262
BODY_SIZE = 32  # half-points: 3号, 16 pt
TITLE_SIZE = 44  # 2号, 22 pt
PAGE_NUMBER_SIZE = 28  # 4号, 14 pt
TABLE_SIZE = 24  # 小四, 12 pt
TABLE_LINE = 320  # 16 pt, exact
CELL_MARGIN = 57  # 1 mm
PORTRAIT_WIDTH = A4[0] - MARGINS["left"] - MARGINS["right"]  # 156 mm
LANDSCAPE_WIDTH = A4[1] - LANDSCAPE_MARGINS["left"] - LANDSCAPE_MARGINS["right"]  # 225 mm

# Department table: the name, then seven counts.
DEPT_COUNT_WIDTH = 1080
DEPT_WIDTHS = [PORTRAIT_WIDTH - 7 * DEPT_COUNT_WIDTH] + [DEPT_COUNT_WIDTH] * 7
# 附件 table: 序号, 活动主题, 活动内容, 时间安排, 牵头部门, 协办单位, 备注, 完成情况 (mm).
ANNEX_MM = [11, 36, 56, 24, 20, 22, 14, 42]
#: A row estimated at more lines than this may break across pages (a taller one must).
KEEP_ROW_LINES = 20
ANNEX_JC = ["center", "", "", "center", "center", "center", "", ""]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _rfonts(font: str) -> str:
    f = _esc(font)
    return f'<w:rFonts w:ascii="{f}" w:eastAsia="{f}" w:hAnsi="{f}" w:cs="{f}" w:hint="eastAsia"/>'


def _run(text: object, rpr: str = "") -> str:
    body = _esc(text)
    if not body:
        return ""
    rpr_xml = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{rpr_xml}<w:t xml:space="preserve">{body}</w:t></w:r>'


def _p(text: object = "", style: str = "", ppr: str = "", rpr: str = "") -> str:
    """One paragraph; ``ppr`` holds pPr children after pStyle (in schema order)."""
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    props = f"<w:pPr>{style_xml}{ppr}</w:pPr>" if style_xml or ppr else ""
    return f"<w:p>{props}{_run(text, rpr)}</w:p>"


NO_INDENT = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'


def _cell(text: object, width: int, jc: str = "", *, header: bool = False) -> str:
    jc_xml = f'<w:jc w:val="{jc}"/>' if jc else ""
    rpr = _rfonts(FONT_HEADING_1) if header else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="TableText"/>{jc_xml}</w:pPr>{_run(text, rpr)}</w:p></w:tc>'
    )


def _table(widths: Sequence[int], rows: Iterable[str]) -> str:
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    edges = "".join(f"<w:{e} {border}/>" for e in ("top", "left", "bottom", "right"))
    inside = f"<w:insideH {border}/><w:insideV {border}/>"
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{edges}{inside}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def _row(cells: Iterable[str], *, header: bool = False, keep: bool = False) -> str:
    """A row; ``header`` repeats it on every page, ``keep`` keeps it on one page."""
    props = "<w:cantSplit/>" if header or keep else ""
    props += "<w:tblHeader/>" if header else ""
    return f"<w:tr>{'<w:trPr>' + props + '</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


def _lines(text: str, width: int) -> int:
    """How many lines ``text`` takes in a table cell ``width`` twips wide (an estimate)."""
    per_line = max(1.0, (width - 2 * CELL_MARGIN) / (TABLE_SIZE * 10))
    if len(text) <= per_line:
        return 1
    return max(1, math.ceil(_width(text) / per_line))


def _sect(*, landscape: bool, new_page: bool) -> str:
    width, height = (A4[1], A4[0]) if landscape else A4
    margins = LANDSCAPE_MARGINS if landscape else MARGINS
    orient = ' w:orient="landscape"' if landscape else ""
    kind = '<w:type w:val="nextPage"/>' if new_page else ""
    return (
        '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
        '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
        f'{kind}<w:pgSz w:w="{width}" w:h="{height}"{orient}/>'
        f'<w:pgMar w:top="{margins["top"]}" w:right="{margins["right"]}" '
        f'w:bottom="{margins["bottom"]}" w:left="{margins["left"]}" w:header="{HEADER_DISTANCE}" '
        f'w:footer="{FOOTER_DISTANCE}" w:gutter="0"/><w:pgNumType w:fmt="decimal"/>'
        '<w:cols w:space="425"/>'
        f'<w:docGrid w:type="lines" w:linePitch="{LINE_PITCH}"/></w:sectPr>'
    )

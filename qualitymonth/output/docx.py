"""The Word report the section submits (``qm report --format docx``).

The layout is that of GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm, the title in
2号小标宋, the body in 3号仿宋 on a grid of 22 lines a page, headings 一、 in 黑体 and （一） in
楷体, page numbers "— 1 —" in 4号宋体 (odd pages right, even pages left), the issuer and the date
at the end; then the plan's table, with a 完成情况 column, as the 附件 on landscape pages.

The package is written part by part (no template): every byte is ours, the same document always
gives the same bytes, and 10,000 activities take well under a second.  All text from the plan
and the journal goes through :func:`clean` and :func:`_esc`: it is text, never markup.
"""

from __future__ import annotations

import calendar
import functools
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from qualitymonth.i18n import Lang, t

__all__ = ["DEFAULT_FONT_BODY", "DEFAULT_FONT_TITLE", "clean", "render_report"]

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

# Characters XML 1.0 cannot hold or that act on a terminal/printer: C0 (but tab, newline and
# carriage return, which become spaces), DEL, C1, lone surrogates, the two non-characters, and
# the bidirectional overrides and isolates, which would reorder the text around them.
_DROP = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_SPACE = re.compile("[\t\n\r\u2028\u2029]+")
_ANY = re.compile(f"{_SPACE.pattern[:-1]}|{_DROP.pattern}")


def clean(value: object) -> str:
    """``value`` as one line of printable text: line breaks and tabs become a space, every other
    control character is dropped."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not _ANY.search(text):
        return text
    return _DROP.sub("", _SPACE.sub(" ", text))


def _esc(value: object) -> str:
    """Cleaned text, escaped for an XML text node or a double-quoted attribute."""
    text = clean(value)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


# --------------------------------------------------------------------------- words


@functools.cache
def _template(key: str, lang: Lang) -> str:
    return t(key, lang)


def _f(key: str, lang: Lang, /, **params: object) -> str:
    """``t`` with the template looked up once: the report says the same things many times."""
    template = _template(key, lang)
    return template.format(**params) if params else template


def _date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def long_date(d: date, lang: Lang) -> str:
    """2023年9月28日 (no leading zeros), or 28 September 2023."""
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def short_date(d: date, year: int | None, lang: Lang) -> str:
    """9月28日 within the campaign year, else the long form."""
    if d.year != year:
        return long_date(d, lang)
    return f"{d.month}月{d.day}日" if lang == "zh" else f"{d.day} {calendar.month_abbr[d.month]}"


def month_label(value: object, lang: Lang) -> str:
    d = _date(f"{value}-01") if isinstance(value, str) else None
    if d is None:
        return clean(value)
    return f"{d.year}年{d.month}月" if lang == "zh" else f"{calendar.month_name[d.month]} {d.year}"


_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 105 -> 一百零五: the numbers of the headings （一）."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 10000:
        big, unit = (1000, "千") if n >= 1000 else (100, "百")
        rest = n % big
        tail = "" if rest == 0 else ("零" if rest < big // 10 else "") + cn_number(rest)
        if 10 <= rest < 20:
            tail = tail.replace("十", "一十", 1)
        return _DIGITS[n // big] + unit + tail
    return str(n)


def _heading_number(n: int, lang: Lang) -> str:
    return f"（{cn_number(n)}）" if lang == "zh" else f"({n}) "


def _percent(rate: object) -> str:
    value = float(rate) if isinstance(rate, int | float) else 0.0
    return f"{value * 100:.0f}%"


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _norm(name: object) -> str:
    """Department names compare after NFKC, with either kind of bracket."""
    return unicodedata.normalize("NFKC", clean(name)).strip()


def _plan_name(name: str, lang: Lang) -> str:
    if lang == "zh" and not name.endswith(("活动", "方案")):
        name += "活动"
    return name if name.endswith("方案") else _f("docx_plan", lang, name=name)


def _status(a: Mapping[str, Any], year: int | None, lang: Lang) -> str:
    """未开始 / 进行中，进度60%，逾期 / 已于9月25日完成 / 逾期完成（10月7日）."""
    status = a.get("status")
    if status == "done":
        done_on = _date(a.get("done_on"))
        when = short_date(done_on, year, lang) if done_on else ""
        if a.get("late"):
            late = _f("docx_status_late", lang)
            return _f("docx_late_on", lang, date=when) if when else late
        return _f("docx_done_on", lang, date=when) if when else _f("docx_status_done", lang)
    parts = [_f("docx_status_doing" if status == "doing" else "docx_status_todo", lang)]
    percent = _int(a.get("percent"))
    if status == "doing" and 0 < percent < 100:
        parts.append(_f("docx_percent", lang, p=percent))
    if a.get("overdue"):
        parts.append(_f("docx_status_overdue", lang))
    return _f("docx_list_sep", lang).join(parts)


def _sentence_end(text: str) -> str:
    return text.rstrip(" 。；;.，,")


def _periods(a: Mapping[str, Any]) -> list[Any]:
    periods = a.get("periods")
    if isinstance(periods, list):
        return periods
    return [[a.get("start"), a.get("end")]] if a.get("start") else []


# --------------------------------------------------------------------------- XML pieces


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


# --------------------------------------------------------------------------- the report


def render_report(doc: Mapping[str, Any], options: Mapping[str, Any]) -> bytes:
    """The report ``doc`` (the ``qm report --format json`` object plus ``activities``) as a
    .docx file.  ``options``: ``lang`` ("zh" or "en"), ``font_body``, ``font_title``."""
    lang: Lang = "en" if options.get("lang") == "en" else "zh"
    font_body = clean(options.get("font_body")).strip() or DEFAULT_FONT_BODY
    font_title = clean(options.get("font_title")).strip() or DEFAULT_FONT_TITLE
    campaign: Mapping[str, Any] = doc.get("campaign") or {}
    as_of = _date(doc.get("as_of"))
    title = _f("docx_title", lang, name=clean(campaign.get("name")))
    body = _Body(doc, lang).build()
    parts = {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _package_rels(),
        "docProps/core.xml": _core(title, campaign, as_of, lang),
        "docProps/app.xml": _app(campaign),
        "word/document.xml": body,
        "word/_rels/document.xml.rels": _document_rels(),
        "word/styles.xml": _styles(font_body, font_title),
        "word/settings.xml": _settings(),
        "word/fontTable.xml": _font_table(font_body, font_title),
        "word/footer1.xml": _footer(odd=True),
        "word/footer2.xml": _footer(odd=False),
    }
    stamp = (as_of.year, as_of.month, as_of.day, 0, 0, 0) if as_of else (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, xml.encode("utf-8"), compresslevel=1)
    return out.getvalue()


class _Body:
    """``word/document.xml``: the report's sections, then the 附件 section."""

    def __init__(self, doc: Mapping[str, Any], lang: Lang) -> None:
        self.doc = doc
        self.lang = lang
        self.campaign: Mapping[str, Any] = doc.get("campaign") or {}
        year = self.campaign.get("year")
        self.year = year if isinstance(year, int) else None
        self.as_of = _date(doc.get("as_of"))
        self.as_of_text = long_date(self.as_of, lang) if self.as_of else clean(doc.get("as_of"))
        self.activities: list[Mapping[str, Any]] = [
            a for a in doc.get("activities") or [] if isinstance(a, Mapping)
        ]
        self.totals: Mapping[str, Any] = doc.get("totals") or {}
        # Each note of the period, put into words once: "9月14日，电子屏开始滚动播放…".
        self.notes: dict[object, list[str]] = {}
        for e in doc.get("notes") or []:
            note = _sentence_end(clean(e.get("note"))) if isinstance(e, Mapping) else ""
            if note:
                d = _date(e.get("date"))
                when = short_date(d, self.year, lang) if d else ""
                item = _f("docx_note", lang, date=when, note=note) if when else note
                self.notes.setdefault(e.get("activity"), []).append(item)
        self._progress: dict[object, str] = {}
        self.out: list[str] = []

    def progress(self, a: Mapping[str, Any]) -> str:
        """The notes of the period, by date; else the latest note; else nothing."""
        key = a.get("id")
        if key not in self._progress:
            items = self.notes.get(key)
            if items:
                text = _f("docx_notes_sep", self.lang).join(items) + _f("docx_stop", self.lang)
            else:
                latest = _sentence_end(clean(a.get("last_note")))
                text = _f("docx_latest", self.lang, note=latest) if latest else ""
            self._progress[key] = text
        return self._progress[key]

    # -- helpers

    def para(self, text: object = "", style: str = "", ppr: str = "", rpr: str = "") -> None:
        self.out.append(_p(text, style, ppr, rpr))

    def blank(self) -> None:
        self.out.append("<w:p/>")

    def heading1(self, key: str) -> None:
        self.para(_f(key, self.lang), "Heading1")

    def heading2(self, n: int, text: str) -> None:
        self.para(_heading_number(n, self.lang) + text, "Heading2")

    # -- sections

    def build(self) -> str:
        self.front()
        self.overview()
        self.departments()
        self.problems()
        self.next_steps()
        self.ending()
        self.annex()
        return (
            f'{DECL}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
            f"{''.join(self.out)}{_sect(landscape=True, new_page=True)}</w:body></w:document>"
        )

    def front(self) -> None:
        lang, c = self.lang, self.campaign
        self.para(_f("docx_title", lang, name=clean(c.get("name"))), "Title")
        self.blank()
        report_to = clean(c.get("report_to")).strip()
        if report_to:
            self.para(_f("docx_recipient", lang, to=report_to), ppr=NO_INDENT)
        self.para(self.opening())

    def opening(self) -> str:
        lang, c = self.lang, self.campaign
        name = clean(c.get("name")).strip()
        doc_no = clean(c.get("doc_no")).strip()
        issuer = clean(c.get("issuer")).strip()
        theme = clean(c.get("theme")).strip()
        cite = _f(
            "docx_cite",
            lang,
            plan=_plan_name(name, lang),
            doc_no=_f("docx_doc_no", lang, doc_no=doc_no) if doc_no else "",
        )
        carried = _f(
            "docx_carried_out",
            lang,
            issuer=issuer or _f("docx_we", lang),
            theme=_f("docx_theme", lang, theme=theme) if theme else "",
            name=name,
        )
        scope: Mapping[str, Any] = self.doc.get("scope") or {}
        words = ""
        if scope.get("dept"):
            words += _f("docx_scope_dept", lang, dept=clean(scope["dept"]))
        if scope.get("month"):
            words += _f("docx_scope_month", lang, month=month_label(scope["month"], lang))
        words += _f("docx_scope_as_of", lang, date=self.as_of_text)
        return cite + carried + _f("docx_report_as_follows", lang, scope=words)

    def overview(self) -> None:
        lang, totals = self.lang, self.totals
        self.heading1("docx_h_totals")
        scope: Mapping[str, Any] = self.doc.get("scope") or {}
        month = month_label(scope["month"], lang) if scope.get("month") else ""
        dept = clean(scope.get("dept") or "")
        if month and dept:
            words = _f("docx_totals_month_dept", lang, month=month, dept=dept)
        elif dept:
            words = _f("docx_totals_dept", lang, dept=dept)
        elif month:
            words = _f("docx_totals_month", lang, month=month)
        else:
            words = _f("docx_totals_all", lang)
        n = _int(totals.get("activities"))
        if n == 0:
            self.para(_f("docx_totals_none", lang, date=self.as_of_text, scope=words))
            return
        done, late = _int(totals.get("done")), _int(totals.get("late"))
        text = _f(
            "docx_totals",
            lang,
            date=self.as_of_text,
            scope=words,
            n=n,
            done=done,
            on_time=done - late,
            late=late,
            doing=_int(totals.get("doing")),
            todo=_int(totals.get("todo")),
            overdue=_int(totals.get("overdue")),
            rate=_percent(totals.get("completion_rate")),
        )
        undated = self.undated()
        if undated:
            text += _f("docx_undated_count", lang, n=len(undated))
        self.para(text)

    def undated(self) -> list[Mapping[str, Any]]:
        given = self.doc.get("undated")
        if isinstance(given, list):
            return [a for a in given if isinstance(a, Mapping)]
        return [a for a in self.activities if not _periods(a)]

    def departments(self) -> None:
        lang = self.lang
        self.heading1("docx_h_departments")
        rows: list[Mapping[str, Any]] = [
            r for r in self.doc.get("by_department") or [] if isinstance(r, Mapping)
        ]
        if rows:
            self.para(_f("docx_dept_intro", lang))
            self.out.append(self.count_table(rows))
        # Each activity under its lead department, in by_department order; a lead that names
        # no row (an alias) gets its own group, and notes on no listed activity a last one.
        groups: dict[str, tuple[str, Mapping[str, Any] | None, list[Mapping[str, Any]]]] = {}
        for r in rows:
            groups.setdefault(_norm(r.get("department")), (clean(r.get("department")), r, []))
        for a in self.activities:
            key = _norm(a.get("lead"))
            groups.setdefault(key, (clean(a.get("lead")), None, []))[2].append(a)
        known = {a.get("id") for a in self.activities}
        stray = [(i, item) for i, items in self.notes.items() if i not in known for item in items]
        n = 0
        for name, row, acts in groups.values():
            n += 1
            self.heading2(n, name)
            if row is not None:
                self.para(self.dept_summary(row))
            if not acts:
                continue
            if not any(self.notes.get(a.get("id")) or a.get("last_note") for a in acts):
                self.para(_f("docx_no_notes", lang))
            for k, a in enumerate(acts, 1):
                self.para(
                    _f(
                        "docx_activity",
                        lang,
                        k=k,
                        theme=_sentence_end(clean(a.get("theme"))),
                        id=clean(a.get("id")),
                        status=_status(a, self.year, lang),
                        progress=self.progress(a),
                    )
                )
        if stray:
            self.heading2(n + 1, _f("docx_other", lang))
            for i, item in stray:
                self.para(f"{clean(i)}. {item}{_f('docx_stop', lang)}")

    def dept_summary(self, row: Mapping[str, Any]) -> str:
        return _f(
            "docx_dept_summary",
            self.lang,
            n=_int(row.get("activities")),
            done=_int(row.get("done")),
            late=_int(row.get("late")),
            doing=_int(row.get("doing")),
            todo=_int(row.get("todo")),
            overdue=_int(row.get("overdue")),
            rate=_percent(row.get("completion_rate")),
        )

    def count_table(self, rows: Sequence[Mapping[str, Any]]) -> str:
        lang, w = self.lang, DEPT_WIDTHS
        fields = ("activities", "done", "doing", "todo", "overdue", "late")
        header = [_f("docx_col_lead", lang), *(_f(f"docx_col_{f}", lang) for f in fields)]
        header.append(_f("docx_col_rate", lang))

        def line(label: str, counts: Mapping[str, Any]) -> str:
            cells = [_cell(label, w[0])]
            cells += [_cell(_int(counts.get(f)), w[i + 1], "center") for i, f in enumerate(fields)]
            cells.append(_cell(_percent(counts.get("completion_rate")), w[-1], "center"))
            return _row(cells)

        out = [
            _row([_cell(h, w[i], "center", header=True) for i, h in enumerate(header)], header=True)
        ]
        out += [line(clean(r.get("department")), r) for r in rows]
        out.append(line(_f("total", lang), self.totals))
        return _table(w, out)

    def problems(self) -> None:
        lang = self.lang
        self.heading1("docx_h_problems")
        overdue = [a for a in self.doc.get("overdue") or [] if isinstance(a, Mapping)]
        undated = self.undated()
        skip = {a.get("id") for a in overdue} | {a.get("id") for a in undated}
        todo = [a for a in self.activities if a.get("status") == "todo" and a.get("id") not in skip]
        lists = [
            ("docx_h_overdue", overdue, True),
            ("docx_h_todo", todo, False),
            ("docx_h_undated", undated, False),
        ]
        n = 0
        for key, acts, late in lists:
            if not acts:
                continue
            n += 1
            self.heading2(n, _f(key, lang))
            for k, a in enumerate(acts, 1):
                status = _status(a, self.year, lang)
                end = _date(a.get("end"))
                if late and end and self.as_of:
                    days = (self.as_of - end).days
                    status += _f("docx_list_sep", lang) + _f("docx_days_overdue", lang, n=days)
                progress = self.progress(a)
                self.para(
                    _f(
                        "docx_problem",
                        lang,
                        k=k,
                        theme=_sentence_end(clean(a.get("theme"))),
                        id=clean(a.get("id")),
                        lead=clean(a.get("lead")),
                        schedule=clean(a.get("schedule")).strip() or _f("docx_undated", lang),
                        status=status,
                        progress=progress or _f("docx_no_progress", lang),
                    )
                )
        if n == 0:
            self.para(_f("docx_no_problems", lang, date=self.as_of_text))

    def next_steps(self) -> None:
        self.heading1("docx_h_next")
        self.para(
            _f("docx_next_placeholder", self.lang),
            ppr="<w:keepNext/>",
            rpr='<w:highlight w:val="yellow"/>',
        )

    def ending(self) -> None:
        """附件 note, then the issuer centred over the date, the date four characters from the
        right edge (GB/T 9704 7.3.5.2), the first section ending with the date.  The block
        keeps with the date, so the date never stands alone on a page."""
        keep = "<w:keepNext/>"
        self.out.append(f"<w:p><w:pPr>{keep}</w:pPr></w:p>")
        self.para(_f("docx_annex_note", self.lang), ppr=keep)
        self.out.append(f"<w:p><w:pPr>{keep}</w:pPr></w:p>" * 2)
        issuer = clean(self.campaign.get("issuer")).strip()
        date_text = self.as_of_text
        date_w, issuer_w = _width(date_text), _width(issuer)
        date_indent = 4 * BODY_SIZE * 10
        issuer_indent = max(0, date_indent + round((date_w - issuer_w) / 2 * BODY_SIZE * 10))
        right = '<w:ind w:right="{}" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>'
        if issuer:
            self.para(issuer, ppr=keep + right.format(issuer_indent))
        sect = _sect(landscape=False, new_page=False)
        self.out.append(
            f"<w:p><w:pPr>{right.format(date_indent)}{sect}</w:pPr>{_run(date_text)}</w:p>"
        )

    def annex(self) -> None:
        lang = self.lang
        self.para(_f("docx_annex_label", lang), "Heading1", NO_INDENT)
        self.para(_f("docx_annex_title", lang), "Title")
        widths = [round(mm * 1440 / 25.4) for mm in ANNEX_MM]
        widths[2] += LANDSCAPE_WIDTH - sum(widths)
        keys = ("id", "theme", "content", "schedule", "lead", "assist", "remark")
        header = [_f(k, lang) for k in keys] + [_f("docx_col_completion", lang)]
        rows = [
            _row(
                [_cell(h, widths[i], "center", header=True) for i, h in enumerate(header)],
                header=True,
            )
        ]
        sep = "、" if lang == "zh" else ", "
        for a in self.activities:
            assist = a.get("assist")
            assist_text = sep.join(clean(x) for x in assist) if isinstance(assist, list) else ""
            status = _status(a, self.year, lang)
            note = _sentence_end(clean(a.get("last_note")))
            texts = [clean(a.get(k)) for k in ("id", "theme", "content", "schedule", "lead")] + [
                assist_text,
                clean(a.get("remark")),
            ]
            cells = [_cell(x, widths[i], ANNEX_JC[i]) for i, x in enumerate(texts)]
            cells.append(_completion_cell(status, note, widths[7]))
            lines = [_lines(x, w) for x, w in zip(texts, widths, strict=False)]
            lines.append(_lines(status, widths[7]) + (_lines(note, widths[7]) if note else 0))
            rows.append(_row(cells, keep=max(lines) <= KEEP_ROW_LINES))
        self.out.append(_table(widths, rows))
        # Word needs a paragraph after a table; a 1 pt one cannot push a page over.
        self.out.append(
            '<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="20" w:lineRule="exact"/>'
            f'{NO_INDENT}</w:pPr><w:r><w:rPr><w:sz w:val="2"/></w:rPr><w:t></w:t></w:r></w:p>'
        )


def _completion_cell(status: str, note: str, width: int) -> str:
    """完成情况: the status (and date) on one line, the latest note under it."""
    paras = f'<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>{_run(status)}</w:p>'
    if note:
        paras += f'<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>{_run(note)}</w:p>'
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        f"{paras}</w:tc>"
    )


def _width(text: str) -> float:
    """Width in body characters: CJK and full-width characters 1, the rest half."""
    # UTF-8 spends three bytes on a CJK character and one on ASCII, which is all this needs.
    wide = (len(text.encode("utf-8")) - len(text)) / 2
    return wide + (len(text) - wide) / 2


# --------------------------------------------------------------------------- the other parts


def _content_types() -> str:
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = [
        ("/word/document.xml", f"{main}.document.main+xml"),
        ("/word/styles.xml", f"{main}.styles+xml"),
        ("/word/settings.xml", f"{main}.settings+xml"),
        ("/word/fontTable.xml", f"{main}.fontTable+xml"),
        ("/word/footer1.xml", f"{main}.footer+xml"),
        ("/word/footer2.xml", f"{main}.footer+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        ),
    ]
    items = "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in overrides)
    return (
        f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{items}</Types>"
    )


def _rels(items: Sequence[tuple[str, str, str]]) -> str:
    body = "".join(f'<Relationship Id="{i}" Type="{kind}" Target="{to}"/>' for i, kind, to in items)
    return f'{DECL}<Relationships xmlns="{PKG_REL}">{body}</Relationships>'


def _package_rels() -> str:
    return _rels(
        [
            ("rId1", f"{REL}/officeDocument", "word/document.xml"),
            ("rId2", f"{PKG_REL}/metadata/core-properties", "docProps/core.xml"),
            ("rId3", f"{REL}/extended-properties", "docProps/app.xml"),
        ]
    )


def _document_rels() -> str:
    return _rels(
        [
            ("rIdStyles", f"{REL}/styles", "styles.xml"),
            ("rIdSettings", f"{REL}/settings", "settings.xml"),
            ("rIdFonts", f"{REL}/fontTable", "fontTable.xml"),
            ("rIdFooterOdd", f"{REL}/footer", "footer1.xml"),
            ("rIdFooterEven", f"{REL}/footer", "footer2.xml"),
        ]
    )


def _core(title: str, campaign: Mapping[str, Any], as_of: date | None, lang: Lang) -> str:
    issuer = _esc(campaign.get("issuer"))
    stamp = f"{as_of.isoformat()}T00:00:00Z" if as_of else ""
    when = (
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        if stamp
        else ""
    )
    return (
        f"{DECL}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_esc(title)}</dc:title><dc:subject>{_esc(campaign.get('name'))}</dc:subject>"
        f"<dc:creator>{issuer}</dc:creator><cp:keywords>{_esc(campaign.get('doc_no'))}"
        f"</cp:keywords><dc:language>{'zh-CN' if lang == 'zh' else 'en'}</dc:language>"
        f"<cp:lastModifiedBy>{issuer}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f"{when}</cp:coreProperties>"
    )


def _app(campaign: Mapping[str, Any]) -> str:
    return (
        f"{DECL}<Properties "
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>qm</Application><DocSecurity>0</DocSecurity>"
        f"<Company>{_esc(campaign.get('issuer'))}</Company></Properties>"
    )


def _styles(font_body: str, font_title: str) -> str:
    lang_xml = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    body_font = _rfonts(font_body)
    spacing = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
    size = f'<w:sz w:val="{BODY_SIZE}"/><w:szCs w:val="{BODY_SIZE}"/>'

    def heading(style_id: str, name: str, font: str, level: int) -> str:
        return (
            f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/>'
            "<w:qFormat/><w:pPr><w:keepNext/>"
            f'<w:outlineLvl w:val="{level}"/></w:pPr><w:rPr>{_rfonts(font)}'
            '<w:b w:val="0"/><w:bCs w:val="0"/></w:rPr></w:style>'
        )

    return (
        f'{DECL}<w:styles xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        f"<w:docDefaults><w:rPrDefault><w:rPr>{body_font}"
        f"{size}{lang_xml}</w:rPr></w:rPrDefault>"
        f"<w:pPrDefault><w:pPr>{spacing}</w:pPr></w:pPrDefault></w:docDefaults>"
        # 正文: 3号仿宋, two characters in, the 22-line grid, both edges justified, and no
        # widow control (it would leave 21 lines on a page).
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:qFormat/><w:pPr><w:widowControl w:val="0"/>'
        f'{spacing}<w:ind w:firstLineChars="200" w:firstLine="640"/>'
        f'<w:jc w:val="both"/></w:pPr><w:rPr>{body_font}{size}{lang_xml}</w:rPr></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>"
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>'
        '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        # 标题: 2号小标宋, centred.
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="10"/><w:qFormat/>'
        f'<w:pPr>{NO_INDENT}<w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>'
        f'<w:rPr>{_rfonts(font_title)}<w:sz w:val="{TITLE_SIZE}"/>'
        f'<w:szCs w:val="{TITLE_SIZE}"/></w:rPr></w:style>'
        + heading("Heading1", "heading 1", FONT_HEADING_1, 0)
        + heading("Heading2", "heading 2", FONT_HEADING_2, 1)
        # Table text: 小四, off the line grid (or every line would take 29 pt).
        + '<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText">'
        '<w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>'
        f'<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{TABLE_LINE}" '
        f'w:lineRule="exact"/>{NO_INDENT}<w:jc w:val="left"/></w:pPr><w:rPr>'
        f'<w:sz w:val="{TABLE_SIZE}"/><w:szCs w:val="{TABLE_SIZE}"/></w:rPr></w:style>'
        # 页码: 4号宋体.
        '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/>'
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr>'
        '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" '
        f'w:lineRule="auto"/>{NO_INDENT}</w:pPr><w:rPr>{_rfonts(FONT_PAGE_NUMBER)}'
        f'<w:sz w:val="{PAGE_NUMBER_SIZE}"/><w:szCs w:val="{PAGE_NUMBER_SIZE}"/></w:rPr>'
        "</w:style></w:styles>"
    )


def _settings() -> str:
    return (
        f'{DECL}<w:settings xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>'
        '<w:characterSpacingControl w:val="compressPunctuation"/>'
        "<w:compat><w:useFELayout/>"
        '<w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


# The fonts' classes, so that Word and WPS pick a like font where one is missing.
_PANOSE = {
    "仿宋_GB2312": ("02010609030101010101", "modern", "仿宋"),
    "仿宋": ("02010609060101010101", "modern", "FangSong"),
    "楷体_GB2312": ("02010609030101010101", "modern", "楷体"),
    "黑体": ("02010609060101010101", "modern", "SimHei"),
    "宋体": ("02010600030101010101", "auto", "SimSun"),
    "方正小标宋简体": ("02000000000000000000", "auto", "FZXiaoBiaoSong-B05S"),
}


def _font_table(font_body: str, font_title: str) -> str:
    names = dict.fromkeys([font_body, font_title, FONT_HEADING_1, FONT_HEADING_2, FONT_PAGE_NUMBER])
    fonts = []
    for name in names:
        panose, family, alt = _PANOSE.get(name, ("", "auto", ""))
        fonts.append(
            f'<w:font w:name="{_esc(name)}">'
            + (f'<w:altName w:val="{_esc(alt)}"/>' if alt else "")
            + (f'<w:panose1 w:val="{panose}"/>' if panose else "")
            + f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="variable"/>'
            "</w:font>"
        )
    return f'{DECL}<w:fonts xmlns:w="{W_NS}" xmlns:r="{R_NS}">{"".join(fonts)}</w:fonts>'


def _footer(*, odd: bool) -> str:
    """ "— 1 —": a PAGE field between two 一字线, one character in from the outer edge."""
    ind = '<w:ind w:right="280"/>' if odd else '<w:ind w:left="280"/>'
    jc = "right" if odd else "left"
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r><w:t>{1 if odd else 2}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    return (
        f'{DECL}<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/>'
        f'{ind}<w:jc w:val="{jc}"/></w:pPr>{_run("— ")}{field}{_run(" —")}</w:p></w:ftr>'
    )

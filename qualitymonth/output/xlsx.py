"""The Excel ledger (台账): ``qm report --format xlsx`` and ``qm list --format xlsx``.

Sheet 台账 has one row per activity: the columns of the plan's annex 2, then 状态, 完成进度,
完成日期, 完成情况 (the latest note) and 逾期天数.  A report adds 按部门 and 按月份, the counts
per lead department and per month with a total row.  Every sheet has a title row, a frozen,
bold header that is repeated on every printed page and carries an autofilter, and prints on A4
landscape, one page wide.  Dates are Excel dates, percentages numbers formatted ``0%``.
Overdue rows are red and done rows green by conditional formatting over the 状态 and 逾期天数
columns, so a clerk who edits a status sees the row recolour.

A writer: it takes the JSON-shaped document of the command and returns the file's bytes;
it reads no file, clock or environment.  Text from the plan and the journal is always a string
cell, never a formula.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from qualitymonth.i18n import Lang, t
from qualitymonth.output import xlsx_style as xs

__all__ = ["render_list", "render_report"]

_RED = ("FFC7CE", "9C0006")  # Excel's own "light red fill with dark red text"
_GREEN = ("C6EFCE", "006100")  # … and "green fill with dark green text"
#: The header is row 2: row 1 is the sheet's title.
_HEADER_ROW = 2


@dataclass(frozen=True)
class _Column:
    label: str
    style: str
    low: float  # narrowest width, in Excel character units
    high: float  # widest: longer text wraps
    value: Callable[[Mapping[str, Any]], Any]
    measured: bool = True  # whether its text decides the row height


def render_report(doc: Mapping[str, Any], options: Mapping[str, Any]) -> bytes:
    """The ``.xlsx`` of a report: sheets 台账, 按部门 and 按月份."""
    lang = _lang(options)
    book = xs.new_book(_title(doc, "xlsx_title", lang))
    _ledger(book, doc, lang)
    departments = [(_text(row.get("department")), row) for row in doc.get("by_department", [])]
    _counts(book, doc, "by_department", "xlsx_department", departments, lang)
    months = [(_month(row.get("month"), lang), row) for row in doc.get("by_month", [])]
    _counts(book, doc, "by_month", "month", months, lang, total="xlsx_total_months")
    return xs.to_bytes(book)


def render_list(doc: Mapping[str, Any], options: Mapping[str, Any]) -> bytes:
    """The ``.xlsx`` of a list: the sheet 台账 alone."""
    lang = _lang(options)
    book = xs.new_book(_title(doc, "xlsx_title", lang))
    _ledger(book, doc, lang)
    return xs.to_bytes(book)


# --------------------------------------------------------------------------- values


def _lang(options: Mapping[str, Any]) -> Lang:
    return "en" if options.get("lang") == "en" else "zh"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _month(value: Any, lang: Lang) -> str:
    if not value:
        return ""
    year, month = (int(part) for part in str(value).split("-")[:2])
    return t("xlsx_month", lang, y=year, m=month)


def _end(activity: Mapping[str, Any]) -> date | None:
    """The activity's last end: of its periods when the document has them, else ``end``."""
    periods = activity.get("periods")
    if periods:
        return max(date.fromisoformat(end) for _, end in periods)
    return _date(activity.get("end"))


def _days_overdue(activity: Mapping[str, Any], as_of: date | None) -> int | None:
    end = _end(activity)
    if not activity.get("overdue") or end is None or as_of is None:
        return None
    return max((as_of - end).days, 0)


def _status(activity: Mapping[str, Any], lang: Lang) -> str:
    status = activity.get("status") or "todo"
    return t(f"xlsx_status_{status}", lang) if status in ("todo", "doing", "done") else status


def _scope(doc: Mapping[str, Any], lang: Lang) -> str:
    scope = doc.get("scope") or {}
    parts = [_month(scope.get("month"), lang), _text(scope.get("dept"))]
    words = [p for p in parts if p]
    sep = "，" if lang == "zh" else ", "
    return sep.join(words) + sep if words else ""


def _title(doc: Mapping[str, Any], key: str, lang: Lang) -> str:
    campaign = doc.get("campaign") or {}
    as_of = _date(doc.get("as_of"))
    when = t("xlsx_date", lang, y=as_of.year, m=as_of.month, d=as_of.day) if as_of else ""
    return t(key, lang, name=_text(campaign.get("name")), scope=_scope(doc, lang), as_of=when)


# --------------------------------------------------------------------------- sheets


def _ledger_columns(lang: Lang, as_of: date | None) -> list[_Column]:
    def field(name: str) -> Callable[[Mapping[str, Any]], Any]:
        return lambda a: _text(a.get(name))

    return [
        _Column(t("id", lang), xs.INTEGER, 6, 6, lambda a: a.get("id"), measured=False),
        _Column(t("theme", lang), xs.TEXT, 14, 24, field("theme")),
        _Column(t("content", lang), xs.TEXT, 20, 40, field("content")),
        _Column(t("schedule", lang), xs.TEXT_CENTER, 10, 14, field("schedule")),
        _Column(t("lead", lang), xs.TEXT_CENTER, 10, 12, field("lead")),
        _Column(
            t("assist", lang), xs.TEXT_CENTER, 10, 16, lambda a: "、".join(a.get("assist") or [])
        ),
        _Column(t("remark", lang), xs.TEXT, 8, 16, field("remark")),
        _Column(t("status", lang), xs.TEXT_CENTER, 8, 12, lambda a: _status(a, lang)),
        _Column(
            t("xlsx_percent", lang),
            xs.PERCENT,
            10,
            10,
            lambda a: (a.get("percent") or 0) / 100,
            measured=False,
        ),
        _Column(
            t("xlsx_done_on", lang),
            xs.DATE,
            12,
            12,
            lambda a: _date(a.get("done_on")),
            measured=False,
        ),
        _Column(t("xlsx_last_note", lang), xs.TEXT, 14, 30, field("last_note")),
        _Column(
            t("xlsx_days_overdue", lang),
            xs.INTEGER,
            10,
            10,
            lambda a: _days_overdue(a, as_of),
            measured=False,
        ),
    ]


def _ledger(book: Any, doc: Mapping[str, Any], lang: Lang) -> None:
    columns = _ledger_columns(lang, _date(doc.get("as_of")))
    rows = [[col.value(a) for col in columns] for a in doc.get("activities", [])]
    sheet = _table(
        book,
        t("xlsx_sheet_ledger", lang),
        _title(doc, "xlsx_title", lang),
        columns,
        rows,
        lang,
        freeze="C3",  # the header, and 序号 and 活动主题 beside the columns scrolled to
    )
    if rows:
        labels = [c.label for c in columns]
        status = xs.column_letter(labels.index(t("status", lang)) + 1)
        days = xs.column_letter(labels.index(t("xlsx_days_overdue", lang)) + 1)
        _status_rules(sheet, len(columns), _HEADER_ROW + len(rows), status, days, lang)


def _counts(
    book: Any,
    doc: Mapping[str, Any],
    kind: str,
    first: str,
    rows: Sequence[tuple[str, Mapping[str, Any]]],
    lang: Lang,
    total: str = "xlsx_total",
) -> None:
    """A sheet of counts, one row per ``rows`` label, and the document's totals below."""

    def count(name: str, key: str, style: str = xs.INTEGER) -> _Column:
        return _Column(t(name, lang), style, 8, 10, lambda r: r.get(key) or 0, measured=False)

    columns = [
        _Column(t(first, lang), xs.TEXT_CENTER, 12, 24, lambda r: r["label"]),
        count("xlsx_activities", "activities"),
        count("col_done", "done"),
        count("col_doing", "doing"),
        count("col_todo", "todo"),
        count("col_overdue", "overdue"),
        count("col_late", "late"),
        count("col_rate", "completion_rate", xs.PERCENT),
    ]

    def cells(label: str, row: Mapping[str, Any]) -> list[Any]:
        return [col.value({**row, "label": label}) for col in columns]

    body = [cells(label, row) for label, row in rows]
    _table(
        book,
        t(f"xlsx_sheet_{kind}", lang),
        _title(doc, f"xlsx_title_{kind}", lang),
        columns,
        body,
        lang,
        freeze="A3",
        total=cells(t(total, lang), doc.get("totals") or {}),
    )


def _table(
    book: Any,
    name: str,
    title: str,
    columns: Sequence[_Column],
    rows: Sequence[Sequence[Any]],
    lang: Lang,
    *,
    freeze: str,
    total: Sequence[Any] | None = None,
) -> Any:
    """One sheet: a title row, a header row, ``rows`` and an optional ``total`` row.  Widths,
    heights, the frozen pane, the autofilter and the print setup come first: a write-only
    sheet takes them before its rows."""
    sheet = book.create_sheet(name)
    cells = xs.Cells(sheet, t("xlsx_truncated", lang))
    body = [
        [xs.clean_text(v, cells.mark) if isinstance(v, str) else v for v in row]
        for row in [*rows, *([total] if total else [])]
    ]
    measured = [i for i, col in enumerate(columns) if col.measured]
    widths = []
    for i, col in enumerate(columns):
        texts = [row[i] for row in body if isinstance(row[i], str)] if i in measured else []
        widths.append(xs.column_width([col.label, *texts], col.low, col.high))
        sheet.column_dimensions[xs.column_letter(i + 1)].width = widths[-1]
    last_column = xs.column_letter(len(columns))
    last_row = _HEADER_ROW + len(body)

    sheet.freeze_panes = freeze
    sheet.auto_filter.ref = f"A{_HEADER_ROW}:{last_column}{last_row}"
    sheet.merged_cells.add(f"A1:{last_column}1")
    xs.print_setup(sheet, title_rows=f"{_HEADER_ROW}:{_HEADER_ROW}", footer=t("xlsx_footer", lang))

    sheet.row_dimensions[1].height = xs.title_height(title, sum(widths))
    sheet.append([cells.text(title, xs.TITLE)])
    sheet.row_dimensions[_HEADER_ROW].height = xs.row_height([c.label for c in columns], widths)
    sheet.append([cells.text(c.label, xs.HEADER) for c in columns])
    at_total = {xs.INTEGER: xs.TOTAL_INTEGER, xs.PERCENT: xs.TOTAL_PERCENT}
    for n, row in enumerate(body):
        is_total = total is not None and n == len(body) - 1
        sheet.row_dimensions[_HEADER_ROW + 1 + n].height = xs.row_height(
            [row[i] or "" for i in measured], [widths[i] for i in measured]
        )
        sheet.append(
            [
                cells.value(v, at_total.get(col.style, xs.TOTAL) if is_total else col.style)
                for v, col in zip(row, columns, strict=True)
            ]
        )
    return sheet


def _status_rules(
    sheet: Any, n_columns: int, last_row: int, status_column: str, days_column: str, lang: Lang
) -> None:
    """Done rows green, overdue rows red, by formulas over 状态 (``status_column``) and 逾期天数
    (``days_column``); and 状态 a drop-down of the three statuses, so that a clerk's edit
    recolours the row."""
    from openpyxl.formatting.rule import Rule  # type: ignore[import-untyped]
    from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped]
    from openpyxl.styles.differential import DifferentialStyle  # type: ignore[import-untyped]
    from openpyxl.worksheet.datavalidation import (  # type: ignore[import-untyped]
        DataValidation,
    )

    first = _HEADER_ROW + 1
    area = f"A{first}:{xs.column_letter(n_columns)}{last_row}"
    done = _formula_text(t("xlsx_status_done", lang))
    status, days = f"${status_column}{first}", f"${days_column}{first}"

    def rule(formula: str, colours: tuple[str, str], priority: int) -> Rule:
        fill, ink = colours
        style = DifferentialStyle(
            font=Font(color=ink),
            fill=PatternFill(bgColor=fill, fgColor=fill, fill_type="solid"),
        )
        return Rule(
            type="expression", dxf=style, formula=[formula], priority=priority, stopIfTrue=True
        )

    sheet.conditional_formatting.add(area, rule(f"{status}={done}", _GREEN, 1))
    sheet.conditional_formatting.add(area, rule(f"AND(N({days})>0,{status}<>{done})", _RED, 2))
    labels = ",".join(t(f"xlsx_status_{s}", lang) for s in ("todo", "doing", "done"))
    check = DataValidation(
        type="list",
        formula1=f'"{labels}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=t("status", lang),
        error=t("xlsx_status_error", lang, labels=labels.replace(",", "、")),
    )
    check.add(f"{status_column}{first}:{status_column}{last_row}")
    sheet.data_validations.append(check)


def _formula_text(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'

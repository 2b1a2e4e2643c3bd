"""The progress form (进展填报表): one department's activities, to fill in Excel or WPS.

``render_form(doc, options) -> bytes`` is a writer like the others: the document comes in,
the whole .xlsx comes out, and nothing is read from the clock or the disk.  The same document
gives the same bytes (the zip's timestamps and the file's dates are the as-of date).

The fill columns (状态, 完成进度, 日期, 进展情况, 填报人) start empty: every filled row is a
new report, so a form sent back untouched reports nothing and a department never re-reports,
under a new date, what the section already recorded.  What the journal says as of the form's
date is shown beside them, in the locked column 已记录进展, so the filler sees what is known.

The form is in Chinese whatever ``lang``: its words (the sheet name, the headers, the three
status words) are what ``read_form`` reads back.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from qualitymonth.forms.layout import (
    COLUMNS,
    FIRST_ROW,
    FORM_VERSION,
    GUIDE_SHEET,
    HEADER_ROW,
    ID_SHEET,
    INFO_ROW,
    MAX_BY_CHARS,
    PROP_PREFIX,
    SHEET,
    STATUS_LABELS,
    STATUS_WORDS,
    TITLE_ROW,
    dept_key,
    form_id_of,
    involved,
    plain_text,
    xl,
)
from qualitymonth.journal import MAX_NOTE_CHARS

__all__ = ["form_document", "render_form"]

_WIDTHS = (6, 34, 12, 12, 16, 10, 10, 13, 42, 10)
_LOCKED_FILL = "F2F2F2"
_HEADER_FILL = "D9D9D9"


def form_document(
    *,
    campaign: Mapping[str, Any],
    plan_id: str,
    department: str,
    as_of: str,
    activities: Sequence[Mapping[str, Any]],
    canonical: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The document of ``department``'s form: the activities (JSON shape, plan order) it leads
    or assists.  ``canonical`` maps every department name or alias to its canonical name."""
    canon = canonical or {}
    mine = [a for a in activities if involved(a, department, canon)]
    return {
        "campaign": dict(campaign),
        "plan_id": plan_id,
        "department": department,
        "as_of": as_of,
        "activities": mine,
    }


def render_form(doc: Mapping[str, Any], options: Mapping[str, Any]) -> bytes:
    """The .xlsx bytes of the progress form of ``doc["department"]``."""
    Workbook = xl().Workbook
    campaign: Mapping[str, Any] = doc.get("campaign") or {}
    department = plain_text(str(doc["department"]), one_line=True)
    as_of = str(doc["as_of"])
    day = date.fromisoformat(as_of)
    plan_id = str(doc["plan_id"])
    form_id = str(doc.get("form_id") or form_id_of(plan_id, dept_key(department), as_of))
    activities: Sequence[Mapping[str, Any]] = doc.get("activities") or []

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    _fill_sheet(sheet, campaign, department, as_of, activities)
    _guide_sheet(book.create_sheet(GUIDE_SHEET), campaign, department, as_of, len(activities))
    identity = {
        "form_version": str(FORM_VERSION),
        "form_id": form_id,
        "plan_id": plan_id,
        "doc_no": plain_text(str(campaign.get("doc_no") or ""), one_line=True),
        "campaign": plain_text(str(campaign.get("name") or ""), one_line=True),
        "department": department,
        "as_of": as_of,
    }
    _identity(book, identity)

    stamp = datetime(day.year, day.month, day.day)
    book.properties.creator = "qm"
    book.properties.title = f"{identity['campaign']}进展填报表（{department}）"
    book.properties.created = stamp
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return _pinned(out.getvalue(), stamp)


# --------------------------------------------------------------------------- sheet 填报


def _text(cell: Any, value: str) -> None:
    """Put ``value`` in ``cell`` as text, never as a formula, whatever it starts with."""
    cell.value = value
    cell.data_type = "s"


@dataclass(frozen=True)
class _Look:
    """The cell styles the rows of sheet 填报 share."""

    border: Any
    locked_fill: Any
    wrap_top: Any
    centre_top: Any


def _fill_sheet(
    sheet: Any,
    campaign: Mapping[str, Any],
    department: str,
    as_of: str,
    activities: Sequence[Mapping[str, Any]],
) -> None:
    """Sheet 填报: the title, the information line, the header, one row per activity, the
    drop-downs and limits of the fill columns, then the lock and the page."""
    styles = xl("openpyxl.styles")
    Alignment, Border = styles.Alignment, styles.Border
    PatternFill, Side = styles.PatternFill, styles.Side
    thin = Side(style="thin", color="808080")
    look = _Look(
        border=Border(left=thin, right=thin, top=thin, bottom=thin),
        locked_fill=PatternFill("solid", fgColor=_LOCKED_FILL),
        wrap_top=Alignment(wrap_text=True, vertical="top"),
        centre_top=Alignment(horizontal="center", vertical="top", wrap_text=True),
    )
    _title_rows(sheet, campaign, department, as_of)
    _header_row(sheet, look)
    last = _activity_rows(sheet, activities, look)
    if last >= FIRST_ROW:
        _validations(sheet, FIRST_ROW, last)
    _lock_and_print(sheet)


def _title_rows(sheet: Any, campaign: Mapping[str, Any], department: str, as_of: str) -> None:
    """The title, and the line saying whose form it is, as of when, and where it goes back."""
    styles = xl("openpyxl.styles")
    Alignment, Font = styles.Alignment, styles.Font
    last = xl("openpyxl.utils").get_column_letter(len(COLUMNS))

    name = plain_text(str(campaign.get("name") or ""), one_line=True)
    sheet.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    _text(sheet.cell(TITLE_ROW, 1), f"{name}进展填报表")
    sheet.cell(TITLE_ROW, 1).font = Font(bold=True, size=16)
    sheet.cell(TITLE_ROW, 1).alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[TITLE_ROW].height = 30

    doc_no = plain_text(str(campaign.get("doc_no") or ""), one_line=True)
    report_to = plain_text(str(campaign.get("report_to") or ""), one_line=True)
    info = [f"填报部门：{department}"]
    if doc_no:
        info.append(f"计划文号：{doc_no}")
    info.append(f"已记录进展截至：{as_of}")
    if report_to:
        info.append(f"填好后交回：{report_to}")
    info.append("填写前请先看“说明”表")
    sheet.merge_cells(f"A{INFO_ROW}:{last}{INFO_ROW}")
    _text(sheet.cell(INFO_ROW, 1), "　　".join(info))
    sheet.cell(INFO_ROW, 1).alignment = Alignment(vertical="center", wrap_text=True)
    sheet.row_dimensions[INFO_ROW].height = 22


def _header_row(sheet: Any, look: _Look) -> None:
    """The column headers (what ``read_form`` finds the columns by), and the widths."""
    styles = xl("openpyxl.styles")
    Alignment, Font, PatternFill = styles.Alignment, styles.Font, styles.PatternFill
    get_column_letter = xl("openpyxl.utils").get_column_letter
    for col, (header, _locked) in enumerate(COLUMNS, 1):
        cell = sheet.cell(HEADER_ROW, col)
        _text(cell, header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = look.border
        sheet.column_dimensions[get_column_letter(col)].width = _WIDTHS[col - 1]
    sheet.row_dimensions[HEADER_ROW].height = 22


def _activity_rows(sheet: Any, activities: Sequence[Mapping[str, Any]], look: _Look) -> int:
    """One row per activity: the plan's cells locked and grey, the fill cells open.  Returns
    the last row written (``FIRST_ROW - 1`` when there is none)."""
    Protection = xl("openpyxl.styles").Protection
    row = FIRST_ROW - 1
    for row, activity in enumerate(activities, FIRST_ROW):
        values = (
            activity.get("id"),
            plain_text(str(activity.get("theme") or "")),
            plain_text(str(activity.get("schedule") or ""), one_line=True),
            plain_text(str(activity.get("lead") or ""), one_line=True),
            _recorded(activity),
        )
        for col, (_header, locked) in enumerate(COLUMNS, 1):
            cell = sheet.cell(row, col)
            if col <= len(values):
                value = values[col - 1]
                if isinstance(value, int) and not isinstance(value, bool):
                    cell.value = value
                else:
                    _text(cell, str(value if value is not None else ""))
            cell.border = look.border
            cell.alignment = look.centre_top if col in (1, 3, 4, 6, 7, 8, 10) else look.wrap_top
            if locked:
                cell.fill = look.locked_fill
            else:
                cell.protection = Protection(locked=False)
        sheet.cell(row, 7).number_format = "0"
        sheet.cell(row, 8).number_format = "yyyy-mm-dd"
        sheet.row_dimensions[row].height = _row_height(str(values[1]))
    return row


def _lock_and_print(sheet: Any) -> None:
    """The sheet locked (columns and rows may still be widened), the panes frozen, the page."""
    sheet.freeze_panes = f"C{FIRST_ROW}"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widening a column is fine
    sheet.protection.formatRows = False
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _print_setup(sheet, landscape=True)
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def _recorded(activity: Mapping[str, Any]) -> str:
    """What the journal says, in a few words: 进行中 60%, 已完成 2023-09-26, 未开始（逾期）."""
    status = str(activity.get("status") or "todo")
    words = STATUS_LABELS.get(status, STATUS_LABELS["todo"])
    percent = activity.get("percent")
    if status == "done" and activity.get("done_on"):
        words += f" {activity['done_on']}"
    elif status == "doing" and isinstance(percent, int) and percent:
        words += f" {percent}%"
    if activity.get("overdue"):
        words += "（逾期）"
    return words


def _row_height(theme: str) -> float:
    """Room for the theme's lines (about 16 Chinese characters a line) and for writing."""
    width = sum(2 if ord(ch) > 0x2E80 else 1 for ch in theme)
    lines = max(2, math.ceil(width / 32))
    return 15.0 * lines + 6


#: The fill columns' checks in Excel and WPS, in the order they are added: (header, the
#: DataValidation's arguments, error title, error, prompt title, prompt).
_RULES: tuple[tuple[str, Mapping[str, Any], str, str, str, str], ...] = (
    (
        "状态",
        {"type": "list", "formula1": f'"{",".join(STATUS_WORDS)}"', "allow_blank": True},
        "状态填写有误",
        "请从下拉列表中选择：未开始、进行中 或 已完成。",
        "状态",
        "点单元格右边的小箭头，选择 未开始、进行中 或 已完成。",
    ),
    (
        "完成进度",
        {"type": "whole", "operator": "between", "formula1": "0", "formula2": "100",
         "allow_blank": True},
        "完成进度填写有误",
        "完成进度请填 0 到 100 之间的整数，例如 60 表示完成六成。",
        "完成进度",
        "填 0 到 100 的整数，不要带 % 号。",
    ),
    (
        "日期",
        {"type": "date", "operator": "between", "formula1": "DATE(2000,1,1)",
         "formula2": "TODAY()", "allow_blank": True},
        "日期填写有误",
        "请填写不晚于今天的日期，例如 2023-09-25。",
        "日期",
        "这次进展发生的日期，如 2023-09-25；不填则按收表当天记录。",
    ),
    (
        "进展情况",
        {"type": "textLength", "operator": "lessThanOrEqual",
         "formula1": str(MAX_NOTE_CHARS), "allow_blank": True},
        "进展情况太长",
        f"进展情况请不超过 {MAX_NOTE_CHARS} 字。",
        "进展情况",
        "用几句话写做了什么、效果如何。",
    ),
    (
        "填报人",
        {"type": "textLength", "operator": "lessThanOrEqual",
         "formula1": str(MAX_BY_CHARS), "allow_blank": True},
        "填报人太长",
        f"填报人请写姓名，不超过 {MAX_BY_CHARS} 字。",
        "填报人",
        "写填报人的姓名。",
    ),
)  # fmt: skip


def _validations(sheet: Any, first: int, last: int) -> None:
    """The checks of ``_RULES`` on the fill columns of rows ``first`` to ``last``."""
    DataValidation = xl("openpyxl.worksheet.datavalidation").DataValidation
    get_column_letter = xl("openpyxl.utils").get_column_letter
    index = {header: col for col, (header, _locked) in enumerate(COLUMNS, 1)}
    for header, arguments, error_title, error, prompt_title, prompt in _RULES:
        letter = get_column_letter(index[header])
        rule = DataValidation(**arguments)
        rule.showErrorMessage = True
        rule.errorStyle = "stop"
        rule.errorTitle = error_title
        rule.error = error
        rule.showInputMessage = True
        rule.promptTitle = prompt_title
        rule.prompt = prompt
        rule.add(f"{letter}{first}:{letter}{last}")
        sheet.add_data_validation(rule)


def _print_setup(sheet: Any, *, landscape: bool) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    sheet.print_options.horizontalCentered = True


# --------------------------------------------------------------------------- sheet 说明


def _guide_sheet(
    sheet: Any, campaign: Mapping[str, Any], department: str, as_of: str, count: int
) -> None:
    styles = xl("openpyxl.styles")
    Alignment, Font = styles.Alignment, styles.Font

    name = plain_text(str(campaign.get("name") or ""), one_line=True)
    doc_no = plain_text(str(campaign.get("doc_no") or ""), one_line=True)
    report_to = plain_text(str(campaign.get("report_to") or ""), one_line=True)
    issuer = plain_text(str(campaign.get("issuer") or ""), one_line=True)
    source = f"{name}（{doc_no}）" if doc_no else name
    back = f"发回{report_to}" if report_to else f"发回{issuer or '布置本次活动的科室'}"
    steps = [
        f"这是{source}{department}的进展填报表，列出了{department}牵头或协办的 {count} 项活动；"
        f"“已记录进展”一列是截至 {as_of} 已经记录的情况。",
        "只填“填报”表中白色的格子：状态、完成进度、日期、进展情况、填报人。"
        "灰色的格子是计划内容，已锁定，不用改。",
        "状态：点格子右边的小箭头，从 未开始、进行中、已完成 中选一个。活动做完了就选“已完成”，"
        "不必再填完成进度。",
        "完成进度：填 0 到 100 的整数，例如 60 表示完成了六成。",
        "日期：这次进展发生的日期，例如 2023-09-25；不填就按收表当天记录。不能填今天以后的日期。",
        "进展情况：用几句话写做了什么、效果如何（例如：发放宣传资料 300 份）。"
        "只写情况、不选状态也可以。",
        "填报人：写你的姓名。",
        "没有新进展的活动，整行留空即可。请不要增删行、不要改表名和列名，不要在格子里写公式。",
        f"填好后保存为 .xlsx 文件（Excel 或 WPS 都可以），{back}。"
        "同一份表重复发送不会重复记录；有填错的地方，会退回并指明是哪个格子。",
    ]
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 90
    title = sheet.cell(1, 1)
    sheet.merge_cells("A1:B1")
    _text(title, "填报说明")
    title.font = Font(bold=True, size=16)
    title.alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 30
    for i, step in enumerate(steps, 1):
        number, text = sheet.cell(i + 1, 1), sheet.cell(i + 1, 2)
        _text(number, f"{i}.")
        number.alignment = Alignment(horizontal="right", vertical="top")
        _text(text, step)
        text.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[i + 1].height = 18.0 * max(1, math.ceil(len(step) / 44)) + 6
    sheet.protection.sheet = True
    _print_setup(sheet, landscape=False)


# --------------------------------------------------------------------------- identity


def _identity(book: Any, identity: Mapping[str, str]) -> None:
    """The form's identity, twice: in a very hidden sheet (which Excel's and WPS's menus
    cannot show) and as custom document properties (which survive a copy of the sheets)."""
    StringProperty = xl("openpyxl.packaging.custom").StringProperty

    sheet = book.create_sheet(ID_SHEET)
    sheet.sheet_state = "veryHidden"
    for row, (key, value) in enumerate(identity.items(), 1):
        _text(sheet.cell(row, 1), key)
        _text(sheet.cell(row, 2), value)
    sheet.protection.sheet = True
    for key, value in identity.items():
        book.custom_doc_props.append(StringProperty(name=PROP_PREFIX + key, value=value))


_MODIFIED = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")


def _pinned(data: bytes, stamp: datetime) -> bytes:
    """The same workbook with every timestamp set to ``stamp``: openpyxl stamps the save time
    into the zip and docProps/core.xml, and a writer does not read the clock."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = _MODIFIED.sub(
                    lambda m: b"<dcterms:modified" + m[1] + b">" + iso + b"</dcterms:modified>",
                    body,
                )
            pinned = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = info.external_attr
            dst.writestr(pinned, body)
    return out.getvalue()

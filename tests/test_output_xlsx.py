"""The Excel ledger (台账): read back with openpyxl, and through LibreOffice as a PDF and a CSV."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from qualitymonth.output import xlsx
from qualitymonth.output.xlsx_style import CELL_LIMIT, clean_text, column_letter, column_width

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "data" / "campaign-2023.yaml"
JOURNAL = ROOT / "tests" / "fixtures" / "journal-2023-09.jsonl"

HEADER_ZH = ["序号", "活动主题", "活动内容", "时间安排", "牵头部门", "协办单位", "备注",
             "状态", "完成进度", "完成日期", "完成情况", "逾期天数"]  # fmt: skip
HEADER_EN = ["ID", "Theme", "Content", "Schedule", "Lead", "Co-organizers", "Remark",
             "Status", "Progress", "Done on", "Latest note", "Days overdue"]  # fmt: skip
COUNTS_ZH = ["部门", "活动数", "已完成", "进行中", "未开始", "逾期", "逾期完成", "完成率"]
HOSTILE = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1+1", "-2", "=1+1"]


def _qm(tmp: Path, *args: str) -> Any:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QM_")}
    env.update({"QM_TODAY": "2023-10-08", "QM_CACHE_DIR": str(tmp), "PYTHONIOENCODING": "utf-8"})
    proc = subprocess.run(
        [sys.executable, "-m", "qualitymonth", "--plan", str(PLAN), "--journal", str(JOURNAL),
         *args, "--as-of", "2023-10-08", "--format", "json"],
        capture_output=True, env=env, cwd=ROOT, timeout=60, check=True,
    )  # fmt: skip
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The report (September) and list documents of the shipped plan and fixture journal,
    from the real CLI, as the writer interface describes them."""
    tmp = tmp_path_factory.mktemp("qm-cache")
    report = _qm(tmp, "report", "--month", "9")
    activities = _qm(tmp, "list", "--month", "9")
    listing = {"campaign": report["campaign"], "as_of": report["as_of"], "activities": activities}
    return {"report": report | {"activities": activities}, "list": listing}


def _book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def _row(sheet: Any, activity_id: int) -> dict[str, Any]:
    """The ledger row of one activity, as {header: cell}."""
    header = [c.value for c in sheet[2]]
    for row in sheet.iter_rows(min_row=3):
        if row[0].value == activity_id:
            return dict(zip(header, row, strict=True))
    raise AssertionError(f"no row for activity {activity_id}")


def _activity(**fields: Any) -> dict[str, Any]:
    base = {"id": 1, "theme": "宣传", "content": "", "schedule": "9月", "start": "2023-09-01",
            "end": "2023-09-30", "lead": "质量科", "assist": [], "remark": "", "status": "todo",
            "percent": 0, "overdue": False, "late": False, "done_on": None,
            "last_note": None}  # fmt: skip
    return base | fields


def _list_doc(*activities: dict[str, Any]) -> dict[str, Any]:
    campaign = {"name": "测试活动", "year": 2023, "issuer": "", "doc_no": "", "issued": None,
                "theme": "", "report_to": None}  # fmt: skip
    return {"campaign": campaign, "as_of": "2023-10-08", "activities": list(activities)}


# --------------------------------------------------------------------------- structure


def test_report_has_the_three_sheets_with_title_and_header(docs: dict[str, Any]) -> None:
    book = _book(xlsx.render_report(docs["report"], {}))
    assert book.sheetnames == ["台账", "按部门", "按月份"]
    ledger = book["台账"]
    assert [c.value for c in ledger[2]] == HEADER_ZH
    title = ledger["A1"].value
    assert title.startswith("2023年“质量月”活动台账") and "截至2023年10月8日" in title
    assert "2023年9月" in title  # the report's scope
    assert [str(r) for r in ledger.merged_cells.ranges] == ["A1:L1"]
    assert [c.value for c in book["按部门"][2]] == COUNTS_ZH
    assert book["按月份"]["A2"].value == "月份"
    assert ledger.max_row == 2 + 12


def test_list_has_the_ledger_alone(docs: dict[str, Any]) -> None:
    book = _book(xlsx.render_list(docs["list"], {}))
    assert book.sheetnames == ["台账"]
    assert [c.value for c in book["台账"][2]] == HEADER_ZH
    assert [book["台账"].cell(row=r, column=1).value for r in range(3, 15)] == list(range(1, 13))


def test_header_is_frozen_bold_filtered_and_printed_on_every_page(docs: dict[str, Any]) -> None:
    book = _book(xlsx.render_report(docs["report"], {}))
    for name, last in [("台账", "L14"), ("按部门", "H8"), ("按月份", "H4")]:
        sheet = book[name]
        assert sheet.freeze_panes == ("C3" if name == "台账" else "A3")
        assert sheet.auto_filter.ref == f"A2:{last}"
        assert sheet.print_title_rows == "$2:$2"
        assert all(c.font.b for c in sheet[2])
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
            "landscape", 9, 1, 0
        )  # fmt: skip
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert "&P" in sheet.oddFooter.center.text


def test_columns_fit_chinese_text_and_rows_fit_their_wrapped_lines(
    docs: dict[str, Any],
) -> None:
    sheet = _book(xlsx.render_report(docs["report"], {}))["台账"]
    width = {h: sheet.column_dimensions[column_letter(i + 1)].width for i, h in
             enumerate(HEADER_ZH)}  # fmt: skip
    # 各监管所 is 8 display cells: the column is wider than its 4 characters.
    assert width["协办单位"] >= 10
    assert width["活动内容"] == 40  # long contents wrap at the widest allowed
    assert all(sheet[f"{column_letter(i)}3"].alignment.wrap_text for i in range(1, 13))
    heights = {r: sheet.row_dimensions[r].height for r in range(3, 15)}
    # Activity 4's content is one short line; activity 7's wraps to several lines.
    assert heights[_row(sheet, 4)["序号"].row] < heights[_row(sheet, 7)["序号"].row]
    assert heights[_row(sheet, 7)["序号"].row] >= 4 * 14


# --------------------------------------------------------------------------- values


def test_known_rows_of_the_shipped_plan(docs: dict[str, Any]) -> None:
    sheet = _book(xlsx.render_report(docs["report"], {}))["台账"]
    row = _row(sheet, 4)  # overdue: 9 月, as of 2023-10-08
    assert row["活动主题"].value == "营造计量放心消费环境"
    assert row["时间安排"].value == "9 月"
    assert (row["牵头部门"].value, row["协办单位"].value) == ("质量科", "计量所")
    assert (row["状态"].value, row["完成进度"].value) == ("进行中", 0)
    assert row["完成日期"].value is None
    assert row["完成情况"].value == "抽查定量包装商品 20 批次"
    assert row["逾期天数"].value == 8
    row = _row(sheet, 3)  # done late, on 2023-10-07
    assert row["状态"].value == "已完成"
    assert row["完成日期"].value == datetime(2023, 10, 7)
    assert row["完成日期"].is_date and row["完成日期"].number_format == "yyyy-mm-dd"
    assert row["完成进度"].value == 1 and row["完成进度"].number_format == "0%"
    assert row["逾期天数"].value is None
    row = _row(sheet, 2)
    assert row["完成进度"].value == pytest.approx(0.6)
    assert row["完成进度"].number_format == "0%"
    assert row["完成情况"].value == "收到申报材料 4 份"
    assert _row(sheet, 12)["完成情况"].value is None


def test_department_and_month_sheets_carry_the_report_counts(docs: dict[str, Any]) -> None:
    report = docs["report"]
    book = _book(xlsx.render_report(report, {}))
    rows = [[c.value for c in r] for r in book["按部门"].iter_rows(min_row=3)]
    expected = [
        [d["department"], d["activities"], d["done"], d["doing"], d["todo"], d["overdue"],
         d["late"], pytest.approx(d["completion_rate"])]
        for d in report["by_department"]
    ]  # fmt: skip
    assert rows[:-1] == expected
    assert rows[0] == ["质量科", 6, 3, 2, 1, 1, 1, 0.5]
    assert rows[-1] == ["合计", 12, 6, 4, 2, 2, 3, 0.5]
    total = book["按部门"][f"H{2 + len(rows)}"]
    assert total.number_format == "0%" and total.font.b
    months = [[c.value for c in r] for r in book["按月份"].iter_rows(min_row=3)]
    assert months[0] == ["2023年9月", 12, 6, 4, 2, 2, 3, 0.5]
    assert months[-1][0].startswith("合计")


def test_english_labels(docs: dict[str, Any]) -> None:
    book = _book(xlsx.render_report(docs["report"], {"lang": "en"}))
    assert book.sheetnames == ["Ledger", "By department", "By month"]
    ledger = book["Ledger"]
    assert [c.value for c in ledger[2]] == HEADER_EN
    assert "as of 2023-10-08" in ledger["A1"].value
    assert _row(ledger, 4)["Status"].value == "in progress"
    assert _row(ledger, 1)["Status"].value == "done"
    assert _row(ledger, 12)["Status"].value == "not started"
    assert book["By month"]["A3"].value == "2023-09"
    assert book["By department"]["A2"].value == "Department"
    rules = [r.formula[0] for cf in ledger.conditional_formatting for r in cf.rules]
    assert '$H3="done"' in rules


def test_assist_joined_several_periods_and_undated_activities() -> None:
    doc = _list_doc(
        _activity(id=1, assist=["办公室", "各监管所"], status="doing", overdue=True,
                  periods=[["2023-06-01", "2023-06-30"], ["2023-09-01", "2023-09-10"]]),
        _activity(id=2, schedule="待定", start=None, end=None, periods=[]),
        _activity(id=3, overdue=True, end="2023-10-01"),  # no periods key: end is used
    )  # fmt: skip
    sheet = _book(xlsx.render_list(doc, {}))["台账"]
    assert _row(sheet, 1)["协办单位"].value == "办公室、各监管所"
    assert _row(sheet, 1)["逾期天数"].value == 28  # after the last period's end, 2023-09-10
    assert _row(sheet, 2)["时间安排"].value == "待定"
    assert _row(sheet, 2)["逾期天数"].value is None
    assert _row(sheet, 3)["逾期天数"].value == 7


def test_an_empty_list_is_a_ledger_with_its_header() -> None:
    sheet = _book(xlsx.render_list(_list_doc(), {}))["台账"]
    assert [c.value for c in sheet[2]] == HEADER_ZH
    assert sheet.max_row == 2
    assert not list(sheet.conditional_formatting)


# --------------------------------------------------------------------------- colours


def test_rows_are_coloured_by_formulas_over_status_and_days_overdue(
    docs: dict[str, Any],
) -> None:
    sheet = _book(xlsx.render_report(docs["report"], {}))["台账"]
    rules = {
        str(cf.sqref): [(r.type, r.formula, r.dxf.fill.bgColor.rgb[-6:]) for r in cf.rules]
        for cf in sheet.conditional_formatting
    }
    assert rules == {
        "A3:L14": [
            ("expression", ['$H3="已完成"'], "C6EFCE"),
            ("expression", ['AND(N($L3)>0,$H3<>"已完成")'], "FFC7CE"),
        ]
    }
    # No static fill: the colour is the rules' alone, so an edit recolours the row.
    assert all(c.fill.fill_type is None for row in sheet.iter_rows(min_row=3) for c in row)
    check = sheet.data_validations.dataValidation[0]
    assert (check.type, check.formula1, str(check.sqref)) == (
        "list", '"未开始,进行中,已完成"', "H3:H14"
    )  # fmt: skip
    assert check.showErrorMessage and "未开始、进行中、已完成" in check.error


# --------------------------------------------------------------------------- text is text


def test_hostile_text_is_stored_as_strings_never_formulas() -> None:
    doc = _list_doc(
        *(_activity(id=i, theme=text, last_note=text) for i, text in enumerate(HOSTILE, 1)),
        _activity(id=9, theme="a\x00b\x1bc\u202ed\x7f", last_note="第一行\r\n第二行\t完"),
    )
    data = xlsx.render_list(doc, {})
    sheet = _book(data)["台账"]
    for i, text in enumerate(HOSTILE, 1):
        for field in ("活动主题", "完成情况"):
            cell = _row(sheet, i)[field]
            assert (cell.value, cell.data_type) == (text, "s")
            assert cell.quotePrefix
    assert _row(sheet, 9)["活动主题"].value == "abcd"
    assert _row(sheet, 9)["完成情况"].value == "第一行\n第二行 完"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "HYPERLINK" in xml


def test_text_over_the_cell_limit_is_cut_with_a_mark() -> None:
    doc = _list_doc(_activity(content="质" * 40_000, last_note="😀" * 20_000))
    sheet = _book(xlsx.render_list(doc, {}))["台账"]
    content, note = _row(sheet, 1)["活动内容"].value, _row(sheet, 1)["完成情况"].value
    assert len(content) == CELL_LIMIT and content.endswith("…（已截断）")
    assert content.startswith("质" * 1000)
    assert len(note.encode("utf-16-le")) // 2 <= CELL_LIMIT and note.endswith("…（已截断）")
    assert sheet.row_dimensions[3].height == 409  # Excel's tallest row


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [("plain", "plain"), ("a\r\nb\rc", "a\nb\nc"), ("\x00\x08\x0b\x1f\x85x", "x"),
     ("\u202eevil\u2069", "evil"), ("tab\there", "tab here"), ("\ud800x", "x"),
     ("a\u2028b\u2029c", "a\nb\nc")],
)  # fmt: skip
def test_clean_text(text: str, cleaned: str) -> None:
    assert clean_text(text) == cleaned


def test_column_width_counts_cjk_as_two() -> None:
    assert column_width(["质量科"], 4, 40) == 8
    assert column_width(["abc"], 4, 40) == 5
    assert column_width(["长" * 100], 4, 40) == 40
    assert column_width(["一行\n两行很长很长很长"], 4, 40) == 18  # the widest line
    assert [column_letter(n) for n in (1, 12, 26, 27, 28)] == ["A", "L", "Z", "AA", "AB"]


# --------------------------------------------------------------------------- LibreOffice


def _soffice() -> str:
    found = shutil.which("soffice")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("soffice (LibreOffice) is needed under CI")
        pytest.skip("soffice (LibreOffice) is not installed")
    if not shutil.which("pdftotext"):
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler-utils) is needed under CI")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return found


def _convert(tmp_path: Path, source: Path, target: str) -> Path:
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", target, "--outdir", str(tmp_path / "out"), str(source)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    return tmp_path / "out" / (source.stem + "." + target.split(":")[0])


def test_libreoffice_prints_the_ledger_one_page_wide(docs: dict[str, Any], tmp_path: Path) -> None:
    source = tmp_path / "台账.xlsx"
    source.write_bytes(xlsx.render_report(docs["report"], {}))
    pdf = _convert(tmp_path, source, "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "841.89 x 595.3" in info.stdout  # A4 landscape
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    first = pages[0]
    # One page wide: the first and the last column of the ledger are on its first page.
    for text in ["序号", "活动主题", "完成情况", "逾期天数", "营造计量放心消费环境",
                 "抽查定量包装商品 20 批次", "2023-10-07", "60%", "第 1 页"]:  # fmt: skip
        assert text in first, text
    # The ledger, then 按部门 and 按月份 each on a page of their own.
    assert len([p for p in pages if p.strip()]) == 3
    assert "各部门完成情况" in pages[1] and "合计" in pages[1]


def test_libreoffice_reads_the_same_values_the_rules_only_colour(tmp_path: Path) -> None:
    doc = _list_doc(
        _activity(id=1, status="done", percent=100, done_on="2023-09-25", last_note=HOSTILE[0]),
        _activity(id=2, status="doing", percent=60, overdue=True, last_note=HOSTILE[1]),
        _activity(id=3, last_note="普通备注"),
    )
    source = tmp_path / "ledger.xlsx"
    source.write_bytes(xlsx.render_list(doc, {}))
    out = _convert(tmp_path, source, "csv:Text - txt - csv (StarCalc):44,34,76,1")
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[1] == HEADER_ZH
    body = {r[0]: r for r in rows[2:]}
    assert body["1"][7:] == ["已完成", "100%", "2023-09-25", HOSTILE[0], ""]
    assert body["2"][7:] == ["进行中", "60%", "", HOSTILE[1], "8"]
    assert body["3"][7:] == ["未开始", "0%", "", "普通备注", ""]

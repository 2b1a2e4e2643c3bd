"""Progress forms: the form a department gets, what it sends back, and collecting it.

Real files throughout: forms made by ``render_form``, filled with openpyxl the way Excel
saves a clerk's typing, and once opened and saved by LibreOffice Calc.  "Today" is pinned.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from qualitymonth.forms.collect import collect_forms, problem_lines, summary_lines
from qualitymonth.forms.layout import form_filename
from qualitymonth.forms.read import parse_cell_date
from qualitymonth.forms.write import render_form
from qualitymonth.journal import append_events, read_journal

from .forms_kit import (
    TODAY,
    fill,
    form_doc,
    libreoffice_roundtrip,
    make_form,
    read,
    shipped,
    soffice,
)

CST = timezone(timedelta(hours=8))
NOW = datetime(2023, 10, 8, 16, 2, 11, tzinfo=CST)
# The 质量科 form: rows 4-9 are activities 1, 2, 3, 4, 5 and 12.
ROWS = {1: 4, 2: 5, 3: 6, 4: 7, 5: 8, 12: 9}


def collect(paths: list[Path], existing: set[str] | None = None, today: date = TODAY) -> Any:
    s = shipped()
    return collect_forms(
        paths,
        plan_id=s.plan_id,
        activities=s.activities,
        department_of=s.canonical,
        existing_ids=existing or set(),
        today=today,
        now=NOW,
    )


def outcome(path: Path, today: date = TODAY) -> list[tuple[Any, ...]]:
    got = read(path, today)
    assert got.problems == [], [p.format() for p in got.problems]
    return [
        (p.activity, p.action, p.date.isoformat(), p.percent, p.note, p.by) for p in got.proposals
    ]


# --------------------------------------------------------------------------- the form


def test_the_form_lists_what_the_department_leads_or_assists_with_the_plan_columns_locked(
    tmp_path: Path,
) -> None:
    book = openpyxl.load_workbook(make_form(tmp_path))
    assert book.sheetnames == ["填报", "说明", "qm_form"]
    assert [book[n].sheet_state for n in book.sheetnames] == ["visible", "visible", "veryHidden"]
    sheet = book["填报"]
    assert [c.value for c in sheet[3]] == [
        "序号", "活动主题", "时间安排", "牵头部门", "已记录进展",
        "状态", "完成进度", "日期", "进展情况", "填报人",
    ]  # fmt: skip
    assert [sheet.cell(r, 1).value for r in range(4, 11)] == [1, 2, 3, 4, 5, 12, None]
    assert sheet["B4"].value == "加大宣传力度，营造“质量月”浓厚氛围"
    # What the journal says as of the form's day, as a hint, never in the fill columns.
    assert [sheet.cell(r, 5).value for r in range(4, 10)] == [
        "已完成 2023-09-25", "进行中 60%", "已完成 2023-10-07", "进行中（逾期）",
        "已完成 2023-09-28", "未开始",
    ]  # fmt: skip
    for row in range(4, 10):
        assert [sheet.cell(row, c).protection.locked for c in range(1, 11)] == [True] * 5 + [
            False
        ] * 5
        assert all(sheet.cell(row, c).value is None for c in range(6, 11))
    assert sheet.protection.sheet is True
    assert sheet.protection.password is None
    assert sheet.protection.formatColumns is False  # widening a column is allowed


def test_an_assisting_department_gets_the_activities_it_assists(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(make_form(tmp_path, "各监管所"))["填报"]
    ids = [sheet.cell(r, 1).value for r in range(4, 20) if sheet.cell(r, 1).value]
    assert ids == [2, 3, 5, 6, 7, 8, 9, 10, 11, 12]
    assert sheet["D7"].value == "市管科"  # led by another department


def test_the_fill_columns_are_validated_with_chinese_messages(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(make_form(tmp_path))["填报"]
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert set(rules) == {"F4:F9", "G4:G9", "H4:H9", "I4:I9", "J4:J9"}
    status, percent, day = rules["F4:F9"], rules["G4:G9"], rules["H4:H9"]
    assert (status.type, status.formula1) == ("list", '"未开始,进行中,已完成"')
    assert (percent.type, percent.operator, percent.formula1, percent.formula2) == (
        "whole", "between", "0", "100",
    )  # fmt: skip
    assert (day.type, day.formula2) == ("date", "TODAY()")
    for rule in rules.values():
        assert rule.showErrorMessage and rule.errorStyle == "stop"
        assert re.search(r"[\u4e00-\u9fff]", rule.error or "")
    assert status.error == "请从下拉列表中选择：未开始、进行中 或 已完成。"


def test_the_form_prints_on_a4_landscape_one_page_wide_with_the_header_repeated(
    tmp_path: Path,
) -> None:
    sheet = openpyxl.load_workbook(make_form(tmp_path))["填报"]
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation) == (9, "landscape")
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.freeze_panes == "C4"


def test_the_guide_says_what_to_do_in_numbered_steps_and_where_to_send_it(
    tmp_path: Path,
) -> None:
    sheet = openpyxl.load_workbook(make_form(tmp_path))["说明"]
    steps = [(sheet.cell(r, 1).value, sheet.cell(r, 2).value) for r in range(2, 11)]
    assert [n for n, _ in steps] == [f"{i}." for i in range(1, 10)]
    text = "".join(s for _, s in steps)
    assert "质量科牵头或协办的 6 项活动" in text
    assert "未开始、进行中、已完成" in text
    assert steps[-1][1].startswith(
        "填好后保存为 .xlsx 文件（Excel 或 WPS 都可以），发回质量监督科。"
    )


def test_the_form_carries_the_plans_identity_twice(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(make_form(tmp_path))
    hidden = {r[0]: r[1] for r in book["qm_form"].iter_rows(values_only=True)}
    props = {p.name: p.value for p in book.custom_doc_props.props}
    s = shipped()
    assert hidden["plan_id"] == s.plan_id == props["qm.plan_id"]
    assert hidden["doc_no"] == "永市监质〔2023〕35号" == props["qm.doc_no"]
    assert hidden["department"] == "质量科" == props["qm.department"]
    assert hidden["form_version"] == "1"
    assert re.fullmatch(r"[0-9a-f]{32}", hidden["form_id"])
    assert hidden["form_id"] == props["qm.form_id"]


def test_the_same_document_gives_the_same_bytes_and_another_day_another_form() -> None:
    first = render_form(form_doc(), {})
    assert render_form(form_doc(), {}) == first
    with zipfile.ZipFile(__import__("io").BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 10, 8, 0, 0, 0)}
    later = render_form(form_doc(as_of="2023-10-15"), {})
    ids = [_form_id(b) for b in (first, later)]
    assert ids[0] != ids[1]


def _form_id(data: bytes) -> str:
    import io

    book = openpyxl.load_workbook(io.BytesIO(data))
    return str({r[0]: r[1] for r in book["qm_form"].iter_rows(values_only=True)}["form_id"])


def test_plan_text_is_text_in_the_form_never_a_formula(tmp_path: Path) -> None:
    hostile = dict(shipped().activities[0])
    hostile.update(theme='=HYPERLINK("http://x.test","点我")', lead="质量科\x1b[31m", id=1)
    doc = form_doc(activities=[hostile])
    path = tmp_path / "f.xlsx"
    path.write_bytes(render_form(doc, {}))
    with zipfile.ZipFile(path) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")
    sheet = openpyxl.load_workbook(path)["填报"]
    assert sheet["B4"].data_type == "s"
    assert sheet["B4"].value == '=HYPERLINK("http://x.test","点我")'
    assert sheet["D4"].value == "质量科[31m"


def test_form_file_names_are_safe_everywhere() -> None:
    assert form_filename("质量科") == "进展-质量科.xlsx"
    assert form_filename("各县(市/区)局") == "进展-各县(市_区)局.xlsx"
    assert form_filename('a:b*"c"') == "进展-a_b_c_.xlsx"


# --------------------------------------------------------------------------- reading


def test_each_filled_row_becomes_one_event(tmp_path: Path) -> None:
    form = fill(
        make_form(tmp_path),
        {
            "F4": "已完成", "H4": datetime(2023, 9, 26), "I4": "张贴宣传画 40 张", "J4": "张三",
            "F5": "进行中", "G5": 60, "H5": "2023-09-25",
            "F6": "进行中",
            "I7": "已联系计量所",
            "F8": "未开始",
            "J9": "李四",
        },
    )  # fmt: skip
    assert outcome(form) == [
        (1, "done", "2023-09-26", None, "张贴宣传画 40 张", "张三"),
        (2, "progress", "2023-09-25", 60, None, "质量科"),
        (3, "start", "2023-10-08", None, None, "质量科"),
        (4, "note", "2023-10-08", None, "已联系计量所", "质量科"),
    ]  # 5: 未开始 and nothing else happened; 12: only a name, nothing to report
    got = read(form)
    assert got.rows == 5
    event = got.proposals[0].to_event(NOW)
    assert event.as_dict() == {
        "v": 1, "event": got.proposals[0].event, "activity": 1, "action": "done",
        "date": "2023-09-26", "note": "张贴宣传画 40 张", "by": "张三",
        "recorded_at": "2023-10-08T16:02:11.000000+08:00",
        "source": "进展-质量科.xlsx", "form": _form_id(form.read_bytes()),
    }  # fmt: skip
    assert re.fullmatch(r"[0-9a-f]{32}", event.event)


@pytest.mark.parametrize(
    ("value", "number_format", "today", "expected"),
    [
        (datetime(2023, 9, 25), None, TODAY, "2023-09-25"),
        (date(2023, 9, 25), "yyyy/m/d", TODAY, "2023-09-25"),
        (45194, "General", TODAY, "2023-09-25"),  # a serial number in a General cell
        ("2023-09-25", None, TODAY, "2023-09-25"),
        ("2023/9/25", None, TODAY, "2023-09-25"),
        ("2023.9.25", None, TODAY, "2023-09-25"),
        ("2023年9月25日", None, TODAY, "2023-09-25"),
        ("2023-09-25 00:00:00", None, TODAY, "2023-09-25"),
        ("20230925", None, TODAY, "2023-09-25"),
        ("9/25/2023", None, TODAY, "2023-09-25"),
        ("9月25日", None, TODAY, "2023-09-25"),
        ("9月25号", None, TODAY, "2023-09-25"),
        ("九月二十五日", None, TODAY, "2023-09-25"),
        ("9/25", None, TODAY, "2023-09-25"),
        ("９／２５ ", None, TODAY, "2023-09-25"),
        ("9月25日（星期一）", None, TODAY, "2023-09-25"),
        ("12/30", None, date(2024, 1, 10), "2023-12-30"),  # no year: the latest on or before
        ("1/5", None, date(2024, 1, 10), "2024-01-05"),
        ("2/29", None, date(2023, 3, 1), "2020-02-29"),
    ],
)
def test_dates_as_excel_and_wps_users_write_them(
    tmp_path: Path, value: Any, number_format: str | None, today: date, expected: str
) -> None:
    form = fill(
        make_form(tmp_path),
        {"F5": "进行中", "H5": value},
        formats={"H5": number_format} if number_format else None,
    )
    assert outcome(form, today) == [(2, "start", expected, None, None, "质量科")]


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        (60, None, 60),
        (0.6, None, 60),
        (0.6, "0%", 60),
        (1, "0%", 100),
        (1, None, 1),
        (100, None, 100),
        (0, None, 0),
        ("60", None, 60),
        ("60%", None, 60),
        (" 60 % ", None, 60),
        ("６０％", None, 60),
        ("0.6", None, 60),
        (62.5, None, 62),
        ("62.6%", None, 63),
    ],
)
def test_percents_as_people_type_them(
    tmp_path: Path, value: Any, number_format: str | None, expected: int
) -> None:
    form = fill(
        make_form(tmp_path),
        {"F5": "进行中", "G5": value},
        formats={"G5": number_format} if number_format else None,
    )
    assert outcome(form) == [(2, "progress", "2023-10-08", expected, None, "质量科")]


def test_what_clerks_do_to_a_sheet_is_tolerated(tmp_path: Path) -> None:
    def edit(book: Any) -> None:
        sheet = book["填报"]
        sheet.delete_rows(6)  # activity 3's row is gone: 4 moves up to row 6
        sheet.column_dimensions["I"].width = 90
        sheet.column_dimensions["B"].width = 10
        for row in range(20, 40):  # empty rows a clerk formatted or cleared
            sheet.cell(row, 9).value = "   "
            sheet.cell(row, 6).number_format = "@"
        book.move_sheet("说明", offset=-1)  # 说明 first
        book.active = 0

    form = fill(
        make_form(tmp_path),
        {
            "F4": " 已完成 ",
            "I4": "  张贴宣传画 40 张\n",
            "F7": "进行中",
            "G7": "30 ",
            "J7": " 王芳 ",
        },
        edit=edit,
    )
    assert openpyxl.load_workbook(form).sheetnames[0] == "说明"
    assert outcome(form) == [
        (1, "done", "2023-10-08", None, "张贴宣传画 40 张", "质量科"),
        (4, "progress", "2023-10-08", 30, None, "王芳"),
    ]


def test_the_identity_survives_in_the_document_properties_alone(tmp_path: Path) -> None:
    def drop_hidden(book: Any) -> None:
        del book["qm_form"]

    form = fill(make_form(tmp_path), {"F5": "进行中"}, edit=drop_hidden)
    assert outcome(form) == [(2, "start", "2023-10-08", None, None, "质量科")]

    def drop_props(book: Any) -> None:
        book.custom_doc_props.props.clear()

    bare = fill(form, {}, out=tmp_path / "bare.xlsx", edit=drop_props)
    assert [p.format() for p in read(bare).problems] == [
        f"{bare}: 不是 qm 生成的进展填报表（找不到表的标识）；请用 qm form 生成的表填报"
    ]


HINT = "；请写 2023-09-25、9月25日 或 9/25"
ALL_IDS = "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12"
BAD_ROWS = [
    ({"G8": 150}, "G8: 完成进度 150 不在 0–100 之间"),
    ({"G8": -5}, "G8: 完成进度 -5 不在 0–100 之间"),
    ({"G8": "150%"}, "G8: 完成进度 150 不在 0–100 之间"),
    ({"G8": "过半"}, "G8: 无法识别完成进度“过半”；请填 0 到 100 的整数"),
    ({"F8": "完成了"}, "F8: 状态“完成了”不是 未开始、进行中、已完成 之一"),
    ({"F8": "进行中", "H8": "2023-10-09"}, "H8: 日期 2023-10-09 晚于今天（2023-10-08）"),
    ({"F8": "进行中", "H8": "下周一"}, "H8: 无法识别日期“下周一”" + HINT),
    ({"F8": "进行中", "H8": "2023-02-30"}, "H8: 无法识别日期“2023-02-30”" + HINT),
    ({"F8": "进行中", "H8": 925}, "H8: 日期 1902-07-13 不对（早于 2000 年）"),
    ({"F8": "进行中", "H8": 925.0, "J8": "x"}, "H8: 日期 1902-07-13 不对（早于 2000 年）"),
    ({"F8": "已完成", "G8": 60}, "G8: 状态为已完成，但完成进度是 60"),
    ({"F8": "未开始", "G8": 20}, "G8: 状态为未开始，但完成进度是 20"),
    ({"G8": "=50+10"}, "G8: 完成进度是公式；请直接填写内容（qm 不计算公式）"),
    ({"I8": "=A1"}, "I8: 进展情况是公式；请直接填写内容（qm 不计算公式）"),
    ({"A8": 99, "F8": "进行中"}, f"A8: 序号 99 不是本计划的活动（有效序号：{ALL_IDS}）"),
    ({"A8": 6, "F8": "进行中"}, "A8: 活动 6 不由质量科牵头或协办，不能在这份表里填报"),
    ({"A8": None, "F8": "进行中"}, "A8: 这一行填了进展，但没有序号"),
    ({"A8": "五", "F8": "进行中"}, "A8: 无法识别序号“五”"),
    ({"A8": 4, "F8": "进行中"},
     "A8: 序号 4 与活动主题对不上：本计划的活动 4 是“营造计量放心消费环境”"),
    ({"A8": 4, "B8": "营造计量放心消费环境", "F8": "进行中", "F7": "进行中"},
     "A8: 活动 4 在 A7 已经填过一行"),
    ({"F8": "进行中", "J8": "某" * 51}, "J8: 填报人有 51 字，超过 50 字的上限"),
    ({"I8": "很" * 10_001}, "I8: 进展情况有 10001 字，超过 10000 字的上限"),
    ({"F20": "已完成"}, "A20: 这一行填了进展，但没有序号"),
]  # fmt: skip


@pytest.mark.parametrize(("cells", "message"), BAD_ROWS)
def test_each_refusal_names_its_cell(tmp_path: Path, cells: dict[str, Any], message: str) -> None:
    form = fill(make_form(tmp_path), {"F4": "已完成", "I5": "一切正常", **cells})
    got = read(form)
    assert [p.format() for p in got.problems] == [f"{form}:填报!{message}"]
    assert got.proposals == []  # all or nothing: the good rows are not taken either


def test_the_example_message_of_the_issue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    form = fill(make_form(tmp_path), {"G7": 150})
    monkeypatch.chdir(tmp_path)
    got = read(Path(form.name))
    assert [p.format() for p in got.problems] == [
        "进展-质量科.xlsx:填报!G7: 完成进度 150 不在 0–100 之间"
    ]
    assert [p.format("en") for p in got.problems] == [
        "进展-质量科.xlsx:填报!G7: the progress 150 is not between 0 and 100"
    ]


def test_every_problem_of_a_file_is_listed(tmp_path: Path) -> None:
    form = fill(make_form(tmp_path), {"G4": 101, "F5": "done", "H6": "明天", "F6": "进行中"})
    assert [p.format() for p in read(form).problems] == [
        f"{form}:填报!G4: 完成进度 101 不在 0–100 之间",
        f"{form}:填报!F5: 状态“done”不是 未开始、进行中、已完成 之一",
        f"{form}:填报!H6: 无法识别日期“明天”；请写 2023-09-25、9月25日 或 9/25",
    ]


def test_a_form_of_another_plan_is_refused(tmp_path: Path) -> None:
    form = fill(make_form(tmp_path), {"F4": "已完成"})
    got = read(form, plan_id="0" * 64)
    assert [p.format() for p in got.problems] == [
        f"{form}: 这份表不是按当前计划生成的（表上：2023年“质量月”活动，永市监质〔2023〕35号，"
        "2023-10-08 生成）；如果它属于另一个计划，请用 --plan 指定那个计划文件；"
        "如果计划文件改动过，请用 qm form 重新生成填报表发给质量科"
    ]
    assert got.proposals == []


def test_a_form_a_clerk_sent_back_untouched_reports_nothing(tmp_path: Path) -> None:
    got = read(make_form(tmp_path))
    assert (got.problems, got.proposals, got.rows) == ([], [], 0)


def test_a_renamed_sheet_is_still_found_by_its_header(tmp_path: Path) -> None:
    def rename(book: Any) -> None:
        book["填报"].title = "Sheet1"

    form = fill(make_form(tmp_path), {"F5": "进行中"}, edit=rename)
    assert outcome(form) == [(2, "start", "2023-10-08", None, None, "质量科")]


def test_parse_cell_date_refuses_what_it_cannot_read() -> None:
    for text in ("", "下周", "13/45", "2023-13-01", "9月", "2/30", "32日"):
        assert parse_cell_date(text, TODAY) is None, text
    # qm's one date parser: a day alone is the latest such day, as for --date
    assert parse_cell_date("25日", date(2023, 10, 8)) == date(2023, 9, 25)
    assert parse_cell_date("2023-09-25 14:30", TODAY) == date(2023, 9, 25)


# --------------------------------------------------------------------------- collecting


def test_collecting_the_same_form_twice_or_a_copy_adds_nothing(tmp_path: Path) -> None:
    form = fill(
        make_form(tmp_path),
        {"F4": "已完成", "H4": "9/26", "F5": "进行中", "G5": "70%", "I6": "讲座已定于 10 月 12 日"},
    )
    copy = tmp_path / "质量科-进展(1).xlsx"
    shutil.copy(form, copy)
    first = collect([form, form, copy])
    assert [len(f.new) for f in first.files] == [3, 0, 0]
    assert [len(f.already) for f in first.files] == [0, 3, 3]

    journal = tmp_path / "campaign-2023.journal.jsonl"
    append_events(journal, first.to_append())
    ids = {e.event for e in read_journal(journal).events}
    again = collect([copy], existing=ids)
    assert (again.new, again.already, again.to_append()) == (0, 3, [])
    # Collected on another day, an undated row still has the same id.
    later = collect([form], existing=ids, today=date(2023, 10, 20))
    assert later.new == 0
    events = read_journal(journal).events
    extra = {"source": form.name, "form": _form_id(form.read_bytes())}
    assert [(e.activity, e.action, e.date.isoformat(), e.percent, e.extra) for e in events] == [
        (1, "done", "2023-09-26", None, extra),
        (2, "progress", "2023-10-08", 70, extra),
        (3, "note", "2023-10-08", None, extra),
    ]


def test_a_changed_row_is_a_new_event(tmp_path: Path) -> None:
    form = fill(make_form(tmp_path), {"F5": "进行中", "G5": 70})
    first = collect([form])
    fill(form, {"G5": 80})
    second = collect([form], existing={e.event for e in first.to_append()})
    assert [(e.activity, e.percent) for e in second.to_append()] == [(2, 80)]


def test_the_summary_says_per_file_and_per_activity_what_was_taken(tmp_path: Path) -> None:
    good = fill(make_form(tmp_path), {"F4": "已完成", "H4": "9/26", "F5": "进行中", "G5": 70})
    bad = fill(make_form(tmp_path, "执法大队"), {"G4": 150, "F5": "进行中"})
    empty = make_form(tmp_path, "消保科")
    first = collect([good])
    result = collect([good, bad, empty], existing={first.to_append()[0].event})
    assert summary_lines(result, shipped().activities) == [
        "进展-质量科.xlsx（质量科）：新记录 1 条，此前已收过 1 条",
        "  1. 加大宣传力度，营造“质量月”浓厚氛围：已完成（2023-09-26）（已收过）",
        "  2. 申报第六届三明市质量奖：进度 70%（2023-10-08）",
        "进展-执法大队.xlsx：有 1 处问题，这份表的内容都未记录（问题见下）",
        "进展-消保科.xlsx（消保科）：没有填写任何进展",
        "共 3 份表：新记录 1 条，已收过 1 条，退回 1 份",
    ]
    assert problem_lines(result) == [f"{bad}:填报!G4: 完成进度 150 不在 0–100 之间"]
    assert summary_lines(result, shipped().activities, "en") == [
        "进展-质量科.xlsx (质量科): 1 new, 1 already collected",
        "  1. 加大宣传力度，营造“质量月”浓厚氛围: done (2023-09-26) (already collected)",
        "  2. 申报第六届三明市质量奖: 70% (2023-10-08)",
        "进展-执法大队.xlsx: 1 problems; nothing from this form was recorded (see below)",
        "进展-消保科.xlsx (消保科): nothing filled in",
        "3 forms: 1 new, 1 already collected, 1 refused",
    ]


# --------------------------------------------------------------------------- LibreOffice


def _need_soffice() -> None:
    if soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required under CI")
        pytest.skip("LibreOffice (soffice) is not installed")


def test_a_form_filled_and_saved_by_libreoffice_reads_the_same(tmp_path: Path) -> None:
    _need_soffice()
    cells = {
        "F4": "已完成", "H4": datetime(2023, 9, 26), "I4": "张贴宣传画 40 张\n电子屏滚动播放",
        "J4": "张三", "F5": "进行中", "G5": 0.6, "H5": "9月25日",
        "I6": "讲座已定于 10 月 12 日", "F7": "进行中",
    }  # fmt: skip
    excel = fill(make_form(tmp_path), cells, formats={"G5": "0%"})
    calc = libreoffice_roundtrip(excel, tmp_path / "calc")
    assert calc.read_bytes() != excel.read_bytes()
    assert (
        outcome(calc)
        == outcome(excel)
        == [
            (1, "done", "2023-09-26", None, "张贴宣传画 40 张\n电子屏滚动播放", "张三"),
            (2, "progress", "2023-09-25", 60, None, "质量科"),
            (3, "note", "2023-10-08", None, "讲座已定于 10 月 12 日", "质量科"),
            (4, "start", "2023-10-08", None, None, "质量科"),
        ]
    )
    # The same reports, whichever program saved them: the same event ids.
    assert [p.event for p in read(calc).proposals] == [p.event for p in read(excel).proposals]
    # Calc keeps what makes the form a form: the identity, the protection, the drop-down.
    book = openpyxl.load_workbook(calc)
    assert book["填报"].protection.sheet is True
    lists = [v for v in book["填报"].data_validations.dataValidation if v.type == "list"]
    assert lists and "进行中" in (lists[0].formula1 or "")


def test_libreoffice_errors_in_a_filled_form_are_still_located(tmp_path: Path) -> None:
    _need_soffice()
    excel = fill(make_form(tmp_path), {"G7": 150, "F8": "进行"})
    calc = libreoffice_roundtrip(excel, tmp_path / "calc")
    assert [p.format() for p in read(calc).problems] == [
        f"{calc}:填报!G7: 完成进度 150 不在 0–100 之间",
        f"{calc}:填报!F8: 状态“进行”不是 未开始、进行中、已完成 之一",
    ]


def test_a_bare_number_in_a_general_date_cell_is_not_taken_for_a_serial(tmp_path: Path) -> None:
    form = fill(make_form(tmp_path), {"F5": "进行中", "H5": 925}, formats={"H5": "General"})
    assert [p.format() for p in read(form).problems] == [
        f"{form}:填报!H5: 无法识别日期“925”；请写 2023-09-25、9月25日 或 9/25"
    ]


def test_a_form_wrong_on_every_row_is_listed_fifty_problems_at_most(tmp_path: Path) -> None:
    def many(book: Any) -> None:
        sheet = book["填报"]
        for row in range(20, 90):
            sheet.cell(row, 6).value = "已完成"  # no 序号 on any of these rows

    form = fill(make_form(tmp_path), {}, edit=many)
    result = collect([form])
    assert len(result.files[0].problems) == 70
    lines = problem_lines(result)
    assert len(lines) == 51
    assert lines[0] == f"{form}:填报!A20: 这一行填了进展，但没有序号"
    assert lines[-1] == "进展-质量科.xlsx：还有 20 处问题未列出"

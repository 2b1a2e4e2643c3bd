"""qm import reads tables as offices make them: the problems users met, one test each."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from datetime import datetime, time
from pathlib import Path

import pytest

from qualitymonth.importer.build import cell_text, is_page_number, on_one_line
from qualitymonth.importer.headers import FIELDS, SYNONYMS, header_key, match_header
from qualitymonth.plan import load_plan

from .conftest import Invoke

HEADER = ["序号", "活动主题", "活动内容", "时间安排", "牵头部门", "协办单位", "备注"]


def imported(qm: Invoke, table: Path, *args: str) -> list[dict[str, object]]:
    """Import ``table`` to a plan, validate it, and list it back as JSON."""
    out = table.with_suffix(".yaml")
    run = qm(
        "--lang", "en", "import", str(table), "-o", str(out), "--year", "2024", "--force", *args
    )
    assert run.code == 0, run.stderr
    check = qm("validate", str(out))
    assert check.code == 0, check.stderr
    listed = qm("--plan", str(out), "list", "--format", "json")
    assert listed.code == 0, listed.stderr
    data: list[dict[str, object]] = json.loads(listed.stdout)
    return data


def tsv(*rows: list[str]) -> str:
    return "".join("\t".join(r) + "\n" for r in rows)


# --------------------------------------------------------------------------- headers


@pytest.mark.parametrize(
    ("field", "name"), [(f, n) for f, names in SYNONYMS.items() for n in names]
)
def test_every_known_column_name_stands_for_its_field(field: str, name: str) -> None:
    others = {"theme": "活动主题", "lead": "牵头部门"}
    other = others["lead" if field == "theme" else "theme"]
    header = match_header([name, other], {})
    assert header is not None
    assert header.fields == [field, "lead" if field == "theme" else "theme"]


@pytest.mark.parametrize(
    ("cell", "field"),
    [("序 号", "id"), ("完成\n时限", "schedule"), ("完成时限（截止时间）", "schedule"),
     ("牵头单位*", "lead"), ("ＩＤ", "id"), ("Lead Department", "lead"), ("备注：", "remark"),
     ("配合单位(部门)", "assist")],
)  # fmt: skip
def test_header_cells_are_matched_as_people_type_them(cell: str, field: str) -> None:
    header = match_header([cell, "活动主题" if field != "theme" else "牵头部门"], {})
    assert header is not None and header.fields[0] == field


def test_one_known_word_in_a_row_of_text_is_no_header() -> None:
    assert match_header(["时间", "很长的一段活动内容"], {}) is None
    assert match_header(["备注", "序号"], {}) is None  # names no theme, lead, content or time


def test_the_food_safety_week_header_is_read(qm: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text(
        "工作任务,工作内容,完成时限,责任单位,配合单位\n"
        "启动仪式,发布主题宣传片,6月17日,食品安全协调科,各县（市、区）市场监管局\n",
        encoding="utf-8",
    )
    [a] = imported(qm, table)
    assert (a["theme"], a["content"], a["schedule"], a["lead"], a["assist"]) == (
        "启动仪式", "发布主题宣传片", "6月17日", "食品安全协调科", ["各县（市、区）市场监管局"],
    )  # fmt: skip


def test_a_required_column_not_recognised_is_said_once_and_nothing_is_written(
    qm: Invoke, tmp_path: Path
) -> None:
    table = tmp_path / "t.csv"
    rows = [f"任务{i},内容,6月,办公室,各监管所\n" for i in range(20)]
    table.write_text("工作任务,工作内容,完成时限,主责处室,配合单位\n" + "".join(rows), "utf-8")
    out = tmp_path / "plan.yaml"
    run = qm("--lang", "en", "import", str(table), "-o", str(out), "--year", "2024")
    assert run.code == 1
    assert run.stderr == (
        f"{table}:1: the header has no column for 牵头部门（lead） (columns not recognised: "
        "主责处室); say which column it is with --map COLUMN=lead (names qm knows: 牵头部门、"
        "牵头单位、牵头科室、牵头处室)\n"
    )
    assert not out.exists()


def test_map_names_the_column_and_the_table_imports(qm: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text(
        "工作任务,工作内容,完成时限,主责处室,联系人\n启动仪式,发布宣传片,6月17日,办公室,张三\n",
        encoding="utf-8",
    )
    [a] = imported(qm, table, "--map", "主责处室=lead", "--map", "联系人=ignore")
    assert (a["lead"], a["remark"]) == ("办公室", "")
    [b] = imported(qm, table, "--map", "主责处室 = 牵头部门")  # the field by its Chinese name
    assert (b["lead"], b["remark"]) == ("办公室", "联系人：张三")


def test_columns_not_recognised_are_named_before_any_row_warning(
    qm: Invoke, tmp_path: Path
) -> None:
    table = tmp_path / "t.tsv"
    table.write_text(
        tsv(["序号", "活动主题", "时间安排", "牵头部门", "联系人", "电话"],
            ["", "宣传", "6月", "办公室", "张三", "12315"]),
        encoding="utf-8",
    )  # fmt: skip
    out = tmp_path / "plan.yaml"
    run = qm("--lang", "en", "import", str(table), "-o", str(out), "--year", "2024")
    assert run.code == 0
    assert run.stderr.splitlines() == [
        f"warning: {table}:1: columns not recognised: 联系人、电话; their text is kept in "
        "remark; if one is a plan field, say so with --map COLUMN=FIELD",
        f"warning: {table}:2: this row has no id; numbered 1 in order",
    ]
    assert load_plan(out).plan.activities[0].remark == "联系人：张三；电话：12315"


@pytest.mark.parametrize(
    ("item", "phrase"),
    [("主责处室", "must be COLUMN=FIELD"), ("主责处室=boss", "must be COLUMN=FIELD"),
     ("=lead", "must be COLUMN=FIELD")],
)  # fmt: skip
def test_a_bad_map_is_a_usage_error(qm: Invoke, tmp_path: Path, item: str, phrase: str) -> None:
    table = tmp_path / "t.csv"
    table.write_text(",".join(HEADER) + "\n1,宣传,,6月,办公室,,\n", encoding="utf-8")
    run = qm("--lang", "en", "import", str(table), "-o", "-", "--map", item, "--year", "2024")
    assert run.code == 2
    assert phrase in run.stderr and ", ".join(FIELDS) in run.stderr


def test_a_map_for_a_column_the_table_lacks_is_said(qm: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text(",".join(HEADER) + "\n1,宣传,,6月,办公室,,\n", encoding="utf-8")
    run = qm(
        "--lang", "en", "import", str(table), "-o", "-", "--map", "主责=lead", "--year", "2024"
    )
    assert run.code == 0
    assert run.stderr == (
        f"warning: {table}:1: --map names the column '{header_key('主责')}', which the header "
        "does not have\n"
    )


def test_no_header_names_the_first_row_and_the_way_out(qm: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("事,何时,谁\n宣传,6月,办公室\n", encoding="utf-8")
    run = qm("import", str(table), "-o", str(tmp_path / "p.yaml"), "--year", "2024")
    assert run.code == 1
    assert run.stderr.startswith(
        f"{table} 中找不到表头行：第一行（事、何时、谁）没有 qm 认识的列名"
    )
    assert "--map 列名=theme" in run.stderr


# --------------------------------------------------------------------------- page breaks


@pytest.mark.parametrize(
    "line",
    ["— 2 —", "- 2 -", "-2-", "－ 2 －", "第 2 页", "第2页", "第2页，共5页", "第 2 页 / 共 5 页",
     "共5页 第2页", "2/5", "Page 2", "page 2 of 5", "·2·"],
)  # fmt: skip
def test_page_numbers_are_recognised(line: str) -> None:
    assert is_page_number(line)


@pytest.mark.parametrize("text", ["2", "9月", "第二页的内容", "— 宣传 —", "1-3月", "6/17-6/23"])
def test_text_that_is_no_page_number(text: str) -> None:
    assert not is_page_number(text)


def test_page_numbers_titles_and_repeated_headers_between_pages(qm: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "t.txt"
    table.write_text(
        "附件2\n\n2024年质量月活动安排表\n"
        + tsv(HEADER, ["1", "宣传", "张贴海报", "9月", "质量科", "办公室", ""])
        + "\n— 2 —\n\n续表\n"
        + tsv(HEADER, ["2", "讲座", "公益讲座", "9月", "质量科", "各监管所", ""])
        + "- 3 -\n2024年质量月活动安排表\n"
        + tsv(["3", "抽查", "监督抽查", "9-10月", "质量科", "", ""])
        + "第 4 页\n",
        encoding="utf-8",
    )
    got = imported(qm, table)
    assert [(a["id"], a["theme"], a["assist"]) for a in got] == [
        (1, "宣传", ["办公室"]), (2, "讲座", ["各监管所"]), (3, "抽查", []),
    ]  # fmt: skip


def test_section_headings_are_not_activities(qm: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text(
        ",".join(HEADER) + "\n一、宣传活动,,,,,,\n1,宣传,,9月,质量科,,\n"
        "二、监督检查,,,,,,\n2,抽查,,9月,质量科,,\n",
        encoding="utf-8",
    )
    assert [a["theme"] for a in imported(qm, table)] == ["宣传", "抽查"]


# --------------------------------------------------------------------------- line breaks


def test_a_quoted_line_break_in_csv_stays_in_its_cell(qm: Invoke, tmp_path: Path) -> None:
    buf = io.StringIO()
    csv.writer(buf).writerows(
        [HEADER,
         ["1", "宣传", "一、张贴海报\r\n二、发放资料", "9月", "质量科", "办公室\n计量所", ""],
         ["2", "讲座", "", "9月", "质量科", "", "备注\n两行"]]
    )  # fmt: skip
    table = tmp_path / "t.csv"
    table.write_text(buf.getvalue(), encoding="utf-8", newline="")
    out = tmp_path / "t.yaml"
    run = qm("import", str(table), "-o", str(out), "--year", "2024")
    assert run.code == 0
    got = load_plan(out).plan.activities
    assert [(a.content, a.assist, a.remark) for a in got] == [
        ("一、张贴海报\n二、发放资料", ("办公室", "计量所"), ""),
        ("", (), "备注\n两行"),
    ]


def test_word_text_rows_broken_by_a_cell_line_break_are_mended(qm: Invoke, tmp_path: Path) -> None:
    """Copied out of Word, a cell's paragraph break starts a new line of the text."""
    table = tmp_path / "t.txt"
    table.write_text(
        "序号\t活动主题\t活动内容\t完成\n时限\t牵头部门\t协办单位\t备注\n"
        "1\t宣传\t一、张贴海报\n二、发放资料\n三、现场咨询\t9月\t质量科\t办公室\t\n"
        "2\t讲座\t公益讲座\t9月\t质量科\n计量所\t各监管所\t请于9月底前\n报送总结\n"
        "3\t抽查\t监督抽查\t9-10月\t质量科\t\t\n",
        encoding="utf-8",
    )
    got = imported(qm, table)
    assert [(a["id"], a["content"], a["schedule"], a["lead"], a["remark"]) for a in got] == [
        (1, "一、张贴海报\n二、发放资料\n三、现场咨询", "9月", "质量科", ""),
        (2, "公益讲座", "9月", "质量科、计量所", "请于9月底前\n报送总结"),
        (3, "监督抽查", "9-10月", "质量科", ""),
    ]


def test_a_cell_of_several_lines_saved_by_excel_as_tab_separated_text(
    qm: Invoke, tmp_path: Path
) -> None:
    """Excel's "Text (Tab delimited)" quotes a cell of several lines and doubles its quotes."""
    table = tmp_path / "t.txt"
    table.write_text(
        tsv(HEADER) + '1\t宣传\t"一、张贴""质量月""海报\n二、发放资料"\t9月\t质量科\t\t\n'
        '2\t讲座\t"铁拳"\n"亮剑"\t9月\t质量科\t\t\n',
        encoding="utf-8",
    )
    got = imported(qm, table)
    assert [a["content"] for a in got] == ['一、张贴"质量月"海报\n二、发放资料', '"铁拳"\n"亮剑"']


def test_the_header_line_decides_between_tabs_and_commas(qm: Invoke, tmp_path: Path) -> None:
    text = tmp_path / "t.txt"  # a title naming 主题 but holding no comma is no CSV header
    text.write_text(
        "2024年质量月活动主题安排\n"
        + tsv(HEADER, ["1", "宣传，张贴", "", "9月", "质量科", "", ""]),
        encoding="utf-8",
    )
    assert [a["theme"] for a in imported(qm, text)] == ["宣传，张贴"]
    saved = tmp_path / "t.csv"  # saved with tabs under a .csv name
    saved.write_text(tsv(HEADER, ["1", "宣传", "", "9月", "质量科", "", ""]), encoding="utf-8")
    assert [a["theme"] for a in imported(qm, saved)] == ["宣传"]


def test_a_problem_in_a_mended_row_names_its_first_line(qm: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "t.txt"
    table.write_text(
        tsv(HEADER) + "1\t宣传\t一、张贴海报\n二、发放资料\t9月\t\t办公室\t\n"
        "2\t讲座\t\t9月\t质量科\t\t\n",
        encoding="utf-8",
    )
    out = tmp_path / "t.yaml"
    run = qm("--lang", "en", "import", str(table), "-o", str(out), "--year", "2024")
    assert (run.code, run.stderr) == (
        1, f"{table}:2: activity 1 has no 牵头部门 (lead); fill it in the table and import again\n",
    )  # fmt: skip
    assert not out.exists()


@pytest.mark.parametrize(
    ("field", "text", "joined"),
    [("lead", "质量科\n计量所", "质量科、计量所"), ("lead", "质量科、\n计量所", "质量科、计量所"),
     ("lead", "各县（市、\n区）市场监管局", "各县（市、区）市场监管局"),
     ("schedule", "6月底前完成自查\n7月份开展抽查", "6月底前完成自查，7月份开展抽查"),
     ("schedule", "9月1日—\n9月30日", "9月1日—9月30日"),
     ("schedule", "9月1日\n至9月30日", "9月1日至9月30日"),
     ("theme", "开展“质量月”\n宣传活动", "开展“质量月”宣传活动"),
     ("theme", "Quality\nMonth", "Quality Month")],
)  # fmt: skip
def test_a_one_line_field_typed_on_several_lines(field: str, text: str, joined: str) -> None:
    assert on_one_line(field, text) == joined


# --------------------------------------------------------------------------- quotes


def test_straight_quotes_in_tsv_and_text_are_literal(qm: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "t.tsv"
    table.write_text(
        tsv(HEADER, ["1", '"铁拳"行动', '"', "9月", "执法大队", '"各监管所', ""],
            ["2", '"讲座', "", "9月", "质量科", "", '"a"'],
            ["3", "抽查", "", "9月", "质量科", "", ""]),
        encoding="utf-8",
    )  # fmt: skip
    got = imported(qm, table)
    assert [(a["theme"], a["content"], a["assist"], a["remark"]) for a in got] == [
        ('"铁拳"行动', '"', ['"各监管所'], ""), ('"讲座', "", [], '"a"'), ("抽查", "", [], ""),
    ]  # fmt: skip


def test_csv_quotes_are_read_only_where_they_open_a_field(qm: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text(
        ",".join(HEADER) + "\n"
        '1,"铁拳"行动,内容,9月,执法大队,,\n'  # written by hand: the quotes are text
        '2,"""铁拳""行动","a, b",9月,执法大队,,\n'  # written by Excel: quoted, quotes doubled
        '3,质量"月",,9月,质量科,,\n'  # a quote inside a field
        '4,"讲座,,9月,质量科,,\n'  # never closed: it does not swallow the rows after it
        "5,抽查,,9月,质量科,,\n",
        encoding="utf-8",
    )
    got = imported(qm, table)
    assert [(a["id"], a["theme"], a["content"]) for a in got] == [
        (1, '"铁拳"行动', "内容"), (2, '"铁拳"行动', "a, b"), (3, '质量"月"', ""),
        (4, '"讲座', ""), (5, "抽查", ""),
    ]  # fmt: skip


# --------------------------------------------------------------------------- names


def test_names_written_with_either_bracket_are_one_department(qm: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "t.tsv"
    table.write_text(
        tsv(HEADER, ["1", "宣传", "", "9月", "各县（市、区）市场监管局", "办公室", ""],
            ["2", "讲座", "", "9月", "各县(市、区)市场监管局 ", "各县（市、区）市场监管局", ""],
            ["3", "抽查", "", "9月", "质量科", "各县(市、区)市场监管局、办公室", ""]),
        encoding="utf-8",
    )  # fmt: skip
    got = imported(qm, table)
    name = "各县（市、区）市场监管局"  # the first spelling met
    assert [(a["lead"], a["assist"]) for a in got] == [
        (name, ["办公室"]), (name, [name]), ("质量科", [name, "办公室"]),
    ]  # fmt: skip
    depts = qm("--plan", str(table.with_suffix(".yaml")), "depts", "--format", "json")
    assert {d["department"]: (d["lead"], d["assist"]) for d in json.loads(depts.stdout)} == {
        name: (2, 2),
        "质量科": (1, 0),
        "办公室": (0, 2),
    }


@pytest.mark.parametrize("assist", ["县局]", "成员单位{按职责分工}", "[应急中心]", "a: b", "- x"])
def test_an_assist_cell_that_looks_like_yaml_validates(
    qm: Invoke, tmp_path: Path, assist: str
) -> None:
    table = tmp_path / "t.tsv"
    table.write_text(tsv(HEADER, ["1", "宣传", "", "9月", "质量科", assist, ""]), encoding="utf-8")
    [a] = imported(qm, table)
    assert a["assist"] == [assist]


# --------------------------------------------------------------------------- Excel


@pytest.mark.parametrize(
    ("value", "text"),
    [(datetime(2024, 4, 25), "4月25日"), (datetime(2025, 1, 10), "2025年1月10日"),
     (datetime(2024, 4, 25, 14, 30), "4月25日 14:30"), (time(8, 30), "08:30")],
)  # fmt: skip
def test_an_excel_date_is_written_as_a_clerk_writes_it(value: object, text: str) -> None:
    assert cell_text(value, 2024) == text  # type: ignore[arg-type]


def test_excel_dates_formulas_and_quotes(qm: Invoke, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "附件2"
    sheet.append(["2024年知识产权宣传周活动安排表"])
    sheet.append(HEADER)
    sheet.append([1, '"知识产权进企业"活动', "", datetime(2024, 4, 26), "保护处", "运用处", None])
    sheet.append(["=ROW()-2", "宣传", "", "4月", "保护处", None, '=HYPERLINK("http://x")'])
    sheet.append([3, "执法", "=1+1", "4月20日-26日", "执法局", None, None])
    sheet.cell(row=3, column=4).number_format = "yyyy/m/d"
    path = tmp_path / "t.xlsx"
    book.save(path)
    # Excel saves a formula's last value beside it: give row 5's content one, as Excel would.
    _add_cached_value(path, "C5", "2")
    out = tmp_path / "t.yaml"
    run = qm("--lang", "en", "import", str(path), "-o", str(out))
    assert run.code == 0, run.stderr
    assert run.stderr == f"warning: {path}:附件2!A4: this row has no id; numbered 2 in order\n"
    text = out.read_text(encoding="utf-8")
    assert "ROW()" not in text and "HYPERLINK" not in text and "1+1" not in text
    got = load_plan(out).plan.activities
    assert [(a.id, a.theme, a.content, a.schedule, a.remark) for a in got] == [
        (1, '"知识产权进企业"活动', "", "4月26日", ""),
        (2, "宣传", "", "4月", ""),  # no saved value: nothing, never the formula
        (3, "执法", "2", "4月20日-26日", ""),
    ]


def _add_cached_value(path: Path, ref: str, value: str) -> None:
    with zipfile.ZipFile(path) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    part = "xl/worksheets/sheet1.xml"
    xml = members[part].decode()
    start = xml.index(f'<c r="{ref}"')
    end = xml.index("<v></v>", start)
    members[part] = (xml[:end] + f"<v>{value}</v>" + xml[end + len("<v></v>") :]).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)


def test_a_problem_in_a_workbook_names_its_sheet_and_cell(qm: Invoke, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "说明"
    sheet = book.create_sheet("活动安排")
    sheet.append(HEADER)
    sheet.append([1, "宣传", "", "9月", "质量科", None, None])
    sheet.append([2, "讲座", "", "9月", None, None, None])
    sheet.append([2, "抽查", "", None, "质量科", None, None])
    path = tmp_path / "t.xlsx"
    book.save(path)
    out = tmp_path / "t.yaml"
    run = qm("--lang", "en", "import", str(path), "-o", str(out), "--year", "2024")
    assert run.code == 1
    assert run.stderr.splitlines() == [
        f"{path}:活动安排!E3: activity 2 has no 牵头部门 (lead); fill it in the table and import "
        "again",
        f"{path}:活动安排!D4: activity 2 has no 时间安排 (schedule); fill it in the table and "
        "import again",
        f"{path}:活动安排!A4: the id 2 is used twice (first on row 3)",
    ]
    assert not out.exists()


# --------------------------------------------------------------------------- limits


def test_a_table_over_20_mb_is_refused_before_it_is_read(qm: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "big.csv"
    with table.open("wb") as f:
        f.truncate(20 * 1024 * 1024 + 1)  # sparse: nothing to read, only a size
    run = qm("--lang", "en", "import", str(table), "-o", str(tmp_path / "p.yaml"))
    assert run.code == 1
    assert run.stderr == (
        f"{table} is too large (20971521 bytes, the limit is 20971520); it is not a plan\n"
    )


def test_more_than_5000_rows_are_refused(qm: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    rows = "".join(f"{i},宣传{i},,9月,质量科,,\n" for i in range(1, 5002))
    table.write_text(",".join(HEADER) + "\n" + rows, encoding="utf-8")
    out = tmp_path / "p.yaml"
    run = qm("--lang", "en", "import", str(table), "-o", str(out), "--year", "2024")
    assert run.code == 1
    assert run.stderr == (
        f"{table} has more than 5000 rows: it is not an activity table; split it and import "
        "the parts\n"
    )
    assert not out.exists()
    table.write_text(",".join(HEADER) + "\n" + rows[: rows.index("5001,")], encoding="utf-8")
    assert qm("import", str(table), "-o", str(out), "--year", "2024").code == 0
    assert len(load_plan(out).plan.activities) == 5000


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    qm: Invoke, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"bomb{suffix}"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml" if suffix == ".xlsx" else "word/document.xml",
                    "w", force_zip64=True) as member:  # fmt: skip
            chunk = b"\0" * (1024 * 1024)
            for _ in range(101):
                member.write(chunk)
    assert path.stat().st_size < 1024 * 1024
    run = qm("--lang", "en", "import", str(path), "-o", str(tmp_path / "p.yaml"))
    assert run.code == 1
    assert run.stderr.startswith(f"{path} would unpack to 105906")
    assert "(the limit is 104857600); it is not opened" in run.stderr


def test_a_workbook_saved_with_another_suffix_is_still_read(qm: Invoke, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append([1, "宣传", "", "9月", "质量科", None, None])
    path = tmp_path / "附件2.dat"
    book.save(path)
    assert [a["theme"] for a in imported(qm, path)] == ["宣传"]


def test_utf16_text_from_excel_is_read(qm: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "t.txt"
    table.write_bytes(tsv(HEADER, ["1", "宣传", "", "9月", "质量科", "", ""]).encode("utf-16"))
    assert [a["theme"] for a in imported(qm, table)] == ["宣传"]


def test_no_traceback_for_a_file_that_is_no_table(qm: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(os.urandom(2048))
    run = qm("--lang", "en", "import", str(path), "-o", str(tmp_path / "p.yaml"))
    assert run.code == 1
    assert run.stderr.startswith(f"cannot read {path}: ")


def test_the_title_is_the_line_above_the_header_not_the_notice_above_it(
    qm: Invoke, tmp_path: Path
) -> None:
    table = tmp_path / "t.txt"
    table.write_text(
        "关于开展2024年“质量月”活动的通知\n各科室、各监管所：\n现将活动安排印发给你们，请认真贯彻落实。\n"
        "附件2\n2024年“质量月”活动安排表\n"
        + tsv(HEADER, ["1", "宣传", "", "9月", "质量科", "", ""]),
        encoding="utf-8",
    )
    out = tmp_path / "t.yaml"
    assert qm("import", str(table), "-o", str(out)).code == 0
    campaign = load_plan(out).plan.campaign
    assert (campaign.name, campaign.year) == ("2024年“质量月”活动", 2024)

"""qm import: the issued table, as text, CSV, .xlsx or .docx, becomes the shipped plan."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from qualitymonth.plan import load_plan

from .conftest import ROOT, SHIPPED, Invoke

ANNEX2 = ROOT / "tests" / "fixtures" / "annex2-2023.txt"
HEADER = ["序号", "活动主题", "活动内容", "时间安排", "牵头部门", "协办单位", "备注"]
SHIPPED_PLAN = load_plan(SHIPPED).plan


def rows_of_shipped() -> list[list[str]]:
    return [
        [str(a.id), a.theme, a.content, a.schedule, a.lead, "、".join(a.assist), a.remark]
        for a in SHIPPED_PLAN.activities
    ]


def same_as_shipped(path: Path, *, remark: dict[int, str] | None = None) -> None:
    """Compare activity by activity, every column."""
    got = load_plan(path).plan
    assert len(got.activities) == 12
    for a, b in zip(got.activities, SHIPPED_PLAN.activities, strict=True):
        assert (a.id, a.theme, a.content, a.schedule, a.lead, a.assist) == (
            b.id, b.theme, b.content, b.schedule, b.lead, b.assist
        )  # fmt: skip
        assert a.remark == (remark or {}).get(a.id, b.remark)


def test_the_notice_text_imports_to_the_shipped_activities(qm: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "campaign-2023.yaml"
    run = qm("import", str(ANNEX2), "-o", str(out))
    assert (run.code, run.stderr) == (0, "")
    assert run.stdout == f"已生成 {out}：12 项活动；请运行 qm validate {out} 核对\n"
    same_as_shipped(out)
    plan = load_plan(out).plan
    assert plan.campaign.year == 2023
    assert plan.campaign.name == "永安市市场监督管理局 2023 年“质量月”活动"
    assert qm("validate", str(out)).code == 0
    text = out.read_text(encoding="utf-8")
    assert "annex2-2023.txt" in text.splitlines()[0]  # names its source
    assert "\\u" not in text  # Chinese unescaped


def test_csv_with_bom_and_a_repeated_header(qm: Invoke, tmp_path: Path) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf)
    rows = rows_of_shipped()
    writer.writerows([HEADER, *rows[:6], [], HEADER, *rows[6:]])
    table = tmp_path / "附件2.csv"
    table.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))
    out = tmp_path / "plan.yaml"
    assert qm("import", str(table), "-o", str(out), "--year", "2023").code == 0
    same_as_shipped(out)


def test_gb18030_csv_is_read_with_a_warning(qm: Invoke, tmp_path: Path) -> None:
    buf = io.StringIO()
    csv.writer(buf).writerows([HEADER, *rows_of_shipped()])
    table = tmp_path / "gbk.csv"
    table.write_bytes(buf.getvalue().encode("gb18030"))
    out = tmp_path / "plan.yaml"
    run = qm("--lang", "en", "import", str(table), "-o", str(out), "--year", "2023")
    assert run.code == 0
    assert "the table is GBK/GB18030" in run.stderr
    same_as_shipped(out)


def test_xlsx_with_merged_cells_an_extra_column_and_a_repeated_header(
    qm: Invoke, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["永安市市场监督管理局 2023 年“质量月”活动计划安排表"])
    sheet.append([*HEADER, "责任人"])
    rows = rows_of_shipped()
    for i, row in enumerate(rows, 1):
        if i == 7:
            sheet.append([*HEADER, "责任人"])  # the header again, as on a new page
            sheet.append([])
        sheet.append([int(row[0]), *row[1:], "王芳" if i == 5 else None])
    # 质量科 leads 1-5: one merged cell in column E (rows 3-7 of the sheet)
    for r in range(4, 8):
        sheet.cell(row=r, column=5).value = None
    sheet.merge_cells("E3:E7")
    table = tmp_path / "附件2.xlsx"
    book.save(table)
    out = tmp_path / "plan.yaml"
    run = qm("--lang", "en", "import", str(table), "-o", str(out))
    assert run.code == 0
    assert run.stderr == (
        f"warning: {table}:Sheet!H2: columns not recognised: 责任人; their text is kept in "
        "remark; if one is a plan field, say so with --map COLUMN=FIELD\n"
    )
    same_as_shipped(out, remark={5: "责任人：王芳"})


def test_docx_with_merged_cells_and_a_repeated_header(qm: Invoke, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("附件 2")
    document.add_table(rows=1, cols=2).cell(0, 0).text = "不是这张表"
    rows = rows_of_shipped()
    table = document.add_table(rows=len(rows) + 2, cols=len(HEADER) + 1)
    for c, h in enumerate([*HEADER, "联系电话"]):
        table.cell(0, c).text = h
        table.cell(7, c).text = h  # repeated header row
    r = 1
    for i, row in enumerate(rows, 1):
        if r == 7:
            r += 1
        for c, value in enumerate(row):
            table.cell(r, c).text = value
        table.cell(r, len(HEADER)).text = "12315" if i == 10 else ""
        r += 1
    # 质量科 leads 1-4: merge their lead cells into one, as Word tables do
    top = table.cell(1, 4)
    top.merge(table.cell(4, 4))
    top.text = "质量科"
    path = tmp_path / "通知.docx"
    document.save(path)
    out = tmp_path / "plan.yaml"
    run = qm("import", str(path), "-o", str(out), "--year", "2023")
    assert run.code == 0
    assert run.stderr == (
        f"警告：{path}:表2!H1: 未识别的列：联系电话；其内容已写入备注（remark）；"
        "如是计划的某一项，请用 --map 列名=字段 指明\n"
    )
    same_as_shipped(out, remark={10: "联系电话：12315"})


def test_rows_without_an_id_are_numbered_with_a_warning(qm: Invoke, tmp_path: Path) -> None:
    table = tmp_path / "t.tsv"
    table.write_text(
        "\t".join(HEADER)
        + "\n\t宣传\t\t9月\t质量科\t办公室、计量所\t\n\t讲座\t\t9-10月\t质量科\t\t\n",
        encoding="utf-8",
    )
    run = qm("--lang", "en", "import", str(table), "-f", "json", "--year", "2024")
    assert run.code == 0
    data = json.loads(run.stdout)
    assert [(a["id"], a["assist"]) for a in data["activities"]] == [
        (1, ["办公室", "计量所"]),
        (2, []),
    ]
    assert data["campaign"] == {"name": "t", "year": 2024}
    assert run.stderr.splitlines() == [
        f"warning: {table}:2: this row has no id; numbered 1 in order",
        f"warning: {table}:3: this row has no id; numbered 2 in order",
    ]


def test_unreadable_schedules_are_written_as_they_are_and_listed(
    qm: Invoke, tmp_path: Path
) -> None:
    table = tmp_path / "t.csv"
    table.write_text(",".join(HEADER) + "\n1,宣传,,省出台文件后2个月,质量科,,\n", encoding="utf-8")
    out = tmp_path / "plan.yaml"
    run = qm("--lang", "en", "import", str(table), "-o", str(out), "--year", "2024")
    assert run.code == 0
    assert run.stderr.startswith(f"warning: {table}:2: activity 1: cannot read the schedule")
    assert "schedule: 省出台文件后2个月" in out.read_text(encoding="utf-8")
    check = qm("--lang", "en", "validate", str(out))
    assert check.code == 1 and "省出台文件后2个月" in check.stderr


def test_existing_output_is_never_overwritten_without_force(qm: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    out.write_text("我的计划\n", encoding="utf-8")
    run = qm("--lang", "en", "import", str(ANNEX2), "-o", str(out))
    assert run.code == 1
    assert run.stderr == f"{out} already exists; add --force to replace it (nothing was written)\n"
    assert out.read_text(encoding="utf-8") == "我的计划\n"
    assert qm("import", str(ANNEX2), "-o", str(out), "--force").code == 0
    same_as_shipped(out)


@pytest.mark.parametrize(
    ("content", "args", "code", "phrase"),
    [
        ("a,b,c\n1,2,3\n", ("--year", "2023"), 1, "has no header row: the first row (a、b、c)"),
        (",".join(HEADER) + "\n", ("--year", "2023"), 1, "has no activity rows"),
        (",".join(HEADER) + "\n1,宣传,,9月,,,\n", ("--year", "2023"), 1,
         "activity 1 has no 牵头部门"),
        (",".join(HEADER) + "\n1,宣传,,9月,质量科,,\n1,讲座,,9月,质量科,,\n", ("--year", "2023"), 1,
         "the id 1 is used twice (first on row 2)"),
        (",".join(HEADER) + "\n1,宣传,,9月,质量科,,\n", (), 2, "give it with --year"),
    ],
)  # fmt: skip
def test_bad_tables(
    qm: Invoke, tmp_path: Path, content: str, args: tuple[str, ...], code: int, phrase: str
) -> None:
    table = tmp_path / "t.csv"
    table.write_text(content, encoding="utf-8")
    out = tmp_path / "plan.yaml"
    run = qm("--lang", "en", "import", str(table), "-o", str(out), *args)
    assert run.code == code
    assert phrase in run.stderr
    assert not out.exists()


def test_without_a_reader_library_a_sentence_says_what_to_install(tmp_path: Path) -> None:
    table = tmp_path / "t.xlsx"
    table.write_bytes(b"PK\x03\x04")
    code = (
        "import sys; sys.modules['openpyxl'] = None\n"
        "from qualitymonth.cli import main\n"
        "sys.argv = ['qm', '--lang', 'en', 'import', sys.argv[1]]\n"
        "main()"
    )
    run = subprocess.run([sys.executable, "-c", code, str(table)], capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr == (
        "reading this file needs openpyxl: run pip install openpyxl where qm is installed\n"
    )

"""qm form and qm collect through the real CLI: the monthly round of the section clerk."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .conftest import Invoke

TODAY = {"QM_TODAY": "2023-09-28"}
# The 质量科 form: activities 1, 2, 3, 4, 5 and 12 on rows 4 to 9; 状态 F, 完成进度 G,
# 日期 H, 进展情况 I, 填报人 J.
ROWS = {1: 4, 2: 5, 3: 6, 4: 7, 5: 8, 12: 9}


def fill(path: Path, cells: dict[str, object]) -> None:
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book["填报"]
    for ref, value in cells.items():
        sheet[ref] = value
    book.save(path)


def journal(plan: Path) -> list[dict[str, object]]:
    path = plan.with_name("campaign-2023.journal.jsonl")
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_month_of_forms_sent_filled_and_collected(qm: Invoke, plan: Path, tmp_path: Path) -> None:
    p = ("--plan", str(plan))
    folder = tmp_path / "填报表"
    made = qm(*p, "form", "--all", "-o", str(folder), env=TODAY)
    assert made.code == 0, made.stderr
    assert "进展-质量科.xlsx" in made.stdout
    form = folder / "进展-质量科.xlsx"
    fill(
        form,
        {
            f"F{ROWS[5]}": "已完成", f"H{ROWS[5]}": "2023-09-26",
            f"I{ROWS[5]}": "完成检验检测机构抽查 12 家", f"J{ROWS[5]}": "王芳",
            f"F{ROWS[2]}": "进行中", f"G{ROWS[2]}": "60%", f"I{ROWS[2]}": "收到申报材料 4 份",
        },
    )  # fmt: skip
    first = qm(*p, "collect", str(form), env=TODAY)
    assert first.code == 0, first.stderr
    events = journal(plan)
    assert sorted((e["activity"], e["action"], e.get("percent")) for e in events) == [
        (2, "progress", 60), (5, "done", None)
    ]  # fmt: skip
    done = next(e for e in events if e["activity"] == 5)
    assert (done["by"], done["date"], done["source"]) == ("王芳", "2023-09-26", "进展-质量科.xlsx")
    assert next(e for e in events if e["activity"] == 2)["by"] == "质量科"
    shown = json.loads(qm(*p, "show", "5", "-f", "json", env=TODAY).stdout)
    assert shown["status"] == "done" and shown["history"][-1]["source"] == "进展-质量科.xlsx"
    # The same file again, and a copy of it under another name: nothing new.
    copy = tmp_path / "副本.xlsx"
    shutil.copyfile(form, copy)
    again = qm(*p, "collect", str(form), str(copy), env=TODAY)
    assert again.code == 0, again.stderr
    assert journal(plan) == events


def test_a_form_with_a_bad_cell_is_refused_whole(qm: Invoke, plan: Path, tmp_path: Path) -> None:
    p = ("--plan", str(plan))
    form = tmp_path / "进展-质量科.xlsx"
    assert qm(*p, "form", "--dept", "质量科", "-o", str(form), env=TODAY).code == 0
    fill(form, {f"F{ROWS[1]}": "已完成", f"G{ROWS[4]}": 150})
    run = qm(*p, "collect", str(form), env=TODAY)
    assert run.code == 1
    assert f"进展-质量科.xlsx:填报!G{ROWS[4]}:" in run.stderr and "150" in run.stderr
    assert journal(plan) == []


def test_form_needs_a_file_and_one_department_or_all(
    qm: Invoke, plan: Path, tmp_path: Path
) -> None:
    p = ("--plan", str(plan))
    assert qm(*p, "form", "--dept", "质量科", env=TODAY).code == 2
    assert qm(*p, "form", "-o", str(tmp_path / "x.xlsx"), env=TODAY).code == 2
    unknown = qm(*p, "form", "--dept", "没有这个科", "-o", str(tmp_path / "x.xlsx"), env=TODAY)
    assert unknown.code == 1 and "质量科" in unknown.stderr
    target = tmp_path / "x.xlsx"
    target.write_bytes(b"mine")
    kept = qm(*p, "form", "--dept", "质量科", "-o", str(target), env=TODAY)
    assert kept.code == 1 and target.read_bytes() == b"mine"


def test_a_missing_form_is_said_in_the_users_language(qm: Invoke, plan: Path) -> None:
    run = qm("--plan", str(plan), "collect", "没有这份表.xlsx", env=TODAY)
    assert run.code == 1 and "文件不存在" in run.stderr and "No such file" not in run.stderr

"""report, timeline and agenda on the shipped plan with a September of real-looking progress.

The fixture journal (tests/fixtures/journal-2023-09.jsonl) records, up to 2023-10-08:
done on time 1, 5, 7; done late 3 (10-07), 6 (09-24 after 09-20), 9 (10-03);
in progress 2, 11 and — past their end, so overdue — 4, 8; untouched 10 (a note only), 12.
The expected figures below are derived from those facts by hand, not from qm's output.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from .conftest import ROOT, SHIPPED, Invoke

FIXTURE = ROOT / "tests" / "fixtures" / "journal-2023-09.jsonl"
GOLDEN = ROOT / "tests" / "golden"
BASE = ("--plan", str(SHIPPED), "--journal", str(FIXTURE))
ENV = {"QM_TODAY": "2023-10-08"}


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; QM_UPDATE_GOLDEN=1 rewrites it (review the diff!)."""
    path = GOLDEN / name
    if os.environ.get("QM_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
    assert actual == path.read_text(encoding="utf-8"), f"differs from {path}"


def counts(row: dict[str, object]) -> tuple[object, ...]:
    keys = ("activities", "done", "doing", "todo", "overdue", "late", "completion_rate")
    return tuple(row[k] for k in keys)


def test_report_json_month_9_has_the_hand_derived_figures(qm: Invoke) -> None:
    run = qm(*BASE, "report", "--month", "9", "--as-of", "2023-10-08", "-f", "json", env=ENV)
    assert (run.code, run.stderr) == (0, "")
    data = json.loads(run.stdout)
    assert data["as_of"] == "2023-10-08"
    assert data["scope"] == {"month": "2023-09", "dept": None}
    assert data["campaign"]["doc_no"] == "永市监质〔2023〕35号"
    assert counts(data["totals"]) == (12, 6, 4, 2, 2, 3, 0.5)
    by_dept = {r["department"]: counts(r) for r in data["by_department"]}
    assert list(by_dept) == ["质量科", "市管科", "执法大队", "特安科", "消保科"]
    assert by_dept["质量科"] == (6, 3, 2, 1, 1, 1, 0.5)  # 1,3,5 done (3 late); 2,4 doing; 12 todo
    assert by_dept["市管科"] == (1, 1, 0, 0, 0, 1, 1.0)
    assert by_dept["执法大队"] == (2, 2, 0, 0, 0, 1, 1.0)
    assert by_dept["特安科"] == (1, 0, 1, 0, 1, 0, 0.0)
    assert by_dept["消保科"] == (2, 0, 1, 1, 0, 0, 0.0)
    assert [(r["month"], r["activities"]) for r in data["by_month"]] == [("2023-09", 12)]
    assert [a["id"] for a in data["overdue"]] == [4, 8]
    notes = [(n["activity"], n["date"]) for n in data["notes"]]
    assert ("9", "2023-10-03") not in notes and all(d.startswith("2023-09") for _, d in notes)
    assert len(notes) == 14


def test_report_without_month_counts_every_month_an_activity_overlaps(qm: Invoke) -> None:
    data = json.loads(qm(*BASE, "report", "--as-of", "2023-10-08", "-f", "json", env=ENV).stdout)
    months = {r["month"]: r["activities"] for r in data["by_month"]}
    # 10 is 全年; 5 is 6-10月; 11 is 8-12月; 2 and 12 are 9-10月
    assert months == {
        "2023-01": 1, "2023-02": 1, "2023-03": 1, "2023-04": 1, "2023-05": 1, "2023-06": 2,
        "2023-07": 2, "2023-08": 3, "2023-09": 12, "2023-10": 5, "2023-11": 2, "2023-12": 2,
    }  # fmt: skip
    assert data["scope"]["month"] is None
    assert len(data["notes"]) == 16  # 17 events, all but 7's start carry a note


def test_report_for_one_department(qm: Invoke) -> None:
    data = json.loads(qm(*BASE, "report", "--dept", "质量监督科", "-f", "json", env=ENV).stdout)
    assert data["scope"]["dept"] == "质量科"
    assert counts(data["totals"]) == (6, 3, 2, 1, 1, 1, 0.5)
    assert [r["department"] for r in data["by_department"]] == ["质量科"]


def test_report_as_of_an_earlier_day_is_reproducible(qm: Invoke) -> None:
    early = json.loads(qm(*BASE, "--as-of", "2023-09-20", "report", "-f", "json", env=ENV).stdout)
    # by 09-20: 6 done (on time: ends 09-20); 1,2,4,5,7,8 in progress
    assert counts(early["totals"]) == (12, 1, 6, 5, 0, 0, round(1 / 12, 4))


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "json"])
def test_report_month_9_golden(qm: Invoke, fmt: str) -> None:
    run = qm(
        *BASE, "report", "--month", "9", "--as-of", "2023-10-08", "-f", fmt,
        env={**ENV, "COLUMNS": "80"},
    )  # fmt: skip
    assert (run.code, run.stderr) == (0, "")
    golden(f"report-month9.{'txt' if fmt == 'table' else fmt}", run.stdout)


def test_report_markdown_is_a_clean_document(qm: Invoke) -> None:
    md = qm(*BASE, "report", "--month", "9", "-f", "md", env=ENV).stdout
    lines = md.splitlines()
    assert lines[0] == "# 2023年“质量月”活动进展情况报告"
    assert "\x1b" not in md and "█" not in md  # nothing terminal-specific
    assert [ln for ln in lines if ln.startswith("## ")] == [
        "## 总体情况", "## 按牵头部门", "## 逾期未完成事项", "## 进展备注",
    ]  # fmt: skip
    tables = [ln for ln in lines if ln.startswith("|")]
    assert all(ln.endswith("|") for ln in tables)
    assert "| 合计 | 12 | 6 | 4 | 2 | 2 | 3 | 50% |" in lines


def test_report_csv_is_per_department_with_bom(qm: Invoke) -> None:
    out = qm(*BASE, "report", "--month", "9", "-f", "csv", env=ENV).stdout
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[0] == ["部门", "活动", "已完成", "进行中", "未开始", "逾期", "逾期完成", "完成率"]
    assert rows[1] == ["质量科", "6", "3", "2", "1", "1", "1", "50%"]
    assert rows[-1][0] == "合计"


def test_report_table_fits_80_columns(qm: Invoke) -> None:
    from rich.cells import cell_len

    out = qm(*BASE, "report", "--month", "9", env={**ENV, "COLUMNS": "80"}).stdout
    assert max(cell_len(x) for x in out.splitlines()) <= 80


def test_report_bad_inputs(qm: Invoke) -> None:
    assert qm(*BASE, "report", "--month", "13", env=ENV).code == 2
    unknown = qm(*BASE, "report", "--dept", "财务科", env=ENV)
    assert unknown.code == 1 and "已知部门" in unknown.stderr


# --------------------------------------------------------------------------- timeline


@pytest.mark.parametrize("width", [80, 160])
@pytest.mark.parametrize("colour", [False, True])
def test_timeline_golden(qm: Invoke, width: int, colour: bool) -> None:
    env: dict[str, str | None] = {**ENV, "COLUMNS": str(width)}
    if colour:
        env.update({"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm", "COLORTERM": None})
    run = qm(*BASE, "timeline", "--as-of", "2023-09-15", env=env)
    assert run.code == 0
    assert ("\x1b[" in run.stdout) is colour
    golden(f"timeline-{width}{'-colour' if colour else ''}.txt", run.stdout)


def test_timeline_marks_status_with_different_characters(qm: Invoke) -> None:
    out = qm(*BASE, "timeline", "--as-of", "2023-10-08", env={**ENV, "COLUMNS": "160"}).stdout
    rows = {ln.split()[0]: ln for ln in out.splitlines() if ln.strip()[:2].strip().isdigit()}
    assert "#" in rows["5"] and "=" not in rows["5"]  # done
    assert "=" in rows["2"]  # in progress
    assert "!" in rows["4"] and "!" in rows["8"]  # overdue
    assert "-" in rows["12"]  # to do
    assert "2023-10-08" in out.splitlines()[-1]  # the legend names the as-of date


def test_timeline_extends_across_the_year_end(qm: Invoke, plan_file: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace(
        "schedule: 8月-12月", "schedule: 10月-次年3月"
    )
    plan = plan_file(text)
    out = qm("--plan", str(plan), "timeline", env={**ENV, "COLUMNS": "200"}).stdout
    header = out.splitlines()[0]
    assert "12月" in header and "24/1月" in header and "3月" in header.split("24/1月")[1]


def test_timeline_for_a_department(qm: Invoke) -> None:
    out = qm(*BASE, "timeline", "--dept", "消保科", env={**ENV, "COLUMNS": "160"}).stdout
    assert "畅通消费者投诉举报渠道" in out and "加大宣传力度" not in out


# --------------------------------------------------------------------------- agenda


def test_agenda_json(qm: Invoke) -> None:
    run = qm(*BASE, "agenda", "--as-of", "2023-09-25", "-f", "json", env=ENV)
    data = json.loads(run.stdout)
    assert (data["as_of"], data["days"]) == ("2023-09-25", 7)
    # not done by 09-25 and ending 09-25..10-02: 3, 4, 7, 8, 9 (1 and 6 are done; 5 ends 10-31)
    assert sorted(a["id"] for a in data["ending"]) == [3, 4, 7, 8, 9]
    assert data["overdue"] == [] and data["starting"] == []


def test_agenda_groups_by_department_newest_deadline_first(qm: Invoke) -> None:
    data = json.loads(qm(*BASE, "agenda", "--days", "30", "-f", "json", env=ENV).stdout)
    assert [a["id"] for a in data["overdue"]] == [4, 8]
    assert [a["id"] for a in data["ending"]] == [2, 12]  # 质量科, both end 10-31
    assert all(a["status"] != "done" for k in ("overdue", "ending", "starting") for a in data[k])


def test_agenda_window_includes_today(qm: Invoke) -> None:
    data = json.loads(
        qm(*BASE, "agenda", "--days", "0", "--as-of", "2023-09-30", "-f", "json", env=ENV).stdout
    )
    assert sorted(a["id"] for a in data["ending"]) == [3, 4, 8, 9]


def test_agenda_table_csv_md(qm: Invoke) -> None:
    table = qm(*BASE, "agenda", env={**ENV, "COLUMNS": "80"}).stdout
    assert "逾期未完成（2 项）" in table and "逾期 8 天" in table
    md = qm(*BASE, "agenda", "-f", "md", env=ENV).stdout.splitlines()
    assert md[0].startswith("| 类别 | 序号 | 活动主题 |")
    csv_out = qm(*BASE, "agenda", "-f", "csv", env=ENV).stdout
    assert csv_out.startswith("\ufeff类别,序号")
    assert qm(*BASE, "agenda", "--days", "-1", env=ENV).code == 2

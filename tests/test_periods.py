"""A schedule cell that names several periods keeps them all, everywhere a period counts:
--month, by_month, the agenda, the timeline, overdue, and the JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Invoke

PLAN = """\
campaign:
  name: 多时段活动
  year: 2024
  issued: 2024-05-20
activities:
  - id: 1
    theme: 六月和九月各一次
    schedule: 6月、9月
    lead: 质量科
  - id: 2
    theme: 先自查再抽查
    schedule: 6月底前完成自查，7月份开展抽查
    lead: 质量科
  - id: 3
    theme: 两天
    schedule: 3月5日、3月15日
    lead: 消保科
"""


@pytest.fixture
def p(tmp_path: Path) -> tuple[str, ...]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    return ("--plan", str(plan))


def ids(qm: Invoke, *args: str, today: str = "2024-08-10") -> list[int]:
    run = qm(*args, "-f", "json", env={"QM_TODAY": today})
    assert run.code == 0, run.stderr
    return [a["id"] for a in json.loads(run.stdout)]


def test_june_and_september_is_not_july_and_august(qm: Invoke, p: tuple[str, ...]) -> None:
    assert ids(qm, *p, "list", "--month", "8") == []
    assert ids(qm, *p, "list", "--month", "9") == [1]
    assert ids(qm, *p, "list", "--month", "6") == [1, 2]
    assert ids(qm, *p, "list", "--month", "3") == [3]


def test_the_json_lists_every_period_and_the_hull(qm: Invoke, p: tuple[str, ...]) -> None:
    run = qm(*p, "list", "-f", "json", env={"QM_TODAY": "2024-08-10"})
    first, _, third = json.loads(run.stdout)
    assert first["periods"] == [["2024-06-01", "2024-06-30"], ["2024-09-01", "2024-09-30"]]
    assert (first["start"], first["end"]) == ("2024-06-01", "2024-09-30")
    assert third["periods"] == [["2024-03-05", "2024-03-05"], ["2024-03-15", "2024-03-15"]]


def test_by_month_counts_only_the_months_of_its_periods(qm: Invoke, p: tuple[str, ...]) -> None:
    run = qm(*p, "report", "-f", "json", env={"QM_TODAY": "2024-08-10"})
    months = {m["month"]: m["activities"] for m in json.loads(run.stdout)["by_month"]}
    assert months == {"2024-03": 1, "2024-05": 1, "2024-06": 2, "2024-07": 1, "2024-09": 1}


def test_overdue_only_after_the_last_end(qm: Invoke, p: tuple[str, ...]) -> None:
    assert ids(qm, *p, "list", "--status", "overdue", today="2024-07-10") == [3]
    assert ids(qm, *p, "list", "--status", "overdue", today="2024-10-08") == [1, 2, 3]


def test_the_agenda_sees_each_period_end(qm: Invoke, p: tuple[str, ...]) -> None:
    run = qm(*p, "agenda", "--days", "7", "-f", "json", env={"QM_TODAY": "2024-06-25"})
    agenda = json.loads(run.stdout)
    assert [a["id"] for a in agenda["ending"]] == [1, 2]  # June's end is a deadline too


def test_the_timeline_draws_each_period(qm: Invoke, p: tuple[str, ...]) -> None:
    run = qm(*p, "timeline", env={"QM_TODAY": "2024-08-10", "COLUMNS": "80"})
    row = next(line for line in run.stdout.splitlines() if "六月和九月" in line)
    bars = row.split("六月和九月各一次", 1)[1]
    assert bars.count("-") > 0
    drawn = [i for i, ch in enumerate(bars) if ch == "-"]
    assert max(drawn) - min(drawn) + 1 > len(drawn)  # a gap: July and August are empty


def test_working_days_outside_the_calendar_are_said_once(qm: Invoke, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "campaign: {name: 远年, year: 2031, issued: 2031-03-02}\n"
        "activities:\n"
        "  - {id: 1, theme: 甲, schedule: 10个工作日内, lead: 质量科}\n"
        "  - {id: 2, theme: 乙, schedule: 5个工作日内, lead: 质量科}\n",
        encoding="utf-8",
    )
    run = qm("--plan", str(plan), "list", env={"QM_TODAY": "2031-03-10"})
    assert run.code == 0
    assert run.stderr.count("2031") == 1 and "周一至周五" in run.stderr


def test_undated_activities_are_counted_and_listed_in_every_report(
    qm: Invoke, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "campaign: {name: 测试, year: 2023}\nactivities:\n"
        "  - {id: 1, theme: 宣传, schedule: 9月, lead: 质量科}\n"
        "  - {id: 2, theme: 上级部署的检查, schedule: 根据上级部署, lead: 消保科}\n",
        encoding="utf-8",
    )
    p, env = ("--plan", str(plan)), {"QM_TODAY": "2023-10-08", "COLUMNS": "80"}
    data = json.loads(qm(*p, "report", "-f", "json", env=env).stdout)
    assert data["totals"]["activities"] == 2
    assert [a["id"] for a in data["undated"]] == [2]
    md = qm(*p, "report", "-f", "md", env=env).stdout
    assert "## 时间未定" in md and "| 2 | 上级部署的检查 | 根据上级部署 | 消保科 | 未开始 |" in md
    table = qm(*p, "report", env=env).stdout
    assert "时间未定" in table and "上级部署的检查" in table

"""Department names as offices write them: brackets full- or half-width are one department,
and a departments: list may name departments this plan does not use."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Invoke

PLAN = """\
campaign: {name: 测试, year: 2023}
departments:
  质量科: [质量监督科]
  财务科: [财务]
activities:
  - {id: 1, theme: 甲, schedule: 9月, lead: 各县（市、区）市场监管局}
  - {id: 2, theme: 乙, schedule: 9月, lead: 各县(市、区)市场监管局, assist: [质量监督科]}
  - {id: 3, theme: 丙, schedule: 9月, lead: 质量科}
"""


def test_brackets_written_either_way_are_one_department(qm: Invoke, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    p, env = ("--plan", str(plan)), {"QM_TODAY": "2023-09-20"}
    rows = json.loads(qm(*p, "depts", "-f", "json", env=env).stdout)
    assert rows == [
        {"department": "各县（市、区）市场监管局", "lead": 2, "assist": 0},
        {"department": "质量科", "lead": 1, "assist": 1},
        {"department": "财务科", "lead": 0, "assist": 0},
    ]
    for spelling in ("各县(市、区)市场监管局", "各县（市、区）市场监管局"):
        run = qm(*p, "list", "--dept", spelling, "-f", "json", env=env)
        assert [a["id"] for a in json.loads(run.stdout)] == [1, 2]
    report = json.loads(qm(*p, "report", "-f", "json", env=env).stdout)
    assert [d["department"] for d in report["by_department"]] == [
        "各县（市、区）市场监管局", "质量科"
    ]  # fmt: skip


def test_a_departments_entry_no_activity_uses_is_allowed(qm: Invoke, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    run = qm("validate", str(plan))
    assert run.code == 0, run.stderr
    assert (
        qm("--plan", str(plan), "list", "--dept", "财务", env={"QM_TODAY": "2023-09-20"}).code == 0
    )

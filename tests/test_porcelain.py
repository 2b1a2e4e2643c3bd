"""The stable JSON, pinned whole: every shape of ``--format json`` for a small plan.

A field may be added (then this file changes with the README), never renamed or removed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Invoke

PLAN = """\
campaign:
  name: 测试活动
  year: 2023
  issuer: 测试局
  doc_no: 测〔2023〕1号
  issued: 2023-09-13
  theme: 主题
  report_to: 质量科
departments:
  质量科: [质量监督科]
activities:
  - id: 1
    theme: 宣传
    content: 张贴宣传画
    schedule: 9月
    lead: 质量科
    assist: [办公室]
  - id: 2
    theme: 待定事项
    schedule: 待定
    lead: 消保科
"""

EVENT = {
    "v": 1, "event": "0" * 31 + "1", "activity": 1, "action": "progress", "date": "2023-09-20",
    "percent": 40, "note": "已张贴 20 张", "by": "王芳", "recorded_at": "2023-09-20T10:00:00+08:00",
}  # fmt: skip

ACTIVITY_1 = {
    "id": 1, "theme": "宣传", "content": "张贴宣传画", "schedule": "9月",
    "start": "2023-09-01", "end": "2023-09-30", "periods": [["2023-09-01", "2023-09-30"]],
    "lead": "质量科", "assist": ["办公室"], "remark": "", "status": "doing", "percent": 40,
    "overdue": True, "late": False, "done_on": None, "last_note": "已张贴 20 张",
}  # fmt: skip
ACTIVITY_2 = {
    "id": 2, "theme": "待定事项", "content": "", "schedule": "待定", "start": None, "end": None,
    "periods": [], "lead": "消保科", "assist": [], "remark": "", "status": "todo", "percent": 0,
    "overdue": False, "late": False, "done_on": None, "last_note": None,
}  # fmt: skip
COUNTS = {"done": 0, "doing": 1, "todo": 1, "overdue": 1, "late": 0, "completion_rate": 0.0}


@pytest.fixture
def p(tmp_path: Path) -> tuple[str, ...]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    journal = tmp_path / "plan.journal.jsonl"
    journal.write_text(json.dumps(EVENT, ensure_ascii=False) + "\n", encoding="utf-8")
    return ("--plan", str(plan), "--as-of", "2023-10-02")


def as_json(qm: Invoke, *args: str) -> object:
    run = qm(*args, "-f", "json", env={"QM_TODAY": "2023-10-02"})
    assert (run.code, run.stderr) == (0, "")
    return json.loads(run.stdout)


def test_list(qm: Invoke, p: tuple[str, ...]) -> None:
    assert as_json(qm, *p, "list") == [ACTIVITY_1, ACTIVITY_2]


def test_show(qm: Invoke, p: tuple[str, ...]) -> None:
    assert as_json(qm, *p, "show", "1") == {**ACTIVITY_1, "history": [EVENT]}


def test_log(qm: Invoke, p: tuple[str, ...]) -> None:
    assert as_json(qm, *p, "log") == [EVENT]


def test_depts(qm: Invoke, p: tuple[str, ...]) -> None:
    assert as_json(qm, *p, "depts") == [
        {"department": "质量科", "lead": 1, "assist": 0},
        {"department": "消保科", "lead": 1, "assist": 0},
        {"department": "办公室", "lead": 0, "assist": 1},
    ]


def test_agenda(qm: Invoke, p: tuple[str, ...]) -> None:
    assert as_json(qm, *p, "agenda") == {
        "as_of": "2023-10-02", "days": 7, "overdue": [ACTIVITY_1], "ending": [], "starting": [],
    }  # fmt: skip


def test_report(qm: Invoke, p: tuple[str, ...]) -> None:
    assert as_json(qm, *p, "report") == {
        "campaign": {
            "name": "测试活动", "year": 2023, "issuer": "测试局", "doc_no": "测〔2023〕1号",
            "issued": "2023-09-13", "theme": "主题", "report_to": "质量科",
        },
        "as_of": "2023-10-02",
        "scope": {"month": None, "dept": None},
        "totals": {"activities": 2, **COUNTS},
        "by_department": [
            {"department": "质量科", "activities": 1, "done": 0, "doing": 1, "todo": 0,
             "overdue": 1, "late": 0, "completion_rate": 0.0},
            {"department": "消保科", "activities": 1, "done": 0, "doing": 0, "todo": 1,
             "overdue": 0, "late": 0, "completion_rate": 0.0},
        ],
        "by_month": [
            {"month": "2023-09", "activities": 1, "done": 0, "doing": 1, "todo": 0,
             "overdue": 1, "late": 0, "completion_rate": 0.0},
        ],
        "overdue": [ACTIVITY_1],
        "undated": [ACTIVITY_2],
        "notes": [EVENT],
    }  # fmt: skip


def test_the_library_returns_the_same_documents(p: tuple[str, ...], qm: Invoke) -> None:
    from datetime import date

    from qualitymonth import Environment, Workspace

    ws = Workspace.open(p[1], env=Environment(today=date(2023, 10, 2)))
    assert ws.states() == [ACTIVITY_1, ACTIVITY_2]
    assert ws.report() == as_json(qm, *p, "report")
    assert ws.agenda() == as_json(qm, *p, "agenda")
    assert ws.show(1) == as_json(qm, *p, "show", "1")
    assert ws.log() == [EVENT]

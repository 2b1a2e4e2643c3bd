"""Values as clerks type them: Chinese choice labels, ids with commas, a percent with its
sign; each bad one refused in one sentence, exit 2, nothing written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import SHIPPED, Invoke

TODAY = {"QM_TODAY": "2023-09-28"}


@pytest.fixture
def p(tmp_path: Path) -> tuple[str, ...]:
    plan = tmp_path / "data" / "campaign-2023.yaml"
    plan.parent.mkdir()
    shutil.copyfile(SHIPPED, plan)
    return ("--plan", str(plan))


def listed(qm: Invoke, p: tuple[str, ...], *args: str) -> list[int]:
    run = qm(*p, "list", *args, "-f", "json", env=TODAY)
    assert run.code == 0, run.stderr
    return [a["id"] for a in json.loads(run.stdout)]


@pytest.mark.parametrize(
    ("chinese", "english"),
    [("已完成", "done"), ("进行中", "doing"), ("未开始", "todo"), ("逾期", "overdue"),
     ("逾期完成", "late")],
)  # fmt: skip
def test_status_takes_its_chinese_label(
    qm: Invoke, p: tuple[str, ...], chinese: str, english: str
) -> None:
    assert qm(*p, "done", "1", "--date", "2023-09-20", env=TODAY).code == 0
    assert qm(*p, "start", "2", env=TODAY).code == 0
    assert qm(*p, "done", "5", "--date", "2023-11-02", env={"QM_TODAY": "2023-11-02"}).code == 0
    both = listed(qm, p, "--status", chinese), listed(qm, p, "--status", english)
    assert both[0] == both[1]


@pytest.mark.parametrize(("chinese", "english"), [("牵头", "lead"), ("协办", "assist"),
                                                  ("全部", "any")])  # fmt: skip
def test_role_takes_its_chinese_label(
    qm: Invoke, p: tuple[str, ...], chinese: str, english: str
) -> None:
    args = ("--dept", "各监管所", "--role")
    assert listed(qm, p, *args, chinese) == listed(qm, p, *args, english)


def test_ids_with_commas_and_a_percent_with_its_sign(qm: Invoke, p: tuple[str, ...]) -> None:
    assert qm(*p, "done", "5,6", env=TODAY).code == 0
    assert qm(*p, "start", "7，8、9", env=TODAY).code == 0
    assert qm(*p, "progress", "12", "50%", env=TODAY).code == 0
    states = {a["id"]: a for a in json.loads(qm(*p, "list", "-f", "json", env=TODAY).stdout)}
    assert [states[i]["status"] for i in (5, 6, 7, 8, 9)] == ["done"] * 2 + ["doing"] * 3
    assert states[12]["percent"] == 50


@pytest.mark.parametrize(
    "args",
    [("list", "--status", "完成"), ("list", "--role", "主办"), ("done", "5,x"),
     ("done", "0"), ("progress", "5", "五十"), ("progress", "5", "150%")],
)  # fmt: skip
def test_a_bad_value_is_one_sentence_and_writes_nothing(
    qm: Invoke, p: tuple[str, ...], args: tuple[str, ...]
) -> None:
    run = qm(*p, *args, env=TODAY)
    assert (run.code, run.stdout) == (2, "")
    assert len(run.stderr.strip().splitlines()) == 1
    assert not Path(p[1]).with_name("campaign-2023.journal.jsonl").exists()


def test_a_date_without_a_year_is_the_latest_such_day(qm: Invoke, p: tuple[str, ...]) -> None:
    january = {"QM_TODAY": "2024-01-10"}
    assert qm(*p, "done", "5", "--date", "1/5", env=january).code == 0
    assert qm(*p, "done", "6", "--date", "12/30", env=january).code == 0
    log = json.loads(qm(*p, "log", "-f", "json", env=january).stdout)
    assert [(e["activity"], e["date"]) for e in log] == [(6, "2023-12-30"), (5, "2024-01-05")]


def test_a_backdated_reopen_under_a_later_done_is_refused(qm: Invoke, p: tuple[str, ...]) -> None:
    assert qm(*p, "done", "4", "--date", "9/26", env=TODAY).code == 0
    run = qm(*p, "reopen", "4", "--date", "9/20", env=TODAY)
    assert run.code == 1 and "已记录" not in run.stdout
    assert run.stderr.strip() == (
        "活动 4 已于 2023-09-26 完成，晚于这条记录的日期，这条记录不会改变它的状态；"
        "如确需记录请加 --force（未记录任何内容）"
    )
    assert qm(*p, "reopen", "4", "--date", "9/20", "--force", env=TODAY).code == 0


def test_several_plans_of_the_newest_year_are_never_chosen_silently(
    qm_process: Invoke, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("campaign-2023.yaml", "campaign-2024-计量日.yaml", "campaign-2024-知识产权.yaml"):
        shutil.copyfile(SHIPPED, data / name)
    run = qm_process("done", "1", cwd=tmp_path)
    assert run.code == 2 and run.stdout == ""
    assert "campaign-2024-计量日.yaml" in run.stderr and "campaign-2024-知识产权.yaml" in run.stderr
    assert "--plan" in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert list(data.glob("*.jsonl")) == []

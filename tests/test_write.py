"""The write commands through the CLI: what they record, and what they refuse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Invoke


def journal_of(plan: Path) -> Path:
    return plan.with_name("campaign-2023.journal.jsonl")


def lines(plan: Path) -> list[dict[str, object]]:
    path = journal_of(plan)
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_done_with_a_note_shows_in_list_and_log(qm: Invoke, plan: Path) -> None:
    env = {"QM_USER": "张三", "QM_TODAY": "2023-09-28"}
    run = qm("--plan", str(plan), "done", "5", "--note", "完成检验检测机构抽查", env=env)
    assert (run.code, run.stderr) == (0, "")
    assert run.stdout == "已记录：活动 5（检验检测机构“双随机、一公开”监督检查）完成，2023-09-28\n"
    listed = qm("--plan", str(plan), "list", "--status", "done", env=env)
    assert "完成检验检测机构抽查" in listed.stdout and "   5 " in listed.stdout
    as_json = json.loads(
        qm("--plan", str(plan), "list", "--status", "done", "-f", "json", env=env).stdout
    )
    assert [(a["id"], a["status"], a["done_on"], a["last_note"]) for a in as_json] == [
        (5, "done", "2023-09-28", "完成检验检测机构抽查")
    ]
    (event,) = json.loads(qm("--plan", str(plan), "log", "--format", "json", env=env).stdout)
    assert (event["activity"], event["action"], event["by"], event["date"]) == (
        5,
        "done",
        "张三",
        "2023-09-28",
    )
    assert event["recorded_at"][-6] in "+-"  # carries its UTC offset
    assert lines(plan) == [event]  # log shows the journal exactly as stored
    table = qm("--plan", str(plan), "log", env=env).stdout
    assert "张三" in table and "2023-09-28" in table


def test_every_action_folds_as_expected(qm: Invoke, plan: Path) -> None:
    p = ("--plan", str(plan))
    assert qm(*p, "start", "2", "3", "--date", "9/18").code == 0
    assert qm(*p, "progress", "11", "40", "--note", "已抽检 8 批次").code == 0
    assert qm(*p, "note", "10", "9月受理投诉 35 件").code == 0
    assert qm(*p, "done", "2", "--date", "2023年9月19日").code == 0
    assert qm(*p, "reopen", "2", "--note", "材料退回").code == 0
    states = {a["id"]: a for a in json.loads(qm(*p, "list", "-f", "json").stdout)}
    assert (states[2]["status"], states[2]["done_on"], states[2]["last_note"]) == (
        "doing",
        None,
        "材料退回",
    )
    assert (states[3]["status"], states[11]["percent"], states[11]["status"]) == (
        "doing",
        40,
        "doing",
    )
    assert (states[10]["status"], states[10]["last_note"]) == ("todo", "9月受理投诉 35 件")
    history = json.loads(qm(*p, "show", "2", "-f", "json").stdout)["history"]
    assert [(e["action"], e["date"]) for e in history] == [
        ("start", "2023-09-18"), ("done", "2023-09-19"), ("reopen", "2023-09-20")
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-09-28", "2023-09-28"), ("2023/9/28", "2023-09-28"), ("9/28", "2023-09-28"),
        ("2023年9月28日", "2023-09-28"), ("9月28日", "2023-09-28"), ("九月二十八日", "2023-09-28"),
        ("today", "2023-09-30"), ("yesterday", "2023-09-29"), ("昨天", "2023-09-29"),
        ("Sep 28 2023", "2023-09-28"),
    ],
)  # fmt: skip
def test_dates_are_read_leniently(qm: Invoke, plan: Path, text: str, expected: str) -> None:
    run = qm("--plan", str(plan), "done", "1", "--date", text, env={"QM_TODAY": "2023-09-30"})
    assert run.code == 0, run.stderr
    assert lines(plan)[0]["date"] == expected


@pytest.mark.parametrize(
    ("args", "code", "phrase"),
    [
        (("done", "99"), 1, "there is no activity 99; valid ids: 1, 2"),
        (("done", "5", "99"), 1, "there is no activity 99"),
        (("done", "5", "--date", "2023-10-01"), 2, "after today (2023-09-20)"),
        (("done", "5", "--date", "2023-02-30"), 2, "cannot read the date"),
        (("done", "5", "--date", "someday"), 2, "cannot read the date"),
        (("progress", "5", "101"), 2, "from 0 to 100, not 101"),
        (("progress", "5", "五十"), 2, "from 0 to 100, not 五十"),
        (("progress", "5", "--", "-1"), 2, "from 0 to 100, not -1"),
        (("note", "5", "   "), 2, "must not be empty"),
        (("note", "5", "长" * 10_001), 2, "the note is too long"),
        (("done",), 2, "Missing argument"),
        (("reopen", "5"), 1, "not done, so there is nothing to reopen"),
    ],
)
def test_refusals_write_nothing(
    qm: Invoke, plan: Path, args: tuple[str, ...], code: int, phrase: str
) -> None:
    run = qm("--plan", str(plan), "--lang", "en", *args)
    assert run.code == code
    assert phrase in run.stderr
    assert run.stderr.count("\n") == 1
    assert run.stdout == ""
    assert not journal_of(plan).exists()


def test_done_twice_says_so_unless_forced(qm: Invoke, plan: Path) -> None:
    p = ("--plan", str(plan), "--lang", "en")
    assert qm(*p, "done", "5", "--date", "9/18").code == 0
    again = qm(*p, "done", "4", "5")
    assert again.code == 1
    assert again.stderr == (
        "activity 5 was already done on 2023-09-18; "
        "add --force to record it again (nothing was recorded)\n"
    )
    assert len(lines(plan)) == 1  # all or none: activity 4 was not written either
    assert qm(*p, "start", "5").code == 1
    assert qm(*p, "done", "4", "5", "--force").code == 0
    assert [e["activity"] for e in lines(plan)] == [5, 4, 5]


def test_by_defaults_to_qm_user(qm: Invoke, plan: Path) -> None:
    qm("--plan", str(plan), "done", "1", env={"QM_USER": "李四"})
    qm("--plan", str(plan), "done", "2", "--by", "王五", env={"QM_USER": "李四"})
    assert [e["by"] for e in lines(plan)] == ["李四", "王五"]


def test_journal_option_and_env(qm: Invoke, plan: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "其他" / "进展.jsonl"
    assert qm("--plan", str(plan), "--journal", str(elsewhere), "done", "1").code == 0
    assert qm("--plan", str(plan), "done", "2", env={"QM_JOURNAL": str(elsewhere)}).code == 0
    assert not journal_of(plan).exists()
    assert [json.loads(x)["activity"] for x in elsewhere.read_text().splitlines()] == [1, 2]


def test_write_commands_never_change_the_plan(qm: Invoke, plan: Path) -> None:
    before = (plan.read_bytes(), plan.stat().st_mtime_ns)
    p = ("--plan", str(plan))
    for args in (("start", "1"), ("progress", "1", "50"), ("done", "1"), ("reopen", "1"),
                 ("note", "1", "备注"), ("done", "99")):  # fmt: skip
        qm(*p, *args)
    assert (plan.read_bytes(), plan.stat().st_mtime_ns) == before


def test_notes_are_shown_as_text_never_markup_or_escapes(qm: Invoke, plan: Path) -> None:
    p = ("--plan", str(plan))
    hostile = "[red]警告[/red] \x1b[2J\x1b]0;title\x07 \u202e反向 \x00"
    assert qm(*p, "note", "5", hostile).code == 0
    for args in (("show", "5"), ("log",), ("list",), ("log", "-f", "md"), ("log", "-f", "csv")):
        out = qm(*p, *args, env={"COLUMNS": "200"}).stdout
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\x00" not in out
        assert "[red]警告" in out.replace("\\", "")
    assert lines(plan)[0]["note"] == hostile.strip()  # stored exactly as given


def test_log_of_one_activity_and_formats(qm: Invoke, plan: Path) -> None:
    p = ("--plan", str(plan))
    qm(*p, "done", "5", "--note", "=SUM(A1)")
    qm(*p, "start", "6")
    assert [e["activity"] for e in json.loads(qm(*p, "log", "5", "-f", "json").stdout)] == [5]
    csv_out = qm(*p, "log", "-f", "csv").stdout
    assert csv_out.startswith("\ufeff日期,序号,操作,记录人,备注,记录时间")
    assert ",'=SUM(A1)," in csv_out
    md = qm(*p, "log", "-f", "md").stdout.splitlines()
    assert md[0] == "| 日期 | 序号 | 操作 | 记录人 | 备注 | 记录时间 |"
    assert qm(*p, "log", "99").code == 1


def test_as_of_hides_later_events_from_list_show_and_log(qm: Invoke, plan: Path) -> None:
    p = ("--plan", str(plan))
    assert qm(*p, "done", "5", "--date", "9/25", env={"QM_TODAY": "2023-09-30"}).code == 0
    early = ("--as-of", "2023-09-24")
    assert json.loads(qm(*p, *early, "show", "5", "-f", "json").stdout)["history"] == []
    assert json.loads(qm(*p, *early, "log", "-f", "json").stdout) == []
    assert json.loads(qm(*p, *early, "list", "-f", "json").stdout)[4]["status"] == "todo"


def test_bad_journal_lines_warn_and_the_rest_counts(qm: Invoke, plan: Path) -> None:
    qm("--plan", str(plan), "done", "5")
    with journal_of(plan).open("a", encoding="utf-8") as f:
        f.write('{"v": 1, "event": "x", "activity": 5, "action": "explode"}\n{"torn": ')
    run = qm("--plan", str(plan), "--lang", "en", "list", "--status", "done", "-f", "json")
    assert run.code == 0
    assert [a["id"] for a in json.loads(run.stdout)] == [5]
    where = journal_of(plan)
    assert run.stderr.splitlines() == [
        f'warning: {where}:2: unknown action "explode" '
        "(known: start, progress, done, reopen, note); skipped",
        f"warning: {where}:3: the last line is incomplete, probably an interrupted write; skipped",
    ]


def test_a_line_merged_in_twice_is_logged_once(qm: Invoke, plan: Path) -> None:
    qm("--plan", str(plan), "done", "5", "--note", "一次")
    journal = journal_of(plan)
    journal.write_text(journal.read_text(encoding="utf-8") * 2, encoding="utf-8")
    logged = json.loads(qm("--plan", str(plan), "log", "-f", "json").stdout)
    assert [e["note"] for e in logged] == ["一次"]

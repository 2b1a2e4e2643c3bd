"""The read commands through the CLI: filters, formats, exit codes, stderr, safety."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len

from qualitymonth import __version__

from .conftest import BROKEN, MINIMAL, SHIPPED, Invoke

PlanFile = Callable[..., Path]
P = ("--plan", str(SHIPPED))


def ids(run_stdout: str) -> list[int]:
    return [a["id"] for a in json.loads(run_stdout)]


# --------------------------------------------------------------------------- list filters


def test_list_by_department_shows_its_activities(qm: Invoke) -> None:
    run = qm(*P, "list", "--dept", "质量科", "--format", "json")
    assert (run.code, run.stderr) == (0, "")
    assert ids(run.stdout) == [1, 2, 3, 4, 5, 12]


def test_list_by_month_uses_the_parsed_periods(qm: Invoke) -> None:
    run = qm(*P, "list", "--month", "7", "--format", "json")
    assert run.code == 0
    assert ids(run.stdout) == [5, 10]


@pytest.mark.parametrize("month", ["9", "09", "9月", "九月", "2023-09", "2023年9月"])
def test_every_way_of_writing_a_month(qm: Invoke, month: str) -> None:
    run = qm(*P, "list", "--month", month, "--format", "json")
    assert run.code == 0
    assert ids(run.stdout) == list(range(1, 13))


def test_month_of_another_year_matches_nothing(qm: Invoke) -> None:
    run = qm(*P, "list", "--month", "2024-09", "--format", "json")
    assert (run.code, json.loads(run.stdout)) == (0, [])


def test_department_alias_is_the_same_department(qm: Invoke) -> None:
    by_alias = qm(*P, "list", "--dept", "质量监督科", "--format", "json")
    assert ids(by_alias.stdout) == [1, 2, 3, 4, 5, 12]


@pytest.mark.parametrize(
    ("dept", "role", "expected"),
    [
        ("各监管所", "lead", []),
        ("各监管所", "assist", [2, 3, 5, 6, 7, 8, 9, 10, 11, 12]),
        ("各监管所", "any", [2, 3, 5, 6, 7, 8, 9, 10, 11, 12]),
        ("消保科", "lead", [10, 11]),
        ("消保科", "assist", []),
        ("计量所", "any", [4]),
    ],
)
def test_role_narrows_the_department(qm: Invoke, dept: str, role: str, expected: list[int]) -> None:
    run = qm(*P, "list", "--dept", dept, "--role", role, "--format", "json")
    assert run.code == 0
    assert ids(run.stdout) == expected


def test_status_filters_against_the_as_of_date(qm: Invoke) -> None:
    # On 2023-09-20 nothing has ended; on 2023-10-01 every September activity is overdue.
    assert ids(qm(*P, "list", "--status", "overdue", "--format", "json").stdout) == []
    late = qm(*P, "--as-of", "2023-10-01", "list", "--status", "overdue", "--format", "json")
    assert ids(late.stdout) == [1, 3, 4, 6, 7, 8, 9]
    assert ids(qm(*P, "list", "--status", "todo", "--format", "json").stdout) == list(range(1, 13))
    assert ids(qm(*P, "list", "--status", "done", "--format", "json").stdout) == []


def test_search_reads_theme_content_and_names(qm: Invoke) -> None:
    assert ids(qm(*P, "list", "--search", "月饼", "--format", "json").stdout) == [7]
    assert ids(qm(*P, "list", "--search", "ＬＥＤ", "--format", "json").stdout) == [9]
    assert ids(qm(*P, "list", "--search", "计量所", "--format", "json").stdout) == [4]


def test_filters_combine(qm: Invoke) -> None:
    run = qm(
        *P, "list", "--dept", "质量科", "--month", "6", "--search", "双随机", "--format", "json"
    )
    assert ids(run.stdout) == [5]


# --------------------------------------------------------------------------- errors


def test_unknown_department_lists_the_known_and_the_closest(qm: Invoke) -> None:
    run = qm(*P, "list", "--dept", "质量")
    assert run.code == 1
    assert run.stdout == ""
    assert run.stderr == (
        "未知部门“质量”（最接近的是“质量科”）；"
        "已知部门：质量科、市管科、执法大队、特安科、消保科、办公室、各监管所、计量所\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--month", "13"),
        ("list", "--month", "九月中"),
        ("list", "--status", "finished"),
        ("list", "--role", "boss"),
        ("list", "--format", "xml"),
        ("list", "--bogus"),
        ("show", "five"),
        ("--lang", "fr", "list"),
    ],
)
def test_bad_option_values_are_usage_errors(qm: Invoke, args: tuple[str, ...]) -> None:
    run = qm(*P, *args)
    assert run.code == 2
    assert run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr


def test_unknown_activity_names_the_valid_ids(qm: Invoke) -> None:
    run = qm(*P, "--lang", "en", "show", "99")
    assert (run.code, run.stdout) == (1, "")
    assert (
        run.stderr == "there is no activity 99; valid ids: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12\n"
    )


def test_missing_plan_is_a_data_error(qm: Invoke, tmp_path: Path) -> None:
    run = qm("--plan", str(tmp_path / "无.yaml"), "list")
    assert run.code == 1
    assert run.stderr == f"文件不存在：{tmp_path / '无.yaml'}\n"


def test_bad_qm_today_is_a_usage_error(qm: Invoke) -> None:
    run = qm(*P, "list", env={"QM_TODAY": "someday"})
    assert run.code == 2
    assert "QM_TODAY" in run.stderr


def test_structurally_broken_plan_stops_every_command(qm: Invoke, plan_file: PlanFile) -> None:
    path = plan_file(MINIMAL.replace("    lead: 质量科\n", ""))
    for args in (("list",), ("show", "1"), ("info",), ("depts",)):
        run = qm("--plan", str(path), "--lang", "en", *args)
        assert run.code == 1
        assert run.stderr == f"{path}:6:5: activity 1: missing required key 'lead'\n"


def test_unreadable_schedule_warns_once_and_goes_on(qm: Invoke, plan_file: PlanFile) -> None:
    path = plan_file(MINIMAL.replace("schedule: 9月", "schedule: 省出台文件后2个月"))
    run = qm("--plan", str(path), "--lang", "en", "list", "--format", "json")
    assert run.code == 0
    assert [(a["id"], a["start"]) for a in json.loads(run.stdout)] == [(1, None)]
    assert run.stderr.count("\n") == 1
    assert run.stderr.startswith(f"warning: {path}:8:15: activity 1: cannot read the schedule")
    # undated: in no month, never overdue
    assert qm("--plan", str(path), "list", "--month", "9", "--format", "json").stdout == "[]\n"


# --------------------------------------------------------------------------- validate


def test_validate_reports_all_three_problems_with_lines(qm: Invoke, plan_file: PlanFile) -> None:
    path = plan_file(BROKEN, "broken.yaml")
    run = qm("--plan", str(path), "validate")
    assert (run.code, run.stdout) == (1, "")
    lines = run.stderr.splitlines()
    assert lines[0] == f"{path}:9:9: 活动序号 1 重复（第一次出现在第 5 行）"
    assert lines[1].startswith(
        f"{path}:11:15: 活动 1 的时间安排“某个时候”无法识别；可以这样写：9月、"
    )
    assert lines[2] == f"{path}:13:5: 活动 3：缺少必填项“lead”"
    assert len(lines) == 3


def test_validate_takes_a_path_argument(qm: Invoke, plan_file: PlanFile) -> None:
    path = plan_file(MINIMAL.replace("schedule: 9月", "schedule: 某个时候"))
    run = qm("validate", str(path))
    assert run.code == 1
    assert "某个时候" in run.stderr


def test_validate_accepts_the_shipped_plan(qm: Invoke) -> None:
    run = qm("--lang", "en", "validate", str(SHIPPED))
    assert (run.code, run.stderr) == (0, "")
    assert run.stdout == f"{SHIPPED}: valid, 12 activities\n"


def test_read_commands_never_touch_the_plan(qm: Invoke, plan_file: PlanFile) -> None:
    path = plan_file(SHIPPED.read_text(encoding="utf-8"))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    for args in (("list",), ("show", "5"), ("info",), ("depts",), ("validate",)):
        assert qm("--plan", str(path), *args).code == 0
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["plan.yaml"]


# --------------------------------------------------------------------------- show, info, depts


def test_show_json_is_the_activity_with_its_history(qm: Invoke) -> None:
    run = qm(*P, "show", "5", "--format", "json")
    assert run.code == 0
    assert json.loads(run.stdout) == {
        "id": 5,
        "theme": "检验检测机构“双随机、一公开”监督检查",
        "content": "组织开展检验检测机构“双随机、一公开”监督检查。",
        "schedule": "6-10月",
        "start": "2023-06-01",
        "end": "2023-10-31",
        "periods": [["2023-06-01", "2023-10-31"]],
        "lead": "质量科",
        "assist": ["各监管所"],
        "remark": "",
        "status": "todo",
        "percent": 0,
        "overdue": False,
        "late": False,
        "done_on": None,
        "last_note": None,
        "history": [],
    }


def test_show_table_has_every_field(qm: Invoke) -> None:
    run = qm(*P, "show", "12")
    assert run.code == 0
    text = " ".join(run.stdout.split())
    for expected in (
        "技术帮扶“一县一试点”",
        "9月-10月",
        "2023-09-01 – 2023-10-31",
        "未开始",
        "暂无进展记录",
    ):
        assert expected in text


def test_show_markdown_and_csv(qm: Invoke) -> None:
    md = qm(*P, "show", "6", "--format", "md").stdout
    assert md.startswith("## 6. 2023年中国公平竞争政策宣传周活动\n\n| 项目 | 内容 |\n")
    rows = list(
        csv.reader(io.StringIO(qm(*P, "show", "6", "--format", "csv").stdout.lstrip("\ufeff")))
    )
    assert rows[1][0] == "6" and rows[1][3] == "9月中旬"


def test_info_shows_header_and_slogans(qm: Invoke) -> None:
    run = qm(*P, "info")
    assert run.code == 0
    for expected in ("永市监质〔2023〕35号", "2023-09-13", "增强质量意识 推进高质量发展",
                     "1. 大力增强质量意识 加快建设质量强国",
                     "9. 弘扬工匠精神 推动品质革命"):  # fmt: skip
        assert expected in run.stdout


def test_depts_json(qm: Invoke) -> None:
    run = qm(*P, "depts", "--format", "json")
    assert json.loads(run.stdout) == [
        {"department": "质量科", "lead": 6, "assist": 0},
        {"department": "市管科", "lead": 1, "assist": 0},
        {"department": "执法大队", "lead": 2, "assist": 0},
        {"department": "特安科", "lead": 1, "assist": 0},
        {"department": "消保科", "lead": 2, "assist": 0},
        {"department": "办公室", "lead": 0, "assist": 1},
        {"department": "各监管所", "lead": 0, "assist": 10},
        {"department": "计量所", "lead": 0, "assist": 1},
    ]


def test_depts_table_md_and_csv_agree(qm: Invoke) -> None:
    table = qm(*P, "depts").stdout
    assert "质量监督科" in table  # the alias column
    md = qm(*P, "depts", "--format", "md").stdout.splitlines()
    assert md[0] == "| 部门 | 牵头 | 协办 |" and md[2] == "| 质量科 | 6 | 0 |"
    rows = list(csv.reader(io.StringIO(qm(*P, "depts", "--format", "csv").stdout.lstrip("\ufeff"))))
    assert rows[7] == ["各监管所", "0", "10"]


# --------------------------------------------------------------------------- formats


def test_csv_has_bom_and_every_field(qm: Invoke) -> None:
    out = qm(*P, "list", "--format", "csv").stdout
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(rows) == 13
    assert rows[0][:4] == ["序号", "活动主题", "活动内容", "时间安排"]
    assert rows[10][0] == "10" and rows[10][3] == "全年"


def test_markdown_is_a_table(qm: Invoke) -> None:
    out = qm(*P, "list", "--dept", "市管科", "--format", "md").stdout.splitlines()
    assert (
        out[0]
        == "| 序号 | 活动主题 | 时间安排 | 起止日期 | 牵头部门 | 协办单位 | 状态 | 最新备注 |"
    )
    assert (
        out[2] == "| 6 | 2023年中国公平竞争政策宣传周活动 | 9月中旬 | 2023-09-11 – 2023-09-20 "
        "| 市管科 | 各监管所 | 未开始 |  |"
    )


def test_english_labels(qm: Invoke) -> None:
    out = qm(*P, "--lang", "en", "list", "--dept", "市管科", "--format", "md").stdout
    assert out.startswith(
        "| ID | Theme | Schedule | Period | Lead | Co-organizers | Status | Last note |"
    )
    assert "to do" in out
    # JSON is language-neutral
    assert (
        json.loads(qm(*P, "--lang", "en", "list", "--format", "json").stdout)[0]["status"] == "todo"
    )


@pytest.mark.parametrize("width", [80, 120])
def test_table_fits_the_terminal_and_wraps_instead_of_cutting(qm: Invoke, width: int) -> None:
    out = qm(*P, "list", env={"COLUMNS": str(width)}).stdout
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    # the longest theme is wrapped, not cut: its last words are there, and no ellipsis
    assert "技术帮扶“一县一试点”" in out
    assert "体系制度建立" in out or "制度建立" in out
    assert "…" not in out


HOSTILE = MINIMAL.replace(
    "theme: 宣传", 'theme: "[bold red]醒目[/] \\e[31m红字\\e[0m \\u202e反向"'
).replace("lead: 质量科", "lead: \"=HYPERLINK('http://x')\"")


def test_plan_text_is_never_markup_or_escapes(qm: Invoke, plan_file: PlanFile) -> None:
    path = plan_file(HOSTILE)
    for fmt in ("table", "md"):
        out = qm("--plan", str(path), "list", "--format", fmt, env={"COLUMNS": "200"}).stdout
        assert "\x1b" not in out and "\u202e" not in out
        assert "[bold red]醒目[/]" in out.replace("\\", "")
        assert "␛[31m红字" in out.replace("\\", "")
    show = qm("--plan", str(path), "show", "1").stdout
    assert "\x1b" not in show and "[bold red]" in show


def test_csv_cells_cannot_run_as_formulas(qm: Invoke, plan_file: PlanFile) -> None:
    path = plan_file(HOSTILE)
    out = qm("--plan", str(path), "list", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[1][6] == "'=HYPERLINK('http://x')"
    assert "\x1b" not in out


# --------------------------------------------------------------------------- the program


def test_version(qm: Invoke) -> None:
    run = qm("--version")
    assert (run.code, run.stdout) == (0, f"qm {__version__}\n")


def test_every_command_has_help_with_an_example(qm: Invoke) -> None:
    for command in ("list", "show", "info", "depts", "validate"):
        run = qm(command, "--help")
        assert run.code == 0
        assert "示例：qm " in run.stdout
        run = qm("--lang", "en", command, "--help")
        assert run.code == 0
        assert "Example: qm " in run.stdout


def test_no_arguments_shows_help(qm: Invoke) -> None:
    run = qm()
    assert run.code == 0
    assert "list" in run.stdout
    assert run.stderr == ""


def test_real_process_in_a_pipe_has_no_escape_codes(qm_process: Invoke) -> None:
    run = qm_process("list", "--dept", "质量科")  # cwd is the repository: the default plan
    assert run.code == 0
    assert "\x1b" not in run.stdout
    assert "加大宣传力度" in run.stdout


def test_real_process_finds_the_plan_below_the_current_directory(
    qm_process: Invoke, tmp_path: Path
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "campaign-2023.yaml").write_bytes(SHIPPED.read_bytes())
    run = qm_process("list", "--month", "7", "--format", "json", cwd=tmp_path)
    assert (run.code, run.stderr) == (0, "")
    assert ids(run.stdout) == [5, 10]


def test_real_process_reports_a_missing_plan_in_one_sentence(
    qm_process: Invoke, tmp_path: Path
) -> None:
    run = qm_process("list", cwd=tmp_path)
    assert run.code == 1
    assert run.stderr.count("\n") == 1
    assert "data/campaign-*.yaml" in run.stderr


def _many_activities(path: Path, n: int) -> Path:
    rows = [MINIMAL.split("activities:\n")[0] + "activities:"]
    for i in range(1, n + 1):
        rows.append(
            f"  - {{id: {i}, theme: 第{i}项活动，加强质量宣传, schedule: 9月, lead: 质量科}}"
        )
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_real_process_says_everything_and_ends_with_its_code(
    qm_process: Invoke, tmp_path: Path
) -> None:
    """The console script ends the process at once (``os._exit``) after flushing: a large
    output arrives whole, and every exit code survives."""
    plan = _many_activities(tmp_path / "campaign-2023.yaml", 3000)
    run = qm_process("--plan", str(plan), "list", "--format", "json")
    assert (run.code, run.stderr) == (0, "")
    assert ids(run.stdout) == list(range(1, 3001))
    assert qm_process("--version").stdout == f"qm {__version__}\n"
    unknown = qm_process("--plan", str(plan), "list", "--dept", "不存在")
    assert unknown.code == 1 and unknown.stderr.count("\n") == 1
    assert qm_process("--plan", str(plan), "list", "--month", "13").code == 2


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """``qm list --format json | head -c 10``: qm cannot say the rest; it says nothing more
    and exits 1, with no traceback."""
    plan = _many_activities(tmp_path / "campaign-2023.yaml", 3000)  # far more than a pipe holds
    env = {k: v for k, v in os.environ.items() if not k.startswith("QM_")}
    env.update({"QM_TODAY": "2023-09-20", "QM_NO_CACHE": "1", "PYTHONIOENCODING": "utf-8"})
    proc = subprocess.Popen(
        [sys.executable, "-m", "qualitymonth", "--plan", str(plan), "list", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10) == b'[\n  {"id":'
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 1
    assert b"Traceback" not in err


def test_completion_offers_departments_and_ids(qm_process: Invoke) -> None:
    depts = qm_process(
        env={"_QM_COMPLETE": "complete_bash", "COMP_WORDS": "qm list --dept 质", "COMP_CWORD": "3"}
    )
    assert depts.stdout.split() == ["质量科", "质量监督科"]
    ids_ = qm_process(env={"_QM_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "qm show 1"})
    assert '"1":"加大宣传力度' in ids_.stdout and '"12":"技术帮扶' in ids_.stdout
    assert '"2":' not in ids_.stdout


def test_a_long_list_fits_and_keeps_every_row(qm: Invoke, plan_file: Path) -> None:
    """A long list still fits the terminal, wraps instead of cutting, neutralises escapes and
    keeps every row."""
    rows = [MINIMAL.split("activities:\n")[0] + "activities:"]
    for i in range(1, 310):
        theme = "加强质量宣传，营造“质量月”浓厚氛围并开展技术帮扶\\e[31m"
        rows.append(f'  - id: {i}\n    theme: "{theme}"\n    schedule: 9月\n    lead: 质量科')
    path = plan_file("\n".join(rows) + "\n")
    for width in (80, 160):
        out = qm("--plan", str(path), "list", env={"COLUMNS": str(width)}).stdout
        lines = out.splitlines()
        assert max(cell_len(x) for x in lines) <= width
        assert lines[0].split() == ["序号", "活动主题", "时间安排", "牵头部门", "协办单位", "状态"]
        ids_seen = [x.split()[0] for x in lines[2:] if x[:6].strip().isdigit()]
        assert ids_seen == [str(i) for i in range(1, 310)]
        assert "\x1b" not in out and "…" not in out
        assert "氛围并开展技术帮扶␛[31m" in "".join(x.strip() for x in out.split())


def test_list_colours_status_only_when_asked(qm: Invoke) -> None:
    plain = qm(*P, "list", "--dept", "市管科", env={"NO_COLOR": "1"}).stdout
    assert "\x1b" not in plain
    coloured = qm(*P, "list", "--dept", "市管科", env={"NO_COLOR": None, "FORCE_COLOR": "1"}).stdout
    assert "\x1b[2m未开始" in coloured and coloured.count("\x1b[0m") == 1
    assert coloured.replace("\x1b[2m", "").replace("\x1b[0m", "") == plain

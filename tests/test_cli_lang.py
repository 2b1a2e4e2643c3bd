"""``--help``, the help's headings and usage errors speak the user's language: Chinese by
default, English with ``--lang en`` or ``QM_LANG=en``; bare ``qm`` prints the short help."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from itertools import pairwise

import pytest
import typer.main

from qualitymonth.cli import app, zh
from qualitymonth.cli.localized import param_key
from qualitymonth.linebreak import text_width

from .conftest import ROOT, WORKDIR, Invoke

#: What click and Typer say in English, none of which a Chinese screen may show.
CLICK_WORDS = (
    "Usage:", "Options:", "Commands:", "Arguments:", "Show this message", "Show the version",
    "[OPTIONS]", "COMMAND [ARGS]", "default:", "env var:", "[required]", "Example:",
    "Error", "Invalid value", "No such", "Missing", "is not one of", "is not a valid",
    "Got unexpected", "requires an argument", "Possible options", "Did you mean", "Try '",
)  # fmt: skip
#: Three English words in a row: a sentence left untranslated.
ENGLISH_PROSE = re.compile(r"\b[A-Za-z]{2,} [a-z]{2,} [a-z]{2,}\b")
COMMANDS = ("list", "show", "info", "depts", "validate", "log", "report", "timeline", "agenda")
COMMANDS += ("import", "form", "collect", "done", "start", "reopen", "progress", "note")
EN = {"QM_LANG": "en"}


def chinese_only(text: str) -> None:
    """No English of click's and no untranslated sentence (examples aside)."""
    for word in CLICK_WORDS:
        assert word not in text, word
    prose = [line for line in text.splitlines() if "示例：" not in line and "qm " not in line]
    assert not [line for line in prose if ENGLISH_PROSE.search(line)]


# --------------------------------------------------------------------------- help screens


@pytest.mark.parametrize("args", [("--help",), ("list", "--help"), ("report", "--help")])
def test_help_is_chinese_by_default(qm: Invoke, args: tuple[str, ...]) -> None:
    run = qm(*args)
    assert (run.code, run.stderr) == (0, "")
    assert run.stdout.startswith("用法：qm ")
    assert "[选项]" in run.stdout
    assert "\n选项：\n" in run.stdout
    assert "显示本帮助并退出。" in run.stdout
    chinese_only(run.stdout)


def test_chinese_help_names_its_parts(qm: Invoke) -> None:
    top = qm("--help").stdout
    assert "\n命令：\n" in top
    assert "用法：qm [选项] 命令 [参数]..." in top
    assert "  list      列出符合全部筛选条件的活动。\n" in top
    assert "显示版本号并退出。" in top
    assert "[环境变量：QM_LANG; 默认：zh]" in top
    report = qm("report", "--help").stdout
    assert "示例：qm report --month 9 --format docx -o 质量月总结.docx" in report
    assert "输出格式：table, json, csv, md, docx, xlsx, html。" in report
    assert "[默认：仿宋_GB2312]" in report
    done = qm("done", "--help").stdout
    assert "\n参数：\n" in done
    assert "活动序号：5 6，或 5,6。" in done
    assert "必填" in done


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_chinese_help_that_fits_the_terminal(
    qm_process: Invoke, command: str
) -> None:
    run = qm_process(command, "--help", env={"COLUMNS": "100"})
    assert (run.code, run.stderr) == (0, "")
    assert "示例：qm " in run.stdout
    chinese_only(run.stdout)
    # Click formats help at most 78 columns wide; a Chinese character takes two.
    assert max(text_width(line) for line in run.stdout.splitlines()) <= 78


def test_a_narrow_terminal_breaks_chinese_help_as_chinese_is_typeset(qm_process: Invoke) -> None:
    run = qm_process("report", "--help", env={"COLUMNS": "60"})
    lines = run.stdout.splitlines()
    assert max(text_width(line) for line in lines) <= 58
    assert not [line for line in lines if line.strip()[:1] in set("，。、；：）》”")]
    assert not [line for line in lines if line.rstrip()[-1:] in set("（《“")]
    # A run of Chinese characters is broken only if longer than four, two at least each side.
    for upper, lower in pairwise(lines):
        before = re.search(r"[\u4e00-\u9fff]+$", upper.rstrip())
        after = re.match(r"[\u4e00-\u9fff]+", lower.strip())
        if before and after:
            assert len(before.group()) >= 2 and len(after.group()) >= 2, (upper, lower)
    assert "方正小标宋" in run.stdout  # [默认：方正小标宋简体] was broken, as it may be


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--lang", "en", "--help"), {}),
        (("--lang", "en", "list", "--help"), {}),
        (("--lang", "en", "report", "--help"), {}),
        (("--help",), EN),
        (("list", "--help"), EN),
        (("report", "--help"), EN),
    ],
)
def test_help_is_english_on_request(qm: Invoke, args: tuple[str, ...], env: dict[str, str]) -> None:
    run = qm(*args, env=env)
    assert (run.code, run.stderr) == (0, "")
    assert run.stdout.startswith("Usage: qm ")
    assert "[OPTIONS]" in run.stdout
    assert "\nOptions:\n" in run.stdout
    assert "Show this message and exit." in run.stdout
    assert "Example: qm " in run.stdout
    for word in ("用法", "选项：", "命令：", "显示本帮助", "示例：", "默认："):
        assert word not in run.stdout


def test_the_command_line_outweighs_qm_lang(qm: Invoke) -> None:
    assert qm("--lang", "zh", "--help", env=EN).stdout.startswith("用法：qm ")
    assert qm("--lang=en", "list", "--help").stdout.startswith("Usage: qm list ")


def test_english_help_is_typers_own(qm: Invoke) -> None:
    run = qm("--lang", "en", "list", "--help")
    assert "  -h, --help" in run.stdout
    assert "[default: table]" in run.stdout
    assert "List the activities that match every filter." in run.stdout


def test_chinese_table_matches_the_commands() -> None:
    """Every command and parameter has its Chinese, and every entry names something qm has."""
    group = typer.main.get_command(app)
    ctx = typer.Context(group, info_name="qm")
    places = {"qm"} | {param_key(p) for p in group.get_params(ctx)}
    missing = [k for k in places if k not in zh.HELP]
    assert isinstance(group, typer.core.TyperGroup)
    for name, command in group.commands.items():
        places.add(name)
        missing += [name] if name not in zh.HELP else []
        for param in command.get_params(typer.Context(command, parent=ctx, info_name=name)):
            key = param_key(param)
            places.update({f"{name} {key}", key})
            if f"{name} {key}" not in zh.HELP and key not in zh.HELP:
                missing.append(f"{name} {key}")
    assert missing == []
    assert sorted(set(zh.HELP) - places) == []


# --------------------------------------------------------------------------- usage errors

USAGE_ERRORS = [
    (("show", "abc"), "ID 的值“abc”不是整数", "for 'ID': 'abc' is not a valid integer."),
    (("list", "--nope"), "没有选项 --nope", "No such option: --nope"),
    (("nosuchcommand",), "没有命令“nosuchcommand”", "No such command 'nosuchcommand'."),
    (("lst",), "没有命令“lst”，可能是：list", "No such command 'lst'. Did you mean 'list'?"),
    (("progress", "5"), "缺少参数 PERCENT", "Missing argument 'PERCENT'."),
    (("show", "5", "6"), "多余的参数：6", "Got unexpected extra argument(s) (6)"),
    (("list", "--dept"), "选项 --dept 后面要写一个值", "Option --dept requires an argument."),
    (("list", "--force=1"), "选项 --force 不带值", "Option --force does not take a value."),
    (("agenda", "--days", "999"), "超出了范围（0 到 366）", "not in the range 0 to 366."),
]  # fmt: skip


@pytest.mark.parametrize(("args", "zh_words", "en_words"), USAGE_ERRORS)
def test_usage_errors_are_one_chinese_sentence(
    qm: Invoke, args: tuple[str, ...], zh_words: str, en_words: str
) -> None:
    run = qm(*args)
    assert (run.code, run.stdout) == (2, "")
    assert run.stderr.startswith("用法错误：")
    assert zh_words in run.stderr
    assert run.stderr.count("\n") == 1
    assert f"（参见 qm {args[0]} --help）" in run.stderr or "（参见 qm --help）" in run.stderr
    chinese_only(run.stderr)


@pytest.mark.parametrize(("args", "zh_words", "en_words"), USAGE_ERRORS)
def test_usage_errors_are_english_on_request(
    qm: Invoke, args: tuple[str, ...], zh_words: str, en_words: str
) -> None:
    for run in (qm(*args, env=EN), qm("--lang", "en", *args)):
        assert (run.code, run.stdout) == (2, "")
        assert run.stderr.startswith("usage error: ")
        assert en_words in run.stderr
        assert run.stderr.count("\n") == 1
        assert not re.search(r"[\u4e00-\u9fff]", run.stderr)


def test_a_wrong_choice_lists_the_choices(qm: Invoke) -> None:
    zh_run = qm("--lang", "fr", "list")
    assert zh_run.code == 2
    assert zh_run.stderr == "用法错误：--lang 的值“fr”无效，可选：zh、en（参见 qm --help）\n"
    en_run = qm("--lang", "fr", "list", env=EN)
    assert en_run.code == 2
    assert en_run.stderr == (
        "usage error: Invalid value for '--lang': 'fr' is not one of 'zh', 'en'. (see qm --help)\n"
    )


def test_a_wrong_qm_lang_is_said_in_chinese(qm: Invoke) -> None:
    run = qm("list", env={"QM_LANG": "fr"})
    assert run.code == 2
    assert "--lang 的值“fr”（来自环境变量 QM_LANG）无效，可选：zh、en" in run.stderr


# --------------------------------------------------------------------------- bare qm


def test_bare_qm_prints_the_short_help(qm: Invoke) -> None:
    run = qm()
    assert (run.code, run.stderr) == (0, "")
    assert run.stdout.startswith("用法：qm [选项] 命令 [参数]...\n")
    assert "\n命令：\n" in run.stdout
    assert "  done      把活动标为已完成。\n" in run.stdout
    assert "--plan" not in run.stdout  # the short help: the global options are in qm --help
    assert run.stdout.rstrip().endswith("全局选项见 qm --help，各命令的用法见 qm 命令 --help")
    chinese_only(run.stdout)


@pytest.mark.parametrize(("args", "env"), [((), EN), (("--lang", "en"), {})])
def test_bare_qm_in_english(qm: Invoke, args: tuple[str, ...], env: dict[str, str]) -> None:
    run = qm(*args, env=env)
    assert (run.code, run.stderr) == (0, "")
    assert run.stdout.startswith("Usage: qm [OPTIONS] COMMAND [ARGS]...\n")
    assert "\nCommands:\n" in run.stdout
    assert "Run 'qm --help' for the global options" in run.stdout


def test_bare_qm_as_a_real_process(qm_process: Invoke) -> None:
    run = qm_process()
    assert (run.code, run.stderr) == (0, "")
    assert run.stdout.startswith("用法：qm ")
    run = qm_process(env=EN)
    assert (run.code, run.stderr) == (0, "")
    assert run.stdout.startswith("Usage: qm ")


def test_real_process_help_and_errors(qm_process: Invoke) -> None:
    run = qm_process("--lang", "en", "list", "--help")
    assert (run.code, run.stderr) == (0, "")
    assert run.stdout.startswith("Usage: qm list [OPTIONS]")
    run = qm_process("list", "--help")
    assert run.stdout.startswith("用法：qm list [选项]")
    run = qm_process("show", "abc")
    assert (run.code, run.stdout) == (2, "")
    assert run.stderr == "用法错误：ID 的值“abc”不是整数（参见 qm show --help）\n"


def test_a_run_that_goes_well_loads_no_translation() -> None:
    """The catalogue is read only for a help screen or a usage error, not on every run."""
    probe = (
        "import sys\n"
        "from qualitymonth.cli import app\n"
        "code = app(['info'], standalone_mode=False)\n"
        "print(code, 'qualitymonth.cli.zh' in sys.modules)\n"
    )
    env = dict(os.environ, QM_TODAY="2023-09-20", PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=WORKDIR, capture_output=True, text=True, env=env
    )
    assert out.stdout.splitlines()[-1] == "0 False", out.stderr

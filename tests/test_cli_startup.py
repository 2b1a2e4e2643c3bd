"""A run builds only the command it runs (:func:`qualitymonth.cli.app_for`), and answers
exactly as the whole app would."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from qualitymonth.cli import COMMANDS, GLOBAL_VALUE_OPTIONS, _name_of, app, app_for, command_named

from .conftest import SHIPPED, Invoke

BUILT = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_table_of_commands_names_every_command_and_its_module() -> None:
    defined = {_name_of(i): i.callback.__module__ for i in app.registered_commands if i.callback}
    assert defined == {name: f"qualitymonth.cli.{group}" for name, group in COMMANDS.items()}


def test_a_run_of_one_command_imports_its_own_module_alone() -> None:
    code = (
        "import sys\n"
        "from qualitymonth.cli import app_for\n"
        "app_for(['--plan', 'x.yaml', 'done', '5'])\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('qualitymonth.cli.'))))\n"
        "whole = app_for(['--help'])\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('qualitymonth.cli.'))))\n"
        "import typer\n"
        "print(' '.join(typer.main.get_command(whole).list_commands(None)))\n"
    )
    one, every, listed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    groups = {m.rsplit(".", 1)[1] for m in one.split()} & set(COMMANDS.values())
    assert groups == {"write"}
    assert {m.rsplit(".", 1)[1] for m in every.split()} >= set(COMMANDS.values())
    # The write commands were registered first, yet qm --help keeps the table's order.
    assert listed.split() == list(COMMANDS)


def test_the_global_options_that_take_a_value_are_the_ones_app_for_skips() -> None:
    group = typer.main.get_command(app)
    taking_values = {
        name
        for param in group.params
        if not getattr(param, "is_flag", False)
        for name in param.opts + param.secondary_opts
    }
    assert taking_values == GLOBAL_VALUE_OPTIONS


@pytest.mark.parametrize("name", BUILT)
def test_a_command_named_plainly_gets_an_app_of_that_command_alone(name: str) -> None:
    for args in ([name], ["--plan", "x.yaml", "--lang", "en", name, "5"], ["--lang=en", name]):
        built = typer.main.get_command(app_for(args))
        assert sorted(built.commands) == [name], args  # type: ignore[attr-defined]
    assert app.registered_commands, "the shared app keeps every command"
    assert len(typer.main.get_command(app).commands) == len(BUILT)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "args",
    [[], ["--help"], ["--version"], ["lst"], ["-pplan.yaml", "list"], ["--bogus", "list"]],
)
def test_anything_less_plain_gets_the_whole_app(args: list[str]) -> None:
    assert app_for(args) is app


def test_completion_gets_the_whole_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_QM_COMPLETE", "complete_bash")
    assert app_for(["list"]) is app


def test_command_named_skips_global_options_and_their_values() -> None:
    assert command_named(["--plan", "list", "show", "1"]) == "show"
    assert command_named(["--as-of=2023-09-01", "report"]) == "report"
    assert command_named(["--lang"]) is None


# Every command, in both languages, with its help, a usage error and a run on the shipped plan.
CASES = [
    [*lang, *call]
    for lang, call in itertools.product(
        ([], ["--lang", "en"]),
        [
            *([name, "--help"] for name in BUILT),
            *([name, "--no-such-option"] for name in BUILT),
            ["list", "--dept", "质量科"],
            ["show", "5"],
            ["report", "--month", "9"],
            ["agenda"],
            ["log"],
            ["list", "--status", "nonsense"],
            ["show", "99"],
        ],
    )
]


@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_the_trimmed_app_answers_as_the_whole_app(args: list[str], cache_dir: object) -> None:
    runner = CliRunner()
    env = {"QM_TODAY": "2023-09-20", "QM_LANG": "", "COLUMNS": "100", "NO_COLOR": "1",
           "QM_PLAN": str(SHIPPED), "QM_CACHE_DIR": str(cache_dir)}  # fmt: skip
    trimmed = app_for(args)
    assert trimmed is not app
    whole = runner.invoke(app, args, env=env, catch_exceptions=False)
    alone = runner.invoke(trimmed, args, env=env, catch_exceptions=False)
    assert (alone.exit_code, alone.stdout, alone.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )
    assert whole.stdout or whole.stderr


@pytest.mark.parametrize(
    "args",
    [
        "--plan PLAN list --dept 质量科",
        "-p PLAN --as-of=2023-09-30 report --month 9 -f json",
        "--lang en --plan=PLAN agenda",
        "--plan PLAN show 99",
        "-pPLAN list --status todo",
    ],
)
def test_a_real_run_through_main_answers_as_the_whole_app(
    args: str, qm: Invoke, qm_process: Invoke
) -> None:
    """``python -m qualitymonth`` (``main``: one command, one module) in a fresh process,
    against the whole app with every module loaded."""
    argv = args.replace("PLAN", str(SHIPPED)).split()
    alone, whole = qm_process(*argv, env={"COLUMNS": "100"}), qm(*argv)
    assert (alone.code, alone.stdout, alone.stderr) == (whole.code, whole.stdout, whole.stderr)
    assert whole.stdout or whole.stderr

"""The one error boundary: every :class:`~qualitymonth.errors.QmError`, every usage error and
every bug end here as one sentence on stderr and an :class:`~qualitymonth.errors.ExitStatus`.

No ``from __future__ import annotations`` in the CLI: Typer reads the signature of the
command being run (:func:`qualitymonth.cli.app_for`) on each run, and evaluating string
annotations costs more than the annotations themselves.
"""

import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from typer._click.core import Command, Context
from typer._click.formatting import HelpFormatter
from typer.core import TyperGroup

from qualitymonth.cli.localized import Localized, args_lang, no_such_command, usage_message
from qualitymonth.cli.localized import env_lang as env_lang
from qualitymonth.cli.localized import state as state
from qualitymonth.errors import ExitStatus
from qualitymonth.i18n import Lang, t


def say(text: str) -> None:
    """One message on stderr; never markup, never a traceback."""
    from qualitymonth.output.text import problems_text

    sys.stderr.write(problems_text(text.splitlines()) + "\n")
    sys.stderr.flush()


def fail_with(problems: Sequence[Any], lang: Lang) -> NoReturn:
    """Say every problem (``file:line:col: message``) and end with a data error."""
    say("\n".join(p.format(lang) for p in problems))
    raise typer.Exit(ExitStatus.DATA)


class QmGroup(Localized, TyperGroup):
    """Typer's group with qm's single error boundary around it, speaking the user's language
    (:mod:`.localized`)."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        state["lang"] = args_lang(sys.argv[1:] if args is None else args)
        code: int = ExitStatus.OK
        try:
            rv = super().main(
                args,
                prog_name or "qm",
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
            code = rv if isinstance(rv, int) else ExitStatus.OK
        except typer.Exit as exc:
            code = exc.exit_code
        except (typer.Abort, KeyboardInterrupt):
            code = ExitStatus.INTERRUPTED
        except Exception as exc:
            code = failed(exc)
        if code == ExitStatus.INTERRUPTED:  # Typer returns Ctrl-C as the exit code 130
            say(t("interrupted", state["lang"]))
        if standalone_mode:
            sys.exit(code)
        return code

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        self.subcommand_metavar = t("help_command_metavar", state["lang"])
        super().format_usage(ctx, formatter)

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        no_such_command(self, ctx, args)
        return super().resolve_command(ctx, args)


def failed(exc: Exception) -> int:
    """Say what went wrong in one sentence; the exit code to end with."""
    from qualitymonth.errors import QmError  # not on the path of a run that goes well

    if isinstance(exc, QmError):
        say(exc.message(state["lang"]))
        return exc.exit_code
    return _unexpected(exc)


def _unexpected(exc: BaseException) -> int:
    usage = usage_message(exc, state["lang"])
    if usage is not None:
        detail, command = usage
        say(t("usage", state["lang"], detail=detail, command=command))
        return ExitStatus.USAGE
    # Any other error of click's (vendored by Typer) knows its own message and exit code.
    format_message = getattr(exc, "format_message", None)
    exit_code = getattr(exc, "exit_code", None)
    if callable(format_message) and isinstance(exit_code, int):
        say(t("usage", state["lang"], detail=format_message(), command="qm"))
        return exit_code
    if os.environ.get("QM_DEBUG") == "1":
        import traceback

        traceback.print_exception(exc)
    else:
        say(t("internal", state["lang"], detail=f"{type(exc).__name__}: {exc}"))
    return ExitStatus.INTERNAL

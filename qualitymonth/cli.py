"""The ``qm`` command: parse options, call the library, hand the result to ``render``.

One error boundary (:class:`QmGroup.main`) turns every :class:`~qualitymonth.errors.QmError`
and every usage error into one sentence on stderr and its exit code.  Library modules are
imported inside the commands that need them, so ``qm --help`` stays quick.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from qualitymonth import __version__
from qualitymonth.errors import QmError
from qualitymonth.i18n import Lang, t

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from qualitymonth.plan import LoadedPlan
    from qualitymonth.progress import ActivityState

# ---------------------------------------------------------------------------- the boundary

_lang: Lang = "zh"


def _env_lang() -> Lang:
    return "en" if os.environ.get("QM_LANG", "").strip().lower() == "en" else "zh"


def _say(text: str) -> None:
    """One message on stderr; never markup, never a traceback."""
    from qualitymonth.render import problems_text

    sys.stderr.write(problems_text(text.splitlines()) + "\n")
    sys.stderr.flush()


class QmGroup(TyperGroup):
    """Typer's group with qm's single error boundary around it."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        global _lang
        _lang = _env_lang()
        code = 0
        try:
            rv = super().main(
                args,
                prog_name or "qm",
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
            code = rv if isinstance(rv, int) else 0
        except QmError as exc:
            _say(exc.message(_lang))
            code = exc.exit_code
        except typer.Exit as exc:
            code = exc.exit_code
        except typer.Abort:
            _say(t("interrupted", _lang))
            code = 1
        except KeyboardInterrupt:
            _say(t("interrupted", _lang))
            code = 130
        except Exception as exc:
            code = _unexpected(exc)
        if standalone_mode:
            sys.exit(code)
        return code


def _unexpected(exc: BaseException) -> int:
    from typer._click.exceptions import ClickException

    if isinstance(exc, ClickException):
        ctx = getattr(exc, "ctx", None)
        command = ctx.command_path if ctx is not None else "qm"
        _say(t("usage", _lang, detail=exc.format_message(), command=command))
        return exc.exit_code
    if os.environ.get("QM_DEBUG") == "1":
        import traceback

        traceback.print_exception(exc)
    else:
        _say(t("internal", _lang, detail=f"{type(exc).__name__}: {exc}"))
    return 70


app = typer.Typer(
    cls=QmGroup,
    name="qm",
    help="qm: follow a campaign plan (质量月 and the like) from the terminal.\n\n"
    "Example: qm list --dept 质量科",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# ---------------------------------------------------------------------------- session


class LangChoice(StrEnum):
    zh = "zh"
    en = "en"


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class StatusChoice(StrEnum):
    todo = "todo"
    doing = "doing"
    done = "done"
    overdue = "overdue"
    late = "late"


class RoleChoice(StrEnum):
    lead = "lead"
    assist = "assist"
    any = "any"


class Session:
    """What the global options say, and the plan they point at (loaded once, on demand)."""

    def __init__(
        self, plan: str | None, journal: str | None, as_of: str | None, lang: Lang, cwd: Path
    ) -> None:
        self.plan_arg = plan
        self.journal_arg = journal
        self.as_of_arg = as_of
        self.lang: Lang = lang
        self.cwd = cwd
        self._loaded: LoadedPlan | None = None

    @property
    def today(self) -> date:
        """``QM_TODAY`` when set, else the local date."""
        raw = os.environ.get("QM_TODAY", "").strip()
        if not raw:
            return date.today()
        from qualitymonth.dates import parse_date

        try:
            return parse_date(raw, date.today().year, date.today())
        except QmError as exc:
            from qualitymonth.errors import UsageError

            raise UsageError("bad_env", name="QM_TODAY", detail=exc.message(self.lang)) from None

    @property
    def as_of(self) -> date:
        if not self.as_of_arg:
            return self.today
        from qualitymonth.dates import parse_date

        return parse_date(self.as_of_arg, self.loaded.year, self.today)

    def plan_path(self) -> Path:
        from qualitymonth.plan import find_plan

        return find_plan(self.plan_arg, self.cwd)

    @property
    def loaded(self) -> LoadedPlan:
        if self._loaded is None:
            from qualitymonth.plan import load_plan

            self._loaded = load_plan(self.plan_path())
            for problem in self._loaded.schedule_problems:
                _say(t("schedule_warning", self.lang, message=problem.format(self.lang)))
        return self._loaded

    def states(self) -> list[ActivityState]:
        from qualitymonth.progress import fold

        loaded = self.loaded
        return fold(loaded.plan, loaded.periods, (), self.as_of)

    # -- output

    def console(self) -> Console:
        from rich.console import Console

        return Console(file=sys.stdout, highlight=False, markup=False, emoji=False)

    def show(self, renderable: RenderableType) -> None:
        self.console().print(renderable)

    def write(self, text: str) -> None:
        """Machine formats go out as UTF-8 bytes whatever the console's code page."""
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # pragma: no cover - a text-only stream
            sys.stdout.write(text)
        else:
            buffer.write(text.encode("utf-8"))
            buffer.flush()


def _session(ctx: typer.Context) -> Session:
    obj = ctx.find_root().obj
    assert isinstance(obj, Session)
    return obj


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qm {__version__}")
        raise typer.Exit(0)


@app.callback()
def _global(
    ctx: typer.Context,
    plan: Annotated[
        str | None,
        typer.Option(
            "--plan",
            "-p",
            envvar="QM_PLAN",
            metavar="PATH",
            help="Plan file (default: the newest data/campaign-*.yaml here).",
        ),
    ] = None,
    journal: Annotated[
        str | None,
        typer.Option(
            "--journal",
            envvar="QM_JOURNAL",
            metavar="PATH",
            help="Journal file (default: <plan stem>.journal.jsonl beside the plan).",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="Show the state as of DATE (default: today)."),
    ] = None,
    lang: Annotated[
        LangChoice,
        typer.Option("--lang", envvar="QM_LANG", help="Language of labels and messages."),
    ] = LangChoice.zh,
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_version, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """qm: follow a campaign plan (质量月 and the like) from the terminal.

    Example: qm list --dept 质量科
    """
    global _lang
    _lang = lang.value
    ctx.obj = Session(plan, journal, as_of, lang.value, Path.cwd())


# ---------------------------------------------------------------------------- completion


def _complete_plan(ctx: typer.Context) -> LoadedPlan | None:
    root = ctx.find_root()
    try:
        from qualitymonth.plan import find_plan, load_plan

        plan_arg = root.params.get("plan") or os.environ.get("QM_PLAN")
        return load_plan(find_plan(plan_arg, Path.cwd()))
    except Exception:  # completion must never print a traceback into the shell
        return None


def complete_dept(ctx: typer.Context, incomplete: str) -> list[str]:
    loaded = _complete_plan(ctx)
    if loaded is None:
        return []
    return [n for n in loaded.plan.canonical() if n.startswith(incomplete)]


def complete_id(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    loaded = _complete_plan(ctx)
    if loaded is None:
        return []
    return [
        (str(a.id), a.theme) for a in loaded.plan.activities if str(a.id).startswith(incomplete)
    ]


# ---------------------------------------------------------------------------- read commands

FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
DeptOpt = Annotated[
    str | None,
    typer.Option("--dept", "-d", help="Department (lead or co-organizer; aliases work).",
                 autocompletion=complete_dept),
]  # fmt: skip


def _month(session: Session, month: str | None) -> tuple[int, int] | None:
    if month is None:
        return None
    from qualitymonth.dates import parse_month

    return parse_month(month, session.loaded.year)


@app.command("list")
def list_(
    ctx: typer.Context,
    dept: DeptOpt = None,
    role: Annotated[
        RoleChoice, typer.Option("--role", help="With --dept: as lead, as co-organizer, or either.")
    ] = RoleChoice.any,
    month: Annotated[
        str | None,
        typer.Option("--month", "-m", help="Month M of the campaign year: 9, 09, 9月 or 2023-09."),
    ] = None,
    status: Annotated[StatusChoice | None, typer.Option("--status", "-s", help="Status.")] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Text in the theme, content or remark.")
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """List the activities that match every filter.

    Example: qm list --dept 质量科 --month 9
    """
    from qualitymonth.progress import resolve_department, select

    session = _session(ctx)
    loaded = session.loaded
    month_ym = _month(session, month)
    canonical = resolve_department(loaded.plan, dept) if dept else None
    states = select(
        loaded.plan,
        session.states(),
        dept=canonical,
        role=role.value,
        month=month_ym,
        status=status.value if status else None,
        search=search,
    )
    _emit_states(session, states, fmt)


def _emit_states(session: Session, states: list[ActivityState], fmt: Format) -> None:
    from qualitymonth import render

    lang = session.lang
    if fmt is Format.json:
        session.write(render.json_text([s.as_dict() for s in states]))
    elif fmt is Format.csv:
        session.write(render.states_csv(states, lang))
    elif fmt is Format.md:
        session.write(render.states_md(states, lang))
    else:
        session.show(render.states_table(states, lang))


@app.command()
def show(
    ctx: typer.Context,
    ident: Annotated[
        int, typer.Argument(metavar="ID", help="Activity id (序号).", autocompletion=complete_id)
    ],
    fmt: FormatOpt = Format.table,
) -> None:
    """Show one activity in full, with its progress history.

    Example: qm show 5
    """
    from qualitymonth import render
    from qualitymonth.progress import find_activity

    session = _session(ctx)
    state = find_activity(session.states(), ident)
    if fmt is Format.json:
        data = state.as_dict()
        data["history"] = [e.as_dict() for e in state.history]
        session.write(render.json_text(data))
    elif fmt is Format.csv:
        session.write(render.state_csv(state, session.lang))
    elif fmt is Format.md:
        session.write(render.state_md(state, session.lang))
    else:
        session.show(render.state_panel(state, session.lang))


@app.command()
def info(ctx: typer.Context) -> None:
    """Show the campaign header, theme and slogans.

    Example: qm info
    """
    from qualitymonth import render

    session = _session(ctx)
    session.show(render.info_panel(session.loaded.plan, session.lang))


@app.command()
def depts(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """List the departments with how many activities each leads and assists.

    Example: qm depts --format csv > 部门.csv
    """
    from qualitymonth import render

    session = _session(ctx)
    plan = session.loaded.plan
    rows = render.dept_rows(plan)
    lang = session.lang
    header = [t("department", lang), t("leads", lang), t("assists", lang)]
    table_rows = [[r["department"], r["lead"], r["assist"]] for r in rows]
    if fmt is Format.json:
        session.write(render.json_text(rows))
    elif fmt is Format.csv:
        session.write(render.csv_text(header, table_rows))
    elif fmt is Format.md:
        session.write(render.md_table(header, table_rows))
    else:
        session.show(render.depts_table(plan, lang))


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None, typer.Argument(help="Plan to check (default: the plan qm would use).")
    ] = None,
) -> None:
    """Check a plan: every problem as file:line:col: message; exit 0 only if valid.

    Example: qm validate data/campaign-2024.yaml
    """
    from qualitymonth.errors import PlanError
    from qualitymonth.plan import load_plan

    session = _session(ctx)
    target = path if path is not None else session.plan_path()
    try:
        loaded = load_plan(target)
    except PlanError as exc:
        problems = sorted(exc.problems + exc.schedule_problems, key=lambda p: (p.line, p.col))
        _fail_with(problems, session.lang)
    if loaded.schedule_problems:
        _fail_with(loaded.schedule_problems, session.lang)
    typer.echo(t("plan_ok", session.lang, path=str(target), count=len(loaded.plan.activities)))


def _fail_with(problems: list[Any], lang: Lang) -> NoReturn:
    _say("\n".join(p.format(lang) for p in problems))
    raise typer.Exit(1)


def main() -> None:
    """Console-script entry point."""
    app()

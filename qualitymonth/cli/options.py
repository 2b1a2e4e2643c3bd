"""The ``qm`` app, its global options, the options commands share, and the session: the
workspace those options open, and the output pipeline a command's value goes through."""

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click.core import ParameterSource

from qualitymonth import __version__
from qualitymonth.cli.boundary import QmGroup, say, state
from qualitymonth.errors import ExitStatus
from qualitymonth.i18n import Lang, t

if TYPE_CHECKING:
    from qualitymonth.env import Environment
    from qualitymonth.errors import Problem
    from qualitymonth.plan.loaded import LoadedPlan
    from qualitymonth.workspace import Workspace

app = typer.Typer(
    cls=QmGroup,
    name="qm",
    help="qm: follow a campaign plan (质量月 and the like) from the terminal.\n\n"
    "Example: qm list --dept 质量科",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class LangChoice(StrEnum):
    zh = "zh"
    en = "en"


class Session:
    """What the global options say; the environment and the workspace they open (once,
    on demand)."""

    def __init__(
        self, plan: str | None, journal: str | None, as_of: str | None, lang: Lang
    ) -> None:
        self.plan_arg = plan
        self.journal_arg = journal
        self.as_of_arg = as_of
        self.lang: Lang = lang
        self._env: Environment | None = None
        self._workspace: Workspace | None = None

    @property
    def env(self) -> "Environment":
        if self._env is None:
            from qualitymonth.env import Environment

            self._env = Environment.from_os()._replace(lang=self.lang)
        return self._env

    def plan_path(self) -> Path:
        from qualitymonth.plan import find_plan

        return find_plan(self.plan_arg, Path("."))

    @property
    def workspace(self) -> "Workspace":
        if self._workspace is None:
            from qualitymonth.workspace import Workspace

            self._workspace = Workspace.open(
                self.plan_arg, self.journal_arg, env=self.env, on_warning=self.warn
            )
        return self._workspace

    @property
    def loaded(self) -> "LoadedPlan":
        return self.workspace.loaded

    @property
    def as_of(self) -> Any:
        return self.workspace.as_of(self.as_of_arg)

    def warn(self, problem: "Problem") -> None:
        """Say one warning the workspace passes on, in the user's language."""
        lang = self.lang
        if problem.key == "journal_more":
            say(t("journal_more", lang, path=problem.path, **problem.params))
        elif problem.key == "schedule_weekdays_only":
            say(problem.message(lang))
        elif problem.key.startswith("schedule"):
            say(t("schedule_warning", lang, message=problem.format(lang)))
        elif problem.key.startswith("date_"):
            say(problem.message(lang))
        else:
            say(t("journal_warning", lang, message=problem.format(lang)))

    def emit(
        self,
        kind: str,
        value: Any,
        fmt: str,
        output: str | None = None,
        force: bool = False,
        **options: Any,
    ) -> None:
        """Send ``value`` through the output pipeline in format ``fmt``."""
        from qualitymonth.output import Context, emit, format_for_file

        explicit = _format_given()
        fmt = format_for_file(kind, fmt, output, explicit)
        env = self.env
        ctx = Context(lang=self.lang, width=env.width, colour=env.colour, options=options)
        if fmt == "table" and env.cache_dir is not None:
            from qualitymonth.output import table

            table.memo_source = _linebreak_memo_reader(env.cache_dir / "linebreak.json")
            table.memo_known = None
        emit(kind, value, fmt, ctx, output=output, force=force, show=self.show)
        if fmt == "table":
            _store_linebreak_memo(env.cache_dir)

    def show(self, renderable: Any) -> None:
        from rich.console import Console

        Console(file=sys.stdout, highlight=False, markup=False, emoji=False).print(renderable)


def _format_given() -> bool:
    """Whether the command line says --format (or -f) itself."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    if ctx is None:
        return True
    return ctx.get_parameter_source("fmt") is not ParameterSource.DEFAULT


def _linebreak_memo_reader(path: Path) -> Callable[[], Any]:
    """Read what line breaking learnt in earlier runs (``None`` when there is nothing
    readable: a missing or damaged memo is no error)."""

    def read() -> Any:
        import json

        try:
            return json.loads(path.read_bytes())
        except (OSError, ValueError):
            return None

    return read


def _store_linebreak_memo(cache_dir: Path | None) -> None:
    """Keep what line breaking learnt, when it ran and learnt something (never an error)."""
    from qualitymonth.output import table

    if cache_dir is None or table.memo_known is None:
        return  # no cell had to be broken: line breaking never loaded
    from qualitymonth import linebreak

    if linebreak.memo_size() <= table.memo_known:
        return
    import json

    from qualitymonth.files import write_atomically

    try:
        data = json.dumps(linebreak.memo(), ensure_ascii=False, separators=(",", ":"))
        write_atomically(cache_dir / "linebreak.json", data.encode("utf-8"))
    except OSError:
        pass


def session(ctx: typer.Context, as_of: str | None = None) -> Session:
    """The session; a command's own ``--as-of`` wins over the global one."""
    obj = ctx.find_root().obj
    assert isinstance(obj, Session)
    if as_of:
        obj.as_of_arg = as_of
    return obj


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qm {__version__}")
        raise typer.Exit(0)


@app.callback(invoke_without_command=True)
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
    if ctx.get_parameter_source("lang") != ParameterSource.DEFAULT:
        state["lang"] = lang.value
    # else: the language QmGroup.main read from the command line (help and usage errors of
    # the command come later and must match it)
    ctx.obj = Session(plan, journal, as_of, state["lang"])
    if ctx.invoked_subcommand is None:  # bare qm, or global options alone: the short help
        from qualitymonth.cli.localized import short_help

        typer.echo(short_help(ctx))
        raise typer.Exit(ExitStatus.OK)


# ---------------------------------------------------------------------------- completion


def _complete_plan(ctx: typer.Context) -> "LoadedPlan | None":
    import os

    root = ctx.find_root()
    try:
        from qualitymonth.plan import find_plan, load_plan

        plan_arg = root.params.get("plan") or os.environ.get("QM_PLAN")
        return load_plan(find_plan(plan_arg, Path(".")))
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


# ---------------------------------------------------------------------------- shared options


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    docx = "docx"
    xlsx = "xlsx"
    html = "html"
    ics = "ics"


def format_opt(kind: str) -> Any:
    """``--format`` for command ``kind``, its help naming the formats that command writes."""
    from qualitymonth.output import formats_for

    names = ", ".join(formats_for(kind))
    return typer.Option("--format", "-f", help=f"Output format: {names}.", show_choices=False)


FormatOpt = Annotated[Format, format_opt("list")]
OutputOpt = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (default: stdout)."),
]
ReplaceOpt = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]
IdArg = Annotated[
    int, typer.Argument(metavar="ID", help="Activity id (序号).", autocompletion=complete_id)
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="The state as of DATE (default: today)."),
]
DeptOpt = Annotated[
    str | None,
    typer.Option("--dept", "-d", help="Department (lead or co-organizer; aliases work).",
                 autocompletion=complete_dept),
]  # fmt: skip
MonthOpt = Annotated[
    str | None,
    typer.Option("--month", "-m", help="Month M of the campaign year: 9, 09, 9月 or 2023-09."),
]

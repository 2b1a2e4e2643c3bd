"""The ``qm`` command: parse options, call the library, hand the result to ``render``.

One error boundary (:class:`QmGroup.main`) turns every :class:`~qualitymonth.errors.QmError`
and every usage error into one sentence on stderr and its exit code.  Library modules are
imported inside the commands that need them, so ``qm --help`` stays quick.

No ``from __future__ import annotations`` here: Typer reads every command's signature on each
run, and evaluating string annotations costs more than the annotations themselves.
"""

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from qualitymonth import __version__
from qualitymonth.i18n import Lang, t

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from qualitymonth.errors import Problem
    from qualitymonth.journal_index import JournalIndex
    from qualitymonth.model import Period
    from qualitymonth.plan import LoadedPlan
    from qualitymonth.progress import ActivityState, Event
    from qualitymonth.report import Report

#: Journal problems shown before "and N more".
MAX_WARNINGS = 20

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
        except typer.Exit as exc:
            code = exc.exit_code
        except typer.Abort:
            _say(t("interrupted", _lang))
            code = 1
        except KeyboardInterrupt:
            _say(t("interrupted", _lang))
            code = 130
        except Exception as exc:
            code = _failed(exc)
        if standalone_mode:
            sys.exit(code)
        return code


def _failed(exc: Exception) -> int:
    """Say what went wrong in one sentence; the exit code to end with."""
    from qualitymonth.errors import QmError  # not on the path of a run that goes well

    if isinstance(exc, QmError):
        _say(exc.message(_lang))
        return exc.exit_code
    return _unexpected(exc)


def _unexpected(exc: BaseException) -> int:
    # Typer's usage errors (its vendored click's ClickException) know their own message and
    # exit code; recognised by that shape, so qm does not depend on where typer keeps click.
    format_message = getattr(exc, "format_message", None)
    exit_code = getattr(exc, "exit_code", None)
    if callable(format_message) and isinstance(exit_code, int):
        ctx = getattr(exc, "ctx", None)
        command = ctx.command_path if ctx is not None else "qm"
        _say(t("usage", _lang, detail=format_message(), command=command))
        return exit_code
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
        self._index: JournalIndex | None = None
        self._indexed = False
        self._warned = False

    @property
    def today(self) -> date:
        """``QM_TODAY`` when set, else the local date."""
        raw = os.environ.get("QM_TODAY", "").strip()
        if not raw:
            return date.today()
        from qualitymonth.dates import parse_date
        from qualitymonth.errors import QmError, UsageError

        try:
            return parse_date(raw, date.today().year, date.today())
        except QmError as exc:
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
    def loaded(self) -> "LoadedPlan":
        if self._loaded is None:
            from qualitymonth.plan import load_plan

            self._loaded = load_plan(self.plan_path(), self.cache_dir())
            for problem in self._loaded.schedule_problems:
                _say(t("schedule_warning", self.lang, message=problem.format(self.lang)))
        return self._loaded

    @property
    def journal(self) -> Path:
        from qualitymonth.journal import journal_path

        return journal_path(self.loaded.path, self.journal_arg)

    def cache_dir(self) -> Path | None:
        from qualitymonth.cache import default_cache_dir

        return default_cache_dir(os.environ, Path.home())

    def events(self, only: "Iterable[int] | None" = None) -> "Iterator[Event]":
        """Stream the journal's good events (of ``only`` those activities); its bad lines are
        reported on stderr, once, when the stream ends."""
        from qualitymonth.journal import iter_events

        problems: list[Problem] = []
        known = (a.id for a in self.loaded.plan.activities)
        yield from iter_events(self.journal, known, problems, only)
        self._warn(problems, len(problems))

    def _warn(self, problems: "list[Problem]", count: int) -> None:
        """Say what is wrong with the journal's lines, once: the first few, then how many more."""
        if self._warned or not count:
            return
        self._warned = True
        for problem in problems[:MAX_WARNINGS]:
            _say(t("journal_warning", self.lang, message=problem.format(self.lang)))
        if count > MAX_WARNINGS:
            more = count - MAX_WARNINGS
            _say(t("journal_more", self.lang, path=str(self.journal), count=more))

    def index(self, as_of: date) -> "JournalIndex | None":
        """The journal's index, when it can answer as of ``as_of``, else ``None``.

        Only for as-of dates from today on: an earlier date usually needs events the index
        does not keep, and the journal is then read once, in full, instead of twice.
        """
        if as_of < self.today:
            return None
        if not self._indexed:
            self._indexed = True
            cache_dir = self.cache_dir()
            if cache_dir is not None and _usable(cache_dir):
                from qualitymonth.journal_index import load_index

                known = (a.id for a in self.loaded.plan.activities)
                self._index = load_index(self.journal, known, cache_dir)
            if self._index is not None:
                self._warn(self._index.problems, self._index.problem_count)
        index = self._index
        return index if index is not None and index.answers(as_of) else None

    def states(
        self,
        as_of: date | None = None,
        keep: "Callable[[Event], bool] | None" = None,
        only: "Iterable[int] | None" = None,
    ) -> "list[ActivityState]":
        """Every activity folded as of ``as_of`` (of ``only`` those, when given): from the
        journal's index when it answers and no history is asked for, else in one pass over
        the journal."""
        from qualitymonth.journal_index import StaleIndex
        from qualitymonth.progress import fold, states_from

        loaded = self.loaded
        day = as_of or self.as_of
        index = self.index(day) if keep is None else None
        if index is not None:
            try:
                latest = index.latest_of(only)
            except StaleIndex:  # a damaged cache entry: read the journal instead
                self._index = None
            else:
                return states_from(loaded.plan, loaded.periods, latest, day, only=only)
        states = fold(loaded.plan, loaded.periods, self.events(only), day, keep)
        if only is None:
            return states
        wanted = set(only)
        return [s for s in states if s.activity.id in wanted]

    # -- output

    def console(self) -> "Console":
        from rich.console import Console

        return Console(file=sys.stdout, highlight=False, markup=False, emoji=False)

    def show(self, renderable: "RenderableType") -> None:
        self.console().print(renderable)

    def emit(
        self,
        fmt: "Format",
        *,
        data: Callable[[], Any],
        csv: Callable[[], str],
        md: Callable[[], str],
        table: Callable[[], "RenderableType | str"],
    ) -> None:
        """Render in the chosen format; only that format's renderer runs.  JSON is written
        as it is produced; a table that comes back as text is written as it is."""
        if fmt is Format.json:
            from qualitymonth.render import json_chunks

            self.write(json_chunks(data()))
        elif fmt is Format.csv:
            self.write(csv())
        elif fmt is Format.md:
            self.write(md())
        else:
            drawn = table()
            if isinstance(drawn, str):
                self.write(drawn)
            else:
                self.show(drawn)

    def write(self, text: str | Iterable[str | bytes]) -> None:
        """Machine formats go out as UTF-8 bytes whatever the console's code page; an
        iterable of pieces (text, or UTF-8 already) is written in chunks of 64 KiB, so that
        60,000 small pieces are not 60,000 system calls on an unbuffered stdout."""
        sys.stdout.flush()
        pieces = [text] if isinstance(text, str) else text
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # pragma: no cover - a text-only stream
            for piece in pieces:
                sys.stdout.write(piece if isinstance(piece, str) else piece.decode())
            sys.stdout.flush()
            return
        chunk: list[bytes] = []
        size = 0
        for piece in pieces:
            data = piece if isinstance(piece, bytes) else piece.encode("utf-8")
            chunk.append(data)
            size += len(data)
            if size >= 1 << 16:
                buffer.write(b"".join(chunk))
                chunk, size = [], 0
        buffer.write(b"".join(chunk))
        buffer.flush()


def _usable(folder: Path) -> bool:
    """Whether qm may keep a cache in ``folder``: an index that cannot be stored would only
    cost each run its building."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK | os.X_OK)


def _session(ctx: typer.Context, as_of: str | None = None) -> Session:
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
    # A relative folder keeps the paths in messages as short as the clerk typed them.
    ctx.obj = Session(plan, journal, as_of, lang.value, Path("."))


# ---------------------------------------------------------------------------- completion


def _complete_plan(ctx: typer.Context) -> "LoadedPlan | None":
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


# ---------------------------------------------------------------------------- read commands

FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
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
        str | None, typer.Option("--search", help="Text anywhere in the activity's row.")
    ] = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """List the activities that match every filter.

    Example: qm list --dept 质量科 --month 9
    """
    from qualitymonth.progress import resolve_department, select

    session = _session(ctx, as_of)
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


def _emit_states(session: Session, states: "list[ActivityState]", fmt: Format) -> None:
    from qualitymonth import render

    lang = session.lang

    session.emit(
        fmt,
        data=lambda: (s.as_dict() for s in states),
        csv=lambda: render.states_csv(states, lang),
        md=lambda: render.states_md(states, lang),
        table=lambda: render.list_table(states, lang, *_terminal()),
    )


def _terminal() -> tuple[int, bool]:
    """The terminal's width (``COLUMNS`` wins; 80 in a pipe) and whether to colour: on a
    terminal, unless ``NO_COLOR`` or ``TERM=dumb``; always with ``FORCE_COLOR``.  On Windows
    only where the console is known to read colour codes (Windows Terminal, ``TERM``)."""
    import shutil

    width = shutil.get_terminal_size((80, 24)).columns
    env = os.environ
    if env.get("FORCE_COLOR"):
        return width, True
    tty = sys.stdout.isatty() and not env.get("NO_COLOR") and env.get("TERM") != "dumb"
    if sys.platform == "win32":
        tty = tty and bool(env.get("WT_SESSION") or env.get("TERM"))
    return width, tty


@app.command()
def show(
    ctx: typer.Context,
    ident: IdArg,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Show one activity in full, with its progress history.

    Example: qm show 5
    """
    from qualitymonth import render
    from qualitymonth.progress import find_activity

    session = _session(ctx, as_of)
    state = find_activity(session.states(keep=lambda e: e.activity == ident), ident)
    lang = session.lang
    session.emit(
        fmt,
        data=lambda: {**state.as_dict(), "history": [e.as_dict() for e in state.history]},
        csv=lambda: render.state_csv(state, lang),
        md=lambda: render.state_md(state, lang),
        table=lambda: render.state_panel(state, lang),
    )


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
    session.emit(
        fmt,
        data=lambda: rows,
        csv=lambda: render.csv_text(header, table_rows),
        md=lambda: render.md_table(header, table_rows),
        table=lambda: render.depts_table(plan, lang),
    )


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


@app.command()
def log(
    ctx: typer.Context,
    ident: Annotated[
        int | None,
        typer.Argument(metavar="[ID]", help="Only this activity.", autocompletion=complete_id),
    ] = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Show the journal, newest last (events dated up to --as-of).

    Example: qm log 5
    """
    from qualitymonth import render
    from qualitymonth.progress import require_activity

    session = _session(ctx, as_of)
    day = session.as_of
    if ident is not None:
        require_activity(session.loaded.plan, ident)  # an unknown id is an error
    unique: dict[str, Event] = {}  # a line merged in twice is one event
    for e in session.events():
        if e.date <= day and ident in (None, e.activity):
            unique.setdefault(e.event, e)
    events = sorted(unique.values(), key=lambda e: e.order)
    lang = session.lang
    session.emit(
        fmt,
        data=lambda: (e.as_dict() for e in events),
        csv=lambda: render.csv_text(render.event_header(lang), render.event_rows(events, lang)),
        md=lambda: render.md_table(render.event_header(lang), render.event_rows(events, lang)),
        table=lambda: render.events_table(events, lang),
    )


# ---------------------------------------------------------------------------- summaries

MonthOpt = Annotated[
    str | None,
    typer.Option("--month", "-m", help="Month M of the campaign year: 9, 09, 9月 or 2023-09."),
]


@app.command()
def report(
    ctx: typer.Context,
    month: MonthOpt = None,
    dept: DeptOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """The summary to submit: totals, per lead department, per month, overdue, notes.

    Example: qm report --month 9 --format md > 质量月总结.md
    """
    from qualitymonth import report_view
    from qualitymonth.progress import resolve_department
    from qualitymonth.report import build_report

    session = _session(ctx, as_of)
    loaded = session.loaded
    month_ym = _month(session, month)
    canonical = resolve_department(loaded.plan, dept) if dept else None
    day = session.as_of
    from qualitymonth.model import month_period

    window = month_period(*month_ym) if month_ym else None
    summary = _report_from_index(session, fmt, day, month_ym, canonical, window)
    if summary is None:

        def noted(e: "Event") -> bool:  # the report lists the notes of its period only
            return bool(e.note) and (window is None or window.start <= e.date <= window.end)

        states = session.states(keep=noted)
        summary = build_report(loaded.plan, states, day, month=month_ym, dept=canonical)
    report = summary
    lang = session.lang
    session.emit(
        fmt,
        data=lambda: report.as_dict(stream=True),
        csv=lambda: report_view.report_csv(report, lang),
        md=lambda: report_view.report_md(report, lang),
        table=lambda: report_view.report_table(report, lang),
    )


def _report_from_index(
    session: Session,
    fmt: Format,
    day: date,
    month: tuple[int, int] | None,
    dept: str | None,
    window: "Period | None",
) -> "Report | None":
    """The report, its notes read from where the journal's index says they are (in JSON,
    copied out line by line); ``None`` when the index cannot answer."""
    from dataclasses import replace

    from qualitymonth.journal_index import StaleIndex
    from qualitymonth.report import build_report

    index = session.index(day)
    if index is None:
        return None
    loaded = session.loaded
    summary = build_report(loaded.plan, session.states(day), day, month=month, dept=dept)
    try:
        chosen = index.notes_of(
            (s.activity.id for s in summary.states),
            window.start if window else None,
            window.end if window else None,
        )
        if fmt is Format.json:
            from qualitymonth.render import JsonArray

            texts = JsonArray(_checked(index.note_texts(chosen), index.path))
            return replace(summary, note_json=texts)
        events = index.note_events(chosen)
    except StaleIndex:
        return None
    noted = [(s, list(events[s.activity.id])) for s in summary.states if s.activity.id in events]
    return replace(summary, notes=noted)


def _checked(pieces: "Iterator[bytes]", path: Path) -> "Iterator[bytes]":
    """``pieces``; a journal rewritten while they stream out is a data error, not a crash."""
    from qualitymonth.errors import DataError
    from qualitymonth.journal_index import StaleIndex

    try:
        yield from pieces
    except StaleIndex:
        raise DataError("journal_changed", path=str(path)) from None


@app.command()
def timeline(
    ctx: typer.Context,
    dept: DeptOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """A month-by-month chart of the activities, by status, with a marker on the as-of date.

    Example: qm timeline --dept 消保科
    """
    from qualitymonth import report_view
    from qualitymonth.progress import resolve_department, select

    session = _session(ctx, as_of)
    loaded = session.loaded
    canonical = resolve_department(loaded.plan, dept) if dept else None
    states = select(loaded.plan, session.states(), dept=canonical)
    console = session.console()
    console.print(report_view.timeline(states, session.as_of, session.lang, console.width))


@app.command()
def agenda(
    ctx: typer.Context,
    days: Annotated[int, typer.Option("--days", min=0, max=366, help="How far ahead to look.")] = 7,
    dept: DeptOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """The daily view: what is overdue, what ends and what starts within N days.

    Example: qm agenda --days 14 --dept 质量科
    """
    from qualitymonth import report_view
    from qualitymonth.progress import resolve_department
    from qualitymonth.report import agenda as build_agenda

    session = _session(ctx, as_of)
    loaded = session.loaded
    canonical = resolve_department(loaded.plan, dept) if dept else None
    day = session.as_of
    sections = build_agenda(loaded.plan, session.states(), day, days, canonical)
    lang = session.lang
    from qualitymonth import render

    def data() -> dict[str, Any]:
        out: dict[str, Any] = {"as_of": day.isoformat(), "days": days}
        return out | {k: [s.as_dict() for s in v] for k, v in sections.items()}

    header = [t("agenda_section", lang), *(t(f, lang) for f in render.FULL_FIELDS)]
    rows = [
        [t(f"agenda_{key}_short", lang), *render.state_row(s, lang)]
        for key, states in sections.items()
        for s in states
    ]
    session.emit(
        fmt,
        data=data,
        csv=lambda: render.csv_text(header, rows),
        md=lambda: render.md_table(header, rows),
        table=lambda: report_view.agenda_table(sections, day, days, lang),
    )


# ---------------------------------------------------------------------------- import


class ImportFormat(StrEnum):
    yaml = "yaml"
    json = "json"


@app.command("import")
def import_(
    ctx: typer.Context,
    source: Annotated[
        Path, typer.Argument(metavar="TABLE", help="CSV, TSV, text, .xlsx or .docx.")
    ],
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="OUT", help="Plan to write; - for stdout."),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", min=1900, max=2200, help="Campaign year.")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Campaign name.")] = None,
    issuer: Annotated[str, typer.Option("--issuer", help="Issuing office.")] = "",
    doc_no: Annotated[str, typer.Option("--doc-no", help="Document number.")] = "",
    issued: Annotated[
        str | None, typer.Option("--issued", metavar="DATE", help="Issue date.")
    ] = None,
    table: Annotated[
        int | None, typer.Option("--table", min=1, help="Which table (.docx) or sheet (.xlsx).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
    fmt: Annotated[
        ImportFormat, typer.Option("--format", "-f", help="yaml or json.")
    ] = ImportFormat.yaml,
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="COLUMN=FIELD",
            help="Read a column qm does not know as a field (repeatable): --map 主责处室=lead.",
        ),
    ] = None,
) -> None:
    """Turn a copy of the notice's activity table into a plan that qm validate accepts.

    Example: qm import 附件2.xlsx -o data/campaign-2024.yaml --year 2024
    """
    from qualitymonth import importer
    from qualitymonth.dates import parse_date
    from qualitymonth.errors import DataError, UsageError
    from qualitymonth.render import json_text

    session = _session(ctx)
    lang = session.lang
    today = session.today
    day = parse_date(issued, year or today.year, today) if issued else None
    imported = importer.import_table(
        source,
        year=year,
        name=name,
        issuer=issuer,
        doc_no=doc_no,
        issued=day,
        table=table,
        mapping=mapping or [],
    )
    errors = importer.check(imported)
    if errors:
        _fail_with(errors, lang)
    warnings = imported.warnings + importer.schedule_warnings(imported)
    if fmt is ImportFormat.json and output in (None, "-"):
        session.write(json_text(importer.plan_json(imported)))
    elif output is None:
        raise UsageError("import_needs_output")
    else:
        text = importer.plan_yaml(imported)
        from qualitymonth.validate import parse_plan

        parse_plan(text, Path(output))  # a safety net: what qm writes, qm must accept
        if output == "-":
            session.write(text)
        else:
            target = Path(output)
            if target.exists() and not force:
                raise DataError("import_exists", path=output)
            _write_new(
                target,
                text if fmt is ImportFormat.yaml else json_text(importer.plan_json(imported)),
            )
            count = len(imported.data["activities"])
            typer.echo(t("import_written", lang, path=output, count=count))
    for w in warnings:
        _say(t("journal_warning", lang, message=w.format(lang)))


def _write_new(target: Path, text: str) -> None:
    """Write ``text`` whole or not at all."""
    from qualitymonth.errors import DataError
    from qualitymonth.files import write_atomically

    try:
        write_atomically(target, text.encode("utf-8"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DataError("file_unreadable", path=str(target), reason=reason) from None


# ---------------------------------------------------------------------------- write commands

IdsArg = Annotated[
    list[int],
    typer.Argument(metavar="ID...", help="Activity ids (序号).", autocompletion=complete_id),
]
NoteOpt = Annotated[str | None, typer.Option("--note", "-n", help="What happened, in a sentence.")]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="When it happened (default today): 2023-09-28, 9/28, 9月28日, yesterday, 昨天.",
    ),
]
ByOpt = Annotated[
    str | None, typer.Option("--by", help="Who records it (default: QM_USER, else your login).")
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Record it even if it repeats the state.")]


def _by(given: str | None) -> str:
    if given and given.strip():
        return given.strip()
    env = os.environ.get("QM_USER", "").strip()
    if env:
        return env
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (a bare container, a service)
        return ""


def _record(
    ctx: typer.Context,
    ids: list[int],
    action: str,
    *,
    note: str | None,
    when_text: str | None,
    by: str | None,
    force: bool = False,
    percent: int | None = None,
) -> None:
    """Check everything first, then write one event per id: all of them, or none."""
    from datetime import datetime

    from qualitymonth.dates import parse_date
    from qualitymonth.errors import DataError, UsageError
    from qualitymonth.journal import MAX_NOTE_CHARS, append_events, new_event
    from qualitymonth.progress import Status, find_activity, require_activity

    session = _session(ctx)
    loaded = session.loaded
    today = session.today
    when = parse_date(when_text, loaded.year, today) if when_text else today
    if when > today:
        raise UsageError("date_in_future", date=when.isoformat(), today=today.isoformat())
    issued = loaded.plan.campaign.issued
    first_year = min(loaded.year, issued.year) if issued else loaded.year
    if not first_year <= when.year <= loaded.year + 1:
        raise UsageError(
            "date_out_of_reach", date=when.isoformat(), first=first_year, last=loaded.year + 1
        )
    if note is not None:
        note = note.strip()
        if len(note) > MAX_NOTE_CHARS:
            raise UsageError("note_too_long", count=len(note), limit=MAX_NOTE_CHARS)
        if action == "note" and not note:
            raise UsageError("note_empty")
    for i in ids:
        require_activity(loaded.plan, i)
    states = session.states(as_of=max(today, session.as_of), only=ids)
    chosen = [find_activity(states, i) for i in dict.fromkeys(ids)]
    if not force:
        for s in chosen:
            done = s.status is Status.DONE
            if action == "done" and done:
                day = s.done_on.isoformat() if s.done_on else ""
                raise DataError("already_done", id=s.activity.id, date=day)
            if action in ("start", "progress") and done:
                raise DataError("start_done", id=s.activity.id)
            if action == "reopen" and not done:
                raise DataError("reopen_not_done", id=s.activity.id)
    now = datetime.now().astimezone()
    who = _by(by)
    events = [
        new_event(s.activity.id, action, when, by=who, now=now, percent=percent, note=note or None)
        for s in chosen
    ]
    append_events(session.journal, events)
    lang = session.lang
    for s in chosen:
        label = t(f"action_{action}", lang) + (f" {percent}%" if percent is not None else "")
        theme = s.activity.theme
        typer.echo(t("recorded", lang, id=s.activity.id, theme=theme, action=label, date=when))


def _status_command(action: str, doc: str) -> None:
    """Register ``qm ACTION ID…``: done, start and reopen take the same options."""

    def command(
        ctx: typer.Context,
        ids: IdsArg,
        note: NoteOpt = None,
        when: DateOpt = None,
        by: ByOpt = None,
        force: ForceOpt = False,
    ) -> None:
        _record(ctx, ids, action, note=note, when_text=when, by=by, force=force)

    command.__doc__ = doc
    app.command(action)(command)


_status_command(
    "done",
    """Mark activities done.

    Example: qm done 5 --note "完成检验检测机构抽查 12 家"
    """,
)
_status_command(
    "start",
    """Mark activities started (in progress).

    Example: qm start 2 3 --date 9/18
    """,
)
_status_command(
    "reopen",
    """Reopen done activities (back to in progress).

    Example: qm reopen 5 --note "抽查报告需补充"
    """,
)


@app.command()
def progress(
    ctx: typer.Context,
    ident: IdArg,
    percent: Annotated[int, typer.Argument(metavar="PERCENT", help="0 to 100.")],
    note: NoteOpt = None,
    when: DateOpt = None,
    by: ByOpt = None,
    force: ForceOpt = False,
) -> None:
    """Record how far an activity has got (100 means done).

    Example: qm progress 11 40 --note "已抽检 8 批次"
    """
    from qualitymonth.errors import UsageError

    if not 0 <= percent <= 100:
        raise UsageError("bad_percent", value=percent)
    _record(
        ctx, [ident], "progress", note=note, when_text=when, by=by, force=force, percent=percent
    )


@app.command()
def note(
    ctx: typer.Context,
    ident: IdArg,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    when: DateOpt = None,
    by: ByOpt = None,
) -> None:
    """Add a note to an activity without changing its status.

    Example: qm note 10 "9月受理投诉 35 件"
    """
    _record(ctx, [ident], "note", note=text, when_text=when, by=by)


def main() -> NoReturn:
    """Console-script entry point: run qm, say everything, and end the process at once.

    A run over 10,000 activities leaves a large heap behind, and Python's teardown frees it
    object by object: about 90 ms nobody waits for usefully.  Nothing of qm's is pending by
    then: journal lines went out with ``os.write`` and ``fsync``, cache files were renamed
    into place and locks released inside the command, and stdout and stderr are flushed
    here.  So the process ends with ``os._exit`` and the exit code the command chose.
    """
    try:
        app()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):  # sys.exit("message")
        sys.stderr.write(f"{code}\n")
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (qm list | head): nothing more can be said
        code = code or 1
    os._exit(code or 0)

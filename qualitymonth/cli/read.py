"""The read commands: list, show, info, depts, validate, log."""

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated

import typer

from qualitymonth.cli.boundary import fail_with
from qualitymonth.cli.options import (
    AsOfOpt,
    DeptOpt,
    Format,
    IdArg,
    MonthOpt,
    OutputOpt,
    ReplaceOpt,
    app,
    complete_id,
    format_opt,
    session,
)
from qualitymonth.cli.values import ROLES, STATUSES, choice
from qualitymonth.i18n import t


def _complete(table: Mapping[str, str]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [k for k in table if k.startswith(incomplete)]

    return complete


@app.command("list")
def list_(
    ctx: typer.Context,
    dept: DeptOpt = None,
    role: Annotated[
        str,
        typer.Option(
            "--role",
            metavar="ROLE",
            help="With --dept: lead (牵头), assist (协办) or any (全部).",
            autocompletion=_complete(ROLES),
        ),
    ] = "any",
    month: MonthOpt = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            "-s",
            metavar="STATUS",
            help="todo (未开始), doing (进行中), done (已完成), overdue (逾期) or late (逾期完成).",
            autocompletion=_complete(STATUSES),
        ),
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Text anywhere in the activity's row.")
    ] = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[Format, format_opt("list")] = Format.table,
    output: OutputOpt = None,
    force: ReplaceOpt = False,
) -> None:
    """List the activities that match every filter.

    Example: qm list --dept 质量科 --month 9
    """
    from qualitymonth.output import Listing

    s = session(ctx, as_of)
    ws = s.workspace
    day = s.as_of
    chosen = choice(status, STATUSES, "--status") if status else None
    states = ws.select(
        dept=dept,
        role=choice(role, ROLES, "--role"),
        month=month,
        status=chosen,
        search=search,
        as_of=day,
    )
    s.emit("list", Listing(ws.plan, day, states), fmt.value, output, force)


@app.command()
def show(
    ctx: typer.Context,
    ident: IdArg,
    as_of: AsOfOpt = None,
    fmt: Annotated[Format, format_opt("show")] = Format.table,
    output: OutputOpt = None,
    force: ReplaceOpt = False,
) -> None:
    """Show one activity in full, with its progress history.

    Example: qm show 5
    """
    s = session(ctx, as_of)
    s.emit("show", s.workspace.activity(ident, s.as_of), fmt.value, output, force)


@app.command()
def info(ctx: typer.Context) -> None:
    """Show the campaign header, theme and slogans.

    Example: qm info
    """
    s = session(ctx)
    s.emit("info", s.workspace.plan, "table")


@app.command()
def depts(
    ctx: typer.Context,
    fmt: Annotated[Format, format_opt("depts")] = Format.table,
    output: OutputOpt = None,
    force: ReplaceOpt = False,
) -> None:
    """List the departments with how many activities each leads and assists.

    Example: qm depts --format csv > 部门.csv
    """
    s = session(ctx)
    s.emit("depts", s.workspace.plan, fmt.value, output, force)


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

    s = session(ctx)
    target = path if path is not None else s.plan_path()
    try:
        loaded = load_plan(target)
    except PlanError as exc:
        problems = sorted(exc.problems + exc.schedule_problems, key=lambda p: (p.line, p.col))
        fail_with(problems, s.lang)
    if loaded.schedule_problems:
        fail_with(loaded.schedule_problems, s.lang)
    typer.echo(t("plan_ok", s.lang, path=str(target), count=len(loaded.plan.activities)))


@app.command()
def log(
    ctx: typer.Context,
    ident: Annotated[
        int | None,
        typer.Argument(metavar="[ID]", help="Only this activity.", autocompletion=complete_id),
    ] = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[Format, format_opt("log")] = Format.table,
    output: OutputOpt = None,
    force: ReplaceOpt = False,
) -> None:
    """Show the journal, newest last (events dated up to --as-of).

    Example: qm log 5
    """
    s = session(ctx, as_of)
    s.emit("log", s.workspace.journal_events(ident, s.as_of), fmt.value, output, force)

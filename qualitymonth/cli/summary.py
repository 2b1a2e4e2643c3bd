"""The summaries: report, timeline, agenda."""

from typing import Annotated

import typer

from qualitymonth.cli.options import (
    AsOfOpt,
    DeptOpt,
    Format,
    MonthOpt,
    OutputOpt,
    ReplaceOpt,
    app,
    format_opt,
    session,
)


@app.command()
def report(
    ctx: typer.Context,
    month: MonthOpt = None,
    dept: DeptOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[Format, format_opt("report")] = Format.table,
    output: OutputOpt = None,
    force: ReplaceOpt = False,
) -> None:
    """The summary to submit: totals, per lead department, per month, overdue, notes.

    Example: qm report --month 9 --format md > 质量月总结.md
    """
    s = session(ctx, as_of)
    value = s.workspace.build_report(month, dept, s.as_of, raw_notes=fmt is Format.json)
    s.emit("report", value, fmt.value, output, force)


@app.command()
def timeline(
    ctx: typer.Context,
    dept: DeptOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """A month-by-month chart of the activities, by status, with a marker on the as-of date.

    Example: qm timeline --dept 消保科
    """
    from qualitymonth.output import Listing

    s = session(ctx, as_of)
    ws = s.workspace
    day = s.as_of
    s.emit("timeline", Listing(ws.plan, day, ws.select(dept=dept, as_of=day)), "table")


@app.command()
def agenda(
    ctx: typer.Context,
    days: Annotated[int, typer.Option("--days", min=0, max=366, help="How far ahead to look.")] = 7,
    dept: DeptOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[Format, format_opt("agenda")] = Format.table,
    output: OutputOpt = None,
    force: ReplaceOpt = False,
) -> None:
    """The daily view: what is overdue, what ends and what starts within N days.

    Example: qm agenda --days 14 --dept 质量科
    """
    s = session(ctx, as_of)
    s.emit("agenda", s.workspace.build_agenda(days, dept, s.as_of), fmt.value, output, force)

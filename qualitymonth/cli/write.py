"""The write commands: done, start, reopen, progress, note.  Each is one
:meth:`~qualitymonth.workspace.Workspace.record_events` call."""

from typing import Annotated

import typer

from qualitymonth.cli import values
from qualitymonth.cli.boundary import say
from qualitymonth.cli.options import IdArg, app, complete_id, session
from qualitymonth.i18n import t

IdsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="ID...", help="Activity ids (序号): 5 6, or 5,6.", autocompletion=complete_id
    ),
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


def record(
    ctx: typer.Context,
    ids: list[int],
    action: str,
    *,
    note: str | None,
    when: str | None,
    by: str | None,
    force: bool = False,
    percent: int | None = None,
) -> None:
    """Record ``action`` for ``ids`` (all of them, or none) and say what was recorded."""
    s = session(ctx)
    ws = s.workspace
    lang = s.lang
    if note is not None:
        note = note.strip()
    written = ws.record_events(
        ids,
        action,
        when=when,
        note=note if note or action == "note" else None,
        percent=percent,
        by=(by or "").strip(),
        force=force,
        on_wait=lambda: say(t("journal_waiting", lang, path=str(ws.journal))),
    )
    for e in written.events:
        label = t(f"action_{action}", lang) + (f" {percent}%" if percent is not None else "")
        activity = ws.plan.activity(e.activity)
        theme = activity.theme if activity else ""
        typer.echo(t("recorded", lang, id=e.activity, theme=theme, action=label, date=e.date))


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
        record(ctx, values.ids(ids), action, note=note, when=when, by=by, force=force)

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
    percent: Annotated[str, typer.Argument(metavar="PERCENT", help="0 to 100 (50 or 50%).")],
    note: NoteOpt = None,
    when: DateOpt = None,
    by: ByOpt = None,
    force: ForceOpt = False,
) -> None:
    """Record how far an activity has got (100 means done).

    Example: qm progress 11 40 --note "已抽检 8 批次"
    """
    share = values.percent(percent)
    record(ctx, [ident], "progress", note=note, when=when, by=by, force=force, percent=share)


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
    record(ctx, [ident], "note", note=text, when=when, by=by)

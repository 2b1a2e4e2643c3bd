"""Progress forms: qm form (one .xlsx per department, to fill in Excel or WPS) and qm collect
(read the filled forms back into the journal)."""

from pathlib import Path
from typing import Annotated

import typer

from qualitymonth.cli.boundary import say
from qualitymonth.cli.options import AsOfOpt, DeptOpt, ReplaceOpt, app, session
from qualitymonth.errors import ExitStatus
from qualitymonth.i18n import t


@app.command()
def form(
    ctx: typer.Context,
    dept: DeptOpt = None,
    every: Annotated[
        bool, typer.Option("--all", help="One form per department, into the folder -o names.")
    ] = False,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="The form (.xlsx), or with --all a folder."
        ),
    ] = None,
    force: ReplaceOpt = False,
    as_of: AsOfOpt = None,
) -> None:
    """Write the progress form (进展填报表) of a department, to fill in Excel or WPS.

    Example: qm form --dept 质量科 -o 进展-质量科.xlsx    (or: qm form --all -o 填报表/)
    """
    from qualitymonth.errors import UsageError
    from qualitymonth.forms.layout import form_filename
    from qualitymonth.forms.write import render_form
    from qualitymonth.output import write_file

    s = session(ctx, as_of)
    if output is None or output == "-":
        raise UsageError("binary_needs_output", format="xlsx", suffix=".xlsx")
    if every == (dept is not None):
        raise UsageError("form_dept_or_all")
    docs = s.workspace.form_documents(dept, s.as_of)
    if not every and Path(output).suffix.lower() != ".xlsx":
        raise UsageError("form_needs_xlsx", path=output)
    if every:
        folder = Path(output)
        targets = [folder / form_filename(d["department"]) for d in docs]
    else:
        targets = [Path(output)]
    for target, doc in zip(targets, docs, strict=True):
        write_file(target, render_form(doc, {}), force=force)
        count = len(doc["activities"])
        typer.echo(t("form_written", s.lang, path=str(target), dept=doc["department"], count=count))


@app.command()
def collect(
    ctx: typer.Context,
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Filled progress forms (.xlsx).")
    ],
) -> None:
    """Read filled progress forms and record what they report (each file all or nothing;
    a form collected twice adds nothing).

    Example: qm collect 收到的表/*.xlsx
    """
    from qualitymonth.forms.collect import problem_lines, summary_lines
    from qualitymonth.porcelain import activity_json

    s = session(ctx)
    ws = s.workspace
    lang = s.lang
    result = ws.collect(
        files, on_wait=lambda: say(t("journal_waiting", lang, path=str(ws.journal)))
    )
    activities = [activity_json(st) for st in ws.activity_states()]
    for line in summary_lines(result, activities, lang):
        typer.echo(line)
    problems = problem_lines(result, lang)
    if problems:
        say("\n".join(problems))
    if result.refused:
        raise typer.Exit(ExitStatus.DATA)

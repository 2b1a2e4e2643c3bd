"""Plans: import a table into a plan."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from qualitymonth.cli.boundary import fail_with, say
from qualitymonth.cli.options import app, session
from qualitymonth.i18n import t


class ImportFormat(StrEnum):
    yaml = "yaml"
    json = "json"


SourceArg = Annotated[Path, typer.Argument(metavar="TABLE", help="CSV, TSV, text, .xlsx or .docx.")]
OutOpt = Annotated[
    str | None, typer.Option("--output", "-o", metavar="OUT", help="Plan to write; - for stdout.")
]
YearOpt = Annotated[int | None, typer.Option("--year", min=1900, max=2200, help="Campaign year.")]
NameOpt = Annotated[str | None, typer.Option("--name", help="Campaign name.")]
IssuerOpt = Annotated[str, typer.Option("--issuer", help="Issuing office.")]
DocNoOpt = Annotated[str, typer.Option("--doc-no", help="Document number.")]
IssuedOpt = Annotated[str | None, typer.Option("--issued", metavar="DATE", help="Issue date.")]
TableOpt = Annotated[
    int | None, typer.Option("--table", min=1, help="Which table (.docx) or sheet (.xlsx).")
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")]
ImportFormatOpt = Annotated[ImportFormat, typer.Option("--format", "-f", help="yaml or json.")]
MapOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        metavar="COLUMN=FIELD",
        help="Read a column qm does not know as a field (repeatable): --map 主责处室=lead.",
    ),
]


@app.command("import")
def import_(
    ctx: typer.Context,
    source: SourceArg,
    output: OutOpt = None,
    year: YearOpt = None,
    name: NameOpt = None,
    issuer: IssuerOpt = "",
    doc_no: DocNoOpt = "",
    issued: IssuedOpt = None,
    table: TableOpt = None,
    force: ForceOpt = False,
    fmt: ImportFormatOpt = ImportFormat.yaml,
    mapping: MapOpt = None,
) -> None:
    """Turn a copy of the notice's activity table into a plan that qm validate accepts.

    Example: qm import 附件2.xlsx -o data/campaign-2024.yaml --year 2024
    """
    from qualitymonth import importer
    from qualitymonth.dates import parse_date
    from qualitymonth.output import write_stdout
    from qualitymonth.output.json import json_text

    s = session(ctx)
    lang = s.lang
    today = s.env.today
    day = parse_date(issued, today) if issued else None
    done = importer.run(
        source,
        output,
        as_json=fmt is ImportFormat.json,
        json_text=json_text,
        force=force,
        year=year,
        name=name,
        issuer=issuer,
        doc_no=doc_no,
        issued=day,
        table=table,
        mapping=mapping or [],
    )
    if done.problems:
        fail_with(done.problems, lang)
    if done.stdout is not None:
        write_stdout(done.stdout)
    if done.written is not None:
        typer.echo(t("import_written", lang, path=output, count=done.count))
    for w in done.warnings:
        say(t("journal_warning", lang, message=w.format(lang)))

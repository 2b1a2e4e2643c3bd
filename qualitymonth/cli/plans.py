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
    from qualitymonth.output import write_stdout
    from qualitymonth.output.json import json_text

    s = session(ctx)
    lang = s.lang
    today = s.env.today
    day = parse_date(issued, today) if issued else None
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
        fail_with(errors, lang)
    warnings = imported.warnings + importer.schedule_warnings(imported)
    if fmt is ImportFormat.json and output in (None, "-"):
        write_stdout(json_text(importer.plan_json(imported)))
    elif output is None:
        raise UsageError("import_needs_output")
    else:
        text = importer.plan_yaml(imported)
        from qualitymonth.plan.validate import parse_plan

        parse_plan(text, Path(output))  # a safety net: what qm writes, qm must accept
        if output == "-":
            write_stdout(text)
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
        say(t("journal_warning", lang, message=w.format(lang)))


def _write_new(target: Path, text: str) -> None:
    """Write ``text`` whole or not at all."""
    from qualitymonth.errors import DataError
    from qualitymonth.files import write_atomically

    try:
        write_atomically(target, text.encode("utf-8"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DataError("file_unreadable", path=str(target), reason=reason) from None

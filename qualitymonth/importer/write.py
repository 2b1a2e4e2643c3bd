"""Import a table and write the plan: the whole of ``qm import`` but its options and its
messages.  The plan is checked, and its YAML read back by the plan reader, before anything is
written; a file is written whole or not at all and never replaces one unless told to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from qualitymonth.errors import DataError, Problem, UsageError
from qualitymonth.importer.build import Imported


@dataclass(frozen=True)
class Outcome:
    """What :func:`run` did.  ``problems``: why the plan was refused (then nothing else was
    done); ``stdout``: the plan, when it goes to standard output (for the caller to write);
    ``written``: the file written; ``count``: its activities; ``warnings``: what the clerk
    should fix in the plan, to say after it."""

    problems: list[Problem] = field(default_factory=list)
    stdout: str | None = None
    written: Path | None = None
    count: int = 0
    warnings: list[Problem] = field(default_factory=list)


def run(
    source: Path,
    output: str | None,
    *,
    as_json: bool,
    json_text: Callable[[Any], str],
    force: bool = False,
    year: int | None = None,
    name: str | None = None,
    issuer: str = "",
    doc_no: str = "",
    issued: date | None = None,
    table: int | None = None,
    mapping: Sequence[str] = (),
) -> Outcome:
    """Import the table at ``source`` into a plan for ``output`` (a path, ``-`` for standard
    output, ``None`` only with ``as_json``: standard output).  ``json_text`` turns the plan's
    data into the JSON text qm writes.  Raises :class:`UsageError` without an ``output`` for
    YAML and :class:`DataError` when ``output`` exists and ``force`` is not given."""
    from qualitymonth import importer

    imported = importer.import_table(
        source,
        year=year,
        name=name,
        issuer=issuer,
        doc_no=doc_no,
        issued=issued,
        table=table,
        mapping=mapping,
    )
    errors = importer.check(imported)
    if errors:
        return Outcome(problems=list(errors))
    warnings = imported.warnings + importer.schedule_warnings(imported)
    if as_json and output in (None, "-"):
        return Outcome(stdout=json_text(importer.plan_json(imported)), warnings=warnings)
    if output is None:
        raise UsageError("import_needs_output")
    return _write_plan(imported, output, as_json, json_text, force, warnings)


def _write_plan(
    imported: Imported,
    output: str,
    as_json: bool,
    json_text: Callable[[Any], str],
    force: bool,
    warnings: list[Problem],
) -> Outcome:
    """Read the plan's YAML back as qm reads a plan (what qm writes, qm must accept), then
    give it to standard output or write it (as YAML or JSON) to a new file."""
    from qualitymonth import importer
    from qualitymonth.plan.validate import parse_plan

    text = importer.plan_yaml(imported)
    parse_plan(text, Path(output))  # a safety net: what qm writes, qm must accept
    if output == "-":
        return Outcome(stdout=text, warnings=warnings)
    target = Path(output)
    if target.exists() and not force:
        raise DataError("import_exists", path=output)
    _write_new(target, json_text(importer.plan_json(imported)) if as_json else text)
    count = len(imported.data["activities"])
    return Outcome(written=target, count=count, warnings=warnings)


def _write_new(target: Path, text: str) -> None:
    """Write ``text`` whole or not at all."""
    from qualitymonth.files import write_atomically

    try:
        write_atomically(target, text.encode("utf-8"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DataError("file_unreadable", path=str(target), reason=reason) from None

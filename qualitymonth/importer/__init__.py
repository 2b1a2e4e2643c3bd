"""Turn a copy of an activity table (annex 2) into a plan: CSV, TSV, text, .xlsx or .docx.

One module per concern: :mod:`.headers` (the names offices give the columns, ``--map``),
:mod:`.text` (CSV, TSV, text copied out of a notice), :mod:`.office` (.xlsx, .docx),
:mod:`.build` (rows -> plan data, and its problems), :mod:`.yamlout` (the plan as YAML),
:mod:`.write` (:func:`run`: import, check and write a plan, the work of ``qm import``).
Pure apart from reading the table file and :func:`run` writing the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from qualitymonth.errors import DataError, Problem
from qualitymonth.importer.build import Imported, build, check
from qualitymonth.importer.headers import match_header, parse_mapping
from qualitymonth.importer.source import MAX_BYTES, MAX_ROWS, Table
from qualitymonth.importer.write import Outcome, run
from qualitymonth.importer.yamlout import plan_json, plan_yaml

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "Imported",
    "Outcome",
    "check",
    "import_table",
    "plan_json",
    "plan_yaml",
    "read_table",
    "run",
    "schedule_warnings",
]

_OLD = (".xls", ".doc", ".wps", ".et", ".dps")


def read_table(path: Path, table: int | None = None, mapping: Sequence[str] = ()) -> Table:
    """The rows of the table file at ``path`` (the chosen sheet or table of a workbook or
    document).  Refuses a file over :data:`MAX_BYTES` before reading it."""
    from qualitymonth.plan import read_bytes

    shown = str(path)
    suffix = path.suffix.casefold()
    if suffix in _OLD:
        raise DataError("import_old_format", path=shown)
    keys = parse_mapping(mapping)
    data = read_bytes(path, MAX_BYTES)

    def is_header(cells: Sequence[str]) -> bool:
        return match_header(cells, keys) is not None

    if data[:4] == b"PK\x03\x04":
        from qualitymonth.importer.office import docx_table, xlsx_table

        kind = suffix if suffix in (".xlsx", ".xlsm", ".docx") else _zip_kind(data)
        if kind == ".docx":
            return docx_table(data, shown, table, is_header)
        return xlsx_table(data, shown, table, is_header)
    if suffix in (".xlsx", ".xlsm", ".docx"):
        raise DataError("file_unreadable", path=shown, reason="not a zip file")
    from qualitymonth.importer.text import decode_table, text_table

    text, warnings = decode_table(data, shown)
    return text_table(text, shown, suffix, warnings)


def _zip_kind(data: bytes) -> str:
    """.docx or .xlsx, for a zip saved under another name, by the members it holds."""
    import io
    import zipfile

    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        return ".xlsx"
    return ".docx" if "word/document.xml" in names else ".xlsx"


def import_table(
    path: Path,
    *,
    year: int | None = None,
    name: str | None = None,
    issuer: str = "",
    doc_no: str = "",
    issued: date | None = None,
    table: int | None = None,
    mapping: Sequence[str] = (),
) -> Imported:
    """Read the table at ``path`` and build a plan from it (not yet checked: see
    :func:`check`).  ``mapping`` holds ``--map 列名=field`` items."""
    read = read_table(path, table, mapping)
    imported = build(read, path, year=year, name=name, mapping=parse_mapping(mapping))
    campaign = imported.data["campaign"]
    if issuer:
        campaign["issuer"] = issuer
    if doc_no:
        campaign["doc_no"] = doc_no
    if issued:
        campaign["issued"] = issued.isoformat()
    return imported


def schedule_warnings(imported: Imported) -> list[Problem]:
    """Schedules that qm cannot read: written as they are, for the clerk to fix."""
    from qualitymonth.schedule import ScheduleError, examples, months_of, parse_periods

    c = imported.data["campaign"]
    issued = date.fromisoformat(c["issued"]) if c.get("issued") else None
    col = imported.columns.get("schedule")
    failed = []
    months: list[int] = []
    for a, row in zip(imported.data["activities"], imported.rows, strict=True):
        try:
            months += months_of(parse_periods(a["schedule"], c["year"], issued), c["year"])
        except ScheduleError as exc:
            failed.append((a, row, exc))
    shown = "、".join(examples(months))
    out = []
    for a, row, error in failed:
        params = {"id": a["id"], "text": a["schedule"], "examples": shown, **error.params}
        out.append(imported.source.problem(row, col, error.reason, **params))
    return out

"""Read a filled progress form back, as untrusted input, into proposed journal events.

``read_form`` writes nothing: it returns what the form reports (one proposal per filled row)
and every problem found, each located as ``FILE:填报!CELL``.  A file with any problem
proposes nothing: each form is taken whole or not at all.

What a clerk's Excel or WPS does to a form is tolerated: dates as date cells, serial numbers
or text (2023-09-25, 2023/9/25, 9月25日, 9/25 — a date without a year is the most recent
such day on or before today); percents as 60, 0.6, 60% or "60%"; spaces around anything;
empty rows, a deleted row, widened columns, reordered sheets.  Columns are found by their
headers, rows by their 序号.

A formula is never evaluated and its text is never taken as data: a formula in a cell the
reader uses is a problem ("type the value itself"), because its cached result is whatever
the last program to save the file computed, and may not be what the filler sees.

This module opens the workbook, reads its identity and finds the sheet; the sheet's rows are
read by :mod:`~qualitymonth.forms.rows`, and the values returned are made in
:mod:`~qualitymonth.forms.values` (and are public here).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from qualitymonth.forms.layout import (
    FORM_VERSION,
    ID_KEYS,
    ID_SHEET,
    PROP_PREFIX,
    SHEET,
    header_key,
    plain_text,
    xl,
)
from qualitymonth.forms.rows import HEADER_SEARCH, MAX_COLS, RowReader, parse_cell_date
from qualitymonth.forms.safety import Refused, check_archive, load_bytes, require_defused
from qualitymonth.forms.values import Collected, FormIdentity, FormProblem, Proposal

__all__ = ["Collected", "FormIdentity", "FormProblem", "Proposal", "parse_cell_date", "read_form"]


def read_form(
    path: Path,
    *,
    plan_id: str,
    activities: Sequence[Mapping[str, Any]],
    department_of: Mapping[str, str] | None = None,
    today: date,
) -> Collected:
    """Read the filled form at ``path`` against the plan whose identity is ``plan_id``.

    ``activities`` are the plan's activities (JSON shape: ``id``, ``theme``, ``lead``,
    ``assist``); ``department_of`` maps every department name or alias to its canonical
    name (``Plan.canonical()``); ``today`` bounds the dates and dates the rows without one.
    Raises :class:`~qualitymonth.errors.DataError` only when openpyxl or defusedxml is
    missing: whatever is wrong with the file is a problem in the result.
    """
    out = Collected(path)
    shown = str(path)
    try:
        data = load_bytes(path)
        check_archive(data)
        require_defused()
        _read_book(data, out, plan_id, activities, department_of or {}, today)
    except Refused as refused:
        out.problems.append(FormProblem(shown, None, refused.key, refused.params))
    if out.problems:
        out.proposals = []
    return out


# --------------------------------------------------------------------------- the workbook


def _read_book(
    data: bytes,
    out: Collected,
    plan_id: str,
    activities: Sequence[Mapping[str, Any]],
    canon: Mapping[str, str],
    today: date,
) -> None:
    try:
        book = xl().load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise _refusal(exc) from None
    try:
        identity = _identity(book)
        out.identity = identity
        _check_identity(identity, plan_id)
        sheet = _find_sheet(book)
        reader = RowReader(out, identity, activities, canon, today, book.epoch)
        reader.read(sheet)
    except Refused:
        raise
    except Exception as exc:  # a part that breaks the parser (read-only books read lazily)
        raise _refusal(exc) from None
    finally:
        book.close()


def _refusal(exc: Exception) -> Refused:
    """The sentence for an exception the parser raised on a broken or hostile file."""
    error: BaseException | None = exc
    while error is not None:  # openpyxl wraps the parser's exception in its own
        if type(error).__module__.startswith("defusedxml"):
            return Refused("form_unsafe_xml_parser")
        error = error.__cause__ or error.__context__
    reason = plain_text(str(exc), one_line=True)[:120] or type(exc).__name__
    return Refused("form_unreadable", reason=reason)


def _identity(book: Any) -> FormIdentity:
    """The identity from the hidden sheet, else from the document properties."""
    found: dict[str, str] = {}
    if ID_SHEET in book.sheetnames:
        for row in book[ID_SHEET].iter_rows(min_row=1, max_row=40, max_col=2, values_only=True):
            if len(row) == 2 and isinstance(row[0], str) and isinstance(row[1], str):
                found.setdefault(row[0].strip(), row[1].strip())
    if not all(k in found for k in ID_KEYS):
        for prop in getattr(book, "custom_doc_props", None) or ():
            name, value = getattr(prop, "name", ""), getattr(prop, "value", None)
            if isinstance(name, str) and name.startswith(PROP_PREFIX) and isinstance(value, str):
                found.setdefault(name[len(PROP_PREFIX) :], value.strip())
    if not all(k in found for k in ("form_version", "form_id", "plan_id", "department")):
        raise Refused("form_no_identity")
    try:
        version = int(found["form_version"])
    except ValueError:
        raise Refused("form_no_identity") from None
    return FormIdentity(
        form_version=version,
        form_id=found["form_id"],
        plan_id=found["plan_id"],
        doc_no=found.get("doc_no", ""),
        campaign=found.get("campaign", ""),
        department=found["department"],
        as_of=found.get("as_of", ""),
    )


def _check_identity(identity: FormIdentity, plan_id: str) -> None:
    if identity.form_version > FORM_VERSION:
        raise Refused("form_newer", version=identity.form_version)
    if identity.plan_id != plan_id:
        raise Refused(
            "form_other_plan",
            doc_no=identity.doc_no or "?",
            campaign=identity.campaign or "?",
            as_of=identity.as_of or "?",
            department=identity.department,
        )


def _find_sheet(book: Any) -> Any:
    if SHEET in book.sheetnames:
        return book[SHEET]
    for name in book.sheetnames:  # renamed: the first sheet whose rows hold the header
        if name == ID_SHEET:
            continue
        rows = book[name].iter_rows(max_row=HEADER_SEARCH, max_col=MAX_COLS, values_only=True)
        for values in rows:
            keys = {header_key(v) for v in values if isinstance(v, str)}
            if {"序号", "状态"} <= keys:
                return book[name]
    raise Refused("form_no_sheet")

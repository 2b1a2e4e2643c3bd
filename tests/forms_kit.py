"""Progress forms as the tests need them: the shipped plan's forms, filled the way a clerk
fills them (openpyxl, then optionally LibreOffice), and read back."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl

from qualitymonth.forms.layout import plan_id_of
from qualitymonth.forms.read import Collected, read_form
from qualitymonth.forms.write import form_document, render_form
from qualitymonth.journal import read_journal
from qualitymonth.plan import load_plan
from qualitymonth.porcelain import activity_json
from qualitymonth.state import fold

from .conftest import ROOT, SHIPPED

JOURNAL = ROOT / "tests" / "fixtures" / "journal-2023-09.jsonl"
AS_OF = date(2023, 10, 8)
TODAY = date(2023, 10, 8)


@dataclass(frozen=True)
class Shipped:
    campaign: dict[str, Any]
    plan_id: str
    activities: list[dict[str, Any]]
    canonical: dict[str, str]


@cache
def shipped() -> Shipped:
    """The shipped plan, its fixture journal folded as of 2023-10-08."""
    loaded = load_plan(SHIPPED)
    events = read_journal(JOURNAL).events
    states = fold(loaded.plan, loaded.periods, events, AS_OF)
    c = loaded.plan.campaign
    campaign = {
        "name": c.name, "year": c.year, "issuer": c.issuer, "doc_no": c.doc_no,
        "issued": c.issued.isoformat() if c.issued else None, "theme": c.theme,
        "report_to": c.report_to,
    }  # fmt: skip
    return Shipped(
        campaign=campaign,
        plan_id=plan_id_of(SHIPPED.read_bytes()),
        activities=[activity_json(s) for s in states],
        canonical=dict(loaded.plan.canonical()),
    )


def form_doc(department: str = "质量科", **changes: Any) -> dict[str, Any]:
    s = shipped()
    doc = form_document(
        campaign=s.campaign,
        plan_id=s.plan_id,
        department=department,
        as_of=AS_OF.isoformat(),
        activities=s.activities,
        canonical=s.canonical,
    )
    doc.update(changes)
    return doc


def make_form(folder: Path, department: str = "质量科", name: str | None = None) -> Path:
    path = folder / (name or f"进展-{department}.xlsx")
    path.write_bytes(render_form(form_doc(department), {}))
    return path


def fill(
    form: Path,
    cells: Mapping[str, Any],
    out: Path | None = None,
    edit: Callable[[Any], None] | None = None,
    formats: Mapping[str, str] | None = None,
) -> Path:
    """Fill ``cells`` of sheet 填报 (``{"F4": "已完成"}``) as Excel would save them."""
    book = openpyxl.load_workbook(form)
    sheet = book["填报"]
    for ref, value in cells.items():
        sheet[ref] = value
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    if edit is not None:
        edit(book)
    target = out or form
    book.save(target)
    return target


def read(path: Path, today: date = TODAY, plan_id: str | None = None) -> Collected:
    s = shipped()
    return read_form(
        path,
        plan_id=plan_id or s.plan_id,
        activities=s.activities,
        department_of=s.canonical,
        today=today,
    )


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_roundtrip(path: Path, folder: Path) -> Path:
    """``path`` opened and saved again as .xlsx by LibreOffice Calc."""
    exe = soffice()
    assert exe is not None
    folder.mkdir(parents=True, exist_ok=True)
    profile = folder / "lo-profile"
    subprocess.run(
        [
            exe, f"-env:UserInstallation=file://{profile}", "--headless",
            "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(folder), str(path),
        ],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    out = folder / path.name
    assert out.exists()
    return out

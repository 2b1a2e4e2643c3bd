"""Turn a copy of an activity table (annex 2) into a plan: CSV, TSV, text, .xlsx or .docx.

Header names are matched in Chinese or English; the header row may repeat at every page
break and blank rows may sit between pages; a merged cell (one lead for several rows) counts
for every row it spans (Word and Excel merges; a plain-text table has none, so an empty cell
there stays empty and is reported); columns the plan does not know are kept in ``remark``.
Pure apart from reading the table file; the YAML it returns is for the CLI to write.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from qualitymonth.errors import DataError, Problem, UsageError
from qualitymonth.model import split_names

__all__ = ["Imported", "import_table", "read_rows"]

#: Column names as notices write them -> plan keys.
HEADERS: dict[str, str] = {
    "序号": "id", "编号": "id", "id": "id", "no": "id", "no.": "id",
    "活动主题": "theme", "主题": "theme", "活动名称": "theme", "theme": "theme",
    "活动内容": "content", "内容": "content", "工作内容": "content", "content": "content",
    "时间安排": "schedule", "时间": "schedule", "完成时限": "schedule", "schedule": "schedule",
    "牵头部门": "lead", "牵头单位": "lead", "责任部门": "lead", "lead": "lead",
    "协办单位": "assist", "协办部门": "assist", "配合单位": "assist", "配合部门": "assist",
    "assist": "assist",
    "备注": "remark", "remark": "remark",
}  # fmt: skip
MAX_TABLE_BYTES = 16 * 1024 * 1024


def _key(cell: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell)).casefold()


_HEADER_KEYS = {_key(k): v for k, v in HEADERS.items()}


@dataclass
class Imported:
    """A plan built from a table, and what the clerk should look at."""

    data: dict[str, Any]
    source: str
    warnings: list[Problem] = field(default_factory=list)


# --------------------------------------------------------------------------- reading


def read_rows(
    path: Path, table: int | None = None
) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """(row number, cells) of every row in the table file, and decoding warnings."""
    from qualitymonth.plan import read_bytes

    suffix = path.suffix.casefold()
    if suffix in (".xls", ".doc", ".wps", ".et"):
        raise DataError("import_old_format", path=str(path))
    data = read_bytes(path, MAX_TABLE_BYTES)
    if suffix == ".xlsx":
        return _xlsx_rows(path, data, table), []
    if suffix == ".docx":
        return _docx_rows(path, data, table), []
    return _text_rows(path, data)


def _text_rows(path: Path, data: bytes) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    shown = str(path)
    warnings: list[Problem] = []
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16")  # Excel's "Unicode text" export
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise DataError("file_not_utf8", path=shown, line=1) from None
            warnings.append(Problem(shown, 0, 0, "import_gbk"))
    if "\x00" in text:
        raise DataError("file_binary", path=shown)
    lines = text.splitlines()
    first = next((ln for ln in lines if _is_header(re.split(r"[\t,]", ln))), "")
    delimiter = "\t" if "\t" in first or path.suffix.casefold() == ".tsv" else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [(n, [c.strip() for c in row]) for n, row in enumerate(reader, 1)], warnings


def _need(module: str, package: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise DataError("import_needs_package", package=package) from None


def _xlsx_rows(path: Path, data: bytes, table: int | None) -> list[tuple[int, list[str]]]:
    openpyxl = _need("openpyxl", "openpyxl")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise DataError("file_unreadable", path=str(path), reason=str(exc)) from None
    sheets = book.worksheets
    index = (table or 1) - 1
    if not 0 <= index < len(sheets):
        raise DataError("import_no_table", path=str(path), count=len(sheets))
    sheet = sheets[index]
    values = [[_cell_text(c.value) for c in row] for row in sheet.iter_rows()]
    for merged in sheet.merged_cells.ranges:  # a merged cell's value belongs to all its rows
        top = values[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                values[r - 1][c - 1] = top
    return [(n, row) for n, row in enumerate(values, 1)]


def _docx_rows(path: Path, data: bytes, table: int | None) -> list[tuple[int, list[str]]]:
    docx = _need("docx", "python-docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a file that is no document
        raise DataError("file_unreadable", path=str(path), reason=str(exc)) from None
    tables = document.tables
    if table is not None:
        if not 1 <= table <= len(tables):
            raise DataError("import_no_table", path=str(path), count=len(tables))
        chosen = tables[table - 1]
    else:
        chosen = next(
            (t for t in tables if any(_is_header([c.text for c in r.cells]) for r in t.rows[:3])),
            None,
        )
        if chosen is None:
            raise DataError("import_no_header", path=str(path))
    # python-docx repeats a merged cell in every row and column it spans.
    return [(n, [_cell_text(c.text) for c in row.cells]) for n, row in enumerate(chosen.rows, 1)]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()


def _is_header(cells: Sequence[str]) -> bool:
    keys = {_HEADER_KEYS.get(_key(c)) for c in cells}
    return ("id" in keys and "theme" in keys) or ("theme" in keys and "lead" in keys)


# --------------------------------------------------------------------------- building


def import_table(
    path: Path,
    *,
    year: int | None = None,
    name: str | None = None,
    issuer: str = "",
    doc_no: str = "",
    issued: date | None = None,
    table: int | None = None,
) -> Imported:
    """Read the table at ``path`` and build a plan from it (not yet validated)."""
    shown = str(path)
    rows, warnings = read_rows(path, table)
    header_at = next((i for i, (_, cells) in enumerate(rows) if _is_header(cells)), None)
    if header_at is None:
        raise DataError("import_no_header", path=shown)
    header = rows[header_at][1]
    columns = [_HEADER_KEYS.get(_key(h)) for h in header]
    title = " ".join(" ".join(c for c in cells if c) for _, cells in rows[:header_at]).strip()
    year = year or _year_in(title)
    if year is None:
        raise UsageError("import_needs_year", path=shown)
    activities: list[dict[str, Any]] = []
    for number, cells in rows[header_at + 1 :]:
        if not any(c.strip() for c in cells) or _is_header(cells):
            continue  # a blank row between pages, or the header repeated on a new page
        record: dict[str, str] = {}
        extra: list[str] = []
        for i, cell in enumerate(cells):
            col = columns[i] if i < len(columns) else None
            value = cell.strip()
            if col is None:
                named = i < len(header) and header[i].strip()
                label = header[i].strip() if named else f"第{i + 1}列"
                if value:
                    extra.append(f"{label}：{value}")
            elif col not in record or not record[col]:
                record[col] = value
        ident = _as_id(record.get("id", ""))
        if ident is None:
            ident = (activities[-1]["id"] + 1) if activities else 1
            warnings.append(Problem(shown, number, 0, "import_numbered", {"id": ident}))
        remark = "；".join(x for x in [record.get("remark", ""), *extra] if x)
        activities.append(
            {
                "id": ident,
                "theme": record.get("theme", ""),
                "content": record.get("content", ""),
                "schedule": record.get("schedule", ""),
                "lead": record.get("lead", ""),
                "assist": split_names(record.get("assist", "")),
                "remark": remark,
                "_row": number,
            }
        )
    if not activities:
        raise DataError("import_no_rows", path=shown)
    campaign: dict[str, Any] = {"name": name or _name_from(title, path), "year": year}
    if issuer:
        campaign["issuer"] = issuer
    if doc_no:
        campaign["doc_no"] = doc_no
    if issued:
        campaign["issued"] = issued.isoformat()
    return Imported({"campaign": campaign, "activities": activities}, shown, warnings)


def _as_id(text: str) -> int | None:
    s = unicodedata.normalize("NFKC", text).strip().rstrip(".、")
    return int(s) if s.isdigit() and int(s) > 0 else None


def _year_in(text: str) -> int | None:
    m = re.search(r"(20\d{2})\s*年?", unicodedata.normalize("NFKC", text))
    return int(m.group(1)) if m else None


def _name_from(title: str, path: Path) -> str:
    t = re.sub(r"^附件\s*\d+\s*", "", title).strip()
    t = re.sub(r"(计划安排表|安排表|计划表|一览表)$", "", t).strip()
    return t or path.stem


# --------------------------------------------------------------------------- writing


def _scalar(value: Any) -> str:
    """A YAML scalar: plain when it reads back as the same text, else double-quoted."""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text and _plain_ok(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _plain_ok(text: str) -> bool:
    import yaml

    if text != text.strip() or "\n" in text or text[0] in "“\"'!&*[]{}|>%@`#,?:-":
        return False
    try:
        return bool(yaml.safe_load(f"k: {text}") == {"k": text})
    except yaml.YAMLError:
        return False


def plan_yaml(imported: Imported, problems: dict[int, list[str]] | None = None) -> str:
    """The plan as YAML in the style of data/campaign-2023.yaml, naming its source."""
    c = imported.data["campaign"]
    out = [
        f"# 由 qm import 从 {Path(imported.source).name} 生成；请核对后再使用（qm validate）。",
        f"# Made by qm import from {Path(imported.source).name}; check it, then run qm validate.",
        "",
        "campaign:",
    ]
    out += [f"  {k}: {_scalar(v)}" for k, v in c.items()]
    out += ["", "activities:"]
    for a in imported.data["activities"]:
        for note in (problems or {}).get(a["id"], []):
            out.append(f"  # 注意：{note}")
        out.append(f"  - id: {a['id']}")
        for key in ("theme", "content", "schedule", "lead"):
            out.append(f"    {key}: {_scalar(a[key])}")
        assist = ", ".join(_scalar(n) for n in a["assist"])
        out.append(f"    assist: [{assist}]")
        out.append(f"    remark: {_scalar(a['remark'])}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def plan_json(imported: Imported) -> dict[str, Any]:
    """The plan as plain data, without the bookkeeping of source rows."""
    data = json.loads(json.dumps(imported.data, ensure_ascii=False))
    for a in data["activities"]:
        a.pop("_row", None)
    return dict(data)


# --------------------------------------------------------------------------- checking


def check(imported: Imported) -> list[Problem]:
    """Problems that would make the plan invalid, each named by its row in the table."""
    problems: list[Problem] = []
    first_row: dict[int, int] = {}
    for a in imported.data["activities"]:
        row = a["_row"]
        for key, label in (("theme", "活动主题"), ("lead", "牵头部门"), ("schedule", "时间安排")):
            if not a[key].strip():
                params = {"id": a["id"], "field": f"{label} ({key})"}
                problems.append(Problem(imported.source, row, 0, "import_missing", params))
        if a["id"] in first_row:
            params = {"id": a["id"], "first": first_row[a["id"]]}
            problems.append(Problem(imported.source, row, 0, "import_duplicate", params))
        first_row.setdefault(a["id"], row)
    return problems


def schedule_warnings(imported: Imported) -> list[Problem]:
    """Schedules that qm cannot read: written as they are, for the clerk to fix."""
    from qualitymonth.schedule import ScheduleError, examples, months_of, parse_periods

    c = imported.data["campaign"]
    issued = date.fromisoformat(c["issued"]) if c.get("issued") else None
    failed = []
    months: list[int] = []
    for a in imported.data["activities"]:
        try:
            months += months_of(parse_periods(a["schedule"], c["year"], issued), c["year"])
        except ScheduleError as exc:
            failed.append((a, exc))
    shown = "、".join(examples(months))
    out = []
    for a, error in failed:
        params = {"id": a["id"], "text": a["schedule"], "examples": shown, **error.params}
        out.append(Problem(imported.source, a["_row"], 0, error.reason, params))
    return out

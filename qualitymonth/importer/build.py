"""Rows of a table -> the data of a plan, with every problem placed in the table file.

The line above the header is the title (the campaign's name and year come from it); below
it, blank rows, page numbers (— 2 —, - 2 -, 第 2 页), 附件2, 续表, the title and the header
repeated on a new page, and section headings (一、宣传活动) are passed over.  In text copied
out of Word a cell's line break starts a new line of the file; such a row is put together
again by counting its cells.  Department names are compared as qm compares them (NFKC, so
full- and half-width brackets alike, casefolded, trimmed); the first spelling met is the one
written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from qualitymonth.errors import DataError, Problem, UsageError
from qualitymonth.fields import SYNONYMS
from qualitymonth.importer.headers import (
    IGNORE,
    REQUIRED,
    Header,
    field_of,
    header_key,
    match_header,
)
from qualitymonth.importer.source import MAX_ROWS, Cell, Row, Source, Table, too_many_rows
from qualitymonth.model import split_names

__all__ = ["Imported", "build", "cell_text", "name_key"]

#: Fields written on one line: a line break inside them is only where the cell wrapped.
ONE_LINE = frozenset({"id", "theme", "schedule", "lead"})
LABELS = {"id": "序号", "theme": "活动主题", "content": "活动内容", "schedule": "时间安排",
          "lead": "牵头部门", "assist": "协办单位", "remark": "备注"}  # fmt: skip


@dataclass
class Imported:
    """A plan built from a table, and what the clerk should look at."""

    data: dict[str, Any]
    source: Source
    #: The table row of each activity, in order.
    rows: list[int] = field(default_factory=list)
    #: Field -> its column (to name a cell in a problem).
    columns: dict[str, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    #: Problems of the header itself (a required column missing): said once, first.
    header_problems: list[Problem] = field(default_factory=list)


# --------------------------------------------------------------------------- cell text

_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_DROP = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def clean(text: str) -> str:
    """A cell's text: control characters dropped, each line trimmed, empty lines dropped."""
    if text.isprintable():  # most cells: nothing to drop, no line to split
        return text.strip()
    text = _DROP.sub("", _BREAKS.sub("\n", text).replace("\t", " "))
    if "\n" not in text:
        return text.strip()
    return "\n".join(s for s in (ln.strip() for ln in text.split("\n")) if s)


def cell_text(value: Cell, year: int) -> str:
    """The text of a cell.  An Excel date is written as a clerk writes it: 4月25日 in the
    campaign year, 2024年4月25日 in any other; a time of day as 14:30."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, datetime):
        day = _day_text(value.date(), year)
        return day if value.time() == time() else f"{day} {value:%H:%M}"
    if isinstance(value, date):
        return _day_text(value, year)
    return f"{value:%H:%M}"


def _day_text(day: date, year: int) -> str:
    md = f"{day.month}月{day.day}日"
    return md if day.year == year else f"{day.year}年{md}"


def one_line(text: str) -> str:
    """Lines joined: without a space between Chinese characters, with one elsewhere."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    out = lines[0]
    for ln in lines[1:]:
        cjk = _CJK.match(out[-1:]) or _CJK.match(ln[:1])
        out += ln if cjk else " " + ln
    return out


_RANGE_END = re.compile(r"[-—–~～至到起]$")
_RANGE_START = re.compile(r"^[-—–~～至到]")


def on_one_line(field: str, text: str) -> str:
    """A one-line field whose cell holds line breaks (typed on purpose: Word and Excel wrap
    without one).  Two departments on two lines of a 牵头部门 cell are two names
    (质量科、计量所); two periods of a 时间安排 cell are a list (6月底前完成自查，7月份开展抽查),
    unless the break falls at a range mark (9月1日—/9月30日); a theme's lines are joined."""
    if "\n" not in text:
        return text
    if field == "lead":
        return _join_outside_brackets(text)
    if field == "schedule":
        lines = text.split("\n")
        out = lines[0]
        for ln in lines[1:]:
            ranged = _RANGE_END.search(out) or _RANGE_START.match(ln)
            out += ln if ranged else "，" + ln
        return out
    return one_line(text)


def _join_outside_brackets(text: str) -> str:
    """Line breaks as 、 between names; nothing inside brackets or beside a separator."""
    depth = 0
    chars: list[str] = []
    for i, ch in enumerate(text):
        if ch in "(（[【〔":
            depth += 1
        elif ch in ")）]】〕":
            depth = max(0, depth - 1)
        if ch != "\n":
            chars.append(ch)
            continue
        beside = (chars[-1] if chars else "、") + (text[i + 1 : i + 2] or "、")
        if not depth and not _SEPARATORS.search(beside):
            chars.append("、")
    return "".join(chars)


def name_key(name: str) -> str:
    """A department name as qm compares it: NFKC (full-width brackets become half-width),
    casefolded, trimmed."""
    return unicodedata.normalize("NFKC", name).casefold().strip()


_SEPARATORS = re.compile(r"[、，,;；]")
_BRACKETS = frozenset("(（[【〔)）]】〕")


def _names(text: str) -> list[str]:
    """A 协办单位 cell's names: split on 、，,; and on line breaks, never inside brackets."""
    if "\n" not in text and _BRACKETS.isdisjoint(text):
        return [n for n in (p.strip() for p in _SEPARATORS.split(text)) if n]
    out = []
    depth = 0
    chars = []
    for ch in text:
        if ch in "(（[【〔":
            depth += 1
        elif ch in ")）]】〕":
            depth = max(0, depth - 1)
        chars.append("、" if ch == "\n" and depth == 0 else ch)
    for part in split_names("".join(chars)):
        out.append(one_line(part))
    return out


# --------------------------------------------------------------------------- lines to skip

_DASH = r"[-—–―‐‑‒−~·•*_=]"
_PAGE = re.compile(
    rf"{_DASH}+\s*\d{{1,4}}\s*{_DASH}+"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，/、]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?",
    re.IGNORECASE,
)
_ANNEX = re.compile(r"(?:附件|附表)\s*\d*\s*[:：]?|续表\s*\d*|续上表|\(续\)|（续）")
_ORDINAL = re.compile(
    r"(?:[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十]+\s*[)）]|第[一二三四五六七八九十]+[部分类项])"
)


def is_page_number(text: str) -> bool:
    """— 2 —, - 2 -, 第 2 页, 第2页 共5页, 2/5, Page 2."""
    return bool(_PAGE.fullmatch(unicodedata.normalize("NFKC", text).strip()))


def _is_annex(text: str) -> bool:
    return bool(_ANNEX.fullmatch(unicodedata.normalize("NFKC", text).strip()))


def _as_id(text: str) -> int | None:
    s = unicodedata.normalize("NFKC", text).strip().rstrip(".、")
    return int(s) if s.isdigit() and 0 < int(s) < 10**9 else None


# --------------------------------------------------------------------------- building


def _texts(cells: Sequence[Cell]) -> list[str]:
    return [c if isinstance(c, str) else "" for c in cells]


def _year_in(text: str) -> int | None:
    m = re.search(r"(?<!\d)(20\d{2})(?!\d)", unicodedata.normalize("NFKC", text))
    return int(m.group(1)) if m else None


def _name_from(title: str, path: Path) -> str:
    t = re.sub(r"^(附件|附表)\s*\d*\s*[:：]?\s*", "", title).strip()
    t = re.sub(r"(工作)?(计划)?(安排|任务|分工|一览|明细|清单)?表$", "", t).strip()
    return t or path.stem


def build(
    table: Table,
    path: Path,
    *,
    year: int | None,
    name: str | None,
    mapping: Mapping[str, str],
) -> Imported:
    """The plan data of ``table`` (campaign name and year, activities), not yet checked."""
    source = table.source
    rows = list(table.rows)
    at = next((i for i, r in enumerate(rows) if match_header(_texts(r.cells), mapping)), None)
    if at is None:
        first = next((r for r in rows if any(_texts(r.cells))), None)
        shown = "、".join(t for t in _texts(first.cells) if t.strip())[:200] if first else ""
        raise DataError("import_no_header_row", path=source.shown, first=shown or "—")
    header_cells = _texts(rows[at].cells)
    body = rows[at + 1 :]
    if table.broken_rows:  # a header cell broken over two lines (完成\n时限)
        header_cells, body = _mend_header(header_cells, body, mapping)
    header = Header([one_line(clean(c)) for c in header_cells], mapping)
    width = max((i + 1 for i, n in enumerate(header.names) if n), default=0)

    titles = [
        " ".join(dict.fromkeys(clean(t) for t in _texts(r.cells) if t.strip()))
        for r in rows[:at]
        if any(t.strip() for t in _texts(r.cells))
    ]
    titles = [t for t in titles if not is_page_number(t)]
    # The table's title is the line above its header (a notice's text may stand above it).
    title = next((t for t in reversed(titles) if not _is_annex(t)), "")
    year = year or next(filter(None, map(_year_in, [title, *reversed(titles), path.stem])), None)
    if year is None:
        raise UsageError("import_needs_year", path=source.shown)

    imported = Imported({}, source, warnings=list(table.warnings))
    imported.columns = {
        f: i for i, f in reversed(list(enumerate(header.fields))) if f and f != IGNORE
    }
    _header_messages(imported, header, rows[at].number, mapping)

    records = _records(
        body, header, width, year, table.broken_rows, set(map(name_key, titles)), mapping, source
    )
    imported.data = {
        "campaign": {"name": name or _name_from(title, path), "year": year},
        "activities": _activities(imported, header, records),
    }
    count = len(imported.data["activities"])
    if not count:
        raise DataError("import_no_rows", path=source.shown)
    if "id" not in imported.columns:
        imported.warnings.append(
            source.problem(rows[at].number, 0, "import_numbered_all", count=count)
        )
    return imported


def _mend_header(
    cells: list[str], body: list[Row], mapping: Mapping[str, str]
) -> tuple[list[str], list[Row]]:
    """A header cell broken over two lines of copied text (完成 / 时限 …): joined when the
    line's last cell is no column name and the two halves together are one."""
    while body and body[0].cells and cells:
        nxt = _texts(body[0].cells)
        joined = clean(cells[-1]) + clean(nxt[0])
        if field_of(cells[-1], mapping) is not None or field_of(joined, mapping) is None:
            break
        cells, body = [*cells[:-1], joined, *nxt[1:]], body[1:]
    return cells, body


def _header_messages(
    imported: Imported, header: Header, row: int, mapping: Mapping[str, str]
) -> None:
    source = imported.source
    unknown = "、".join(header.unknown()) or "—"
    missing = header.missing()
    if missing:
        fields = "、".join(f"{LABELS[f]}（{f}）" for f in missing)
        examples = "、".join(SYNONYMS[missing[0]][:4])
        imported.header_problems.append(
            source.problem(row, 0, "import_missing_columns", fields=fields, unknown=unknown,
                           field=missing[0], examples=examples)
        )  # fmt: skip
    elif header.unknown():
        col = next(i for i, f in enumerate(header.fields) if f is None and header.names[i])
        imported.warnings.insert(
            0, source.problem(row, col, "import_unknown_columns", names=unknown)
        )
    named = {header_key(n) for n in header.names}
    for key in mapping:
        if key not in named:
            imported.warnings.insert(0, source.problem(row, 0, "import_map_unused", name=key))


def _records(
    body: list[Row],
    header: Header,
    width: int,
    year: int,
    broken: bool,
    titles: set[str],
    mapping: Mapping[str, str],
    source: Source,
) -> list[tuple[int, list[str]]]:
    """(row, cells) of every activity row: skipped lines left out, broken rows mended."""
    records: list[tuple[int, list[str]]] = []
    id_col = header.fields.index("id") if "id" in header.fields else None
    pending: list[str] | None = None
    pending_row = 0
    mended = False  # pending was put together from several lines: is it the header again?

    def flush() -> None:
        nonlocal pending, mended
        if pending is not None and not (mended and header.repeats_in(pending, mapping)):
            if mended:
                pending = [_excel_unquote(c) for c in pending]
            records.append((pending_row, pending))
            if len(records) > MAX_ROWS:
                raise too_many_rows(source)
        pending = None
        mended = False

    for row in body:
        texts = [cell_text(c, year) for c in row.cells]
        filled = [t for t in texts if t]
        if not filled:
            continue
        complete = pending is None or len(pending) >= width
        if len(set(filled)) == 1:
            only = filled[0]
            if is_page_number(only) or _is_annex(only) or name_key(only) in titles:
                continue
            if complete and _is_heading(texts, only, id_col, broken):
                flush()
                continue
        if header.repeats_in(texts, mapping):
            flush()
            continue
        if broken and pending is not None:
            if len(texts) == 1 and len(pending) >= width:
                pending[-1] = f"{pending[-1]}\n{texts[0]}".strip("\n")
                mended = True
                continue
            fits = len(pending) + len(texts) - 1 <= width
            new = id_col == 0 and _as_id(texts[0]) is not None and len(texts) >= max(2, width // 2)
            if len(pending) < width and fits and not new:
                pending[-1] = f"{pending[-1]}\n{texts[0]}".strip("\n")
                pending.extend(texts[1:])
                mended = True
                continue
        flush()
        pending, pending_row = texts, row.number
    flush()
    return records


def _excel_unquote(cell: str) -> str:
    """Excel saves a cell of several lines as tab-separated text in quotes, its own quotes
    doubled.  Only such a cell is unquoted; any other quote in TSV or copied text is a
    character of the cell."""
    if "\n" not in cell or len(cell) < 2 or cell[0] != '"' or cell[-1] != '"':
        return cell
    inner = cell[1:-1]
    return inner.replace('""', '"') if '"' not in inner.replace('""', "") else cell


def _is_heading(texts: list[str], only: str, id_col: int | None, broken: bool) -> bool:
    """A section heading of the table (一、宣传活动), not an activity."""
    if _as_id(only) is not None:
        return False
    if _ORDINAL.match(unicodedata.normalize("NFKC", only)):
        return True
    in_id = id_col is not None and id_col < len(texts) and texts[id_col] == only
    return in_id and not broken and sum(1 for t in texts if t) == 1


def _activities(
    imported: Imported, header: Header, records: list[tuple[int, list[str]]]
) -> list[dict[str, Any]]:
    source = imported.source
    spelled: dict[str, str] = {}  # department key -> the first spelling met
    known: dict[str, str] = {}  # each text met -> how it is written

    def dept(text: str) -> str:
        found = known.get(text)
        if found is None:
            found = known[text] = spelled.setdefault(name_key(text), text) if text else text
        return found

    out: list[dict[str, Any]] = []
    id_col = imported.columns.get("id")
    for number, cells in records:
        values: dict[str, str] = {}
        assist: list[str] = []
        extra: list[str] = []
        for i, text in enumerate(cells):
            f = header.fields[i] if i < len(header.fields) else None
            if f == IGNORE or not text:
                continue
            if f == "assist":
                assist.extend(_names(text))
            elif f is None or values.get(f):
                named = i < len(header.names) and header.names[i]
                extra.append(f"{header.names[i] if named else f'第{i + 1}列'}：{text}")
            else:
                values[f] = on_one_line(f, text) if f in ONE_LINE else text
        ident = _as_id(values.get("id", ""))
        if ident is None:
            ident = (out[-1]["id"] + 1) if out else 1
            if id_col is not None:
                imported.warnings.append(
                    source.problem(number, id_col, "import_numbered", id=ident)
                )
        remark = "；".join(x for x in [values.get("remark", ""), *extra] if x)
        out.append(
            {
                "id": ident,
                "theme": values.get("theme", ""),
                "content": values.get("content", ""),
                "schedule": values.get("schedule", ""),
                "lead": dept(values.get("lead", "")),
                "assist": list(dict.fromkeys(dept(n) for n in assist)),
                "remark": remark,
            }
        )
        imported.rows.append(number)
    return out


# --------------------------------------------------------------------------- checking


def check(imported: Imported) -> list[Problem]:
    """Problems that would make the plan invalid: the header's first, then each row's."""
    problems = list(imported.header_problems)
    absent = {f for f in REQUIRED if f not in imported.columns}
    first_row: dict[int, int] = {}
    cols = imported.columns
    for a, row in zip(imported.data["activities"], imported.rows, strict=True):
        for key in REQUIRED:
            if key not in absent and not a[key].strip():
                params = {"id": a["id"], "field": f"{LABELS[key]} ({key})"}
                problems.append(
                    imported.source.problem(row, cols.get(key), "import_missing", **params)
                )
        if a["id"] in first_row:
            params = {"id": a["id"], "first": first_row[a["id"]]}
            problems.append(
                imported.source.problem(row, cols.get("id"), "import_duplicate", **params)
            )
        first_row.setdefault(a["id"], row)
    return problems

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
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from qualitymonth.forms.layout import (
    COLUMNS,
    FORM_VERSION,
    ID_KEYS,
    ID_SHEET,
    MAX_BY_CHARS,
    PROP_PREFIX,
    SHEET,
    STATUS_WORDS,
    header_key,
    involved,
    plain_text,
    xl,
)
from qualitymonth.forms.safety import (
    MAX_ROWS,
    Refused,
    check_archive,
    load_bytes,
    require_defused,
)
from qualitymonth.i18n import Lang, t
from qualitymonth.journal import MAX_NOTE_CHARS
from qualitymonth.journal.events import Event

__all__ = ["Collected", "FormIdentity", "FormProblem", "Proposal", "parse_cell_date", "read_form"]

#: The last sheet row read: the header, a little slack, and ``MAX_ROWS`` activities.
LAST_ROW = MAX_ROWS + 10
#: Columns looked at: the form's ten, and room for columns a clerk added.
MAX_COLS = 40
_HEADER_SEARCH = 10
_REQUIRED = ("序号", "状态", "完成进度", "日期", "进展情况", "填报人")


@dataclass(frozen=True)
class FormProblem:
    """Why a form (``cell`` None) or one of its cells cannot be taken."""

    file: str
    cell: str | None
    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    sheet: str = SHEET

    def message(self, lang: Lang = "zh") -> str:
        return t(self.key, lang, **self.params)

    def format(self, lang: Lang = "zh") -> str:
        """``FILE:填报!CELL: message``, or ``FILE: message`` for the whole file."""
        where = self.file if self.cell is None else f"{self.file}:{self.sheet}!{self.cell}"
        return f"{where}: {self.message(lang)}"


@dataclass(frozen=True)
class FormIdentity:
    """What a form says it is: which plan, which department, which form."""

    form_version: int
    form_id: str
    plan_id: str
    doc_no: str
    campaign: str
    department: str
    as_of: str


@dataclass(frozen=True)
class Proposal:
    """One filled row, as the journal event it would become."""

    event: str
    activity: int
    action: str
    date: date
    by: str
    percent: int | None
    note: str | None
    #: The form file's name (the journal's ``source`` key) and the form's id (``form``).
    source: str
    form: str
    #: Where the row is: its 序号 cell (``A7``).
    cell: str

    def to_event(self, now: datetime) -> Event:
        """The journal event, recorded at ``now`` (an aware datetime), made by the journal's
        own :func:`~qualitymonth.journal.events.new_event`, which holds the rules."""
        from qualitymonth.journal.events import new_event

        return new_event(
            self.activity,
            self.action,
            self.date,
            by=self.by,
            now=now,
            percent=self.percent,
            note=self.note,
            event_id=self.event,
            extra={"source": self.source, "form": self.form},
        )


@dataclass
class Collected:
    """What one form proposes, and what is wrong with it (nothing is proposed then)."""

    path: Path
    identity: FormIdentity | None = None
    proposals: list[Proposal] = field(default_factory=list)
    problems: list[FormProblem] = field(default_factory=list)
    #: Filled rows seen (rows with nothing to report are not counted).
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


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
        reader = _Rows(out, identity, activities, canon, today, book.epoch)
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
        rows = book[name].iter_rows(max_row=_HEADER_SEARCH, max_col=MAX_COLS, values_only=True)
        for values in rows:
            keys = {header_key(v) for v in values if isinstance(v, str)}
            if {"序号", "状态"} <= keys:
                return book[name]
    raise Refused("form_no_sheet")


# --------------------------------------------------------------------------- the rows


def _letter(col: int) -> str:
    """A column's letters (1 -> A, 27 -> AA)."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _Rows:
    """Reads sheet 填报 row by row, collecting proposals and problems."""

    def __init__(
        self,
        out: Collected,
        identity: FormIdentity,
        activities: Sequence[Mapping[str, Any]],
        canon: Mapping[str, str],
        today: date,
        epoch: datetime,
    ) -> None:
        self.out = out
        self.file = str(out.path)
        self.source = out.path.name
        self.identity = identity
        self.by_id: dict[int, Mapping[str, Any]] = {}
        for a in activities:
            ident = a.get("id")
            if isinstance(ident, int):
                self.by_id[ident] = a
        self.canon = canon
        self.department = canon.get(identity.department, identity.department)
        self.mine: dict[int, bool] = {}
        self.today = today
        self.epoch = epoch
        self.columns: dict[str, int] = {}
        self.seen: dict[int, str] = {}

    def problem(self, col: int | None, row: int, key: str, **params: object) -> None:
        cell = None if col is None else f"{_letter(col)}{row}"
        self.out.problems.append(FormProblem(self.file, cell, key, params, SHEET))

    def read(self, sheet: Any) -> None:
        try:
            bottom = sheet.max_row  # the dimension the file declares, when it declares one
        except Exception:  # a dimension openpyxl cannot read: stream and count instead
            bottom = None
        if isinstance(bottom, int) and bottom > LAST_ROW:
            raise Refused("form_too_many_rows", limit=f"{MAX_ROWS:,}", row=f"{bottom:,}")
        header_row = 0
        rows: Iterable[tuple[Any, ...]] = sheet.iter_rows(
            min_row=1, max_row=LAST_ROW + 1, max_col=MAX_COLS
        )
        for number, cells in enumerate(rows, 1):
            if number > LAST_ROW:
                if any(_value(c) is not None for c in cells):
                    raise Refused("form_too_many_rows", limit=f"{MAX_ROWS:,}", row=f"{number:,}")
                break
            if not header_row:
                if number > _HEADER_SEARCH:
                    raise Refused("form_no_header")
                if self._header(cells):
                    header_row = number
                    missing = [c for c in _REQUIRED if c not in self.columns]
                    if missing:
                        raise Refused("form_missing_column", column="、".join(missing))
                continue
            self._row(number, cells)
        if not header_row:
            raise Refused("form_no_header")

    def _header(self, cells: tuple[Any, ...]) -> bool:
        found: dict[str, int] = {}
        known = {name for name, _ in COLUMNS}
        for col, cell in enumerate(cells, 1):
            value = _value(cell)
            if isinstance(value, str):
                key = header_key(value)
                if key in known and key not in found:
                    found[key] = col
        if "序号" in found and "状态" in found:
            self.columns = found
            return True
        return False

    def _cell(self, cells: tuple[Any, ...], name: str) -> Any:
        col = self.columns.get(name)
        if col is None or col > len(cells):
            return None
        return cells[col - 1]

    def _row(self, row: int, cells: tuple[Any, ...]) -> None:
        before = len(self.out.problems)
        fill: dict[str, Any] = {}
        for name in ("状态", "完成进度", "日期", "进展情况", "填报人"):
            cell = self._cell(cells, name)
            if cell is None:
                continue
            kind = getattr(cell, "data_type", None)
            value = _value(cell)
            if kind == "f" or type(value).__name__ in _FORMULAS:
                self.problem(self.columns[name], row, "form_formula", column=name)
            elif kind == "e":
                self.problem(self.columns[name], row, "form_cell_error", column=name, text=value)
            elif value is not None:
                fill[name] = (value, cell)
        reported = any(name in fill for name in ("状态", "完成进度", "进展情况"))
        if not reported and len(self.out.problems) == before:
            return  # an empty row, or only a name or a date: nothing to report
        self.out.rows += 1
        id_col = self.columns["序号"]
        activity = self._activity(row, id_col, self._cell(cells, "序号"), cells)

        status = None
        if "状态" in fill:
            value = fill["状态"][0]
            word = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))
            if word in STATUS_WORDS:
                status = STATUS_WORDS[word]
            else:
                self.problem(self.columns["状态"], row, "form_bad_status", text=_quote(str(value)))
        percent = None
        if "完成进度" in fill:
            value, cell = fill["完成进度"]
            percent = self._percent(row, value, str(getattr(cell, "number_format", "") or ""))
        day, day_key = self.today, ""
        if "日期" in fill:
            parsed = self._date(row, fill["日期"][0])
            if parsed is not None:
                day, day_key = parsed, parsed.isoformat()
        note = None
        if "进展情况" in fill:
            note = plain_text(_as_text(fill["进展情况"][0])) or None
            if note is not None and len(note) > MAX_NOTE_CHARS:
                self.problem(
                    self.columns["进展情况"], row, "form_note_too_long",
                    count=len(note), limit=MAX_NOTE_CHARS,
                )  # fmt: skip
        by = ""
        if "填报人" in fill:
            by = plain_text(_as_text(fill["填报人"][0]), one_line=True)
            if len(by) > MAX_BY_CHARS:
                self.problem(
                    self.columns["填报人"], row, "form_by_too_long",
                    count=len(by), limit=MAX_BY_CHARS,
                )  # fmt: skip
        pct_col = self.columns["完成进度"]
        if status == "done" and percent is not None and percent != 100:
            self.problem(pct_col, row, "form_done_percent", value=percent)
        if status == "todo" and percent:
            self.problem(pct_col, row, "form_todo_percent", value=percent)
        if len(self.out.problems) > before or activity is None:
            return

        if status == "done":
            action, percent = "done", None
        elif percent is not None and status != "todo":
            action = "progress"
        elif status == "doing":
            action = "start"
        elif note:
            action, percent = "note", None
        else:
            return  # 未开始 and nothing else: nothing happened
        by = by or self.department
        seed = "\x1f".join(
            ("qm-form-row", self.identity.form_id, str(activity), action,
             "" if percent is None else str(percent), day_key, note or "", by)
        )  # fmt: skip
        self.out.proposals.append(
            Proposal(
                event=hashlib.sha256(seed.encode()).hexdigest()[:32],
                activity=activity,
                action=action,
                date=day,
                by=by,
                percent=percent,
                note=note,
                source=self.source,
                form=self.identity.form_id,
                cell=f"{_letter(id_col)}{row}",
            )
        )

    def _activity(self, row: int, col: int, cell: Any, cells: tuple[Any, ...]) -> int | None:
        """The row's activity id, checked against the plan and the form's department."""
        if cell is not None and (
            getattr(cell, "data_type", None) == "f" or type(_value(cell)).__name__ in _FORMULAS
        ):
            self.problem(col, row, "form_formula", column="序号")
            return None
        value = _value(cell)
        if value is None:
            self.problem(col, row, "form_no_id")
            return None
        ident = _whole(value)
        if ident is None:
            self.problem(col, row, "form_bad_id", text=_quote(_as_text(value)))
            return None
        activity = self.by_id.get(ident)
        if activity is None:
            valid = ", ".join(str(i) for i in self.by_id)
            self.problem(col, row, "form_unknown_id", id=ident, valid=valid)
            return None
        mine = self.mine.get(ident)
        if mine is None:
            mine = self.mine[ident] = involved(activity, self.department, self.canon)
        if not mine:
            self.problem(col, row, "form_not_department", id=ident, department=self.department)
            return None
        theme_cell = self._cell(cells, "活动主题")
        theme = _value(theme_cell)
        planned = str(activity.get("theme") or "")
        if isinstance(theme, str) and planned and _same(theme) != _same(planned):
            self.problem(col, row, "form_theme_mismatch", id=ident, theme=_quote(planned))
            return None
        here = f"{_letter(col)}{row}"
        if ident in self.seen:
            self.problem(col, row, "form_duplicate_id", id=ident, first=self.seen[ident])
            return None
        self.seen[ident] = here
        return ident

    def _percent(self, row: int, value: Any, number_format: str) -> int | None:
        col = self.columns["完成进度"]
        if isinstance(value, (bool, datetime, date)):
            self.problem(col, row, "form_bad_percent", text=_quote(_as_text(value)))
            return None
        if isinstance(value, (int, float)):
            number = float(value)
            if "%" in number_format or 0 < number < 1:
                number *= 100
        else:
            text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))
            sign = text.endswith("%")
            try:
                number = float(text.rstrip("%"))
            except ValueError:
                self.problem(col, row, "form_bad_percent", text=_quote(str(value)))
                return None
            if number != number or number in (float("inf"), float("-inf")):
                self.problem(col, row, "form_bad_percent", text=_quote(str(value)))
                return None
            if not sign and 0 < number < 1:
                number *= 100
        number = round(number, 6)
        if not 0 <= number <= 100:
            shown = int(number) if number == int(number) else number
            self.problem(col, row, "form_percent_range", value=shown)
            return None
        return round(number)

    def _date(self, row: int, value: Any) -> date | None:
        col = self.columns["日期"]
        day: date | None
        if isinstance(value, datetime):
            day = value.date()
        elif isinstance(value, date):
            day = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            day = _serial(value, self.epoch)
        elif isinstance(value, str):
            day = parse_cell_date(value, self.today)
        else:
            day = None
        if day is None:
            self.problem(col, row, "form_bad_date", text=_quote(_as_text(value)))
            return None
        if day.year < 2000:
            self.problem(col, row, "form_early_date", date=day.isoformat())
            return None
        if day > self.today:
            self.problem(
                col, row, "form_future_date", date=day.isoformat(), today=self.today.isoformat()
            )
            return None
        return day


_FORMULAS = frozenset({"ArrayFormula", "DataTableFormula"})


def _value(cell: Any) -> Any:
    """A cell's value; text stripped, and empty text as nothing."""
    if cell is None:
        return None
    value = getattr(cell, "value", None)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _as_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _quote(text: str) -> str:
    """A cell's text as quoted in a message: one line, at most 30 characters."""
    line = plain_text(text, one_line=True)
    return line if len(line) <= 30 else line[:29] + "…"


def _same(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value > 0 else None
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        return int(text) if text.isascii() and text.isdigit() and int(text) > 0 else None
    return None


def _serial(value: float, epoch: datetime) -> date | None:
    """An Excel date serial number, when it stands for a day between 2000 and 2099."""
    if value != value or not 36526 <= value < 73051 + 1462:  # 2000-01-01 .. 2099
        return None
    base = date(1899, 12, 30) if epoch.year < 1904 else date(1904, 1, 1)
    day = base + timedelta(days=int(value))
    return day if 2000 <= day.year <= 2099 else None


def parse_cell_date(text: str, today: date) -> date | None:
    """A date as typed in a cell, or None: qm's one date parser, :func:`dates.parse_date`
    (without a year, the latest such day on or before ``today``)."""
    from qualitymonth.dates import parse_date
    from qualitymonth.errors import UsageError

    try:
        return parse_date(text, today)
    except UsageError:
        return None

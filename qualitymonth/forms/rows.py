"""Read sheet 填报 of a form row by row: each filled row becomes a proposal or problems.

Columns are found by their headers, rows by their 序号; a formula in a cell the reader uses is
a problem, never data.  The workbook around the sheet (opening it, its identity, finding the
sheet) is :mod:`~qualitymonth.forms.read`'s.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from qualitymonth.forms.layout import (
    COLUMNS,
    MAX_BY_CHARS,
    SHEET,
    STATUS_WORDS,
    header_key,
    involved,
    plain_text,
)
from qualitymonth.forms.safety import MAX_ROWS, Refused
from qualitymonth.forms.values import Collected, FormIdentity, FormProblem, Proposal
from qualitymonth.journal import MAX_NOTE_CHARS

__all__ = ["HEADER_SEARCH", "LAST_ROW", "MAX_COLS", "RowReader", "parse_cell_date"]

#: The last sheet row read: the header, a little slack, and ``MAX_ROWS`` activities.
LAST_ROW = MAX_ROWS + 10
#: Columns looked at: the form's ten, and room for columns a clerk added.
MAX_COLS = 40
#: The header is looked for in the sheet's first rows only.
HEADER_SEARCH = 10
_REQUIRED = ("序号", "状态", "完成进度", "日期", "进展情况", "填报人")
#: The fill columns, in the order their cells are checked.
_FILL = ("状态", "完成进度", "日期", "进展情况", "填报人")
#: The fill columns that report something by themselves (a name or a date alone does not).
_REPORTING = ("状态", "完成进度", "进展情况")


def _letter(col: int) -> str:
    """A column's letters (1 -> A, 27 -> AA)."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class _Entry:
    """What a row's fill cells say, each already checked (a problem leaves it at its default)."""

    status: str | None
    percent: int | None
    day: date
    #: The date as written into the event id: empty when the row gave none.
    day_key: str
    note: str | None
    by: str


class RowReader:
    """Reads sheet 填报 row by row, collecting proposals and problems into ``out``."""

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

    # ------------------------------------------------------------------- the sheet

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
                if number > HEADER_SEARCH:
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

    # ------------------------------------------------------------------- one row

    def _row(self, row: int, cells: tuple[Any, ...]) -> None:
        """One row: its cells checked in column order, then proposed when nothing is wrong."""
        before = len(self.out.problems)
        fill = self._fill(row, cells)
        reported = any(name in fill for name in _REPORTING)
        if not reported and len(self.out.problems) == before:
            return  # an empty row, or only a name or a date: nothing to report
        self.out.rows += 1
        id_col = self.columns["序号"]
        activity = self._activity(row, id_col, self._cell(cells, "序号"), cells)
        entry = self._entry(row, fill)
        if len(self.out.problems) > before or activity is None:
            return
        step = _action(entry)
        if step is None:
            return  # 未开始 and nothing else: nothing happened
        action, percent = step
        self._propose(row, id_col, activity, action, percent, entry)

    def _fill(self, row: int, cells: tuple[Any, ...]) -> dict[str, tuple[Any, Any]]:
        """The filled fill cells, by column, as (value, cell); a formula or an error cell is
        a problem and is left out."""
        fill: dict[str, tuple[Any, Any]] = {}
        for name in _FILL:
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
        return fill

    def _entry(self, row: int, fill: Mapping[str, tuple[Any, Any]]) -> _Entry:
        """The fill cells read and checked, and checked against each other."""
        status = self._status(row, fill["状态"][0]) if "状态" in fill else None
        percent = None
        if "完成进度" in fill:
            value, cell = fill["完成进度"]
            percent = self._percent(row, value, str(getattr(cell, "number_format", "") or ""))
        day, day_key = self.today, ""
        if "日期" in fill:
            parsed = self._date(row, fill["日期"][0])
            if parsed is not None:
                day, day_key = parsed, parsed.isoformat()
        note = self._note(row, fill["进展情况"][0]) if "进展情况" in fill else None
        by = self._by(row, fill["填报人"][0]) if "填报人" in fill else ""
        pct_col = self.columns["完成进度"]
        if status == "done" and percent is not None and percent != 100:
            self.problem(pct_col, row, "form_done_percent", value=percent)
        if status == "todo" and percent:
            self.problem(pct_col, row, "form_todo_percent", value=percent)
        return _Entry(status, percent, day, day_key, note, by)

    def _propose(
        self, row: int, id_col: int, activity: int, action: str, percent: int | None, entry: _Entry
    ) -> None:
        """The row's proposal, its event id made from what it reports (the same row read
        twice proposes the same event)."""
        by = entry.by or self.department
        seed = "\x1f".join(
            ("qm-form-row", self.identity.form_id, str(activity), action,
             "" if percent is None else str(percent), entry.day_key, entry.note or "", by)
        )  # fmt: skip
        self.out.proposals.append(
            Proposal(
                event=hashlib.sha256(seed.encode()).hexdigest()[:32],
                activity=activity,
                action=action,
                date=entry.day,
                by=by,
                percent=percent,
                note=entry.note,
                source=self.source,
                form=self.identity.form_id,
                cell=f"{_letter(id_col)}{row}",
            )
        )

    # ------------------------------------------------------------------- the cells

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

    def _status(self, row: int, value: Any) -> str | None:
        word = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))
        if word in STATUS_WORDS:
            return STATUS_WORDS[word]
        self.problem(self.columns["状态"], row, "form_bad_status", text=_quote(str(value)))
        return None

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

    def _note(self, row: int, value: Any) -> str | None:
        note = plain_text(_as_text(value)) or None
        if note is not None and len(note) > MAX_NOTE_CHARS:
            self.problem(
                self.columns["进展情况"], row, "form_note_too_long",
                count=len(note), limit=MAX_NOTE_CHARS,
            )  # fmt: skip
        return note

    def _by(self, row: int, value: Any) -> str:
        by = plain_text(_as_text(value), one_line=True)
        if len(by) > MAX_BY_CHARS:
            self.problem(
                self.columns["填报人"], row, "form_by_too_long",
                count=len(by), limit=MAX_BY_CHARS,
            )  # fmt: skip
        return by


def _action(entry: _Entry) -> tuple[str, int | None] | None:
    """The journal action a checked row stands for, and the percent it carries; None when
    the row says only 未开始."""
    status, percent = entry.status, entry.percent
    if status == "done":
        return "done", None
    if percent is not None and status != "todo":
        return "progress", percent
    if status == "doing":
        return "start", percent
    if entry.note:
        return "note", None
    return None


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

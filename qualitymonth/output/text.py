"""What every text writer shares: making untrusted text safe, status and period labels, the
columns of an activity row and of an event row.  Never reads files, never exits.

Text from a plan or a journal is never trusted: it is shown as text, never as Rich markup,
terminal escapes, control characters or bidi overrides, and never as a spreadsheet formula.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from qualitymonth.i18n import Lang, t

if TYPE_CHECKING:  # rich is imported only when a table is drawn
    from qualitymonth.journal.events import Event
    from qualitymonth.model import Plan
    from qualitymonth.report import Agenda
    from qualitymonth.state import ActivityState

__all__ = ["one_line", "problems_text", "safe", "status_label"]

STATUS_STYLE = {"todo": "dim", "doing": "yellow", "done": "green"}


# --------------------------------------------------------------------------- safety


def safe(text: str) -> str:
    """``text`` with every control, format and bidi character made visible and harmless.

    Newlines stay (cells wrap); a tab becomes a space; ESC becomes ``␛`` (U+241B) and the
    like; other invisible format characters (bidi overrides, zero-width) become ``<U+202E>``.
    """
    if text.isprintable():
        return text
    out: list[str] = []
    for ch in text:
        if ch == "\n" or ch.isprintable():
            out.append(ch)
        elif ch == "\t":
            out.append(" ")
        elif ord(ch) < 0x20:
            out.append(chr(0x2400 + ord(ch)))
        elif ord(ch) == 0x7F:
            out.append("␡")
        elif unicodedata.category(ch) == "Zs":
            out.append(" ")
        else:
            out.append(f"<U+{ord(ch):04X}>")
    return "".join(out)


def one_line(text: str) -> str:
    return " ".join(safe(text).split())


# --------------------------------------------------------------------------- words


def status_label(state: ActivityState, lang: Lang) -> str:
    label = t(f"status_{state.status.value}", lang)
    if state.status.value != "done" and state.percent:
        label += f" {state.percent}%"
    if state.overdue:
        label += f" · {t('overdue', lang)}"
    elif state.late:
        label += f" · {t('late', lang)}"
    return label


def period_label(state: ActivityState, lang: Lang) -> str:
    p = state.period
    if p is None:
        return t("undated", lang)
    if p.start == p.end:
        return p.start.isoformat()
    return f"{p.start.isoformat()} – {p.end.isoformat()}"


def names(values: Iterable[str]) -> str:
    return "、".join(values)


# --------------------------------------------------------------------------- activity lists

LIST_FIELDS = ("id", "theme", "schedule", "lead", "assist", "status", "last_note")
FULL_FIELDS = (
    "id", "theme", "content", "schedule", "start", "end", "lead", "assist", "remark",
    "status", "percent", "overdue", "late", "done_on", "last_note",
)  # fmt: skip


def _cell(state: ActivityState, field: str, lang: Lang) -> Any:
    if field == "status":
        return status_label(state, lang)
    if field == "assist":
        return names(state.activity.assist)
    from qualitymonth.porcelain import activity_json

    return activity_json(state)[field]


def state_row(state: ActivityState, lang: Lang) -> list[Any]:
    """Every field of ``FULL_FIELDS``, as a spreadsheet shows them."""
    from qualitymonth.porcelain import activity_json

    d = activity_json(state)
    d["assist"] = names(state.activity.assist)
    d["status"] = t(f"status_{state.status.value}", lang)
    return [d[f] for f in FULL_FIELDS]


# --------------------------------------------------------------------------- one activity


def event_rows(events: Sequence[Event], lang: Lang) -> list[list[Any]]:
    rows = []
    for e in events:
        action = t(f"action_{e.action}", lang)
        if e.percent is not None and e.action == "progress":
            action += f" {e.percent}%"
        written = e.recorded.astimezone().strftime("%Y-%m-%d %H:%M")
        rows.append([e.date.isoformat(), e.activity, action, e.by, e.note or "", written])
    return rows


def event_header(lang: Lang) -> list[str]:
    keys = ("date", "id", "action", "by", "note", "recorded_at")
    return [t(k, lang) for k in keys]


# --------------------------------------------------------------------------- plan views


def problems_text(lines: Iterable[str]) -> str:
    return "\n".join(safe(line) for line in lines)


def agenda_rows(agenda: Agenda, lang: Lang) -> tuple[list[str], list[list[Any]]]:
    """The agenda as one table: a section column, then the full activity row."""
    header = [t("agenda_section", lang), *(t(f, lang) for f in FULL_FIELDS)]
    rows = [
        [t(f"agenda_{key}_short", lang), *state_row(s, lang)]
        for key, states in agenda.sections().items()
        for s in states
    ]
    return header, rows


def depts_rows(plan: Plan, lang: Lang) -> tuple[list[str], list[list[Any]]]:
    from qualitymonth.porcelain import depts_json

    header = [t("department", lang), t("leads", lang), t("assists", lang)]
    return header, [[r["department"], r["lead"], r["assist"]] for r in depts_json(plan)]


class _Cells(dict[str, int]):
    """Terminal cells per character, as Rich counts them (CJK two, most others one), learnt
    once per character: ``map(CELLS.__getitem__, text)`` then stays in C."""

    def __missing__(self, char: str) -> int:
        from rich.cells import get_character_cell_size

        self[char] = size = get_character_cell_size(char)
        return size


CELLS = _Cells()


def text_width(text: str) -> int:
    """Terminal cells ``text`` takes."""
    return len(text) if text.isascii() else sum(map(CELLS.__getitem__, text))


def wrap_cells(text: str, width: int) -> list[tuple[str, int]]:
    """``text`` cut into lines of at most ``width`` terminal cells, each with the cells it
    takes.  Break points are found by bisection over running widths, not char by char."""
    from bisect import bisect_right
    from itertools import accumulate

    out: list[tuple[str, int]] = []
    for para in text.split("\n"):
        if para.isascii() and len(para) <= width:
            out.append((para, len(para)))
            continue
        running = list(accumulate(map(CELLS.__getitem__, para)))
        if not running or running[-1] <= width:
            out.append((para, running[-1] if running else 0))
            continue
        start, base = 0, 0
        while start < len(para):
            end = max(start + 1, bisect_right(running, base + width, lo=start))
            out.append((para[start:end], running[end - 1] - base))
            start, base = end, running[end - 1]
    return out

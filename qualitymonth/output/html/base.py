"""What every part of the html page uses: the size limits, :func:`esc`, numbers, labels and
the status legend."""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from qualitymonth.i18n import Lang, t
from qualitymonth.output.doc import as_date, clean, status_of

#: At most this many activities are drawn on the timeline.
TIMELINE_ROWS = 60
#: At most this many rows in each list (overdue, ending soon, undated).
LIST_ROWS = 300
#: At most this many activities with notes, and this many notes for each.
NOTE_GROUPS = 200
NOTES_PER_ACTIVITY = 10
#: At most this many departments (or months) in a bar chart.
BAR_ROWS = 40
#: "Ending soon" means an end date within this many days of the as-of date.
ENDING_DAYS = 7


def esc(value: object) -> str:
    """``value`` as HTML text: control characters dropped, ``& < > " '`` escaped."""
    return html.escape(clean(value), quote=True)


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _rate(value: object) -> str:
    rate = value if isinstance(value, int | float) and not isinstance(value, bool) else 0.0
    return f"{rate * 100:.0f}%"


def _month_label(ym: object, lang: Lang) -> str:
    d = as_date(f"{ym}-01") if isinstance(ym, str) else None
    if d is None:
        return clean(ym)
    return f"{d.year}年{d.month}月" if lang == "zh" else d.strftime("%b %Y")


def _paren(value: object, lang: Lang) -> str:
    return f"（{value}）" if lang == "zh" else f" ({value})"


def _fit(text: str, units: float) -> str:
    """``text`` cut to about ``units`` wide characters (a CJK character is one, Latin about
    0.55), with an ellipsis when cut."""
    used = 0.0
    for i, ch in enumerate(text):
        used += 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55
        if used > units:
            return text[: max(i - 1, 0)] + "…"
    return text


def _f(x: float) -> str:
    """A coordinate with at most one decimal."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _legend(lang: Lang, counts: Mapping[str, Any] | None = None) -> str:
    items = "".join(
        f'<li><span class="sw {k}"></span>{esc(t(f"out_status_{k}", lang))}'
        + (f" <b>{_int(counts.get(k))}</b>" if counts is not None else "")
        + "</li>"
        for k in ("done", "doing", "todo", "overdue")
    )
    return f'<ul class="legend">{items}</ul>'


Split = tuple[int, int]
#: An activity on the timeline: its place in the plan, itself, its periods.
Row = tuple[int, Mapping[str, Any], list[tuple[date, date]]]


def overdue_split(activities: Iterable[Mapping[str, Any]]) -> Split:
    """How many overdue activities are in progress and how many not started."""
    doing = todo = 0
    for a in activities:
        if a.get("overdue"):
            status = status_of(a)
            doing += status == "doing"
            todo += status == "todo"
    return doing, todo


def _count_words(c: Mapping[str, Any], lang: Lang) -> str:
    return " · ".join(
        f"{t(f'out_status_{k}', lang)} {_int(c.get(k))}"
        for k in ("done", "doing", "todo")
        if _int(c.get(k))
    )


def _kind(activity: Mapping[str, Any]) -> str:
    status = status_of(activity)
    return "overdue" if activity.get("overdue") and status != "done" else status


def _mappings(value: object) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []

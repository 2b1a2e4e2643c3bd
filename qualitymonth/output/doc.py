"""Reading a writer's document: text made safe, dates, periods and status words.

The document is plain JSON-shaped values (:mod:`qualitymonth.porcelain`); its text comes from the
plan and the journal and is never trusted.  Shared by the html and ics writers.  Pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from qualitymonth.i18n import Lang, t

__all__ = [
    "as_date",
    "clean",
    "lang_of",
    "last_end",
    "one_line",
    "periods",
    "status_of",
    "status_words",
]

# C0 and C1 controls but newline and tab, bidi embeddings, overrides and isolates, lone
# surrogates and the two non-characters: dropped.
_DROP = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def clean(value: object) -> str:
    """``value`` as text with control characters dropped; CR/CRLF become LF, a tab a space."""
    if value is None:
        return ""
    text = str(value)
    if text.isprintable():
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _DROP.sub("", text)
    # Line and paragraph separators end a line, as a newline does.
    return text.replace("\u2028", "\n").replace("\u2029", "\n")


def one_line(value: object) -> str:
    """``clean(value)`` on one line, runs of white space made one space."""
    return " ".join(clean(value).split())


def as_date(value: object) -> date | None:
    """A ``YYYY-MM-DD`` string as a date; None for null or anything else."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def periods(activity: Mapping[str, Any]) -> list[tuple[date, date]]:
    """The activity's periods, in order; ``[[start, end]]`` when the document has no
    ``periods`` key (older JSON), empty when undated."""
    raw = activity.get("periods")
    pairs: list[Any] = (
        raw if isinstance(raw, list) else [[activity.get("start"), activity.get("end")]]
    )
    out: list[tuple[date, date]] = []
    for pair in pairs:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            continue
        start, end = as_date(pair[0]), as_date(pair[1])
        if start is None and end is None:
            continue
        start, end = start or end, end or start
        assert start is not None and end is not None
        out.append((min(start, end), max(start, end)))
    return sorted(out)


def last_end(activity: Mapping[str, Any]) -> date | None:
    """The end of the activity's last period (its deadline), or None when undated."""
    spans = periods(activity)
    return max(end for _, end in spans) if spans else None


def lang_of(options: Mapping[str, Any]) -> Lang:
    return "en" if options.get("lang") == "en" else "zh"


def status_of(activity: Mapping[str, Any]) -> str:
    status = activity.get("status")
    return status if status in ("todo", "doing", "done") else "todo"


def status_words(activity: Mapping[str, Any], lang: Lang) -> str:
    """未开始 / 进行中 60% / 已完成 2023-09-25, with 逾期 or 逾期完成 where it applies."""
    status = status_of(activity)
    words = t(f"out_status_{status}", lang)
    percent = activity.get("percent")
    if status == "doing" and isinstance(percent, int) and 0 < percent < 100:
        words += f" {percent}%"
    if status == "done" and as_date(activity.get("done_on")):
        words += f" {activity['done_on']}"
    if activity.get("overdue") and status != "done":
        words += " · " + t("out_status_overdue", lang)
    elif activity.get("late") and status == "done":
        words += " · " + t("out_status_late", lang)
    return words

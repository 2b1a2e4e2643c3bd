"""The html writer: one page for a department head, as one self-contained file.

No network: no stylesheet, font, script or image from elsewhere, and no script at all; a
Content-Security-Policy meta tag forbids loading anything, so a note cannot add a request even
if it got past the escaping.  Charts are inline SVG drawn here.  Every text from the plan or the
journal goes through :func:`esc` (``html.escape`` after dropping control characters): a note is
text, never markup.

The page reads on a phone (one card per activity under 40rem, no horizontal scroll at 390 px)
and prints on A4 (table headers repeated, colours kept).  Status colours differ in lightness
and in pattern (done solid dark, in progress striped, not started light, overdue hatched red),
so a greyscale print keeps them apart; every chart also says its numbers in words.

At scale the page aggregates: the status and department charts count, the timeline draws at
most :data:`TIMELINE_ROWS` activities, and every list stops after a fixed number of rows with a
"…以及另外 N 项" line, so 10,000 activities still make a page of a few hundred kilobytes.

The package: :mod:`.style` (the stylesheet, colours and patterns), :mod:`.base` (limits and
helpers), :mod:`.charts` (the bar charts), :mod:`.timeline` (the timeline) and
:mod:`.sections` (the header, figures, tables and notes); this module puts the page together.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from qualitymonth.i18n import Lang, t
from qualitymonth.output.doc import as_date, clean, lang_of, last_end, one_line, periods, status_of
from qualitymonth.output.html.base import (
    ENDING_DAYS,
    LIST_ROWS,
    TIMELINE_ROWS,
    Split,
    _mappings,
    _month_label,
    esc,
    overdue_split,
)
from qualitymonth.output.html.charts import _bar_chart, _status_chart
from qualitymonth.output.html.sections import _activity_table, _figures, _header, _notes
from qualitymonth.output.html.style import CSP, DEFS, STYLE
from qualitymonth.output.html.timeline import _timeline

__all__ = ["LIST_ROWS", "TIMELINE_ROWS", "render_report"]


def render_report(doc: Mapping[str, Any], options: Mapping[str, Any]) -> bytes:
    """The report document (``qm report --format json`` plus ``activities``) as one
    self-contained HTML page, UTF-8."""
    lang = lang_of(options)
    campaign = doc.get("campaign") or {}
    title = t("report_title", lang, name=one_line(campaign.get("name")))
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{esc(title)}</title><style>{STYLE}</style></head>\n<body>"
        + DEFS
        + "<main>\n"
        + "\n".join(_sections(doc, lang))
        + f"\n<footer>{esc(t('html_footer', lang, as_of=clean(doc.get('as_of'))))}</footer>"
        + "\n</main></body></html>\n"
    )
    return page.encode("utf-8", "replace")


def _sections(doc: Mapping[str, Any], lang: Lang) -> list[str]:
    """The page's sections, top to bottom."""
    totals: Mapping[str, Any] = doc.get("totals") or {}
    as_of = as_date(doc.get("as_of"))
    activities = _mappings(doc.get("activities"))
    months: list[tuple[str, Mapping[str, Any], Split | None]] = [
        (_month_label(row.get("month"), lang), row, None) for row in _mappings(doc.get("by_month"))
    ]
    undated = (
        _mappings(doc["undated"]) if "undated" in doc else [a for a in activities if not periods(a)]
    )

    def days_late(a: Mapping[str, Any]) -> str:
        end = last_end(a)
        return t("days_late", lang, n=(as_of - end).days) if as_of and end else ""

    def days_left(a: Mapping[str, Any]) -> str:
        end = last_end(a)
        if not (as_of and end):
            return ""
        n = (end - as_of).days
        return t("html_due_today", lang) if n == 0 else t("days_left", lang, n=n)

    body = [
        _header(doc, lang),
        _figures(totals, lang),
        _status_chart(totals, overdue_split(activities), lang),
        _bar_chart(
            "departments", t("section_by_department", lang), _departments(doc, activities), lang
        ),
    ]
    if len(months) > 1:
        body.append(_bar_chart("months", t("section_by_month", lang), months, lang))
    return [
        *body,
        _timeline(activities, as_of, lang),
        _activity_table(
            "overdue",
            t("section_overdue", lang),
            _mappings(doc.get("overdue")),
            lang,
            (t("days_overdue", lang), days_late),
        ),
        _activity_table(
            "ending",
            t("html_ending", lang, days=ENDING_DAYS),
            _ending(activities, as_of),
            lang,
            (t("days_col", lang), days_left),
        ),
        _activity_table("undated", t("html_undated", lang), undated, lang, None),
        _notes(_mappings(doc.get("notes")), activities, lang),
    ]


def _departments(
    doc: Mapping[str, Any], activities: list[Mapping[str, Any]]
) -> list[tuple[str, Mapping[str, Any], Split | None]]:
    """Each department's row, with how its overdue activities split (in progress, not
    started)."""
    by_lead: dict[str, list[Mapping[str, Any]]] = {}
    for a in activities:
        by_lead.setdefault(one_line(a.get("lead")), []).append(a)
    return [
        (name, row, overdue_split(by_lead.get(name, ())))
        for row in _mappings(doc.get("by_department"))
        for name in [one_line(row.get("department"))]
    ]


def _ending(activities: list[Mapping[str, Any]], as_of: date | None) -> list[Mapping[str, Any]]:
    """The activities not done that end within :data:`ENDING_DAYS` of ``as_of``, soonest
    first."""
    if not as_of:
        return []
    horizon = as_of + timedelta(days=ENDING_DAYS)
    return sorted(
        (
            a
            for a in activities
            if status_of(a) != "done" and (end := last_end(a)) and as_of <= end <= horizon
        ),
        key=lambda a: (last_end(a) or date.max, str(a.get("id"))),
    )

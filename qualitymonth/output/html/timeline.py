"""The timeline: each activity's periods against the months, and the as-of date; a wide SVG
for a screen or paper and a narrow one for a phone.  At most :data:`TIMELINE_ROWS` activities
are drawn, the most urgent first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from qualitymonth.i18n import Lang, t
from qualitymonth.output.doc import one_line, periods, status_words
from qualitymonth.output.html.base import (
    TIMELINE_ROWS,
    Row,
    _f,
    _fit,
    _kind,
    _legend,
    _paren,
    esc,
)
from qualitymonth.output.html.style import FILL, GRID, INK, MUTED, OVER


def _timeline(activities: Sequence[Mapping[str, Any]], as_of: date | None, lang: Lang) -> str:
    heading = f'<section id="timeline"><h2>{esc(t("html_timeline", lang))}</h2>'
    dated = [(i, a, periods(a)) for i, a in enumerate(activities)]
    dated = [row for row in dated if row[2]]
    if not dated:
        return heading + f"<p>{esc(t('no_dated_activities', lang))}</p></section>"
    rows = dated
    if len(dated) > TIMELINE_ROWS:
        far = date.max

        def urgency(row: Row) -> tuple[Any, ...]:
            _, a, spans = row
            end = spans[-1][1]
            kind = _kind(a)
            rank = {"overdue": 0, "doing": 1, "todo": 1, "done": 2}[kind]
            soon = end >= as_of if as_of else True
            return (rank, 0 if soon else 1, end if rank < 2 else far, row[0])

        rows = sorted(sorted(dated, key=urgency)[:TIMELINE_ROWS], key=lambda row: row[0])
    first = min(s for _, _, spans in rows for s, _ in spans)
    last = max(e for _, _, spans in rows for _, e in spans)
    if as_of:
        first, last = min(first, as_of), max(last, as_of)
    months: list[date] = []
    m = first.replace(day=1)
    while m <= last:
        months.append(m)
        m = (m + timedelta(days=32)).replace(day=1)
    end_day = m  # the first day after the last month
    wide = _timeline_svg(rows, months, end_day, as_of, lang, narrow=False)
    narrow = _timeline_svg(rows, months, end_day, as_of, lang, narrow=True)
    note = ""
    if len(rows) < len(dated):
        cap = t("html_timeline_cap", lang, total=len(dated), shown=len(rows))
        more = t("html_more", lang, n=len(dated) - len(rows))
        note = f'<p class="more">{esc(cap)} {esc(more)}</p>'
    return (
        heading
        + f'<figure class="scroll tl wide">{wide}</figure>'
        + f'<figure class="tl narrow">{narrow}</figure>'
        + f"{_legend(lang)}{note}</section>"
    )


class _Frame:
    """The timeline's geometry: the SVG's size, the plot's left edge and width, the months."""

    def __init__(self, months: Sequence[date], end_day: date, n_rows: int, *, narrow: bool) -> None:
        if narrow:
            self.w, self.label_w, self.head, self.row_h = 360, 0, 40, 34
            self.bar_y, self.bar_h, self.text_y = 17, 12, 12
            self.font, self.month_font, self.label_units, self.group = 12, 11, 27, '<g class="n">'
            self.halo = ' stroke="#fff" stroke-width="3" stroke-opacity=".85" paint-order="stroke"'
        else:
            self.w, self.label_w, self.head, self.row_h = 960, 300, 46, 24
            self.bar_y, self.bar_h, self.text_y = 5, 14, 17
            self.font, self.month_font, self.label_units, self.group = 14, 13, 20, "<g>"
            self.halo = ""
        self.narrow = narrow
        self.months = months
        self.end_day = end_day
        self.span = (end_day - months[0]).days
        self.left = self.label_w or 2
        self.plot = self.w - self.left - 4
        self.h = self.head + self.row_h * n_rows + 6

    def x_of(self, d: date) -> float:
        return self.left + self.plot * (d - self.months[0]).days / self.span


def _timeline_svg(
    rows: Sequence[Row],
    months: Sequence[date],
    end_day: date,
    as_of: date | None,
    lang: Lang,
    narrow: bool,
) -> str:
    """The timeline's SVG: wide, with the labels in a column left of the bars; or narrow
    (for a phone), with each label on a line above its bars."""
    fr = _Frame(months, end_day, len(rows), narrow=narrow)
    parts = [
        f'<svg viewBox="0 0 {fr.w} {fr.h}" role="img" '
        f'aria-label="{esc(t("html_timeline", lang))}">',
    ]
    for i in range(len(rows)):
        if i % 2 == 0:
            parts.append(
                f'<rect x="0" y="{fr.head + i * fr.row_h}" width="{fr.w}" height="{fr.row_h}" '
                'fill="#f3f5f7"/>'
            )
    parts += _month_grid(fr, lang)
    for i, (_, a, spans) in enumerate(rows):
        parts += _timeline_row(fr, fr.head + i * fr.row_h, a, spans, lang)
    if as_of and months[0] <= as_of < end_day:
        parts.append(_as_of_marker(fr, as_of, lang))
    parts.append("</svg>")
    return "".join(parts)


def _month_grid(fr: _Frame, lang: Lang) -> list[str]:
    """A line at the start of each month, and the months' names (every one, or every few)."""
    months, end_day, month_font = fr.months, fr.end_day, fr.month_font
    parts: list[str] = []
    many_years = months[0].year != months[-1].year
    step = max(1, -(-len(months) * month_font * 3 // fr.plot))  # label every step-th month
    for k, m in enumerate(months):
        x = fr.x_of(m)
        parts.append(
            f'<line x1="{_f(x)}" y1="{fr.head - 6}" x2="{_f(x)}" y2="{fr.h}" stroke="{GRID}" '
            'stroke-width="1"/>'
        )
        if k % step == 0:
            nxt = months[k + 1] if k + 1 < len(months) else end_day
            label = (
                (f"{m.year}年{m.month}月" if lang == "zh" else m.strftime("%b %Y"))
                if many_years and (k == 0 or m.month == 1) and not fr.narrow
                else (f"{m.month}月" if lang == "zh" else m.strftime("%b"))
            )
            parts.append(
                f'<text x="{_f((x + fr.x_of(nxt)) / 2 if step == 1 else x + 3)}" '
                f'y="{fr.head - 10}" font-size="{month_font}" fill="{MUTED}"'
                + (' text-anchor="middle"' if step == 1 else "")
                + f">{esc(label)}</text>"
            )
    return parts


def _timeline_row(
    fr: _Frame, y: int, a: Mapping[str, Any], spans: Sequence[tuple[date, date]], lang: Lang
) -> list[str]:
    """One activity: its label (the whole of it in a tooltip) and a bar for each period."""
    label = f"{one_line(a.get('id'))} {one_line(a.get('theme'))}"
    kind = _kind(a)
    words = status_words(a, lang)
    parts = [
        f"{fr.group}<title>{esc(label)}{esc(_paren(one_line(a.get('schedule')), lang))}"
        f" {esc(words)}</title>"
        f'<text x="4" y="{y + fr.text_y}" font-size="{fr.font}" fill="{INK}"{fr.halo}>'
        f"{esc(_fit(label, fr.label_units))}</text>"
    ]
    for s, e in spans:
        x0, x1 = fr.x_of(s), fr.x_of(e + timedelta(days=1))
        parts.append(
            f'<rect x="{_f(x0)}" y="{y + fr.bar_y}" width="{_f(max(x1 - x0, 3))}" '
            f'height="{fr.bar_h}" rx="2" fill="{FILL[kind]}"'
            + (f' stroke="{OVER}" stroke-width="1.5"' if kind == "overdue" else "")
            + (' stroke="#8a949e"' if kind == "todo" else "")
            + "/>"
        )
    parts.append("</g>")
    return parts


def _as_of_marker(fr: _Frame, as_of: date, lang: Lang) -> str:
    """A dashed red line through the middle of the as-of day, labelled with the date."""
    x = fr.x_of(as_of) + fr.plot / fr.span / 2
    right = x > fr.w - 80
    return (
        f'<line x1="{_f(x)}" y1="18" x2="{_f(x)}" y2="{fr.h}" stroke="{OVER}" '
        'stroke-width="2" stroke-dasharray="5 3"/>'
        f'<text x="{_f(x)}" y="14" font-size="{fr.month_font}" fill="{OVER}" '
        f'text-anchor="{"end" if right else "start"}" dx="{"-4" if right else "4"}" '
        f'font-weight="700">{esc(t("as_of", lang))} {as_of.month}-{as_of.day:02d}</text>'
    )

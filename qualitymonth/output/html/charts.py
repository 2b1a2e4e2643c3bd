"""The bar charts: the status of all activities, and one bar per department (or month).

Every chart also says its numbers in words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from qualitymonth.i18n import Lang, t
from qualitymonth.output.html.base import (
    BAR_ROWS,
    Split,
    _count_words,
    _f,
    _int,
    _legend,
    _rate,
    esc,
)
from qualitymonth.output.html.style import FILL, GRID, OVER


def _bar_svg(
    counts: Mapping[str, Any], top: int, split: Split | None, label: str, h: int = 20
) -> str:
    """One bar, to the scale of ``top`` activities: done, in progress and not started side by
    side, and under it a hatched red strip below exactly the overdue ones (in progress ones
    at the end of their segment, not started ones at the start of theirs).

    Lengths are percentages of the SVG's width, with no viewBox: the bar spans any width at
    a fixed height and its patterns keep their angle."""
    scale = 100 / max(top, 1)
    done, doing, todo = (_int(counts.get(k)) for k in ("done", "doing", "todo"))
    overdue = min(_int(counts.get("overdue")), doing + todo)
    if split is None or sum(split) != overdue or split[0] > doing or split[1] > todo:
        split = (min(overdue, doing), overdue - min(overdue, doing))
    out = [f'<svg width="100%" height="{h + 9}" role="img" aria-label="{esc(label)}">']
    x = 0.0
    for kind, n in (("done", done), ("doing", doing), ("todo", todo)):
        if n > 0:
            stroke = ' stroke="#8a949e" stroke-width="1"' if kind == "todo" else ""
            out.append(
                f'<rect x="{_f(x)}%" y="0" width="{_f(n * scale)}%" height="{h}" '
                f'fill="{FILL[kind]}"{stroke}/>'
            )
            x += n * scale
    if x == 0:  # no activities: a dashed outline
        out.append(
            f'<rect x="0" y="0.5" width="100%" height="{h - 1}" fill="none" '
            f'stroke="{GRID}" stroke-dasharray="4 3"/>'
        )
    if overdue:
        x0 = (done + doing - split[0]) * scale
        out.append(
            f'<rect x="{_f(x0)}%" y="{h + 2}" width="{_f(overdue * scale)}%" height="6" '
            f'fill="url(#p-over)" stroke="{OVER}" stroke-width="1"/>'
        )
    return "".join(out) + "</svg>"


def _status_chart(totals: Mapping[str, Any], split: Split, lang: Lang) -> str:
    summary = t(
        "html_status_summary",
        lang,
        done=_int(totals.get("done")),
        doing=_int(totals.get("doing")),
        todo=_int(totals.get("todo")),
        overdue=_int(totals.get("overdue")),
    )
    top = max(sum(_int(totals.get(k)) for k in ("done", "doing", "todo")), 1)
    return (
        f'<section id="status"><h2>{esc(t("html_status_chart", lang))}</h2>'
        f'<figure class="bar">{_bar_svg(totals, top, split, summary, 36)}'
        f"<figcaption>{esc(summary)}</figcaption>{_legend(lang, totals)}</figure></section>"
    )


def _bar_chart(
    section_id: str,
    heading: str,
    rows: Sequence[tuple[str, Mapping[str, Any], Split | None]],
    lang: Lang,
) -> str:
    """A stacked bar per row (department or month), all to one scale, with the name and the
    figures written above each bar in HTML (so they read at any width)."""
    shown = rows[:BAR_ROWS]
    top = max((_int(c.get("activities")) for _, c, _ in shown), default=0)
    out = [f'<section id="{section_id}"><h2>{esc(heading)}</h2><figure>']
    for label, c, split in shown:
        overdue = _int(c.get("overdue"))
        figures = (
            f"{_int(c.get('done'))}/{_int(c.get('activities'))} · {_rate(c.get('completion_rate'))}"
        )
        over = (
            f'<b class="over">{esc(t("out_status_overdue", lang))} {overdue}</b> · '
            if overdue
            else ""
        )
        words = _count_words(c, lang)
        out.append(
            f'<div class="row"><div class="lab"><span class="name">{esc(label)}</span>'
            f'<span class="fg">{over}{esc(figures)}</span></div>'
            f'<div class="bar">{_bar_svg(c, top, split, f"{label}: {words}")}</div>'
            f'<div class="words">{esc(words)}</div></div>'
        )
    out.append(f"{_legend(lang)}</figure>")
    if len(rows) > len(shown):
        key = "html_more_departments" if section_id == "departments" else "html_more"
        more = t(key, lang, n=len(rows) - len(shown))
        out.append(f'<p class="more">{esc(more)}</p>')
    return "".join(out) + "</section>"

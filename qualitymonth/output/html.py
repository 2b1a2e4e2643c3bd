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
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from qualitymonth.i18n import Lang, t
from qualitymonth.output.doc import (
    as_date,
    clean,
    lang_of,
    last_end,
    one_line,
    periods,
    status_of,
    status_words,
)

__all__ = ["render_report"]

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

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

# Solid fills; "doing" and "overdue" are patterns (see DEFS).
DONE, DOING, TODO, OVER, INK, MUTED, GRID = (
    "#1e6b3a", "#f0a202", "#d7dde3", "#c62828", "#1d232a", "#5b6570", "#c9d0d7",
)  # fmt: skip

STYLE = """
:root{--done:#1e6b3a;--doing:#f0a202;--todo:#d7dde3;--over:#c62828;--ink:#1d232a;
--muted:#5b6570;--line:#d0d6dc;--bg:#f3f5f7}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);line-height:1.55;font-size:16px;
font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB",
"Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.25rem 0 .25rem;line-height:1.3}
h2{font-size:1.15rem;margin:0 0 .6rem}
h3{font-size:1rem;margin:1rem 0 .3rem}
p{margin:.3rem 0}
.meta{color:var(--muted);margin:0}
section{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:1rem;
margin:1rem 0;min-width:0}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.6rem;
background:none;border:0;padding:0}
.fig{background:#fff;border:1px solid var(--line);border-left-width:.4rem;border-radius:.5rem;
padding:.5rem .75rem}
.fig span{display:block;color:var(--muted);font-size:.9rem}
.fig b{display:block;font-size:1.9rem;line-height:1.2;font-variant-numeric:tabular-nums}
.fig small{color:var(--muted)}
.fig.done{border-left-color:var(--done)}
.fig.doing{border-left-color:var(--doing)}
.fig.todo{border-left-color:#9aa5b1}
.fig.overdue{border-left-color:var(--over)}
.fig.overdue b{color:var(--over)}
.sw{display:inline-block;width:1.1em;height:.8em;vertical-align:-.05em;margin-right:.3em;
border:1px solid #8a949e}
.sw.done{background:var(--done);border-color:var(--done)}
.sw.doing{background:repeating-linear-gradient(45deg,var(--doing) 0 3px,#fff 3px 5px)}
.sw.todo{background:var(--todo)}
.sw.overdue{border:2px solid var(--over);
background:repeating-linear-gradient(-45deg,var(--over) 0 2px,transparent 2px 5px)}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;color:var(--muted);font-size:.9rem;
margin:.4rem 0 0;padding:0;list-style:none}
figure{margin:0;break-inside:avoid}
svg{display:block;width:100%;height:auto;font-family:inherit}
svg.defs{position:absolute;width:0;height:0;overflow:hidden}
.row{margin:0 0 .55rem}
.lab{display:flex;flex-wrap:wrap;justify-content:space-between;gap:0 1rem}
.name{font-weight:600}
.fg{color:var(--muted);font-variant-numeric:tabular-nums}
.over{color:var(--over)}
.words{color:var(--muted);font-size:.85rem}
.cid{display:none}
.scroll{overflow-x:auto}
.tl.wide svg{min-width:42rem}
.tl.narrow{display:none}
table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{border-bottom:1px solid var(--line);padding:.4rem .45rem;text-align:left;
vertical-align:top;overflow-wrap:anywhere}
th{background:#eef1f4;font-weight:600;white-space:nowrap}
td.n{white-space:nowrap;font-variant-numeric:tabular-nums}
td.t{width:28%}
td.d{min-width:4.5em}
.note{white-space:pre-line}
.st{display:inline-block;padding:0 .4em;border-radius:.25em;border:1px solid #8a949e;
white-space:nowrap;font-size:.9em}
.st.done{background:var(--done);border-color:var(--done);color:#fff}
.st.doing{background:repeating-linear-gradient(45deg,#fde7b0 0 4px,#fff 4px 7px);
border-color:#b27700}
.st.todo{background:#fff;border-style:dashed}
.st.overdue{background:var(--over);border-color:var(--over);color:#fff;font-weight:700}
.more{color:var(--muted);font-style:italic}
ul.notes{margin:.2rem 0 .6rem;padding-left:1.2rem}
ul.notes li{margin:.15rem 0}
.when{color:var(--muted);font-variant-numeric:tabular-nums;white-space:nowrap}
footer{color:var(--muted);font-size:.85rem;text-align:center;margin:1rem 0 2rem}
@media (max-width:40rem){
main{padding:.6rem}
section{padding:.75rem}
table.cards thead{display:none}
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
table.cards tr{border:1px solid var(--line);border-radius:.5rem;margin:.5rem 0;
padding:.4rem .6rem}
table.cards td{border:0;padding:.1rem 0}
table.cards td[data-label]::before{content:attr(data-label) "：";color:var(--muted)}
html[lang="en"] table.cards td[data-label]::before{content:attr(data-label) ": "}
table.cards td.t{font-weight:600}
table.cards td.id{display:none}
table.cards .cid{display:inline}
.tl.wide{display:none}
.tl.narrow{display:block}
}
@media print{
@page{size:A4;margin:14mm 12mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{background:#fff;font-size:10.5pt}
main{max-width:none;padding:0}
section{border:0;border-top:1px solid var(--line);border-radius:0;padding:.5rem 0;margin:.5rem 0}
h2{break-after:avoid}
h3{break-after:avoid}
.fig{break-inside:avoid}
thead{display:table-header-group}
.figures{grid-template-columns:repeat(6,1fr);gap:.4rem}
.fig b{font-size:1.5rem}
tr{break-inside:avoid}
.scroll{overflow:visible}
.tl.wide svg{min-width:0}
footer{margin:.5rem 0 0}
}
"""


# --------------------------------------------------------------------------- small helpers


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


#: The fill patterns, defined once for every SVG on the page.
DEFS = (
    '<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>'
    '<pattern id="p-doing" width="7" height="7" patternUnits="userSpaceOnUse" '
    f'patternTransform="rotate(45)"><rect width="7" height="7" fill="{DOING}"/>'
    '<rect width="2.5" height="7" fill="#fff" fill-opacity=".75"/></pattern>'
    '<pattern id="p-over" width="6" height="6" patternUnits="userSpaceOnUse" '
    f'patternTransform="rotate(-45)"><rect width="6" height="6" fill="#fbe3e3"/>'
    f'<rect width="2.4" height="6" fill="{OVER}"/></pattern></defs></svg>'
)
FILL = {"done": DONE, "doing": "url(#p-doing)", "todo": TODO, "overdue": "url(#p-over)"}


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


def _count_words(c: Mapping[str, Any], lang: Lang) -> str:
    return " · ".join(
        f"{t(f'out_status_{k}', lang)} {_int(c.get(k))}"
        for k in ("done", "doing", "todo")
        if _int(c.get(k))
    )


# --------------------------------------------------------------------------- sections


def _header(doc: Mapping[str, Any], lang: Lang) -> str:
    c = doc.get("campaign") or {}
    scope = doc.get("scope") or {}
    month = scope.get("month")
    words = t(
        "scope_line",
        lang,
        month=_month_label(month, lang) if month else t("whole_campaign", lang),
        dept=clean(scope.get("dept")) or t("all_departments", lang),
        as_of=clean(doc.get("as_of")),
    )
    first = " · ".join(esc(v) for v in (c.get("doc_no"), c.get("issuer")) if v)
    theme = f'<p class="meta">{esc(c.get("theme"))}</p>' if c.get("theme") else ""
    return (
        f"<header><h1>{esc(t('report_title', lang, name=one_line(c.get('name'))))}</h1>"
        + (f'<p class="meta">{first}</p>' if first else "")
        + theme
        + f'<p class="meta">{esc(words)}</p></header>'
    )


def _figures(totals: Mapping[str, Any], lang: Lang) -> str:
    late = _int(totals.get("late"))
    late_line = f"<small>{esc(t('out_status_late', lang))} {late}</small>" if late else ""
    figs = [
        ("all", t("html_activities", lang), str(_int(totals.get("activities"))), ""),
        ("done", t("out_status_done", lang), str(_int(totals.get("done"))), late_line),
        ("doing", t("out_status_doing", lang), str(_int(totals.get("doing"))), ""),
        ("todo", t("out_status_todo", lang), str(_int(totals.get("todo"))), ""),
        ("overdue", t("out_status_overdue", lang), str(_int(totals.get("overdue"))), ""),
        ("rate", t("col_rate", lang), _rate(totals.get("completion_rate")), ""),
    ]
    cells = "".join(
        f'<div class="fig {k}" id="fig-{k}"><span>{esc(label)}</span><b>{esc(value)}</b>'
        f"{extra}</div>"
        for k, label, value, extra in figs
    )
    return f'<section class="figures" aria-label="{esc(t("html_figures", lang))}">{cells}</section>'


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


def _kind(activity: Mapping[str, Any]) -> str:
    status = status_of(activity)
    return "overdue" if activity.get("overdue") and status != "done" else status


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
    if narrow:
        w, label_w, head, row_h, bar_y, bar_h, text_y = 360, 0, 40, 34, 17, 12, 12
        font, month_font, label_units, group = 12, 11, 27, '<g class="n">'
        halo = ' stroke="#fff" stroke-width="3" stroke-opacity=".85" paint-order="stroke"'
    else:
        w, label_w, head, row_h, bar_y, bar_h, text_y = 960, 300, 46, 24, 5, 14, 17
        font, month_font, label_units, group = 14, 13, 20, "<g>"
        halo = ""
    span = (end_day - months[0]).days
    left = label_w or 2
    plot = w - left - 4
    h = head + row_h * len(rows) + 6

    def x_of(d: date) -> float:
        return left + plot * (d - months[0]).days / span

    parts = [
        f'<svg viewBox="0 0 {w} {h}" role="img" aria-label="{esc(t("html_timeline", lang))}">',
    ]
    for i in range(len(rows)):
        if i % 2 == 0:
            parts.append(
                f'<rect x="0" y="{head + i * row_h}" width="{w}" height="{row_h}" fill="#f3f5f7"/>'
            )
    many_years = months[0].year != months[-1].year
    step = max(1, -(-len(months) * month_font * 3 // plot))  # label every step-th month
    for k, m in enumerate(months):
        x = x_of(m)
        parts.append(
            f'<line x1="{_f(x)}" y1="{head - 6}" x2="{_f(x)}" y2="{h}" stroke="{GRID}" '
            'stroke-width="1"/>'
        )
        if k % step == 0:
            nxt = months[k + 1] if k + 1 < len(months) else end_day
            label = (
                (f"{m.year}年{m.month}月" if lang == "zh" else m.strftime("%b %Y"))
                if many_years and (k == 0 or m.month == 1) and not narrow
                else (f"{m.month}月" if lang == "zh" else m.strftime("%b"))
            )
            parts.append(
                f'<text x="{_f((x + x_of(nxt)) / 2 if step == 1 else x + 3)}" y="{head - 10}" '
                f'font-size="{month_font}" fill="{MUTED}"'
                + (' text-anchor="middle"' if step == 1 else "")
                + f">{esc(label)}</text>"
            )
    for i, (_, a, spans) in enumerate(rows):
        y = head + i * row_h
        label = f"{one_line(a.get('id'))} {one_line(a.get('theme'))}"
        kind = _kind(a)
        words = status_words(a, lang)
        parts.append(
            f"{group}<title>{esc(label)}{esc(_paren(one_line(a.get('schedule')), lang))}"
            f" {esc(words)}</title>"
            f'<text x="4" y="{y + text_y}" font-size="{font}" fill="{INK}"{halo}>'
            f"{esc(_fit(label, label_units))}</text>"
        )
        for s, e in spans:
            x0, x1 = x_of(s), x_of(e + timedelta(days=1))
            parts.append(
                f'<rect x="{_f(x0)}" y="{y + bar_y}" width="{_f(max(x1 - x0, 3))}" '
                f'height="{bar_h}" rx="2" fill="{FILL[kind]}"'
                + (f' stroke="{OVER}" stroke-width="1.5"' if kind == "overdue" else "")
                + (' stroke="#8a949e"' if kind == "todo" else "")
                + "/>"
            )
        parts.append("</g>")
    if as_of and months[0] <= as_of < end_day:
        x = x_of(as_of) + plot / span / 2
        right = x > w - 80
        parts.append(
            f'<line x1="{_f(x)}" y1="18" x2="{_f(x)}" y2="{h}" stroke="{OVER}" '
            'stroke-width="2" stroke-dasharray="5 3"/>'
            f'<text x="{_f(x)}" y="14" font-size="{month_font}" fill="{OVER}" '
            f'text-anchor="{"end" if right else "start"}" dx="{"-4" if right else "4"}" '
            f'font-weight="700">{esc(t("as_of", lang))} {as_of.month}-{as_of.day:02d}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _activity_table(
    section_id: str,
    heading: str,
    activities: Sequence[Mapping[str, Any]],
    lang: Lang,
    when: tuple[str, Any] | None,
) -> str:
    """A table of activities (a card each on a phone); ``when`` is an extra column: its
    heading and a function of the activity giving the cell."""
    out = [f'<section id="{section_id}"><h2>{esc(heading + _paren(len(activities), lang))}</h2>']
    if not activities:
        return "".join(out) + f"<p>{esc(t('none', lang))}</p></section>"
    keys = ["id", "theme", "lead", "schedule", "deadline"]
    labels = [t(k, lang) for k in keys]
    if when:
        labels.append(when[0])
    labels += [t("status", lang), t("last_note", lang)]
    out.append(
        '<table class="cards"><thead><tr>'
        + "".join(f"<th>{esc(x)}</th>" for x in labels)
        + "</tr></thead><tbody>"
    )
    for a in activities[:LIST_ROWS]:
        end = last_end(a)
        kind = _kind(a)
        cells = [
            f'<td class="n id">{esc(a.get("id"))}</td>',
            f'<td class="t"><span class="cid">{esc(a.get("id"))}. </span>'
            f"{esc(one_line(a.get('theme')))}</td>",
            f'<td class="d" data-label="{esc(labels[2])}">{esc(one_line(a.get("lead")))}</td>',
            f'<td data-label="{esc(labels[3])}">{esc(one_line(a.get("schedule")))}</td>',
        ]
        if end:
            cells.append(f'<td class="n" data-label="{esc(labels[4])}">{end.isoformat()}</td>')
        else:
            cells.append(f'<td data-label="{esc(labels[4])}">{esc(t("undated", lang))}</td>')
        if when:
            cells.append(f'<td class="n" data-label="{esc(when[0])}">{esc(when[1](a))}</td>')
        cells.append(
            f'<td data-label="{esc(labels[-2])}"><span class="st {kind}">'
            f"{esc(status_words(a, lang))}</span></td>"
        )
        note = clean(a.get("last_note")).strip()
        cells.append(
            f'<td class="note" data-label="{esc(labels[-1])}">{esc(note) if note else "—"}</td>'
        )
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    if len(activities) > LIST_ROWS:
        out.append(
            f'<p class="more">{esc(t("html_more", lang, n=len(activities) - LIST_ROWS))}</p>'
        )
    return "".join(out) + "</section>"


def _notes(
    notes: Iterable[Mapping[str, Any]], activities: Sequence[Mapping[str, Any]], lang: Lang
) -> str:
    out = [f'<section id="notes"><h2>{esc(t("section_notes", lang))}</h2>']
    order = {a.get("id"): i for i, a in enumerate(activities)}
    themes = {a.get("id"): a.get("theme") for a in activities}
    groups: dict[Any, list[Mapping[str, Any]]] = {}
    for e in notes:
        if isinstance(e, Mapping) and clean(e.get("note")).strip():
            key = e.get("activity")
            groups.setdefault(key if isinstance(key, int | str) else None, []).append(e)
    if not groups:
        return "".join(out) + f"<p>{esc(t('none', lang))}</p></section>"
    ranked = sorted(groups.items(), key=lambda kv: (order.get(kv[0], len(order)), str(kv[0])))
    for key, events in ranked[:NOTE_GROUPS]:
        theme = one_line(themes.get(key)) if key in themes else ""
        out.append(f"<h3>{esc(key)}. {esc(theme)}</h3>")
        out.append('<ul class="notes">')
        if len(events) > NOTES_PER_ACTIVITY:
            more = t("html_more_notes", lang, n=len(events) - NOTES_PER_ACTIVITY)
            out.append(f'<li class="more">{esc(more)}</li>')
        for e in events[-NOTES_PER_ACTIVITY:]:
            by = one_line(e.get("by"))
            action = e.get("action")
            what = (
                t(f"action_{action}", lang)
                if action in ("start", "progress", "done", "reopen")
                else ""
            )
            if action == "progress" and isinstance(e.get("percent"), int):
                what += f" {e['percent']}%"
            head = " · ".join(x for x in (by, what) if x)
            out.append(
                f'<li><span class="when">{esc(e.get("date"))}</span> '
                + (f"{esc(head)}{'：' if lang == 'zh' else ': '}" if head else "")
                + f'<span class="note">{esc(clean(e.get("note")).strip())}</span></li>'
            )
        out.append("</ul>")
    if len(ranked) > NOTE_GROUPS:
        out.append(f'<p class="more">{esc(t("html_more", lang, n=len(ranked) - NOTE_GROUPS))}</p>')
    return "".join(out) + "</section>"


# --------------------------------------------------------------------------- the page


def _mappings(value: object) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def render_report(doc: Mapping[str, Any], options: Mapping[str, Any]) -> bytes:
    """The report document (``qm report --format json`` plus ``activities``) as one
    self-contained HTML page, UTF-8."""
    lang = lang_of(options)
    totals: Mapping[str, Any] = doc.get("totals") or {}
    as_of = as_date(doc.get("as_of"))
    activities = _mappings(doc.get("activities"))
    campaign = doc.get("campaign") or {}
    title = t("report_title", lang, name=one_line(campaign.get("name")))

    by_lead: dict[str, list[Mapping[str, Any]]] = {}
    for a in activities:
        by_lead.setdefault(one_line(a.get("lead")), []).append(a)
    departments: list[tuple[str, Mapping[str, Any], Split | None]] = [
        (name, row, overdue_split(by_lead.get(name, ())))
        for row in _mappings(doc.get("by_department"))
        for name in [one_line(row.get("department"))]
    ]
    months: list[tuple[str, Mapping[str, Any], Split | None]] = [
        (_month_label(row.get("month"), lang), row, None) for row in _mappings(doc.get("by_month"))
    ]
    undated = (
        _mappings(doc["undated"]) if "undated" in doc else [a for a in activities if not periods(a)]
    )
    ending: list[Mapping[str, Any]] = []
    if as_of:
        horizon = as_of + timedelta(days=ENDING_DAYS)
        ending = sorted(
            (
                a
                for a in activities
                if status_of(a) != "done" and (end := last_end(a)) and as_of <= end <= horizon
            ),
            key=lambda a: (last_end(a) or date.max, str(a.get("id"))),
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
        _bar_chart("departments", t("section_by_department", lang), departments, lang),
    ]
    if len(months) > 1:
        body.append(_bar_chart("months", t("section_by_month", lang), months, lang))
    body += [
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
            ending,
            lang,
            (t("days_col", lang), days_left),
        ),
        _activity_table("undated", t("html_undated", lang), undated, lang, None),
        _notes(_mappings(doc.get("notes")), activities, lang),
    ]
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{esc(title)}</title><style>{STYLE}</style></head>\n<body>"
        + DEFS
        + "<main>\n"
        + "\n".join(body)
        + f"\n<footer>{esc(t('html_footer', lang, as_of=clean(doc.get('as_of'))))}</footer>"
        + "\n</main></body></html>\n"
    )
    return page.encode("utf-8", "replace")

"""The page's text sections: the header, the figures, the activity tables (a card each on a
phone) and the notes.  Every list stops after a fixed number of rows with a "…以及另外 N 项"
line."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from qualitymonth.i18n import Lang, t
from qualitymonth.output.doc import clean, last_end, one_line, status_words
from qualitymonth.output.html.base import (
    LIST_ROWS,
    NOTE_GROUPS,
    NOTES_PER_ACTIVITY,
    _int,
    _kind,
    _month_label,
    _paren,
    _rate,
    esc,
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

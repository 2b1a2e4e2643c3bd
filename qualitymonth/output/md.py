"""The Markdown writer: documents to paste into a submission."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from qualitymonth.i18n import Lang, t
from qualitymonth.output.text import (
    LIST_FIELDS,
    _cell,
    agenda_rows,
    depts_rows,
    event_header,
    event_rows,
    names,
    one_line,
    period_label,
    status_label,
)
from qualitymonth.output.views import (
    count_cells,
    report_outline,
)

if TYPE_CHECKING:
    from qualitymonth.journal.events import Event
    from qualitymonth.model import Plan
    from qualitymonth.output import Context, Listing
    from qualitymonth.report import Agenda, Report
    from qualitymonth.state import ActivityState


def md_escape(value: Any) -> str:
    if value is None:
        return ""
    text = one_line(str(value))
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


def md_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    lines = [
        "| " + " | ".join(md_escape(h) for h in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(md_escape(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def states_md(states: Sequence[ActivityState], lang: Lang) -> str:
    fields = (*LIST_FIELDS[:3], "period", *LIST_FIELDS[3:])
    header = [t(f, lang) for f in fields]
    rows = [
        [period_label(s, lang) if f == "period" else _cell(s, f, lang) for f in fields]
        for s in states
    ]
    return md_table(header, rows)


def state_md(state: ActivityState, lang: Lang) -> str:
    a = state.activity
    lines = [f"## {md_escape(a.id)}. {md_escape(a.theme)}", ""]
    rows = [
        (t("content", lang), a.content),
        (t("schedule", lang), a.schedule),
        (t("period", lang), period_label(state, lang)),
        (t("lead", lang), a.lead),
        (t("assist", lang), names(a.assist)),
        (t("remark", lang), a.remark),
        (t("status", lang), status_label(state, lang)),
        (t("done_on", lang), state.done_on.isoformat() if state.done_on else ""),
        (t("last_note", lang), state.last_note or ""),
    ]
    lines.append(md_table([t("field", lang), t("value", lang)], rows))
    lines.append(f"### {t('history', lang)}\n")
    lines.append(md_table(event_header(lang), event_rows(state.history, lang)))
    return "\n".join(lines)


def report_md(report: Report, lang: Lang) -> str:
    """The summary as a Markdown document (its layout: :func:`views.report_outline`)."""
    outline = report_outline(report, lang)
    out = [
        f"# {md_escape(outline.title)}",
        "",
        f"- {t('doc_no', lang)}：{md_escape(outline.doc_no)}",
        f"- {md_escape(outline.scope)}",
        "",
    ]
    for section in outline.sections:
        out += [f"## {section.title}", ""]
        if section.empty:
            out += [t("none", lang), ""]
        elif section.kind == "sentence":
            out += [md_escape(section.text), ""]
        elif section.kind == "counts":
            rows = [count_cells(label, c) for label, c in section.counts]
            out.append(md_table(section.header, rows))
        elif section.kind == "activities":
            out.append(md_table(section.header, section.rows))
        else:
            for heading, lines in section.notes:
                out += [f"### {md_escape(heading)}", ""]
                for day, by, note in lines:
                    who = f"（{md_escape(by)}）" if by else ""
                    out.append(f"- {day}{who}：{md_escape(note)}")
                out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- the writer


def render_list(value: Listing, ctx: Context) -> str:
    return states_md(value.states, ctx.lang)


def render_show(value: ActivityState, ctx: Context) -> str:
    return state_md(value, ctx.lang)


def render_log(value: list[Event], ctx: Context) -> str:
    return md_table(event_header(ctx.lang), event_rows(value, ctx.lang))


def render_report(value: Report, ctx: Context) -> str:
    return report_md(value, ctx.lang)


def render_agenda(value: Agenda, ctx: Context) -> str:
    return md_table(*agenda_rows(value, ctx.lang))


def render_depts(value: Plan, ctx: Context) -> str:
    return md_table(*depts_rows(value, ctx.lang))

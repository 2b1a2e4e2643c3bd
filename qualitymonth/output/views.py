"""The summary views: ``report``, ``agenda`` and ``timeline``.  Never reads files, never exits.

Like :mod:`qualitymonth.render`, every text from the plan or the journal goes through
``render.safe`` (tables) or ``render.md_escape`` / ``render.csv_cell`` (documents).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from qualitymonth.i18n import Lang, t
from qualitymonth.output.text import (
    STATUS_STYLE,
    cell_text,
    csv_text,
    md_escape,
    md_table,
    one_line,
)
from qualitymonth.report import COUNTED

if TYPE_CHECKING:
    from rich.console import RenderableType

    from qualitymonth.report import Counts, Report
    from qualitymonth.state import ActivityState


def percent(rate: float) -> str:
    return f"{rate * 100:.0f}%"


def month_name(ym: tuple[int, int], lang: Lang) -> str:
    return f"{ym[0]}年{ym[1]}月" if lang == "zh" else f"{calendar.month_abbr[ym[1]]} {ym[0]}"


def scope_line(report: Report, lang: Lang) -> str:
    month = month_name(report.month, lang) if report.month else t("whole_campaign", lang)
    dept = report.dept or t("all_departments", lang)
    return t("scope_line", lang, month=month, dept=dept, as_of=report.as_of.isoformat())


def title(report: Report, lang: Lang) -> str:
    return t("report_title", lang, name=report.plan.campaign.name)


def totals_sentence(c: Counts, lang: Lang) -> str:
    return t(
        "totals_sentence",
        lang,
        activities=c.activities,
        done=c.done,
        on_time=c.on_time,
        late=c.late,
        doing=c.doing,
        todo=c.todo,
        overdue=c.overdue,
        rate=percent(c.completion_rate),
    )


def count_header(first: str, lang: Lang) -> list[str]:
    return [t(first, lang), *(t(f"col_{f}", lang) for f in COUNTED), t("col_rate", lang)]


def count_cells(label: str, c: Counts) -> list[Any]:
    return [
        label,
        c.activities,
        c.done,
        c.doing,
        c.todo,
        c.overdue,
        c.late,
        percent(c.completion_rate),
    ]


def days_overdue(s: ActivityState) -> int:
    return (s.as_of - s.period.end).days if s.period else 0


# --------------------------------------------------------------------------- report


def _bar(rate: float, width: int = 10) -> str:
    filled = round(rate * width)
    return "█" * filled + "░" * (width - filled)


def _count_table(
    first: str, rows: list[tuple[str, Counts]], total: Counts | None, lang: Lang
) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    header = count_header(first, lang)
    table.add_column(header[0], overflow="fold", min_width=6)
    for h in header[1:-1]:
        table.add_column(h, justify="right", no_wrap=True)
    table.add_column(header[-1], no_wrap=True)
    for label, c in rows:
        cells = [str(v) for v in count_cells(label, c)[1:-1]]
        rate = f"{_bar(c.completion_rate)} {percent(c.completion_rate):>4}"
        table.add_row(cell_text(label), *cells, rate)
    if total is not None:
        cells = [str(v) for v in count_cells("", total)[1:-1]]
        rate = f"{_bar(total.completion_rate)} {percent(total.completion_rate):>4}"
        table.add_row(
            cell_text(t("total", lang), "bold"), *cells, rate, style="bold", end_section=False
        )
    return table


def _activity_table(lang: Lang, when: str, days: str) -> Any:
    """id, theme, lead, a date column and a count of days: the overdue and agenda lists."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(t("id", lang), justify="right", no_wrap=True)
    table.add_column(t("theme", lang), overflow="fold", ratio=3)
    table.add_column(t("lead", lang), overflow="fold", ratio=1)
    table.add_column(t(when, lang), no_wrap=True)
    table.add_column(t(days, lang), justify="right", no_wrap=True)
    return table


def report_table(report: Report, lang: Lang) -> RenderableType:
    from rich.console import Group

    parts: list[RenderableType] = [
        cell_text(title(report, lang), "bold"),
        cell_text(t("doc_line", lang, doc_no=report.plan.campaign.doc_no or "-")),
        cell_text(scope_line(report, lang)),
        cell_text(""),
        cell_text(t("section_totals", lang), "bold underline"),
        cell_text(totals_sentence(report.totals, lang)),
        cell_text(""),
        cell_text(t("section_by_department", lang), "bold underline"),
        _count_table("department", report.by_department, report.totals, lang),
        cell_text(""),
    ]
    if report.month is None:
        rows = [(month_name(ym, lang), c) for ym, c in report.by_month]
        parts += [
            cell_text(t("section_by_month", lang), "bold underline"),
            _count_table("month", rows, None, lang),
            cell_text(""),
        ]
    parts.append(cell_text(t("section_overdue", lang), "bold underline"))
    if report.overdue:
        table = _activity_table(lang, "deadline", "days_overdue")
        for s in report.overdue:
            end = s.period.end.isoformat() if s.period else ""
            table.add_row(
                str(s.activity.id),
                cell_text(s.activity.theme),
                cell_text(s.activity.lead),
                end,
                str(days_overdue(s)),
                style="red",
            )
        parts += [table, cell_text("")]
    else:
        parts += [cell_text(t("none", lang), "dim"), cell_text("")]
    parts.append(cell_text(t("section_notes", lang), "bold underline"))
    if not report.notes:
        parts.append(cell_text(t("none", lang), "dim"))
    for s, events in report.notes:
        parts.append(cell_text(f"{s.activity.id}. {one_line(s.activity.theme)}", "bold"))
        for e in events:
            who = f"（{e.by}）" if e.by and lang == "zh" else f" ({e.by})" if e.by else ""
            parts.append(cell_text(f"  {e.date.isoformat()}{who}：{one_line(e.note or '')}"))
    return Group(*parts)


def report_md(report: Report, lang: Lang) -> str:
    c = report.plan.campaign
    out = [
        f"# {md_escape(title(report, lang))}",
        "",
        f"- {t('doc_no', lang)}：{md_escape(c.doc_no or '-')}",
        f"- {md_escape(scope_line(report, lang))}",
        "",
        f"## {t('section_totals', lang)}",
        "",
        md_escape(totals_sentence(report.totals, lang)),
        "",
        f"## {t('section_by_department', lang)}",
        "",
        md_table(
            count_header("department", lang),
            [count_cells(name, counts) for name, counts in report.by_department]
            + [count_cells(t("total", lang), report.totals)],
        ),
    ]
    if report.month is None:
        out += [
            f"## {t('section_by_month', lang)}",
            "",
            md_table(
                count_header("month", lang),
                [count_cells(month_name(ym, lang), counts) for ym, counts in report.by_month],
            ),
        ]
    out += [f"## {t('section_overdue', lang)}", ""]
    if report.overdue:
        header = [t(k, lang) for k in ("id", "theme", "lead", "deadline", "days_overdue")]
        rows = [
            [
                s.activity.id,
                s.activity.theme,
                s.activity.lead,
                s.period.end.isoformat() if s.period else "",
                days_overdue(s),
            ]
            for s in report.overdue
        ]
        out.append(md_table(header, rows))
    else:
        out += [t("none", lang), ""]
    out += [f"## {t('section_notes', lang)}", ""]
    if not report.notes:
        out += [t("none", lang), ""]
    for s, events in report.notes:
        out += [f"### {s.activity.id}. {md_escape(s.activity.theme)}", ""]
        for e in events:
            who = f"（{md_escape(e.by)}）" if e.by else ""
            out.append(f"- {e.date.isoformat()}{who}：{md_escape(e.note)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def report_csv(report: Report, lang: Lang) -> str:
    """Per-department rows and a total row: what a clerk pastes into a spreadsheet."""
    rows = [count_cells(name, c) for name, c in report.by_department]
    rows.append(count_cells(t("total", lang), report.totals))
    return csv_text(count_header("department", lang), rows)


# --------------------------------------------------------------------------- agenda


def agenda_table(
    sections: dict[str, list[ActivityState]], as_of: date, days: int, lang: Lang
) -> RenderableType:
    from rich.console import Group

    parts: list[RenderableType] = [
        cell_text(t("agenda_title", lang, as_of=as_of.isoformat()), "bold")
    ]
    for key in ("overdue", "ending", "starting"):
        states = sections[key]
        parts += [
            cell_text(""),
            cell_text(t(f"agenda_{key}", lang, days=days, count=len(states)), "bold underline"),
        ]
        if not states:
            parts.append(cell_text(t("none", lang), "dim"))
            continue
        table = _activity_table(lang, "period", "days_col")
        for s in states:
            assert s.period is not None
            if key == "overdue":
                days_text = t("days_late", lang, n=(as_of - s.period.end).days)
            elif key == "ending":
                days_text = t("days_left", lang, n=(s.period.end - as_of).days)
            else:
                days_text = t("days_to_start", lang, n=(s.period.start - as_of).days)
            style = "red" if key == "overdue" else STATUS_STYLE[s.status.value]
            table.add_row(
                str(s.activity.id),
                cell_text(s.activity.theme),
                cell_text(s.activity.lead),
                f"{s.period.start.isoformat()} – {s.period.end.isoformat()}",
                days_text,
                style=style,
            )
        parts.append(table)
    return Group(*parts)


# --------------------------------------------------------------------------- timeline

BAR = {"done": "#", "doing": "=", "todo": "-", "overdue": "!"}
BAR_STYLE = {"done": "green", "doing": "yellow", "todo": "blue", "overdue": "bold red"}
MARK = ":"


def _span(states: Sequence[ActivityState]) -> list[tuple[int, int]]:
    from qualitymonth.model import Period
    from qualitymonth.report import months_of

    dated = [s.period for s in states if s.period is not None]
    if not dated:
        return []
    return months_of(Period(min(p.start for p in dated), max(p.end for p in dated)))


def _cells(months: list[tuple[int, int]], width: int) -> list[tuple[date, date]]:
    """The days each chart cell stands for: ``width`` cells per month."""
    cells = []
    for y, m in months:
        last = calendar.monthrange(y, m)[1]
        for i in range(width):
            first_day = 1 + (i * last) // width
            last_day = ((i + 1) * last) // width
            cells.append((date(y, m, first_day), date(y, m, max(first_day, last_day))))
    return cells


def bar_kind(s: ActivityState) -> str:
    return "overdue" if s.overdue else s.status.value


def timeline(
    states: Sequence[ActivityState], as_of: date, lang: Lang, width: int
) -> RenderableType:
    """A month-by-month Gantt chart that fits ``width`` columns."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    months = _span(states)
    if not months:
        return cell_text(t("no_dated_activities", lang), "dim")
    per_month = max(2, min(8, (width - 28) // len(months)))
    cells = _cells(months, per_month)
    marker = next((i for i, (a, b) in enumerate(cells) if a <= as_of <= b), None)

    header = Text()
    for y, m in months:
        label = f"{m}月" if per_month >= 5 else str(m)
        if m == 1 and per_month >= 7 and len(months) > 1 and (y, m) != months[0]:
            label = f"{y % 100:02d}/{m}月"
        pad = per_month - (len(label) + label.count("月"))
        header.append(label + " " * max(0, pad))
    header.truncate(len(cells))
    mark_line = Text(" " * len(cells))
    if marker is not None:
        mark_line = Text(" " * marker + "v" + " " * (len(cells) - marker - 1), style="bold")

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(t("id", lang), justify="right", no_wrap=True)
    table.add_column(t("theme", lang), overflow="fold", ratio=1, min_width=8)
    chart_header = Text.assemble(header, "\n", mark_line)
    table.add_column(chart_header, no_wrap=True, width=len(cells))
    for s in states:
        row = Text()
        if s.period is None:
            row.append(t("undated", lang), style="dim")
        else:
            kind = bar_kind(s)
            for i, (a, b) in enumerate(cells):
                if s.period.start <= b and a <= s.period.end:
                    row.append(BAR[kind], style=BAR_STYLE[kind])
                elif i == marker:
                    row.append(MARK, style="bold")
                else:
                    row.append(" ")
        table.add_row(str(s.activity.id), cell_text(s.activity.theme), row)
    legend = Text(t("legend", lang) + "  ")
    for kind in ("done", "doing", "todo", "overdue"):
        legend.append(BAR[kind] * 2, style=BAR_STYLE[kind])
        legend.append(f" {t('kind_' + kind, lang)}  ")
    legend.append(f"v{MARK} {t('as_of', lang)} {as_of.isoformat()}")
    return Group(table, legend)

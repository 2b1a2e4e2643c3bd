"""The timeline on the terminal: a month-by-month chart of the activities, one bar a period,
coloured by status, with the day asked about marked (``qm timeline``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from qualitymonth.i18n import Lang, t
from qualitymonth.output.table import cell_text

if TYPE_CHECKING:
    from rich.console import RenderableType

    from qualitymonth.state import ActivityState

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


def monthrange(year: int, month: int) -> tuple[int, int]:
    import calendar  # only the timeline needs it

    return calendar.monthrange(year, month)


def _cells(months: list[tuple[int, int]], width: int) -> list[tuple[date, date]]:
    """The days each chart cell stands for: ``width`` cells per month."""
    cells = []
    for y, m in months:
        last = monthrange(y, m)[1]
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
            periods = s.periods
            for i, (a, b) in enumerate(cells):
                if any(p.start <= b and a <= p.end for p in periods):
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

"""The words of a report that every writer shares: its title, scope line, totals sentence,
count rows and month names, so the table, Markdown, CSV and Word writers say the same.
Never reads files; every text from the plan or the journal is escaped by the writer.
"""

from __future__ import annotations

import calendar
from typing import TYPE_CHECKING, Any

from qualitymonth.i18n import Lang, t
from qualitymonth.report import COUNTED

if TYPE_CHECKING:
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


# --------------------------------------------------------------------------- agenda


# --------------------------------------------------------------------------- timeline

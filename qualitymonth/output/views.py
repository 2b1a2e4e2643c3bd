"""The words of a report that every writer shares: its title, scope line, totals sentence,
count rows and month names, so the table, Markdown, CSV and Word writers say the same.
Never reads files; every text from the plan or the journal is escaped by the writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from qualitymonth.i18n import Lang, t

if TYPE_CHECKING:
    from qualitymonth.report import Counts, Report
    from qualitymonth.state import ActivityState


def percent(rate: float) -> str:
    return f"{rate * 100:.0f}%"


def month_name(ym: tuple[int, int], lang: Lang) -> str:
    if lang == "zh":
        return f"{ym[0]}年{ym[1]}月"
    import calendar  # English month names only

    return f"{calendar.month_abbr[ym[1]]} {ym[0]}"


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
    from qualitymonth.report import COUNTED  # not on the path of qm list

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


# --------------------------------------------------------------------------- the outline


class Section(NamedTuple):
    """One section of the report: a heading and what is under it.

    ``kind`` says how a writer lays it out: ``sentence`` (``text``), ``counts`` (``counts``
    rows, the last one the total when ``total``), ``activities`` (``header`` and ``rows``,
    ``urgent`` when they need the reader's eye), ``notes`` (``notes``: a heading per
    activity, then (date, by, note) lines).  An empty section says ``none``.
    """

    kind: str
    title: str
    text: str = ""
    counts: Sequence[tuple[str, Counts]] = ()
    total: bool = False
    header: Sequence[str] = ()
    rows: Sequence[Sequence[Any]] = ()
    urgent: bool = False
    notes: Sequence[tuple[str, Sequence[tuple[str, str, str]]]] = ()

    @property
    def empty(self) -> bool:
        return not (self.text or self.counts or self.rows or self.notes)


class Outline(NamedTuple):
    """The report's layout, built once and rendered by every text writer."""

    title: str
    doc_no: str
    scope: str
    sections: Sequence[Section]


def report_outline(report: Report, lang: Lang) -> Outline:
    """What the summary says, in order: the writers (terminal, Markdown) only lay it out."""
    sections = [
        Section("sentence", t("section_totals", lang), text=totals_sentence(report.totals, lang)),
        *_count_sections(report, lang),
        _overdue_section(report, lang),
    ]
    if report.undated:  # counted in the totals: listed, so that nothing vanishes
        sections.append(_undated_section(report, lang))
    sections.append(_notes_section(report, lang))
    return Outline(
        title=title(report, lang),
        doc_no=report.plan.campaign.doc_no or "-",
        scope=scope_line(report, lang),
        sections=sections,
    )


def _count_sections(report: Report, lang: Lang) -> list[Section]:
    """Counts by department (with the total), and by month unless the report is of one."""
    sections = [
        Section(
            "counts",
            t("section_by_department", lang),
            counts=[*report.by_department, (t("total", lang), report.totals)],
            total=True,
            header=count_header("department", lang),
        ),
    ]
    if report.month is None:
        months = [(month_name(ym, lang), c) for ym, c in report.by_month]
        sections.append(
            Section(
                "counts",
                t("section_by_month", lang),
                counts=months,
                header=count_header("month", lang),
            )
        )
    return sections


def _overdue_section(report: Report, lang: Lang) -> Section:
    """The overdue activities, with their deadline and the days past it."""
    return Section(
        "activities",
        t("section_overdue", lang),
        header=[t(k, lang) for k in ("id", "theme", "lead", "deadline", "days_overdue")],
        rows=[
            [
                s.activity.id,
                s.activity.theme,
                s.activity.lead,
                s.period.end.isoformat() if s.period else "",
                days_overdue(s),
            ]
            for s in report.overdue
        ],
        urgent=True,
    )


def _undated_section(report: Report, lang: Lang) -> Section:
    """The undated activities (counted in the totals), with their status."""
    return Section(
        "activities",
        t("section_undated", lang),
        header=[t(k, lang) for k in ("id", "theme", "schedule", "lead", "status")],
        rows=[
            [
                s.activity.id,
                s.activity.theme,
                s.activity.schedule,
                s.activity.lead,
                t(f"status_{s.status.value}", lang),
            ]
            for s in report.undated
        ],
    )


def _notes_section(report: Report, lang: Lang) -> Section:
    """The notes the report carries, each under its activity."""
    notes = [
        (
            f"{s.activity.id}. {s.activity.theme}",
            [(e.date.isoformat(), e.by, e.note or "") for e in events],
        )
        for s, events in report.notes
    ]
    return Section("notes", t("section_notes", lang), notes=notes)

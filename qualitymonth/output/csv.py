"""The CSV writer: UTF-8 with a BOM so Excel opens it, and no cell that runs as a formula."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from qualitymonth.i18n import Lang, t
from qualitymonth.output.text import (
    FULL_FIELDS,
    agenda_rows,
    depts_rows,
    event_header,
    event_rows,
    safe,
    state_row,
)
from qualitymonth.output.views import count_cells, count_header

if TYPE_CHECKING:
    from qualitymonth.journal.events import Event
    from qualitymonth.model import Plan
    from qualitymonth.output import Context, Listing
    from qualitymonth.report import Agenda, Report
    from qualitymonth.state import ActivityState


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def csv_cell(value: Any) -> str:
    """A cell Excel and WPS show as text: a leading = + - @ cannot start a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = safe(str(value)) if isinstance(value, str) else str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """UTF-8 CSV with a BOM (so Excel reads the Chinese), CRLF line ends, safe cells."""
    import csv

    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buf.getvalue()


def states_csv(states: Sequence[ActivityState], lang: Lang) -> str:
    return csv_text([t(f, lang) for f in FULL_FIELDS], [state_row(s, lang) for s in states])


def state_csv(state: ActivityState, lang: Lang) -> str:
    """One activity as the same columns as ``list --format csv``."""
    return states_csv([state], lang)


def report_csv(report: Report, lang: Lang) -> str:
    """Per-department rows and a total row: what a clerk pastes into a spreadsheet."""
    rows = [count_cells(name, c) for name, c in report.by_department]
    rows.append(count_cells(t("total", lang), report.totals))
    return csv_text(count_header("department", lang), rows)


# --------------------------------------------------------------------------- the writer


def render_list(value: Listing, ctx: Context) -> str:
    return states_csv(value.states, ctx.lang)


def render_show(value: ActivityState, ctx: Context) -> str:
    return state_csv(value, ctx.lang)


def render_log(value: list[Event], ctx: Context) -> str:
    return csv_text(event_header(ctx.lang), event_rows(value, ctx.lang))


def render_report(value: Report, ctx: Context) -> str:
    return report_csv(value, ctx.lang)


def render_agenda(value: Agenda, ctx: Context) -> str:
    return csv_text(*agenda_rows(value, ctx.lang))


def render_depts(value: Plan, ctx: Context) -> str:
    return csv_text(*depts_rows(value, ctx.lang))

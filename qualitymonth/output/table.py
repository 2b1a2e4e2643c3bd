"""The terminal writer: tables at the terminal's width, coloured by status where it can."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from qualitymonth.i18n import Lang, t
from qualitymonth.output.text import (
    STATUS_STYLE,
    event_header,
    event_rows,
    names,
    one_line,
    period_label,
    safe,
    status_label,
    text_width,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

    from qualitymonth.journal.events import Event
    from qualitymonth.model import Plan
    from qualitymonth.output import Context, Listing
    from qualitymonth.report import Agenda, Counts, Report
    from qualitymonth.state import ActivityState


#: How list_table wraps a cell (``qualitymonth.linebreak.wrap_cells`` when ``None``);
#: ``bench/linebreak.py`` puts the wrapping of before in its place to compare.
wrap_cells: Callable[[str, int], list[tuple[str, int]]] | None = None


def cell_text(value: str, style: str = "") -> RenderableType:
    """Untrusted text as a table cell: made safe, and wrapped where Chinese typesetting
    allows a break (:mod:`qualitymonth.linebreak`), never where Rich alone would cut."""
    from rich.text import Text

    wrapped: RenderableType = linebreak().Wrapped(Text(safe(value), style=style))
    return wrapped


_SGR = {"dim": "2", "yellow": "33", "green": "32", "red": "31"}
_GAP = 3  # spaces between two columns of the list table


def list_table(states: Sequence[ActivityState], lang: Lang, width: int, colour: bool) -> str:
    """The ``list`` table, fitted to ``width`` columns, every cell wrapped, never cut.

    Drawn here rather than by Rich: ``qm list`` is the command a clerk runs most, and Rich
    costs an import of ~50 ms and about a millisecond a row (13 s at 10,000 activities).
    Text is made safe first; colour is plain SGR, only when ``colour``.
    """
    wrap = _wrapper()
    if not states:
        return t("no_activities", lang) + "\n"

    header = [t(k, lang) for k in ("id", "theme", "schedule", "lead", "assist", "status")]
    rows = _list_rows(states, lang)
    widths = _list_widths(header, rows, width)

    def line(cells: Sequence[tuple[str, int]], style: str = "") -> str:
        return _list_line(cells, widths, style if colour else "")

    out = [line([(h, text_width(h)) for h in header]), "─" * min(width, sum(widths) + _GAP * 5)]
    wraps: dict[tuple[str, int], list[tuple[str, int]]] = {}  # departments, schedules repeat
    for *cells, style in rows:
        wrapped = []
        for text, w in zip(cells, widths, strict=True):
            lines = wraps.get((text, w))
            if lines is None:
                lines = wraps[text, w] = wrap(text, w)
            wrapped.append(lines)
        for k in range(max(map(len, wrapped))):
            out.append(line([col[k] if k < len(col) else ("", 0) for col in wrapped], style))
    return "\n".join(out) + "\n"


def _wrapper() -> Callable[[str, int], list[tuple[str, int]]]:
    """:data:`wrap_cells`, else line breaking, loaded only when a cell is too wide."""
    if wrap_cells is not None:
        return wrap_cells

    def wrap(text: str, width: int) -> list[tuple[str, int]]:
        if "\n" not in text and (cells := text_width(text)) <= width:
            return [(text, cells)]
        wrapped: list[tuple[str, int]] = linebreak().wrap_cells(text, width)
        return wrapped

    return wrap


#: What line breaking learnt in earlier runs, read by the caller when it is first needed
#: (the CLI sets it to read the user cache; a writer reads no files itself).
memo_source: Callable[[], Any] | None = None
#: How much line breaking knew once the memo was loaded (``None``: not loaded yet).
memo_known: int | None = None


def linebreak() -> Any:
    """:mod:`qualitymonth.linebreak`, with what it learnt in earlier runs taken back from
    :data:`memo_source` the first time it is needed (a stale or damaged memo is ignored)."""
    global memo_known
    from qualitymonth import linebreak as module

    if memo_known is None:
        if memo_source is not None:
            module.load_memo(memo_source())
        memo_known = module.memo_size()
    return module


def _list_rows(states: Sequence[ActivityState], lang: Lang) -> list[tuple[str, ...]]:
    """One row of safe texts a state (the last note under the theme), and its status style."""
    return [
        (
            str(s.activity.id),
            safe(s.activity.theme) + (f"\n↳ {safe(s.last_note)}" if s.last_note else ""),
            safe(s.activity.schedule),
            safe(s.activity.lead),
            safe(names(s.activity.assist)),
            safe(status_label(s, lang)),
            "red" if s.overdue else STATUS_STYLE[s.status.value],
        )
        for s in states
    ]


def _list_widths(header: list[str], rows: list[tuple[str, ...]], width: int) -> list[int]:
    """The six columns' widths: the id and the status as wide as they need (the status at
    most 12 unless its header is wider), the theme, schedule, lead and co-organizers sharing
    the rest 4:1:1:1, each at least its header (the theme at least 10 cells)."""
    natural = [
        max(text_width(header[i]), *(max(map(text_width, t.split("\n"))) for t in set(column)))
        for i, column in enumerate(zip(*rows, strict=False))
        if i < 6
    ]
    status_w = min(natural[5], max(text_width(header[5]), 12))
    room = width - natural[0] - status_w - _GAP * 5  # for theme, schedule, lead, co-organizers
    least = [text_width(header[i]) for i in range(1, 5)]
    least[0] = max(least[0], 10)
    shares = (room * 4 // 7, room // 7, room // 7, room // 7)
    flex = [min(natural[i + 1], max(least[i], shares[i])) for i in range(4)]
    over = sum(flex) - room
    if over > 0:  # too wide: the theme gives way first, down to its least
        flex[0] = max(least[0], flex[0] - over)
    elif natural[1] > flex[0]:  # room to spare: the theme takes it
        flex[0] = min(natural[1], flex[0] - over)
    return [natural[0], *flex, status_w]


def _list_line(cells: Sequence[tuple[str, int]], widths: Sequence[int], style: str) -> str:
    """One line of the table: each (text, cells) padded to its column (the id to the right),
    the status in the colour ``style`` names (none when empty)."""
    parts = []
    for i, ((text, used), w) in enumerate(zip(cells, widths, strict=True)):
        pad = " " * (w - used)
        cell = pad + text if i == 0 else text + pad
        if style and i == 5:
            cell = f"\x1b[{_SGR[style]}m{cell}\x1b[0m"
        parts.append(cell)
    return (" " * _GAP).join(parts).rstrip()


def events_table(events: Sequence[Event], lang: Lang) -> RenderableType:
    from rich import box
    from rich.table import Table

    if not events:
        return cell_text(t("no_history", lang), "dim")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for i, h in enumerate(event_header(lang)):
        table.add_column(h, overflow="fold", no_wrap=i in (0, 1), ratio=4 if i == 4 else None)
    for row in event_rows(events, lang):
        table.add_row(*(cell_text(str(v)) for v in row))
    return table


def field_grid(pairs: Iterable[tuple[str, RenderableType]]) -> RenderableType:
    """Label and value, one pair a line, the value wrapped."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in pairs:
        grid.add_row(label, value)
    return grid


def state_panel(state: ActivityState, lang: Lang) -> RenderableType:
    from rich.console import Group

    a = state.activity
    style = "red" if state.overdue else STATUS_STYLE[state.status.value]
    pairs: list[tuple[str, RenderableType]] = [
        (t("id", lang), cell_text(str(a.id))),
        (t("theme", lang), cell_text(a.theme, "bold")),
        (t("content", lang), cell_text(a.content)),
        (t("schedule", lang), cell_text(a.schedule)),
        (t("period", lang), cell_text(period_label(state, lang))),
        (t("lead", lang), cell_text(a.lead)),
        (t("assist", lang), cell_text(names(a.assist))),
        (t("remark", lang), cell_text(a.remark)),
        (t("status", lang), cell_text(status_label(state, lang), style)),
        (t("done_on", lang), cell_text(state.done_on.isoformat() if state.done_on else "")),
        (t("last_note", lang), cell_text(state.last_note or "")),
    ]
    heading = cell_text(t("history", lang), "bold")
    return Group(field_grid(pairs), cell_text(""), heading, events_table(state.history, lang))


def depts_table(plan: Plan, lang: Lang) -> RenderableType:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(t("department", lang), overflow="fold")
    table.add_column(t("aliases", lang), overflow="fold")
    table.add_column(t("leads", lang), justify="right")
    table.add_column(t("assists", lang), justify="right")
    from qualitymonth.porcelain import depts_json

    for row in depts_json(plan):
        aliases = names(plan.departments.get(row["department"], []))
        table.add_row(
            cell_text(row["department"]), cell_text(aliases), str(row["lead"]), str(row["assist"])
        )
    return table


def info_panel(plan: Plan, lang: Lang) -> RenderableType:
    from rich.console import Group

    c = plan.campaign
    pairs = [
        ("campaign", c.name),
        ("year", str(c.year)),
        ("issuer", c.issuer),
        ("doc_no", c.doc_no),
        ("issued", c.issued.isoformat() if c.issued else ""),
        ("theme", c.theme),
        ("report_to", c.report_to),
        ("activities", str(len(plan.activities))),
    ]
    grid = field_grid((t(key, lang), cell_text(value)) for key, value in pairs if value)
    parts: list[RenderableType] = [grid]
    if plan.slogans:
        parts += [cell_text(""), cell_text(t("slogans", lang), "bold")]
        parts += [cell_text(f"{i}. {s}") for i, s in enumerate(plan.slogans, 1)]
    return Group(*parts)


def _bar(rate: float, width: int = 10) -> str:
    filled = round(rate * width)
    return "█" * filled + "░" * (width - filled)


def _count_table(
    header: Sequence[str], rows: Sequence[tuple[str, Counts]], total: Counts | None, lang: Lang
) -> Any:
    from rich import box
    from rich.table import Table

    from qualitymonth.output.views import count_cells, percent

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(header[0], overflow="fold", min_width=max(6, text_width(header[0])))
    for h in header[1:-1]:
        table.add_column(h, justify="right", no_wrap=True)
    table.add_column(header[-1], no_wrap=True)
    bar = 10 if lang == "zh" else 8  # English headers are wider: the table still fits 80
    for label, c in rows:
        cells = [str(v) for v in count_cells(label, c)[1:-1]]
        rate = f"{_bar(c.completion_rate, bar)} {percent(c.completion_rate):>4}"
        table.add_row(cell_text(label), *cells, rate)
    if total is not None:
        cells = [str(v) for v in count_cells("", total)[1:-1]]
        rate = f"{_bar(total.completion_rate, bar)} {percent(total.completion_rate):>4}"
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
    """The summary on the terminal (its layout: :func:`views.report_outline`)."""
    from rich.console import Group

    from qualitymonth.output.views import report_outline  # a report's alone

    outline = report_outline(report, lang)
    parts: list[RenderableType] = [
        cell_text(outline.title, "bold"),
        cell_text(t("doc_line", lang, doc_no=outline.doc_no)),
        cell_text(outline.scope),
        cell_text(""),
    ]
    for section in outline.sections:
        parts.append(cell_text(section.title, "bold underline"))
        if section.empty:
            parts.append(cell_text(t("none", lang), "dim"))
        elif section.kind == "sentence":
            parts.append(cell_text(section.text))
        elif section.kind == "counts":
            rows = section.counts[:-1] if section.total else section.counts
            total = section.counts[-1][1] if section.total else None
            parts.append(_count_table(section.header, rows, total, lang))
        elif section.kind == "activities":
            parts.append(_rows_table(section.header, section.rows, "red" if section.urgent else ""))
        else:
            for heading, lines in section.notes:
                parts.append(cell_text(one_line(heading), "bold"))
                for day, by, note in lines:
                    who = f"（{by}）" if by and lang == "zh" else f" ({by})" if by else ""
                    parts.append(cell_text(f"  {day}{who}：{one_line(note)}"))
        if section.kind != "notes":
            parts.append(cell_text(""))
    return Group(*parts)


def _rows_table(header: Sequence[str], rows: Sequence[Sequence[Any]], style: str) -> Any:
    """Activities as rows: the id right-aligned, the texts wrapping, numbers kept whole."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for i, name in enumerate(header):
        number = i == 0 or (rows and isinstance(rows[0][i], int))
        wide = i == 1
        table.add_column(
            name,
            justify="right" if number else "left",
            no_wrap=bool(number) or (rows != [] and _is_day(rows[0][i])),
            overflow="fold",
            ratio=3 if wide else (None if number or _is_day(rows[0][i]) else 1),
        )
    for row in rows:
        table.add_row(
            *(str(v) if isinstance(v, int) else cell_text(str(v)) for v in row), style=style
        )
    return table


def _is_day(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-"


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


# --------------------------------------------------------------------------- the writer


def render_list(value: Listing, ctx: Context) -> str:
    return list_table(value.states, ctx.lang, ctx.width, ctx.colour)


def render_show(value: ActivityState, ctx: Context) -> RenderableType:
    return state_panel(value, ctx.lang)


def render_log(value: list[Event], ctx: Context) -> RenderableType:
    return events_table(value, ctx.lang)


def render_report(value: Report, ctx: Context) -> RenderableType:
    return report_table(value, ctx.lang)


def render_agenda(value: Agenda, ctx: Context) -> RenderableType:
    return agenda_table(value.sections(), value.as_of, value.days, ctx.lang)


def render_depts(value: Plan, ctx: Context) -> RenderableType:
    return depts_table(value, ctx.lang)


def render_info(value: Plan, ctx: Context) -> RenderableType:
    return info_panel(value, ctx.lang)


def render_timeline(value: Listing, ctx: Context) -> RenderableType:
    from qualitymonth.output.timeline import timeline

    return timeline(value.states, value.as_of, ctx.lang, ctx.width)

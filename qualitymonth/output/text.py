"""Rich renderables and table/json/csv/md writers.  Never reads files, never exits.

Text from a plan or a journal is never trusted: it is shown as text, never as Rich markup,
terminal escapes, control characters or bidi overrides, and never as a spreadsheet formula.
"""

from __future__ import annotations

import io
import json
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from qualitymonth.i18n import Lang, t

if TYPE_CHECKING:  # rich is imported only when a table is drawn
    from rich.console import RenderableType
    from rich.text import Text

    from qualitymonth.journal.events import Event
    from qualitymonth.model import Plan
    from qualitymonth.state import ActivityState

__all__ = ["csv_text", "json_text", "md_table", "safe"]

STATUS_STYLE = {"todo": "dim", "doing": "yellow", "done": "green"}


# --------------------------------------------------------------------------- safety


def safe(text: str) -> str:
    """``text`` with every control, format and bidi character made visible and harmless.

    Newlines stay (cells wrap); a tab becomes a space; ESC becomes ``␛`` (U+241B) and the
    like; other invisible format characters (bidi overrides, zero-width) become ``<U+202E>``.
    """
    if text.isprintable():
        return text
    out: list[str] = []
    for ch in text:
        if ch == "\n" or ch.isprintable():
            out.append(ch)
        elif ch == "\t":
            out.append(" ")
        elif ord(ch) < 0x20:
            out.append(chr(0x2400 + ord(ch)))
        elif ord(ch) == 0x7F:
            out.append("␡")
        elif unicodedata.category(ch) == "Zs":
            out.append(" ")
        else:
            out.append(f"<U+{ord(ch):04X}>")
    return "".join(out)


def one_line(text: str) -> str:
    return " ".join(safe(text).split())


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


_JSON = json.JSONEncoder(ensure_ascii=False)


class JsonArray:
    """An array of values that are each JSON already, as :func:`json_chunks` writes a value,
    in UTF-8 (journal lines copied out): written a thousand to a piece."""

    def __init__(self, items: Iterable[bytes]) -> None:
        self.items = items

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.items)

    def chunks(self, pad: str) -> Iterator[bytes]:
        start, sep = ("[\n" + pad).encode(), (",\n" + pad).encode()
        batch: list[bytes] = []
        for item in self.items:
            batch.append(item)
            if len(batch) == 1000:
                yield start + sep.join(batch)
                start, batch = sep, []
        if batch:
            yield start + sep.join(batch)
            start = sep
        yield b"[]" if start != sep else ("\n" + pad[2:] + "]").encode()


def json_chunks(data: Any) -> Iterator[str | bytes]:
    """Readable, stable JSON with Chinese unescaped, in pieces: one object per line in
    arrays, one key per line at the top.  An iterator stands for an array of objects and is
    written as it is consumed, so 100,000 rows never sit in memory as text at once; so does
    a :class:`JsonArray`, whose pieces are UTF-8 bytes.
    (``indent=`` would send every value through json's pure-Python encoder; this keeps each
    object on the C encoder, ten times faster on 10,000 rows.)"""

    dumps = _JSON.encode  # one encoder for all rows: json.dumps(**kw) builds one per call

    def rows(values: Iterable[Any], pad: str) -> Iterator[str]:
        first = True
        for v in values:
            yield ("[\n" if first else ",\n") + pad + dumps(v)
            first = False
        yield "[]" if first else "\n" + pad[2:] + "]"

    def block(value: Any, top: bool) -> Iterator[str | bytes]:
        pad = "  " if top else "    "
        if isinstance(value, JsonArray):
            yield from value.chunks(pad)
        elif isinstance(value, Iterator) or (
            isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        ):
            yield from rows(value, pad)
        elif isinstance(value, dict) and top and value:
            for i, (k, v) in enumerate(value.items()):
                yield ("{\n" if i == 0 else ",\n") + f"  {dumps(k)}: "
                yield from block(v, False)
            yield "\n}"
        else:
            yield dumps(value)

    yield from block(data, True)
    yield "\n"


def json_text(data: Any) -> str:
    """:func:`json_chunks` as one string."""
    return "".join(p if isinstance(p, str) else p.decode() for p in json_chunks(data))


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


# --------------------------------------------------------------------------- words


def status_label(state: ActivityState, lang: Lang) -> str:
    label = t(f"status_{state.status.value}", lang)
    if state.status.value != "done" and state.percent:
        label += f" {state.percent}%"
    if state.overdue:
        label += f" · {t('overdue', lang)}"
    elif state.late:
        label += f" · {t('late', lang)}"
    return label


def period_label(state: ActivityState, lang: Lang) -> str:
    p = state.period
    if p is None:
        return t("undated", lang)
    if p.start == p.end:
        return p.start.isoformat()
    return f"{p.start.isoformat()} – {p.end.isoformat()}"


def names(values: Iterable[str]) -> str:
    return "、".join(values)


# --------------------------------------------------------------------------- activity lists

LIST_FIELDS = ("id", "theme", "schedule", "lead", "assist", "status", "last_note")
FULL_FIELDS = (
    "id", "theme", "content", "schedule", "start", "end", "lead", "assist", "remark",
    "status", "percent", "overdue", "late", "done_on", "last_note",
)  # fmt: skip


def _cell(state: ActivityState, field: str, lang: Lang) -> Any:
    if field == "status":
        return status_label(state, lang)
    if field == "assist":
        return names(state.activity.assist)
    value = state.as_dict()[field]
    return value


def state_row(state: ActivityState, lang: Lang) -> list[Any]:
    """Every field of ``FULL_FIELDS``, as a spreadsheet shows them."""
    d = state.as_dict()
    d["assist"] = names(state.activity.assist)
    d["status"] = t(f"status_{state.status.value}", lang)
    return [d[f] for f in FULL_FIELDS]


def states_csv(states: Sequence[ActivityState], lang: Lang) -> str:
    return csv_text([t(f, lang) for f in FULL_FIELDS], [state_row(s, lang) for s in states])


def states_md(states: Sequence[ActivityState], lang: Lang) -> str:
    fields = (*LIST_FIELDS[:3], "period", *LIST_FIELDS[3:])
    header = [t(f, lang) for f in fields]
    rows = [
        [period_label(s, lang) if f == "period" else _cell(s, f, lang) for f in fields]
        for s in states
    ]
    return md_table(header, rows)


def cell_text(value: str, style: str = "") -> Text:
    from rich.text import Text

    return Text(safe(value), style=style)


_SGR = {"dim": "2", "yellow": "33", "green": "32", "red": "31"}


class _Cells(dict[str, int]):
    """Terminal cells per character, as Rich counts them (CJK two, most others one), learnt
    once per character: ``map(CELLS.__getitem__, text)`` then stays in C."""

    def __missing__(self, char: str) -> int:
        from rich.cells import get_character_cell_size

        self[char] = size = get_character_cell_size(char)
        return size


CELLS = _Cells()


def text_width(text: str) -> int:
    """Terminal cells ``text`` takes."""
    return len(text) if text.isascii() else sum(map(CELLS.__getitem__, text))


def wrap_cells(text: str, width: int) -> list[tuple[str, int]]:
    """``text`` cut into lines of at most ``width`` terminal cells, each with the cells it
    takes.  Break points are found by bisection over running widths, not char by char."""
    from bisect import bisect_right
    from itertools import accumulate

    out: list[tuple[str, int]] = []
    for para in text.split("\n"):
        if para.isascii() and len(para) <= width:
            out.append((para, len(para)))
            continue
        running = list(accumulate(map(CELLS.__getitem__, para)))
        if not running or running[-1] <= width:
            out.append((para, running[-1] if running else 0))
            continue
        start, base = 0, 0
        while start < len(para):
            end = max(start + 1, bisect_right(running, base + width, lo=start))
            out.append((para[start:end], running[end - 1] - base))
            start, base = end, running[end - 1]
    return out


def list_table(states: Sequence[ActivityState], lang: Lang, width: int, colour: bool) -> str:
    """The ``list`` table, fitted to ``width`` columns, every cell wrapped, never cut.

    Drawn here rather than by Rich: ``qm list`` is the command a clerk runs most, and Rich
    costs an import of ~50 ms and about a millisecond a row (13 s at 10,000 activities).
    Text is made safe first; colour is plain SGR, only when ``colour``.
    """
    if not states:
        return t("no_activities", lang) + "\n"

    header = [t(k, lang) for k in ("id", "theme", "schedule", "lead", "assist", "status")]
    rows = []
    for s in states:
        theme = safe(s.activity.theme) + (f"\n↳ {safe(s.last_note)}" if s.last_note else "")
        rows.append(
            (
                str(s.activity.id),
                theme,
                safe(s.activity.schedule),
                safe(s.activity.lead),
                safe(names(s.activity.assist)),
                safe(status_label(s, lang)),
                "red" if s.overdue else STATUS_STYLE[s.status.value],
            )
        )
    natural = [
        max(text_width(header[i]), *(max(map(text_width, t.split("\n"))) for t in set(column)))
        for i, column in enumerate(zip(*rows, strict=False))
        if i < 6
    ]
    gap = 3
    status_w = min(natural[5], max(text_width(header[5]), 12))
    room = width - natural[0] - status_w - gap * 5  # for theme, schedule, lead, co-organizers
    least = [text_width(header[i]) for i in range(1, 5)]
    least[0] = max(least[0], 10)
    shares = (room * 4 // 7, room // 7, room // 7, room // 7)
    flex = [min(natural[i + 1], max(least[i], shares[i])) for i in range(4)]
    over = sum(flex) - room
    if over > 0:  # too wide: the theme gives way first, down to its least
        flex[0] = max(least[0], flex[0] - over)
    elif natural[1] > flex[0]:  # room to spare: the theme takes it
        flex[0] = min(natural[1], flex[0] - over)
    widths = [natural[0], *flex, status_w]

    def line(cells: Sequence[tuple[str, int]], style: str = "") -> str:
        parts = []
        for i, ((text, used), w) in enumerate(zip(cells, widths, strict=True)):
            pad = " " * (w - used)
            cell = pad + text if i == 0 else text + pad
            if style and i == 5 and colour:
                cell = f"\x1b[{_SGR[style]}m{cell}\x1b[0m"
            parts.append(cell)
        return (" " * gap).join(parts).rstrip()

    out = [line([(h, text_width(h)) for h in header]), "─" * min(width, sum(widths) + gap * 5)]
    wraps: dict[tuple[str, int], list[tuple[str, int]]] = {}  # departments, schedules repeat
    for *cells, style in rows:
        wrapped = []
        for text, w in zip(cells, widths, strict=True):
            lines = wraps.get((text, w))
            if lines is None:
                lines = wraps[text, w] = wrap_cells(text, w)
            wrapped.append(lines)
        for k in range(max(map(len, wrapped))):
            out.append(line([col[k] if k < len(col) else ("", 0) for col in wrapped], style))
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- one activity


def event_rows(events: Sequence[Event], lang: Lang) -> list[list[Any]]:
    rows = []
    for e in events:
        action = t(f"action_{e.action}", lang)
        if e.percent is not None and e.action == "progress":
            action += f" {e.percent}%"
        written = e.recorded.astimezone().strftime("%Y-%m-%d %H:%M")
        rows.append([e.date.isoformat(), e.activity, action, e.by, e.note or "", written])
    return rows


def event_header(lang: Lang) -> list[str]:
    keys = ("date", "id", "action", "by", "note", "recorded_at")
    return [t(k, lang) for k in keys]


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


def field_grid(pairs: Iterable[tuple[str, Text]]) -> RenderableType:
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
    pairs: list[tuple[str, Text]] = [
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


def state_csv(state: ActivityState, lang: Lang) -> str:
    """One activity as the same columns as ``list --format csv``."""
    return states_csv([state], lang)


# --------------------------------------------------------------------------- plan views


def dept_rows(plan: Plan) -> list[dict[str, Any]]:
    """``{department, lead, assist}`` counts per canonical department, in plan order."""
    canon = plan.canonical()
    leads = dict.fromkeys(plan.department_names(), 0)
    assists = dict(leads)
    for a in plan.activities:
        leads[canon[a.lead]] += 1
        for n in {canon[n] for n in a.assist}:
            assists[n] += 1
    return [{"department": n, "lead": leads[n], "assist": assists[n]} for n in leads]


def depts_table(plan: Plan, lang: Lang) -> RenderableType:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(t("department", lang), overflow="fold")
    table.add_column(t("aliases", lang), overflow="fold")
    table.add_column(t("leads", lang), justify="right")
    table.add_column(t("assists", lang), justify="right")
    for row in dept_rows(plan):
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


def problems_text(lines: Iterable[str]) -> str:
    return "\n".join(safe(line) for line in lines)

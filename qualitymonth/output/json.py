"""The JSON writer: readable, stable JSON with Chinese unescaped, streamed in pieces.

The shapes themselves are :mod:`qualitymonth.porcelain`; this module only writes them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from qualitymonth.porcelain import activity_json, agenda_json, depts_json, report_json, show_json

if TYPE_CHECKING:
    from qualitymonth.journal.events import Event
    from qualitymonth.model import Plan
    from qualitymonth.output import Context, Listing
    from qualitymonth.report import Agenda, Report
    from qualitymonth.state import ActivityState

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


# --------------------------------------------------------------------------- the writer


def render_list(value: Listing, ctx: Context) -> Iterator[str | bytes]:
    return json_chunks(activity_json(s) for s in value.states)


def render_show(value: ActivityState, ctx: Context) -> Iterator[str | bytes]:
    return json_chunks(show_json(value))


def render_log(value: list[Event], ctx: Context) -> Iterator[str | bytes]:
    return json_chunks(e.as_dict() for e in value)


def render_report(value: Report, ctx: Context) -> Iterator[str | bytes]:
    data = report_json(value, stream=True)
    if value.note_json is not None:  # journal lines copied out by the index, as UTF-8
        data["notes"] = JsonArray(value.note_json)
    return json_chunks(data)


def render_agenda(value: Agenda, ctx: Context) -> Iterator[str | bytes]:
    return json_chunks(agenda_json(value))


def render_depts(value: Plan, ctx: Context) -> Iterator[str | bytes]:
    return json_chunks(depts_json(value))

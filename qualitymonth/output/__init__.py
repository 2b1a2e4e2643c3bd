"""The output pipeline: a command returns one value; a format renders it.

A *format* is a module of this package with a ``render_<kind>`` function for each kind of
value it can write (``render_list``, ``render_report``…).  :data:`FORMATS` registers them by
name; a writer module is imported only when its format is asked for, so ``qm list`` never
imports python-docx or openpyxl.  Adding a format is adding one module and one line here.

Text writers return ``str``, an iterable of ``str``/``bytes`` pieces (streamed), or, for the
terminal, a Rich renderable.  Binary writers take the value's JSON document
(:mod:`qualitymonth.porcelain`, plus the activities in scope) and return the file's bytes.
:func:`emit` sends the result to stdout or writes it to ``-o FILE`` whole or not at all.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from importlib import import_module
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from qualitymonth.i18n import Lang

if TYPE_CHECKING:
    from qualitymonth.model import Plan
    from qualitymonth.state import ActivityState

__all__ = [
    "FORMATS",
    "Context",
    "Format",
    "Listing",
    "emit",
    "format_for_file",
    "formats_for",
    "render",
    "write_file",
]


# The records here are named tuples: a frozen dataclass costs half a millisecond to define,
# and this module is on every run's path.


class Format(NamedTuple):
    """One output format: its writer module, and whether it writes bytes to a file."""

    name: str
    module: str
    binary: bool = False
    #: The file name suffix a binary format's output should carry.
    suffix: str = ""
    #: What the format renders (command names), for help and errors.
    kinds: tuple[str, ...] = ()
    #: Whether the writer takes the value's JSON document (``render_<kind>(doc, options)``)
    #: rather than the value itself (``render_<kind>(value, ctx)``).
    document: bool = False


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("table", "qualitymonth.output.table", suffix=".txt",
               kinds=("list", "show", "log", "report", "agenda", "depts", "info", "timeline")),
        Format("json", "qualitymonth.output.json", suffix=".json",
               kinds=("list", "show", "log", "report", "agenda", "depts")),
        Format("csv", "qualitymonth.output.csv", suffix=".csv",
               kinds=("list", "show", "log", "report", "agenda", "depts")),
        Format("md", "qualitymonth.output.md", suffix=".md",
               kinds=("list", "show", "log", "report", "agenda", "depts")),
        Format("docx", "qualitymonth.output.docx", binary=True, suffix=".docx",
               kinds=("report",), document=True),
        Format("xlsx", "qualitymonth.output.xlsx", binary=True, suffix=".xlsx",
               kinds=("list", "report"), document=True),
        Format("html", "qualitymonth.output.html", binary=True, suffix=".html",
               kinds=("report",), document=True),
        Format("ics", "qualitymonth.output.ics", binary=True, suffix=".ics",
               kinds=("list",), document=True),
    )
}  # fmt: skip


def format_for_file(kind: str, fmt: str, output: str | None, explicit: bool) -> str:
    """The format to write ``output`` in: the file's suffix names it when no ``--format`` was
    given (``-o 总结.docx``); a ``--format`` whose file suffix another format owns is a usage
    error, so a Word document is never saved as .xlsx, nor a text table as .docx."""
    if output in (None, "-"):
        return fmt
    suffix = Path(output).suffix.lower()
    owner = next((f for f in FORMATS.values() if f.suffix == suffix and kind in f.kinds), None)
    if owner is None or owner.name == fmt:
        return fmt
    if not explicit:
        return owner.name
    from qualitymonth.errors import UsageError

    raise UsageError("format_suffix_mismatch", format=fmt, path=output, suffix=suffix)


def formats_for(kind: str) -> list[str]:
    """The formats that can render ``kind``, in registry order."""
    return [f.name for f in FORMATS.values() if kind in f.kinds]


class Context(NamedTuple):
    """What a writer may know besides the value: the language, the terminal, and the
    format's own options (``font_body``…)."""

    lang: Lang = "zh"
    width: int = 80
    colour: bool = False
    options: Mapping[str, Any] = MappingProxyType({})


class Listing(NamedTuple):
    """The activities a ``list`` shows, with the plan and date they stand in."""

    plan: Plan
    as_of: date
    states: list[ActivityState]


def render(kind: str, value: Any, fmt: str, ctx: Context) -> Any:
    """``value`` (a ``kind`` of result) in format ``fmt``."""
    from qualitymonth.errors import UsageError

    spec = FORMATS.get(fmt)
    if spec is None or kind not in spec.kinds:
        raise UsageError(
            "format_not_for", format=fmt, command=kind, formats=", ".join(formats_for(kind))
        )
    writer: Callable[[Any, Any], Any] = getattr(import_module(spec.module), f"render_{kind}")
    if spec.document:
        return writer(document(kind, value), {"lang": ctx.lang, **ctx.options})
    return writer(value, ctx)


def document(kind: str, value: Any) -> dict[str, Any]:
    """The JSON document a file writer renders: the command's JSON, plus the activities in
    scope (a report's JSON lists only the overdue and undated ones)."""
    from qualitymonth.porcelain import activity_json, campaign_json, report_json

    if kind == "report":
        doc = report_json(value)
        doc["activities"] = [activity_json(s) for s in value.states]
        return doc
    if kind == "list":
        return {
            "campaign": campaign_json(value.plan.campaign),
            "as_of": value.as_of.isoformat(),
            "activities": [activity_json(s) for s in value.states],
        }
    raise ValueError(kind)


def emit(
    kind: str,
    value: Any,
    fmt: str,
    ctx: Context,
    *,
    output: str | None = None,
    force: bool = False,
    show: Callable[[Any], None] | None = None,
) -> Path | None:
    """Render ``value`` and send it to stdout, or to the file ``output`` (``-`` is stdout).

    A binary format needs a file; a file that exists is replaced only with ``force``; the
    file is written whole or not at all.  Checks come before rendering, so a refused write
    costs nothing.  Returns the file written, if any.  ``show`` prints a Rich renderable
    (the terminal writer's) on the caller's console.
    """
    from qualitymonth.errors import DataError, UsageError

    spec = FORMATS.get(fmt)
    target = None if output in (None, "-") else Path(output)
    if spec is not None and spec.binary and target is None:
        raise UsageError("binary_needs_output", format=fmt, suffix=spec.suffix)
    if target is not None:
        if target.is_dir():
            raise DataError("file_is_dir", path=str(target))
        if target.exists() and not force:
            raise DataError("output_exists", path=str(target))
    result = render(kind, value, fmt, ctx)
    if target is not None:
        _write_file(target, _as_bytes(result))
        return target
    if isinstance(result, bytes | str) or _is_pieces(result):
        write_stdout(result)
    elif show is not None:
        show(result)
    else:  # a renderable with no console to show it on: text it
        from rich.console import Console

        Console(file=sys.stdout, width=ctx.width, highlight=False).print(result)
    return None


def _is_pieces(result: Any) -> bool:
    return isinstance(result, Iterable) and not hasattr(result, "__rich_console__")


def _as_bytes(result: Any) -> bytes:
    if isinstance(result, bytes):
        return result
    if isinstance(result, str):
        return result.encode("utf-8")
    if _is_pieces(result):
        return b"".join(p if isinstance(p, bytes) else p.encode("utf-8") for p in result)
    from io import StringIO

    from rich.console import Console

    buffer = StringIO()
    Console(file=buffer, width=100, highlight=False, color_system=None).print(result)
    return buffer.getvalue().encode("utf-8")


def write_file(target: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``target`` whole or not at all; an existing file only with
    ``force``, a folder never."""
    from qualitymonth.errors import DataError

    if target.is_dir():
        raise DataError("file_is_dir", path=str(target))
    if target.exists() and not force:
        raise DataError("output_exists", path=str(target))
    _write_file(target, data)


def _write_file(target: Path, data: bytes) -> None:
    from qualitymonth.errors import DataError
    from qualitymonth.files import write_atomically

    try:
        write_atomically(target, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DataError("file_unwritable", path=str(target), reason=reason) from None


def write_stdout(text: str | bytes | Iterable[str | bytes]) -> None:
    """Machine formats go out as UTF-8 bytes whatever the console's code page; pieces are
    written in chunks of 64 KiB, so that 60,000 small pieces are not 60,000 system calls."""
    sys.stdout.flush()
    pieces: Iterable[str | bytes] = [text] if isinstance(text, str | bytes) else text
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # pragma: no cover - a text-only stream
        for piece in pieces:
            sys.stdout.write(piece if isinstance(piece, str) else piece.decode())
        sys.stdout.flush()
        return
    chunk: list[bytes] = []
    size = 0
    for piece in pieces:
        data = piece if isinstance(piece, bytes) else piece.encode("utf-8")
        chunk.append(data)
        size += len(data)
        if size >= 1 << 16:
            buffer.write(b"".join(chunk))
            chunk, size = [], 0
    buffer.write(b"".join(chunk))
    buffer.flush()

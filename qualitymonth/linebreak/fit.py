"""The rules of Chinese typesetting as levels of break positions, fitting a paragraph to a
width (giving way level by level, cutting by columns as a last resort), and the functions the
tables call: :func:`wrap_cells`, :func:`wrap`, :func:`spans`, :func:`min_width`."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate

from qualitymonth.linebreak.chars import (
    _CUT_AFTER,
    CELLS,
    CLOSING,
    OPENING,
    SHORT,
    _canonical,
    pattern,
    text_width,
)
from qualitymonth.linebreak.uax import opportunities


def _candidates(canon: str) -> tuple[list[int], ...]:
    """Break positions (0 < i < n), from the strictest level to the loosest.  All levels
    break only where UAX #14 allows and keep punctuation right; the rules for the rest give
    way one by one: a date's or a range's joints (2024年|6月), then a number's unit
    (11|项), then a short word (逾|期)."""
    n = len(canon)
    if len(canon.strip(" ")) <= SHORT:
        return [], [], [], []
    flags = opportunities(canon)
    loose: list[int] = []
    last = ""  # the last character before i that is not a space
    for i in range(1, n):
        prev = canon[i - 1]
        if prev != " ":
            last = prev
        if flags[i] and canon[i] not in CLOSING and last not in OPENING:
            loose.append(i)
    words = bytearray(n + 1)  # 1 before the second to last character of a short word
    for m in pattern("han_run").finditer(canon):
        if m.end() - m.start() <= SHORT:
            words[m.start() + 1 : m.end()] = b"\x01" * (m.end() - m.start() - 1)
    units = bytearray(words)
    for m in pattern("number_unit").finditer(canon):
        units[m.start() + 1 : m.end()] = b"\x01" * (m.end() - m.start() - 1)
    glued = bytearray(units)
    for m in pattern("glue").finditer(canon):
        glued[m.start() + 1 : m.end()] = b"\x01" * (m.end() - m.start() - 1)
    return (
        [i for i in loose if not glued[i]],
        [i for i in loose if not units[i]],
        [i for i in loose if not words[i]],
        loose,
    )


def _graphemes(canon: str) -> tuple[list[int], list[int] | None]:
    """Cells per character (a grapheme's cells on its first character) and the grapheme
    starts, or ``None`` when every character starts one."""
    widths = list(map(CELLS.__getitem__, canon))
    if "\u200d" not in canon and "\ufe0f" not in canon and all(widths):
        return widths, None
    from rich.cells import split_graphemes

    spans, _ = split_graphemes(canon)
    if canon.startswith("\u200d") and len(spans) > 1:  # as cell_len: it hides what follows
        spans[:2] = [(0, spans[1][1], 0)]
    widths = [0] * len(canon)
    for start, _end, cells in spans:
        widths[start] = cells
    return widths, [start for start, _end, _cells in spans]


Line = tuple[int, int, int]  # start, end, cells


def _fit(canon: str, width: int) -> list[Line]:
    """One paragraph (no newline) as lines of at most ``width`` cells."""
    widths, starts = _graphemes(canon)
    out = _greedy(canon, width, widths, starts)
    if starts is not None:  # Rich measures a line that starts inside an emoji sequence alone
        from rich.cells import cell_len

        out = [
            piece for s, e, _ in out for piece in _measured(canon, s, e, width, starts, cell_len)
        ]
    return out


def _measured(
    canon: str, s: int, e: int, width: int, starts: list[int], cell_len: Callable[[str], int]
) -> list[Line]:
    """Line ``canon[s:e]`` as Rich measures it; when joiners make it wider than ``width``,
    cut it at grapheme starts into the longest pieces that fit (one grapheme at least)."""
    cells = cell_len(canon[s:e])
    if cells <= width:
        return [(s, e, cells)]
    inner = [b for b in starts if s < b < e] + [e]
    out: list[Line] = []
    while s < e:
        fit = next(iter(inner))
        for b in inner:
            if cell_len(canon[s:b]) > width:
                break
            fit = b
        out.append((s, fit, cell_len(canon[s:fit])))
        s = fit
        inner = [b for b in inner if b > s]
    return out


def _greedy(canon: str, width: int, widths: list[int], starts: list[int] | None) -> list[Line]:
    """Fill each line with as much as fits, breaking at the strictest level that can."""
    n = len(canon)
    running = [0, *accumulate(widths)]
    if running[-1] <= width:
        return [(0, n, running[-1])]
    candidates = _candidates(canon)
    if starts is not None:
        allowed = set(starts)
        candidates = tuple([i for i in c if i in allowed] for c in candidates)
    bounds = list(range(1, n + 1)) if starts is None else [*starts[1:], n]
    bound_cells = [running[i] for i in bounds]

    def trimmed(b: int) -> int:
        while b > 0 and canon[b - 1] == " ":
            b -= 1
        return b

    levels = []
    for positions in candidates:
        breaks = [*positions, n]
        ends = [trimmed(b) for b in breaks]
        levels.append((breaks, ends, [running[e] for e in ends]))

    out: list[Line] = []
    pos = 0
    while pos < n:
        if running[n] - running[pos] <= width:
            out.append((pos, n, running[n] - running[pos]))
            break
        limit = running[pos] + width
        for breaks, ends, cells in levels:
            lo = bisect_right(breaks, pos)
            hi = bisect_right(cells, limit, lo)
            if hi > lo:
                brk, end = breaks[hi - 1], ends[hi - 1]
                break
        else:  # one run wider than the column: cut it by columns
            brk = _cut(canon, pos, running[pos], limit, bounds, bound_cells)
            end = trimmed(brk)
        if end > pos:
            out.append((pos, end, running[end] - running[pos]))
        pos = brk
        while pos < n and canon[pos] == " ":
            pos += 1
    return out or [(0, 0, 0)]


def _cut(
    canon: str, pos: int, base: int, limit: int, bounds: list[int], bound_cells: list[int]
) -> int:
    """Where to cut a run wider than the column that starts at ``pos`` (``base`` cells into
    the paragraph): after a dash or slash in the second half of the line if there is one
    (8:30- / 11:30), else at the furthest grapheme boundary within ``limit`` cells, moved
    back up to three graphemes if that keeps punctuation right; at least one grapheme."""
    first = bisect_right(bounds, pos)
    last = bisect_right(bound_cells, limit, first) - 1
    if last < first:
        return bounds[first]
    half = base + (limit - base + 1) // 2
    for k in range(last, first - 1, -1):
        if bound_cells[k] < half:
            break
        if canon[bounds[k] - 1] in _CUT_AFTER:
            return bounds[k]
    for k in range(last, max(first, last - 3) - 1, -1):
        b = bounds[k]
        if b >= len(canon) or (canon[b] not in CLOSING and canon[b - 1] not in OPENING):
            return b
    return bounds[last]


# --------------------------------------------------------------------------- the API

_LINES: dict[tuple[str, int], list[Line]] = {}
_CACHE_LIMIT = 200_000


def _paragraph(para: str, width: int) -> list[Line]:
    if "\u200d" not in para and "\ufe0f" not in para:
        cells = sum(map(CELLS.__getitem__, para))
        if cells <= width:  # nothing to break: no need to load uniseg
            return [(0, len(para), cells)]
    canon = _canonical(para)
    key = (canon, width)
    lines = _LINES.pop(key, None)  # put back last: the memo keeps the most recently used
    if lines is None:
        if len(_LINES) >= _CACHE_LIMIT:
            _LINES.clear()
        lines = _fit(canon, width)
    _LINES[key] = lines
    return lines


def wrap_cells(text: str, width: int) -> list[tuple[str, int]]:
    """``text`` as lines of at most ``width`` terminal cells, each with the cells it takes.

    The same contract as ``output.text.wrap_cells`` (which cuts anywhere), broken as Chinese
    typesetting breaks lines; see the module's docstring.  Spaces at a break are dropped.
    """
    width = max(width, 1)
    out: list[tuple[str, int]] = []
    for para in text.split("\n"):
        if len(para) <= width and para.isascii() and para.isprintable():
            out.append((para, len(para)))
            continue
        out += [(para[s:e], cells) for s, e, cells in _paragraph(para, width)]
    return out


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` terminal cells, broken as Chinese typesetting
    breaks lines (see the module's docstring)."""
    return [line for line, _ in wrap_cells(text, width)]


def spans(text: str, width: int) -> list[tuple[int, int]]:
    """Where each line of ``wrap(text, width)`` lies in ``text``: (start, end) offsets."""
    width = max(width, 1)
    out: list[tuple[int, int]] = []
    offset = 0
    for para in text.split("\n"):
        out += [(offset + s, offset + e) for s, e, _ in _paragraph(para, width)]
        offset += len(para) + 1
    return out


def min_width(text: str) -> int:
    """The narrowest width at which :func:`wrap` needs none of its last resorts: the widest
    run that all the rules keep whole."""
    widest = 0
    for para in text.split("\n"):
        if len(para.strip(" ")) <= SHORT:  # a label: one run, and no need to load uniseg
            widest = max(widest, text_width(para.rstrip(" ")))
            continue
        canon = _canonical(para)
        least = _LEAST.pop(canon, None)  # put back last, as in _paragraph
        if least is None:
            if len(_LEAST) >= _CACHE_LIMIT:
                _LEAST.clear()
            least = _widest_run(canon)
        _LEAST[canon] = least
        widest = max(widest, least)
    return widest


_LEAST: dict[str, int] = {}


def _widest_run(canon: str) -> int:
    widths, starts = _graphemes(canon)
    strict = _candidates(canon)[0]
    if starts is not None:
        allowed = set(starts)
        strict = [i for i in strict if i in allowed]
    running = [0, *accumulate(widths)]
    widest, start = 0, 0
    for b in [*strict, len(canon)]:
        end = b
        while end > start and canon[end - 1] == " ":
            end -= 1
        widest, start = max(widest, running[end] - running[start]), b
    return widest

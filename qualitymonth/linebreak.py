"""Line breaking for terminal tables, as Chinese typesetting breaks lines.

A cell is cut only where the Unicode line breaking algorithm (UAX #14, from ``uniseg``) allows
a break, and further where Chinese typesetting allows one (GB/T 15834 and the usual 避头尾
rules):

- no closing punctuation (，。、；：？！”’）》」』】〕… and their ASCII kin) starts a line, and no
  opening punctuation (“‘（《「『【〔) ends one;
- a number stays whole, with its separators and its unit: ``8:30-11:30``, ``2024年6月``,
  ``9月15日``, ``11 项``, ``12 家``, ``50%``, ``第六届``, ``九月``;
- a run of at most four Han characters between punctuation, spaces or figures (逾期, 未开始,
  “质量月”, 各监管所) is a word and stays whole, and so does a whole text of at most four
  characters;
- Latin words are never cut (UAX #14 already keeps them).

When the text cannot fit that way, the rules give way in order: first the number and word
rules, then (last resort) a run wider than the column is cut by columns, at a grapheme
boundary, preferring a cut that leaves no punctuation wrong.  No line is ever wider than the
width (except a single character wider than a one-column width), no character but a space at
a break is dropped, and explicit newlines are kept.

Widths are terminal cells as Rich counts them (``rich.cells``: CJK and full-width two cells,
most others one, combining marks none, emoji sequences as Rich measures them), so a line that
:func:`wrap` makes fits the column that Rich draws.

Speed: UAX #14 in ``uniseg`` is pure Python, about 0.1 ms a character.  Two caches make it
cheap.  For the rules, every character is replaced by a representative with the same
properties (line-break class, general category, East Asian width, cells; the characters the
rules name keep their identity), so ``第1项活动`` and ``第2项活动`` are one text and one entry in
the cache of finished lines.  For UAX #14 the text is reduced further (every Han character is
丁) and cut between two Han characters (always a break opportunity, and a boundary no rule
looks across) into short pieces, each worked out with one character of context on each side
and cached: the pieces are punctuation patterns like 丁，丁 or 丁“丁, a few dozen in a whole
plan, so a new sentence costs a few dictionary look-ups a character.
``tests/test_linebreak.py`` holds this to ``uniseg`` on whole texts.

How the tables use it:

- ``render.list_table`` draws its own table: call :func:`wrap_cells` where it calls
  ``render.wrap_cells`` today (same arguments, same result: ``[(line, cells), ...]``), e.g.
  ``from qualitymonth.linebreak import wrap_cells`` at the top of the function;
- a Rich table wraps its cells itself, with its own algorithm: give it a :class:`Wrapped`
  instead of a ``Text`` (``table.add_row(str(a.id), Wrapped(cell_text(a.theme)), ...)``).
  Rich measures it (widest line, widest unbreakable run), picks the column width as for any
  text, and :class:`Wrapped` breaks the text at exactly that width; a ``no_wrap`` column is
  left to Rich.  It works outside tables too (a long sentence in a ``Group``).

Nothing heavy is imported with this module: ``uniseg`` and ``rich`` load on first use.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement
    from rich.text import Text

__all__ = [
    "CLOSING",
    "OPENING",
    "Wrapped",
    "min_width",
    "opportunities",
    "spans",
    "text_width",
    "wrap",
    "wrap_cells",
]

#: Never at the start of a line.
CLOSING = frozenset("，。、；：？！”’）》」』】〕〉〗〙｝］…‥·・〃々〜～%％‰,.;:?!)]}")
#: Never at the end of a line.
OPENING = frozenset("“‘（《「『【〔〈〖〘｛［([{")

_DIGITS = "0123456789"
_WIDE_DIGITS = "０１２３４５６７８９"
_NUMERALS = "〇零一二三四五六七八九十百千万两"
_UNIT_WORDS = ("个工作日", "工作日", "小时", "个月", "周年", "年度", "万元", "亿元")
_UNIT_CHARS = "年月日号时点分秒项家个件批份次届期季度天周人名元户所台套条场起篇张辆类倍岁米吨%％‰"
_NUMBER_SEPARATORS = ".．:：/／-–—―~～"

_D = f"[{_DIGITS}{_WIDE_DIGITS}]"
_NUMBER = rf"{_D}+(?:[.．:：/／,]{_D}+)*"
_UNIT = "(?:" + "|".join(_UNIT_WORDS) + f"|[{_UNIT_CHARS}])"
#: A number (8:30, 2024.6.17, 6/17) or a Chinese numeral, with its unit: 6月, 11 项, 九月.
_NUMBER_UNIT = re.compile(rf"(?:第 *)?{_NUMBER}(?: *{_UNIT})?|第?[{_NUMERALS}]+{_UNIT}")
#: The same, with ranges and dates: 8:30-11:30, 9-10 月, 2024年6月, 9月15日.
_GLUE = re.compile(
    rf"(?:第 *)?{_NUMBER}(?: *(?:[-–—―~～]|[年月]) *{_NUMBER})*(?: *{_UNIT})?"
    rf"|第?[{_NUMERALS}]+{_UNIT}"
)
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_HAN_RUN = re.compile(f"[{_HAN}]+")
#: A run too wide for its column is best cut after one of these.
_CUT_AFTER = frozenset("-–—―~～/／")
#: Short labels and words: never split.
SHORT = 4

#: Characters every rule here or in UAX #14 names one by one: they stand for themselves.
_KEEP = frozenset(
    "".join(CLOSING | OPENING)
    + _NUMERALS
    + "".join(_UNIT_WORDS)
    + _UNIT_CHARS
    + _NUMBER_SEPARATORS
    + "第 ,\u2010\u25cc\u200d\ufe0f"
)
#: Plain Han characters all become this one; a break between two of them is always allowed.
_HAN_REP = "丁"
_SPLIT = re.compile(f"(?<={_HAN_REP})(?={_HAN_REP})|(?<=[aA0] )(?=[aA])")


class _Cells(dict[str, int]):
    """Terminal cells per character, as Rich counts them, learnt once per character."""

    def __missing__(self, char: str) -> int:
        from rich.cells import get_character_cell_size

        self[char] = size = get_character_cell_size(char)
        return size


CELLS = _Cells()


def text_width(text: str) -> int:
    """Terminal cells ``text`` takes (as ``rich.cells.cell_len`` counts them)."""
    if text.isascii() and text.isprintable():
        return len(text)
    if "\u200d" in text or "\ufe0f" in text:
        from rich.cells import cell_len

        return cell_len(text)
    return sum(map(CELLS.__getitem__, text))


def _uniseg(name: str) -> Any:
    """A module of ``uniseg`` (which ships no type information), imported on first use."""
    return importlib.import_module(f"uniseg.{name}")


def _uax_properties(char: str) -> tuple[object, ...]:
    """Everything UAX #14, as ``uniseg`` implements it, reads of a character (besides the
    identity of U+2010 and U+25CC)."""
    emoji, linebreak, data = (
        _uniseg("emoji"),
        _uniseg("linebreak"),
        _uniseg("unicodedatawrapper"),
    )
    return (
        linebreak.line_break(char),
        data.category(char),
        data.east_asian_width(char),
        emoji.extended_pictographic(char),
    )


class _Representatives(dict[int, str]):
    """A ``str.translate`` table: each character to the first character met with the same
    ``key``; the characters of ``keep`` stand for themselves."""

    def __init__(
        self,
        key: Callable[[str], object],
        keep: frozenset[str],
        first: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.key, self.keep, self.first = key, keep, first
        self.reps: dict[object, str] = {}

    def __missing__(self, code: int) -> str:
        if self.first and not self.reps:  # the representatives _SPLIT names come first
            for rep in self.first:
                self.reps[self.key(rep)] = rep
        char = chr(code)
        if char in self.keep:
            rep = char
        elif char in _DIGITS:
            rep = "0"
        elif char in _WIDE_DIGITS:
            rep = "０"
        else:
            rep = self.reps.setdefault(self.key(char), char)
        self[code] = rep
        return rep


#: For the rules: the characters they name stand for themselves.
_RULES = _Representatives(
    lambda char: (*_uax_properties(char), CELLS[char], bool(_HAN_RUN.match(char))), _KEEP
)
#: For UAX #14 alone: every Han character is 丁, every Latin letter a or A.
_UAX_TABLE = _Representatives(
    _uax_properties, frozenset("\u2010\u25cc"), first=("丁", "a", "A", "0")
)


def _canonical(para: str) -> str:
    """``para`` with each character replaced by its representative for the rules (texts
    with emoji sequences, which Rich measures as a whole, stay as they are)."""
    if "\u200d" in para or "\ufe0f" in para:
        return para
    return para.translate(_RULES)


# --------------------------------------------------------------------------- UAX #14

_UAX: dict[str, list[int]] = {}


def _uax14(text: str) -> list[int]:
    """``uniseg``'s break opportunities: item i is 1 where a line may break before text[i]."""
    flags = _UAX.get(text)
    if flags is None:
        flags = _UAX[text] = list(_uniseg("linebreak").line_break_breakables(text))
    return flags


def opportunities(text: str) -> list[int]:
    """UAX #14 break opportunities of ``text``, as ``uniseg`` gives them (item i is 1 where a
    line may break before text[i]), for a few dictionary look-ups a character.

    Each character is replaced by a representative with the same properties (all Han
    characters by 丁), and the text is cut into pieces: between two Han characters (and
    after a space between two Latin words) the answer is always "break" and no rule of
    UAX #14 looks across, so each piece is worked out with one character of context on each
    side, and cached.  ``tests/test_linebreak.py`` holds this to ``uniseg`` on whole texts.
    """
    canon = text.translate(_UAX_TABLE)
    n = len(canon)
    flags: list[int] = []
    start = 0
    for m in (*_SPLIT.finditer(canon), None):
        end = n if m is None else m.start()
        lo, hi = max(0, start - 1), min(n, end + 1)
        part = _uax14(canon[lo:hi])[start - lo : end - lo]
        if start:
            part[0] = 1
        flags += part
        start = end
    return flags


# --------------------------------------------------------------------------- the memo

_MEMO_FORMAT = 1


def memo() -> dict[str, Any]:
    """What this process has learnt of characters and pieces, as JSON-ready data: kept in the
    user cache between runs, it spares a table most runs the loading of ``uniseg`` (about
    40 ms), which the answers were computed with.  ``load_memo`` takes it back."""
    return {
        "format": _MEMO_FORMAT,
        "versions": _versions(),
        "rules": {str(code): rep for code, rep in _RULES.items()},
        "uax_table": {str(code): rep for code, rep in _UAX_TABLE.items()},
        "uax": _UAX,
    }


def load_memo(data: Any) -> bool:
    """Take back what :func:`memo` gave, when it was made with the same ``uniseg`` and
    ``rich`` (else ignore it).  Whether it was taken."""
    try:
        if data.get("format") != _MEMO_FORMAT or data.get("versions") != _versions():
            return False
        rules = {int(code): str(rep) for code, rep in data["rules"].items()}
        table = {int(code): str(rep) for code, rep in data["uax_table"].items()}
        uax = {str(k): [int(f) for f in v] for k, v in data["uax"].items()}
    except (AttributeError, KeyError, TypeError, ValueError):
        return False
    _RULES.update(rules)
    _UAX_TABLE.update(table)
    _UAX.update(uax)
    return True


def memo_size() -> int:
    """How much has been learnt (to tell whether a memo is worth storing again)."""
    return len(_RULES) + len(_UAX_TABLE) + len(_UAX)


def _versions() -> list[str]:
    """What the memo's answers depend on: the files of ``uniseg`` and ``rich.cells`` (found
    without importing them)."""
    import importlib.util
    import os

    found = []
    for name in ("uniseg", "rich"):
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin is None:
            found.append(f"{name}:-")
            continue
        stat = os.stat(origin)
        found.append(f"{name}:{origin}:{stat.st_size}:{stat.st_mtime_ns}")
    return found


# --------------------------------------------------------------------------- the rules


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
    for m in _HAN_RUN.finditer(canon):
        if m.end() - m.start() <= SHORT:
            words[m.start() + 1 : m.end()] = b"\x01" * (m.end() - m.start() - 1)
    units = bytearray(words)
    for m in _NUMBER_UNIT.finditer(canon):
        units[m.start() + 1 : m.end()] = b"\x01" * (m.end() - m.start() - 1)
    glued = bytearray(units)
    for m in _GLUE.finditer(canon):
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
    lines = _LINES.get(key)
    if lines is None:
        if len(_LINES) >= _CACHE_LIMIT:
            _LINES.clear()
        lines = _LINES[key] = _fit(canon, width)
    return lines


def wrap_cells(text: str, width: int) -> list[tuple[str, int]]:
    """``text`` as lines of at most ``width`` terminal cells, each with the cells it takes.

    The same contract as ``render.wrap_cells`` (which cuts anywhere), broken as Chinese
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
        least = _LEAST.get(canon)
        if least is None:
            if len(_LEAST) >= _CACHE_LIMIT:
                _LEAST.clear()
            least = _LEAST[canon] = _widest_run(canon)
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


# --------------------------------------------------------------------------- Rich


class Wrapped:
    """A Rich renderable: ``text`` wrapped by :func:`wrap` to the width Rich gives it.

    Use it in place of a ``Text`` in a table cell (or anywhere): ``table.add_row(
    Wrapped(cell_text(theme)), ...)``.  It keeps the text's styles, and tells Rich its
    widest line (the width it would like) and, when that is wider than the room there is,
    its widest unbreakable run (the least it needs), so Rich sizes the column as for any
    text and then never breaks it itself.
    """

    def __init__(self, text: Text | str, style: str = "") -> None:
        """``text``: a ``Text`` (its styles are kept) or a plain string, never read as
        markup.  Make untrusted text safe first (``render.cell_text`` does)."""
        from rich.text import Text

        self.text = Text(text, style=style) if isinstance(text, str) else text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        plain = self.text.plain
        widest = max(text_width(line) for line in plain.split("\n"))
        if widest <= options.max_width:  # it fits: the least it needs is of no consequence
            return Measurement(widest, widest)
        return Measurement(min(min_width(plain), widest), widest)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        if options.no_wrap or self.text.no_wrap:  # a no_wrap column: as Rich would, unwrapped
            yield self.text
            return
        lines = [self.text[s:e] for s, e in spans(self.text.plain, options.max_width)]
        joined = Text("\n", end=self.text.end).join(lines)
        joined.justify = self.text.justify
        joined.overflow = "fold"  # only a lone character wider than the column gets here
        joined.no_wrap = True
        yield joined

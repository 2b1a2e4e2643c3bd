"""The characters line breaking knows: the punctuation that must not start or end a line,
numbers and their units, short Han words; terminal cells per character (as Rich counts them);
and the representatives that let one cached answer serve many texts."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import Any

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
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
#: The patterns of the rules, by name, compiled on first use (about 3 ms together, which a
#: run whose lines are all in the memo never spends):
_PATTERNS = {
    # a number (8:30, 2024.6.17, 6/17) or a Chinese numeral, with its unit: 6月, 11 项, 九月
    "number_unit": rf"(?:第 *)?{_NUMBER}(?: *{_UNIT})?|第?[{_NUMERALS}]+{_UNIT}",
    # the same, with ranges and dates: 8:30-11:30, 9-10 月, 2024年6月, 9月15日
    "glue": rf"(?:第 *)?{_NUMBER}(?: *(?:[-–—―~～]|[年月]) *{_NUMBER})*(?: *{_UNIT})?"
    rf"|第?[{_NUMERALS}]+{_UNIT}",
    # a run of Han characters
    "han_run": f"[{_HAN}]+",
    # where UAX #14 always allows a break and no rule looks across (see .uax)
    "split": "(?<=丁)(?=丁)|(?<=[aA0] )(?=[aA])",
}
_COMPILED: dict[str, re.Pattern[str]] = {}


def pattern(name: str) -> re.Pattern[str]:
    """The compiled pattern ``name`` of :data:`_PATTERNS`."""
    found = _COMPILED.get(name)
    if found is None:
        found = _COMPILED[name] = re.compile(_PATTERNS[name])
    return found


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
_HAN_REP = "丁"  # the "split" pattern names it


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
        if self.first and not self.reps:  # the representatives "split" names come first
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
    lambda char: (*_uax_properties(char), CELLS[char], bool(pattern("han_run").match(char))),
    _KEEP,
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

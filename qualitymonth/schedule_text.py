"""Schedule text (时间安排) made regular for the grammar in :mod:`qualitymonth.schedule`.

NFKC, no spaces, ASCII digits, Chinese numerals as digits where they count, numeric dates
(6/17, 2024.6.17, 2024-06-01) as Chinese ones, clock times and weekdays dropped, every range
mark as ``~``, and the text outside brackets kept apart from the text inside them.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from datetime import date

from qualitymonth.cntext import cn_to_int

__all__ = ["DATEISH", "DATE_IN_WORDS", "normalise", "prepare"]

_DASHES = "-—–―~〜‐‑‒−⁓﹣━─"
_DASH = "[" + re.escape(_DASHES) + "]"
_CN_RUN = "[〇零一二两三四五六七八九十]+"
# A Chinese numeral is a number only beside a unit (九月, 二〇二三年, 十个工作日) or in a list
# or range that ends in one (第二、三季度, 九至十月): 统一部署 and 一县一试点 keep their words.
_CN_NUMBER = re.compile(
    _CN_RUN
    + r"(?=(?:[、，,或和及与至到"
    + re.escape(_DASHES)
    + r"]"
    + _CN_RUN
    + r")*(?:年|月|日|号|个|天|周|季|旬|点|时|星期|工作日|分))"
    + r"|(?<=[月第])"
    + _CN_RUN
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_BREAK = re.compile(r"[\n\r\t\v\f\u2028\u2029]+")
_SPACE = re.compile(r"\s+")
_YMD = re.compile(r"(?<!\d)(\d{4})[./-](\d{1,2})[./-](\d{1,2})(?!\d)")
_YM = re.compile(r"(?<!\d)(\d{4})[./](\d{1,2})(?![\d./])")
_MD = re.compile(r"(?<![\d./:])(\d{1,2})[./](\d{1,2})(?![\d./:个天周年小%])")  # not 1.5个月
_NO_BRACKETS = str.maketrans("", "", "([【〔<《「{)]】〕>》」}\"“”'‘’")
# The traditional forms of the characters the grammar reads (國家核準考試成績後).
_SIMPLIFIED = str.maketrans("後個週號點時內從於間為與開結屆", "后个周号点时内从于间为与开结届")
# 5月 20 日 9月 16 日: a space after a day, before the next month, parts two dates.
_SPACED_DATES = re.compile(r"(?<=日)\s+(?=\d{1,2}\s*月)")
# 24曰: 曰 (say) typed for 日 (day) after a number.
_YUE_FOR_RI = re.compile(r"(?<=[\d〇零一二两三四五六七八九十])曰")
_BRACKET = re.compile(r"[(\[【〔<《「{][^()\[\]【】〔〕<>《》「」{}]*[)\]】〕>》」}]")
#: Weekday names and numbers, Monday 0 … Sunday 6.
_WEEKDAYS = {**{c: i for i, c in enumerate("一二三四五六日")}, **{str(i + 1): i for i in range(7)},
             "天": 6}  # fmt: skip
_NTH_WEEKDAY = re.compile(
    r"(?:(\d{4})年)?(\d{1,2})月第([1-5])个?(?:星期|周|礼拜)([1-7一二三四五六日天])"
)
_TWO_DIGIT_YEAR = re.compile(r"(?<!\d)(\d{2})年(?=\d{1,2}月)")
# 4月一12月: a 一 between two numbers is a dash typed with the wrong key.
_ONE_AS_DASH = re.compile(r"(?<=[\d月日旬底末初])一(?=\d)")
_WEEKDAY = re.compile(r"(?<!每)(?:星期|礼拜|周)[1-7一二三四五六日天]")  # not 每周五
# What makes a rewrite worth running (see prepare).
_CN_ANY = re.compile(_CN_RUN)
_WEEKDAY_OR_CLOCK = re.compile(r"[星礼周:点时午晚早凌]")
_ANY_BRACKET = re.compile(r"[(\[【〔<《「{)\]】〕>》」}\"“”'‘’]")
_LIST_MARK = re.compile(r"[、或和及与,]")
_DAYPART = r"(?:上午|下午|晚上|中午|早上|凌晨|傍晚|晚)"
_TIME = _DAYPART + r"?\d{1,2}(?::\d{2}[点时]?|[点时](?:\d{1,2}分?|半|整)?)"
_CLOCK = re.compile(
    _TIME + r"(?:(?:开始|起)?(?:" + _DASH + r"+|至|到)" + _TIME + r"(?:结束|止)?)?|" + _DAYPART
)
# Longest first: 起至 before 至, 持续到 before 到.
_RANGE_WORDS = re.compile(
    r"起至|起到|截止到|截止至|截至|截止|直至|直到|持续到|持续至|一直到|延续到|延续至|至|到|"
    + _DASH
    + "+"
)
# 5、6月 -> 5月、6月; 第二、三季度 -> 第2季度、3季度: a bare number in a list takes the unit
# that ends it.
_LIST_UNIT = re.compile(
    r"(?<![\d月日~.])(\d{1,2})((?:[、或和及与,]\d{1,2})*[、或和及与,]\d{1,2})(月|季度)"
)
_DATE_WORDS = (
    r"即日|全年|长期|常态|常年|持续|每[月季周年旬日天半]|分季度|分月|定期|日常|半年|年底|年末|年终"
    r"|年内|年度|月底|月末|季度|旬|今年|明年|次年|本年|当年"
)
#: Text that may name a date: a number, or a word the grammar reads as one.
DATEISH = re.compile(r"\d|" + _DATE_WORDS)
#: A date in words that follow one (完成10家 is a count, 完成至10月 a date not read).
DATE_IN_WORDS = re.compile(r"\d+(?:[年月日旬季周天时点:./\-~]|个(?:月|工作日|星期))|" + _DATE_WORDS)
# 2025年底 -> 2025年年底: the year, then the year's end (年底 alone is a point of its own).
_YEAR_END = re.compile(r"(\d{4}|今|明|本|当|次|翌)年(?=[底末终内])")
_NTH_QUARTERS = re.compile(r"第(\d)(?=~第?\d季度)")


def _numerals(s: str) -> str:
    return _CN_NUMBER.sub(lambda m: cn_to_int(m.group()), s)


def _numeric_dates(s: str) -> str:
    """2024-06-01, 2024.6.17, 2024/6 and 6/17, 6.1 as the Chinese forms the grammar reads."""

    def ymd(m: re.Match[str]) -> str:
        return f"{m[1]}年{int(m[2])}月{int(m[3])}日"

    def md(m: re.Match[str]) -> str:
        month, day = int(m[1]), int(m[2])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{month}月{day}日"
        return m.group()

    s = _YMD.sub(ymd, s)
    s = _YM.sub(lambda m: f"{m[1]}年{int(m[2])}月" if 1 <= int(m[2]) <= 12 else m.group(), s)
    return _MD.sub(md, s)


def _split_brackets(s: str) -> tuple[str, list[str]]:
    """The text outside brackets, and what the brackets hold (innermost first)."""
    inside: list[str] = []
    outside = s
    while True:
        found = _BRACKET.findall(outside)
        if not found:
            break
        inside += [b[1:-1] for b in found]
        outside = _BRACKET.sub("", outside)
    return outside.translate(_NO_BRACKETS), [b.translate(_NO_BRACKETS) for b in inside]


def _in_year(year: int | None) -> Callable[[re.Match[str]], str]:
    def two_digit_year(m: re.Match[str]) -> str:
        """一一年一月 in a 2010 plan: 2011, the year ending so nearest the campaign's."""
        if year is None:
            return m.group()
        nn = int(m[1])
        full = year - (year - nn + 50) % 100 + 50
        return f"{full}年"

    return two_digit_year


def _nth_weekday(year: int | None) -> Callable[[re.Match[str]], str]:
    def nth(m: re.Match[str]) -> str:
        """6月第二个星期日: the day, in the year written or the campaign's."""
        y = int(m[1]) if m[1] else year
        month, n = int(m[2]), int(m[3])
        if y is None or not 1 <= month <= 12:
            return m.group()
        weekday = _WEEKDAYS[m[4]]
        first = (weekday - date(y, month, 1).weekday()) % 7 + 1
        day = first + 7 * (n - 1)
        if day > calendar.monthrange(y, month)[1]:
            return m.group()
        return f"{m[1] or ''}{'年' if m[1] else ''}{month}月{day}日"

    return nth


def prepare(text: str, year: int | None) -> tuple[str, str | None]:
    """The text outside brackets and the text inside them, each in the canonical form the
    grammar reads; ``None`` for the inside when there are no brackets.

    Each rewrite runs only when its text can be there: most cells are short and plain, and a
    plan of thousands of activities reads each of its distinct cells once."""
    s = unicodedata.normalize("NFKC", text)
    if not s.isascii():
        s = s.translate(_SIMPLIFIED)
    if not s.isprintable():  # control characters, line breaks, wide spaces
        s = _CONTROL.sub("", s)
        s = _BREAK.sub(",", s.strip())
    if " " in s or not s.isprintable():
        s = _SPACED_DATES.sub("、", s)
        s = _SPACE.sub("", s)
    if "曰" in s:
        s = _YUE_FOR_RI.sub("日", s)
    if "一" in s:
        s = _ONE_AS_DASH.sub("~", s)
    if _CN_ANY.search(s):
        s = _numerals(s)
    if "份" in s or "号" in s or "。" in s:
        s = s.replace("月份", "月").replace("号", "日").replace("。", ",")
    if "年" in s:
        s = _TWO_DIGIT_YEAR.sub(_in_year(year), s)
    if "第" in s:
        s = _NTH_WEEKDAY.sub(_nth_weekday(year), s)
    if _WEEKDAY_OR_CLOCK.search(s):
        s = _WEEKDAY.sub("", s)
        s = _CLOCK.sub("", s)
    if "." in s or "/" in s or "-" in s:
        s = _numeric_dates(s)
    if not _ANY_BRACKET.search(s):
        return _finish(s), None
    outside, inside = _split_brackets(s)
    dated = [b for b in inside if DATEISH.search(b)] or inside
    return _finish(outside), (_finish("、".join(dated)) if dated else None)


def _finish(s: str) -> str:
    s = _RANGE_WORDS.sub("~", s)
    if "年" in s:
        s = _YEAR_END.sub(r"\1年年", s)
    if "第" in s:
        s = _NTH_QUARTERS.sub(r"\1", s)
    if _LIST_MARK.search(s):
        s = _LIST_UNIT.sub(lambda m: re.sub(r"(\d{1,2})", r"\g<1>" + m[3], m[1] + m[2]), s)
    return s


def normalise(text: str, year: int | None = None) -> str:
    """The canonical form the grammar reads: NFKC, no spaces, ASCII digits, Chinese dates for
    numeric ones, no clock times, ``~`` for every range mark, and no annotations in
    brackets unless the text outside them names no date (then the brackets' text).

    With the campaign ``year``, the forms that need it are resolved too: two-digit years
    (一一年一月) and the n-th weekday of a month (6月第二个星期日)."""
    outside, inside = prepare(text, year)
    if inside is not None and not DATEISH.search(outside):
        return inside
    return outside

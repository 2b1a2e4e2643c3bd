"""Chinese schedule text (时间安排) -> periods of days.

Pure: no I/O, no clock.  The campaign year and issue date come in as arguments.

Real notices are written by many hands, so the parser is generous in form (full-width
digits, Chinese numerals, any dash, 至/到/起至, 份, numeric dates, brackets, clock times,
trailing words) and strict in meaning: a text it cannot read raises :class:`ScheduleError`,
never a guess.

A cell may name several periods (6月、9月 is June and September).  They come back sorted by
start, then end, as written: overlapping or adjacent periods are kept apart (6月、7月 is two
periods, not one), and only exact repeats are dropped.  The days they cover are the same
either way; keeping them apart lets a timeline draw each stage of the work.

Entry points: :func:`parse_periods` (the periods), :func:`parse_schedule` (their hull, for
callers that want one span), :func:`read_schedule` (the periods and a note on how working
days were counted) and :func:`examples` (what to show a clerk whose text was refused).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from qualitymonth.cntext import cn_to_int
from qualitymonth.model import Period, month_period

__all__ = [
    "EXAMPLES",
    "Period",
    "Reading",
    "ScheduleError",
    "examples",
    "month_period",
    "months_of",
    "normalise",
    "parse_periods",
    "parse_schedule",
    "read_schedule",
]

#: Shown to a clerk whose schedule text could not be read, when the plan names no month.
EXAMPLES = (
    "9月",
    "9-10月",
    "9月中旬",
    "9月15日-10月8日",
    "9月底前",
    "6月和9月",
    "全年",
    "第三季度",
    "10月-次年3月",
    "待定",
)


class ScheduleError(ValueError):
    """A schedule text that cannot be read.  ``reason`` is a message key (see ``i18n``)."""

    def __init__(self, text: str, reason: str = "schedule_unreadable", **params: object) -> None:
        self.text = text
        self.reason = reason
        self.params = params
        super().__init__(f"cannot read schedule {text!r} ({reason})")


class Reading(NamedTuple):
    """What a schedule text says.

    ``periods``: sorted, possibly empty (an undated activity).  ``weekday_years``: the years
    in which a working-day count (10个工作日内) had to count Monday to Friday because the
    holiday calendar does not cover them; empty for every other text.  A caller gathers
    them over the plan and tells the user once, with the message ``schedule_weekdays_only``
    (``years``: the years joined by "、").
    """

    periods: tuple[Period, ...]
    weekday_years: frozenset[int] = frozenset()


# --------------------------------------------------------------------------- normalising

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
_MD = re.compile(r"(?<![\d./:])(\d{1,2})[./](\d{1,2})(?![\d./:])")
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
# What makes a rewrite worth running (see _prepare).
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
_DATEISH = re.compile(
    r"\d|即日|全年|长期|常态|常年|持续|每[月季周年旬日天半]|分季度|分月|定期|日常|半年|年底|年末"
    r"|年终|年内"
    r"|年度|月底|月末|季度|旬|今年|明年|次年|本年|当年"
)
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


def _prepare(text: str, year: int | None) -> tuple[str, str | None]:
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
    dated = [b for b in inside if _DATEISH.search(b)] or inside
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
    outside, inside = _prepare(text, year)
    if inside is not None and not _DATEISH.search(outside):
        return inside
    return outside


# --------------------------------------------------------------------------- one point

_POINT = re.compile(
    r"""
    (?: (?P<year>\d{4})年(?P<fiscal>度)?
      | (?P<rel>今年|本年度?|当年|明年|次年|翌年|第2年|下1年|去年|上年)
    )?
    (?:
        (?P<half>上半年|下半年)
      | 第?(?P<quarter>[1-4])季度(?P<qend>末|底)?
      | (?P<yearend>年底|年末|年终|年内)
      | (?P<month>\d{1,2})月
        (?: (?P<day>\d{1,2})日?
          | (?P<xun>上中旬|中下旬|上旬|中旬|下旬|上半月|下半月
                   | (?:初|中|底|末)(?=$|[~,、;前后起左开完进结止以之当内期启组召举部报实执全])
            )  # 9月中 and 9月底前, but not 9月中秋节前
        )?
      | (?P<lonexun>上中旬|中下旬|上旬|中旬|下旬)
      | 月(?P<monthend>底|末)
      | (?P<now>即日|今日|本通知印发之日|通知印发之日|印发之日|发文之日)
      | (?P<num>\d{1,4})(?P<dayunit>日)?
    )?
    """,
    re.VERBOSE,
)

_XUN = {
    "上旬": (1, 10),
    "初": (1, 10),
    "上中旬": (1, 20),
    "中旬": (11, 20),
    "中": (11, 20),
    "中下旬": (11, 31),
    "下旬": (21, 31),
    "底": (21, 31),
    "末": (21, 31),
    "上半月": (1, 15),
    "下半月": (16, 31),
}


@dataclass(slots=True)
class _Point:
    year: int | None = None  # written explicitly, as a number
    rel: str | None = None  # 今年, 明年, 次年…
    fiscal: bool = False  # 2024年度
    half: str | None = None
    quarter: int | None = None
    qend: bool = False
    yearend: bool = False
    month: int | None = None
    day: int | None = None
    xun: str | None = None
    monthend: bool = False
    now: bool = False
    num: int | None = None
    dayunit: bool = False

    @property
    def empty(self) -> bool:
        return not (
            self.year is not None
            or self.rel
            or self.half
            or self.quarter
            or self.yearend
            or self.month is not None
            or self.xun
            or self.monthend
            or self.now
            or self.num is not None
        )

    @property
    def year_only(self) -> bool:
        return (self.year is not None or self.rel is not None) and not (
            self.half
            or self.quarter
            or self.yearend
            or self.month is not None
            or self.xun
            or self.monthend
            or self.now
            or self.num is not None
        )

    @property
    def is_deadline(self) -> bool:
        """Alone, 9月底, 年底, 三季度末 mean 'by then'."""
        return (
            self.yearend
            or self.qend
            or self.monthend
            or (self.day is None and self.xun in ("底", "末"))
        )


def _match_point(s: str, pos: int) -> tuple[_Point, int]:
    m = _POINT.match(s, pos)
    assert m is not None  # every part is optional: the pattern always matches
    g = m.groupdict()
    xun = g["xun"] or g["lonexun"]
    return (
        _Point(
            year=int(g["year"]) if g["year"] else None,
            rel=g["rel"],
            fiscal=bool(g["fiscal"]),
            half=g["half"],
            quarter=int(g["quarter"]) if g["quarter"] else None,
            qend=bool(g["qend"]),
            yearend=bool(g["yearend"]),
            month=int(g["month"]) if g["month"] else None,
            day=int(g["day"]) if g["day"] else None,
            xun=xun,
            monthend=bool(g["monthend"]),
            now=bool(g["now"]),
            num=int(g["num"]) if g["num"] else None,
            dayunit=bool(g["dayunit"]),
        ),
        m.end(),
    )


# --------------------------------------------------------------------------- one piece

# Words that say the date is set elsewhere (待定, 另行通知, 根据上级部署…) or tied to an event
# that has no date in the cell (活动期间, 开学前, 核定分数线后): an undated activity.
_UNDATED = re.compile(
    r"待定|未定|另定|另行|另文|待\w*(?:通知|确定|部署|安排|下达|公布)|视\w*而定|期间|适时|时间内"
    r"|(?:根据|按照?|依据|遵照|结合|服从|配合)\w*(?:部署|要求|安排|通知|情况|需要|进度|时间)"
    r"|(?:后|前|内)$"
)
_AFTER_EVENT = re.compile(r"后|起$")
_ONGOING = re.compile(
    r"(?:贯穿)?全年(?:度)?|长期|常态|常年|持续|每[月季周旬日天半]|每年$|分(?:季度|月|批次?)|定期|日常"
    r"|不定期|经常"
)
_LEADING = re.compile(
    r"(?:(?:[^\d~,;、后起前]{0,12}(?:时间|时限|日期|期间)(?:分别)?(?:为|是|:)?)|从|自|于|在|定于"
    r"|计划于|拟于"
    r"|预计于?|计划|拟|争取|力争|确保|务必|须|需|应|要|暂定)+"
)
_FROM_ISSUE = re.compile(
    r"(?:自|从)?(?:即日|本通知印发之日|通知印发之日|印发之日|发文之日|本?(?:通知|方案)?(?:印发|下发|发布))"
    r"(?:起|后|开始|以后|之后)?"
)
_DURATION = re.compile(
    r"(?P<n>\d{1,3})(?P<unit>个工作日|工作日|个月|个星期|星期|周|天|日|年)(?:之内|以内|内)"
)
_BEFORE = re.compile(r"之前|以前|前(?!后)")
_AROUND = re.compile(r"前后|左右|当天|当日|期间|内|以内|之内")
_FROM = re.compile(r"起|开始|以后|之后")
_END_MARK = re.compile(r"为止|止|结束|完成")
_WORDS = re.compile(r"[^\d~]*")


class _Ctx:
    """One cell being read: its year and issue date, and what its earlier pieces named (the
    year and month that a later piece without them takes: 2024年3月、5月; 6月16日或17日)."""

    def __init__(self, text: str, year: int, issued: date | None) -> None:
        self.text = text
        self.year = year
        self.issued = issued
        self.last_year: int | None = None
        self.last_month: int | None = None
        self.weekday_years: set[int] = set()
        #: An earlier piece was tied to an event with no date (省出台文件后).
        self.after_event = False

    def fail(self, reason: str = "schedule_unreadable", **params: object) -> ScheduleError:
        return ScheduleError(self.text, reason, **params)

    def resolve_year(self, p: _Point, base: int) -> int:
        """The year a point names: written, relative to the campaign (今年, 明年) or to the
        point before it (次年), else ``base``."""
        if p.year is not None:
            return p.year
        if p.rel in ("今年", "本年", "本年度", "当年"):
            return self.year
        if p.rel == "明年":
            return self.year + 1
        if p.rel in ("去年", "上年"):
            return self.year - 1
        if p.rel is not None:  # 次年, 翌年: the year after the one before
            return base + 1
        return base

    def day(self, y: int, m: int, d: int) -> date:
        if not 1 <= m <= 12:
            raise self.fail("schedule_bad_date", date=f"{m}月")
        if not 1 <= d <= calendar.monthrange(y, m)[1]:
            raise self.fail("schedule_bad_date", date=f"{y}年{m}月{d}日")
        return date(y, m, d)

    def span(self, p: _Point, y: int) -> Period:
        """The days one point covers, in year ``y``."""
        if p.now:
            if self.issued is None:
                raise self.fail("schedule_needs_issued")
            return Period(self.issued, self.issued)
        if p.half:
            first = 1 if p.half == "上半年" else 7
            return Period(date(y, first, 1), month_period(y, first + 5).end)
        if p.quarter:
            first = 3 * p.quarter - 2
            return Period(date(y, first, 1), month_period(y, first + 2).end)
        if p.yearend:
            return Period(date(y, 12, 21), date(y, 12, 31))
        if p.month is not None:
            if not 1 <= p.month <= 12:
                raise self.fail("schedule_bad_date", date=f"{p.month}月")
            whole = month_period(y, p.month)
            if p.day is not None:
                d = self.day(y, p.month, p.day)
                return Period(d, d)
            if p.xun:
                first, last = _XUN[p.xun]
                return Period(date(y, p.month, first), date(y, p.month, min(last, whole.end.day)))
            return whole
        if p.year_only:
            return Period(date(y, 1, 1), date(y, 12, 31))
        raise self.fail()

    def deadline(self, end: date) -> Period:
        """'By ``end``': from the issue date, or from 1 January of the end's year when the
        plan has no issue date or was issued after the end."""
        if self.issued is not None and self.issued <= end:
            return Period(self.issued, end)
        return Period(date(end.year, 1, 1), end)


_WORDS_ONLY = "words"
_DIGIT = re.compile(r"\d")
_SPLIT = re.compile(r"以及|并且|及(?!时)|[、,;。和与或并]")
_YEAR_PREFIX = re.compile(r"(?:(\d{4})年度?|今年|本年度?|当年|明年)?")
_BAD_REST = re.compile(r"^(?:[~年月日旬季周天底末初后]|上旬|中旬|下旬|上半|下半)")


def _is_words(seg: str) -> bool:
    return not _DATEISH.search(seg)


def _piece(seg: str, ctx: _Ctx) -> list[Period] | str | None:
    """One comma-free piece of a cell: its periods, ``None`` for 待定 and the like, or
    ``_WORDS_ONLY`` for words that name no date (报送总结 after a date)."""
    if _is_words(seg) or ("期间" in seg and not _DIGIT.search(seg)):
        if not _UNDATED.search(seg):
            return _WORDS_ONLY
        if _AFTER_EVENT.search(seg):
            ctx.after_event = True
        return None
    m = _FROM_ISSUE.match(seg)
    if m and m.end():
        return _from_issue(seg[m.end() :], ctx)
    seg = _strip_leading(seg)
    if seg.startswith("每年") and _DATEISH.search(seg, 2):  # 每年9月: this year's September
        seg = seg[2:]
    prefix = _YEAR_PREFIX.match(seg)
    assert prefix is not None  # the pattern is optional: it always matches
    if _ONGOING.match(seg, prefix.end()):
        written = prefix[1]
        y = int(written) if written else ctx.year + (prefix.group() == "明年")
        whole = Period(date(y, 1, 1), date(y, 12, 31))
        tilde = seg.find("~")
        if tilde < 0:
            return [whole]
        return _range(seg[tilde:], ctx)  # 持续推进至6月底: by the end of June
    m = _DURATION.match(seg)
    if m:
        _check_rest(seg[m.end() :], ctx)
        return [_duration(int(m["n"]), m["unit"], ctx)]
    return _range(seg, ctx)


def _strip_leading(seg: str) -> str:
    m = _LEADING.match(seg)
    return seg[m.end() :] if m else seg


def _from_issue(rest: str, ctx: _Ctx) -> list[Period]:
    """即日起, 即日起至6月底, 印发之日起10个工作日内: counted from the issue date."""
    if not rest or not _DATEISH.search(rest):
        _check_rest(rest, ctx)
        return [ctx.deadline(date(ctx.year, 12, 31))]
    if rest.startswith("~"):
        return _range(rest, ctx)
    m = _DURATION.match(rest)
    if m:
        _check_rest(rest[m.end() :], ctx)
        return [_duration(int(m["n"]), m["unit"], ctx)]
    raise ctx.fail()


def _check_rest(rest: str, ctx: _Ctx) -> None:
    """What follows a date may be words (报送总结, 报送至局质量科), never more of a date that
    was not read (9月开展至年底), nor an event the date is tied to (9月中秋节前)."""
    if rest.startswith("每"):  # 9-12月每月开展一次: how often, within the span read
        return
    if rest and (_BAD_REST.match(rest) or _DATEISH.search(rest) or rest[-1] in "前后"):
        raise ctx.fail()


def _suffixes(seg: str, pos: int) -> tuple[set[str], int]:
    kinds: set[str] = set()
    if pos >= len(seg):
        return kinds, pos
    for _ in range(4):
        for kind, pattern in (
            ("around", _AROUND),
            ("before", _BEFORE),
            ("from", _FROM),
            ("end", _END_MARK),
        ):
            m = pattern.match(seg, pos)
            if m:
                kinds.add(kind)
                pos = m.end()
                break
        else:
            break
    return kinds, pos


def _range(seg: str, ctx: _Ctx) -> list[Period]:
    """``[~]point[~point][suffixes][words]``."""
    pos = 0
    open_start = seg.startswith("~")
    if open_start:
        lead = _LEADING.match(seg, 1)
        pos = lead.end() if lead else 1
    a, pos = _match_point(seg, pos)
    if a.empty:
        raise ctx.fail()
    b: _Point | None = None
    if seg.startswith("~", pos):
        b, pos = _match_point(seg, pos + 1)
        if b.empty or open_start:
            raise ctx.fail()
    kinds, pos = _suffixes(seg, pos)
    _check_rest(seg[pos:], ctx)
    if b is None:
        return [_single(a, kinds, open_start, ctx)]
    return [_pair(a, b, ctx)]


def _carry_day(p: _Point, ctx: _Ctx) -> None:
    """17日 after 6月16日, 下旬 after 9月中旬: the month of the piece before."""
    if p.month is None and ctx.last_month is not None and p.year is None and p.rel is None:
        if p.num is not None and p.num <= 31:
            p.month, p.day, p.num = ctx.last_month, p.num, None
        elif p.xun or p.monthend:
            p.month = ctx.last_month
    if p.monthend:
        p.xun, p.monthend = "底", False


def _base_year(ctx: _Ctx) -> int:
    return ctx.last_year if ctx.last_year is not None else ctx.year


def _remember(p: _Point, y: int, ctx: _Ctx) -> None:
    if p.year is not None or p.rel is not None:
        ctx.last_year = y
    if p.month is not None:
        ctx.last_month = p.month


def _single(a: _Point, kinds: set[str], open_start: bool, ctx: _Ctx) -> Period:
    _carry_day(a, ctx)
    if a.num is not None or ((a.xun or a.monthend) and a.month is None):
        raise ctx.fail()
    y = ctx.resolve_year(a, _base_year(ctx))
    span = ctx.span(a, y)
    _remember(a, y, ctx)
    if a.now:
        if "from" in kinds:
            return ctx.deadline(date(ctx.year, 12, 31))
        raise ctx.fail()
    if "from" in kinds:
        return Period(span.start, date(span.start.year, 12, 31))
    if "around" in kinds and "before" not in kinds:
        return span
    if open_start or "before" in kinds or a.is_deadline:
        return ctx.deadline(span.end)
    return span


def _pair(a: _Point, b: _Point, ctx: _Ctx) -> Period:
    """Two points joined by a range mark; a bare number takes its unit from the other side
    (9-10月, 5月25-28日, 2024-2026年, 2-3季度)."""
    if a.num is not None and a.month is None:
        if b.year_only and b.year is not None and a.num >= 1000 and not a.dayunit:
            a.year, a.num = a.num, None
        elif b.quarter and 1 <= a.num <= 4 and not a.dayunit:
            a.quarter, a.num = a.num, None
        elif (
            b.month is not None
            and b.day is None
            and b.xun is None
            and not a.dayunit
            and 1 <= a.num <= 12
        ):
            a.month, a.num = a.num, None
        else:
            _carry_day(a, ctx)
    else:
        _carry_day(a, ctx)
    if a.num is not None or a.empty or ((a.xun or a.monthend) and a.month is None):
        raise ctx.fail()
    if a.is_deadline:  # 4月底至5月中旬: the 30th, or the last 旬? No rule says: refuse
        raise ctx.fail()
    if b.num is not None and b.month is None and b.year is None and b.rel is None:
        if a.year_only and b.num >= 1000 and not b.dayunit:
            b.year, b.num = b.num, None
        elif a.day is not None or (a.now and b.dayunit):
            b.month, b.day, b.num = a.month, b.num, None
        elif a.month is not None and not b.dayunit and 1 <= b.num <= 12:
            b.month, b.num = b.num, None
        else:
            raise ctx.fail()
    if b.month is None and (b.xun or b.monthend) and b.year is None and b.rel is None:
        b.month = a.month  # 6月上旬至中旬, 6月17日至月底
    if b.monthend:
        b.xun, b.monthend = "底", False
    if b.num is not None or b.now or (b.xun and b.month is None):
        raise ctx.fail()
    ya = ctx.resolve_year(a, _base_year(ctx))
    yb = ctx.resolve_year(b, ya)
    end = ctx.span(b, yb).end
    _remember(a, ya, ctx)
    _remember(b, yb, ctx)
    if a.now:
        return ctx.deadline(end)
    start = ctx.span(a, ya).start
    if end < start:
        written = b.year is not None or b.rel is not None
        raise ctx.fail("schedule_unreadable" if written else "schedule_end_before_start")
    return Period(start, end)


def _duration(n: int, unit: str, ctx: _Ctx) -> Period:
    """一个月内, 10天之内, 10个工作日内: from the issue date, the issue day not counted."""
    if ctx.after_event:  # 核定分数线后，2个月内: counted from that event, not the issue date
        raise ctx.fail()
    if ctx.issued is None:
        raise ctx.fail("schedule_needs_issued")
    start = ctx.issued
    if unit in ("个工作日", "工作日"):
        if not 1 <= n <= 260:
            raise ctx.fail()
        from qualitymonth.workdays import add_workdays

        counted = add_workdays(start, n)
        ctx.weekday_years |= counted.weekday_years
        return Period(start, counted.end)
    if unit in ("个月", "年"):
        months = n if unit == "个月" else 12 * n
        if not 1 <= months <= 36:
            raise ctx.fail()
        month0 = start.month - 1 + months
        y, m = start.year + month0 // 12, month0 % 12 + 1
        return Period(start, date(y, m, min(start.day, calendar.monthrange(y, m)[1])))
    days = n * 7 if unit in ("周", "星期", "个星期") else n
    if not 1 <= days <= 1100:
        raise ctx.fail()
    return Period(start, start + timedelta(days=days))


# --------------------------------------------------------------------------- a cell


def _read(text: str, year: int, issued: date | None) -> Reading:
    """The cell as written, or what its brackets say when the text outside them names no
    date (宣传周期间（6月17日-23日）, 第二阶段：集中整治（5月15日至11月底）)."""
    outside, inside = _prepare(text, year)
    if inside is None or not outside:
        return _read_cell(inside if inside is not None else outside, text, year, issued)
    try:
        reading = _read_cell(outside, text, year, issued)
    except ScheduleError:
        bracketed = _read_or_none(inside, text, year, issued)
        if bracketed is None or not bracketed.periods:
            raise
        return bracketed
    if reading.periods:
        return reading
    bracketed = _read_or_none(inside, text, year, issued)
    return bracketed if bracketed is not None and bracketed.periods else reading


def _read_or_none(s: str, text: str, year: int, issued: date | None) -> Reading | None:
    try:
        return _read_cell(s, text, year, issued)
    except ScheduleError:
        return None


def _read_cell(s: str, text: str, year: int, issued: date | None) -> Reading:
    """The pieces of normalised cell ``s`` (``text`` as written, for errors)."""
    ctx = _Ctx(text, year, issued)
    periods: list[Period] = []
    undated = False
    for piece in _SPLIT.split(s):
        if not piece:
            continue
        try:
            got = _piece(piece, ctx)
        except ScheduleError:
            raise
        except (ValueError, OverflowError) as exc:
            raise ctx.fail() from exc
        if got is None:
            undated = True
        elif not isinstance(got, str):  # words (报送总结) say what is done, not when
            periods += got
    if not periods and not undated:  # nothing but words, separators or clock times
        raise ctx.fail("schedule_unreadable" if text.strip() else "schedule_empty")
    ordered = tuple(sorted(set(periods), key=lambda p: (p.start, p.end)))
    return Reading(ordered, frozenset(ctx.weekday_years))


@lru_cache(maxsize=8192)
def _read_cached(
    text: str, year: int, issued: date | None
) -> Reading | tuple[str, tuple[tuple[str, object], ...]]:
    """The reading, or the error's reason and parameters (an exception object is not kept:
    raising one again would lengthen its traceback each time)."""
    try:
        return _read(text, year, issued)
    except ScheduleError as exc:
        return exc.reason, tuple(exc.params.items())


def read_schedule(text: str, year: int, issued: date | None = None) -> Reading:
    """Read a 时间安排 cell in campaign year ``year``, issued on ``issued``.

    Returns a :class:`Reading`: the sorted periods (empty for 待定 and the like) and the
    years whose working days had to be counted Monday to Friday.  Raises
    :class:`ScheduleError` for text it cannot read.  Memoised: a plan of thousands of
    activities repeats the same few dozen texts.
    """
    got = _read_cached(text, year, issued)
    if isinstance(got, Reading):
        return got
    reason, params = got
    raise ScheduleError(text, reason, **dict(params))


def parse_periods(text: str, year: int, issued: date | None = None) -> tuple[Period, ...]:
    """The periods a 时间安排 cell names, sorted by start then end; empty when undated.

    >>> parse_periods("6月、9月", 2023)  # doctest: +NORMALIZE_WHITESPACE
    (Period(start=datetime.date(2023, 6, 1), end=datetime.date(2023, 6, 30)),
     Period(start=datetime.date(2023, 9, 1), end=datetime.date(2023, 9, 30)))
    """
    return read_schedule(text, year, issued).periods


def parse_schedule(text: str, year: int, issued: date | None = None) -> Period | None:
    """The hull of :func:`parse_periods`: earliest start to latest end, ``None`` when undated.

    >>> parse_schedule("9月中旬", 2023)
    Period(start=datetime.date(2023, 9, 11), end=datetime.date(2023, 9, 20))
    """
    periods = read_schedule(text, year, issued).periods
    if not periods:
        return None
    return Period(periods[0].start, max(p.end for p in periods))


# --------------------------------------------------------------------------- examples


def months_of(periods: Iterable[Period], year: int) -> list[int]:
    """The months of ``year`` that ``periods`` touch, once per period and month: what
    :func:`examples` weighs.  A whole-year period counts in no month (it says nothing about
    which months a plan is about)."""
    months: list[int] = []
    for p in periods:
        first = (p.start.year, p.start.month)
        last = (p.end.year, p.end.month)
        if (last[0] - first[0]) * 12 + last[1] - first[1] >= 11:
            continue
        y, m = first
        while (y, m) <= last:
            if y == year:
                months.append(m)
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def examples(months: Iterable[int] = ()) -> tuple[str, ...]:
    """Schedule texts to show a clerk whose text was refused, written in the plan's own
    months: for a plan about June, 6月、6-7月、6月中旬…  ``months`` are the months the plan's
    readable schedules touch, with repeats (see :func:`months_of`); without any, the
    examples of a September campaign."""
    counts = Counter(m for m in months if 1 <= m <= 12)
    if not counts:
        return EXAMPLES
    ranked = sorted(counts, key=lambda m: (-counts[m], m))
    m = ranked[0]
    a, b = (m, m + 1) if m < 12 else (m - 1, m)
    # Several periods, joined by 和 (a 、 would read as the list's own separator).
    other = next((n for n in ranked[1:] if abs(n - m) > 1), m + 3 if m <= 9 else m - 3)
    pair = f"{min(m, other)}月和{max(m, other)}月"
    return (
        f"{m}月",
        f"{a}-{b}月",
        f"{m}月中旬",
        f"{a}月15日-{b}月8日",
        f"{m}月底前",
        pair,
        "全年",
        f"第{'一二三四'[(m - 1) // 3]}季度",
        "待定",
    )

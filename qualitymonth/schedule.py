"""Chinese schedule text (时间安排) -> ``Period(start, end)``.

Pure: no I/O, no clock.  The campaign year and issue date come in as arguments.

Real notices are written by many hands, so the parser is generous in form (full-width
digits, Chinese numerals, any dash, 至/到/起至, 份, brackets, clock times) and strict in
meaning: a text it cannot read raises :class:`ScheduleError`, never a guess.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from qualitymonth.cntext import regular
from qualitymonth.model import Period, month_period

__all__ = ["EXAMPLES", "Period", "ScheduleError", "month_period", "parse_schedule"]

#: Shown to a clerk whose schedule text could not be read.
EXAMPLES = (
    "9月",
    "9-10月",
    "9月中旬",
    "9月15日-10月8日",
    "9月底前",
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


# --------------------------------------------------------------------------- normalising

_DASHES = "-—–―~〜‐‑‒−⁓﹣━─"
_BRACKETS = re.compile(r"[(\[【〔<《「][^()\[\]【】〔〕<>《》「」]*[)\]】〕>》」]")
_WEEKDAY = re.compile(r"(?:星期|礼拜|周)[一二三四五六日天1-7]")
_CLOCK = re.compile(
    r"(?:上午|下午|晚上|中午|早上|凌晨)?\d{1,2}(?::\d{2}|[点时](?:\d{1,2}分|半|整)?)"
    r"|上午|下午|晚上|中午|早上|凌晨"
)
# Longest first: 起至 before 至, 持续到 before 到.
_RANGE_WORDS = re.compile(
    r"起至|起到|截止到|截止至|截至|截止|直至|直到|持续到|持续至|一直到|至|到|["
    + re.escape(_DASHES)
    + r"]+"
)
_SEPARATORS = re.compile(r"以及|并且|[,、;和及与并]")
_UNDATED = re.compile(r"^(?:待定|另行通知|另行安排|另定|时间另定|视情况而定|具体时间另行通知)$")
_ALL_YEAR = (
    "全年",
    "长期",
    "常态",
    "常年",
    "持续推进",
    "持续开展",
    "每",
    "本年度",
    "年内",
    "今年内",
)


def normalise(text: str) -> str:
    """The canonical form the grammar below reads: NFKC, no spaces, ASCII digits, ``~``."""
    s = regular(text)  # NFKC, no whitespace, Chinese numerals as digits (星期五 -> 星期5)
    stripped = s
    while True:
        nxt = _BRACKETS.sub("", stripped)
        if nxt == stripped:
            break
        stripped = nxt
    # A cell that is nothing but a bracket keeps its words: "(待定)".
    s = stripped if stripped else re.sub(r"[()\[\]【】〔〕<>《》「」]", "", s)
    s = _WEEKDAY.sub("", s)
    s = _CLOCK.sub("", s)
    s = _RANGE_WORDS.sub("~", s)
    return s


# --------------------------------------------------------------------------- grammar

_YEAR = r"(?P<year>\d{4}年|今年|本年|当年|明年|次年|翌年|第2年|下1年)?"
_POINT = re.compile(
    _YEAR
    + r"""(?:
        (?P<half>上半年|下半年)
      | 第?(?P<quarter>[1-4])季度(?P<qend>末|底)?
      | (?P<yearend>年底|年末|年终)
      | (?P<month>\d{1,2})月份?
        (?: (?P<day>\d{1,2})[日号]?
          | (?P<xun>上旬|中旬|下旬|初|中|底|末)
        )?
      | (?P<num>\d{1,2})(?P<dayunit>[日号])?
    )?""",
    re.VERBOSE,
)
_DURATION = re.compile(r"^(?P<n>\d{1,3})(?P<unit>个月|个星期|星期|周|天|日)(?:之内|以内|内)$")
_LEADING = re.compile(r"^(?:从|自|于|在)")
_TRAILING = re.compile(r"(?:为止|止|结束|完成|期间|开展|进行|实施)$")
_SUFFIX_BEFORE = ("之前", "以前", "前")
_SUFFIX_FROM = ("开始", "以后", "之后", "起")


@dataclass(slots=True)
class _Point:
    year: str | None = None
    half: str | None = None
    quarter: int | None = None
    qend: bool = False
    yearend: bool = False
    month: int | None = None
    day: int | None = None
    xun: str | None = None
    num: int | None = None
    dayunit: bool = False

    @property
    def empty(self) -> bool:
        return not (self.year or self.half or self.quarter or self.yearend
                    or self.month or self.num)  # fmt: skip

    @property
    def only_number(self) -> bool:
        return self.num is not None and not self.dayunit and self.month is None and not self.year

    @property
    def is_deadline(self) -> bool:
        """Standalone 9月底, 年底, 三季度末 mean 'by then'."""
        return self.yearend or self.qend or self.xun in ("底", "末")


def _match_point(s: str, pos: int) -> tuple[_Point, int]:
    m = _POINT.match(s, pos)
    assert m is not None  # every group is optional: the pattern always matches
    g = m.groupdict()
    p = _Point(
        year=g["year"],
        half=g["half"],
        quarter=int(g["quarter"]) if g["quarter"] else None,
        qend=bool(g["qend"]),
        yearend=bool(g["yearend"]),
        month=int(g["month"]) if g["month"] else None,
        day=int(g["day"]) if g["day"] else None,
        xun=g["xun"],
        num=int(g["num"]) if g["num"] else None,
        dayunit=bool(g["dayunit"]),
    )
    return p, m.end()


class _Ctx:
    def __init__(self, text: str, year: int, issued: date | None) -> None:
        self.text = text
        self.year = year
        self.issued = issued

    def fail(self, reason: str = "schedule_unreadable", **params: object) -> ScheduleError:
        return ScheduleError(self.text, reason, **params)

    def resolve_year(self, word: str | None, base: int) -> tuple[int, bool]:
        """The year a point names, and whether it was written explicitly."""
        if word is None:
            return base, False
        if word in ("今年", "本年", "当年"):
            y = self.year
        elif word == "明年":
            y = self.year + 1
        elif word in ("次年", "翌年", "第2年", "下1年"):
            y = base + 1
        else:
            y = int(word[:-1])
        if not self.year <= y <= self.year + 1:
            raise self.fail(
                "schedule_year_out_of_range", year=y, first=self.year, last=self.year + 1
            )
        return y, True

    def day(self, y: int, m: int, d: int) -> date:
        if not 1 <= m <= 12:
            raise self.fail("schedule_bad_date", date=f"{m}月")
        last = calendar.monthrange(y, m)[1]
        if not 1 <= d <= last:
            raise self.fail("schedule_bad_date", date=f"{y}年{m}月{d}日")
        return date(y, m, d)

    def span(self, p: _Point, y: int) -> Period:
        """The days a single point covers, in year ``y``."""
        if p.half:
            return (
                Period(date(y, 1, 1), date(y, 6, 30))
                if p.half == "上半年"
                else Period(date(y, 7, 1), date(y, 12, 31))
            )
        if p.quarter:
            first = 3 * p.quarter - 2
            return Period(self.day(y, first, 1), month_period(y, first + 2).end)
        if p.yearend:
            return Period(date(y, 12, 21), date(y, 12, 31))
        if p.month is not None:
            whole = (
                Period(self.day(y, p.month, 1), month_period(y, p.month).end)
                if (1 <= p.month <= 12)
                else None
            )
            if whole is None:
                raise self.fail("schedule_bad_date", date=f"{p.month}月")
            if p.day is not None:
                d = self.day(y, p.month, p.day)
                return Period(d, d)
            if p.xun in ("上旬", "初"):
                return Period(whole.start, self.day(y, p.month, 10))
            if p.xun in ("中旬", "中"):
                return Period(self.day(y, p.month, 11), self.day(y, p.month, 20))
            if p.xun in ("下旬", "底", "末"):
                return Period(self.day(y, p.month, 21), whole.end)
            return whole
        if p.year:  # "2023年" alone: the whole year
            return Period(date(y, 1, 1), date(y, 12, 31))
        raise self.fail()

    def deadline(self, end: date) -> Period:
        """'By ``end``': from the issue date, or from 1 January when issued later or unknown."""
        if self.issued is not None and self.issued <= end:
            return Period(self.issued, end)
        return Period(date(end.year, 1, 1), end)


def _parse_segment(seg: str, ctx: _Ctx) -> Period | None:
    """One comma-free piece of a schedule; ``None`` for 待定 and the like."""
    seg = _LEADING.sub("", seg)
    seg = _TRAILING.sub("", seg)
    if _UNDATED.match(seg):
        return None
    year_prefix, rest = _match_year_prefix(seg)
    if rest.startswith(_ALL_YEAR) or (year_prefix and rest in ("", "全年", "全年度")):
        y, _ = ctx.resolve_year(year_prefix, ctx.year)
        return Period(date(y, 1, 1), date(y, 12, 31))

    m = _DURATION.match(seg)
    if m:
        return _duration(int(m["n"]), m["unit"], ctx)

    pos = 0
    open_start = seg.startswith("~")
    if open_start:
        pos = 1
    a, pos = _match_point(seg, pos)
    if a.empty:
        raise ctx.fail()
    b: _Point | None = None
    if pos < len(seg) and seg[pos] == "~":
        b, pos = _match_point(seg, pos + 1)
        if b.empty or open_start:
            raise ctx.fail()
    suffix = seg[pos:]
    if suffix and suffix not in _SUFFIX_BEFORE + _SUFFIX_FROM:
        raise ctx.fail()

    if b is None:
        if a.only_number or (a.num is not None and a.month is None):
            raise ctx.fail()
        y, _ = ctx.resolve_year(a.year, ctx.year)
        span = ctx.span(a, y)
        if suffix in _SUFFIX_FROM:
            return Period(span.start, date(span.start.year, 12, 31))
        if open_start or suffix in _SUFFIX_BEFORE or a.is_deadline:
            return ctx.deadline(span.end)
        return span
    return _range(a, b, ctx)


def _match_year_prefix(seg: str) -> tuple[str | None, str]:
    m = re.match(r"\d{4}年|今年|本年|当年|明年|次年|翌年", seg)
    if m and not re.match(r"\d{4}年\d|(?:今年|本年|当年|明年|次年|翌年)\d", seg):
        return m.group(), seg[m.end() :]
    return None, seg


def _range(a: _Point, b: _Point, ctx: _Ctx) -> Period:
    # 9-10月: a bare number takes its unit from the other side.
    if a.only_number:
        if b.month is not None:
            a.month, a.num = a.num, None
        else:
            raise ctx.fail()
    if a.num is not None and a.month is None:  # "25日-28日" with no month anywhere
        raise ctx.fail()
    if b.month is None and b.num is not None and not b.year:
        if a.day is not None:  # 9月1日-2日, 5月25-28日: the month carries over
            b.month, b.day, b.num = a.month, b.num, None
        elif b.dayunit:
            raise ctx.fail()
        else:  # 9月-10
            b.month, b.num = b.num, None
    if b.num is not None:
        raise ctx.fail()
    ya, _ = ctx.resolve_year(a.year, ctx.year)
    yb, explicit = ctx.resolve_year(b.year, ya)
    start = ctx.span(a, ya).start
    end = ctx.span(b, yb).end
    if end < start:
        raise ctx.fail("schedule_end_before_start" if not explicit else "schedule_unreadable")
    return Period(start, end)


def _duration(n: int, unit: str, ctx: _Ctx) -> Period:
    if ctx.issued is None:
        raise ctx.fail("schedule_needs_issued")
    start = ctx.issued
    if unit == "个月":
        if not 1 <= n <= 12:
            raise ctx.fail()
        month0 = start.month - 1 + n
        y, m = start.year + month0 // 12, month0 % 12 + 1
        end = date(y, m, min(start.day, calendar.monthrange(y, m)[1]))
    else:
        days = n * 7 if unit in ("周", "星期", "个星期") else n
        if not 1 <= days <= 366:
            raise ctx.fail()
        end = start + timedelta(days=days)
    if end.year > ctx.year + 1:
        raise ctx.fail(
            "schedule_year_out_of_range", year=end.year, first=ctx.year, last=ctx.year + 1
        )
    return Period(start, end)


@lru_cache(maxsize=4096)
def parse_schedule(text: str, year: int, issued: date | None = None) -> Period | None:
    """Read a 时间安排 cell in campaign year ``year``.

    Returns the inclusive period, or ``None`` for an undated activity (待定, 另行通知).
    Raises :class:`ScheduleError` for text it cannot read.  Results are memoised: a plan
    of thousands of activities repeats the same few dozen schedule texts.

    >>> parse_schedule("9月中旬", 2023)
    Period(start=datetime.date(2023, 9, 11), end=datetime.date(2023, 9, 20))
    """
    s = normalise(text)
    if not s:
        raise ScheduleError(text, "schedule_empty")
    ctx = _Ctx(text, year, issued)
    periods: list[Period] = []
    undated = False
    # "9、10月": a bare month number borrows 月 from the next item.
    s = re.sub(r"(?<![\d月日])(\d{1,2})、(?=\d{1,2}月)", r"\1月、", s)
    pieces = [p for p in _SEPARATORS.split(s) if p]
    if not pieces:
        raise ScheduleError(text, "schedule_empty")
    for piece in pieces:
        try:
            got = _parse_segment(piece, ctx)
        except (ValueError, OverflowError) as exc:
            if isinstance(exc, ScheduleError):
                raise
            raise ctx.fail() from exc
        if got is None:
            undated = True
        else:
            periods.append(got)
    if not periods:
        assert undated
        return None
    return Period(min(p.start for p in periods), max(p.end for p in periods))

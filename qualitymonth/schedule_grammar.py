"""The grammar of schedule texts: points (9月, 9月中旬, 2024年, 第三季度, 即日), ranges of
them, deadlines, durations and the pieces of a cell that names several periods.

It reads the canonical text of :mod:`qualitymonth.schedule_text`; the public entry points
are in :mod:`qualitymonth.schedule`.  Pure: no I/O, no clock.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import NamedTuple

from qualitymonth.model import Period, month_period
from qualitymonth.schedule_point import XUN, Point, match_point
from qualitymonth.schedule_text import DATE_IN_WORDS, DATEISH

__all__ = ["Reading", "ScheduleError", "read_cell"]


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


class _Ctx:
    """One cell being read: its year and issue date, and what its earlier pieces named (the
    year and month that a later piece without them takes: 2024年3月、5月; 6月16日或17日)."""

    def __init__(self, text: str, year: int, issued: date | None) -> None:
        self.text = text
        self.year = year
        self.issued = issued
        self.last_year: int | None = None
        self.last_month: int | None = None
        self.last_day = False  # the piece before named a day: 3月5、15 is two days
        self.weekday_years: set[int] = set()
        #: An earlier piece was tied to an event with no date (省出台文件后).
        self.after_event = False

    def fail(self, reason: str = "schedule_unreadable", **params: object) -> ScheduleError:
        return ScheduleError(self.text, reason, **params)

    def resolve_year(self, p: Point, base: int) -> int:
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

    def span(self, p: Point, y: int) -> Period:
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
                first, last = XUN[p.xun]
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
    """No date here: no number, or numbers that count things (抽查100批次), not days."""
    if not DATEISH.search(seg):
        return True
    return not (DATE_IN_WORDS.search(seg) or seg[0].isdigit() or seg[-1].isdigit())


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
    if seg.startswith("每年") and DATEISH.search(seg, 2):  # 每年9月: this year's September
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
    if not rest or not DATEISH.search(rest):
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
    if rest.startswith(("长期", "持续", "常态")) and not _DIGIT.search(rest) and "~" not in rest:
        return  # 9月起长期坚持: how, from the date read
    if rest and (_BAD_REST.match(rest) or DATE_IN_WORDS.search(rest) or rest[-1] in "前后"):
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
    a, pos = match_point(seg, pos)
    if a.empty:
        raise ctx.fail()
    b: Point | None = None
    if seg.startswith("~", pos):
        b, pos = match_point(seg, pos + 1)
        if b.empty or open_start:
            raise ctx.fail()
    kinds, pos = _suffixes(seg, pos)
    _check_rest(seg[pos:], ctx)
    if b is None:
        return [_single(a, kinds, open_start, ctx)]
    return [_pair(a, b, ctx)]


def _carry_day(p: Point, ctx: _Ctx) -> None:
    """17日 after 6月16日, 下旬 after 9月中旬: the month of the piece before."""
    if p.month is None and ctx.last_month is not None and p.year is None and p.rel is None:
        if p.num is not None and p.num <= 31 and (p.dayunit or ctx.last_day):
            p.month, p.day, p.num = ctx.last_month, p.num, None
        elif p.xun or p.monthend:
            p.month = ctx.last_month
    if p.monthend:
        p.xun, p.monthend = "底", False


def _base_year(ctx: _Ctx) -> int:
    return ctx.last_year if ctx.last_year is not None else ctx.year


def _remember(p: Point, y: int, ctx: _Ctx) -> None:
    if p.year is not None or p.rel is not None:
        ctx.last_year = y
    if p.month is not None:
        ctx.last_month = p.month
        ctx.last_day = p.day is not None


def _single(a: Point, kinds: set[str], open_start: bool, ctx: _Ctx) -> Period:
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


def _pair(a: Point, b: Point, ctx: _Ctx) -> Period:
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


def read_cell(s: str, text: str, year: int, issued: date | None) -> Reading:
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

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

from collections import Counter
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from qualitymonth.model import Period, month_period
from qualitymonth.schedule_grammar import Reading, ScheduleError, read_cell
from qualitymonth.schedule_text import normalise, prepare

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


def _read(text: str, year: int, issued: date | None) -> Reading:
    """The cell as written, or what its brackets say when the text outside them names no
    date (宣传周期间（6月17日-23日）, 第二阶段：集中整治（5月15日至11月底）)."""
    outside, inside = prepare(text, year)
    if inside is None or not outside:
        return read_cell(inside if inside is not None else outside, text, year, issued)
    try:
        reading = read_cell(outside, text, year, issued)
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
        return read_cell(s, text, year, issued)
    except ScheduleError:
        return None


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

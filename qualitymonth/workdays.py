"""Working days (工作日) in China: weekends and official holidays off, make-up days (调休) on.

The calendar is the maintained ``chinese_calendar`` package, imported on first use only (a
schedule that counts working days is rare, and qm's start-up must not pay for it).  The
State Council publishes each year's holidays late in the year before, so the package knows
a fixed range of years; outside it a day counts as a working day when it is Monday to
Friday, and the years so counted are returned, so that the caller can say so.

Pure: no I/O, no clock.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

__all__ = ["WorkdayCount", "add_workdays", "calendar_years"]


class WorkdayCount(NamedTuple):
    """The day reached, and the years whose days were counted Monday to Friday because the
    holiday calendar does not cover them (empty when it covers them all)."""

    end: date
    weekday_years: frozenset[int]


@cache
def calendar_years() -> frozenset[int]:
    """The years whose official holidays and make-up working days the calendar knows."""
    from chinese_calendar import constants  # type: ignore[import-untyped]

    return frozenset(day.year for day in constants.holidays)


def add_workdays(start: date, count: int) -> WorkdayCount:
    """The ``count``-th working day after ``start`` (``start`` itself not counted).

    >>> add_workdays(date(2023, 9, 27), 2).end  # National Day 2023: 9-29 to 10-6 off
    datetime.date(2023, 10, 7)
    """
    if count < 1:
        raise ValueError(f"count must be positive, not {count}")
    from chinese_calendar import is_workday

    known = calendar_years()
    guessed: set[int] = set()
    day = start
    left = count
    while left:
        day += timedelta(days=1)
        if day.year in known:
            working = is_workday(day)
        else:
            guessed.add(day.year)
            working = day.weekday() < 5
        if working:
            left -= 1
    return WorkdayCount(day, frozenset(guessed))

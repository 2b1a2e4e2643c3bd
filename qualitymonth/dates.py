"""Dates and months as a tired clerk types them.  Pure: "today" comes in as an argument."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from qualitymonth.cntext import regular
from qualitymonth.errors import UsageError

__all__ = ["parse_date", "parse_month"]

_RELATIVE = {
    "today": 0, "今天": 0, "今日": 0,
    "yesterday": -1, "昨天": -1, "昨日": -1,
    "前天": -2,
}  # fmt: skip
_YMD = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MDY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_MD = re.compile(r"(\d{1,2})[-/.月](\d{1,2})[日号]?")
_D = re.compile(r"(\d{1,2})[日号]")
#: A time of day after the date (a spreadsheet cell's "2023-09-25 14:30"), and a weekday.
_TIME = re.compile(r"(?:T|(?<=\d))\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_WEEKDAY = re.compile(r"(星期|周)[一二三四五六日天1-7]$")
_YM = re.compile(r"(?:(\d{4})[-/.年])?(\d{1,2})月?份?")


_DASHES = re.compile(r"[-—–―~〜‐‑‒−]+")


_NOTE = re.compile(r"[(（][^()（）]*[)）]")


def _clean(text: str) -> str:
    """Regular text, dashes as ``-``, bracketed notes such as (星期四) dropped."""
    return _DASHES.sub("-", _NOTE.sub("", regular(text)))


def parse_date(text: str, today: date) -> date:
    """2023-09-28, 2023/9/28, 2023年9月28日, 20230928, 9/28/2023, 9/28, 9月28日, 28日,
    九月二十八日, today, yesterday…; a time of day or a weekday after the date is ignored.

    A date written without a year (or without a month) is the most recent such day on or
    before ``today``: on 10 January 2024, 1/5 is 2024-01-05 and 12/30 is 2023-12-30.
    """
    raw = unicodedata.normalize("NFKC", text).strip().lower()
    if raw in _RELATIVE:
        return today + timedelta(days=_RELATIVE[raw])
    s = _WEEKDAY.sub("", _TIME.sub("", _clean(text)))
    try:
        m = _YMD.fullmatch(s) or _COMPACT.fullmatch(s)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = _MDY.fullmatch(s)
        if m:
            return date(int(m[3]), int(m[1]), int(m[2]))
        m = _MD.fullmatch(s)
        if m:
            return _latest(today, int(m[1]), int(m[2]))
        m = _D.fullmatch(s)
        if m:
            return _latest(today, None, int(m[1]))
    except ValueError:
        raise UsageError("bad_date", text=text) from None
    if re.fullmatch(r"[a-z0-9 ,./-]+", raw) and re.search(r"[a-z]", raw):
        return _dateutil(text, today)
    raise UsageError("bad_date", text=text)


def _latest(today: date, month: int | None, day: int) -> date:
    """The most recent day ``day`` (of ``month``, or of any month) on or before ``today``.
    Raises ``ValueError`` when there is no such day (2月30日)."""
    if month is not None:
        date(2000, month, day)  # a leap year: only days that never exist are refused
        for year in range(today.year, today.year - 9, -1):
            try:
                found = date(year, month, day)
            except ValueError:  # 2月29日 outside a leap year
                continue
            if found <= today:
                return found
        raise ValueError(f"{month}-{day}")
    if not 1 <= day <= 31:
        raise ValueError(day)
    y, m = today.year, today.month
    for _ in range(12):
        try:
            found = date(y, m, day)
        except ValueError:  # 31日 in a month of 30 days
            found = today + timedelta(days=1)
        if found <= today:
            return found
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    raise ValueError(day)


def _dateutil(text: str, today: date) -> date:
    """English month names ("Sep 28 2023"): the one place dateutil earns its import.  Without
    a year, the most recent such day."""
    from dateutil import parser

    try:
        found = parser.parse(text, default=parser.parse(f"{today.year}-01-01")).date()
    except (ValueError, OverflowError):
        raise UsageError("bad_date", text=text) from None
    if found > today and not re.search(r"\d{4}", text):
        try:
            found = found.replace(year=found.year - 1)
        except ValueError:  # 29 February
            raise UsageError("bad_date", text=text) from None
    return found


def parse_month(text: str, year: int) -> tuple[int, int]:
    """``9``, ``09``, ``9月``, ``九月``, ``2023-09``, ``2023年9月`` -> (year, month)."""
    s = _clean(text)
    m = _YM.fullmatch(s)
    if not m or not 1 <= int(m[2]) <= 12:
        raise UsageError("bad_month", text=text)
    return (int(m[1]) if m[1] else year), int(m[2])

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
_YMD = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_MD = re.compile(r"(\d{1,2})[-/.月](\d{1,2})日?")
_YM = re.compile(r"(?:(\d{4})[-/.年])?(\d{1,2})月?份?")


_DASHES = re.compile(r"[-—–―~〜‐‑‒−]+")


_NOTE = re.compile(r"[(（][^()（）]*[)）]")


def _clean(text: str) -> str:
    """Regular text, dashes as ``-``, bracketed notes such as (星期四) dropped."""
    return _DASHES.sub("-", _NOTE.sub("", regular(text)))


def parse_date(text: str, year: int, today: date) -> date:
    """2023-09-28, 2023/9/28, 9/28 (in ``year``), 2023年9月28日, 九月二十八日, today, yesterday…"""
    raw = unicodedata.normalize("NFKC", text).strip().lower()
    if raw in _RELATIVE:
        return today + timedelta(days=_RELATIVE[raw])
    s = _clean(text)
    try:
        m = _YMD.fullmatch(s)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = _MD.fullmatch(s)
        if m:
            return date(year, int(m[1]), int(m[2]))
    except ValueError:
        raise UsageError("bad_date", text=text) from None
    if re.fullmatch(r"[a-z0-9 ,./-]+", raw) and re.search(r"[a-z]", raw):
        return _dateutil(text, year)
    raise UsageError("bad_date", text=text)


def _dateutil(text: str, year: int) -> date:
    """English month names ("Sep 28 2023"): the one place dateutil earns its import."""
    from dateutil import parser

    try:
        return parser.parse(text, default=parser.parse(f"{year}-01-01")).date()
    except (ValueError, OverflowError):
        raise UsageError("bad_date", text=text) from None


def parse_month(text: str, year: int) -> tuple[int, int]:
    """``9``, ``09``, ``9月``, ``九月``, ``2023-09``, ``2023年9月`` -> (year, month)."""
    s = _clean(text)
    m = _YM.fullmatch(s)
    if not m or not 1 <= int(m[2]) <= 12:
        raise UsageError("bad_month", text=text)
    return (int(m[1]) if m[1] else year), int(m[2])

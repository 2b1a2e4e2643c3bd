"""The Word report's words: text made safe, dates, numbers and status phrases.

All text from the plan and the journal goes through :func:`clean` and :func:`_esc`: it is text,
never markup.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any

from qualitymonth.i18n import Lang, t

# Characters XML 1.0 cannot hold or that act on a terminal/printer: C0 (but tab, newline and
# carriage return, which become spaces), DEL, C1, lone surrogates, the two non-characters, and
# the bidirectional overrides and isolates, which would reorder the text around them.
_DROP = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_SPACE = re.compile("[\t\n\r\u2028\u2029]+")
_ANY = re.compile(f"{_SPACE.pattern[:-1]}|{_DROP.pattern}")


def clean(value: object) -> str:
    """``value`` as one line of printable text: line breaks and tabs become a space, every other
    control character is dropped."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not _ANY.search(text):
        return text
    return _DROP.sub("", _SPACE.sub(" ", text))


def _esc(value: object) -> str:
    """Cleaned text, escaped for an XML text node or a double-quoted attribute."""
    text = clean(value)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


# --------------------------------------------------------------------------- words


@functools.cache
def _template(key: str, lang: Lang) -> str:
    return t(key, lang)


def _f(key: str, lang: Lang, /, **params: object) -> str:
    """``t`` with the template looked up once: the report says the same things many times."""
    template = _template(key, lang)
    return template.format(**params) if params else template


def _date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def long_date(d: date, lang: Lang) -> str:
    """2023年9月28日 (no leading zeros), or 28 September 2023."""
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def short_date(d: date, year: int | None, lang: Lang) -> str:
    """9月28日 within the campaign year, else the long form."""
    if d.year != year:
        return long_date(d, lang)
    return f"{d.month}月{d.day}日" if lang == "zh" else f"{d.day} {calendar.month_abbr[d.month]}"


def month_label(value: object, lang: Lang) -> str:
    d = _date(f"{value}-01") if isinstance(value, str) else None
    if d is None:
        return clean(value)
    return f"{d.year}年{d.month}月" if lang == "zh" else f"{calendar.month_name[d.month]} {d.year}"


_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 105 -> 一百零五: the numbers of the headings （一）."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 10000:
        big, unit = (1000, "千") if n >= 1000 else (100, "百")
        rest = n % big
        tail = "" if rest == 0 else ("零" if rest < big // 10 else "") + cn_number(rest)
        if 10 <= rest < 20:
            tail = tail.replace("十", "一十", 1)
        return _DIGITS[n // big] + unit + tail
    return str(n)


def _heading_number(n: int, lang: Lang) -> str:
    return f"（{cn_number(n)}）" if lang == "zh" else f"({n}) "


def _percent(rate: object) -> str:
    value = float(rate) if isinstance(rate, int | float) else 0.0
    return f"{value * 100:.0f}%"


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _norm(name: object) -> str:
    """Department names compare after NFKC, with either kind of bracket."""
    return unicodedata.normalize("NFKC", clean(name)).strip()


def _plan_name(name: str, lang: Lang) -> str:
    if lang == "zh" and not name.endswith(("活动", "方案")):
        name += "活动"
    return name if name.endswith("方案") else _f("docx_plan", lang, name=name)


def _status(a: Mapping[str, Any], year: int | None, lang: Lang) -> str:
    """未开始 / 进行中，进度60%，逾期 / 已于9月25日完成 / 逾期完成（10月7日）."""
    status = a.get("status")
    if status == "done":
        done_on = _date(a.get("done_on"))
        when = short_date(done_on, year, lang) if done_on else ""
        if a.get("late"):
            late = _f("docx_status_late", lang)
            return _f("docx_late_on", lang, date=when) if when else late
        return _f("docx_done_on", lang, date=when) if when else _f("docx_status_done", lang)
    parts = [_f("docx_status_doing" if status == "doing" else "docx_status_todo", lang)]
    percent = _int(a.get("percent"))
    if status == "doing" and 0 < percent < 100:
        parts.append(_f("docx_percent", lang, p=percent))
    if a.get("overdue"):
        parts.append(_f("docx_status_overdue", lang))
    return _f("docx_list_sep", lang).join(parts)


def _sentence_end(text: str) -> str:
    return text.rstrip(" 。；;.，,")


def _periods(a: Mapping[str, Any]) -> list[Any]:
    periods = a.get("periods")
    if isinstance(periods, list):
        return periods
    return [[a.get("start"), a.get("end")]] if a.get("start") else []


def _width(text: str) -> float:
    """Width in body characters: CJK and full-width characters 1, the rest half."""
    # UTF-8 spends three bytes on a CJK character and one on ASCII, which is all this needs.
    wide = (len(text.encode("utf-8")) - len(text)) / 2
    return wide + (len(text) - wide) / 2

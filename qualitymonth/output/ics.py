"""The ics writer: the deadlines as an iCalendar file (RFC 5545) for Outlook and phone calendars.

One all-day event per dated activity, on the end of its last period, with a display alarm
three days before (none for a done activity: nothing is left to remind).  Written by hand: CRLF
line ends, lines folded at 75 octets without splitting a UTF-8 character, TEXT values escaped.
The output depends on the document alone: DTSTAMP is the as-of date and every UID is made from
the campaign and the activity id, so a calendar that imports the file again updates the events
instead of doubling them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from qualitymonth.i18n import Lang, t
from qualitymonth.output.doc import as_date, clean, lang_of, last_end, one_line, status_words

__all__ = ["escape_text", "fold", "render_list"]

PRODID = "-//qualitymonth//qm//ZH"
ALARM_DAYS = 3


def escape_text(value: object) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon and comma escaped, a newline as ``\\n``."""
    text = clean(value)
    for raw, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        text = text.replace(raw, escaped)
    return text


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded so that no physical line exceeds 75 octets (the
    CRLF not counted) and no character is split; each fold is CRLF and one space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return data + b"\r\n"
    pieces = []
    start, room = 0, 75  # a continuation line's leading space takes one octet of its 75
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:  # never cut inside a character
            end -= 1
        pieces.append(data[start:end])
        start, room = end, 74
    pieces.append(data[start:])
    return b"\r\n ".join(pieces) + b"\r\n"


def _uid_prefix(campaign: Mapping[str, Any]) -> str:
    key = one_line(campaign.get("doc_no")) or one_line(campaign.get("name"))
    key += f"|{campaign.get('year') or ''}"
    return "qm-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _description(a: Mapping[str, Any], lang: Lang) -> str:
    colon = "：" if lang == "zh" else ": "
    lines = [
        f"{t('lead', lang)}{colon}{one_line(a.get('lead'))}",
        f"{t('schedule', lang)}{colon}{one_line(a.get('schedule'))}",
        f"{t('status', lang)}{colon}{status_words(a, lang)}",
    ]
    note = clean(a.get("last_note")).strip()
    if note:
        lines.append(f"{t('last_note', lang)}{colon}{note}")
    return "\n".join(lines)


def _event(a: Mapping[str, Any], end: date, prefix: str, stamp: str, lang: Lang) -> Iterator[str]:
    theme = one_line(a.get("theme"))
    overdue = bool(a.get("overdue")) and a.get("status") != "done"
    summary = (t("ics_overdue", lang) if overdue else "") + theme
    yield "BEGIN:VEVENT"
    yield f"UID:{prefix}-{one_line(a.get('id'))}@qualitymonth"
    yield f"DTSTAMP:{stamp}"
    yield f"DTSTART;VALUE=DATE:{end:%Y%m%d}"
    yield f"DTEND;VALUE=DATE:{end + timedelta(days=1):%Y%m%d}"
    yield f"SUMMARY:{escape_text(summary)}"
    yield f"DESCRIPTION:{escape_text(_description(a, lang))}"
    yield "TRANSP:TRANSPARENT"
    if a.get("status") != "done":
        yield "BEGIN:VALARM"
        yield "ACTION:DISPLAY"
        yield f"DESCRIPTION:{escape_text(t('ics_alarm', lang, theme=theme))}"
        yield f"TRIGGER:-P{ALARM_DAYS}D"
        yield "END:VALARM"
    yield "END:VEVENT"


def render_list(doc: Mapping[str, Any], options: Mapping[str, Any]) -> bytes:
    """The list document (``{campaign, as_of, activities}``) as an iCalendar file."""
    lang = lang_of(options)
    campaign: Mapping[str, Any] = doc.get("campaign") or {}
    as_of = as_date(doc.get("as_of"))
    stamp = f"{as_of:%Y%m%d}T000000Z" if as_of else "19700101T000000Z"
    prefix = _uid_prefix(campaign)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(one_line(campaign.get('name')))}",
    ]
    activities = doc.get("activities")
    for a in activities if isinstance(activities, list) else []:
        if isinstance(a, Mapping) and (end := last_end(a)) is not None:
            lines += _event(a, end, prefix, stamp, lang)
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) for line in lines)

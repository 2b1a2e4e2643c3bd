"""The plan as the rest of qm uses it: plain frozen values.  No I/O, no pydantic.

A plan is validated once, by :mod:`qualitymonth.plan.schema` (pydantic), and from then on lives as
these light objects, which the plan cache can rebuild from JSON without importing pydantic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from qualitymonth.fields import ACTIVITY_ALIASES

__all__ = [
    "ACTIVITY_ALIASES",
    "Activity",
    "Campaign",
    "Period",
    "Plan",
    "alias_conflicts",
    "department_key",
    "duplicate_ids",
    "month_period",
    "raw_value",
    "split_names",
]


def raw_value(item: Mapping[Any, Any], key: str, default: Any = None) -> Any:
    """``item[key]`` of a raw (unvalidated) activity mapping, or its Chinese twin (序号…)."""
    return item.get(key, item.get(ACTIVITY_ALIASES[key], default))


_NAME_SPLIT = re.compile(r"[、，,;；]")


@lru_cache(maxsize=4096)  # a plan names a few dozen departments, thousands of times
def department_key(name: str) -> str:
    """What department names are compared by: NFKC (full-width brackets and letters become
    half-width), case and surrounding space ignored."""
    import unicodedata

    return unicodedata.normalize("NFKC", name).casefold().strip()


def split_names(text: str) -> list[str]:
    """Split a 协办单位 cell on 、，,; — but never inside brackets (各县(市、区)人民政府)."""
    names: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in "(（[【〔":
            depth += 1
        elif ch in ")）]】〕":
            depth = max(0, depth - 1)
        if depth == 0 and _NAME_SPLIT.match(ch):
            names.append("".join(current))
            current = []
        else:
            current.append(ch)
    names.append("".join(current))
    return [n.strip() for n in names if n.strip()]


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive span of days."""

    start: date
    end: date

    def overlaps(self, start: date, end: date) -> bool:
        return self.start <= end and start <= self.end


def month_period(year: int, month: int) -> Period:
    """The whole of one month."""
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return Period(date(year, month, 1), following - timedelta(days=1))


@dataclass(frozen=True, slots=True)
class Campaign:
    """The notice's header."""

    name: str
    year: int
    issuer: str = ""
    doc_no: str = ""
    issued: date | None = None
    theme: str = ""
    report_to: str = ""


class Activity(NamedTuple):
    """One row of the activity table (annex 2).  A named tuple, not a frozen dataclass: a
    plan of 10,000 activities is rebuilt from the cache on every run, and a named tuple is
    made twice as fast."""

    id: int
    theme: str
    schedule: str
    lead: str
    content: str = ""
    assist: tuple[str, ...] = ()
    remark: str = ""
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Plan:
    """A whole campaign plan: header, slogans, department aliases and activities."""

    campaign: Campaign
    activities: tuple[Activity, ...]
    slogans: tuple[str, ...] = ()
    departments: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    # ------------------------------------------------------------------ lookups

    def activity(self, ident: int) -> Activity | None:
        return self._by_id.get(ident)

    @cached_property
    def _by_id(self) -> dict[int, Activity]:
        return {a.id: a for a in self.activities}

    def canonical(self) -> dict[str, str]:
        """Every department name or alias -> its canonical name."""
        return self._canonical

    @cached_property
    def _canonical(self) -> dict[str, str]:
        # One department however its brackets are written: 各县（市、区）市场监管局 and
        # 各县(市、区)市场监管局 (NFKC makes full-width brackets half-width).  The
        # departments: map decides first; otherwise the first spelling met is canonical.
        by_key: dict[str, str] = {}
        for canon, aliases in self.departments.items():
            chosen = by_key.setdefault(department_key(canon), canon)
            for alias in aliases:
                by_key[department_key(alias)] = chosen
        spelled: list[str] = [*self.departments, *(n for v in self.departments.values() for n in v)]
        for a in self.activities:
            for n in (a.lead, *a.assist):
                by_key.setdefault(department_key(n), n)
                spelled.append(n)
        return {n: by_key[department_key(n)] for n in spelled}

    def department_names(self) -> list[str]:
        """Canonical department names in plan order: leads first, then co-organizers."""
        return list(self._department_names)

    @cached_property
    def _department_names(self) -> tuple[str, ...]:
        canon = self.canonical()
        order: dict[str, None] = {}
        for a in self.activities:
            order.setdefault(canon[a.lead], None)
        for a in self.activities:
            for n in a.assist:
                order.setdefault(canon[n], None)
        for n in self.departments:
            order.setdefault(n, None)
        return tuple(order)

    # ------------------------------------------------------------------ plain data

    def to_data(self) -> dict[str, Any]:
        """JSON-ready data (dates as ISO text) that :meth:`from_data` turns back into a Plan."""
        c = self.campaign
        return {
            "campaign": [c.name, c.year, c.issuer, c.doc_no, _iso(c.issued), c.theme, c.report_to],
            "slogans": list(self.slogans),
            "departments": {k: list(v) for k, v in self.departments.items()},
            "activities": [
                [a.id, a.theme, a.schedule, a.lead, a.content, list(a.assist), a.remark,
                 _iso(a.start), _iso(a.end)]
                for a in self.activities
            ],
        }  # fmt: skip

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Plan:
        name, year, issuer, doc_no, issued, theme, report_to = data["campaign"]
        return cls(
            campaign=Campaign(name, year, issuer, doc_no, _day(issued), theme, report_to),
            activities=tuple(
                Activity(i, th, sc, le, co, tuple(asst), re, _day(st), _day(en))
                for i, th, sc, le, co, asst, re, st, en in data["activities"]
            ),
            slogans=tuple(data["slogans"]),
            departments={k: tuple(v) for k, v in data["departments"].items()},
        )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# --------------------------------------------------------------------------- cross checks


def duplicate_ids(raw_activities: Iterable[Any]) -> list[tuple[int, int, int]]:
    """``(index, id, first_index)`` for every activity whose id was already used.

    Works on raw mappings as well as activities, so a plan with other errors still gets it.
    """
    seen: dict[int, int] = {}
    found: list[tuple[int, int, int]] = []
    for index, item in enumerate(raw_activities):
        ident = raw_value(item, "id") if isinstance(item, Mapping) else getattr(item, "id", None)
        if not isinstance(ident, int) or isinstance(ident, bool):
            continue
        if ident in seen:
            found.append((index, ident, seen[ident]))
        else:
            seen[ident] = index
    return found


def alias_conflicts(departments: Mapping[str, Iterable[str]]) -> list[tuple[str, str, str]]:
    """``(alias, first canonical, second canonical)`` for aliases that name two departments,
    or that are themselves a canonical name (then ``first`` is the alias itself)."""
    owner: dict[str, str] = {}
    found: list[tuple[str, str, str]] = []
    for canon, aliases in departments.items():
        for alias in aliases:
            if not isinstance(alias, str):  # the schema reports it; nothing to compare
                continue
            if alias in departments and alias != canon:
                found.append((alias, alias, canon))
            elif alias in owner and owner[alias] != canon:
                found.append((alias, owner[alias], canon))
            else:
                owner[alias] = canon
    return found

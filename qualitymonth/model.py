"""Pydantic models of a campaign plan.  No I/O.

Frozen, unknown keys rejected, and the Chinese column names of annex 2 (序号, 活动主题, …)
accepted beside the English keys, because staff write these files by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

__all__ = [
    "ACTIVITY_ALIASES",
    "Activity",
    "Campaign",
    "Plan",
    "duplicate_ids",
    "split_names",
]

#: English key -> the Chinese column name of annex 2 that may stand for it.
ACTIVITY_ALIASES: dict[str, str] = {
    "id": "序号",
    "theme": "活动主题",
    "content": "活动内容",
    "schedule": "时间安排",
    "lead": "牵头部门",
    "assist": "协办单位",
    "remark": "备注",
    "start": "开始日期",
    "end": "结束日期",
}

_NAME_SPLIT = re.compile(r"[、，,;；]")


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


def _blank_to_empty(value: Any) -> Any:
    """``remark:`` with nothing after it is YAML null: read it as empty text."""
    return "" if value is None else value


def _names(value: Any) -> Any:
    """``assist: 办公室、计量所`` (one string) is read as the list it means."""
    if value is None:
        return []
    if isinstance(value, str):
        return split_names(value)
    return value


def _date_text(value: Any) -> Any:
    """Accept 2023/9/13 and 2023年9月13日 beside ISO dates in hand-written files."""
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", value)
        if m:
            return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    return value


Text = Annotated[str, BeforeValidator(_blank_to_empty)]
NonEmpty = Annotated[
    str, Field(min_length=1), BeforeValidator(lambda v: v.strip() if isinstance(v, str) else v)
]
Names = Annotated[list[Annotated[str, Field(min_length=1)]], BeforeValidator(_names)]
Day = Annotated[date, BeforeValidator(_date_text)]


def _alias(name: str) -> AliasChoices:
    return AliasChoices(name, ACTIVITY_ALIASES[name])


class Activity(BaseModel):
    """One row of the activity table (annex 2)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: StrictInt = Field(gt=0, validation_alias=_alias("id"))
    theme: NonEmpty = Field(validation_alias=_alias("theme"))
    content: Text = Field(default="", validation_alias=_alias("content"))
    schedule: str = Field(validation_alias=_alias("schedule"))
    lead: NonEmpty = Field(validation_alias=_alias("lead"))
    assist: Names = Field(default_factory=list, validation_alias=_alias("assist"))
    remark: Text = Field(default="", validation_alias=_alias("remark"))
    start: Day | None = Field(default=None, validation_alias=_alias("start"))
    end: Day | None = Field(default=None, validation_alias=_alias("end"))

    @model_validator(mode="after")
    def _start_before_end(self) -> Activity:
        if self.start and self.end and self.start > self.end:
            raise PydanticCustomError(
                "qm_start_after_end",
                "start {start} is after end {end}",
                {"id": self.id, "start": self.start.isoformat(), "end": self.end.isoformat()},
            )
        return self


class Campaign(BaseModel):
    """The notice's header."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: NonEmpty
    year: StrictInt = Field(ge=1900, le=2200)
    issuer: Text = ""
    doc_no: Text = ""
    issued: Day | None = None
    theme: Text = ""
    report_to: Text = ""


def duplicate_ids(raw_activities: Iterable[Any]) -> list[tuple[int, int, int]]:
    """``(index, id, first_index)`` for every activity whose id was already used.

    Works on raw mappings as well as models, so a plan with other errors still gets this check.
    """
    seen: dict[int, int] = {}
    found: list[tuple[int, int, int]] = []
    for index, item in enumerate(raw_activities):
        if isinstance(item, Activity):
            ident: Any = item.id
        elif isinstance(item, Mapping):
            ident = item.get("id", item.get("序号"))
        else:
            continue
        if not isinstance(ident, int) or isinstance(ident, bool):
            continue
        if ident in seen:
            found.append((index, ident, seen[ident]))
        else:
            seen[ident] = index
    return found


class Plan(BaseModel):
    """A whole campaign plan: header, slogans, department aliases and activities."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    campaign: Campaign
    slogans: list[NonEmpty] = Field(default_factory=list)
    departments: dict[str, Names] = Field(default_factory=dict)
    activities: list[Activity] = Field(min_length=1)

    @field_validator("slogans", mode="before")
    @classmethod
    def _no_slogans(cls, value: Any) -> Any:
        return [] if value is None else value

    @field_validator("departments", mode="before")
    @classmethod
    def _no_departments(cls, value: Any) -> Any:
        return {} if value is None else value

    @model_validator(mode="after")
    def _cross_checks(self) -> Plan:
        dups = duplicate_ids(self.activities)
        if dups:
            index, ident, _ = dups[0]
            raise PydanticCustomError(
                "qm_duplicate_id", "activity id {id} is used twice", {"id": ident, "index": index}
            )
        for alias, owner, other in alias_conflicts(self.departments):
            raise PydanticCustomError(
                "qm_alias_conflict",
                "the department alias {alias} names both {first} and {second}",
                {"alias": alias, "first": owner, "second": other},
            )
        return self

    # ------------------------------------------------------------------ lookups

    def activity(self, ident: int) -> Activity | None:
        for a in self.activities:
            if a.id == ident:
                return a
        return None

    def canonical(self) -> dict[str, str]:
        """Every department name or alias -> its canonical name."""
        names: dict[str, str] = {}
        for a in self.activities:
            for n in (a.lead, *a.assist):
                names.setdefault(n, n)
        for canon, aliases in self.departments.items():
            names[canon] = canon
            for alias in aliases:
                names[alias] = canon
        return names

    def department_names(self) -> list[str]:
        """Canonical department names in plan order: leads first, then co-organizers."""
        canon = self.canonical()
        order: dict[str, None] = {}
        for a in self.activities:
            order.setdefault(canon[a.lead], None)
        for a in self.activities:
            for n in a.assist:
                order.setdefault(canon[n], None)
        for n in self.departments:
            order.setdefault(n, None)
        return list(order)


def alias_conflicts(departments: Mapping[str, Iterable[str]]) -> list[tuple[str, str, str]]:
    """``(alias, first canonical, second canonical)`` for aliases that name two departments,
    or that are themselves a canonical name (then ``first`` is the alias itself)."""
    owner: dict[str, str] = {}
    found: list[tuple[str, str, str]] = []
    for canon, aliases in departments.items():
        for alias in aliases:
            if alias in departments and alias != canon:
                found.append((alias, alias, canon))
            elif alias in owner and owner[alias] != canon:
                found.append((alias, owner[alias], canon))
            else:
                owner[alias] = canon
    return found

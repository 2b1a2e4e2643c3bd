"""Pydantic models that validate a plan as written by hand.

Frozen, unknown keys rejected, and the Chinese column names of annex 2 (序号, 活动主题, …)
accepted beside the English keys.  A valid plan becomes the light :class:`model.Plan`; only
validation imports pydantic.
"""

from __future__ import annotations

import re
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

from qualitymonth.model import (
    ACTIVITY_ALIASES,
    Activity,
    Campaign,
    Plan,
    alias_conflicts,
    duplicate_ids,
    split_names,
)

__all__ = ["MAX_ACTIVITIES", "ActivitySchema", "CampaignSchema", "PlanSchema"]

#: A county plan has a dozen activities, a city's gathered plans a few thousand.
MAX_ACTIVITIES = 50_000


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


class ActivitySchema(BaseModel):
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
    def _start_before_end(self) -> ActivitySchema:
        if self.start and self.end and self.start > self.end:
            raise PydanticCustomError(
                "qm_start_after_end",
                "start {start} is after end {end}",
                {"id": self.id, "start": self.start.isoformat(), "end": self.end.isoformat()},
            )
        return self


class CampaignSchema(BaseModel):
    """The notice's header."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: NonEmpty
    year: StrictInt = Field(ge=1900, le=2200)
    issuer: Text = ""
    doc_no: Text = ""
    issued: Day | None = None
    theme: Text = ""
    report_to: Text = ""


class PlanSchema(BaseModel):
    """A whole campaign plan: header, slogans, department aliases and activities."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    campaign: CampaignSchema
    slogans: list[NonEmpty] = Field(default_factory=list)
    departments: dict[str, Names] = Field(default_factory=dict)
    activities: list[ActivitySchema] = Field(min_length=1, max_length=MAX_ACTIVITIES)

    @field_validator("slogans", mode="before")
    @classmethod
    def _no_slogans(cls, value: Any) -> Any:
        return [] if value is None else value

    @field_validator("departments", mode="before")
    @classmethod
    def _no_departments(cls, value: Any) -> Any:
        return {} if value is None else value

    @model_validator(mode="after")
    def _cross_checks(self) -> PlanSchema:
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

    def to_model(self) -> Plan:
        """The validated plan as the light objects the rest of qm uses."""
        c = self.campaign
        return Plan(
            campaign=Campaign(
                c.name, c.year, c.issuer, c.doc_no, c.issued, c.theme, c.report_to
            ),
            activities=tuple(
                Activity(
                    a.id, a.theme, a.schedule, a.lead, a.content, tuple(a.assist), a.remark,
                    a.start, a.end,
                )
                for a in self.activities
            ),
            slogans=tuple(self.slogans),
            departments={k: tuple(v) for k, v in self.departments.items()},
        )  # fmt: skip

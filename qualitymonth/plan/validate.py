"""Validate plan text: the pydantic schema, the cross checks and the periods, every problem
located through the positions :mod:`.yaml_reader` keeps.

Every problem is located as ``file:line:col`` by mapping pydantic's error locations back to
the YAML nodes they came from, and all of them are reported at once.  This is the only module
that imports PyYAML and pydantic; a cached plan never needs it.
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from qualitymonth.errors import PlanError, Problem
from qualitymonth.i18n import Msg
from qualitymonth.model import (
    ACTIVITY_ALIASES,
    Period,
    alias_conflicts,
    duplicate_ids,
    raw_value,
)
from qualitymonth.plan.loaded import LoadedPlan
from qualitymonth.plan.schema import MAX_ACTIVITIES, ActivitySchema, CampaignSchema, PlanSchema
from qualitymonth.plan.yaml_reader import Builder, Path_, load_yaml
from qualitymonth.schedule import ScheduleError, examples, months_of, read_schedule

__all__ = ["parse_plan"]

# --------------------------------------------------------------------------- validation

_FIELD_NAMES = sorted(
    {
        *ActivitySchema.model_fields,
        *ACTIVITY_ALIASES.values(),
        *CampaignSchema.model_fields,
        *PlanSchema.model_fields,
    }
)
_TYPE_KEYS = {
    "missing": "field_missing",
    "int_type": "expect_int",
    "int_parsing": "expect_int",
    "int_from_float": "expect_int",
    "greater_than": "expect_positive",
    "string_type": "expect_text",
    "string_too_short": "expect_nonempty",
    "date_type": "expect_date",
    "date_parsing": "expect_date",
    "date_from_datetime_parsing": "expect_date",
    "date_from_datetime_inexact": "expect_date",
    "date_future": "expect_date",
    "list_type": "expect_list",
    "dict_type": "expect_mapping",
    "model_type": "expect_mapping",
    "model_attributes_type": "expect_mapping",
    "greater_than_equal": "expect_year",
    "less_than_equal": "expect_year",
}


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _Locator:
    """Places a problem by its path in the data: the positions come from a second parse of
    ``text`` the first time one is asked for (a valid plan never needs them)."""

    def __init__(self, shown: str, text: str, builder: Builder, data: Any) -> None:
        self.shown = shown
        self.text = text
        self._builder = builder
        self.data = data

    @property
    def builder(self) -> Builder:
        if not self._builder.track:
            self._builder = load_yaml(self.text, self.shown, track=True)[1]
        return self._builder

    def at(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        if key and loc in self.builder.keys:
            return self.builder.keys[loc]
        path = loc
        while path:
            if path in self.builder.values:
                return self.builder.values[path]
            # pydantic names a field by its first alias; the file may use the other one.
            last = path[-1]
            if isinstance(last, str):
                other = ACTIVITY_ALIASES.get(last)
                if other and (*path[:-1], other) in self.builder.values:
                    return self.builder.values[(*path[:-1], other)]
            path = path[:-1]
        return self.builder.values.get((), (1, 1))

    def activity_id(self, loc: Path_) -> int | None:
        if len(loc) >= 2 and loc[0] == "activities" and isinstance(loc[1], int):
            try:
                item = self.data["activities"][loc[1]]
                ident = raw_value(item, "id")
            except (KeyError, IndexError, TypeError, AttributeError):
                return None
            valid = isinstance(ident, int) and not isinstance(ident, bool) and ident > 0
            return ident if valid else None
        return None

    def problem(self, loc: Path_, key: str, *, at_key: bool = False, **params: object) -> Problem:
        line, col = self.at(loc, key=at_key)
        # Messages that carry an ``id`` name the activity themselves.
        ident = None if "id" in params else self.activity_id(loc)
        return Problem(self.shown, line, col, key, params, activity=ident)


def _pydantic_problems(exc: ValidationError, where: _Locator) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors():
        loc: Path_ = tuple(err["loc"])
        typ = err["type"]
        ctx = err.get("ctx") or {}
        names = [part for part in loc if isinstance(part, str)]
        name = names[-1] if names else "plan"
        if typ in ("qm_duplicate_id", "qm_alias_conflict"):
            continue  # reported by the cross checks, with every occurrence located
        if typ == "extra_forbidden":
            problems.append(_unknown_key(loc, where))
        elif typ == "qm_start_after_end":
            problems.append(where.problem((*loc, "end"), "start_after_end", **ctx))
        elif typ == "too_short" and loc == ("activities",):
            problems.append(where.problem(loc, "no_activities_in_plan"))
        elif typ == "too_long" and loc == ("activities",):
            problems.append(where.problem(loc, "too_many_activities", limit=MAX_ACTIVITIES))
        elif typ in _TYPE_KEYS:
            problems.append(
                where.problem(loc, _TYPE_KEYS[typ], field=name, value=_show(err["input"]))
            )
        else:
            problems.append(where.problem(loc, "expect_other", field=name, detail=err["msg"]))
    return problems


def _unknown_key(loc: Path_, where: _Locator) -> Problem:
    name = str(loc[-1])
    for english, chinese in ACTIVITY_ALIASES.items():
        other = english if name == chinese else chinese if name == english else None
        if other and (*loc[:-1], other) in where.builder.keys:
            return where.problem(loc, "field_both", at_key=True, field=name, other=other)
    guess = difflib.get_close_matches(name, _FIELD_NAMES, n=1, cutoff=0.6)
    hint = Msg("field_hint", {"guess": guess[0]}) if guess else ""
    return where.problem(loc, "field_unknown", at_key=True, field=name, hint=hint)


def _cross_problems(data: Any, where: _Locator) -> list[Problem]:
    problems: list[Problem] = []
    activities = data.get("activities") if isinstance(data, dict) else None
    if isinstance(activities, list):
        for index, ident, first in duplicate_ids(activities):
            name = "id" if "id" in activities[index] else "序号"
            first_line = where.at(("activities", first))[0]
            problems.append(
                where.problem(
                    ("activities", index, name), "duplicate_id", id=ident, first=first_line
                )
            )
    departments = data.get("departments") if isinstance(data, dict) else None
    if isinstance(departments, dict) and all(isinstance(v, list) for v in departments.values()):
        for alias, owner, other in alias_conflicts(departments):
            problems.append(
                where.problem(
                    ("departments", other),
                    "alias_conflict",
                    alias=alias,
                    first=owner,
                    second=other,
                )
            )
    return problems


class _Row(NamedTuple):
    pos: int
    id: Any
    schedule: str
    start: date | None
    end: date | None


class _Periods(NamedTuple):
    hulls: dict[int, Period | None]
    problems: list[Problem]
    spans: dict[int, tuple[Period, ...]]
    weekday_years: tuple[int, ...]


def _periods(rows: Iterable[_Row], year: int, issued: date | None, where: _Locator) -> _Periods:
    """Each activity's periods: explicit ``start``/``end`` win, else the parsed schedule (one
    or several periods; ``hulls`` from the first start to the last end)."""
    periods: dict[int, Period | None] = {}
    spans: dict[int, tuple[Period, ...]] = {}
    weekdays: set[int] = set()
    problems: list[Problem] = []
    unreadable: list[tuple[int, _Row, ScheduleError]] = []
    for row in rows:
        if row.start and row.end:
            periods[row.id] = Period(row.start, row.end)
            continue
        try:
            reading = read_schedule(row.schedule, year, issued)
        except ScheduleError as exc:
            unreadable.append((len(problems), row, exc))
            periods[row.id] = None
            continue
        weekdays |= reading.weekday_years
        parsed = (
            Period(reading.periods[0].start, max(p.end for p in reading.periods))
            if reading.periods
            else None
        )
        if len(reading.periods) > 1 and not (row.start or row.end):
            spans[row.id] = reading.periods
        if parsed is None:  # 待定: undated, unless one explicit date pins it to a day
            pinned = row.start or row.end
            periods[row.id] = Period(pinned, pinned) if pinned else None
            continue
        start, end = row.start or parsed.start, row.end or parsed.end
        if start > end:
            problems.append(
                where.problem(
                    ("activities", row.pos, "start" if row.start else "end"),
                    "start_after_end",
                    id=row.id,
                    start=start.isoformat(),
                    end=end.isoformat(),
                )
            )
            periods[row.id] = None
        else:
            periods[row.id] = Period(start, end)
    if unreadable:  # examples in the months of the plan's readable schedules
        shown = "、".join(examples(months_of((p for p in periods.values() if p), year)))
        for at, row, error in reversed(unreadable):
            params = {"id": row.id, "text": row.schedule, "examples": shown, **error.params}
            problem = where.problem(("activities", row.pos, "schedule"), error.reason, **params)
            problems.insert(at, problem)
    return _Periods(periods, problems, spans, tuple(sorted(weekdays)))


def _raw_rows(data: dict[Any, Any]) -> Iterator[_Row]:
    """The activities of a plan that failed validation, as far as they can be read, so that
    ``validate`` reports unreadable schedules beside the structural errors."""
    activities = data.get("activities")
    for index, item in enumerate(activities if isinstance(activities, list) else ()):
        if not isinstance(item, dict):
            continue
        schedule = raw_value(item, "schedule")
        if not isinstance(schedule, str):
            continue
        start, end = raw_value(item, "start"), raw_value(item, "end")
        yield _Row(
            index,
            raw_value(item, "id", f"#{index + 1}"),
            schedule,
            start if isinstance(start, date) else None,
            end if isinstance(end, date) else None,
        )


def parse_plan(text: str, path: Path) -> LoadedPlan:
    """Validate plan ``text`` read from ``path``.  Raises :class:`PlanError` with every
    structural problem; unreadable schedules are returned in ``schedule_problems``.

    The garbage collector is paused meanwhile: a large plan builds many objects that all
    stay alive, and collecting them half-way only costs time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_plan(text, path)
    finally:
        if enabled:
            gc.enable()


def _parse_plan(text: str, path: Path) -> LoadedPlan:
    shown = str(path)
    data, builder = load_yaml(text, shown, track=False)
    where = _Locator(shown, text, builder, data)
    problems = list(builder.problems)
    if not isinstance(data, dict):
        problems.append(where.problem((), "expect_mapping", field="plan", value=_show(data)))
        raise PlanError(problems)
    plan: PlanSchema | None = None
    try:
        plan = PlanSchema.model_validate(data)
    except ValidationError as exc:
        taken = {(p.line, p.col) for p in problems}
        problems += [p for p in _pydantic_problems(exc, where) if (p.line, p.col) not in taken]
    problems += _cross_problems(data, where)
    if problems or plan is None:
        campaign = data.get("campaign")
        year = campaign.get("year") if isinstance(campaign, dict) else None
        issued = campaign.get("issued") if isinstance(campaign, dict) else None
        later: list[Problem] = []
        if isinstance(year, int) and 1900 <= year <= 2200:
            issued = issued if isinstance(issued, date) else None
            later = _periods(_raw_rows(data), year, issued, where).problems
        raise PlanError(problems, schedule_problems=later)
    rows = (_Row(i, a.id, a.schedule, a.start, a.end) for i, a in enumerate(plan.activities))
    found = _periods(rows, plan.campaign.year, plan.campaign.issued, where)
    return LoadedPlan(
        path=path,
        plan=plan.to_model(),
        periods=found.hulls,
        schedule_problems=found.problems,
        spans=found.spans,
        weekday_years=found.weekday_years,
    )

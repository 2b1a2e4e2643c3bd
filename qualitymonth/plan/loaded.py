"""A validated plan as the rest of qm holds it, and its form in the plan cache."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from qualitymonth.errors import Problem
from qualitymonth.model import Period, Plan

__all__ = ["LoadedPlan"]


@dataclass(frozen=True)
class LoadedPlan:
    """A validated plan, where it came from, and each activity's period."""

    path: Path
    plan: Plan
    #: Each activity's period from its first start to its last end (``None``: undated).
    periods: dict[int, Period | None]
    #: Schedules that could not be read: errors for ``validate``, warnings elsewhere.
    schedule_problems: list[Problem] = field(default_factory=list)
    #: The periods of activities whose schedule names several (6月、9月); the others have
    #: the one period of :attr:`periods`.
    spans: dict[int, tuple[Period, ...]] = field(default_factory=dict)
    #: Years whose official holidays the calendar lacks, where working days were counted
    #: Monday to Friday ("10个工作日内" in a plan for next year).
    weekday_years: tuple[int, ...] = ()

    @property
    def year(self) -> int:
        return self.plan.campaign.year

    def to_data(self) -> dict[str, Any]:
        """JSON-ready data for the cache (the path is not stored: it is known on reading)."""
        return {
            "plan": self.plan.to_data(),
            "periods": [
                [ident, p.start.isoformat(), p.end.isoformat()] if p else [ident, None, None]
                for ident, p in self.periods.items()
            ],
            "problems": [
                [p.line, p.col, p.key, dict(p.params), p.activity] for p in self.schedule_problems
            ],
            "spans": [
                [ident, [[p.start.isoformat(), p.end.isoformat()] for p in spans]]
                for ident, spans in self.spans.items()
            ],
            "weekday_years": list(self.weekday_years),
        }

    @classmethod
    def from_data(cls, path: Path, data: dict[str, Any]) -> LoadedPlan:
        shown = str(path)
        made: dict[tuple[str, str], Period] = {}  # most activities share a few periods

        def period(start: str, end: str) -> Period:
            found = made.get((start, end))
            if found is None:
                found = made[start, end] = Period(
                    date.fromisoformat(start), date.fromisoformat(end)
                )
            return found

        return cls(
            path=path,
            plan=Plan.from_data(data["plan"]),
            periods={ident: period(s, e) if s else None for ident, s, e in data["periods"]},
            schedule_problems=[
                Problem(shown, line, col, key, params, activity)
                for line, col, key, params, activity in data["problems"]
            ],
            spans={ident: tuple(period(s, e) for s, e in spans) for ident, spans in data["spans"]},
            weekday_years=tuple(data["weekday_years"]),
        )

"""Which activities a question is about: departments (by name or alias), filters, ids.

Department names are compared after NFKC normalisation, with full-width and half-width
brackets alike, so 各县（市、区）市场监管局 and 各县(市、区)市场监管局 are one department.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Literal

from qualitymonth.errors import DataError
from qualitymonth.i18n import Msg
from qualitymonth.model import Activity, Plan, month_period
from qualitymonth.state import ActivityState

__all__ = [
    "Role",
    "find_activity",
    "in_department",
    "matches_search",
    "require_activity",
    "resolve_department",
    "select",
]

Role = Literal["lead", "assist", "any"]


def _fold_text(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def resolve_department(plan: Plan, name: str) -> str:
    """The canonical name of department ``name`` (or of its alias).

    Raises :class:`DataError` naming the known departments and the closest match.
    """
    canonical = plan.canonical()
    wanted = _fold_text(name)
    for known, canon in canonical.items():
        if _fold_text(known) == wanted:
            return canon
    import difflib

    names = plan.department_names()
    guess = difflib.get_close_matches(name.strip(), list(canonical), n=1, cutoff=0.0)
    hint = Msg("closest", {"guess": guess[0]}) if guess else ""
    raise DataError("unknown_department", name=name, hint=hint, known="、".join(names))


def in_department(canon: dict[str, str], a: Activity, dept: str, role: Role) -> bool:
    """Whether ``a`` involves canonical department ``dept`` in ``role``."""
    lead = canon.get(a.lead, a.lead) == dept
    assist = any(canon.get(n, n) == dept for n in a.assist)
    return lead if role == "lead" else assist if role == "assist" else lead or assist


def matches_search(a: Activity, needle: str) -> bool:
    wanted = _fold_text(needle)
    haystack = (a.theme, a.content, a.remark, a.schedule, a.lead, *a.assist)
    return any(wanted in _fold_text(text) for text in haystack)


def select(
    plan: Plan,
    states: Sequence[ActivityState],
    *,
    dept: str | None = None,
    role: Role = "any",
    month: tuple[int, int] | None = None,
    status: str | None = None,
    search: str | None = None,
) -> list[ActivityState]:
    """The states that pass every given filter.  ``dept`` must already be canonical."""
    span = month_period(*month) if month else None
    canon = plan.canonical()
    out: list[ActivityState] = []
    for s in states:
        if dept is not None and not in_department(canon, s.activity, dept, role):
            continue
        if span is not None and not any(p.overlaps(span.start, span.end) for p in s.periods):
            continue
        if status is not None and not _has_status(s, status):
            continue
        if search and not matches_search(s.activity, search):
            continue
        out.append(s)
    return out


def _has_status(s: ActivityState, status: str) -> bool:
    if status == "overdue":
        return s.overdue
    if status == "late":
        return s.late
    return s.status.value == status


def require_activity(plan: Plan, ident: int) -> Activity:
    """The activity with id ``ident``; an unknown id is a data error naming the valid ones."""
    activity = plan.activity(ident)
    if activity is None:
        valid = ", ".join(str(a.id) for a in plan.activities)
        raise DataError("unknown_activity", id=ident, valid=valid)
    return activity


def find_activity(states: Sequence[ActivityState], ident: int) -> ActivityState:
    for s in states:
        if s.activity.id == ident:
            return s
    valid = ", ".join(str(s.activity.id) for s in states)
    raise DataError("unknown_activity", id=ident, valid=valid)

"""The stable JSON: every shape ``--format json`` and the library give, in this one module.

These are the scripting interface (``--format json``) and the library's return values:
English field names, language-neutral values (status ``todo``/``doing``/``done`` whatever
``--lang``), dates as ``YYYY-MM-DD`` and ``null`` where there is none.  A field is added,
never renamed or removed; ``tests/test_porcelain.py`` pins every shape whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the list's JSON needs none of them at run time
    from qualitymonth.model import Campaign, Plan
    from qualitymonth.report import Agenda, Counts, Report
    from qualitymonth.state import ActivityState

__all__ = [
    "activity_json",
    "agenda_json",
    "campaign_json",
    "counts_json",
    "depts_json",
    "report_json",
    "show_json",
]


def activity_json(state: ActivityState) -> dict[str, Any]:
    """An activity as it stands: the ``list`` objects."""
    a, p = state.activity, state.period
    done_on = state.done_on
    return {
        "id": a.id,
        "theme": a.theme,
        "content": a.content,
        "schedule": a.schedule,
        "start": p.start.isoformat() if p else None,
        "end": p.end.isoformat() if p else None,
        "periods": [[q.start.isoformat(), q.end.isoformat()] for q in state.periods],
        "lead": a.lead,
        "assist": list(a.assist),
        "remark": a.remark,
        "status": state.status.value,
        "percent": state.percent,
        "overdue": state.overdue,
        "late": state.late,
        "done_on": done_on.isoformat() if done_on else None,
        "last_note": state.last_note,
    }


def show_json(state: ActivityState) -> dict[str, Any]:
    """One activity and its history (the events as the journal stores them)."""
    return {**activity_json(state), "history": [e.as_dict() for e in state.history]}


def campaign_json(c: Campaign) -> dict[str, Any]:
    return {
        "name": c.name,
        "year": c.year,
        "issuer": c.issuer,
        "doc_no": c.doc_no,
        "issued": c.issued.isoformat() if c.issued else None,
        "theme": c.theme,
        "report_to": c.report_to,
    }


def counts_json(c: Counts) -> dict[str, Any]:
    return {
        "activities": c.activities,
        "done": c.done,
        "doing": c.doing,
        "todo": c.todo,
        "overdue": c.overdue,
        "late": c.late,
        "completion_rate": round(c.completion_rate, 4),
    }


def report_json(report: Report, *, stream: bool = False) -> dict[str, Any]:
    """The summary.  With ``stream``, ``notes`` is an iterator (or the journal lines the
    index copied out, as UTF-8 bytes), for the JSON writer, which streams arrays."""
    notes: Iterable[Any] = (
        report.note_json
        if report.note_json is not None
        else (e.as_dict() for _, events in report.notes for e in events)
    )
    from qualitymonth.report import month_label

    if not stream:
        import json

        notes = [json.loads(n) if isinstance(n, bytes) else n for n in notes]
    return {
        "campaign": campaign_json(report.plan.campaign),
        "as_of": report.as_of.isoformat(),
        "scope": {"month": month_label(report.month), "dept": report.dept},
        "totals": counts_json(report.totals),
        "by_department": [
            {"department": name, **counts_json(c)} for name, c in report.by_department
        ],
        "by_month": [{"month": month_label(ym), **counts_json(c)} for ym, c in report.by_month],
        "overdue": [activity_json(s) for s in report.overdue],
        "undated": [activity_json(s) for s in report.undated],
        "notes": notes,
    }


def agenda_json(agenda: Agenda) -> dict[str, Any]:
    """The daily view: ``{as_of, days, overdue, ending, starting}``."""
    out: dict[str, Any] = {"as_of": agenda.as_of.isoformat(), "days": agenda.days}
    return out | {k: [activity_json(s) for s in v] for k, v in agenda.sections().items()}


def depts_json(plan: Plan) -> list[dict[str, Any]]:
    """Each department with how many activities it leads and assists."""
    canon = plan.canonical()
    counts = {name: [0, 0] for name in plan.department_names()}
    for a in plan.activities:
        counts[canon[a.lead]][0] += 1
        for n in dict.fromkeys(canon[n] for n in a.assist):
            counts[n][1] += 1
    return [{"department": n, "lead": c[0], "assist": c[1]} for n, c in counts.items()]

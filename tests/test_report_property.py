"""Numbers agree everywhere: report totals = the sum of their rows = what list returns."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from qualitymonth.journal.events import Event
from qualitymonth.plan import load_plan
from qualitymonth.porcelain import counts_json
from qualitymonth.query import select
from qualitymonth.report import COUNTED, build_report
from qualitymonth.state import fold

from .conftest import SHIPPED

LOADED = load_plan(SHIPPED)
PLAN = LOADED.plan
DEPTS = [None, *PLAN.department_names()]
UTC = UTC


@st.composite
def events(draw: st.DrawFn) -> list[Event]:
    n = draw(st.integers(0, 40))
    out = []
    for i in range(n):
        action = draw(st.sampled_from(["start", "progress", "done", "reopen", "note"]))
        day = date(2023, 1, 1) + timedelta(days=draw(st.integers(0, 400)))
        recorded = datetime(2023, 1, 1, tzinfo=UTC) + timedelta(minutes=draw(st.integers(0, 10**6)))
        out.append(
            Event(
                event=f"{i:032x}",
                activity=draw(st.integers(1, 12)),
                action=action,
                date=day,
                recorded_at=recorded.isoformat(),
                recorded=recorded,
                by="hyp",
                percent=draw(st.integers(0, 100)) if action == "progress" else None,
                note=draw(st.sampled_from([None, "进展"])),
            )
        )
    return out


@settings(max_examples=200, deadline=None)
@given(
    events(),
    st.dates(date(2023, 1, 1), date(2024, 3, 1)),
    st.sampled_from([None, (2023, 6), (2023, 9), (2023, 10), (2023, 12), (2024, 2)]),
    st.sampled_from(DEPTS),
)
def test_totals_rows_and_list_agree(
    journal: list[Event], as_of: date, month: tuple[int, int] | None, dept: str | None
) -> None:
    states = fold(PLAN, LOADED.periods, journal, as_of)
    report = build_report(PLAN, states, as_of, month=month, dept=dept)
    totals = counts_json(report.totals)
    for key in COUNTED:
        assert totals[key] == sum(counts_json(c)[key] for _, c in report.by_department)
        if month is not None:
            assert [counts_json(c)[key] for _, c in report.by_month] in ([], [totals[key]])
    listed = select(PLAN, states, dept=dept, month=month)
    assert totals["activities"] == len(listed)
    for status in ("todo", "doing", "done", "overdue", "late"):
        assert totals[status] == len(select(PLAN, states, dept=dept, month=month, status=status))
    assert totals["done"] + totals["doing"] + totals["todo"] == totals["activities"]
    assert [s.activity.id for s in report.overdue] == sorted(
        (s.activity.id for s in listed if s.overdue),
        key=lambda i: (LOADED.periods[i].end, i),  # type: ignore[union-attr]
    )
    # every note in the report is on an activity in scope, inside the month, by the as-of date
    ids = {s.activity.id for s in listed}
    for _, noted in report.notes:
        for e in noted:
            assert e.activity in ids and e.date <= as_of and e.note
            assert month is None or (e.date.year, e.date.month) == month


def test_cli_report_agrees_with_cli_list(qm) -> None:  # type: ignore[no-untyped-def]
    import json

    from .conftest import ROOT

    base = ("--plan", str(SHIPPED), "--journal", str(ROOT / "tests/fixtures/journal-2023-09.jsonl"))
    for as_of in ("2023-09-15", "2023-10-08", "2023-12-31"):
        report = json.loads(qm(*base, "--as-of", as_of, "report", "-m", "9", "-f", "json").stdout)
        for status in ("todo", "doing", "done", "overdue", "late"):
            listed = json.loads(
                qm(*base, "--as-of", as_of, "list", "-m", "9", "-s", status, "-f", "json").stdout
            )
            assert report["totals"][status] == len(listed)

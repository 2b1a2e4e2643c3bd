"""Real 时间安排 cells (tests/schedule_corpus/cells.tsv) read as a careful person reads them.

Each row gives a cell as copied from a public notice, its campaign year and issue date, and
the periods a person gives by hand: ``YYYY-MM-DD..YYYY-MM-DD`` pairs joined by ``;``,
``undated`` or ``refuse``.  The parser must read at least 98% of the cells exactly right,
and every cell it does not read right must be refused with ``ScheduleError``: a wrong
guess fails the test, whatever the rate.

Periods are compared as the days they cover: the parser keeps overlapping and adjacent
periods of one cell apart (6月、7月 is two periods), a person may write them either way.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

import pytest

from qualitymonth.schedule import Period, ScheduleError, parse_periods

CELLS = Path(__file__).parent / "schedule_corpus" / "cells.tsv"
REQUIRED_RATE = 0.98


class Cell(NamedTuple):
    line: int
    text: str
    year: int
    issued: date | None
    expected: str


def _cells() -> list[Cell]:
    with CELLS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        Cell(
            i + 2,
            row["text"],
            int(row["year"]),
            date.fromisoformat(row["issued"]) if row["issued"] else None,
            row["expected"].strip(),
        )
        for i, row in enumerate(rows)
    ]


def _days(periods: list[Period] | tuple[Period, ...]) -> tuple[Period, ...]:
    """The fewest periods covering the same days: overlapping and adjacent ones merged."""
    merged: list[Period] = []
    for p in sorted(periods, key=lambda p: (p.start, p.end)):
        if merged and p.start <= merged[-1].end + timedelta(days=1):
            if p.end > merged[-1].end:
                merged[-1] = Period(merged[-1].start, p.end)
        else:
            merged.append(p)
    return tuple(merged)


def _expected(value: str) -> tuple[Period, ...] | str:
    if value in ("undated", "refuse"):
        return value
    pairs = [pair.split("..") for pair in value.split(";")]
    return _days([Period(date.fromisoformat(a), date.fromisoformat(b)) for a, b in pairs])


def _verdict(cell: Cell) -> tuple[str, str]:
    """``right``, ``refused`` (not right, but refused) or ``wrong``, and what was read."""
    want = _expected(cell.expected)
    try:
        got = parse_periods(cell.text, cell.year, cell.issued)
    except ScheduleError as exc:
        return ("right" if want == "refuse" else "refused"), f"refused ({exc.reason})"
    shown = ";".join(f"{p.start}..{p.end}" for p in got) or "undated"
    if want == "undated":
        return ("right" if not got else "wrong"), shown
    if want == "refuse":
        return "wrong", shown
    return ("right" if _days(got) == want else "wrong"), shown


def test_the_corpus_is_well_formed() -> None:
    cells = _cells()
    assert len(cells) >= 50
    for cell in cells:
        assert cell.text.strip(), f"line {cell.line}: empty text"
        assert 1900 <= cell.year <= 2200, f"line {cell.line}: year {cell.year}"
        want = _expected(cell.expected)
        if isinstance(want, tuple):
            assert all(p.start <= p.end for p in want), f"line {cell.line}: {cell.expected}"


def test_corpus_cells_are_read_right_or_refused(capsys: pytest.CaptureFixture[str]) -> None:
    cells = _cells()
    verdicts = [(cell, *_verdict(cell)) for cell in cells]
    right = sum(v == "right" for _, v, _ in verdicts)
    refused = [(c, got) for c, v, got in verdicts if v == "refused"]
    wrong = [(c, got) for c, v, got in verdicts if v == "wrong"]
    with capsys.disabled():
        print(
            f"\nschedule corpus: {right} of {len(cells)} cells read right "
            f"({right / len(cells):.1%}), {len(refused)} refused, {len(wrong)} wrong"
        )
    assert not wrong, "read wrongly (a guess):\n" + "\n".join(
        f"  line {c.line}: {c.text!r} -> {got}, expected {c.expected}" for c, got in wrong
    )
    assert right / len(cells) >= REQUIRED_RATE, "refused:\n" + "\n".join(
        f"  line {c.line}: {c.text!r} ({got}), expected {c.expected}" for c, got in refused
    )

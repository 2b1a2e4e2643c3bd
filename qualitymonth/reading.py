"""Reading one plan's journal as of a date: from the journal's index in the user cache when
it can answer, else in one pass over the file.  The choice lives here and nowhere else.

A :class:`JournalReader` prints nothing: the journal's bad lines go to ``warn`` once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from qualitymonth.errors import Problem

if TYPE_CHECKING:
    from qualitymonth.journal.events import Event, Latest
    from qualitymonth.journal.index import JournalIndex
    from qualitymonth.plan.loaded import LoadedPlan
    from qualitymonth.report import Report
    from qualitymonth.state import ActivityState

__all__ = ["MAX_WARNINGS", "JournalReader"]

#: Journal problems passed on before "and N more".
MAX_WARNINGS = 20


class JournalReader:
    """The journal of one plan, read as of a date."""

    def __init__(
        self,
        loaded: LoadedPlan,
        journal: Path,
        today: date,
        cache_dir: Path | None,
        warn: Callable[[Problem], None],
    ) -> None:
        self.loaded = loaded
        self.journal = journal
        self.today = today
        self.cache_dir = cache_dir
        self._warn = warn
        self._index: JournalIndex | None = None
        self._indexed = False
        self._warned_journal = False

    def _journal_problems(self, problems: Sequence[Problem], count: int) -> None:
        """Pass the journal's bad lines on once: the first few, then how many more."""
        if self._warned_journal or not count:
            return
        self._warned_journal = True
        for problem in problems[:MAX_WARNINGS]:
            self._warn(problem)
        if count > MAX_WARNINGS:
            more = count - MAX_WARNINGS
            self._warn(Problem(str(self.journal), 0, 0, "journal_more", {"count": more}))

    def events(self, only: Iterable[int] | None = None) -> Iterator[Event]:
        """The journal's good events (of ``only`` those activities), in file order; its bad
        lines are passed on as warnings when the stream ends."""
        from qualitymonth.journal.store import iter_events

        problems: list[Problem] = []
        known = (a.id for a in self.loaded.plan.activities)
        yield from iter_events(self.journal, known, problems, only)
        self._journal_problems(problems, len(problems))

    def index(self, as_of: date) -> JournalIndex | None:
        """The journal's index, when it can answer as of ``as_of``, else ``None``.

        Only for as-of dates from today on: an earlier date usually needs events the index
        does not keep, and the journal is then read once, in full, instead of twice.
        """
        if as_of < self.today:
            return None
        if not self._indexed:
            self._indexed = True
            cache_dir = self.cache_dir
            if cache_dir is not None and _usable(cache_dir):
                from qualitymonth.journal.index_store import load_index

                known = (a.id for a in self.loaded.plan.activities)
                self._index = load_index(self.journal, known, cache_dir)
            if self._index is not None:
                self._journal_problems(self._index.problems, self._index.problem_count)
        index = self._index
        return index if index is not None and index.answers(as_of) else None

    def activity_states(
        self,
        day: date,
        keep: Callable[[Event], bool] | None = None,
        only: Iterable[int] | None = None,
    ) -> list[ActivityState]:
        """Every activity folded as of ``day`` (of ``only`` those, when given), with the
        events ``keep`` accepts as its history: from the journal's index when it answers
        and no history is asked for, else in one pass over the journal."""
        from qualitymonth.journal.index import StaleIndex
        from qualitymonth.state import fold, states_from

        loaded = self.loaded
        index = self.index(day) if keep is None else None
        if index is not None:
            try:
                latest = index.latest_of(only)
            except StaleIndex:  # a damaged cache entry: read the journal instead
                self._index = None
            else:
                return states_from(
                    loaded.plan, loaded.periods, latest, day, only=only, spans=loaded.spans
                )
        states = fold(loaded.plan, loaded.periods, self.events(only), day, keep, loaded.spans)
        if only is None:
            return states
        wanted = set(only)
        return [s for s in states if s.activity.id in wanted]

    def report(
        self,
        day: date,
        ym: tuple[int, int] | None,
        dept: str | None,
        raw_notes: bool,
    ) -> Report:
        """The summary as of ``day``; with ``raw_notes``, notes the index can copy out of the
        journal come as JSON bytes (for the JSON writer) instead of events."""
        from qualitymonth.report import build_report

        from_index = self._report_from_index(day, ym, dept, raw_notes)
        if from_index is not None:
            return from_index
        window = _window(ym)

        def noted(e: Event) -> bool:  # the report lists the notes of its period only
            return bool(e.note) and (window is None or window[0] <= e.date <= window[1])

        states = self.activity_states(day, keep=noted)
        return build_report(self.loaded.plan, states, day, month=ym, dept=dept)

    def _report_from_index(
        self, day: date, ym: tuple[int, int] | None, dept: str | None, raw_notes: bool
    ) -> Report | None:
        from dataclasses import replace

        from qualitymonth.journal.index import StaleIndex
        from qualitymonth.report import build_report

        index = self.index(day)
        if index is None:
            return None
        summary = build_report(
            self.loaded.plan, self.activity_states(day), day, month=ym, dept=dept
        )
        window = _window(ym)
        try:
            chosen = index.notes_of(
                (s.activity.id for s in summary.states),
                window[0] if window else None,
                window[1] if window else None,
            )
            if raw_notes:
                return replace(summary, note_json=index.checked_note_texts(chosen))
            events = index.note_events(chosen)
        except StaleIndex:
            return None
        noted = [
            (s, list(events[s.activity.id])) for s in summary.states if s.activity.id in events
        ]
        return replace(summary, notes=noted)

    def deciding_events(self, ids: list[int], as_of: date) -> dict[int, Latest]:
        """Each activity's deciding events (state.Latest) as of ``as_of``."""
        from qualitymonth.journal.index import StaleIndex
        from qualitymonth.state import latest_events

        index = self.index(as_of)
        if index is not None:
            try:
                return index.latest_of(ids)
            except StaleIndex:
                self._index = None
        return latest_events(self.events(ids), ids, as_of)


def _window(ym: tuple[int, int] | None) -> tuple[date, date] | None:
    if ym is None:
        return None
    from qualitymonth.model import month_period

    span = month_period(*ym)
    return span.start, span.end


def _usable(folder: Path) -> bool:
    """Whether qm may keep a cache in ``folder``: an index that cannot be stored would only
    cost each run its building."""
    import os

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK | os.X_OK)

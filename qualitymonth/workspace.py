"""The application: a plan and its journal, opened with an environment.

Everything a command does is a :class:`Workspace` call first; the CLI only parses options,
calls it and hands the result to a writer.  A workspace prints nothing and reads neither the
clock nor ``os.environ``: "today", the cache folder and the user come in an
:class:`~qualitymonth.env.Environment`.  Warnings (unreadable schedules, bad journal lines)
go to ``on_warning`` as they are found, and are kept in :attr:`Workspace.warnings`.

Two kinds of method:

- the public API (the README's "Use it from Python"): :meth:`states`,
  :meth:`report`, :meth:`agenda`, :meth:`log`, :meth:`show`, :meth:`record` return plain
  values with the fields of the JSON (:mod:`qualitymonth.porcelain`);
- the values behind them (:meth:`activity_states`, :meth:`build_report`, …), which the
  output writers render in every format.

Nothing here assumes one plan per process: a city's roll-up opens one workspace per county
plan and gathers their values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from qualitymonth.env import Environment
from qualitymonth.errors import Problem
from qualitymonth.reading import JournalReader

if TYPE_CHECKING:
    from qualitymonth.forms.collect import Collection
    from qualitymonth.journal.events import Event
    from qualitymonth.model import Plan
    from qualitymonth.plan.loaded import LoadedPlan
    from qualitymonth.query import Role
    from qualitymonth.report import Agenda, Report
    from qualitymonth.state import ActivityState

__all__ = ["Recorded", "Workspace"]

DateLike = date | str | None
MonthLike = int | str | None


class Recorded(NamedTuple):
    """What :meth:`Workspace.record_events` wrote: the events, and the warnings about them."""

    events: list[Event]
    warnings: list[Problem]


class Workspace:
    """One plan and its journal."""

    def __init__(
        self,
        loaded: LoadedPlan,
        journal: Path,
        env: Environment,
        on_warning: Callable[[Problem], None] | None = None,
    ) -> None:
        self.loaded = loaded
        self.journal = journal
        self.env = env
        self.warnings: list[Problem] = []
        self._on_warning = on_warning
        self.reader = JournalReader(loaded, journal, env.today, env.cache_dir, self._warn)
        for problem in loaded.schedule_problems:
            self._warn(problem)
        if loaded.weekday_years:
            years = "、".join(map(str, loaded.weekday_years))
            self._warn(Problem(str(loaded.path), 0, 0, "schedule_weekdays_only", {"years": years}))

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        plan_path: str | Path | None = None,
        journal: str | Path | None = None,
        today: DateLike = None,
        *,
        env: Environment | None = None,
        cwd: Path | None = None,
        on_warning: Callable[[Problem], None] | None = None,
    ) -> Workspace:
        """Open the plan at ``plan_path`` (default: the newest ``data/campaign-*.yaml`` under
        ``cwd``) and its journal (default: ``<plan stem>.journal.jsonl`` beside it).

        ``env`` defaults to a quiet environment with no cache; ``today`` overrides its date.
        Raises :class:`~qualitymonth.errors.PlanError` for a plan that cannot be used.
        """
        from qualitymonth.journal.store import journal_path
        from qualitymonth.plan import find_plan, load_plan

        env = env or Environment(today=date.today())
        if today is not None:
            env = env._replace(today=_as_date(today, env.today))
        explicit = str(plan_path) if plan_path is not None else env.plan
        path = find_plan(explicit, cwd if cwd is not None else Path("."))
        loaded = load_plan(path, env.cache_dir)
        chosen = str(journal) if journal is not None else env.journal
        return cls(loaded, journal_path(path, chosen), env, on_warning)

    @property
    def plan(self) -> Plan:
        return self.loaded.plan

    @property
    def path(self) -> Path:
        return self.loaded.path

    @property
    def today(self) -> date:
        return self.env.today

    def as_of(self, value: DateLike = None) -> date:
        """The as-of date ``value`` means (today when ``None``)."""
        return self.today if value is None else _as_date(value, self.today)

    def month(self, value: MonthLike) -> tuple[int, int] | None:
        """(year, month) of ``--month`` ``value``: 9, "09", "9月", "2023-09"."""
        if value is None:
            return None
        from qualitymonth.dates import parse_month

        return parse_month(str(value), self.loaded.year)

    def department(self, name: str | None) -> str | None:
        """The canonical name of department ``name`` (aliases known); an unknown one is a
        :class:`~qualitymonth.errors.DataError` naming the known ones."""
        if name is None:
            return None
        from qualitymonth.query import resolve_department

        return resolve_department(self.plan, name)

    # ------------------------------------------------------------------ warnings

    def _warn(self, problem: Problem) -> None:
        self.warnings.append(problem)
        if self._on_warning is not None:
            self._on_warning(problem)

    # ------------------------------------------------------------------ reading

    def events(self, only: Iterable[int] | None = None) -> Iterator[Event]:
        """The journal's good events (of ``only`` those activities), in file order."""
        return self.reader.events(only)

    def activity_states(
        self,
        as_of: DateLike = None,
        keep: Callable[[Event], bool] | None = None,
        only: Iterable[int] | None = None,
    ) -> list[ActivityState]:
        """Every activity as of ``as_of`` (of ``only`` those), with the events ``keep``
        accepts as its history (:class:`~qualitymonth.reading.JournalReader`)."""
        return self.reader.activity_states(self.as_of(as_of), keep, only)

    def select(
        self,
        *,
        dept: str | None = None,
        role: Role = "any",
        month: MonthLike = None,
        status: str | None = None,
        search: str | None = None,
        as_of: DateLike = None,
    ) -> list[ActivityState]:
        """The activities that pass every filter, as of ``as_of``: what ``qm list`` shows."""
        from qualitymonth.query import select

        return select(
            self.plan,
            self.activity_states(as_of),
            dept=self.department(dept),
            role=role,
            month=self.month(month),
            status=status,
            search=search,
        )

    def activity(self, ident: int, as_of: DateLike = None) -> ActivityState:
        """One activity with its history (the events dated on or before ``as_of``)."""
        from qualitymonth.query import find_activity, require_activity

        require_activity(self.plan, ident)
        return find_activity(self.activity_states(as_of, keep=lambda e: e.activity == ident), ident)

    def journal_events(self, ident: int | None = None, as_of: DateLike = None) -> list[Event]:
        """The journal's events dated on or before ``as_of`` (of activity ``ident``), in
        fold order; a line merged in twice is one event, as the fold counts it."""
        from qualitymonth.query import require_activity

        day = self.as_of(as_of)
        if ident is not None:
            require_activity(self.plan, ident)
        unique: dict[str, Event] = {}
        for e in self.events(None if ident is None else [ident]):
            if e.date <= day:
                unique.setdefault(e.event, e)
        return sorted(unique.values(), key=lambda e: e.order)

    def build_report(
        self,
        month: MonthLike = None,
        dept: str | None = None,
        as_of: DateLike = None,
        *,
        raw_notes: bool = False,
    ) -> Report:
        """The summary; with ``raw_notes``, notes the index can copy out of the journal come
        as JSON bytes (for the JSON writer) instead of events."""
        return self.reader.report(
            self.as_of(as_of), self.month(month), self.department(dept), raw_notes
        )

    def build_agenda(
        self, days: int = 7, dept: str | None = None, as_of: DateLike = None
    ) -> Agenda:
        from qualitymonth.report import agenda

        day = self.as_of(as_of)
        return agenda(self.plan, self.activity_states(day), day, days, self.department(dept))

    # ------------------------------------------------------------------ the public API

    def states(self, as_of: DateLike = None) -> list[dict[str, Any]]:
        """Every activity as of ``as_of``: the ``qm list --format json`` objects."""
        from qualitymonth.porcelain import activity_json

        return [activity_json(s) for s in self.activity_states(as_of)]

    def report(
        self, month: MonthLike = None, dept: str | None = None, as_of: DateLike = None
    ) -> dict[str, Any]:
        """The summary: the ``qm report --format json`` object."""
        from qualitymonth.porcelain import report_json

        return report_json(self.build_report(month, dept, as_of))

    def agenda(
        self, days: int = 7, dept: str | None = None, as_of: DateLike = None
    ) -> dict[str, Any]:
        """The daily view: the ``qm agenda --format json`` object."""
        from qualitymonth.porcelain import agenda_json

        return agenda_json(self.build_agenda(days, dept, as_of))

    def log(self, ident: int | None = None, as_of: DateLike = None) -> list[dict[str, Any]]:
        """The journal, newest last: the ``qm log --format json`` array."""
        return [e.as_dict() for e in self.journal_events(ident, as_of)]

    def show(self, ident: int, as_of: DateLike = None) -> dict[str, Any]:
        """One activity and its history: the ``qm show --format json`` object."""
        from qualitymonth.porcelain import show_json

        return show_json(self.activity(ident, as_of))

    def record(
        self,
        ids: int | Iterable[int],
        action: str,
        date: DateLike = None,
        note: str | None = None,
        percent: int | None = None,
        by: str = "",
        force: bool = False,
    ) -> list[dict[str, Any]]:
        """Record ``action`` for every activity of ``ids``: all of them, or (if any id is
        unknown or the write is refused) none.  Returns the events written, as the journal
        stores them.  Raises the errors the CLI reports."""
        written = self.record_events(
            [ids] if isinstance(ids, int) else list(ids),
            action,
            when=date,
            note=note,
            percent=percent,
            by=by,
            force=force,
        )
        return [e.as_dict() for e in written.events]

    # ------------------------------------------------------------------ writing

    def record_events(
        self,
        ids: Sequence[int],
        action: str,
        *,
        when: DateLike = None,
        note: str | None = None,
        percent: int | None = None,
        by: str = "",
        force: bool = False,
        on_wait: Callable[[], None] | None = None,
    ) -> Recorded:
        """Check everything first, then append one event per id: all of them, or none.

        The date may be any day up to today (a later one is a usage error); a day before the
        plan's issue date, or more than a year after the campaign year, is written with a
        warning.  A write that would change nothing is refused unless ``force``.
        """
        from qualitymonth.errors import UsageError
        from qualitymonth.journal.events import new_event
        from qualitymonth.journal.store import append_events
        from qualitymonth.query import require_activity
        from qualitymonth.state import check_write

        today = self.today
        day = self.as_of(when) if when is not None else today
        if day > today:
            raise UsageError("date_in_future", date=day.isoformat(), today=today.isoformat())
        for i in ids:
            require_activity(self.plan, i)
        unique = list(dict.fromkeys(ids))
        now = datetime.now().astimezone()
        if not by:
            from qualitymonth.env import login_name

            by = self.env.user or login_name()
        events = [
            new_event(i, action, day, by=by, now=now, percent=percent, note=note) for i in unique
        ]
        if not force:
            latest = self.reader.deciding_events(unique, today)
            for e in events:
                check_write(latest.get(e.activity), e)
        warnings = self._date_warnings(day)
        for w in warnings:
            self._warn(w)
        append_events(self.journal, events, on_wait)
        return Recorded(events, warnings)

    # ------------------------------------------------------------------ progress forms

    @property
    def plan_id(self) -> str:
        """The SHA-256 of the plan file: a progress form carries it, so a form made from
        another plan (or another version of this one) is refused."""
        from qualitymonth.forms.layout import plan_id_of
        from qualitymonth.plan import read_bytes

        return plan_id_of(read_bytes(self.path))

    def form_documents(
        self, dept: str | None = None, as_of: DateLike = None
    ) -> list[dict[str, Any]]:
        """The progress form of department ``dept`` (of every department with activities
        when ``None``), as documents for :func:`qualitymonth.forms.write.render_form`."""
        from qualitymonth.forms.write import form_document
        from qualitymonth.porcelain import activity_json, campaign_json

        day = self.as_of(as_of)
        activities = [activity_json(s) for s in self.activity_states(day)]
        names = [n] if (n := self.department(dept)) else self.plan.department_names()
        campaign, plan_id = campaign_json(self.plan.campaign), self.plan_id  # read the plan once
        docs = [
            form_document(
                campaign=campaign,
                plan_id=plan_id,
                department=name,
                as_of=day.isoformat(),
                activities=activities,
                canonical=self.plan.canonical(),
            )
            for name in names
        ]
        return [d for d in docs if d["activities"] or dept is not None]

    def collect(
        self, paths: Sequence[Path], *, on_wait: Callable[[], None] | None = None
    ) -> Collection:
        """Read filled progress forms and append what they report: each file all or
        nothing, and nothing a form (or a copy of it) reported before."""
        from qualitymonth.forms.collect import collect_forms
        from qualitymonth.journal.store import append_events
        from qualitymonth.porcelain import activity_json

        activities = [activity_json(s) for s in self.activity_states(self.today)]
        result = collect_forms(
            paths,
            plan_id=self.plan_id,
            activities=activities,
            department_of=self.plan.canonical(),
            existing_ids={e.event for e in self.events()},
            today=self.today,
            now=datetime.now().astimezone(),
        )
        new = result.to_append()
        if new:
            append_events(self.journal, new, on_wait)
        return result

    def _date_warnings(self, day: date) -> list[Problem]:
        campaign = self.plan.campaign
        shown = str(self.path)
        if campaign.issued is not None and day < campaign.issued:
            return [
                Problem(shown, 0, 0, "date_before_issue", {"date": day, "issued": campaign.issued})
            ]
        if day.year > campaign.year + 1:
            return [
                Problem(shown, 0, 0, "date_after_campaign", {"date": day, "year": campaign.year})
            ]
        return []


def _as_date(value: date | str, today: date) -> date:
    if isinstance(value, date):
        return value
    from qualitymonth.dates import parse_date

    return parse_date(value, today)


def _window(ym: tuple[int, int] | None) -> tuple[date, date] | None:
    if ym is None:
        return None
    from qualitymonth.model import month_period

    span = month_period(*ym)
    return span.start, span.end

"""The values reading a form yields: its identity, its proposals, its problems.

Kept apart from :mod:`~qualitymonth.forms.read` (the workbook) and
:mod:`~qualitymonth.forms.rows` (the rows) because both make them; import them from
``qualitymonth.forms.read``, where they are public.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from qualitymonth.forms.layout import SHEET
from qualitymonth.i18n import Lang, t
from qualitymonth.journal.events import Event

__all__ = ["Collected", "FormIdentity", "FormProblem", "Proposal"]


@dataclass(frozen=True)
class FormProblem:
    """Why a form (``cell`` None) or one of its cells cannot be taken."""

    file: str
    cell: str | None
    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    sheet: str = SHEET

    def message(self, lang: Lang = "zh") -> str:
        return t(self.key, lang, **self.params)

    def format(self, lang: Lang = "zh") -> str:
        """``FILE:填报!CELL: message``, or ``FILE: message`` for the whole file."""
        where = self.file if self.cell is None else f"{self.file}:{self.sheet}!{self.cell}"
        return f"{where}: {self.message(lang)}"


@dataclass(frozen=True)
class FormIdentity:
    """What a form says it is: which plan, which department, which form."""

    form_version: int
    form_id: str
    plan_id: str
    doc_no: str
    campaign: str
    department: str
    as_of: str


@dataclass(frozen=True)
class Proposal:
    """One filled row, as the journal event it would become."""

    event: str
    activity: int
    action: str
    date: date
    by: str
    percent: int | None
    note: str | None
    #: The form file's name (the journal's ``source`` key) and the form's id (``form``).
    source: str
    form: str
    #: Where the row is: its 序号 cell (``A7``).
    cell: str

    def to_event(self, now: datetime) -> Event:
        """The journal event, recorded at ``now`` (an aware datetime), made by the journal's
        own :func:`~qualitymonth.journal.events.new_event`, which holds the rules."""
        from qualitymonth.journal.events import new_event

        return new_event(
            self.activity,
            self.action,
            self.date,
            by=self.by,
            now=now,
            percent=self.percent,
            note=self.note,
            event_id=self.event,
            extra={"source": self.source, "form": self.form},
        )


@dataclass
class Collected:
    """What one form proposes, and what is wrong with it (nothing is proposed then)."""

    path: Path
    identity: FormIdentity | None = None
    proposals: list[Proposal] = field(default_factory=list)
    problems: list[FormProblem] = field(default_factory=list)
    #: Filled rows seen (rows with nothing to report are not counted).
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

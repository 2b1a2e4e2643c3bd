"""Several filled forms -> the events the journal does not have yet, and what to say about it.

``collect_forms`` reads each file (nothing is written) and splits what it proposes into the
events to append (``new``) and those the journal, or an earlier file of the same call,
already has (``already``): event ids come from the form and the row's content, so the same
file twice, or a copy of it under another name, adds nothing the second time.  A file with
any problem gives no events at all; the others are still taken.

The caller appends ``Collection.to_append()`` with ``journal.append_events`` (one write, all
or nothing), prints ``summary_lines`` on stdout and ``problem_lines`` on stderr.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from qualitymonth.forms.layout import plain_text
from qualitymonth.forms.read import Collected, FormProblem, read_form
from qualitymonth.i18n import Lang, t
from qualitymonth.journal.events import Event

__all__ = ["Collection", "FileResult", "collect_forms", "problem_lines", "summary_lines"]


@dataclass
class FileResult:
    """One form: what it would add, what was had already, or why it is refused."""

    path: Path
    read: Collected
    new: list[Event] = field(default_factory=list)
    already: list[Event] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.read.ok

    @property
    def problems(self) -> list[FormProblem]:
        return self.read.problems

    @property
    def department(self) -> str:
        return self.read.identity.department if self.read.identity else ""

    def by_activity(self) -> dict[int, tuple[list[Event], list[Event]]]:
        """Activity id -> (its new events, its events had already), in form order."""
        out: dict[int, tuple[list[Event], list[Event]]] = {}
        for e in self.new:
            out.setdefault(e.activity, ([], []))[0].append(e)
        for e in self.already:
            out.setdefault(e.activity, ([], []))[1].append(e)
        return out


@dataclass
class Collection:
    """Every file of one ``qm collect``, in the order given."""

    files: list[FileResult] = field(default_factory=list)

    def to_append(self) -> list[Event]:
        """The new events of every accepted file, in file and row order."""
        return [e for f in self.files for e in f.new]

    @property
    def new(self) -> int:
        return sum(len(f.new) for f in self.files)

    @property
    def already(self) -> int:
        return sum(len(f.already) for f in self.files)

    @property
    def refused(self) -> int:
        return sum(1 for f in self.files if not f.ok)


def collect_forms(
    paths: Sequence[Path],
    *,
    plan_id: str,
    activities: Sequence[Mapping[str, Any]],
    department_of: Mapping[str, str] | None = None,
    existing_ids: Set[str],
    today: date,
    now: datetime,
) -> Collection:
    """Read ``paths`` and sort their events into new and already had.

    ``existing_ids`` are the event ids the journal holds; ``now`` (aware) is the
    ``recorded_at`` of the new events.  Reads files, writes nothing.
    """
    seen: set[str] = set()
    out = Collection()
    for path in paths:
        read = read_form(
            path, plan_id=plan_id, activities=activities, department_of=department_of, today=today
        )
        result = FileResult(path, read)
        for proposal in read.proposals:
            event = proposal.to_event(now)
            if proposal.event in existing_ids or proposal.event in seen:
                result.already.append(event)
            else:
                result.new.append(event)
                seen.add(proposal.event)
        out.files.append(result)
    return out


def _what(e: Event, lang: Lang) -> str:
    day = e.date.isoformat()
    if e.action == "progress":
        return t("collect_progress", lang, percent=e.percent, date=day)
    return t(f"collect_{e.action}", lang, date=day)


def _short(text: str, limit: int = 24) -> str:
    line = plain_text(text, one_line=True)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def summary_lines(
    collection: Collection, activities: Sequence[Mapping[str, Any]], lang: Lang = "zh"
) -> list[str]:
    """What ``qm collect`` prints on stdout: per file, per activity, then the totals."""
    themes = {a.get("id"): str(a.get("theme") or "") for a in activities}
    lines: list[str] = []
    for f in collection.files:
        name = f.path.name
        if not f.ok:
            lines.append(t("collect_file_refused", lang, file=name, count=len(f.problems)))
            continue
        if not f.new and not f.already:
            lines.append(t("collect_file_empty", lang, file=name, department=f.department))
            continue
        lines.append(
            t(
                "collect_file", lang, file=name, department=f.department,
                new=len(f.new), old=len(f.already),
            )
        )  # fmt: skip
        for ident, (new, old) in sorted(f.by_activity().items()):
            theme = _short(themes.get(ident, ""))
            for e, had in [(e, False) for e in new] + [(e, True) for e in old]:
                already = t("collect_already", lang) if had else ""
                what = _what(e, lang)
                lines.append(
                    t("collect_row", lang, id=ident, theme=theme, what=what, already=already)
                )
    lines.append(
        t(
            "collect_total", lang, files=len(collection.files), new=collection.new,
            old=collection.already, refused=collection.refused,
        )
    )  # fmt: skip
    return lines


#: Problems shown per file; a form wrong on every row says so without a thousand lines.
MAX_PROBLEMS_SHOWN = 50


def problem_lines(collection: Collection, lang: Lang = "zh") -> list[str]:
    """What ``qm collect`` prints on stderr: the problems, ``FILE:填报!CELL: message``, at
    most ``MAX_PROBLEMS_SHOWN`` a file, then how many more there are."""
    lines: list[str] = []
    for f in collection.files:
        lines += [p.format(lang) for p in f.problems[:MAX_PROBLEMS_SHOWN]]
        more = len(f.problems) - MAX_PROBLEMS_SHOWN
        if more > 0:
            lines.append(t("collect_more_problems", lang, file=f.path.name, count=more))
    return lines

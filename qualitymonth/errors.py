"""One exception hierarchy.  Each class knows its exit code; each instance its message.

Messages are keys into :mod:`qualitymonth.i18n` with parameters, so the CLI can say them in
Chinese or English.  ``str(error)`` is the English sentence, for scripts and logs.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from types import MappingProxyType
from typing import ClassVar, NamedTuple

from qualitymonth.i18n import Lang, t


class ExitStatus(IntEnum):
    """How ``qm`` ends: the codes of the README's "Exit codes"."""

    OK = 0
    #: A data problem: an invalid plan, an unknown activity or department, a refused write.
    DATA = 1
    #: A usage problem: a bad option value (the code click uses for its own usage errors).
    USAGE = 2
    #: A bug: one sentence asking for a report (sysexits' EX_SOFTWARE).
    INTERNAL = 70
    #: Interrupted by Ctrl-C (128 + SIGINT).
    INTERRUPTED = 130


class QmError(Exception):
    """A problem the user can fix.  Never a bug: those are not caught as QmError."""

    exit_code: ClassVar[int] = ExitStatus.DATA

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self, lang: Lang = "en") -> str:
        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")


class DataError(QmError):
    """Exit 1: invalid plan, unknown activity or department, unreadable file."""

    exit_code = ExitStatus.DATA


class UsageError(QmError):
    """Exit 2: a bad option value (the same code click uses for its own usage errors)."""

    exit_code = ExitStatus.USAGE


class Problem(NamedTuple):
    """One finding in a file, located as ``file:line:col`` (1-based; 0 when unknown).

    (A named tuple: this module is on every run's path, and a frozen dataclass costs seven
    times as much to define.)"""

    path: str
    line: int
    col: int
    key: str
    params: Mapping[str, object] = MappingProxyType({})
    #: The activity the problem is in, when the message does not name it already.
    activity: int | None = None

    def message(self, lang: Lang = "en") -> str:
        text = t(self.key, lang, **self.params)
        return text if self.activity is None else t("in_activity", lang, id=self.activity) + text

    def format(self, lang: Lang = "en") -> str:
        if self.line == 0:
            where = self.path
        elif self.col == 0:
            where = f"{self.path}:{self.line}"
        else:
            where = f"{self.path}:{self.line}:{self.col}"
        return f"{where}: {self.message(lang)}"


class PlanError(DataError):
    """A plan that cannot be used: every structural problem found, in file order."""

    def __init__(
        self, problems: list[Problem], schedule_problems: list[Problem] | None = None
    ) -> None:
        self.problems = sorted(problems, key=lambda p: (p.line, p.col))
        #: Unreadable schedules found beside the structural problems (``validate`` shows them).
        self.schedule_problems = schedule_problems or []
        super().__init__("plan_invalid", count=len(problems))

    def message(self, lang: Lang = "en") -> str:
        return "\n".join(p.format(lang) for p in self.problems)

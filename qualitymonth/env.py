"""The environment a run of qm works in: today, the user, the cache folder, the language, the
terminal, and the ``QM_*`` variables, read in this one place.

The library never reads ``os.environ`` or the clock itself: a :class:`Environment` is passed
in (``Environment.from_os()`` for a real run; tests and scripts build their own).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import NamedTuple

from qualitymonth.i18n import Lang

__all__ = ["Environment", "login_name"]


class Environment(NamedTuple):
    """Everything a run needs from outside the plan and its journal.

    Immutable: ``env._replace(today=...)`` gives another.  (A named tuple rather than a
    frozen dataclass: it is defined on every run, and costs a sixth as much to define.)
    """

    #: "Today": ``QM_TODAY`` when set, else the local date.
    today: date
    #: The user cache folder, or ``None`` when caching is off (``QM_NO_CACHE``).
    cache_dir: Path | None = None
    #: Who records: ``QM_USER`` (else :func:`login_name`, asked only when a write needs it).
    user: str = ""
    lang: Lang = "zh"
    #: Columns of the terminal (``COLUMNS`` wins; 80 in a pipe), and whether to colour.
    width: int = 80
    colour: bool = False
    #: ``QM_PLAN`` and ``QM_JOURNAL``.
    plan: str | None = None
    journal: str | None = None
    #: ``QM_DEBUG=1``: show the traceback of an internal error.
    debug: bool = False

    @classmethod
    def from_os(
        cls, environ: Mapping[str, str] | None = None, *, isatty: bool | None = None
    ) -> Environment:
        """The environment of this process (``environ`` instead of ``os.environ``).

        Raises :class:`~qualitymonth.errors.UsageError` for an unreadable ``QM_TODAY``.
        """
        env = os.environ if environ is None else environ
        import shutil

        from qualitymonth.cache import default_cache_dir

        width = shutil.get_terminal_size((80, 24)).columns
        tty = sys.stdout.isatty() if isatty is None else isatty
        return cls(
            today=_today(env),
            cache_dir=default_cache_dir(env, Path.home()),
            user=_user(env),
            lang="en" if env.get("QM_LANG", "").strip().lower() == "en" else "zh",
            width=width,
            colour=_colour(env, tty),
            plan=env.get("QM_PLAN") or None,
            journal=env.get("QM_JOURNAL") or None,
            debug=env.get("QM_DEBUG") == "1",
        )


def _today(env: Mapping[str, str]) -> date:
    raw = env.get("QM_TODAY", "").strip()
    if not raw:
        return date.today()
    from qualitymonth.dates import parse_date
    from qualitymonth.errors import QmError, UsageError

    real = date.today()
    try:
        return parse_date(raw, real)
    except QmError as exc:
        raise UsageError("bad_env", name="QM_TODAY", detail=exc.message()) from None


def _user(env: Mapping[str, str]) -> str:
    return env.get("QM_USER", "").strip()


def login_name() -> str:
    """The login name, or "" where there is none (a bare container, a service)."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def _colour(env: Mapping[str, str], tty: bool) -> bool:
    """Colour on a terminal, unless ``NO_COLOR`` or ``TERM=dumb``; always with
    ``FORCE_COLOR``.  On Windows only where the console is known to read colour codes."""
    if env.get("FORCE_COLOR"):
        return True
    tty = tty and not env.get("NO_COLOR") and env.get("TERM") != "dumb"
    if sys.platform == "win32":
        tty = tty and bool(env.get("WT_SESSION") or env.get("TERM"))
    return tty

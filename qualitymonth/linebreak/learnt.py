"""The memo: what line breaking learnt in one run, kept in the user cache for the next.

Representatives of characters, UAX #14 answers for pieces, and finished lines: with them a
table whose texts and widths were seen before is laid out by dictionary look-ups, without
loading ``uniseg`` (about 40 ms) or compiling the rules' patterns (about 3 ms).  The caller
reads and writes the file (:mod:`qualitymonth.output.table`, the CLI); this module only turns
what is known into JSON-ready data and back.
"""

from __future__ import annotations

from itertools import islice
from typing import Any

from qualitymonth.linebreak.chars import _RULES, _UAX_TABLE
from qualitymonth.linebreak.fit import _LEAST, _LINES
from qualitymonth.linebreak.uax import _UAX

_FORMAT = 2
#: The finished answers kept at most (the most recently used): enough for the tables of a few
#: plans at a few widths, small enough to read in about a millisecond.
KEEP_ANSWERS = 2000


def memo() -> dict[str, Any]:
    """What this process has learnt, as JSON-ready data; :func:`load_memo` takes it back."""
    return {
        "format": _FORMAT,
        "versions": _versions(),
        "rules": {str(code): rep for code, rep in _RULES.items()},
        "uax_table": {str(code): rep for code, rep in _UAX_TABLE.items()},
        "uax": _UAX,
        "lines": [
            [canon, width, [list(line) for line in lines]]
            for (canon, width), lines in _newest(_LINES.items())
        ],
        "least": dict(_newest(_LEAST.items())),
    }


def load_memo(data: Any) -> bool:
    """Take back what :func:`memo` gave, when it was made by the same line breaking with the
    same ``uniseg`` and ``rich`` (else ignore it).  Whether it was taken."""
    try:
        if data.get("format") != _FORMAT or data.get("versions") != _versions():
            return False
        rules = {int(code): str(rep) for code, rep in data["rules"].items()}
        table = {int(code): str(rep) for code, rep in data["uax_table"].items()}
        uax = {str(k): [int(f) for f in v] for k, v in data["uax"].items()}
        lines = {
            (str(canon), int(width)): [(int(s), int(e), int(c)) for s, e, c in found]
            for canon, width, found in data["lines"]
        }
        least = {str(canon): int(w) for canon, w in data["least"].items()}
    except (AttributeError, KeyError, TypeError, ValueError):
        return False
    _RULES.update(rules)
    _UAX_TABLE.update(table)
    _UAX.update(uax)
    _LINES.update(lines)
    _LEAST.update(least)
    return True


def memo_size() -> int:
    """How much has been learnt (to tell whether a memo is worth storing again)."""
    return len(_RULES) + len(_UAX_TABLE) + len(_UAX) + len(_LINES) + len(_LEAST)


def _newest(items: Any) -> Any:
    """The last :data:`KEEP_ANSWERS` of ``items`` (a dict's, least recently used first: a
    hit moves an answer to the end, see :mod:`.fit`)."""
    items = list(items)
    return islice(items, max(0, len(items) - KEEP_ANSWERS), None)


def _versions() -> list[str]:
    """What the memo's answers depend on: qm's version and the files of ``uniseg``,
    ``rich.cells`` and this package's rules (found without importing anything; a file that
    cannot be read, as in an install of bytecode alone, counts as unknown)."""
    import importlib.util
    import os

    from qualitymonth.version import __version__

    found = [f"qm:{__version__}"]
    for name in ("uniseg", "rich", "qualitymonth.linebreak"):
        spec = importlib.util.find_spec(name)
        origins = [spec.origin] if spec is not None and spec.origin else []
        if name == "qualitymonth.linebreak" and origins:
            folder = os.path.dirname(origins[0])
            origins = [os.path.join(folder, f) for f in ("chars.py", "fit.py", "uax.py")]
        if not origins:
            found.append(f"{name}:-")
        for origin in origins:
            try:
                stat = os.stat(origin)
            except OSError:
                found.append(f"{name}:{origin}:-")
                continue
            found.append(f"{name}:{origin}:{stat.st_size}:{stat.st_mtime_ns}")
    return found

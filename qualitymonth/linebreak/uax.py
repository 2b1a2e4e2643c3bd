"""UAX #14 break opportunities, worked out by short cached pieces, and the memo that keeps
what was learnt between runs (so most runs need not load ``uniseg``)."""

from __future__ import annotations

from typing import Any

from qualitymonth.linebreak.chars import _RULES, _SPLIT, _UAX_TABLE, _uniseg

_UAX: dict[str, list[int]] = {}


def _uax14(text: str) -> list[int]:
    """``uniseg``'s break opportunities: item i is 1 where a line may break before text[i]."""
    flags = _UAX.get(text)
    if flags is None:
        flags = _UAX[text] = list(_uniseg("linebreak").line_break_breakables(text))
    return flags


def opportunities(text: str) -> list[int]:
    """UAX #14 break opportunities of ``text``, as ``uniseg`` gives them (item i is 1 where a
    line may break before text[i]), for a few dictionary look-ups a character.

    Each character is replaced by a representative with the same properties (all Han
    characters by 丁), and the text is cut into pieces: between two Han characters (and
    after a space between two Latin words) the answer is always "break" and no rule of
    UAX #14 looks across, so each piece is worked out with one character of context on each
    side, and cached.  ``tests/test_linebreak.py`` holds this to ``uniseg`` on whole texts.
    """
    canon = text.translate(_UAX_TABLE)
    n = len(canon)
    flags: list[int] = []
    start = 0
    for m in (*_SPLIT.finditer(canon), None):
        end = n if m is None else m.start()
        lo, hi = max(0, start - 1), min(n, end + 1)
        part = _uax14(canon[lo:hi])[start - lo : end - lo]
        if start:
            part[0] = 1
        flags += part
        start = end
    return flags


# --------------------------------------------------------------------------- the memo

_MEMO_FORMAT = 1


def memo() -> dict[str, Any]:
    """What this process has learnt of characters and pieces, as JSON-ready data: kept in the
    user cache between runs, it spares a table most runs the loading of ``uniseg`` (about
    40 ms), which the answers were computed with.  ``load_memo`` takes it back."""
    return {
        "format": _MEMO_FORMAT,
        "versions": _versions(),
        "rules": {str(code): rep for code, rep in _RULES.items()},
        "uax_table": {str(code): rep for code, rep in _UAX_TABLE.items()},
        "uax": _UAX,
    }


def load_memo(data: Any) -> bool:
    """Take back what :func:`memo` gave, when it was made with the same ``uniseg`` and
    ``rich`` (else ignore it).  Whether it was taken."""
    try:
        if data.get("format") != _MEMO_FORMAT or data.get("versions") != _versions():
            return False
        rules = {int(code): str(rep) for code, rep in data["rules"].items()}
        table = {int(code): str(rep) for code, rep in data["uax_table"].items()}
        uax = {str(k): [int(f) for f in v] for k, v in data["uax"].items()}
    except (AttributeError, KeyError, TypeError, ValueError):
        return False
    _RULES.update(rules)
    _UAX_TABLE.update(table)
    _UAX.update(uax)
    return True


def memo_size() -> int:
    """How much has been learnt (to tell whether a memo is worth storing again)."""
    return len(_RULES) + len(_UAX_TABLE) + len(_UAX)


def _versions() -> list[str]:
    """What the memo's answers depend on: the files of ``uniseg`` and ``rich.cells`` (found
    without importing them)."""
    import importlib.util
    import os

    found = []
    for name in ("uniseg", "rich"):
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin is None:
            found.append(f"{name}:-")
            continue
        stat = os.stat(origin)
        found.append(f"{name}:{origin}:{stat.st_size}:{stat.st_mtime_ns}")
    return found

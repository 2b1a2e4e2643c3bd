"""UAX #14 break opportunities, worked out by short cached pieces."""

from __future__ import annotations

from qualitymonth.linebreak.chars import _UAX_TABLE, _uniseg, pattern

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
    for m in (*pattern("split").finditer(canon), None):
        end = n if m is None else m.start()
        lo, hi = max(0, start - 1), min(n, end + 1)
        part = _uax14(canon[lo:hi])[start - lo : end - lo]
        if start:
            part[0] = 1
        flags += part
        start = end
    return flags

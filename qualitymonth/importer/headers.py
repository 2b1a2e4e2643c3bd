"""Column names as offices write them, in one table, and how a header row is recognised.

A header cell is compared after NFKC, without whitespace and case (序 号, 完成\\n时限, ID), and
when that fails, once more without a bracketed note or a marker (完成时限（截止时间）, 牵头单位*).
``--map 列名=field`` adds names for one import.

The names themselves are :data:`qualitymonth.fields.SYNONYMS`, beside the plan's own keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from qualitymonth.errors import UsageError
from qualitymonth.fields import SYNONYMS

__all__ = [
    "FIELDS",
    "HEADERS",
    "REQUIRED",
    "Header",
    "field_of",
    "header_key",
    "match_header",
    "parse_mapping",
]

#: The plan keys a column can fill, in the order a plan lists them; ``ignore`` drops a column.
FIELDS = ("id", "theme", "content", "schedule", "lead", "assist", "remark")
IGNORE = "ignore"
#: A plan cannot be made without these.
REQUIRED = ("theme", "schedule", "lead")


_SPACE = re.compile(r"\s+")
#: Longer than any header cell offices write (a name with a bracketed note and line breaks).
_LONGEST = 40
_NOTE = re.compile(r"[(\[（【〔][^)\]）】〕]*[)\]）】〕]|[*＊※:：]")


def header_key(cell: str) -> str:
    """A header cell as it is compared: NFKC, no whitespace, casefolded."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", cell)).casefold()


#: Every known name (as its key) -> its field.
HEADERS: dict[str, str] = {
    header_key(name): field for field, names in SYNONYMS.items() for name in names
}


def field_of(cell: str, extra: Mapping[str, str]) -> str | None:
    """The field a header cell names, or None."""
    key = header_key(cell)
    if not key:
        return None
    found = extra.get(key) or HEADERS.get(key)
    if found is None:
        bare = _NOTE.sub("", key)
        found = (extra.get(bare) or HEADERS.get(bare)) if bare else None
    return found


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """``--map 列名=field`` options as {header key: field}; a field may be named by any of its
    column names (``--map 主责处室=牵头部门``) or ``ignore``.  A bad item is a usage error."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, target = item.partition("=")
        if not sep or not name.strip() or not target.strip():
            raise UsageError("import_bad_map", item=item, fields=", ".join((*FIELDS, IGNORE)))
        wanted = header_key(target)
        field = wanted if wanted in (*FIELDS, IGNORE) else HEADERS.get(wanted)
        if field is None:
            raise UsageError("import_bad_map", item=item, fields=", ".join((*FIELDS, IGNORE)))
        out[header_key(name)] = field
    return out


class Header:
    """A recognised header row: the field of each column (``None``: not recognised)."""

    def __init__(self, cells: Sequence[str], extra: Mapping[str, str]) -> None:
        self.names = [" ".join(c.split()) for c in cells]
        self.fields = [field_of(c, extra) for c in cells]

    def unknown(self) -> list[str]:
        """Named columns that fill no field."""
        return [n for n, f in zip(self.names, self.fields, strict=True) if n and f is None]

    def missing(self) -> list[str]:
        """Required fields no column fills."""
        return [f for f in REQUIRED if f not in self.fields]

    def repeats_in(self, cells: Sequence[str], extra: Mapping[str, str]) -> bool:
        """Whether ``cells`` is this header again (as at the top of every page)."""
        if any(len(c) > _LONGEST for c in cells):  # most rows: a cell no header name fills
            return False
        hits = 0
        for i, cell in enumerate(cells):
            if not cell.strip():
                continue
            if i >= len(self.fields):
                return False
            if header_key(cell) != header_key(self.names[i]):
                field = field_of(cell, extra)
                if field is None or self.fields[i] != field:
                    return False
            hits += 1
        return hits >= 2


def match_header(cells: Sequence[str], extra: Mapping[str, str]) -> Header | None:
    """The header, when ``cells`` names at least two different fields and nothing else
    but blank or unknown columns: one known name in a row of text is not a header."""
    fields = {f for f in (field_of(c, extra) for c in cells) if f and f != IGNORE}
    if len(fields) < 2 or not fields & {"theme", "content", "lead", "schedule"}:
        return None
    return Header(cells, extra)

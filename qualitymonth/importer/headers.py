"""Column names as offices write them, in one table, and how a header row is recognised.

A header cell is compared after NFKC, without whitespace and case (序 号, 完成\\n时限, ID), and
when that fails, once more without a bracketed note or a marker (完成时限（截止时间）, 牵头单位*).
``--map 列名=field`` adds names for one import.

The plan's own field names (``model.ACTIVITY_ALIASES``: 序号, 活动主题…) are a subset of this
table; it is kept here because only the importer reads foreign tables.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from qualitymonth.errors import UsageError

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

#: Field -> the names offices give its column (Chinese notices of several kinds, and English).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("序号", "编号", "序", "号", "顺序号", "id", "no", "no.", "#", "number", "item no."),
    "theme": (
        "活动主题", "活动名称", "活动项目", "活动", "主题", "工作任务", "工作事项", "任务名称",
        "任务", "事项", "项目", "项目名称", "工作项目", "重点任务", "重点工作", "主要任务",
        "具体任务", "工作重点", "名称", "工作名称", "活动题目",
        "theme", "title", "task", "activity", "item", "name", "topic",
    ),
    "content": (
        "活动内容", "工作内容", "具体内容", "主要内容", "内容", "工作措施", "具体措施",
        "主要措施", "工作举措", "具体举措", "任务内容", "实施内容", "活动形式", "工作要求",
        "具体工作", "内容及要求", "主要内容及措施", "活动内容及形式",
        "content", "contents", "description", "details", "measures",
    ),
    "schedule": (
        "时间安排", "完成时限", "时间节点", "完成时间", "活动时间", "时间", "时限", "时间进度",
        "进度安排", "完成期限", "截止时间", "实施时间", "开展时间", "起止时间", "时间要求",
        "时限要求", "日期", "活动日期", "工作时限", "办结时限",
        "schedule", "time", "timing", "deadline", "due", "date", "dates", "when", "timeline",
    ),
    "lead": (
        "牵头部门", "牵头单位", "牵头科室", "牵头处室", "责任单位", "责任部门", "责任科室",
        "责任处室", "主办单位", "主办部门", "承办单位", "承办部门", "负责单位", "负责部门",
        "主责单位", "主责部门", "牵头", "责任主体", "牵头责任单位", "牵头负责单位",
        "组织单位", "牵头领导单位",
        "lead", "lead department", "lead unit", "responsible", "responsible unit",
        "responsible department", "owner", "organizer", "organiser",
    ),
    "assist": (
        "协办单位", "协办部门", "协办科室", "配合单位", "配合部门", "配合科室", "参与单位",
        "参与部门", "协助单位", "协助部门", "参加单位", "配合", "协办", "配合责任单位",
        "协同单位", "协同部门",
        "assist", "assisting", "co-organizer", "co-organizers", "co-organiser",
        "co-organisers", "supporting units", "support", "partners",
    ),
    "remark": (
        "备注", "说明", "备注说明", "附注",
        "remark", "remarks", "note", "notes", "comment", "comments",
    ),
}  # fmt: skip

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

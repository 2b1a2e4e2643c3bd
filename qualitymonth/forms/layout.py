"""What the writer and the reader of a progress form agree on: sheet names, columns, words.

Pure constants and small text helpers; no openpyxl.
"""

from __future__ import annotations

import hashlib
import importlib
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

__all__ = [
    "COLUMNS",
    "FILL_COLUMNS",
    "FORM_VERSION",
    "ID_SHEET",
    "MAX_BY_CHARS",
    "SHEET",
    "STATUS_WORDS",
    "form_filename",
    "form_id_of",
    "plain_text",
    "plan_id_of",
]

#: Bumped when the layout changes in a way an older reader could misread.
FORM_VERSION = 1
SHEET = "填报"
GUIDE_SHEET = "说明"
#: The very hidden sheet holding the form's identity (key in A, value in B).
ID_SHEET = "qm_form"
#: Custom document properties carry the same identity, under these names.
PROP_PREFIX = "qm."
ID_KEYS = ("form_version", "form_id", "plan_id", "doc_no", "campaign", "department", "as_of")

#: The columns of sheet 填报, in order: (header, locked?).
COLUMNS: tuple[tuple[str, bool], ...] = (
    ("序号", True),
    ("活动主题", True),
    ("时间安排", True),
    ("牵头部门", True),
    ("已记录进展", True),
    ("状态", False),
    ("完成进度", False),
    ("日期", False),
    ("进展情况", False),
    ("填报人", False),
)
FILL_COLUMNS = tuple(name for name, locked in COLUMNS if not locked)
TITLE_ROW, INFO_ROW, HEADER_ROW = 1, 2, 3
FIRST_ROW = HEADER_ROW + 1

#: 状态 words -> the journal's status values.
STATUS_WORDS: dict[str, str] = {"未开始": "todo", "进行中": "doing", "已完成": "done"}
STATUS_LABELS = {v: k for k, v in STATUS_WORDS.items()}
MAX_BY_CHARS = 50

_DROP = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]"
)


def plain_text(value: str, *, one_line: bool = False) -> str:
    """Text as a cell may hold it: control characters (and bidi overrides) dropped, line ends
    as ``\\n`` (or spaces with ``one_line``), outer spaces stripped."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _DROP.sub("", text)
    if one_line:
        text = " ".join(text.split())
    return text.strip()


def header_key(value: str) -> str:
    """A header cell as compared: NFKC, no spaces, a trailing bracketed remark dropped
    (完成进度（%） and 完成进度(0-100) are 完成进度)."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
    return re.sub(r"\([^()]*\)$", "", text)


def plan_id_of(plan_bytes: bytes) -> str:
    """A plan's identity: the SHA-256 of its file's bytes, in hex."""
    return hashlib.sha256(plan_bytes).hexdigest()


def form_id_of(plan_id: str, department: str, as_of: str) -> str:
    """The default id of a form: the same plan, department and day give the same form."""
    seed = "\x1f".join(("qm-form", plan_id, department, as_of))
    return hashlib.sha256(seed.encode()).hexdigest()[:32]


_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def form_filename(department: str) -> str:
    """``进展-质量科.xlsx``: a file name every system accepts, from a department's name."""
    name = _UNSAFE_NAME.sub("_", plain_text(department, one_line=True)).strip(" .") or "部门"
    return f"进展-{name}.xlsx"


def involved(activity: Mapping[str, object], department: str, canon: Mapping[str, str]) -> bool:
    """Whether ``department`` (canonical) leads or assists ``activity`` (a JSON activity)."""
    lead = activity.get("lead")
    assist = activity.get("assist") or []
    names = [lead, *assist] if isinstance(assist, list) else [lead]
    return any(
        isinstance(n, str) and dept_key(canon.get(n, n)) == dept_key(department) for n in names
    )


@lru_cache(maxsize=4096)
def dept_key(name: str) -> str:
    """Department names compare after NFKC, with full- and half-width brackets alike."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def xl(module: str = "openpyxl") -> Any:
    """An openpyxl module, imported when a form is written or read (it ships no types).

    Raises :class:`DataError` naming the package to install when openpyxl is missing.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        from qualitymonth.errors import DataError

        raise DataError("form_needs_package", package="openpyxl") from None

"""The imported plan as YAML in the style of data/campaign-2023.yaml, or as plain data.

Whatever a cell holds, the YAML reads back as the same text: a value is written plain only
when it starts with a non-ASCII character and holds nothing YAML could take for syntax (no
ASCII ``: # , [ ] { }``, no line break, no character YAML must escape); anything else is
double-quoted with escapes.  Deciding is a scan of the text, not a parse, so a 5,000-row table
is written in milliseconds.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from qualitymonth.importer.build import Imported

__all__ = ["plan_json", "plan_yaml", "scalar"]

#: Characters a YAML stream may hold as they are (PyYAML's reader), minus line breaks and tabs.
_UNSAFE_PLAIN = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    r"|[:#,\[\]{}]"
)
_ESCAPE = re.compile(
    '[\\\\"]|[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]'
)
_NAMED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    named = _NAMED.get(ch)
    if named:
        return named
    code = ord(ch)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def scalar(value: Any) -> str:
    """``value`` as a YAML scalar that reads back as exactly that text (or int)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if text and ord(text[0]) > 0x7F and text == text.strip() and not _UNSAFE_PLAIN.search(text):
        return text
    return '"' + _ESCAPE.sub(_escape, text) + '"'


_COMMENT_UNSAFE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")


def plan_yaml(imported: Imported) -> str:
    """The plan as YAML, naming the table it came from."""
    c = imported.data["campaign"]
    source = _COMMENT_UNSAFE.sub("?", Path(imported.source.shown).name)
    out = [
        f"# 由 qm import 从 {source} 生成；请核对后再使用（qm validate）。",
        f"# Made by qm import from {source}; check it, then run qm validate.",
        "",
        "campaign:",
    ]
    out += [f"  {k}: {scalar(v)}" for k, v in c.items()]
    out += ["", "activities:"]
    for a in imported.data["activities"]:
        out.append(f"  - id: {a['id']}")
        for key in ("theme", "content", "schedule", "lead"):
            out.append(f"    {key}: {scalar(a[key])}")
        out.append(f"    assist: [{', '.join(scalar(n) for n in a['assist'])}]")
        out.append(f"    remark: {scalar(a['remark'])}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def plan_json(imported: Imported) -> dict[str, Any]:
    """The plan as plain data."""
    return copy.deepcopy(imported.data)

"""Every word ``qm`` shows a person, in Chinese (the default) and English.

Keys are stable identifiers; JSON output never goes through here (it is language-neutral).
The tables, each ``key: (zh, en)``:

    words      labels, the report's words, statuses, lookups, usage errors and help
    problems   what is wrong with a plan, a schedule or a journal
    commands   what the writing commands and ``qm import`` say
    documents  the words of the HTML report, the Excel ledger, the Word report and the forms

Every run loads :mod:`.words`; the first key asked for that is not there loads the other
three.  A key is in one table only (``tests/test_i18n.py``).
"""

from __future__ import annotations

from importlib import import_module
from typing import Literal, NamedTuple

from qualitymonth.i18n.words import TEXT as _WORDS

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

#: The tables loaded on a miss, in order.
TABLES = ("problems", "commands", "documents")
_TEXT: dict[str, tuple[str, str]] = dict(_WORDS)
_loaded: list[str] = []


class Msg(NamedTuple):
    """A message not yet put into words: a parameter of another message."""

    key: str
    params: dict[str, object]


def t(key: str, lang: Lang = "zh", /, **params: object) -> str:
    """The text for ``key`` in ``lang``, formatted with ``params``."""
    found = _TEXT.get(key)
    if found is None:
        found = _every_table()[key]
    zh, en = found
    template = zh if lang == "zh" else en
    if not params:
        return template
    words = {k: t(v.key, lang, **v.params) if isinstance(v, Msg) else v for k, v in params.items()}
    return template.format(**words)


def _every_table() -> dict[str, tuple[str, str]]:
    """All the tables, loading those not loaded yet."""
    for name in TABLES:
        if name not in _loaded:
            _TEXT.update(import_module(f"qualitymonth.i18n.{name}").TEXT)
            _loaded.append(name)
    return _TEXT

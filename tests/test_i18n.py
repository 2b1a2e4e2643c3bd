"""The message tables: every key in one table only, in both languages, with the same
parameters in each."""

from __future__ import annotations

import re
import string
import subprocess
import sys
from importlib import import_module

from qualitymonth import i18n


def _tables() -> dict[str, dict[str, tuple[str, str]]]:
    names = ("words", *i18n.TABLES)
    return {name: import_module(f"qualitymonth.i18n.{name}").TEXT for name in names}


def test_a_key_is_in_one_table_only() -> None:
    seen: dict[str, str] = {}
    for name, table in _tables().items():
        for key in table:
            assert key not in seen, f"{key} is in {seen.get(key)} and {name}"
            seen[key] = name


def _fields(template: str) -> set[str]:
    return {re.split(r"[!:.\[]", f)[0] for _, f, _, _ in string.Formatter().parse(template) if f}


def test_both_languages_take_the_same_parameters() -> None:
    for table in _tables().values():
        for key, (zh, en) in table.items():
            assert zh and en, key
            assert _fields(zh) == _fields(en), key


def test_a_run_loads_the_words_and_the_other_tables_when_asked() -> None:
    code = (
        "import sys\n"
        "from qualitymonth.i18n import t\n"
        "assert t('id', 'en') == 'ID'\n"
        "print(sorted(m for m in sys.modules if m.startswith('qualitymonth.i18n.')))\n"
        "print(t('docx_col_done', 'zh'))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded, said = run.stdout.splitlines()
    assert loaded == "['qualitymonth.i18n.words']"
    assert said == "已完成"

"""Whatever text a table's cells hold, the plan qm import writes reads back as that text."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from qualitymonth.importer import import_table, plan_yaml
from qualitymonth.plan import load_plan

from .conftest import Invoke

HEADER = ["序号", "活动主题", "活动内容", "时间安排", "牵头部门", "协办单位", "备注"]
#: Text YAML could take for something else, or that once broke the YAML import wrote.
TRICKY = [
    "yes", "no", "No", "on", "off", "null", "Null", "~", "true", "False", "1", "-1", "0x1F",
    "1e3", ".5", ".inf", "2024-06-01", "12:30", "-", "- a", "--", "---", "...", "[a]", "{b}",
    "a: b", "a:b", ":", "#c", "a #b", "a#b", '"q"', "'s'", "'", '"', '"铁拳"行动', "铁拳]",
    "协办}", "县局]", "&a", "*a", "!tag", "!!str", "%x", "@x", "`x", "|", ">", "> x", "? x",
    "=", "<<", "\\", "\\n", "a\\", "\ufeffBOM", "\u3000全角空格开头", "质量科 ", " 质量科",
    "①", "ｙｅｓ", "９月", "各县（市、区）市场监管局", "各县(市、区)市场监管局",
]  # fmt: skip
#: Schedules qm reads, so that the plan validates whole.
SCHEDULES = ["9月", "9月15日", "9-10月", "全年", "9月中旬", "6月17日至23日", "3月5日、3月15日"]

_chars = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
#: Cell text as a table holds it after reading: no control characters, no line breaks,
#: trimmed (qm trims every cell).
text = st.one_of(st.sampled_from(TRICKY), st.text(_chars, min_size=1, max_size=30)).map(str.strip)
nonempty = text.filter(bool)
#: A 协办单位 name: no separator (、，,;；) and no bracket, which would split or join names.
name = nonempty.filter(lambda s: not any(c in s for c in "、，,;；()（）[]【】〔〕"))


def key(s: str) -> str:
    """How qm compares department names (PRODUCT.md): NFKC, casefolded, trimmed."""
    return unicodedata.normalize("NFKC", s).casefold().strip()


row = st.tuples(
    nonempty,  # theme
    text,  # content
    st.sampled_from(SCHEDULES),
    nonempty,  # lead
    st.lists(name, max_size=4, unique_by=key),  # assist
    text,  # remark
)


def write_table(rows: list[tuple[str, str, str, str, list[str], str]], kind: str) -> bytes:
    table = [HEADER] + [
        [str(i), th, co, sc, le, "、".join(asst), re]
        for i, (th, co, sc, le, asst, re) in enumerate(rows, 1)
    ]
    if kind == "csv":
        buf = io.StringIO()
        csv.writer(buf).writerows(table)
        return buf.getvalue().encode("utf-8")
    return "".join("\t".join(r) + "\n" for r in table).encode("utf-8")


def first_spelling(names: list[str]) -> dict[str, str]:
    seen: dict[str, str] = {}
    for n in names:
        seen.setdefault(key(n), n)
    return seen


@settings(deadline=None)  # the first example imports the YAML and schema modules
@given(rows=st.lists(row, min_size=1, max_size=6), kind=st.sampled_from(["csv", "tsv"]))
def test_any_cells_import_validate_and_read_back(
    rows: list[tuple[str, str, str, str, list[str], str]], kind: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / f"t.{kind}"
        table.write_bytes(write_table(rows, kind))
        imported = import_table(table, year=2024, name="测试")
        out = Path(tmp) / "plan.yaml"
        out.write_text(plan_yaml(imported), encoding="utf-8")
        loaded = load_plan(out)  # the real loader: YAML, schema, schedules
    assert loaded.schedule_problems == []
    spelled = first_spelling([n for r in rows for n in (r[3], *r[4])])
    got = [(a.id, a.theme, a.content, a.schedule, a.lead, list(a.assist), a.remark)
           for a in loaded.plan.activities]  # fmt: skip
    want = [
        (i, th, co, sc, spelled[key(le)], [spelled[key(n)] for n in asst], re)
        for i, (th, co, sc, le, asst, re) in enumerate(rows, 1)
    ]
    assert got == want


def test_tricky_cells_through_the_cli(qm: Invoke, tmp_path: Path) -> None:
    """The same through qm import, qm validate and qm list --format json."""
    rows = [
        (t, t, SCHEDULES[i % len(SCHEDULES)], t, [t], t)
        for i, t in enumerate(x.strip() for x in TRICKY if x.strip())
    ]
    table = tmp_path / "t.csv"
    table.write_bytes(write_table(rows, "csv"))
    out = tmp_path / "plan.yaml"
    run = qm("import", str(table), "-o", str(out), "--year", "2024")
    assert run.code == 0, run.stderr
    assert qm("validate", str(out)).code == 0
    listed = qm("--plan", str(out), "list", "--format", "json")
    assert listed.code == 0
    spelled = first_spelling([r[0] for r in rows])
    assert [
        (a["theme"], a["lead"], a["assist"], a["remark"]) for a in json.loads(listed.stdout)
    ] == [(t, spelled[key(t)], [spelled[key(t)]], t) for t, *_ in rows]


_table_text = st.lists(
    st.lists(st.one_of(st.sampled_from([*TRICKY, *HEADER, "— 2 —", "附件2", "续表", ""]), text),
             min_size=1, max_size=8),
    max_size=8,
)  # fmt: skip


@settings(deadline=None)
@given(
    rows=_table_text,
    sep=st.sampled_from([",", "\t"]),
    kind=st.sampled_from(["csv", "tsv", "txt"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_any_text_is_imported_or_refused_in_a_sentence(
    rows: list[list[str]], sep: str, kind: str, newline: str
) -> None:
    """Whatever a text table holds, qm import builds a plan that reads back, or says why not:
    never an exception that is not one of qm's own."""
    from qualitymonth.errors import QmError
    from qualitymonth.importer import check

    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / f"t.{kind}"
        table.write_bytes(newline.join(sep.join(r) for r in rows).encode("utf-8"))
        try:
            imported = import_table(table, year=2024)
        except QmError:
            return
        if check(imported):
            return
        out = Path(tmp) / "plan.yaml"
        out.write_text(plan_yaml(imported), encoding="utf-8")
        loaded = load_plan(out)
    assert [a.theme for a in loaded.plan.activities] == [
        a["theme"] for a in imported.data["activities"]
    ]

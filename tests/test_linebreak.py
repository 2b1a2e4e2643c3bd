"""Line breaking as Chinese typesetting breaks lines: the users' cases, every text of the
shipped plan at every width from 8 to 40, arbitrary text, and a Rich table at 80 columns."""

from __future__ import annotations

import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text
from uniseg.linebreak import line_break_breakables

from qualitymonth.linebreak import (
    CLOSING,
    OPENING,
    Wrapped,
    min_width,
    opportunities,
    spans,
    text_width,
    wrap,
    wrap_cells,
)
from qualitymonth.linebreak import _candidates as candidates
from qualitymonth.linebreak import _canonical as canonical
from qualitymonth.plan import load_plan
from tests.conftest import ROOT, SHIPPED

PLAN = load_plan(SHIPPED).plan
PLAN_TEXTS = sorted(
    {
        text
        for a in PLAN.activities
        for text in (a.theme, a.content, a.schedule, a.lead, "、".join(a.assist), a.remark)
        if text
    }
    | set(PLAN.slogans)
    | {"未开始", "进行中", "已完成", "逾期", "进行中 50% · 逾期", "已完成 · 逾期完成"}
)


def nonspace(text: str) -> str:
    return re.sub(" ", "", text)


def assert_well_broken(text: str, width: int, lines: list[str]) -> None:
    """The promises every wrap keeps."""
    assert lines, text
    for line in lines:
        assert cell_len(line) <= width, (text, width, line)
    for line in lines[1:]:
        assert line[:1] not in CLOSING, (text, width, lines)
    for line in lines[:-1]:
        assert line[-1:] not in OPENING, (text, width, lines)
    assert nonspace("".join(lines)) == nonspace(text), (text, width, lines)


# --------------------------------------------------------------------------- the users' cases


@pytest.mark.parametrize(
    ("text", "width", "whole"),
    [
        # a closing quote or comma never starts a line, an opening quote never ends one
        ("加大宣传力度，营造“质量月”浓厚氛围", 8, ["“质量月”", "浓厚氛围"]),
        ("加大宣传力度，营造“质量月”浓厚氛围", 14, ["“质量月”", "力度，"]),
        ("组织企业参加“质量管理体系如何运作”公益培训", 24, ["“质量管理"]),
        # short labels never split, wherever they stand
        ("逾期", 8, ["逾期"]),
        ("未开始", 8, ["未开始"]),
        ("已完成", 6, ["已完成"]),
        ("进行中 50% · 逾期", 8, ["进行中", "50%", "逾期"]),
        ("已完成 · 逾期完成", 10, ["已完成", "逾期完成"]),
        # times, dates and numbers with their units
        ("上午8:30-11:30在广场开展宣传", 10, ["8:30-11:30"]),
        ("上午8:30-11:30在广场开展宣传", 12, ["8:30-11:30"]),
        ("2024年6月底前完成全部自查工作", 10, ["2024年6月"]),
        ("2024年6月底前完成全部自查工作", 8, ["2024年", "6月"]),
        ("本月共检查企业11 项，发现问题12 家", 12, ["11 项", "12 家"]),
        ("本月共检查企业11项，发现问题12家", 12, ["11项", "12家"]),
        ("9月15日-10月8日开展集中宣传", 16, ["9月15日-10月8日"]),
        ("积极申报第六届（2021-2022 年度）三明市质量奖", 20, ["第六届", "2021-2022 年度"]),
        ("提供24小时全天候人工接诉服务", 10, ["24小时"]),
        ("完成率达到95%以上，较去年提高3个百分点", 10, ["95%", "3个"]),
        ("全年完成抽检１２批次", 10, ["１２批"]),
        # Latin runs whole
        ("通过在商超LED屏宣传，加大宣传力度", 10, ["LED"]),
        ("the quick brown fox jumps over the lazy dog", 10, ["quick", "brown", "jumps"]),
    ],
)
def test_the_users_cases_break_where_a_typesetter_would(
    text: str, width: int, whole: list[str]
) -> None:
    lines = wrap(text, width)
    assert_well_broken(text, width, lines)
    for piece in whole:
        assert any(piece in line for line in lines), (piece, lines)


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        # the greedy fill: as much as fits, then the best break before it
        ("加大宣传力度，营造“质量月”浓厚氛围", 16, ["加大宣传力度，", "营造“质量月”", "浓厚氛围"]),
        ("进行中 50% · 逾期", 10, ["进行中", "50% · 逾期"]),
        ("2024年6月底前完成自查", 8, ["2024年", "6月底前", "完成自查"]),
        # a time wider than the column is cut after its dash, not inside a figure
        ("上午8:30-11:30", 8, ["上午", "8:30-", "11:30"]),
        # spaces at a break are dropped; the rest are kept
        ("ab  cd", 3, ["ab", "cd"]),
        ("  ab", 8, ["  ab"]),
        # explicit newlines are kept, and an empty line stays a line
        ("第一行\n\n第三行", 40, ["第一行", "", "第三行"]),
        ("", 10, [""]),
        # Han characters beyond a short word break anywhere; an odd cell stays empty
        ("质量月质量月", 5, ["质量", "月质", "量月"]),
        # a run wider than the column is cut by columns, as a last resort
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("逾期完成", 6, ["逾期完", "成"]),
        # before that, a short word gives way, and the punctuation rules still hold
        ("“质量月”", 6, ["“质量", "月”"]),
        # one column: a wide character stands alone (the one line wider than the width)
        ("质量", 1, ["质", "量"]),
    ],
)
def test_exact_lines(text: str, width: int, lines: list[str]) -> None:
    assert wrap(text, width) == lines


def test_wrap_cells_gives_each_line_with_its_cells() -> None:
    text = "加大宣传力度，营造“质量月”浓厚氛围\n↳ 完成抽查 34 家"
    pairs = wrap_cells(text, 12)
    assert [line for line, _ in pairs] == wrap(text, 12)
    assert all(cells == cell_len(line) for line, cells in pairs)


def test_spans_locate_each_line_in_the_text() -> None:
    text = "第一段 很长的文字内容在这里\n第二段"
    assert [text[s:e] for s, e in spans(text, 10)] == wrap(text, 10)


# --------------------------------------------------------------------------- the shipped plan


@pytest.mark.parametrize("width", range(8, 41))
def test_every_text_of_the_plan_is_well_broken_at_every_width(width: int) -> None:
    for text in PLAN_TEXTS:
        lines = wrap(text, width)
        assert_well_broken(text, width, lines)
        joined = "\n".join(lines)
        for label in ("逾期", "未开始", "已完成", "进行中", "各监管所", "质量科", "“质量月”"):
            if label in text:
                assert label in joined, (label, lines)
        for figure in ("2021-2022 年度", "12315", "12345", "24小时", "2023年", "9-10 月"):
            # with room for the brackets or commas that must stay beside it
            if figure in text and text_width(figure) + 4 <= width:
                assert figure in joined, (figure, lines)


@pytest.mark.parametrize("width", range(8, 41))
@pytest.mark.parametrize(
    "figure", ["8:30-11:30", "2024年6月", "11 项", "12 家", "9月15日", "6-10月"]
)
def test_figures_in_running_text_stay_whole_where_the_width_allows(figure: str, width: int) -> None:
    for text in PLAN_TEXTS[:20]:
        sentence = f"{text}，{figure}，{text}"
        lines = wrap(sentence, width)
        assert_well_broken(sentence, width, lines)
        if text_width(figure) + 2 <= width:  # the figure and the comma after it
            assert any(figure in line for line in lines), (figure, width, lines)


def test_break_opportunities_are_uniseg_s_for_every_plan_text() -> None:
    for text in PLAN_TEXTS:
        assert opportunities(text) == list(line_break_breakables(text)), text


# --------------------------------------------------------------------------- arbitrary text

TRICKY = [
    *"质量月科，。、；：？！“”‘’（）《》「」【】…—～·%％ ",
    *"abcXYZ019０１２-:./~()[]{}!?,;'\"",
    *"年月日项家个件批份次第一二十两",
    "\u0301",  # combining acute
    "\u200b",  # zero width space
    "\u2060",  # word joiner
    "\u00a0",  # no-break space
    "\u200d",  # zero width joiner
    "\ufe0f",  # variation selector 16
    "\u2010",  # hyphen
    "\u25cc",  # dotted circle
    "😀",
    "❤",
    "\U0001f1e8",  # regional indicators
    "\U0001f1f3",
    "ｱ",
    "한",
    "\u0e01",  # Thai
    "\u05d0",  # Hebrew
    "①",
    "\u3000",
]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=60))
def test_piecewise_opportunities_equal_uniseg_on_the_whole_text(text: str) -> None:
    assert opportunities(text) == list(line_break_breakables(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=80), st.integers(2, 40))
@example("\u200d\u200b0\u3000", 2)  # a joiner first: Rich measures the line wider
def test_tricky_text_fits_keeps_every_character_and_agrees_with_rich(text: str, width: int) -> None:
    pairs = wrap_cells(text, width)
    for line, cells in pairs:
        assert cells == cell_len(line) <= width, (text, width, pairs)
    assert nonspace("".join(line for line, _ in pairs)) == nonspace(text.replace("\n", ""))
    assert len(pairs) >= text.count("\n") + 1


@settings(deadline=None)
@given(st.text(max_size=60), st.integers(2, 30))
def test_any_text_fits_and_keeps_every_character(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines), (text, width, lines)
    assert nonspace("".join(lines)) == nonspace(text.replace("\n", ""))


@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=40))
def test_min_width_is_the_width_that_needs_no_last_resort(text: str) -> None:
    least = min_width(text)
    assert least <= max(text_width(p) for p in text.split("\n"))
    if least >= 2:  # every line then ends where all the rules allow a break
        for para in text.split("\n"):
            strict = set(candidates(canonical(para))[0]) | {len(para)}
            for start, end in spans(para, least):
                while end < len(para) and para[end] == " ":
                    end += 1
                assert end in strict, (para, least, start, end)


# --------------------------------------------------------------------------- Rich tables


def plan_table(cell: type[Text] | type[Wrapped]) -> str:
    """The plan's activities in a ruled Rich table at 80 columns, each cell made by ``cell``."""
    console = Console(file=StringIO(), width=80, color_system=None)
    table = Table(box=box.SQUARE, show_lines=True)
    table.add_column("序号", justify="right", no_wrap=True)
    for header in ("活动主题", "活动内容", "时间安排", "协办单位"):
        table.add_column(header, overflow="fold")
    for a in PLAN.activities:
        texts = (a.theme, a.content, a.schedule, "、".join(a.assist))
        table.add_row(str(a.id), *(cell(t) for t in texts))
    console.print(table)
    rendered = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(rendered, str)
    return rendered


def table_cells(rendered: str) -> tuple[list[int], list[list[list[str]]]]:
    """The content width of each column, and each row's cells as their lines."""
    lines = rendered.splitlines()
    widths = [len(part) - 2 for part in lines[0][1:-1].split("┬")]
    rows: list[list[list[str]]] = []
    fresh = True
    for line in lines[1:]:
        if not line.startswith("│"):
            fresh = True
            continue
        parts = [part[1:].rstrip() for part in line[1:-1].split("│")]
        if fresh:
            rows.append([[] for _ in parts])
            fresh = False
        for i, part in enumerate(parts):
            if part.strip():
                rows[-1][i].append(part.strip() if i == 0 else part)
    return widths, rows[1:]  # the first row is the header


def test_rich_s_own_wrapping_breaks_where_chinese_typesetting_would_not() -> None:
    _, rows = table_cells(plan_table(Text))
    starts = [lines[k][0] for row in rows for lines in row[1:] for k in range(1, len(lines))]
    assert any(first in CLOSING for first in starts)  # what users saw: ， or ” first


def test_a_rich_table_of_wrapped_cells_breaks_as_wrap_does() -> None:
    rendered = plan_table(Wrapped)
    assert max(cell_len(line) for line in rendered.splitlines()) == 80
    widths, rows = table_cells(rendered)
    assert [row[0] for row in rows] == [[str(a.id)] for a in PLAN.activities]
    for a, row in zip(PLAN.activities, rows, strict=True):
        texts = (a.theme, a.content, a.schedule, "、".join(a.assist))
        for text, width, lines in zip(texts, widths[1:], row[1:], strict=True):
            assert lines == wrap(text, width), (text, width)
            assert_well_broken(text, width, lines)


def test_wrapped_keeps_styles_and_justification() -> None:
    console = Console(file=StringIO(), width=20, color_system="standard")
    text = Text("加大宣传力度，营造“质量月”浓厚氛围", style="bold")
    text.stylize("red", 9, 14)  # “质量月”
    console.print(Wrapped(text))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines() == wrap(text.plain, 20)
    assert "\x1b[1;31m“质量月”" in out

    console = Console(file=StringIO(), width=40, color_system=None)
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(justify="right", width=12)
    table.add_row(Wrapped("进行中 50% · 逾期"))
    console.print(table)
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert [line.strip() for line in lines] == ["进行中 50% ·", "逾期"]
    assert lines[1] == "        逾期"  # right-justified in 12 cells


def test_wrapped_measures_its_widest_line_and_its_widest_word() -> None:
    console = Console(file=StringIO(), width=80)
    theme = Wrapped("加大宣传力度，营造“质量月”浓厚氛围")
    narrow = theme.__rich_measure__(console, console.options.update_width(20))
    assert narrow.maximum == cell_len("加大宣传力度，营造“质量月”浓厚氛围")
    assert narrow.minimum == cell_len("“质量月”")
    wide = theme.__rich_measure__(console, console.options)
    assert wide.minimum == wide.maximum == narrow.maximum  # it fits: no need to know


def test_wrapped_in_a_no_wrap_column_is_left_to_rich() -> None:
    console = Console(file=StringIO(), width=40, color_system=None)
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(no_wrap=True, width=8, overflow="crop")
    table.add_row(Wrapped("加大宣传力度，营造"))
    console.print(table)
    assert console.file.getvalue().splitlines() == ["加大宣传"]  # type: ignore[attr-defined]


def test_importing_the_module_loads_neither_uniseg_nor_rich() -> None:
    code = (
        "import sys, qualitymonth.linebreak as lb\n"
        "assert not any(m.split('.')[0] in ('uniseg', 'rich') for m in sys.modules), 'heavy'\n"
        "assert lb.wrap('短', 10) == ['短']\n"  # fits: still nothing to break, no uniseg
        "assert 'uniseg' not in sys.modules\n"
        "lb.wrap('加大宣传力度，营造“质量月”浓厚氛围', 10)\n"
        "assert 'uniseg.linebreak' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def _list_in_a_process(cache: Path, plan: Path) -> tuple[str, bool]:
    """``qm list`` at 80 columns in a real process: its output, and whether line breaking
    worked anything out (loaded uniseg or compiled a pattern of its rules)."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\nfrom qualitymonth.cli import app\n"
        "app(['list'], standalone_mode=False)\n"
        "from qualitymonth.linebreak import chars\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write(str('uniseg' in sys.modules or bool(chars._COMPILED)))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("QM_")}
    env.update(QM_TODAY="2023-09-28", QM_CACHE_DIR=str(cache), QM_PLAN=str(plan), COLUMNS="80")
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert run.returncode == 0, run.stderr
    return run.stdout, run.stderr.endswith("True")


def test_what_line_breaking_learnt_is_kept_and_gives_the_same_table(tmp_path: Path) -> None:
    from .conftest import SHIPPED

    cache = tmp_path / "cache"
    first, loaded_first = _list_in_a_process(cache, SHIPPED)
    assert loaded_first and (cache / "linebreak.json").exists()
    second, loaded_second = _list_in_a_process(cache, SHIPPED)
    assert second == first and not loaded_second  # the lines known, the same table
    (cache / "linebreak.json").write_text('{"format": 1, "rules": [1, 2]', encoding="utf-8")
    third, _ = _list_in_a_process(cache, SHIPPED)
    assert third == first  # a damaged memo is ignored, and stored again


def test_a_memo_of_other_versions_is_not_taken() -> None:
    from qualitymonth import linebreak

    data = linebreak.memo()
    data["versions"] = ["uniseg:elsewhere", "rich:elsewhere"]
    assert linebreak.load_memo(data) is False
    assert linebreak.load_memo(linebreak.memo()) is True
    assert linebreak.load_memo({"format": 1}) is False


def test_the_memo_gives_back_the_lines_it_keeps_and_no_more_than_its_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json

    from qualitymonth import linebreak
    from qualitymonth.linebreak import fit
    from qualitymonth.linebreak import learnt as kept

    text = "加大宣传力度，营造“质量月”浓厚氛围"
    lines, least = linebreak.spans(text, 10), linebreak.min_width(text)
    data = json.loads(json.dumps(linebreak.memo()))
    for c, w, found in data["lines"]:  # every answer kept is the one worked out afresh
        assert [tuple(line) for line in found] == fit._fit(c, w)

    # A process that knows nothing but the memo answers without working anything out.
    fit._LINES.clear()
    fit._LEAST.clear()

    def never(*args: object) -> None:
        raise AssertionError("worked out again")

    with monkeypatch.context() as m:
        m.setattr(fit, "_fit", never)
        m.setattr(fit, "_widest_run", never)
        assert linebreak.load_memo(data)
        assert linebreak.spans(text, 10) == lines and linebreak.min_width(text) == least

    # It keeps the most recently used answers, no more than its limit.
    monkeypatch.setattr(kept, "KEEP_ANSWERS", 3)
    texts = ["加" * n + "，" + "加" * n for n in range(5, 10)]
    for t in texts:
        linebreak.spans(t, 6)
        linebreak.min_width(t)
    linebreak.spans(texts[0], 6)  # used again: kept
    keys = [(c, w) for c, w, _ in linebreak.memo()["lines"]]
    assert len(keys) == 3
    assert keys[-1] == (texts[0], 6) and (texts[-1], 6) in keys and (texts[1], 6) not in keys
    assert len(linebreak.memo()["least"]) == 3


def test_the_memo_works_in_an_install_without_the_rules_source(tmp_path: Path) -> None:
    """An install of bytecode alone: the rules' files cannot be read, and the memo must
    still be made and taken (its answers tied to qm's version)."""
    import shutil

    copy = tmp_path / "qualitymonth"
    shutil.copytree(ROOT / "qualitymonth", copy, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "compileall", "-b", "-q", str(copy)], check=True)
    for source in (copy / "linebreak").glob("*.py"):
        source.unlink()
    code = (
        "import qualitymonth.linebreak as lb\n"
        "assert lb.__file__.endswith('.pyc'), lb.__file__\n"
        "lines = lb.wrap('加大宣传力度，营造“质量月”浓厚氛围', 10)\n"
        "data = lb.memo()\n"
        "assert any(v.endswith(':-') for v in data['versions']), data['versions']\n"
        "assert lb.load_memo(data) and lb.wrap('加大宣传力度，营造“质量月”浓厚氛围', 10) == lines\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)

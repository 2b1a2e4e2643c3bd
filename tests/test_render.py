"""The writers beneath every command: safe text, CSV cells, Markdown, widths and wrapping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from qualitymonth.output.csv import csv_cell
from qualitymonth.output.json import json_text
from qualitymonth.output.md import md_escape
from qualitymonth.output.text import safe, text_width, wrap_cells


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("质量月", "质量月"),
        ("红\x1b[31m字", "红␛[31m字"),
        ("响\x07铃", "响␇铃"),
        ("空\x00字", "空␀字"),
        ("反\u202e向", "反<U+202E>向"),
        ("零\u200b宽", "零<U+200B>宽"),
        ("tab\there", "tab here"),
        ("两行\n文字", "两行\n文字"),
        ("删\x7f除", "删␡除"),
    ],
)
def test_safe_makes_every_control_visible(raw: str, shown: str) -> None:
    assert safe(raw) == shown


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+86 123", "'+86 123"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("＝1+1", "'＝1+1"),
        ("\t=1", " =1"),  # the tab becomes a space: text, not a formula
        ("9-10 月", "9-10 月"),
        (12, "12"),
        (None, ""),
        (True, "true"),
    ],
)
def test_csv_cells_never_start_a_formula(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


def test_markdown_cells_are_escaped_to_one_line() -> None:
    assert md_escape("a|b\n*c*_[d](e)<f>`g`#") == "a\\|b \\*c\\*\\_\\[d\\](e)\\<f\\>\\`g\\`\\#"


def test_json_text_puts_one_object_per_line() -> None:
    assert json_text([{"a": 1}, {"b": "质"}]) == '[\n  {"a": 1},\n  {"b": "质"}\n]\n'
    assert (
        json_text({"x": [], "y": [{"z": 1}]}) == '{\n  "x": [],\n  "y": [\n    {"z": 1}\n  ]\n}\n'
    )
    assert json_text(iter([])) == "[]\n"


@given(
    st.text(alphabet=st.sampled_from([*"质量科月 ab，“”、", "①", "😀"]), max_size=80),
    st.integers(2, 40),
)
def test_wrapping_keeps_every_character_and_fits(text: str, width: int) -> None:
    pieces = wrap_cells(text, width)
    assert "".join(p for p, _ in pieces) == text
    for piece, used in pieces:
        assert used == cell_len(piece)
        assert used <= width or len(piece) == 1
    assert text_width(text) == cell_len(text)

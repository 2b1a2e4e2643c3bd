"""The html writer: one self-contained page, checked as markup and in a real browser.

The browser is Debian's chromium driven by Playwright, one browser for the module; the PDF is
read back with pdftotext.  Without them the browser tests skip, except under CI.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from qualitymonth.output.html import LIST_ROWS, TIMELINE_ROWS, render_report
from tests.writer_docs import (
    AS_OF,
    HOSTILE,
    big_report,
    need_program,
    september_report,
)

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


class Page(HTMLParser):
    """The tags of a page, and the text inside every element that has an id."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.by_id: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag not in ("meta", "br", "rect", "line", "img", "input", "link"):
            self._open.append((tag, a.get("id")))
            if a.get("id"):
                self.by_id.setdefault(a["id"] or "", "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, ident in self._open:
            if ident:
                self.by_id[ident] += data


@pytest.fixture(scope="module")
def september(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The real September report of the shipped plan, plus one hostile note."""
    doc = september_report(tmp_path_factory.mktemp("cache"))
    doc["notes"].append(
        {"v": 1, "event": "f" * 32, "activity": 3, "action": "note", "date": "2023-09-30",
         "note": HOSTILE, "by": "<b>某人</b>", "recorded_at": "2023-09-30T10:00:00+08:00"}
    )  # fmt: skip
    return doc


def render(doc: dict[str, Any], lang: str = "zh") -> str:
    return render_report(doc, {"lang": lang}).decode("utf-8")


# --------------------------------------------------------------------------- the markup


def test_the_page_needs_nothing_from_elsewhere(september: dict[str, Any]) -> None:
    text = render(september)
    page = Page(text)
    assert text.startswith("<!DOCTYPE html>")
    names = {tag for tag, _ in page.tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
    assert not [a for _, attrs in page.tags for a in attrs if a in ("src", "href", "srcset")]
    assert not [a for _, attrs in page.tags for a in attrs if a.startswith("on")]
    assert re.findall(r"url\(([^)]*)\)", text) and all(
        u.startswith("#") for u in re.findall(r"url\(([^)]*)\)", text)
    )
    assert ("html", {"lang": "zh-CN"}) in page.tags
    metas = [attrs for tag, attrs in page.tags if tag == "meta"]
    assert {"charset": "utf-8"} in metas
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in metas
    csp = next(a["content"] for a in metas if a.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and "default-src 'none'" in csp and "script-src" not in csp


def test_the_headline_figures_are_the_reports(september: dict[str, Any]) -> None:
    by_id = Page(render(september)).by_id
    totals = september["totals"]
    assert totals["activities"] == 12  # the shipped plan's annex 2
    for key, label in [("all", "活动总数"), ("done", "已完成"), ("doing", "进行中"),
                       ("todo", "未开始"), ("overdue", "逾期")]:  # fmt: skip
        value = totals["activities" if key == "all" else key]
        assert by_id[f"fig-{key}"].startswith(f"{label}{value}")
    assert by_id["fig-rate"] == f"完成率{totals['completion_rate'] * 100:.0f}%"
    assert f"逾期完成 {totals['late']}" in by_id["fig-done"]


def test_every_section_is_there_with_the_reports_content(september: dict[str, Any]) -> None:
    by_id = Page(render(september)).by_id
    for department in september["by_department"]:
        assert department["department"] in by_id["departments"]
    for a in september["overdue"]:
        assert a["theme"] in by_id["overdue"]
    assert f"逾期未完成事项（{len(september['overdue'])}）" in by_id["overdue"]
    for note in september["notes"]:
        assert note["note"] in by_id["notes"]
    for a in september["activities"]:
        assert f"{a['id']} {a['theme'][:10]}" in by_id["timeline"]
    assert "时间未定（0）" in by_id["undated"]


def test_english_labels_with_lang_en(september: dict[str, Any]) -> None:
    text = render(september, "en")
    page = Page(text)
    assert ("html", {"lang": "en"}) in page.tags
    assert page.by_id["fig-todo"].startswith("not started")
    assert "Overdue" in page.by_id["overdue"]
    assert "未开始" not in text


def test_text_from_the_journal_and_the_plan_is_text() -> None:
    hostile = HOSTILE + "\x1b[31m红\x00\u202e"
    doc = big_report(3)
    doc["activities"][0] |= {"theme": HOSTILE, "lead": '"><svg onload=alert(1)>', "overdue": True,
                             "status": "todo", "last_note": hostile}  # fmt: skip
    doc["overdue"] = [doc["activities"][0]]
    doc["notes"] = [{"activity": 1, "action": "note", "date": "2023-09-20", "note": hostile,
                     "by": "<i>x</i>"}]  # fmt: skip
    text = render(doc)
    page = Page(text)
    assert not {tag for tag, _ in page.tags} & {"img", "script", "i"}
    assert not [a for _, attrs in page.tags for a in attrs if a.startswith("on")]
    assert HOSTILE + "[31m红" in page.by_id["notes"]
    assert HOSTILE + "[31m红" in page.by_id["overdue"]
    assert '"><svg onload=alert(1)>' in page.by_id["overdue"]
    for ch in "\x1b\x00\u202e":
        assert ch not in text


def test_ten_thousand_activities_make_a_readable_page() -> None:
    doc = big_report(10_000)
    data = render_report(doc, {})
    assert len(data) < 3_000_000
    text = data.decode("utf-8")
    by_id = Page(text).by_id
    drawn = re.findall(r"<g><title>(\d+) ", text)
    assert len(drawn) == TIMELINE_ROWS
    ids = {a["id"]: a for a in doc["activities"]}
    assert all(ids[int(i)]["overdue"] for i in drawn)  # the overdue ones come first
    dated = len(doc["activities"])
    assert f"…以及另外 {dated - TIMELINE_ROWS} 项" in by_id["timeline"]
    overdue = len(doc["overdue"])
    assert f"…以及另外 {overdue - LIST_ROWS} 项" in by_id["overdue"]
    assert by_id["overdue"].count("逾期 ") >= LIST_ROWS
    assert "…以及另外" in by_id["notes"]
    assert len(re.findall(r'<div class="row">', text)) == len(doc["by_department"])


def timeline_row(text: str, ident: int) -> str:
    match = re.search(rf"<g><title>{ident} .*?</g>", text)
    assert match, f"activity {ident} is not on the timeline"
    return match.group()


def test_several_periods_are_several_bars_and_old_json_still_draws() -> None:
    doc = big_report(3)
    doc["activities"][0]["periods"] = [["2023-06-01", "2023-06-30"], ["2023-09-01", "2023-09-30"]]
    del doc["activities"][1]["periods"]  # JSON from before periods: start and end
    text = render(doc)
    assert timeline_row(text, 1).count("<rect") == 2
    assert timeline_row(text, 2).count("<rect") == 1
    assert ">6月<" in text and ">9月<" in text


def test_ending_soon_and_undated() -> None:
    doc = big_report(3)
    soon, done_soon, undated = doc["activities"]
    soon |= {"status": "doing", "end": "2023-10-11", "periods": [["2023-09-01", "2023-10-11"]],
             "overdue": False}  # fmt: skip
    done_soon |= {"status": "done", "end": "2023-10-10", "periods": [["2023-09-01", "2023-10-10"]]}
    undated |= {"schedule": "待定", "start": None, "end": None, "periods": [], "overdue": False}
    del doc["undated"]  # absent in older JSON: taken from the activities
    by_id = Page(render(doc)).by_id
    assert soon["theme"] in by_id["ending"] and "还剩 3 天" in by_id["ending"]
    assert done_soon["theme"] not in by_id["ending"]
    assert "时间未定（1）" in by_id["undated"] and "待定" in by_id["undated"]


def test_a_sparse_document_still_renders() -> None:
    text = render({"campaign": {"name": "测试"}, "as_of": AS_OF})
    assert "测试进展情况报告" in text and "没有可画入时间轴的活动。" in text


# --------------------------------------------------------------------------- in a browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        need_program(CHROMIUM)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        if os.environ.get("CI"):
            pytest.fail("playwright is required under CI")
        pytest.skip("playwright is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_page(browser: Any, path: Path, width: int) -> tuple[Any, dict[str, list[str]]]:
    """The file in a fresh page ``width`` px wide, and what the page asked for and said."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    seen: dict[str, list[str]] = {"requests": [], "errors": [], "dialogs": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, seen


def test_in_chromium_the_page_loads_alone_and_prints_on_a4(
    browser: Any, september: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "报告.html"
    path.write_bytes(render_report(september, {}))
    page, seen = open_page(browser, path, 1280)
    assert seen == {"requests": [path.as_uri()], "errors": [], "dialogs": []}
    totals = september["totals"]
    assert page.inner_text("#fig-all").split() == ["活动总数", str(totals["activities"])]
    assert page.inner_text("#fig-overdue").split() == ["逾期", str(totals["overdue"])]
    assert HOSTILE in page.inner_text("#notes")
    assert page.locator("img").count() == 0 and page.locator("script").count() == 0
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 1280
    assert page.locator("#timeline figure.narrow").evaluate("f => f.offsetHeight") == 0

    pdf = tmp_path / "报告.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    page.close()
    info = subprocess.run(
        [need_program("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)", info)
    words = subprocess.run(
        [need_program("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    for word in ["活动总数", "已完成", "进行中", "未开始", "逾期", "完成率",
                 f"{totals['completion_rate'] * 100:.0f}%", str(totals["activities"])]:  # fmt: skip
        assert word in words
    assert "onerror=alert(1)" in words


def test_on_a_phone_there_is_no_sideways_scroll_and_lists_are_cards(
    browser: Any, september: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "phone.html"
    path.write_bytes(render_report(september, {}))
    page, seen = open_page(browser, path, 390)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    assert page.evaluate("getComputedStyle(document.querySelector('#overdue thead')).display") == (
        "none"
    )
    shown = "f => getComputedStyle(f).display"
    assert page.locator("#timeline figure.narrow").evaluate(shown) == "block"
    assert page.locator("#timeline figure.wide").evaluate(shown) == "none"
    cards = page.locator("#overdue tbody tr")
    assert cards.count() == len(september["overdue"])
    assert cards.first.evaluate("tr => getComputedStyle(tr).display") == "block"
    assert cards.first.inner_text().startswith(f"{september['overdue'][0]['id']}. ")
    assert seen["errors"] == [] and seen["dialogs"] == []
    page.close()


def test_the_ten_thousand_activity_page_fits_a_phone(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(render_report(big_report(10_000), {}))
    page, seen = open_page(browser, path, 390)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    assert seen["requests"] == [path.as_uri()] and seen["errors"] == []
    page.close()

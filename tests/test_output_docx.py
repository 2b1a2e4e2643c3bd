"""The Word report (``qualitymonth.output.docx``): read back with python-docx for the layout
facts of GB/T 9704, and converted to PDF by LibreOffice for what a reader sees.

The documents come from the real CLI's JSON on the shipped plan and the fixture journal
(``report --month 9`` plus ``list --month 9``, as of 2023-10-08), and from synthetic documents
for the edge cases.
"""

from __future__ import annotations

import copy
import io
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from qualitymonth.output.docx import clean, cn_number, render_report

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "data" / "campaign-2023.yaml"
JOURNAL = ROOT / "tests" / "fixtures" / "journal-2023-09.jsonl"
AS_OF = "2023-10-08"
HOSTILE = "<w:t>x</w:t> ]]> &amp; =cmd|' /C calc'!A0 {PAGE} \x00\x07\x1b[31m红\x1b[0m\u202e"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

Doc = dict[str, Any]


# --------------------------------------------------------------------------- documents


def _qm_json(cache: Path, *args: str) -> Any:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QM_")}
    env.update({"QM_TODAY": AS_OF, "QM_CACHE_DIR": str(cache), "PYTHONIOENCODING": "utf-8"})
    proc = subprocess.run(
        [sys.executable, "-m", "qualitymonth", "--plan", str(PLAN), "--journal", str(JOURNAL),
         *args, "--as-of", AS_OF, "--format", "json"],
        capture_output=True, env=env, cwd=ROOT, timeout=60, check=True,
    )  # fmt: skip
    return json.loads(proc.stdout.decode("utf-8"))


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Doc:
    """The September report of the shipped plan, as the CLI gives it, with its activities."""
    cache = tmp_path_factory.mktemp("qm-cache")
    report = _qm_json(cache, "report", "--month", "9")
    activities = _qm_json(cache, "list", "--month", "9")
    doc: Doc = report | {"activities": activities}
    return doc


def read(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def render(doc: Mapping[str, Any], **options: str) -> Document:
    return read(render_report(doc, options))


def activity(i: int, **fields: Any) -> Doc:
    base: Doc = {
        "id": i, "theme": f"活动主题{i}", "content": "活动内容", "schedule": "9月",
        "start": "2023-09-01", "end": "2023-09-30", "lead": "质量科", "assist": ["办公室"],
        "remark": "", "status": "todo", "percent": 0, "overdue": False, "late": False,
        "done_on": None, "last_note": None,
    }  # fmt: skip
    base.update(fields)
    return base


def synthetic(activities: list[Doc], **extra: Any) -> Doc:
    """A report document built the way the CLI builds one, from ``activities``."""
    counts = {
        "activities": len(activities),
        "done": sum(a["status"] == "done" for a in activities),
        "doing": sum(a["status"] == "doing" for a in activities),
        "todo": sum(a["status"] == "todo" for a in activities),
        "overdue": sum(bool(a["overdue"]) for a in activities),
        "late": sum(bool(a["late"]) for a in activities),
    }
    counts["completion_rate"] = counts["done"] / len(activities) if activities else 0.0
    doc: Doc = {
        "campaign": {"name": "2023年“质量月”活动", "year": 2023, "issuer": "永安市市场监督管理局",
                     "doc_no": "永市监质〔2023〕35号", "issued": "2023-09-13",
                     "theme": "增强质量意识 推进高质量发展", "report_to": "质量监督科"},
        "as_of": AS_OF, "scope": {"month": None, "dept": None}, "totals": counts,
        "by_department": [{"department": "质量科", **counts}], "by_month": [],
        "overdue": [a for a in activities if a["overdue"]], "notes": [],
        "activities": activities,
    }  # fmt: skip
    doc.update(extra)
    return doc


# --------------------------------------------------------------------------- reading back


def style_chain(doc: Document, paragraph: Paragraph) -> Iterator[Any]:
    """The rPr elements that decide a paragraph's first run: run, style and its bases,
    then the document defaults."""
    if paragraph.runs and paragraph.runs[0]._r.rPr is not None:
        yield paragraph.runs[0]._r.rPr
    style = paragraph.style
    while style is not None:
        rpr = style.element.rPr
        if rpr is not None:
            yield rpr
        style = style.base_style
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    yield defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")


def east_asian_font(doc: Document, paragraph: Paragraph) -> str:
    for rpr in style_chain(doc, paragraph):
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            assert not any(k.endswith("Theme") for k in fonts.attrib), "a theme font overrides"
            return str(fonts.get(qn("w:eastAsia")))
    raise AssertionError("no East Asian font")


def font_size(doc: Document, paragraph: Paragraph) -> float:
    for rpr in style_chain(doc, paragraph):
        sz = rpr.find(qn("w:sz"))
        if sz is not None:
            return int(sz.get(qn("w:val"))) / 2
    raise AssertionError("no size")


def by_style(doc: Document, style: str) -> list[Paragraph]:
    return [p for p in doc.paragraphs if p.style is not None and p.style.name == style]


def first_section_paragraphs(doc: Document) -> list[Paragraph]:
    out = []
    for p in doc.paragraphs:
        out.append(p)
        if p._p.pPr is not None and p._p.pPr.find(qn("w:sectPr")) is not None:
            return out
    raise AssertionError("no section break")


def document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("word/document.xml").decode("utf-8")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --------------------------------------------------------------------------- layout


def test_a4_with_the_official_margins_then_a_landscape_annex(shipped: Doc) -> None:
    doc = render(shipped)
    assert len(doc.sections) == 2
    body, annex = doc.sections
    assert body.orientation == WD_ORIENT.PORTRAIT
    assert body.page_width is not None and body.page_height is not None
    assert abs(body.page_width - Mm(210)) < Mm(0.1)
    assert abs(body.page_height - Mm(297)) < Mm(0.1)
    for got, mm in [
        (body.top_margin, 37), (body.left_margin, 28), (body.bottom_margin, 35),
        (body.right_margin, 26),
    ]:  # fmt: skip
        assert got is not None and abs(got - Mm(mm)) < Mm(0.1), (got, mm)
    assert annex.orientation == WD_ORIENT.LANDSCAPE
    assert annex.start_type == WD_SECTION.NEW_PAGE
    assert annex.page_width is not None and annex.page_height is not None
    assert abs(annex.page_width - Mm(297)) < Mm(0.1)
    assert abs(annex.page_height - Mm(210)) < Mm(0.1)
    # 22 lines a page: exact 28.95 pt lines on a grid of the same pitch.
    normal = doc.styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.line_spacing is not None and abs(normal.line_spacing - Pt(28.95)) < Pt(0.01)
    grid = body._sectPr.find(qn("w:docGrid"))
    assert grid is not None and grid.get(qn("w:linePitch")) == "579"
    assert normal.first_line_indent is not None and abs(normal.first_line_indent - Pt(32)) < Pt(1)


def test_fonts_are_the_official_ones_for_east_asian_text(shipped: Doc) -> None:
    doc = render(shipped)
    title = doc.paragraphs[0]
    assert title.text == "关于2023年“质量月”活动开展情况的报告"
    assert title.style is not None and title.style.name == "Title"
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert (east_asian_font(doc, title), font_size(doc, title)) == ("方正小标宋简体", 22)
    body = [p for p in by_style(doc, "Normal") if p.text.startswith("根据")]
    assert len(body) == 1
    assert (east_asian_font(doc, body[0]), font_size(doc, body[0])) == ("仿宋_GB2312", 16)
    for p in by_style(doc, "Heading 1"):
        assert (east_asian_font(doc, p), font_size(doc, p)) == ("黑体", 16)
    for p in by_style(doc, "Heading 2"):
        assert (east_asian_font(doc, p), font_size(doc, p)) == ("楷体_GB2312", 16)
    # Chinese is Chinese: no Japanese East Asian language anywhere, no theme fonts.
    settings = doc.settings.element.find(qn("w:themeFontLang"))
    assert settings is not None and settings.get(qn("w:eastAsia")) == "zh-CN"


def test_fonts_can_be_changed(shipped: Doc) -> None:
    doc = render(shipped, font_body="仿宋", font_title="华文中宋")
    assert east_asian_font(doc, doc.paragraphs[0]) == "华文中宋"
    opening = next(p for p in doc.paragraphs if p.text.startswith("根据"))
    assert east_asian_font(doc, opening) == "仿宋"
    assert east_asian_font(doc, by_style(doc, "Heading 1")[0]) == "黑体"


def test_sections_in_order_with_the_totals_in_words(shipped: Doc) -> None:
    doc = render(shipped)
    assert [p.text for p in by_style(doc, "Heading 1")] == [
        "一、总体情况", "二、各部门完成情况", "三、存在问题", "四、下一步工作", "附件",
    ]  # fmt: skip
    texts = [p.text for p in doc.paragraphs]
    assert texts[2] == "质量监督科："
    assert doc.paragraphs[2].paragraph_format.first_line_indent == 0
    opening = texts[3]
    assert opening.startswith(
        "根据《关于印发2023年“质量月”活动方案的通知》（永市监质〔2023〕35号）要求"
    )
    assert "永安市市场监督管理局" in opening and "增强质量意识 推进高质量发展" in opening
    totals = shipped["totals"]
    sentence = texts[texts.index("一、总体情况") + 1]
    on_time = totals["done"] - totals["late"]
    for part in [
        f"共{totals['activities']}项", f"已完成{totals['done']}项", f"按时完成{on_time}项",
        f"逾期完成{totals['late']}项", f"正在进行{totals['doing']}项",
        f"尚未开始{totals['todo']}项", f"逾期未完成{totals['overdue']}项",
        f"完成率为{totals['completion_rate'] * 100:.0f}%",
    ]:  # fmt: skip
        assert part in sentence, part
    # 二: one row per lead department and a total; each department under （一）…
    depts = [r["department"] for r in shipped["by_department"]]
    table = doc.tables[0]
    assert [row.cells[0].text for row in table.rows] == ["牵头部门", *depts, "合计"]
    headings2 = [p.text for p in by_style(doc, "Heading 2")]
    assert headings2[: len(depts)] == [f"（{cn_number(i)}）{d}" for i, d in enumerate(depts, 1)]
    # … and every note of the period under its department.
    part2 = "\n".join(texts[texts.index("二、各部门完成情况") : texts.index("三、存在问题")])
    for event in shipped["notes"]:
        assert event["note"] in part2
    # 三: the overdue activities with their last notes; 四: the clerk's marked paragraph.
    part3 = "\n".join(texts[texts.index("三、存在问题") : texts.index("四、下一步工作")])
    for a in shipped["overdue"]:
        assert a["theme"] in part3 and a["last_note"] in part3
    todo = [a for a in shipped["activities"] if a["status"] == "todo" and not a["overdue"]]
    assert todo and all(a["theme"] in part3 for a in todo)
    placeholder = doc.paragraphs[texts.index("四、下一步工作") + 1]
    assert placeholder.text == "（请填写下一步工作安排）"
    assert placeholder.runs[0].font.highlight_color is not None


def test_ends_with_the_issuer_and_the_date_without_leading_zeros(shipped: Doc) -> None:
    for as_of, written in [("2023-10-08", "2023年10月8日"), ("2023-09-05", "2023年9月5日")]:
        doc = render(shipped | {"as_of": as_of})
        first = first_section_paragraphs(doc)
        assert [p.text for p in first[-2:]] == ["永安市市场监督管理局", written]
        assert all(p.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in first[-2:])
        assert "附件：活动计划安排表完成情况" in [p.text for p in first]
        assert doc.core_properties.author == "永安市市场监督管理局"
        assert doc.core_properties.title == "关于2023年“质量月”活动开展情况的报告"


def test_page_numbers_in_both_footers_odd_right_even_left(shipped: Doc) -> None:
    doc = render(shipped)
    assert doc.settings.odd_and_even_pages_header_footer
    for section in doc.sections:
        for footer, side in [
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
        ]:
            (p,) = footer.paragraphs
            assert p.alignment == side
            assert p.text.startswith("— ") and p.text.endswith(" —")
            kinds = [f.get(qn("w:fldCharType")) for f in p._p.iter(qn("w:fldChar"))]
            assert kinds == ["begin", "separate", "end"]
            assert [i.text.strip() for i in p._p.iter(qn("w:instrText"))] == ["PAGE"]
            assert east_asian_font(doc, p) == "宋体" and font_size(doc, p) == 14


def test_annex_is_the_plan_table_with_a_completion_column(shipped: Doc) -> None:
    doc = render(shipped)
    annex = doc.tables[-1]
    # The table sits in the landscape section: after the section break.
    body = list(doc.element.body.iterchildren())
    brk = next(i for i, el in enumerate(body) if el.find(f".//{qn('w:sectPr')}") is not None)
    assert body.index(annex._tbl) > brk
    header = annex.rows[0]
    assert [c.text for c in header.cells] == [
        "序号", "活动主题", "活动内容", "时间安排", "牵头部门", "协办单位", "备注", "完成情况",
    ]  # fmt: skip
    assert header._tr.trPr is not None and header._tr.trPr.find(qn("w:tblHeader")) is not None
    activities = shipped["activities"]
    assert len(annex.rows) == len(activities) + 1
    for row, a in zip(annex.rows[1:], activities, strict=True):
        cells = [c.text for c in row.cells]
        assert cells[:7] == [
            str(a["id"]), a["theme"], a["content"], a["schedule"], a["lead"],
            "、".join(a["assist"]), a["remark"],
        ]  # fmt: skip
        if a["last_note"]:
            assert a["last_note"] in cells[7]
    by_id = {a["id"]: row for a, row in zip(activities, annex.rows[1:], strict=True)}
    assert by_id[3].cells[7].text.startswith("10月7日逾期完成")
    assert by_id[1].cells[7].text.startswith("已于9月25日完成")
    assert by_id[12].cells[7].text == "未开始"
    # Fixed layout; the grid and every cell carry the widths, filling the landscape type area.
    tbl_pr = annex._tbl.tblPr
    assert tbl_pr.find(f"{qn('w:tblLayout')}").get(qn("w:type")) == "fixed"
    grid = [int(g.get(qn("w:w"))) for g in annex._tbl.tblGrid.iter(qn("w:gridCol"))]
    assert abs(sum(grid) - Mm(297 - 35 - 37).twips) <= 2
    for row in annex.rows:
        widths = [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in row._tr.tc_lst]
        assert widths == grid


def test_hostile_and_control_text_is_literal_text(shipped: Doc) -> None:
    doc = copy.deepcopy(shipped)
    doc["activities"][0]["last_note"] = HOSTILE
    doc["activities"][0]["theme"] = HOSTILE
    doc["notes"].append(
        {"v": 1, "event": "f" * 32, "activity": 1, "action": "note", "date": "2023-09-29",
         "note": HOSTILE, "by": "<b>", "recorded_at": "2023-09-29T10:00:00+08:00"}
    )  # fmt: skip
    doc["campaign"]["report_to"] = "质量监督科\x1b"
    data = render_report(doc, {"font_body": 'F"<&', "font_title": "T\x00"})
    xml = document_xml(data)
    assert not CONTROL.search(xml)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            assert not CONTROL.search(zf.read(name).decode("utf-8")), name
    read_back = read(data)
    literal = clean(HOSTILE)
    assert literal == "<w:t>x</w:t> ]]> &amp; =cmd|' /C calc'!A0 {PAGE} [31m红[0m"
    texts = [p.text for p in read_back.paragraphs]
    (line,) = [t for t in texts if t.startswith("1.<w:t>")]  # 二: theme, then the note
    assert line.count(literal) == 2
    assert read_back.tables[-1].rows[1].cells[1].text == literal
    assert literal in read_back.tables[-1].rows[1].cells[7].text
    assert "质量监督科：" in texts
    # No field other than the page numbers, no element smuggled in by the text.
    assert xml.count("<w:instrText") == 0
    assert east_asian_font(read_back, read_back.paragraphs[3]) == 'F"<&'


def test_undated_and_absent_fields_are_reported_not_dropped() -> None:
    acts = [
        activity(1, status="done", done_on="2023-09-20", last_note="完成"),
        activity(2, schedule="待定", start=None, end=None, last_note="等待上级通知"),
        activity(3, schedule="6月、9月", periods=[["2023-06-01", "2023-06-30"],
                                                ["2023-09-01", "2023-09-30"]],
                 overdue=True, status="doing", percent=30),
    ]  # fmt: skip
    doc = synthetic(acts)  # no "undated" key: the writer finds activity 2 itself
    doc["campaign"] = {"name": "安全生产月", "year": 2023}
    read_back = render(doc)
    texts = [p.text for p in read_back.paragraphs]
    assert texts[0] == "关于安全生产月开展情况的报告"
    assert texts[2].startswith(
        "根据《关于印发安全生产月活动方案的通知》要求，我单位组织开展了安全生产月。"
    )
    assert not any(t.endswith("：") and len(t) < 12 for t in texts[:3])  # no recipient line
    headings = [p.text for p in by_style(read_back, "Heading 2")]
    assert headings[-2:] == ["（一）逾期未完成事项", "（二）时间未定事项"]
    part3 = "\n".join(texts[texts.index("三、存在问题") : texts.index("四、下一步工作")])
    assert "活动主题2" in part3 and "待定" in part3 and "等待上级通知" in part3
    assert "活动主题3" in part3 and "已逾期8天" in part3
    assert "其中1项活动时间未定" in texts[texts.index("一、总体情况") + 1]
    first = first_section_paragraphs(read_back)
    assert first[-1].text == "2023年10月8日" and "附件：活动计划安排表完成情况" in texts
    # With "undated" given, that list is the one used.
    given = render(doc | {"undated": [acts[0]]})
    part3 = [p.text for p in given.paragraphs]
    assert any("活动主题1" in t and "时间安排：9月" in t for t in part3)


def test_an_empty_scope_still_makes_a_whole_report() -> None:
    doc = synthetic([], by_department=[], overdue=[])
    read_back = render(doc)
    texts = [p.text for p in read_back.paragraphs]
    assert "截至2023年10月8日，本次活动没有需要报告的活动。" in texts
    assert len(read_back.tables) == 1 and len(read_back.tables[0].rows) == 1


def test_english_labels_keep_the_official_layout(shipped: Doc) -> None:
    doc = render(shipped, lang="en")
    assert [p.text for p in by_style(doc, "Heading 1")] == [
        "I. Overview", "II. Progress by department", "III. Problems", "IV. Next steps", "Annex",
    ]  # fmt: skip
    assert first_section_paragraphs(doc)[-1].text == "8 October 2023"
    assert doc.sections[1].orientation == WD_ORIENT.LANDSCAPE
    assert east_asian_font(doc, doc.paragraphs[0]) == "方正小标宋简体"


def test_same_document_same_bytes(shipped: Doc) -> None:
    assert render_report(shipped, {}) == render_report(copy.deepcopy(shipped), {})
    with zipfile.ZipFile(io.BytesIO(render_report(shipped, {}))) as zf:
        core = zf.read("docProps/core.xml").decode("utf-8")
    assert "python-docx" not in core


def test_ten_thousand_activities_build() -> None:
    acts = [
        activity(i, lead=f"部门{i % 10}", status=("todo", "doing", "done")[i % 3],
                 last_note=f"第{i}条进展" if i % 2 else None)
        for i in range(1, 10_001)
    ]  # fmt: skip
    doc = synthetic(acts)
    read_back = render(doc)
    assert len(read_back.tables[-1].rows) == 10_001
    assert read_back.tables[-1].rows[-1].cells[1].text == "活动主题10000"


@pytest.mark.parametrize(
    ("n", "words"),
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九"), (100, "一百"),
     (101, "一百零一"), (110, "一百一十"), (1010, "一千零一十"), (1100, "一千一百")],
)  # fmt: skip
def test_chinese_numbers_for_headings(n: int, words: str) -> None:
    assert cn_number(n) == words


# --------------------------------------------------------------------------- LibreOffice


def _need(program: str) -> str:
    found = shutil.which(program)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{program} is required under CI")
        pytest.skip(f"{program} is not installed")
    return found


@pytest.fixture(scope="module")
def pdf(shipped: Doc, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped report, with a hostile note on activity 12, as LibreOffice prints it."""
    soffice = _need("soffice")
    _need("pdftotext")
    _need("pdfinfo")
    tmp = tmp_path_factory.mktemp("docx-pdf")
    doc = copy.deepcopy(shipped)
    doc["activities"][-1]["last_note"] = HOSTILE
    source = tmp / "report.docx"
    source.write_bytes(render_report(doc, {}))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp), str(source)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    out = tmp / "report.pdf"
    assert out.exists()
    return out


def page_sizes(path: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return [
        (float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    ]


def page_text(path: Path, page: int, *extra: str) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), *extra, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


Words = list[tuple[float, float, float, str]]


def page_words(path: Path, page: int) -> Words:
    """(xMin, yMin, xMax, word) of every word on ``page``."""
    html = page_text(path, page, "-bbox")
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
        html,
    )
    return [(float(a), float(b), float(c), w) for a, b, c, w in found]


def test_pdf_pages_portrait_then_landscape_none_blank(pdf: Path) -> None:
    sizes = page_sizes(pdf)
    portrait = [i for i, (w, h) in enumerate(sizes, 1) if w < h]
    landscape = [i for i, (w, h) in enumerate(sizes, 1) if w > h]
    # The shipped report: three to six pages of text, then the 12 rows of the annex on two to
    # four landscape pages (the counts move with the fonts a machine has).
    assert 3 <= len(portrait) <= 6 and 2 <= len(landscape) <= 4, sizes
    assert portrait == list(range(1, len(portrait) + 1)), "the annex comes last"
    # The signature is never alone: its page holds the 附件 line and the issuer too.
    ending = squeeze(page_text(pdf, portrait[-1]))
    assert "附件：活动计划安排表完成情况永安市市场监督管理局2023年10月8日" in ending
    assert all(abs(w - 595.3) < 1 and abs(h - 841.9) < 1 for w, h in sizes[: len(portrait)])
    for page in range(1, len(sizes) + 1):
        text = page_text(pdf, page)
        assert squeeze(text.replace("—", "")) != str(page), f"page {page} is blank"
        assert f"—{page}—" in squeeze(text), page
    assert squeeze(page_text(pdf, landscape[0])).startswith("附件活动计划安排表完成情况")
    header = [
        "序号",
        "活动主题",
        "活动内容",
        "时间安排",
        "牵头部门",
        "协办单位",
        "备注",
        "完成情况",
    ]
    for page in landscape:  # the header row on every page of the annex
        text = squeeze(page_text(pdf, page))
        assert all(h in text for h in header), page
    assert not any("协办单位" in page_text(pdf, p) for p in portrait)


def test_pdf_text_has_title_totals_and_every_theme(pdf: Path, shipped: Doc) -> None:
    pages = len(page_sizes(pdf))
    text = squeeze("".join(page_text(pdf, p) for p in range(1, pages + 1)))
    assert text.startswith("关于2023年“质量月”活动开展情况的报告质量监督科：根据")
    totals = shipped["totals"]
    assert (
        f"共{totals['activities']}项：已完成{totals['done']}项" in text
        and f"完成率为{totals['completion_rate'] * 100:.0f}%" in text
    )
    assert "附件：活动计划安排表完成情况" in text
    for a in shipped["activities"]:
        assert squeeze(a["theme"]) in text
    assert squeeze(clean(HOSTILE)) in text


def test_pdf_body_lines_are_on_the_22_line_grid(pdf: Path) -> None:
    """Page 2 is all body text: 22 lines, 28.95 pt apart; the page number is below the type
    area, right on odd pages and left on even ones."""
    width, height = page_sizes(pdf)[0]
    bottom = height - 35 / 25.4 * 72
    for page in (1, 2):
        words = page_words(pdf, page)
        tops = sorted({round(y, 1) for _, y, _, _ in words if y < bottom})
        footer = [(x0, x1) for x0, y, x1, w in words if y > bottom]
        assert footer, page
        if page == 1:
            assert min(x0 for x0, _ in footer) > width / 2
            continue
        assert max(x1 for _, x1 in footer) < width / 2
        lines = [tops[0]]
        for y in tops[1:]:
            if y - lines[-1] > 5:
                lines.append(y)
        assert len(lines) == 22
        gaps = [b - a for a, b in itertools.pairwise(lines)]
        assert all(abs(g - 28.95) < 0.6 for g in gaps), gaps

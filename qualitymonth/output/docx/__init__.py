"""The Word report the section submits (``qm report --format docx``).

The layout is that of GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm, the title in
2号小标宋, the body in 3号仿宋 on a grid of 22 lines a page, headings 一、 in 黑体 and （一） in
楷体, page numbers "— 1 —" in 4号宋体 (odd pages right, even pages left), the issuer and the date
at the end; then the plan's table, with a 完成情况 column, as the 附件 on landscape pages.

The package is written part by part (no template): every byte is ours, the same document always
gives the same bytes, and 10,000 activities take well under a second.  All text from the plan
and the journal goes through :func:`clean` and :func:`_esc`: it is text, never markup.

The package is split by part: :mod:`.words` (safe text, dates, numbers, status phrases),
:mod:`.ooxml` (the measures and the WordprocessingML pieces), :mod:`.body` (the report's
sections), :mod:`.annex` (the 附件 table) and :mod:`.parts` (the other package parts and the zip).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qualitymonth.i18n import Lang
from qualitymonth.output.docx.body import _Body
from qualitymonth.output.docx.ooxml import DEFAULT_FONT_BODY, DEFAULT_FONT_TITLE
from qualitymonth.output.docx.parts import (
    _app,
    _content_types,
    _core,
    _document_rels,
    _font_table,
    _footer,
    _package_rels,
    _settings,
    _styles,
    package,
)
from qualitymonth.output.docx.words import (
    _date,
    _f,
    clean,
    cn_number,
    long_date,
    month_label,
    short_date,
)

__all__ = [
    "DEFAULT_FONT_BODY",
    "DEFAULT_FONT_TITLE",
    "clean",
    "cn_number",
    "long_date",
    "month_label",
    "render_report",
    "short_date",
]


def render_report(doc: Mapping[str, Any], options: Mapping[str, Any]) -> bytes:
    """The report ``doc`` (the ``qm report --format json`` object plus ``activities``) as a
    .docx file.  ``options``: ``lang`` ("zh" or "en"), ``font_body``, ``font_title``."""
    lang: Lang = "en" if options.get("lang") == "en" else "zh"
    font_body = clean(options.get("font_body")).strip() or DEFAULT_FONT_BODY
    font_title = clean(options.get("font_title")).strip() or DEFAULT_FONT_TITLE
    campaign: Mapping[str, Any] = doc.get("campaign") or {}
    as_of = _date(doc.get("as_of"))
    title = _f("docx_title", lang, name=clean(campaign.get("name")))
    body = _Body(doc, lang).build()
    parts = {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _package_rels(),
        "docProps/core.xml": _core(title, campaign, as_of, lang),
        "docProps/app.xml": _app(campaign),
        "word/document.xml": body,
        "word/_rels/document.xml.rels": _document_rels(),
        "word/styles.xml": _styles(font_body, font_title),
        "word/settings.xml": _settings(),
        "word/fontTable.xml": _font_table(font_body, font_title),
        "word/footer1.xml": _footer(odd=True),
        "word/footer2.xml": _footer(odd=False),
    }
    return package(parts, as_of)

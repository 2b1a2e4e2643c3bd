"""The parts of the .docx package around the document: content types, relationships,
properties, styles, settings, the font table and the page-number footers; and the zip."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from qualitymonth.i18n import Lang
from qualitymonth.output.docx.ooxml import (
    BODY_SIZE,
    DECL,
    FONT_HEADING_1,
    FONT_HEADING_2,
    FONT_PAGE_NUMBER,
    LINE_PITCH,
    NO_INDENT,
    PAGE_NUMBER_SIZE,
    PKG_REL,
    R_NS,
    REL,
    TABLE_LINE,
    TABLE_SIZE,
    TITLE_SIZE,
    W_NS,
    _rfonts,
    _run,
)
from qualitymonth.output.docx.words import _esc


def package(parts: Mapping[str, str], as_of: date | None) -> bytes:
    """The parts zipped as a .docx, every entry stamped with ``as_of``: the same parts always
    give the same bytes."""
    stamp = (as_of.year, as_of.month, as_of.day, 0, 0, 0) if as_of else (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, xml.encode("utf-8"), compresslevel=1)
    return out.getvalue()


def _content_types() -> str:
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = [
        ("/word/document.xml", f"{main}.document.main+xml"),
        ("/word/styles.xml", f"{main}.styles+xml"),
        ("/word/settings.xml", f"{main}.settings+xml"),
        ("/word/fontTable.xml", f"{main}.fontTable+xml"),
        ("/word/footer1.xml", f"{main}.footer+xml"),
        ("/word/footer2.xml", f"{main}.footer+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        ),
    ]
    items = "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in overrides)
    return (
        f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{items}</Types>"
    )


def _rels(items: Sequence[tuple[str, str, str]]) -> str:
    body = "".join(f'<Relationship Id="{i}" Type="{kind}" Target="{to}"/>' for i, kind, to in items)
    return f'{DECL}<Relationships xmlns="{PKG_REL}">{body}</Relationships>'


def _package_rels() -> str:
    return _rels(
        [
            ("rId1", f"{REL}/officeDocument", "word/document.xml"),
            ("rId2", f"{PKG_REL}/metadata/core-properties", "docProps/core.xml"),
            ("rId3", f"{REL}/extended-properties", "docProps/app.xml"),
        ]
    )


def _document_rels() -> str:
    return _rels(
        [
            ("rIdStyles", f"{REL}/styles", "styles.xml"),
            ("rIdSettings", f"{REL}/settings", "settings.xml"),
            ("rIdFonts", f"{REL}/fontTable", "fontTable.xml"),
            ("rIdFooterOdd", f"{REL}/footer", "footer1.xml"),
            ("rIdFooterEven", f"{REL}/footer", "footer2.xml"),
        ]
    )


def _core(title: str, campaign: Mapping[str, Any], as_of: date | None, lang: Lang) -> str:
    issuer = _esc(campaign.get("issuer"))
    stamp = f"{as_of.isoformat()}T00:00:00Z" if as_of else ""
    when = (
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        if stamp
        else ""
    )
    return (
        f"{DECL}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_esc(title)}</dc:title><dc:subject>{_esc(campaign.get('name'))}</dc:subject>"
        f"<dc:creator>{issuer}</dc:creator><cp:keywords>{_esc(campaign.get('doc_no'))}"
        f"</cp:keywords><dc:language>{'zh-CN' if lang == 'zh' else 'en'}</dc:language>"
        f"<cp:lastModifiedBy>{issuer}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f"{when}</cp:coreProperties>"
    )


def _app(campaign: Mapping[str, Any]) -> str:
    return (
        f"{DECL}<Properties "
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>qm</Application><DocSecurity>0</DocSecurity>"
        f"<Company>{_esc(campaign.get('issuer'))}</Company></Properties>"
    )


def _styles(font_body: str, font_title: str) -> str:
    lang_xml = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    body_font = _rfonts(font_body)
    spacing = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
    size = f'<w:sz w:val="{BODY_SIZE}"/><w:szCs w:val="{BODY_SIZE}"/>'

    def heading(style_id: str, name: str, font: str, level: int) -> str:
        return (
            f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/>'
            "<w:qFormat/><w:pPr><w:keepNext/>"
            f'<w:outlineLvl w:val="{level}"/></w:pPr><w:rPr>{_rfonts(font)}'
            '<w:b w:val="0"/><w:bCs w:val="0"/></w:rPr></w:style>'
        )

    return (
        f'{DECL}<w:styles xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        f"<w:docDefaults><w:rPrDefault><w:rPr>{body_font}"
        f"{size}{lang_xml}</w:rPr></w:rPrDefault>"
        f"<w:pPrDefault><w:pPr>{spacing}</w:pPr></w:pPrDefault></w:docDefaults>"
        # 正文: 3号仿宋, two characters in, the 22-line grid, both edges justified, and no
        # widow control (it would leave 21 lines on a page).
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:qFormat/><w:pPr><w:widowControl w:val="0"/>'
        f'{spacing}<w:ind w:firstLineChars="200" w:firstLine="640"/>'
        f'<w:jc w:val="both"/></w:pPr><w:rPr>{body_font}{size}{lang_xml}</w:rPr></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>"
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>'
        '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        # 标题: 2号小标宋, centred.
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="10"/><w:qFormat/>'
        f'<w:pPr>{NO_INDENT}<w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>'
        f'<w:rPr>{_rfonts(font_title)}<w:sz w:val="{TITLE_SIZE}"/>'
        f'<w:szCs w:val="{TITLE_SIZE}"/></w:rPr></w:style>'
        + heading("Heading1", "heading 1", FONT_HEADING_1, 0)
        + heading("Heading2", "heading 2", FONT_HEADING_2, 1)
        # Table text: 小四, off the line grid (or every line would take 29 pt).
        + '<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText">'
        '<w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>'
        f'<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="{TABLE_LINE}" '
        f'w:lineRule="exact"/>{NO_INDENT}<w:jc w:val="left"/></w:pPr><w:rPr>'
        f'<w:sz w:val="{TABLE_SIZE}"/><w:szCs w:val="{TABLE_SIZE}"/></w:rPr></w:style>'
        # 页码: 4号宋体.
        '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/>'
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr>'
        '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" '
        f'w:lineRule="auto"/>{NO_INDENT}</w:pPr><w:rPr>{_rfonts(FONT_PAGE_NUMBER)}'
        f'<w:sz w:val="{PAGE_NUMBER_SIZE}"/><w:szCs w:val="{PAGE_NUMBER_SIZE}"/></w:rPr>'
        "</w:style></w:styles>"
    )


def _settings() -> str:
    return (
        f'{DECL}<w:settings xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>'
        '<w:characterSpacingControl w:val="compressPunctuation"/>'
        "<w:compat><w:useFELayout/>"
        '<w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


# The fonts' classes, so that Word and WPS pick a like font where one is missing.
_PANOSE = {
    "仿宋_GB2312": ("02010609030101010101", "modern", "仿宋"),
    "仿宋": ("02010609060101010101", "modern", "FangSong"),
    "楷体_GB2312": ("02010609030101010101", "modern", "楷体"),
    "黑体": ("02010609060101010101", "modern", "SimHei"),
    "宋体": ("02010600030101010101", "auto", "SimSun"),
    "方正小标宋简体": ("02000000000000000000", "auto", "FZXiaoBiaoSong-B05S"),
}


def _font_table(font_body: str, font_title: str) -> str:
    names = dict.fromkeys([font_body, font_title, FONT_HEADING_1, FONT_HEADING_2, FONT_PAGE_NUMBER])
    fonts = []
    for name in names:
        panose, family, alt = _PANOSE.get(name, ("", "auto", ""))
        fonts.append(
            f'<w:font w:name="{_esc(name)}">'
            + (f'<w:altName w:val="{_esc(alt)}"/>' if alt else "")
            + (f'<w:panose1 w:val="{panose}"/>' if panose else "")
            + f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="variable"/>'
            "</w:font>"
        )
    return f'{DECL}<w:fonts xmlns:w="{W_NS}" xmlns:r="{R_NS}">{"".join(fonts)}</w:fonts>'


def _footer(*, odd: bool) -> str:
    """ "— 1 —": a PAGE field between two 一字线, one character in from the outer edge."""
    ind = '<w:ind w:right="280"/>' if odd else '<w:ind w:left="280"/>'
    jc = "right" if odd else "left"
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r><w:t>{1 if odd else 2}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    return (
        f'{DECL}<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/>'
        f'{ind}<w:jc w:val="{jc}"/></w:pPr>{_run("— ")}{field}{_run(" —")}</w:p></w:ftr>'
    )

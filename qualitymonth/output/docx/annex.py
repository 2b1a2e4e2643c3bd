"""The 附件: the plan's table with a 完成情况 column, on the landscape pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from qualitymonth.i18n import Lang
from qualitymonth.output.docx.ooxml import (
    ANNEX_JC,
    ANNEX_MM,
    KEEP_ROW_LINES,
    LANDSCAPE_WIDTH,
    NO_INDENT,
    _cell,
    _lines,
    _p,
    _row,
    _run,
    _table,
)
from qualitymonth.output.docx.words import _f, _sentence_end, _status, clean


def annex(activities: Sequence[Mapping[str, Any]], year: int | None, lang: Lang) -> list[str]:
    """The 附件's label, title and table, and the paragraph Word needs after a table."""
    out = [
        _p(_f("docx_annex_label", lang), "Heading1", NO_INDENT),
        _p(_f("docx_annex_title", lang), "Title"),
    ]
    widths = [round(mm * 1440 / 25.4) for mm in ANNEX_MM]
    widths[2] += LANDSCAPE_WIDTH - sum(widths)
    keys = ("id", "theme", "content", "schedule", "lead", "assist", "remark")
    header = [_f(k, lang) for k in keys] + [_f("docx_col_completion", lang)]
    rows = [
        _row(
            [_cell(h, widths[i], "center", header=True) for i, h in enumerate(header)],
            header=True,
        )
    ]
    rows += [_annex_row(a, widths, year, lang) for a in activities]
    out.append(_table(widths, rows))
    # Word needs a paragraph after a table; a 1 pt one cannot push a page over.
    out.append(
        '<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="20" w:lineRule="exact"/>'
        f'{NO_INDENT}</w:pPr><w:r><w:rPr><w:sz w:val="2"/></w:rPr><w:t></w:t></w:r></w:p>'
    )
    return out


def _annex_row(a: Mapping[str, Any], widths: Sequence[int], year: int | None, lang: Lang) -> str:
    """One activity's row, kept on one page unless it is too tall for one."""
    sep = "、" if lang == "zh" else ", "
    assist = a.get("assist")
    assist_text = sep.join(clean(x) for x in assist) if isinstance(assist, list) else ""
    status = _status(a, year, lang)
    note = _sentence_end(clean(a.get("last_note")))
    texts = [clean(a.get(k)) for k in ("id", "theme", "content", "schedule", "lead")] + [
        assist_text,
        clean(a.get("remark")),
    ]
    cells = [_cell(x, widths[i], ANNEX_JC[i]) for i, x in enumerate(texts)]
    cells.append(_completion_cell(status, note, widths[7]))
    lines = [_lines(x, w) for x, w in zip(texts, widths, strict=False)]
    lines.append(_lines(status, widths[7]) + (_lines(note, widths[7]) if note else 0))
    return _row(cells, keep=max(lines) <= KEEP_ROW_LINES)


def _completion_cell(status: str, note: str, width: int) -> str:
    """完成情况: the status (and date) on one line, the latest note under it."""
    paras = f'<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>{_run(status)}</w:p>'
    if note:
        paras += f'<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>{_run(note)}</w:p>'
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        f"{paras}</w:tc>"
    )

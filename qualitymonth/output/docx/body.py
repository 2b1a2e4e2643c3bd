"""``word/document.xml``: the report's sections (the title, the overview, each department, the
problems, the next steps, the issuer and the date), then the 附件 section."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from qualitymonth.i18n import Lang
from qualitymonth.output.docx.annex import annex
from qualitymonth.output.docx.ooxml import (
    BODY_SIZE,
    DECL,
    DEPT_WIDTHS,
    NO_INDENT,
    R_NS,
    W_NS,
    _cell,
    _p,
    _row,
    _run,
    _sect,
    _table,
)
from qualitymonth.output.docx.words import (
    _date,
    _f,
    _heading_number,
    _int,
    _norm,
    _percent,
    _periods,
    _plan_name,
    _sentence_end,
    _status,
    _width,
    clean,
    long_date,
    month_label,
    short_date,
)


class _Body:
    """``word/document.xml``: the report's sections, then the 附件 section."""

    def __init__(self, doc: Mapping[str, Any], lang: Lang) -> None:
        self.doc = doc
        self.lang = lang
        self.campaign: Mapping[str, Any] = doc.get("campaign") or {}
        year = self.campaign.get("year")
        self.year = year if isinstance(year, int) else None
        self.as_of = _date(doc.get("as_of"))
        self.as_of_text = long_date(self.as_of, lang) if self.as_of else clean(doc.get("as_of"))
        self.activities: list[Mapping[str, Any]] = [
            a for a in doc.get("activities") or [] if isinstance(a, Mapping)
        ]
        self.totals: Mapping[str, Any] = doc.get("totals") or {}
        # Each note of the period, put into words once: "9月14日，电子屏开始滚动播放…".
        self.notes: dict[object, list[str]] = {}
        for e in doc.get("notes") or []:
            note = _sentence_end(clean(e.get("note"))) if isinstance(e, Mapping) else ""
            if note:
                d = _date(e.get("date"))
                when = short_date(d, self.year, lang) if d else ""
                item = _f("docx_note", lang, date=when, note=note) if when else note
                self.notes.setdefault(e.get("activity"), []).append(item)
        self._progress: dict[object, str] = {}
        self.out: list[str] = []

    def progress(self, a: Mapping[str, Any]) -> str:
        """The notes of the period, by date; else the latest note; else nothing."""
        key = a.get("id")
        if key not in self._progress:
            items = self.notes.get(key)
            if items:
                text = _f("docx_notes_sep", self.lang).join(items) + _f("docx_stop", self.lang)
            else:
                latest = _sentence_end(clean(a.get("last_note")))
                text = _f("docx_latest", self.lang, note=latest) if latest else ""
            self._progress[key] = text
        return self._progress[key]

    # -- helpers

    def para(self, text: object = "", style: str = "", ppr: str = "", rpr: str = "") -> None:
        self.out.append(_p(text, style, ppr, rpr))

    def blank(self) -> None:
        self.out.append("<w:p/>")

    def heading1(self, key: str) -> None:
        self.para(_f(key, self.lang), "Heading1")

    def heading2(self, n: int, text: str) -> None:
        self.para(_heading_number(n, self.lang) + text, "Heading2")

    # -- sections

    def build(self) -> str:
        self.front()
        self.overview()
        self.departments()
        self.problems()
        self.next_steps()
        self.ending()
        self.out += annex(self.activities, self.year, self.lang)
        return (
            f'{DECL}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
            f"{''.join(self.out)}{_sect(landscape=True, new_page=True)}</w:body></w:document>"
        )

    def front(self) -> None:
        lang, c = self.lang, self.campaign
        self.para(_f("docx_title", lang, name=clean(c.get("name"))), "Title")
        self.blank()
        report_to = clean(c.get("report_to")).strip()
        if report_to:
            self.para(_f("docx_recipient", lang, to=report_to), ppr=NO_INDENT)
        self.para(self.opening())

    def opening(self) -> str:
        lang, c = self.lang, self.campaign
        name = clean(c.get("name")).strip()
        doc_no = clean(c.get("doc_no")).strip()
        issuer = clean(c.get("issuer")).strip()
        theme = clean(c.get("theme")).strip()
        cite = _f(
            "docx_cite",
            lang,
            plan=_plan_name(name, lang),
            doc_no=_f("docx_doc_no", lang, doc_no=doc_no) if doc_no else "",
        )
        carried = _f(
            "docx_carried_out",
            lang,
            issuer=issuer or _f("docx_we", lang),
            theme=_f("docx_theme", lang, theme=theme) if theme else "",
            name=name,
        )
        scope: Mapping[str, Any] = self.doc.get("scope") or {}
        words = ""
        if scope.get("dept"):
            words += _f("docx_scope_dept", lang, dept=clean(scope["dept"]))
        if scope.get("month"):
            words += _f("docx_scope_month", lang, month=month_label(scope["month"], lang))
        words += _f("docx_scope_as_of", lang, date=self.as_of_text)
        return cite + carried + _f("docx_report_as_follows", lang, scope=words)

    def overview(self) -> None:
        lang, totals = self.lang, self.totals
        self.heading1("docx_h_totals")
        scope: Mapping[str, Any] = self.doc.get("scope") or {}
        month = month_label(scope["month"], lang) if scope.get("month") else ""
        dept = clean(scope.get("dept") or "")
        if month and dept:
            words = _f("docx_totals_month_dept", lang, month=month, dept=dept)
        elif dept:
            words = _f("docx_totals_dept", lang, dept=dept)
        elif month:
            words = _f("docx_totals_month", lang, month=month)
        else:
            words = _f("docx_totals_all", lang)
        n = _int(totals.get("activities"))
        if n == 0:
            self.para(_f("docx_totals_none", lang, date=self.as_of_text, scope=words))
            return
        done, late = _int(totals.get("done")), _int(totals.get("late"))
        text = _f(
            "docx_totals",
            lang,
            date=self.as_of_text,
            scope=words,
            n=n,
            done=done,
            on_time=done - late,
            late=late,
            doing=_int(totals.get("doing")),
            todo=_int(totals.get("todo")),
            overdue=_int(totals.get("overdue")),
            rate=_percent(totals.get("completion_rate")),
        )
        undated = self.undated()
        if undated:
            text += _f("docx_undated_count", lang, n=len(undated))
        self.para(text)

    def undated(self) -> list[Mapping[str, Any]]:
        given = self.doc.get("undated")
        if isinstance(given, list):
            return [a for a in given if isinstance(a, Mapping)]
        return [a for a in self.activities if not _periods(a)]

    def departments(self) -> None:
        lang = self.lang
        self.heading1("docx_h_departments")
        rows: list[Mapping[str, Any]] = [
            r for r in self.doc.get("by_department") or [] if isinstance(r, Mapping)
        ]
        if rows:
            self.para(_f("docx_dept_intro", lang))
            self.out.append(self.count_table(rows))
        # Each activity under its lead department, in by_department order; a lead that names
        # no row (an alias) gets its own group, and notes on no listed activity a last one.
        groups: dict[str, tuple[str, Mapping[str, Any] | None, list[Mapping[str, Any]]]] = {}
        for r in rows:
            groups.setdefault(_norm(r.get("department")), (clean(r.get("department")), r, []))
        for a in self.activities:
            key = _norm(a.get("lead"))
            groups.setdefault(key, (clean(a.get("lead")), None, []))[2].append(a)
        known = {a.get("id") for a in self.activities}
        stray = [(i, item) for i, items in self.notes.items() if i not in known for item in items]
        n = 0
        for name, row, acts in groups.values():
            n += 1
            self.heading2(n, name)
            if row is not None:
                self.para(self.dept_summary(row))
            if not acts:
                continue
            if not any(self.notes.get(a.get("id")) or a.get("last_note") for a in acts):
                self.para(_f("docx_no_notes", lang))
            for k, a in enumerate(acts, 1):
                self.para(
                    _f(
                        "docx_activity",
                        lang,
                        k=k,
                        theme=_sentence_end(clean(a.get("theme"))),
                        id=clean(a.get("id")),
                        status=_status(a, self.year, lang),
                        progress=self.progress(a),
                    )
                )
        if stray:
            self.heading2(n + 1, _f("docx_other", lang))
            for i, item in stray:
                self.para(f"{clean(i)}. {item}{_f('docx_stop', lang)}")

    def dept_summary(self, row: Mapping[str, Any]) -> str:
        return _f(
            "docx_dept_summary",
            self.lang,
            n=_int(row.get("activities")),
            done=_int(row.get("done")),
            late=_int(row.get("late")),
            doing=_int(row.get("doing")),
            todo=_int(row.get("todo")),
            overdue=_int(row.get("overdue")),
            rate=_percent(row.get("completion_rate")),
        )

    def count_table(self, rows: Sequence[Mapping[str, Any]]) -> str:
        lang, w = self.lang, DEPT_WIDTHS
        fields = ("activities", "done", "doing", "todo", "overdue", "late")
        header = [_f("docx_col_lead", lang), *(_f(f"docx_col_{f}", lang) for f in fields)]
        header.append(_f("docx_col_rate", lang))

        def line(label: str, counts: Mapping[str, Any]) -> str:
            cells = [_cell(label, w[0])]
            cells += [_cell(_int(counts.get(f)), w[i + 1], "center") for i, f in enumerate(fields)]
            cells.append(_cell(_percent(counts.get("completion_rate")), w[-1], "center"))
            return _row(cells)

        out = [
            _row([_cell(h, w[i], "center", header=True) for i, h in enumerate(header)], header=True)
        ]
        out += [line(clean(r.get("department")), r) for r in rows]
        out.append(line(_f("total", lang), self.totals))
        return _table(w, out)

    def problems(self) -> None:
        lang = self.lang
        self.heading1("docx_h_problems")
        overdue = [a for a in self.doc.get("overdue") or [] if isinstance(a, Mapping)]
        undated = self.undated()
        skip = {a.get("id") for a in overdue} | {a.get("id") for a in undated}
        todo = [a for a in self.activities if a.get("status") == "todo" and a.get("id") not in skip]
        lists = [
            ("docx_h_overdue", overdue, True),
            ("docx_h_todo", todo, False),
            ("docx_h_undated", undated, False),
        ]
        n = 0
        for key, acts, late in lists:
            if not acts:
                continue
            n += 1
            self.heading2(n, _f(key, lang))
            for k, a in enumerate(acts, 1):
                status = _status(a, self.year, lang)
                end = _date(a.get("end"))
                if late and end and self.as_of:
                    days = (self.as_of - end).days
                    status += _f("docx_list_sep", lang) + _f("docx_days_overdue", lang, n=days)
                progress = self.progress(a)
                self.para(
                    _f(
                        "docx_problem",
                        lang,
                        k=k,
                        theme=_sentence_end(clean(a.get("theme"))),
                        id=clean(a.get("id")),
                        lead=clean(a.get("lead")),
                        schedule=clean(a.get("schedule")).strip() or _f("docx_undated", lang),
                        status=status,
                        progress=progress or _f("docx_no_progress", lang),
                    )
                )
        if n == 0:
            self.para(_f("docx_no_problems", lang, date=self.as_of_text))

    def next_steps(self) -> None:
        self.heading1("docx_h_next")
        self.para(
            _f("docx_next_placeholder", self.lang),
            ppr="<w:keepNext/>",
            rpr='<w:highlight w:val="yellow"/>',
        )

    def ending(self) -> None:
        """附件 note, then the issuer centred over the date, the date four characters from the
        right edge (GB/T 9704 7.3.5.2), the first section ending with the date.  The block
        keeps with the date, so the date never stands alone on a page."""
        keep = "<w:keepNext/>"
        self.out.append(f"<w:p><w:pPr>{keep}</w:pPr></w:p>")
        self.para(_f("docx_annex_note", self.lang), ppr=keep)
        self.out.append(f"<w:p><w:pPr>{keep}</w:pPr></w:p>" * 2)
        issuer = clean(self.campaign.get("issuer")).strip()
        date_text = self.as_of_text
        date_w, issuer_w = _width(date_text), _width(issuer)
        date_indent = 4 * BODY_SIZE * 10
        issuer_indent = max(0, date_indent + round((date_w - issuer_w) / 2 * BODY_SIZE * 10))
        right = '<w:ind w:right="{}" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>'
        if issuer:
            self.para(issuer, ppr=keep + right.format(issuer_indent))
        sect = _sect(landscape=False, new_page=False)
        self.out.append(
            f"<w:p><w:pPr>{right.format(date_indent)}{sect}</w:pPr>{_run(date_text)}</w:p>"
        )

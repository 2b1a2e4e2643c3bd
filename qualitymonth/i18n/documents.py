"""The words of the files qm writes and reads: the HTML report, the Excel ledger, the Word report
and the progress forms.

key: (zh, en).  Parameters use str.format names; see :func:`qualitymonth.i18n.t`.
"""

TEXT: dict[str, tuple[str, str]] = {
    # ---- html
    "out_status_todo": ("未开始", "not started"),
    "out_status_doing": ("进行中", "in progress"),
    "out_status_done": ("已完成", "done"),
    "out_status_overdue": ("逾期", "overdue"),
    "out_status_late": ("逾期完成", "late"),
    "html_figures": ("主要数字", "Headline figures"),
    "html_activities": ("活动总数", "Activities"),
    "html_status_chart": ("完成情况", "Status"),
    "html_status_summary": (
        "已完成 {done} 项，进行中 {doing} 项，未开始 {todo} 项，其中逾期 {overdue} 项",
        "{done} done, {doing} in progress, {todo} not started; {overdue} of them overdue",
    ),
    "html_timeline": ("时间轴", "Timeline"),
    "html_timeline_cap": (
        "共 {total} 项有日期的活动，图中画出 {shown} 项（逾期和即将到期的优先）。",
        "{total} dated activities; {shown} are drawn (overdue and ending soon first).",
    ),
    "html_ending": ("{days} 天内到期（未完成）", "Ending within {days} days (not done)"),
    "html_undated": ("时间未定", "Undated"),
    "html_more": ("…以及另外 {n} 项", "… and {n} more"),
    "html_more_notes": ("…另有 {n} 条较早的备注", "… and {n} earlier notes"),
    "html_more_departments": ("…以及另外 {n} 个部门", "… and {n} more departments"),
    "html_due_today": ("今天到期", "due today"),
    "html_footer": ("由 qm 生成，数据截至 {as_of}", "Made by qm with the data as of {as_of}"),
    "ics_overdue": ("[逾期] ", "[overdue] "),
    "ics_alarm": ("3 天后到期：{theme}", "Due in 3 days: {theme}"),
    # ---- xlsx
    "xlsx_sheet_ledger": ("台账", "Ledger"),
    "xlsx_sheet_by_department": ("按部门", "By department"),
    "xlsx_sheet_by_month": ("按月份", "By month"),
    "xlsx_title": ("{name}台账（{scope}截至{as_of}）", "{name}: ledger ({scope}as of {as_of})"),
    "xlsx_title_by_department": (
        "{name}各部门完成情况（{scope}截至{as_of}）",
        "{name}: by lead department ({scope}as of {as_of})",
    ),
    "xlsx_title_by_month": (
        "{name}各月完成情况（{scope}截至{as_of}）",
        "{name}: by month ({scope}as of {as_of})",
    ),
    "xlsx_date": ("{y}年{m}月{d}日", "{y}-{m:02d}-{d:02d}"),
    "xlsx_month": ("{y}年{m}月", "{y}-{m:02d}"),
    "xlsx_percent": ("完成进度", "Progress"),
    "xlsx_done_on": ("完成日期", "Done on"),
    "xlsx_last_note": ("完成情况", "Latest note"),
    "xlsx_days_overdue": ("逾期天数", "Days overdue"),
    "xlsx_department": ("部门", "Department"),
    "xlsx_activities": ("活动数", "Activities"),
    "xlsx_total": ("合计", "Total"),
    "xlsx_total_months": ("合计（跨月活动计一次）", "Total (each activity once)"),
    "xlsx_status_todo": ("未开始", "not started"),
    "xlsx_status_doing": ("进行中", "in progress"),
    "xlsx_status_done": ("已完成", "done"),
    "xlsx_status_error": ("请从下拉列表中选择：{labels}", "Choose one of: {labels}"),
    "xlsx_truncated": ("…（已截断）", "… (truncated)"),
    "xlsx_footer": ("第 &P 页，共 &N 页", "Page &P of &N"),
    # ---- docx
    "docx_title": ("关于{name}开展情况的报告", "Report on the {name}"),
    "docx_recipient": ("{to}：", "To: {to}"),
    "docx_plan": ("{name}方案", "{name} Plan"),
    "docx_cite": (
        "根据《关于印发{plan}的通知》{doc_no}要求，",
        "Pursuant to the Notice on Issuing the {plan}{doc_no}, ",
    ),
    "docx_doc_no": ("（{doc_no}）", " ({doc_no})"),
    "docx_we": ("我单位", "this office"),
    "docx_theme": ("围绕“{theme}”主题，", " under the theme “{theme}”"),
    "docx_carried_out": (
        "{issuer}{theme}组织开展了{name}。",
        "{issuer} has carried out the {name}{theme}. ",
    ),
    "docx_report_as_follows": (
        "现将{scope}开展情况报告如下：",
        "The progress {scope} is reported as follows.",
    ),
    "docx_scope_as_of": ("截至{date}的", "as of {date}"),
    "docx_scope_month": ("{month}活动", "of {month} "),
    "docx_scope_dept": ("{dept}", "of {dept} "),
    "docx_h_totals": ("一、总体情况", "I. Overview"),
    "docx_h_departments": ("二、各部门完成情况", "II. Progress by department"),
    "docx_h_problems": ("三、存在问题", "III. Problems"),
    "docx_h_next": ("四、下一步工作", "IV. Next steps"),
    "docx_totals_all": ("本次活动", "the campaign"),
    "docx_totals_month": ("{month}的活动", "the plan for {month}"),
    "docx_totals_dept": ("{dept}牵头或协办的活动", "the activities {dept} leads or assists"),
    "docx_totals_month_dept": (
        "{month}{dept}牵头或协办的活动",
        "the activities of {month} that {dept} leads or assists",
    ),
    "docx_totals": (
        "截至{date}，{scope}共{n}项：已完成{done}项（其中按时完成{on_time}项、逾期完成{late}项），"
        "正在进行{doing}项，尚未开始{todo}项；逾期未完成{overdue}项。完成率为{rate}。",
        "As of {date}, {scope} comprises {n} activities: {done} done ({on_time} on time, {late} "
        "late), {doing} in progress and {todo} not started; {overdue} overdue. Completion rate: "
        "{rate}.",
    ),
    "docx_totals_none": (
        "截至{date}，{scope}没有需要报告的活动。",
        "As of {date}, {scope} has no activities to report.",
    ),
    "docx_undated_count": ("其中{n}项活动时间未定。", " {n} of them are undated."),
    "docx_dept_intro": (
        "各牵头部门完成情况见下表。",
        "The table below gives each lead department's progress.",
    ),
    "docx_dept_summary": (
        "牵头活动{n}项，已完成{done}项（其中逾期完成{late}项），正在进行{doing}项，尚未开始{todo}项，"
        "逾期未完成{overdue}项，完成率{rate}。",
        "Activities led: {n}; done: {done} ({late} late); in progress: {doing}; not started: "
        "{todo}; overdue: {overdue}; completion rate: {rate}.",
    ),
    "docx_activity": (
        "{k}.{theme}（序号{id}，{status}）。{progress}",
        "{k}. {theme} (no. {id}, {status}). {progress}",
    ),
    "docx_problem": (
        "{k}.{theme}（序号{id}，{lead}牵头，时间安排：{schedule}，{status}）。{progress}",
        "{k}. {theme} (no. {id}, led by {lead}, scheduled {schedule}, {status}). {progress}",
    ),
    "docx_note": ("{date}，{note}", "{date}: {note}"),
    "docx_notes_sep": ("；", "; "),
    "docx_list_sep": ("，", ", "),
    "docx_stop": ("。", "."),
    "docx_latest": ("最新进展：{note}。", "Latest: {note}."),
    "docx_no_notes": ("暂无进展情况报送。", "No progress reported."),
    "docx_no_progress": ("尚无进展记录。", "No progress recorded."),
    "docx_other": ("其他", "Other"),
    "docx_status_todo": ("未开始", "not started"),
    "docx_status_doing": ("进行中", "in progress"),
    "docx_status_done": ("已完成", "done"),
    "docx_status_late": ("逾期完成", "late"),
    "docx_status_overdue": ("逾期", "overdue"),
    "docx_done_on": ("已于{date}完成", "done on {date}"),
    "docx_late_on": ("{date}逾期完成", "done late, on {date}"),
    "docx_percent": ("进度{p}%", "{p}% done"),
    "docx_days_overdue": ("已逾期{n}天", "{n} days overdue"),
    "docx_undated": ("时间未定", "undated"),
    "docx_h_overdue": ("逾期未完成事项", "Overdue activities"),
    "docx_h_todo": ("尚未开始事项", "Activities not started"),
    "docx_h_undated": ("时间未定事项", "Undated activities"),
    "docx_no_problems": (
        "截至{date}，没有逾期未完成或尚未开始的活动。",
        "As of {date}, no activity is overdue or not started.",
    ),
    "docx_next_placeholder": ("（请填写下一步工作安排）", "(Write the next steps here.)"),
    "docx_annex_note": ("附件：活动计划安排表完成情况", "Annex: Activity plan and completion"),
    "docx_annex_label": ("附件", "Annex"),
    "docx_annex_title": ("活动计划安排表完成情况", "Activity plan and completion"),
    "docx_col_completion": ("完成情况", "Completion"),
    "docx_col_lead": ("牵头部门", "Lead"),
    "docx_col_activities": ("活动数", "All"),
    "docx_col_done": ("已完成", "Done"),
    "docx_col_doing": ("进行中", "Doing"),
    "docx_col_todo": ("未开始", "To do"),
    "docx_col_overdue": ("逾期", "Overdue"),
    "docx_col_late": ("逾期完成", "Late"),
    "docx_col_rate": ("完成率", "Rate"),
    # ---- forms
    "form_too_big": (
        "文件有 {size} MB，超过 {limit} MB 的上限，未读取；进展填报表不会这么大",
        "the file is {size} MB, over the {limit} MB limit; not read (a progress form is never "
        "that big)",
    ),
    "form_too_many_rows": (
        "表中超过 {limit} 行（到第 {row} 行仍有内容），未读取",
        "the sheet has more than {limit} rows (row {row} still has content); not read",
    ),
    "form_is_dir": ("这是一个文件夹，不是填报表", "this is a folder, not a form"),
    "form_unreadable_file": ("无法打开：{reason}", "cannot open it: {reason}"),
    "form_missing": ("文件不存在", "there is no such file"),
    "form_not_zip": (
        "不是 .xlsx 文件（内容不是 Excel 工作簿）；请用 Excel 或 WPS 另存为 .xlsx 后再发",
        "not an .xlsx file (its content is no Excel workbook); save it as .xlsx in Excel or "
        "WPS and send it again",
    ),
    "form_ole": (
        "是旧版 .xls 文件，或设置了打开密码；请用 Excel 或 WPS 另存为不加密的 .xlsx 后再发",
        "an old .xls file or one with an opening password; save it as an unencrypted .xlsx "
        "and send it again",
    ),
    "form_is_docx": (
        "是 Word 文档，不是 Excel 填报表",
        "a Word document, not an Excel progress form",
    ),
    "form_not_xlsx": ("是压缩包，但不是 Excel 工作簿", "a zip archive, but not an Excel workbook"),
    "form_corrupt": (
        "文件已损坏（{part} 解压校验失败），未读取；请重新保存后再发",
        "the file is damaged ({part} fails its check when unpacked); not read",
    ),
    "form_zip_parts": (
        "压缩包里有 {count} 个部件（上限 {limit}），不像填报表，未读取",
        "the archive holds {count} parts (the limit is {limit}): not a form; not read",
    ),
    "form_zip_bomb": (
        "压缩内容异常（{part} 声称解压后有 {size} MB），疑似压缩炸弹，未读取",
        "suspicious compression ({part} claims {size} MB unpacked): a zip bomb?; not read",
    ),
    "form_zip_ratio": (
        "压缩比异常（{part} 压缩了 {ratio} 倍），疑似压缩炸弹，未读取",
        "suspicious compression ({part} is packed {ratio} times): a zip bomb?; not read",
    ),
    "form_encrypted": (
        "文件中有加密的内容，无法读取",
        "the file holds encrypted parts and cannot be read",
    ),
    "form_unsafe_xml": (
        "文件含有不安全的 XML 内容（{part} 中有 DTD 或实体声明），未读取",
        "the file holds unsafe XML (a DTD or an entity declaration in {part}); not read",
    ),
    "form_unsafe_xml_parser": (
        "文件含有不安全的 XML 内容（DTD 或实体声明），未读取",
        "the file holds unsafe XML (a DTD or an entity declaration); not read",
    ),
    "form_needs_package": (
        "生成和读取进展填报表需要 {package}：请在安装 qm 的环境中运行 pip install {package}",
        "progress forms need {package}: run pip install {package} where qm is installed",
    ),
    "form_unreadable": (
        "无法读取这个 Excel 文件（{reason}）",
        "cannot read this Excel file ({reason})",
    ),
    "form_no_identity": (
        "不是 qm 生成的进展填报表（找不到表的标识）；请用 qm form 生成的表填报",
        "not a progress form made by qm (it carries no form identity); fill in a form made by "
        "qm form",
    ),
    "form_other_plan": (
        "这份表不是按当前计划生成的（表上：{campaign}，{doc_no}，{as_of} 生成）；"
        "如果它属于另一个计划，请用 --plan 指定那个计划文件；如果计划文件改动过，"
        "请用 qm form 重新生成填报表发给{department}",
        "this form was not made from the current plan (it says {campaign}, {doc_no}, made "
        "{as_of}); if it belongs to another plan, name that plan with --plan; if the plan "
        "file has changed, make a new form with qm form for {department}",
    ),
    "form_newer": (
        "这份表由更新版本的 qm 生成（表格版本 {version}），请先升级 qm",
        "this form was made by a newer qm (form version {version}); upgrade qm first",
    ),
    "form_no_sheet": ("找不到“填报”表", "there is no sheet 填报"),
    "form_no_header": (
        "“填报”表的前 10 行中找不到表头（序号、状态……）",
        "sheet 填报 has no header (序号, 状态…) in its first 10 rows",
    ),
    "form_missing_column": ("表头缺少“{column}”列", "the header has no column {column}"),
    "form_formula": (
        "{column}是公式；请直接填写内容（qm 不计算公式）",
        "{column} is a formula; type the value itself (qm never evaluates formulas)",
    ),
    "form_cell_error": ("{column}是错误值 {text}", "{column} is an error value {text}"),
    "form_no_id": ("这一行填了进展，但没有序号", "this row reports progress but has no 序号"),
    "form_bad_id": ("无法识别序号“{text}”", "cannot read the 序号 {text!r}"),
    "form_unknown_id": (
        "序号 {id} 不是本计划的活动（有效序号：{valid}）",
        "{id} is not an activity of this plan (valid: {valid})",
    ),
    "form_not_department": (
        "活动 {id} 不由{department}牵头或协办，不能在这份表里填报",
        "activity {id} is neither led nor assisted by {department}: not on this form",
    ),
    "form_theme_mismatch": (
        "序号 {id} 与活动主题对不上：本计划的活动 {id} 是“{theme}”",
        "序号 {id} does not match its theme: activity {id} of the plan is {theme!r}",
    ),
    "form_duplicate_id": (
        "活动 {id} 在 {first} 已经填过一行",
        "activity {id} already has a row, at {first}",
    ),
    "form_bad_status": (
        "状态“{text}”不是 未开始、进行中、已完成 之一",
        "the status {text!r} is not one of 未开始, 进行中, 已完成",
    ),
    "form_bad_percent": (
        "无法识别完成进度“{text}”；请填 0 到 100 的整数",
        "cannot read the progress {text!r}; write a whole number from 0 to 100",
    ),
    "form_percent_range": (
        "完成进度 {value} 不在 0–100 之间",
        "the progress {value} is not between 0 and 100",
    ),
    "form_done_percent": (
        "状态为已完成，但完成进度是 {value}",
        "the status is 已完成 but the progress is {value}",
    ),
    "form_todo_percent": (
        "状态为未开始，但完成进度是 {value}",
        "the status is 未开始 but the progress is {value}",
    ),
    "form_bad_date": (
        "无法识别日期“{text}”；请写 2023-09-25、9月25日 或 9/25",
        "cannot read the date {text!r}; write 2023-09-25, 9月25日 or 9/25",
    ),
    "form_future_date": (
        "日期 {date} 晚于今天（{today}）",
        "the date {date} is after today ({today})",
    ),
    "form_early_date": (
        "日期 {date} 不对（早于 2000 年）",
        "the date {date} cannot be right (before 2000)",
    ),
    "form_note_too_long": (
        "进展情况有 {count} 字，超过 {limit} 字的上限",
        "the progress text has {count} characters, over the limit of {limit}",
    ),
    "form_by_too_long": (
        "填报人有 {count} 字，超过 {limit} 字的上限",
        "填报人 has {count} characters, over the limit of {limit}",
    ),
    "collect_file": (
        "{file}（{department}）：新记录 {new} 条，此前已收过 {old} 条",
        "{file} ({department}): {new} new, {old} already collected",
    ),
    "collect_file_empty": (
        "{file}（{department}）：没有填写任何进展",
        "{file} ({department}): nothing filled in",
    ),
    "collect_file_refused": (
        "{file}：有 {count} 处问题，这份表的内容都未记录（问题见下）",
        "{file}: {count} problems; nothing from this form was recorded (see below)",
    ),
    "collect_more_problems": (
        "{file}：还有 {count} 处问题未列出",
        "{file}: {count} more problems not shown",
    ),
    "collect_row": ("  {id}. {theme}：{what}{already}", "  {id}. {theme}: {what}{already}"),
    "collect_already": ("（已收过）", " (already collected)"),
    "collect_done": ("已完成（{date}）", "done ({date})"),
    "collect_progress": ("进度 {percent}%（{date}）", "{percent}% ({date})"),
    "collect_start": ("已开始（{date}）", "started ({date})"),
    "collect_note": ("进展情况（{date}）", "note ({date})"),
    "collect_total": (
        "共 {files} 份表：新记录 {new} 条，已收过 {old} 条，退回 {refused} 份",
        "{files} forms: {new} new, {old} already collected, {refused} refused",
    ),
    "collect_dry": ("（试读：未写入进展记录）", "(dry run: nothing was written to the journal)"),
}

"""Every word ``qm`` shows a person, in Chinese (the default) and English.

Keys are stable identifiers; JSON output never goes through here (it is language-neutral).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

# key: (zh, en).  Parameters use str.format names.
_TEXT: dict[str, tuple[str, str]] = {
    # ---- labels
    "id": ("序号", "ID"),
    "theme": ("活动主题", "Theme"),
    "content": ("活动内容", "Content"),
    "schedule": ("时间安排", "Schedule"),
    "period": ("起止日期", "Period"),
    "start": ("开始日期", "Start"),
    "end": ("结束日期", "End"),
    "lead": ("牵头部门", "Lead"),
    "assist": ("协办单位", "Co-organizers"),
    "remark": ("备注", "Remark"),
    "status": ("状态", "Status"),
    "percent": ("进度", "Progress"),
    "done_on": ("完成日期", "Done on"),
    "last_note": ("最新备注", "Last note"),
    "field": ("项目", "Field"),
    "value": ("内容", "Value"),
    "department": ("部门", "Department"),
    "aliases": ("别名", "Aliases"),
    "leads": ("牵头", "Leads"),
    "assists": ("协办", "Assists"),
    "campaign": ("活动", "Campaign"),
    "year": ("年度", "Year"),
    "issuer": ("发文单位", "Issuer"),
    "doc_no": ("文号", "Document no."),
    "issued": ("印发日期", "Issued"),
    "report_to": ("报送至", "Report to"),
    "slogans": ("活动口号", "Slogans"),
    "activities": ("活动", "Activities"),
    "history": ("进展记录", "History"),
    "date": ("日期", "Date"),
    "action": ("操作", "Action"),
    "by": ("记录人", "By"),
    "recorded_at": ("记录时间", "Recorded"),
    "note": ("备注", "Note"),
    "undated": ("未定", "undated"),
    "overdue": ("逾期", "overdue"),
    "late": ("逾期完成", "late"),
    "as_of": ("截至", "As of"),
    "none": ("无", "none"),
    "no_activities": ("没有符合条件的活动。", "No activities match."),
    "no_history": ("暂无进展记录。", "No progress recorded yet."),
    # ---- report, agenda, timeline
    "report_title": ("{name}进展情况报告", "{name}: progress report"),
    "doc_line": ("文号：{doc_no}", "Document: {doc_no}"),
    "scope_line": (
        "范围：{month} · {dept} · 截至 {as_of}",
        "Scope: {month} · {dept} · as of {as_of}",
    ),
    "whole_campaign": ("全部时间", "the whole campaign"),
    "all_departments": ("全部部门", "all departments"),
    "section_totals": ("总体情况", "Totals"),
    "section_by_department": ("按牵头部门", "By lead department"),
    "section_by_month": ("按月份", "By month"),
    "section_overdue": ("逾期未完成事项", "Overdue"),
    "section_notes": ("进展备注", "Notes"),
    "section_undated": ("时间未定", "Undated"),
    "totals_sentence": (
        "共 {activities} 项活动：已完成 {done} 项（按时 {on_time} 项，逾期完成 {late} 项），"
        "进行中 {doing} 项，未开始 {todo} 项，逾期未完成 {overdue} 项；完成率 {rate}。",
        "{activities} activities: {done} done ({on_time} on time, {late} late), "
        "{doing} in progress, {todo} to do, {overdue} overdue; {rate} complete.",
    ),
    "col_activities": ("活动", "Activities"),
    "col_done": ("已完成", "Done"),
    "col_doing": ("进行中", "Doing"),
    "col_todo": ("未开始", "To do"),
    "col_overdue": ("逾期", "Overdue"),
    "col_late": ("逾期完成", "Late"),
    "col_rate": ("完成率", "Completion"),
    "month": ("月份", "Month"),
    "total": ("合计", "Total"),
    "deadline": ("截止日期", "Deadline"),
    "days_overdue": ("逾期天数", "Days overdue"),
    "agenda_title": ("今日工作提示（{as_of}）", "Agenda for {as_of}"),
    "agenda_overdue": ("逾期未完成（{count} 项）", "Overdue ({count})"),
    "agenda_ending": ("{days} 天内到期（{count} 项）", "Ending within {days} days ({count})"),
    "agenda_starting": ("{days} 天内开始（{count} 项）", "Starting within {days} days ({count})"),
    "days_col": ("天数", "Days"),
    "agenda_section": ("类别", "Section"),
    "agenda_overdue_short": ("逾期", "overdue"),
    "agenda_ending_short": ("即将到期", "ending"),
    "agenda_starting_short": ("即将开始", "starting"),
    "days_late": ("逾期 {n} 天", "{n} days late"),
    "days_left": ("还剩 {n} 天", "{n} days left"),
    "days_to_start": ("{n} 天后开始", "starts in {n} days"),
    "no_dated_activities": ("没有可画入时间轴的活动。", "No dated activities to chart."),
    "legend": ("图例：", "Legend:"),
    "kind_done": ("已完成", "done"),
    "kind_doing": ("进行中", "in progress"),
    "kind_todo": ("未开始", "to do"),
    "kind_overdue": ("逾期", "overdue"),
    # ---- statuses and actions
    "status_todo": ("未开始", "to do"),
    "status_doing": ("进行中", "in progress"),
    "status_done": ("已完成", "done"),
    "action_start": ("开始", "start"),
    "action_progress": ("进度", "progress"),
    "action_done": ("完成", "done"),
    "action_reopen": ("重新打开", "reopen"),
    "action_note": ("备注", "note"),
    # ---- schedule problems
    "schedule_unreadable": (
        "活动 {id} 的时间安排“{text}”无法识别；可以这样写：{examples}",
        "activity {id}: cannot read the schedule {text!r}; write it like: {examples}",
    ),
    "schedule_empty": (
        "活动 {id} 的时间安排为空；可以这样写：{examples}",
        "activity {id}: the schedule is empty; write it like: {examples}",
    ),
    "schedule_bad_date": (
        "活动 {id} 的时间安排“{text}”中的日期 {date} 不存在",
        "activity {id}: the schedule {text!r} names {date}, which does not exist",
    ),
    "schedule_end_before_start": (
        "活动 {id} 的时间安排“{text}”结束早于开始；跨年请写“次年”，如 10月-次年3月",
        "activity {id}: the schedule {text!r} ends before it starts; for next year write 次年, "
        "as in 10月-次年3月",
    ),
    "schedule_needs_issued": (
        "活动 {id} 的时间安排“{text}”从印发日期起算，但 campaign.issued 未填写",
        "activity {id}: the schedule {text!r} counts from the issue date, but campaign.issued "
        "is not set",
    ),
    "schedule_warning": (
        "警告：{message}（该活动按“未定”处理）",
        "warning: {message} (treated as undated)",
    ),
    # ---- plan problems
    "plan_invalid": ("计划文件有 {count} 处错误", "the plan has {count} problem(s)"),
    "plan_ok": (
        "{path}：有效，共 {count} 项活动",
        "{path}: valid, {count} activities",
    ),
    "plan_not_found": (
        "找不到计划文件：当前目录下没有 data/campaign-*.yaml；请用 --plan 指定或设置 QM_PLAN",
        "no plan found: there is no data/campaign-*.yaml under the current directory; "
        "pass --plan or set QM_PLAN",
    ),
    "file_missing": ("文件不存在：{path}", "file not found: {path}"),
    "file_unreadable": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "file_is_dir": ("{path} 是一个目录，不是文件", "{path} is a directory, not a file"),
    "file_too_large": (
        "{path} 过大（{size} 字节，上限 {limit} 字节），不像计划文件",
        "{path} is too large ({size} bytes, the limit is {limit}); it is not a plan",
    ),
    "file_binary": (
        "{path} 含有 NUL 字节，是二进制文件而不是文本",
        "{path} contains NUL bytes: it is binary, not text",
    ),
    "file_utf16": (
        "{path} 是 UTF-16 编码；请另存为 UTF-8（记事本：另存为 → 编码选 UTF-8）",
        "{path} is UTF-16; save it as UTF-8 (Notepad: Save As, Encoding UTF-8)",
    ),
    "file_gbk": (
        "{path} 是 GBK/GB18030 编码，不是 UTF-8；请转换："
        "iconv -f GB18030 -t UTF-8 {path} > 新文件.yaml（或用记事本另存为 UTF-8）",
        "{path} is GBK/GB18030, not UTF-8; convert it: iconv -f GB18030 -t UTF-8 {path} > new.yaml "
        "(or save it as UTF-8 in Notepad)",
    ),
    "file_not_utf8": (
        "{path} 第 {line} 行不是有效的 UTF-8 文本",
        "{path}: line {line} is not valid UTF-8 text",
    ),
    "yaml_syntax": ("YAML 语法错误：{problem}", "YAML syntax error: {problem}"),
    "yaml_tab": (
        "YAML 语法错误：缩进用了制表符（Tab），请改用空格",
        "YAML syntax error: a tab is used for indentation; use spaces",
    ),
    "yaml_tag": (
        "不支持的 YAML 标签 {tag}（计划文件只能含普通数据）",
        "unsupported YAML tag {tag} (a plan holds plain data only)",
    ),
    "yaml_too_big": (
        "YAML 展开后过大（锚点/别名展开超过 {limit} 个节点），拒绝读取",
        "the YAML expands to more than {limit} nodes (anchors and aliases); refused",
    ),
    "yaml_too_deep": ("YAML 嵌套过深，拒绝读取", "the YAML is nested too deeply; refused"),
    "yaml_duplicate_key": (
        "重复的键“{key}”（第一次出现在第 {first} 行）",
        "duplicate key {key!r} (first at line {first})",
    ),
    "yaml_empty": ("计划文件是空的", "the plan file is empty"),
    "yaml_multi_doc": ("计划文件只能包含一个 YAML 文档", "a plan file holds one YAML document"),
    "field_missing": ("缺少必填项“{field}”", "missing required key {field!r}"),
    "field_unknown": ("未知的键“{field}”{hint}", "unknown key {field!r}{hint}"),
    "field_both": (
        "“{field}”与“{other}”是同一项，只能写一个",
        "{field!r} and {other!r} are the same key; write only one",
    ),
    "in_activity": ("活动 {id}：", "activity {id}: "),
    "field_hint": ("（是否想写“{guess}”？）", " (did you mean {guess!r}?)"),
    "expect_int": (
        "“{field}”应为整数，而不是 {value}",
        "{field!r} should be a whole number, not {value}",
    ),
    "expect_positive": (
        "“{field}”应为正整数，而不是 {value}",
        "{field!r} should be positive, not {value}",
    ),
    "expect_text": ("“{field}”应为文本，而不是 {value}", "{field!r} should be text, not {value}"),
    "expect_nonempty": ("“{field}”不能为空", "{field!r} must not be empty"),
    "expect_date": (
        "“{field}”应为日期（如 2023-09-13），而不是 {value}",
        "{field!r} should be a date such as 2023-09-13, not {value}",
    ),
    "expect_list": ("“{field}”应为列表，而不是 {value}", "{field!r} should be a list, not {value}"),
    "expect_mapping": (
        "“{field}”应为映射（键: 值），而不是 {value}",
        "{field!r} should be a mapping, not {value}",
    ),
    "expect_year": (
        "“{field}”应为 1900 到 2200 之间的年份，而不是 {value}",
        "{field!r} should be a year between 1900 and 2200, not {value}",
    ),
    "expect_other": ("“{field}”有误：{detail}", "{field!r} is invalid: {detail}"),
    "no_activities_in_plan": (
        "计划中没有任何活动（activities 为空）",
        "the plan has no activities",
    ),
    "too_many_activities": (
        "活动超过 {limit} 项，不像一份计划",
        "the plan has more than {limit} activities; it is not a plan",
    ),
    "duplicate_id": (
        "活动序号 {id} 重复（第一次出现在第 {first} 行）",
        "activity id {id} is used twice (first at line {first})",
    ),
    "start_after_end": (
        "活动 {id} 的 start {start} 晚于 end {end}",
        "activity {id}: start {start} is after end {end}",
    ),
    "alias_conflict": (
        "部门别名“{alias}”同时指向“{first}”和“{second}”",
        "the department alias {alias!r} names both {first!r} and {second!r}",
    ),
    # ---- the journal
    "journal_not_json": ("不是有效的 JSON，已跳过", "not valid JSON; skipped"),
    "journal_torn": (
        "最后一行不完整，可能是写入时被中断，已跳过",
        "the last line is incomplete, probably an interrupted write; skipped",
    ),
    "journal_changed": (
        "{path} 在读取过程中被改写，输出不完整；请重新运行命令",
        "{path} was rewritten while qm read it, so the output is incomplete; run the command again",
    ),
    "journal_not_utf8": ("不是 UTF-8 文本，已跳过", "not UTF-8 text; skipped"),
    "journal_not_object": ("不是一个 JSON 对象，已跳过", "not a JSON object; skipped"),
    "journal_line_too_long": ("超过 {limit} 字节，已跳过", "longer than {limit} bytes; skipped"),
    "journal_bad_field": (
        "“{field}”无效（{value}），已跳过",
        "{field!r} is invalid ({value}); skipped",
    ),
    "journal_bad_action": (
        "操作 {value} 未知（可用：{actions}），已跳过",
        "unknown action {value} (known: {actions}); skipped",
    ),
    "journal_unknown_activity": (
        "记录的活动 {id} 不在计划中，已忽略",
        "about activity {id}, which the plan does not have; ignored",
    ),
    "journal_warning": ("警告：{message}", "warning: {message}"),
    "journal_more": (
        "警告：{path}：另有 {count} 处问题未列出",
        "warning: {path}: {count} more problem(s) not shown",
    ),
    "journal_readonly": (
        "进展日志 {path} 是只读的，无法记录；请检查文件权限",
        "the journal {path} is read-only; nothing was recorded",
    ),
    "journal_unwritable": (
        "无法写入进展日志 {path}：{reason}；未记录任何内容",
        "cannot write the journal {path}: {reason}; nothing was recorded",
    ),
    "journal_write_failed": (
        "写入进展日志 {path} 失败：{reason}；日志保持原样，未记录任何内容",
        "writing the journal {path} failed: {reason}; it is unchanged and nothing was recorded",
    ),
    "journal_locked": (
        "进展日志 {path} 被另一个 qm 占用超过 {seconds} 秒；请稍后再试",
        "the journal {path} has been locked by another qm for over {seconds} s; try again",
    ),
    # ---- writing
    "recorded": (
        "已记录：活动 {id}（{theme}）{action}，{date}",
        "recorded: activity {id} ({theme}) {action}, {date}",
    ),
    "already_done": (
        "活动 {id} 已于 {date} 完成；如确需再次记录请加 --force（未记录任何内容）",
        "activity {id} was already done on {date}; add --force to record it again "
        "(nothing was recorded)",
    ),
    "start_done": (
        "活动 {id} 已完成；要重新开始请用 qm reopen {id}，或加 --force（未记录任何内容）",
        "activity {id} is done; use qm reopen {id}, or add --force (nothing was recorded)",
    ),
    "reopen_not_done": (
        "活动 {id} 尚未完成，无需重新打开；如确需记录请加 --force（未记录任何内容）",
        "activity {id} is not done, so there is nothing to reopen; add --force to record it "
        "anyway (nothing was recorded)",
    ),
    "date_in_future": (
        "日期 {date} 晚于今天（{today}）；只能记录已经发生的事",
        "the date {date} is after today ({today}); only record what has happened",
    ),
    "bad_percent": (
        "进度应为 0 到 100 之间的整数，而不是 {value}",
        "the percent should be a whole number from 0 to 100, not {value}",
    ),
    "note_too_long": (
        "备注过长（{count} 字，上限 {limit} 字）",
        "the note is too long ({count} characters, the limit is {limit})",
    ),
    "note_empty": ("备注不能为空", "the note must not be empty"),
    "already_started": (
        "活动 {id} 已于 {date} 开始，正在进行中；如确需再次记录请加 --force（未记录任何内容）",
        "activity {id} has been in progress since {date}; add --force to record it again "
        "(nothing was recorded)",
    ),
    "already_percent": (
        "活动 {id} 的进度已于 {date} 记为 {percent}%；如确需再次记录请加 --force（未记录任何内容）",
        "activity {id} was already recorded at {percent}% on {date}; add --force to record it "
        "again (nothing was recorded)",
    ),
    "outweighed": (
        "活动 {id} 已于 {date} {action}，晚于这条记录的日期，这条记录不会改变它的状态；"
        "如确需记录请加 --force（未记录任何内容）",
        "activity {id} was marked {action} on {date}, after this record's date, so this record "
        "would change nothing; add --force to record it anyway (nothing was recorded)",
    ),
    "date_before_issue": (
        "日期 {date} 早于活动方案的印发日期 {issued}，已照常记录",
        "the date {date} is before the plan was issued ({issued}); recorded all the same",
    ),
    "date_after_campaign": (
        "日期 {date} 已超出 {year} 年活动一年以上，已照常记录",
        "the date {date} is more than a year after the {year} campaign; recorded all the same",
    ),
    "form_written": (
        "已写入 {path}：{dept} 的进展填报表，{count} 项活动",
        "wrote {path}: the progress form of {dept}, {count} activities",
    ),
    "form_dept_or_all": (
        "请用 --dept 指定一个部门，或用 --all 为每个部门各写一份",
        "name one department with --dept, or write one form per department with --all",
    ),
    "bad_choice": (
        "{option} 不能是“{value}”；可以是：{choices}",
        "{option} cannot be {value!r}; it can be: {choices}",
    ),
    "bad_id": (
        "“{value}”不是活动序号；序号是正整数，多个用空格或逗号分开（qm done 5,6）",
        "{value!r} is not an activity id; ids are whole numbers, separated by spaces or "
        "commas (qm done 5,6)",
    ),
    "plans_ambiguous": (
        "data/ 中有多个 {year} 年的活动方案：{plans}；请用 --plan 或环境变量 QM_PLAN 选择一个，"
        "例如 qm --plan {example} list",
        "data/ holds several plans of {year}: {plans}; choose one with --plan or QM_PLAN, "
        "e.g. qm --plan {example} list",
    ),
    "bad_action": (
        "没有“{value}”这种操作，可用的有：{actions}",
        "there is no action {value!r}; the actions are: {actions}",
    ),
    "progress_needs_percent": ("记录进度需要百分比（0–100）", "progress needs a percent (0-100)"),
    "event_invalid": (
        "活动 {id} 的记录有误（{field}），未写入",
        "the event for activity {id} is invalid ({field}); nothing was written",
    ),
    # ---- import
    "import_gbk": (
        "表格是 GBK/GB18030 编码，已按 GB18030 读取；请核对生成的文字",
        "the table is GBK/GB18030 and was read as such; check the text of the result",
    ),
    "import_old_format": (
        "{path} 是旧版 Office 格式；请另存为 .xlsx、.docx 或 .csv 后再导入",
        "{path} is an old Office format; save it as .xlsx, .docx or .csv and import that",
    ),
    "import_needs_package": (
        "读取这种文件需要 {package}：请在安装 qm 的环境中运行 pip install {package}",
        "reading this file needs {package}: run pip install {package} where qm is installed",
    ),
    "import_no_table": (
        "{path} 中没有第 {table} 个表格（共 {count} 个）",
        "{path} has no table {table} (it has {count})",
    ),
    "import_no_tables": ("{path} 中没有表格", "{path} holds no table"),
    "import_needs_year": (
        "无法从 {path} 看出活动年度；请用 --year 指定，如 --year 2024",
        "cannot tell the campaign year from {path}; give it with --year, as in --year 2024",
    ),
    "import_numbered": (
        "这一行没有序号，已按顺序编为 {id}",
        "this row has no id; numbered {id} in order",
    ),
    "import_no_rows": (
        "{path} 的表头下没有任何活动",
        "{path} has no activity rows under its header",
    ),
    "import_missing": (
        "活动 {id} 缺少“{field}”；请在表格中补上后重新导入",
        "activity {id} has no {field}; fill it in the table and import again",
    ),
    "import_duplicate": (
        "序号 {id} 重复（第一次出现在第 {first} 行）",
        "the id {id} is used twice (first on row {first})",
    ),
    "output_exists": (
        "{path} 已存在；如要覆盖请加 --force（未写入任何内容）",
        "{path} already exists; add --force to replace it (nothing was written)",
    ),
    "file_unwritable": (
        "无法写入 {path}：{reason}（未写入任何内容）",
        "cannot write {path}: {reason} (nothing was written)",
    ),
    "binary_needs_output": (
        "{format} 格式要写入文件：请加 -o 文件名{suffix}",
        "the {format} format is written to a file: add -o FILE{suffix}",
    ),
    "format_suffix_mismatch": (
        "--format {format} 写不成 {suffix} 文件（{path}）；请让文件名与格式一致，或不写 --format，"
        "由文件名决定格式",
        "--format {format} cannot be written as a {suffix} file ({path}); make the name and the "
        "format agree, or leave out --format and let the name decide",
    ),
    "form_needs_xlsx": (
        "进展填报表是 .xlsx 文件：请用 -o 文件名.xlsx（{path} 不是）",
        "a progress form is an .xlsx file: write -o NAME.xlsx ({path} is not)",
    ),
    "format_not_for": (
        "qm {command} 没有 {format} 格式；可用的格式：{formats}",
        "qm {command} has no {format} format; the formats are: {formats}",
    ),
    "import_exists": (
        "{path} 已存在；如要覆盖请加 --force（未写入任何内容）",
        "{path} already exists; add --force to replace it (nothing was written)",
    ),
    "import_needs_output": (
        "请用 -o 指定输出文件（或 -o - 输出到屏幕）",
        "give the output file with -o (or -o - for standard output)",
    ),
    "import_written": (
        "已生成 {path}：{count} 项活动；请运行 qm validate {path} 核对",
        "wrote {path}: {count} activities; check it with qm validate {path}",
    ),
    # ---- lookups and options
    "unknown_activity": (
        "没有序号为 {id} 的活动；有效序号：{valid}",
        "there is no activity {id}; valid ids: {valid}",
    ),
    "unknown_department": (
        "未知部门“{name}”{hint}；已知部门：{known}",
        "unknown department {name!r}{hint}; known departments: {known}",
    ),
    "closest": ("（最接近的是“{guess}”）", " (closest: {guess!r})"),
    "bad_month": (
        "无法识别月份“{text}”；请写 9、09、2023-09 或 9月",
        "cannot read the month {text!r}; write 9, 09, 2023-09 or 9月",
    ),
    "bad_date": (
        "无法识别日期“{text}”；请写 2023-09-28、2023/9/28、9/28 或 2023年9月28日",
        "cannot read the date {text!r}; write 2023-09-28, 2023/9/28, 9/28 or 2023年9月28日",
    ),
    "bad_env": (
        "环境变量 {name} 有误：{detail}",
        "the environment variable {name} is invalid: {detail}",
    ),
    "usage": (
        "用法错误：{detail}（参见 {command} --help）",
        "usage error: {detail} (see {command} --help)",
    ),
    "internal": (
        "内部错误：{detail}（设置 QM_DEBUG=1 可查看详情）",
        "internal error: {detail} (set QM_DEBUG=1 for details)",
    ),
    "interrupted": ("已中断，未写入任何内容", "interrupted; nothing was written"),
    "journal_waiting": (
        "另一个 qm 正在写入进展日志 {path}，等待中…（按 Ctrl-C 放弃）",
        "another qm is writing the journal {path}; waiting… (Ctrl-C to give up)",
    ),
    # ---- importer
    "import_no_header_row": (
        "{path} 中找不到表头行：第一行（{first}）没有 qm 认识的列名；"
        "qm 认识 序号、活动主题/工作任务、活动内容/工作内容、时间安排/完成时限、牵头部门/责任单位、"
        "协办单位/配合单位、备注 等；其他名称请用 --map 列名=theme 指明",
        "{path} has no header row: the first row ({first}) names no column qm knows; qm knows "
        "序号, 活动主题/工作任务, 活动内容/工作内容, 时间安排/完成时限, 牵头部门/责任单位, "
        "协办单位/配合单位, 备注 and the like; name others with --map COLUMN=theme",
    ),
    "import_missing_columns": (
        "表头中找不到 {fields} 这一列（未识别的列：{unknown}）；"
        "请用 --map 列名={field} 指明哪一列是它（qm 认识的名称如 {examples}）",
        "the header has no column for {fields} (columns not recognised: {unknown}); "
        "say which column it is with --map COLUMN={field} (names qm knows: {examples})",
    ),
    "import_unknown_columns": (
        "未识别的列：{names}；其内容已写入备注（remark）；"
        "如是计划的某一项，请用 --map 列名=字段 指明",
        "columns not recognised: {names}; their text is kept in remark; if one is a plan "
        "field, say so with --map COLUMN=FIELD",
    ),
    "import_map_unused": (
        "--map 指定的列“{name}”不在表头中",
        "--map names the column {name!r}, which the header does not have",
    ),
    "import_bad_map": (
        "--map “{item}” 应写成 列名=字段，字段为 {fields} 之一（或其中文列名，如 牵头部门）",
        "--map {item!r} must be COLUMN=FIELD, FIELD one of {fields} (or its Chinese name, "
        "as 牵头部门)",
    ),
    "import_too_many_rows": (
        "{path} 的行数超过 {limit} 行，不像一份活动安排表；请拆分后导入",
        "{path} has more than {limit} rows: it is not an activity table; split it and import "
        "the parts",
    ),
    "import_numbered_all": (
        "表格没有序号列，活动已按表中顺序编为 1–{count}",
        "the table has no id (序号) column; the activities are numbered 1-{count} in table order",
    ),
    "import_zip_bomb": (
        "{path} 解压后将有 {size} 字节（上限 {limit} 字节），拒绝打开",
        "{path} would unpack to {size} bytes (the limit is {limit}); it is not opened",
    ),
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
    # ---- schedule
    "schedule_weekdays_only": (
        "注意：{years} 年的法定节假日和调休尚未收入日历，“N个工作日内”按周一至周五计算",
        "note: the official holidays of {years} are not in the calendar yet; "
        "working days are counted Monday to Friday",
    ),
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
    # ---- help
    "help_usage": ("用法：", "Usage: "),
    "help_options_metavar": ("[选项]", "[OPTIONS]"),
    "help_command_metavar": ("命令 [参数]...", "COMMAND [ARGS]..."),
    "help_more": (
        "全局选项见 qm --help，各命令的用法见 qm 命令 --help",
        "Run 'qm --help' for the global options, 'qm COMMAND --help' for a command.",
    ),
    "usage_no_such_option": ("没有选项 {option}", "No such option: {option}"),
    "usage_possible_options": ("，可能是：{names}", " (Possible options: {names})"),
    "usage_no_such_command": ("没有命令“{name}”", "No such command '{name}'."),
    "usage_did_you_mean": ("，可能是：{names}", " Did you mean {names}?"),
    "usage_missing_argument": ("缺少参数 {name}", "Missing argument {name}."),
    "usage_missing_option": ("缺少选项 {name}", "Missing option {name}."),
    "usage_needs_value": ("选项 {option} 后面要写一个值", "Option {option} requires an argument."),
    "usage_takes_no_value": ("选项 {option} 不带值", "Option {option} does not take a value."),
    "usage_extra_arguments": ("多余的参数：{args}", "Got unexpected extra argument(s) ({args})"),
    "usage_from_env": ("（来自环境变量 {var}）", " (env var: '{var}')"),
    "usage_bad_choice": (
        "{name} 的值“{value}”{env}无效，可选：{choices}",
        "Invalid value for {name}{env}: '{value}' is not one of {choices}.",
    ),
    "usage_bad_integer": (
        "{name} 的值“{value}”{env}不是整数",
        "Invalid value for {name}{env}: '{value}' is not a valid integer.",
    ),
    "usage_bad_range": (
        "{name} 的值 {value}{env}超出了范围（{range}）",
        "Invalid value for {name}{env}: {value} is not in the range {range}.",
    ),
    "range_between": ("{low} 到 {high}", "{low} to {high}"),
    "range_at_least": ("不小于 {low}", "at least {low}"),
    "range_at_most": ("不大于 {high}", "at most {high}"),
    "usage_bad_value": (
        "{name} 的值{env}无效：{reason}",
        "Invalid value for {name}{env}: {reason}",
    ),
}


class Msg(NamedTuple):
    """A message not yet put into words: a parameter of another message."""

    key: str
    params: dict[str, object]


def t(key: str, lang: Lang = "zh", /, **params: object) -> str:
    """The text for ``key`` in ``lang``, formatted with ``params``."""
    zh, en = _TEXT[key]
    template = zh if lang == "zh" else en
    if not params:
        return template
    words = {k: t(v.key, lang, **v.params) if isinstance(v, Msg) else v for k, v in params.items()}
    return template.format(**words)

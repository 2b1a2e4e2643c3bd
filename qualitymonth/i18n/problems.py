"""What is wrong with a plan, a schedule or a journal.

key: (zh, en).  Parameters use str.format names; see :func:`qualitymonth.i18n.t`.
"""

TEXT: dict[str, tuple[str, str]] = {
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
    # ---- schedule
    "schedule_weekdays_only": (
        "注意：{years} 年的法定节假日和调休尚未收入日历，“N个工作日内”按周一至周五计算",
        "note: the official holidays of {years} are not in the calendar yet; "
        "working days are counted Monday to Friday",
    ),
}

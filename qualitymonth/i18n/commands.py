"""What the writing commands and ``qm import`` say.

key: (zh, en).  Parameters use str.format names; see :func:`qualitymonth.i18n.t`.
"""

TEXT: dict[str, tuple[str, str]] = {
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
}

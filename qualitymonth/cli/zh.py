"""The Chinese of ``qm --help``: what the code says in English, as a Chinese reader reads it.

Imported only when a help screen is formatted in Chinese (see :mod:`.localized`).

:data:`TYPER` is a gettext catalogue: Typer's own strings (its section headings, ``default:``,
``env var:``, ``required``) keyed by their English msgid, as Typer passes them to ``_()``.

:data:`HELP` holds qm's own help texts, keyed by where they appear, not by their English:

- ``"list"``: the help of ``qm list`` (``"qm"``: of ``qm`` itself); its first sentence is the
  line ``qm --help`` shows for the command;
- ``"list --role"``: an option of one command, ``"--output"``: an option of every command that
  has it and no entry of its own;
- ``"show ID"``, ``"ID"``: an argument, named by its metavar without ``[ ]`` and ``...``.

Keyed by place rather than by the English text because the English is written for English
readers and changes for them: a reworded English help keeps its Chinese, one option's help
may differ from command to command (``--output``, ``--force``, ``--format``), and the
``--format`` help names each command's own formats through ``{formats}``.
``tests/test_cli_lang.py`` holds this table to the commands and options qm has: none missing,
none left over.
"""

TYPER: dict[str, str] = {
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "Aborted!": "已中止！",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令 {name!r}。",
}

_RECORD_AGAIN = "即使与现状相同也照样记录。"
_IDS = "活动序号：5 6，或 5,6。"

HELP: dict[str, str] = {
    # ---- qm itself and its global options
    "qm": "qm：在终端里跟进活动方案（质量月之类）的落实。\n\n示例：qm list --dept 质量科",
    "--plan": "方案文件（默认：data/campaign-*.yaml 中最新的一个）。",
    "--journal": "进展记录（默认：方案旁的 <方案名>.journal.jsonl）。",
    "--as-of": "按 DATE 当天的状态显示（默认：今天）。",
    "--lang": "标签和提示的语言。",
    "--version": "显示版本号并退出。",
    "--install-completion": "为当前的 shell 安装命令补全。",
    "--show-completion": "显示当前 shell 的命令补全脚本，以便复制或自行安装。",
    "--help": "显示本帮助并退出。",
    # ---- options several commands share
    "--dept": "部门（牵头或协办；别名也可以）。",
    "--month": "活动年度的第 M 月：9、09、9月 或 2023-09。",
    "--format": "输出格式：{formats}。",
    "--output": "写入 FILE（默认：标准输出）。",
    "--force": "FILE 已存在时替换它。",
    "--note": "发生了什么，用一句话说明。",
    "--date": "发生的日期（默认今天）：2023-09-28、9/28、9月28日、yesterday、昨天。",
    "--by": "记录人（默认：QM_USER，否则为登录名）。",
    "ID": "活动序号。",
    # ---- read
    "list": "列出符合全部筛选条件的活动。\n\n示例：qm list --dept 质量科 --month 9",
    "list --role": "与 --dept 同用：lead（牵头）、assist（协办）或 any（全部）。",
    "list --status": "todo（未开始）、doing（进行中）、done（已完成）、overdue（逾期）"
    "或 late（逾期完成）。",
    "list --search": "在活动整行的文字中查找。",
    "show": "显示一项活动的全部内容及其进展记录。\n\n示例：qm show 5",
    "info": "显示活动方案的标题、主题和标语。\n\n示例：qm info",
    "depts": "列出各部门及其牵头、协办的活动数。\n\n示例：qm depts --format csv > 部门.csv",
    "validate": "检查方案，每个问题一行（文件:行:列: 说明）。方案无误时退出码才为 0。\n\n"
    "示例：qm validate data/campaign-2024.yaml",
    "validate PATH": "要检查的方案（默认：qm 会用的方案）。",
    "log": "显示进展记录，最新的在最后（只含 --as-of 当天及以前的记录）。\n\n示例：qm log 5",
    "log ID": "只看这一项活动。",
    # ---- summaries
    "report": "要上报的总结：总数、各牵头部门、各月、逾期和备注。加 -o 可写成正式的 Word "
    "报告（docx）、Excel 台账（xlsx）或单页网页（html）。\n\n"
    "示例：qm report --month 9 --format docx -o 质量月总结.docx",
    "report --font-body": "docx：正文字体。",
    "report --font-title": "docx：标题字体。",
    "timeline": "逐月显示各项活动的时间图，按状态区分，并标出查询日期。\n\n"
    "示例：qm timeline --dept 消保科",
    "agenda": "每日一览：已逾期的活动，以及 N 天内结束、开始的活动。\n\n"
    "示例：qm agenda --days 14 --dept 质量科",
    "agenda --days": "往后看多少天。",
    # ---- plans
    "import": "把通知中活动表的副本转成 qm validate 认可的方案。\n\n"
    "示例：qm import 附件2.xlsx -o data/campaign-2024.yaml --year 2024",
    "import TABLE": "CSV、TSV、文本、.xlsx 或 .docx 文件。",
    "import --output": "要写出的方案；- 表示标准输出。",
    "import --year": "活动年度。",
    "import --name": "活动名称。",
    "import --issuer": "发文单位。",
    "import --doc-no": "文号。",
    "import --issued": "印发日期。",
    "import --table": "第几张表（.docx）或第几个工作表（.xlsx）。",
    "import --force": "OUT 已存在时替换它。",
    "import --format": "yaml 或 json。",
    "import --map": "把 qm 不认识的列当作某个字段读取（可重复）：--map 主责处室=lead。",
    # ---- progress forms
    "form": "生成某个部门的进展填报表，用 Excel 或 WPS 填写。\n\n"
    "示例：qm form --dept 质量科 -o 进展-质量科.xlsx（或：qm form --all -o 填报表/）",
    "form --all": "每个部门一份表，写入 -o 指定的文件夹。",
    "form --output": "填报表（.xlsx）；与 --all 同用时为文件夹。",
    "collect": "读取填好的进展填报表，记录其中报告的进展。每份表要么全部记录，要么都不记录；"
    "同一份表收两次不会重复记录。\n\n示例：qm collect 收到的表/*.xlsx",
    "collect FILE": "填好的进展填报表（.xlsx）。",
    # ---- write
    "done": '把活动标为已完成。\n\n示例：qm done 5 --note "完成检验检测机构抽查 12 家"',
    "done ID": _IDS,
    "done --force": _RECORD_AGAIN,
    "start": "把活动标为已开始（进行中）。\n\n示例：qm start 2 3 --date 9/18",
    "start ID": _IDS,
    "start --force": _RECORD_AGAIN,
    "reopen": '重新打开已完成的活动（回到进行中）。\n\n示例：qm reopen 5 --note "抽查报告需补充"',
    "reopen ID": _IDS,
    "reopen --force": _RECORD_AGAIN,
    "progress": '记录活动的进度（100 即完成）。\n\n示例：qm progress 11 40 --note "已抽检 8 批次"',
    "progress PERCENT": "0 到 100（50 或 50%）。",
    "progress --force": _RECORD_AGAIN,
    "note": '给活动添加一条备注，不改变它的状态。\n\n示例：qm note 10 "9月受理投诉 35 件"',
    "note TEXT": "备注内容。",
}

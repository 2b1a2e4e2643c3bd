"""Rebuild the catalogue of broken inputs: ``python tests/bad_inputs/make.py``.

Each case is a file here and a row of cases.tsv: the file, whether it is a plan or a journal,
the exit code qm must give, the phrase its English message must contain, and what it is.
The files are committed; this script documents how they were made (some bytes, such as a
GBK file or a NUL, are hard to write by hand).
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

BASE = """campaign:
  name: 2023年“质量月”活动
  year: 2023
  issued: 2023-09-13
activities:
  - id: 1
    theme: 加大宣传力度
    schedule: 9月
    lead: 质量科
    assist: [办公室]
  - id: 2
    theme: 申报质量奖
    schedule: 9-10 月
    lead: 质量科
"""
HEAD = BASE.split("activities:")[0]
CASES: list[tuple[str, str, int, str, str]] = []


def plan(
    name: str, text: str | bytes, code: int, phrase: str, what: str, enc: str = "utf-8"
) -> None:
    (HERE / name).write_bytes(text.encode(enc) if isinstance(text, str) else text)
    CASES.append((name, "plan", code, phrase, what))


def journal(name: str, text: str, phrase: str, what: str, code: int = 0) -> None:
    (HERE / name).write_bytes(text.encode("utf-8", "surrogateescape"))
    CASES.append((name, "journal", code, phrase, what))


EV = {"v": 1, "event": "a" * 32, "activity": 1, "action": "done", "date": "2023-09-28",
      "note": "完成", "by": "张三", "recorded_at": "2023-09-28T16:02:11+08:00"}  # fmt: skip


def ev(**over: object) -> str:
    d = {**EV, **over}
    return json.dumps({k: v for k, v in d.items() if v is not None}, ensure_ascii=False)


def main() -> None:
    bomb = ['lol0: &l0 ["哈"]'] + [
        f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)
    ]
    plans = [
        (
            "tab_indent.yaml",
            BASE.replace("  name:", "\tname:"),
            1,
            "a tab is used for indentation",
            "tabs for indentation",
        ),
        (
            "unclosed_quote.yaml",
            BASE.replace("name: 2023", 'name: "2023'),
            1,
            "YAML syntax error",
            "an unclosed quote",
        ),
        (
            "list_for_mapping.yaml",
            "campaign:\n  - 2023年“质量月”活动\n  - 2023\nactivities:"
            + BASE.split("activities:")[1],
            1,
            "'campaign' should be a mapping",
            "a list where a mapping belongs",
        ),
        (
            "activities_mapping.yaml",
            HEAD + "activities:\n  id: 1\n",
            1,
            "'activities' should be a list",
            "a mapping where a list belongs",
        ),
        (
            "duplicate_key.yaml",
            BASE.replace(
                "    lead: 质量科\n    assist", "    lead: 质量科\n    lead: 办公室\n    assist"
            ),
            1,
            "duplicate key 'lead'",
            "duplicate keys in one mapping",
        ),
        (
            "duplicate_id.yaml",
            BASE.replace("id: 2", "id: 1"),
            1,
            "activity id 1 is used twice",
            "duplicate ids",
        ),
        (
            "id_string.yaml",
            BASE.replace("id: 2", 'id: "2"'),
            1,
            "'id' should be a whole number",
            "an id that is a string",
        ),
        (
            "id_zero.yaml",
            BASE.replace("id: 2", "id: 0"),
            1,
            "'id' should be positive",
            "an id of zero",
        ),
        (
            "id_negative.yaml",
            BASE.replace("id: 2", "id: -2"),
            1,
            "'id' should be positive",
            "a negative id",
        ),
        (
            "id_float.yaml",
            BASE.replace("id: 2", "id: 2.5"),
            1,
            "'id' should be a whole number",
            "an id with a fraction",
        ),
        (
            "missing_lead.yaml",
            BASE.replace("    lead: 质量科\n", "", 1),
            1,
            "missing required key 'lead'",
            "a missing lead",
        ),
        (
            "empty_lead.yaml",
            BASE.replace("lead: 质量科\n    assist", "lead: ''\n    assist"),
            1,
            "'lead' must not be empty",
            "an empty lead",
        ),
        (
            "missing_theme.yaml",
            BASE.replace("    theme: 申报质量奖\n", ""),
            1,
            "missing required key 'theme'",
            "a missing theme",
        ),
        (
            "missing_year.yaml",
            BASE.replace("  year: 2023\n", ""),
            1,
            "missing required key 'year'",
            "a missing campaign year",
        ),
        (
            "year_chinese.yaml",
            BASE.replace("year: 2023", "year: 二〇二三"),
            1,
            "'year' should be a whole number",
            "a year in Chinese numerals",
        ),
        (
            "unreadable_schedule.yaml",
            BASE.replace("schedule: 9-10 月", "schedule: 省出台文件后2个月"),
            1,
            "cannot read the schedule '省出台文件后2个月'",
            "a schedule nobody can read",
        ),
        (
            "schedule_bad_day.yaml",
            BASE.replace("schedule: 9-10 月", "schedule: 9月31日"),
            1,
            "which does not exist",
            "a schedule naming a day that does not exist",
        ),
        (
            "schedule_other_year.yaml",
            BASE.replace("schedule: 9-10 月", "schedule: 2021年9月"),
            0,
            "valid, 2 activities",
            "a schedule in another year is taken as written",
        ),
        (
            "start_after_end.yaml",
            BASE + "    start: 2023-10-01\n    end: 2023-09-01\n",
            1,
            "start 2023-10-01 is after end 2023-09-01",
            "start after end",
        ),
        (
            "unknown_key.yaml",
            BASE.replace("assist: [办公室]", "assist: [办公室]\n    leader: 张三"),
            1,
            "unknown key 'leader'",
            "an unknown key",
        ),
        (
            "unknown_top_key.yaml",
            "notes: hello\n" + BASE,
            1,
            "unknown key 'notes'",
            "an unknown top-level key",
        ),
        (
            "alias_unknown_target.yaml",
            BASE + "departments:\n  财务科: [财务]\n",
            0,
            "valid, 2 activities",
            "a departments: entry no activity uses is allowed (one list for all plans)",
        ),
        (
            "alias_conflict.yaml",
            BASE + "departments:\n  质量科: [质监]\n  办公室: [质监]\n",
            1,
            "names both",
            "one alias for two departments",
        ),
        (
            "python_tag.yaml",
            BASE.replace(
                "name: 2023年“质量月”活动", "name: !!python/object/apply:os.system ['echo pwned']"
            ),
            1,
            "unsupported YAML tag",
            "a Python tag",
        ),
        (
            "custom_tag.yaml",
            BASE.replace("theme: 申报质量奖", "theme: !include other.yaml"),
            1,
            "unsupported YAML tag",
            "an unknown tag",
        ),
        (
            "alias_bomb.yaml",
            "\n".join(bomb) + "\n" + BASE,
            1,
            "expands to more than",
            "an alias bomb (billion laughs)",
        ),
        (
            "recursive_alias.yaml",
            "loop: &a [*a]\n" + BASE,
            1,
            "nested too deeply",
            "a recursive alias",
        ),
        (
            "deep_nesting.yaml",
            "campaign: " + "[" * 5000 + "]" * 5000 + "\n",
            1,
            "nesting depth",
            "nesting 5,000 levels deep",
        ),
        ("binary.yaml", bytes(range(256)) * 8, 1, "binary", "binary garbage"),
        (
            "bad_utf8.yaml",
            BASE.encode()[:40] + b"\xff\xfe\x80" + BASE.encode()[40:],
            1,
            "is not valid UTF-8",
            "bytes in no encoding",
        ),
        ("bom.yaml", "\ufeff" + BASE, 0, "valid, 2 activities", "a UTF-8 BOM (accepted)"),
        (
            "crlf.yaml",
            BASE.replace("\n", "\r\n"),
            0,
            "valid, 2 activities",
            "CRLF line ends (accepted)",
        ),
        ("empty.yaml", "", 1, "the plan file is empty", "an empty file"),
        (
            "only_comments.yaml",
            "# 2023 质量月\n# 待补充\n",
            1,
            "the plan file is empty",
            "a file of comments only",
        ),
        (
            "two_documents.yaml",
            BASE + "---\n" + BASE,
            1,
            "a plan file holds one YAML document",
            "two YAML documents",
        ),
        (
            "no_activities.yaml",
            HEAD + "activities: []\n",
            1,
            "the plan has no activities",
            "no activities",
        ),
        (
            "issued_feb30.yaml",
            BASE.replace("issued: 2023-09-13", "issued: 2023-02-30"),
            1,
            "'issued' should be a date",
            "a date of 2023-02-30",
        ),
        (
            "control_char.yaml",
            BASE.replace("加大宣传力度", "加大\x07宣传力度"),
            1,
            "character #x0007 is not allowed",
            "a control character",
        ),
        (
            "nul_in_plan.yaml",
            BASE.replace("加大宣传力度", "加大\x00宣传力度"),
            1,
            "binary",
            "a NUL byte",
        ),
        (
            "assist_mapping.yaml",
            BASE.replace("assist: [办公室]", "assist: {办公室: 1}"),
            1,
            "'assist' should be a list",
            "a mapping where a list of names belongs",
        ),
        (
            "theme_number.yaml",
            BASE.replace("theme: 申报质量奖", "theme: 2023"),
            1,
            "'theme' should be text",
            "a number where text belongs",
        ),
    ]
    for name, text, code, phrase, what in plans:
        plan(name, text, code, phrase, what)
    plan("utf16.yaml", BASE, 1, "is UTF-16", "UTF-16", enc="utf-16")
    plan("gbk.yaml", BASE, 1, "is GBK/GB18030", "GBK", enc="gbk")

    good = ev(event="b" * 32, activity=2, action="start", note=None)
    journal(
        "journal_not_object.jsonl",
        ev() + "\n[1, 2, 3]\n" + good + "\n",
        "not a JSON object",
        "a line that is valid JSON but not an object",
    )
    journal(
        "journal_unknown_action.jsonl",
        ev(action="finish") + "\n" + good + "\n",
        'unknown action "finish"',
        "an event with an unknown action",
    )
    journal(
        "journal_percent_chinese.jsonl",
        ev(action="progress", percent="五十") + "\n" + good + "\n",
        "'percent' is invalid (\"五十\")",
        "a percent of 五十",
    )
    journal(
        "journal_feb30.jsonl",
        ev(date="2023-02-30") + "\n" + good + "\n",
        "'date' is invalid (\"2023-02-30\")",
        "a date of 2023-02-30",
    )
    journal(
        "journal_torn.jsonl",
        good + "\n" + ev(event="d" * 32)[:50],
        "the last line is incomplete",
        "a torn last line",
    )
    journal(
        "journal_nul_note.jsonl",
        ev(note="含\u0000空字符\u202e反向") + "\n" + good + "\n",
        "",
        "a NUL byte and a bidi override in a note (accepted, shown safely)",
    )
    journal(
        "journal_note_1mb.jsonl",
        ev(note="长" * (1024 * 1024 // 3 + 1)) + "\n" + good + "\n",
        "longer than 262144 bytes",
        "a note of 1 MB",
    )
    journal(
        "journal_binary.jsonl",
        ev() + "\n\udc80\udcff\x01垃圾\n" + good + "\n",
        "not UTF-8 text",
        "binary garbage in a line",
    )
    journal(
        "journal_unknown_activity.jsonl",
        ev(activity=99) + "\n" + good + "\n",
        "about activity 99, which the plan does not have",
        "an event for an activity the plan lacks",
    )
    journal(
        "journal_conflict_markers.jsonl",
        "<<<<<<< HEAD\n" + ev() + "\n=======\n" + good + "\n>>>>>>> 消保科\n",
        "not valid JSON",
        "git conflict markers (merged without the union driver)",
    )
    journal(
        "journal_naive_time.jsonl",
        ev(recorded_at="2023-09-28T16:02:11") + "\n" + good + "\n",
        "'recorded_at' is invalid",
        "a recorded_at without its UTC offset",
    )
    journal(
        "journal_two_on_a_line.jsonl",
        ev() + "," + good + "\n" + ev(event="e" * 32, activity=3) + "\n",
        "not valid JSON",
        "two events on one line",
    )

    with (HERE / "cases.tsv").open("w", encoding="utf-8") as f:
        f.write("file\tkind\texit\tphrase\twhat\n")
        for row in CASES:
            f.write("\t".join(str(x) for x in row) + "\n")
    print(f"{len(CASES)} cases")


if __name__ == "__main__":
    main()

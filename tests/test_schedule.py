"""The schedule parser: every form of PRODUCT.md's table, its refusals, and its invariants.

Expected periods are written out by hand: campaign year 2023, issued 2023-09-13 (a
Wednesday; 2023-09-29 to 2023-10-06 is the Mid-Autumn and National Day holiday, and the
Saturday 10-07 and Sunday 10-08 are make-up working days).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualitymonth.i18n import t
from qualitymonth.schedule import (
    EXAMPLES,
    Period,
    ScheduleError,
    examples,
    month_period,
    months_of,
    normalise,
    parse_periods,
    parse_schedule,
    read_schedule,
)
from qualitymonth.workdays import add_workdays, calendar_years

Y = 2023
ISSUED = date(2023, 9, 13)


def p(m1: int, d1: int, m2: int, d2: int, y1: int = Y, y2: int | None = None) -> Period:
    return Period(date(y1, m1, d1), date(y1 if y2 is None else y2, m2, d2))


def day(m: int, d: int, y: int = Y) -> Period:
    return p(m, d, m, d, y)


SEPT = p(9, 1, 9, 30)
SEPT_OCT = p(9, 1, 10, 31)
WHOLE = p(1, 1, 12, 31)

CASES: list[tuple[str, tuple[Period, ...]]] = [
    # whole months, every way of writing them
    ("9月", (SEPT,)),
    ("9 月", (SEPT,)),
    ("９月", (SEPT,)),
    ("９\u3000月", (SEPT,)),
    ("九月", (SEPT,)),
    ("十二月", (p(12, 1, 12, 31),)),
    ("9月份", (SEPT,)),
    ("九月份", (SEPT,)),
    ("2月", (p(2, 1, 2, 28),)),
    # month ranges and every range mark
    ("9-10月", (SEPT_OCT,)),
    ("9-10 月", (SEPT_OCT,)),
    ("9月-10月", (SEPT_OCT,)),
    ("9至10月", (SEPT_OCT,)),
    ("9到10月", (SEPT_OCT,)),
    ("9—10月", (SEPT_OCT,)),
    ("9–10月", (SEPT_OCT,)),
    ("9―10月", (SEPT_OCT,)),
    ("9~10月", (SEPT_OCT,)),
    ("9～10月", (SEPT_OCT,)),
    ("9－10月", (SEPT_OCT,)),
    ("9月——10月", (SEPT_OCT,)),
    ("9月起至10月", (SEPT_OCT,)),
    ("从9月至10月", (SEPT_OCT,)),
    ("自9月至10月结束", (SEPT_OCT,)),
    ("九至十月", (SEPT_OCT,)),
    ("1-6月", (p(1, 1, 6, 30),)),
    ("8月-12月", (p(8, 1, 12, 31),)),
    ("4月一12月", (p(4, 1, 12, 31),)),
    # 旬, alone and combined
    ("9月上旬", (p(9, 1, 9, 10),)),
    ("9月中旬", (p(9, 11, 9, 20),)),
    ("9月下旬", (p(9, 21, 9, 30),)),
    ("2月下旬", (p(2, 21, 2, 28),)),
    ("9月上中旬", (p(9, 1, 9, 20),)),
    ("3月上中旬", (p(3, 1, 3, 20),)),
    ("9月中下旬", (p(9, 11, 9, 30),)),
    ("6月中下旬", (p(6, 11, 6, 30),)),
    ("2月下旬—3月上旬", (p(2, 21, 3, 10),)),
    ("6月上旬至中旬", (p(6, 1, 6, 20),)),
    ("9月初", (p(9, 1, 9, 10),)),
    # days and spans of days; the month carries over
    ("9月15日", (day(9, 15),)),
    ("9月15号", (day(9, 15),)),
    ("９月１５日", (day(9, 15),)),
    ("九月十五日", (day(9, 15),)),
    ("9月15日-10月8日", (p(9, 15, 10, 8),)),
    ("6月17日至19日", (p(6, 17, 6, 19),)),
    ("9月1日-2日", (p(9, 1, 9, 2),)),
    ("6月17日至月底", (p(6, 17, 6, 30),)),
    ("9月1日起至10月31日", (p(9, 1, 10, 31),)),
    ("从9月1日至10月31日", (p(9, 1, 10, 31),)),
    ("自9月1日至10月31日结束", (p(9, 1, 10, 31),)),
    ("9月1日至10月31日止", (p(9, 1, 10, 31),)),
    ("9月1日起", (p(9, 1, 12, 31),)),
    ("9月起长期坚持", (p(9, 1, 12, 31),)),
    # numeric dates
    ("6/17-6/23", (p(6, 17, 6, 23),)),
    ("6.1-6.30", (p(6, 1, 6, 30),)),
    ("2024.6.17—6.23", (p(6, 17, 6, 23, 2024),)),
    ("2024/6/1-2024/6/30", (p(6, 1, 6, 30, 2024),)),
    ("2024-06-01至2024-06-30", (p(6, 1, 6, 30, 2024),)),
    # day qualifiers
    ("9月15日当天", (day(9, 15),)),
    ("9月15日前后", (day(9, 15),)),
    ("9月左右", (SEPT,)),
    # deadlines: from the issue date, or 1 January of the end's year when issued later
    ("9月底前", (p(9, 13, 9, 30),)),
    ("9月15日前", (p(9, 13, 9, 15),)),
    ("9月底", (p(9, 13, 9, 30),)),
    ("年底前", (p(9, 13, 12, 31),)),
    ("到6月底", (p(1, 1, 6, 30),)),
    ("持续到6月底", (p(1, 1, 6, 30),)),
    ("2025年底前", (p(9, 13, 12, 31, 2023, 2025),)),
    ("至2025年底", (p(9, 13, 12, 31, 2023, 2025),)),
    ("截至10月底", (p(9, 13, 10, 31),)),
    ("10月31日之前", (p(9, 13, 10, 31),)),
    ("三季度末", (p(9, 13, 9, 30),)),
    ("年内", (p(9, 13, 12, 31),)),
    ("持续推进至6月底", (p(1, 1, 6, 30),)),
    # from the issue date
    ("即日起", (p(9, 13, 12, 31),)),
    ("即日起至12月31日", (p(9, 13, 12, 31),)),
    ("自即日起至10月底", (p(9, 13, 10, 31),)),
    ("自即日起至6月底", (p(1, 1, 6, 30),)),
    # ongoing and recurring
    ("全年", (WHOLE,)),
    ("贯穿全年", (WHOLE,)),
    ("长期", (WHOLE,)),
    ("长期坚持", (WHOLE,)),
    ("常态工作", (WHOLE,)),
    ("持续推进", (WHOLE,)),
    ("持续开展", (WHOLE,)),
    ("每月15日前", (WHOLE,)),
    ("每季度", (WHOLE,)),
    ("每季度末报送", (WHOLE,)),
    ("分季度组织实施", (WHOLE,)),
    ("2023年全年", (WHOLE,)),
    ("每周五", (WHOLE,)),
    ("每年9月", (SEPT,)),
    ("9-12月每月开展一次", (p(9, 1, 12, 31),)),
    ("2024年全年", (p(1, 1, 12, 31, 2024),)),
    # halves and quarters
    ("上半年", (p(1, 1, 6, 30),)),
    ("下半年", (p(7, 1, 12, 31),)),
    ("第三季度", (p(7, 1, 9, 30),)),
    ("三季度", (p(7, 1, 9, 30),)),
    ("第一季度", (p(1, 1, 3, 31),)),
    ("四季度", (p(10, 1, 12, 31),)),
    ("2-3季度", (p(4, 1, 9, 30),)),
    ("第二至第三季度", (p(4, 1, 9, 30),)),
    ("明年上半年", (p(1, 1, 6, 30, 2024),)),
    # explicit and relative years, taken as written whatever the campaign year
    ("2023年9月", (SEPT,)),
    ("二〇二三年九月", (SEPT,)),
    ("2023年5月25-28日", (p(5, 25, 5, 28),)),
    ("10月-次年3月", (p(10, 1, 3, 31, 2023, 2024),)),
    ("10月至翌年3月", (p(10, 1, 3, 31, 2023, 2024),)),
    ("2023年10月-2024年3月", (p(10, 1, 3, 31, 2023, 2024),)),
    ("今年9月", (SEPT,)),
    ("明年3月", (p(3, 1, 3, 31, 2024),)),
    ("2021年9月", (p(9, 1, 9, 30, 2021),)),
    ("2030年9月", (p(9, 1, 9, 30, 2030),)),
    ("一一年一月", (p(1, 1, 1, 31, 2011),)),
    # whole years
    ("2024—2026年", (p(1, 1, 12, 31, 2024, 2026),)),
    ("2024年至2026年", (p(1, 1, 12, 31, 2024, 2026),)),
    ("2024年度", (p(1, 1, 12, 31, 2024),)),
    ("2023年", (WHOLE,)),
    # durations from the issue date; working days skip the National Day holiday
    ("一个月内", (p(9, 13, 10, 13),)),
    ("10天之内", (p(9, 13, 9, 23),)),
    ("两周内", (p(9, 13, 9, 27),)),
    ("10个工作日内", (p(9, 13, 9, 27),)),
    ("15个工作日内", (p(9, 13, 10, 10),)),
    ("即日起10个工作日内", (p(9, 13, 9, 27),)),
    # several periods: as written, sorted
    ("6月、9月", (p(6, 1, 6, 30), SEPT)),
    ("6月和9月", (p(6, 1, 6, 30), SEPT)),
    ("9、10月", (SEPT, p(10, 1, 10, 31))),
    ("5、6月份", (p(5, 1, 5, 31), p(6, 1, 6, 30))),
    ("3月5日、3月15日", (day(3, 5), day(3, 15))),
    ("3月5日、15日", (day(3, 5), day(3, 15))),
    ("第二、三季度", (p(4, 1, 6, 30), p(7, 1, 9, 30))),
    ("6月16日或17日", (day(6, 16), day(6, 17))),
    ("9月中旬、下旬", (p(9, 11, 9, 20), p(9, 21, 9, 30))),
    ("2024年3月、5月", (p(3, 1, 3, 31, 2024), p(5, 1, 5, 31, 2024))),
    ("6月底前完成自查，7月份开展抽查", (p(1, 1, 6, 30), p(7, 1, 7, 31))),
    ("6月底和7月底", (p(1, 1, 6, 30), p(1, 1, 7, 31))),
    ("11月底前，并长期坚持", (WHOLE, p(9, 13, 11, 30))),
    ("9月、9月", (SEPT,)),
    # annotations, clock times and trailing words are ignored
    ("4月20日(星期五)前", (p(1, 1, 4, 20),)),
    ("4月20日（星期五）前", (p(1, 1, 4, 20),)),
    ("(正月初五)9月1日", (day(9, 1),)),
    ("9月15日上午8点", (day(9, 15),)),
    ("9月15日16时前", (p(9, 13, 9, 15),)),
    ("9月15日 8:30", (day(9, 15),)),
    ("9月15日8:30-11:30", (day(9, 15),)),
    ("9月15日9:00—12:00", (day(9, 15),)),
    ("9月15日上午8点开始至下午16时结束", (day(9, 15),)),
    ("9月底前报送总结", (p(9, 13, 9, 30),)),
    ("9月完成自查", (SEPT,)),
    ("于9月底前完成", (p(9, 13, 9, 30),)),
    ("10月20日前报送至局质量科", (p(9, 13, 10, 20),)),
    ("9月底前完成10家企业检查", (p(9, 13, 9, 30),)),
    ("9月开展,抽查100批次", (SEPT,)),
    ("7月1日零时起", (p(7, 1, 12, 31),)),
    # a bracket is read when the text outside it names no date
    ("宣传周期间（6月17日-23日）", (p(6, 17, 6, 23),)),
    ("动员部署阶段(8月1日—8月20日)", (p(8, 1, 8, 20),)),
    ("第二阶段:集中整治(5月15日至11月底)", (p(5, 15, 11, 30),)),
    ("6月第二个星期日", (day(6, 11),)),
    # slips of the pen a reader reads without hesitation
    ("5月 20 日 9月 16 日 11月18日", (day(5, 20), day(9, 16), day(11, 18))),
    ("2023年5月中旬一2023年9月30日", (p(5, 11, 9, 30),)),
    ("6月24曰至8月2曰", (p(6, 24, 8, 2),)),
    ("笔试时间:2023年1月20日上午9:00时—11:00时", (day(1, 20),)),
    ("开展自查，9月底前完成", (p(9, 13, 9, 30),)),
]


@pytest.mark.parametrize(("text", "periods"), CASES, ids=[c[0] for c in CASES])
def test_schedule_forms(text: str, periods: tuple[Period, ...]) -> None:
    assert parse_periods(text, Y, ISSUED) == periods


@pytest.mark.parametrize(("text", "periods"), CASES, ids=[c[0] for c in CASES])
def test_parse_schedule_is_the_hull(text: str, periods: tuple[Period, ...]) -> None:
    hull = Period(min(q.start for q in periods), max(q.end for q in periods))
    assert parse_schedule(text, Y, ISSUED) == hull


def test_there_are_at_least_a_hundred_cases() -> None:
    assert len(CASES) >= 100


@pytest.mark.parametrize(
    "text",
    ["待定", "另行通知", "（待定）", " 待定 ", "根据上级部署", "按上级要求", "视情况而定",
     "活动期间", "宣传周期间", "国庆期间", "具体时间另行通知", "具体时间待省厅通知",
     "由实施机构另文通知", "开学前", "國家核準考試成績後", "在规定的审查时间内",
     "“百日行动”期间持续推进。"],
)  # fmt: skip
def test_undated_texts_have_no_period(text: str) -> None:
    assert parse_periods(text, Y, ISSUED) == ()
    assert parse_schedule(text, Y, ISSUED) is None


def test_leap_year_february() -> None:
    assert parse_periods("2月下旬", 2024) == (p(2, 21, 2, 29, 2024),)
    assert parse_periods("2月29日", 2024) == (day(2, 29, 2024),)
    with pytest.raises(ScheduleError) as err:
        parse_periods("2月29日", 2023)
    assert err.value.reason == "schedule_bad_date"


def test_deadline_without_issue_date_starts_on_first_of_january() -> None:
    assert parse_periods("9月底前", Y) == (p(1, 1, 9, 30),)
    assert parse_periods("即日起", Y) == (WHOLE,)
    assert parse_periods("2025年底前", Y) == (p(1, 1, 12, 31, 2025),)


def test_deadline_after_a_late_issue_date_starts_on_first_of_january() -> None:
    assert parse_periods("6月底前", Y, ISSUED) == (p(1, 1, 6, 30),)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("某个时候", "schedule_unreadable"),
        ("省出台文件后2个月", "schedule_unreadable"),
        ("文件出台后一个月内", "schedule_unreadable"),
        ("9月15日后2个月", "schedule_unreadable"),
        ("9月后", "schedule_unreadable"),
        ("", "schedule_empty"),
        ("   ", "schedule_empty"),
        ("上午8点", "schedule_unreadable"),
        ("9月31日", "schedule_bad_date"),
        ("2月30日", "schedule_bad_date"),
        ("13月", "schedule_bad_date"),
        ("10月-3月", "schedule_end_before_start"),
        ("9", "schedule_unreadable"),
        ("25-28日", "schedule_unreadable"),
        ("9月至", "schedule_unreadable"),
        ("省出台文件后，2个月内完成", "schedule_unreadable"),
        ("考後2個月", "schedule_unreadable"),
        ("4月底至5月中旬", "schedule_unreadable"),
        ("秋季开学预备周", "schedule_unreadable"),
        ("9月中秋节前", "schedule_unreadable"),
        ("9月底至10月", "schedule_unreadable"),
        ("9月开展至年底", "schedule_unreadable"),
        ("1.5个月内", "schedule_unreadable"),
        ("6月、9", "schedule_unreadable"),
        ("9月13日至今", "schedule_unreadable"),
        ("7月20日?7月27日", "schedule_unreadable"),
        ("20229", "schedule_unreadable"),
        ("中旬", "schedule_unreadable"),
        ("2024年年初", "schedule_unreadable"),
        ("一个月内", "schedule_needs_issued"),
    ],
)
def test_unreadable_schedules_raise_their_reason(text: str, reason: str) -> None:
    issued = None if reason == "schedule_needs_issued" else ISSUED
    with pytest.raises(ScheduleError) as err:
        parse_periods(text, Y, issued)
    assert err.value.reason == reason
    assert err.value.text == text
    with pytest.raises(ScheduleError):  # and again, from the memo
        parse_schedule(text, Y, issued)


def test_normalise_reads_full_width_and_numerals() -> None:
    assert normalise("９月１５日～十月八日") == "9月15日~10月8日"
    assert normalise("按照国家局统一部署") == "按照国家局统一部署"
    assert normalise("第二、三季度") == "第2季度、3季度"


def test_month_period_knows_month_lengths() -> None:
    assert month_period(2024, 2).end == date(2024, 2, 29)
    assert month_period(2023, 2).end == date(2023, 2, 28)


# --------------------------------------------------------------------------- working days


def test_working_days_count_the_official_calendar() -> None:
    # Spring Festival 2024: 2-10 to 2-17 off, Sunday 2-4 and Sunday 2-18 worked.
    assert add_workdays(date(2024, 2, 2), 1).end == date(2024, 2, 4)
    assert add_workdays(date(2024, 2, 9), 1).end == date(2024, 2, 18)
    assert add_workdays(date(2024, 2, 9), 1).weekday_years == frozenset()


def test_working_days_outside_the_calendar_count_monday_to_friday() -> None:
    beyond = max(calendar_years()) + 1
    start = date(beyond, 3, 6)
    got = read_schedule("10个工作日内", beyond, start)
    assert got.weekday_years == frozenset({beyond})
    end = got.periods[0].end
    between = [date.fromordinal(n) for n in range(start.toordinal() + 1, end.toordinal() + 1)]
    assert sum(d.weekday() < 5 for d in between) == 10
    assert end.weekday() < 5
    # a count that starts inside the calendar and runs out of it says so too
    crossing = read_schedule("3个工作日内", beyond - 1, date(beyond - 1, 12, 31))
    assert crossing.weekday_years == frozenset({beyond})


def test_the_working_day_note_is_one_message() -> None:
    beyond = max(calendar_years()) + 1
    years = read_schedule("5个工作日内", beyond, date(beyond, 5, 6)).weekday_years
    said = t("schedule_weekdays_only", "zh", years="、".join(map(str, sorted(years))))
    assert f"{beyond} 年的法定节假日" in said
    assert "周一至周五" in said


def test_other_texts_carry_no_working_day_note() -> None:
    assert read_schedule("10个工作日内", Y, ISSUED).weekday_years == frozenset()
    assert read_schedule("9月", Y, ISSUED).weekday_years == frozenset()


def test_the_holiday_calendar_is_imported_only_for_working_days() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from qualitymonth.schedule import parse_periods\n"
        "parse_periods('6月、9月', 2023, date(2023, 9, 13))\n"
        "assert 'chinese_calendar' not in sys.modules\n"
        "parse_periods('10个工作日内', 2023, date(2023, 9, 13))\n"
        "assert 'chinese_calendar' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --------------------------------------------------------------------------- examples


def test_examples_are_in_the_plans_own_months() -> None:
    june = [p(6, 1, 6, 30), p(6, 11, 6, 20), p(6, 1, 7, 31), WHOLE]
    got = examples(months_of(june, Y))
    assert got[:3] == ("6月", "6-7月", "6月中旬")
    assert "第二季度" in got and "待定" in got
    for text in got:
        parse_periods(text, Y, ISSUED)  # every example reads


def test_examples_for_december_stay_in_the_year() -> None:
    got = examples([12, 12, 3])
    assert got[:3] == ("12月", "11-12月", "12月中旬")
    assert "3月和12月" in got
    for text in got:
        parse_periods(text, Y, ISSUED)  # every example reads


def test_examples_without_months_are_the_default() -> None:
    assert examples([]) == EXAMPLES
    assert examples(months_of([WHOLE], Y)) == EXAMPLES
    for text in EXAMPLES:
        parse_periods(text, Y, ISSUED)


# --------------------------------------------------------------------------- properties

_PIECES = st.sampled_from(
    [
        "9", "10", "１２", "九", "十二", "三十一", "2023", "2024", "2022", "年", "月", "日", "号",
        "份", "上旬", "中旬", "下旬", "底", "初", "末", "前", "起", "至", "到", "-", "—", "～",
        "、", "/", ".", ":", "或", "当天", "前后", "即日", "工作日", "个", "内", "第", "季度",
        "，", "和", "并", "全年", "长期", "每月", "上半年", "下半年", "第三季度", "次年", "明年",
        "今年", "个月内", "天之内", "待定", "(", ")", "（星期五）", "上午8点", " ", "\u3000", "从",
        "自", "结束", "止", "期间", "x", "?", "\x00", "\u202e", "一", "星期日",
    ]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join), st.integers(1990, 2100), st.booleans())
def test_accepted_text_gives_sorted_periods(text: str, year: int, issued: bool) -> None:
    """Every accepted text gives periods sorted by start, each with start <= end; every
    other text raises ScheduleError and nothing else."""
    issue_date = date(year, 3, 15) if issued else None
    try:
        periods = parse_periods(text, year, issue_date)
    except ScheduleError:
        return
    assert all(q.start <= q.end for q in periods)
    assert list(periods) == sorted(periods, key=lambda q: (q.start, q.end))
    assert len(set(periods)) == len(periods)
    hull = parse_schedule(text, year, issue_date)
    assert (hull is None) == (not periods)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=30), st.integers(1, 9999), st.none() | st.dates())
def test_arbitrary_text_never_crashes(text: str, year: int, issued: date | None) -> None:
    with contextlib.suppress(ScheduleError):
        parse_periods(text, year, issued)


def test_validate_shows_examples_in_the_plans_months(tmp_path: Path) -> None:
    """A June plan with one unreadable cell: `qm validate` quotes it, names its line, and
    shows examples written in June."""
    plan = tmp_path / "campaign-2024.yaml"
    plan.write_text(
        "campaign:\n"
        "  name: 2024年安全生产月\n"
        "  year: 2024\n"
        "  issued: 2024-05-20\n"
        "activities:\n"
        "  - {id: 1, theme: 启动仪式, schedule: 6月上旬, lead: 安监科}\n"
        "  - {id: 2, theme: 宣传咨询日, schedule: 6月16日, lead: 安监科}\n"
        "  - {id: 3, theme: 应急演练, schedule: 省出台文件后2个月, lead: 安监科}\n",
        encoding="utf-8",
    )
    env = {**os.environ, "QM_CACHE_DIR": str(tmp_path / "cache"), "QM_TODAY": "2024-06-01"}
    run = subprocess.run(
        [sys.executable, "-m", "qualitymonth", "--plan", str(plan), "validate"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
    )
    assert run.returncode == 1
    assert f"{plan}:8:" in run.stderr
    assert "省出台文件后2个月" in run.stderr
    june = "6月、6-7月、6月中旬、6月15日-7月8日、6月底前、6月和9月、全年、第二季度、待定"
    assert june in run.stderr
    assert "9-10月" not in run.stderr  # not the September examples

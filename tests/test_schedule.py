"""The schedule parser: every form of PRODUCT.md's table, its errors, and its invariants."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualitymonth.schedule import Period, ScheduleError, month_period, normalise, parse_schedule

Y = 2023
ISSUED = date(2023, 9, 13)


def d(month: int, day: int, year: int = Y) -> date:
    return date(year, month, day)


CASES: list[tuple[str, date, date]] = [
    # whole months, every way of writing them
    ("9月", d(9, 1), d(9, 30)),
    ("9 月", d(9, 1), d(9, 30)),
    ("９月", d(9, 1), d(9, 30)),
    ("９\u3000月", d(9, 1), d(9, 30)),
    ("九月", d(9, 1), d(9, 30)),
    ("十二月", d(12, 1), d(12, 31)),
    ("9月份", d(9, 1), d(9, 30)),
    ("2月", d(2, 1), d(2, 28)),
    # month ranges and every range mark
    ("9-10月", d(9, 1), d(10, 31)),
    ("9-10 月", d(9, 1), d(10, 31)),
    ("9月-10月", d(9, 1), d(10, 31)),
    ("9至10月", d(9, 1), d(10, 31)),
    ("9到10月", d(9, 1), d(10, 31)),
    ("9—10月", d(9, 1), d(10, 31)),
    ("9–10月", d(9, 1), d(10, 31)),
    ("9―10月", d(9, 1), d(10, 31)),
    ("9~10月", d(9, 1), d(10, 31)),
    ("9～10月", d(9, 1), d(10, 31)),
    ("9－10月", d(9, 1), d(10, 31)),
    ("9月——10月", d(9, 1), d(10, 31)),
    ("1-6月", d(1, 1), d(6, 30)),
    ("6-10月", d(6, 1), d(10, 31)),
    ("8月-12月", d(8, 1), d(12, 31)),
    ("九至十月", d(9, 1), d(10, 31)),
    ("9、10月", d(9, 1), d(10, 31)),
    # 旬
    ("9月上旬", d(9, 1), d(9, 10)),
    ("9月中旬", d(9, 11), d(9, 20)),
    ("9月下旬", d(9, 21), d(9, 30)),
    ("2月下旬", d(2, 21), d(2, 28)),
    ("2月下旬—3月上旬", d(2, 21), d(3, 10)),
    ("9月初", d(9, 1), d(9, 10)),
    # days and day spans
    ("9月15日", d(9, 15), d(9, 15)),
    ("9月15号", d(9, 15), d(9, 15)),
    ("９月１５日", d(9, 15), d(9, 15)),
    ("九月十五日", d(9, 15), d(9, 15)),
    ("9月15日-10月8日", d(9, 15), d(10, 8)),
    ("6月17日至19日", d(6, 17), d(6, 19)),
    ("9月1日-2日", d(9, 1), d(9, 2)),
    ("9月1日起至10月31日", d(9, 1), d(10, 31)),
    ("从9月1日至10月31日", d(9, 1), d(10, 31)),
    ("自9月1日至10月31日结束", d(9, 1), d(10, 31)),
    ("9月1日至10月31日止", d(9, 1), d(10, 31)),
    ("9月1日起", d(9, 1), d(12, 31)),
    # deadlines: from the issue date (2023-09-13), or 1 January when the end is earlier
    ("9月底前", ISSUED, d(9, 30)),
    ("9月15日前", ISSUED, d(9, 15)),
    ("9月底", ISSUED, d(9, 30)),
    ("年底前", ISSUED, d(12, 31)),
    ("到6月底", d(1, 1), d(6, 30)),
    ("持续到6月底", d(1, 1), d(6, 30)),
    ("截至10月底", ISSUED, d(10, 31)),
    ("10月31日之前", ISSUED, d(10, 31)),
    ("三季度末", ISSUED, d(9, 30)),
    # ongoing and recurring
    ("全年", d(1, 1), d(12, 31)),
    ("长期", d(1, 1), d(12, 31)),
    ("长期坚持", d(1, 1), d(12, 31)),
    ("常态工作", d(1, 1), d(12, 31)),
    ("持续推进", d(1, 1), d(12, 31)),
    ("每月15日前", d(1, 1), d(12, 31)),
    ("每季度", d(1, 1), d(12, 31)),
    ("2023年全年", d(1, 1), d(12, 31)),
    # halves and quarters
    ("上半年", d(1, 1), d(6, 30)),
    ("下半年", d(7, 1), d(12, 31)),
    ("第三季度", d(7, 1), d(9, 30)),
    ("三季度", d(7, 1), d(9, 30)),
    ("第一季度", d(1, 1), d(3, 31)),
    ("四季度", d(10, 1), d(12, 31)),
    ("明年上半年", d(1, 1, 2024), d(6, 30, 2024)),
    # explicit and relative years
    ("2023年9月", d(9, 1), d(9, 30)),
    ("二〇二三年九月", d(9, 1), d(9, 30)),
    ("2023年5月25-28日", d(5, 25), d(5, 28)),
    ("10月-次年3月", d(10, 1), d(3, 31, 2024)),
    ("10月至翌年3月", d(10, 1), d(3, 31, 2024)),
    ("2023年10月-2024年3月", d(10, 1), d(3, 31, 2024)),
    ("今年9月", d(9, 1), d(9, 30)),
    ("明年3月", d(3, 1, 2024), d(3, 31, 2024)),
    # durations from the issue date
    ("一个月内", ISSUED, d(10, 13)),
    ("10天之内", ISSUED, d(9, 23)),
    ("两周内", ISSUED, d(9, 27)),
    # annotations and clock times are ignored
    ("4月20日(星期五)前", d(1, 1), d(4, 20)),
    ("4月20日（星期五）前", d(1, 1), d(4, 20)),
    ("(正月初五)9月1日", d(9, 1), d(9, 1)),
    ("9月15日上午8点", d(9, 15), d(9, 15)),
    ("9月15日16时前", ISSUED, d(9, 15)),
    ("9月15日 8:30", d(9, 15), d(9, 15)),
    # several periods: earliest start to latest end
    ("6月底和7月底", d(1, 1), d(7, 31)),
    ("11月底前，并长期坚持", d(1, 1), d(12, 31)),
    ("9月中旬、10月下旬", d(9, 11), d(10, 31)),
]


@pytest.mark.parametrize(("text", "start", "end"), CASES, ids=[c[0] for c in CASES])
def test_schedule_forms(text: str, start: date, end: date) -> None:
    assert parse_schedule(text, Y, ISSUED) == Period(start, end)


def test_there_are_at_least_fifty_cases() -> None:
    assert len(CASES) >= 50


@pytest.mark.parametrize("text", ["待定", "另行通知", "（待定）", " 待定 "])
def test_undated_texts_have_no_period(text: str) -> None:
    assert parse_schedule(text, Y, ISSUED) is None


def test_leap_year_february() -> None:
    assert parse_schedule("2月下旬", 2024) == Period(date(2024, 2, 21), date(2024, 2, 29))
    assert parse_schedule("2月29日", 2024) == Period(date(2024, 2, 29), date(2024, 2, 29))
    with pytest.raises(ScheduleError) as err:
        parse_schedule("2月29日", 2023)
    assert err.value.reason == "schedule_bad_date"


def test_deadline_without_issue_date_starts_on_first_of_january() -> None:
    assert parse_schedule("9月底前", Y) == Period(d(1, 1), d(9, 30))


def test_deadline_after_a_late_issue_date_starts_on_first_of_january() -> None:
    assert parse_schedule("6月底前", Y, ISSUED) == Period(d(1, 1), d(6, 30))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("某个时候", "schedule_unreadable"),
        ("省出台文件后2个月", "schedule_unreadable"),
        ("", "schedule_empty"),
        ("   ", "schedule_empty"),
        ("9月31日", "schedule_bad_date"),
        ("2月30日", "schedule_bad_date"),
        ("13月", "schedule_bad_date"),
        ("10月-3月", "schedule_end_before_start"),
        ("2021年9月", "schedule_year_out_of_range"),
        ("2025年9月", "schedule_year_out_of_range"),
        ("9", "schedule_unreadable"),
        ("25-28日", "schedule_unreadable"),
        ("9月左右", "schedule_unreadable"),
    ],
)
def test_unreadable_schedules_raise_their_reason(text: str, reason: str) -> None:
    with pytest.raises(ScheduleError) as err:
        parse_schedule(text, Y, ISSUED)
    assert err.value.reason == reason
    assert err.value.text == text


def test_duration_needs_an_issue_date() -> None:
    with pytest.raises(ScheduleError) as err:
        parse_schedule("一个月内", Y)
    assert err.value.reason == "schedule_needs_issued"


def test_normalise_reads_full_width_and_numerals() -> None:
    assert normalise("９月１５日～十月八日") == "9月15日~10月8日"


def test_month_period_knows_month_lengths() -> None:
    assert month_period(2024, 2).end == date(2024, 2, 29)
    assert month_period(2023, 2).end == date(2023, 2, 28)


# --------------------------------------------------------------------------- properties

_PIECES = st.sampled_from(
    [
        "9", "10", "１２", "九", "十二", "三十一", "2023", "2024", "2022", "年", "月", "日", "号",
        "份", "上旬", "中旬", "下旬", "底", "初", "末", "前", "起", "至", "到", "-", "—", "～",
        "、",
        "，", "和", "并", "全年", "长期", "每月", "上半年", "下半年", "第三季度", "次年", "明年",
        "今年", "个月内", "天之内", "待定", "(", ")", "（星期五）", "上午8点", " ", "\u3000", "从",
        "自", "结束", "止", "x", "?", "\x00", "\u202e",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join), st.integers(2000, 2100), st.booleans())
def test_accepted_text_gives_ordered_period_within_campaign(
    text: str, year: int, issued: bool
) -> None:
    """Every accepted text gives start <= end within year Y..Y+1; every other raises
    ScheduleError and nothing else."""
    issue_date = date(year, 3, 15) if issued else None
    try:
        period = parse_schedule(text, year, issue_date)
    except ScheduleError:
        return
    if period is not None:
        assert period.start <= period.end
        assert year <= period.start.year and period.end.year <= year + 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.integers(1900, 2200))
def test_arbitrary_text_never_crashes(text: str, year: int) -> None:
    with contextlib.suppress(ScheduleError):
        parse_schedule(text, year, date(year, 1, 1))

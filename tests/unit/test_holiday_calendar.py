"""The holiday calendar past chinese-calendar's last year, and days entered from the notice.

《全国年节及纪念日放假办法》(2024年11月10日国务院令第795号第四次修订，2025年1月1日起施行)
第二条 全体公民放假的节日：
（一）元旦，放假1天（1月1日）；
（二）春节，放假4天（农历除夕、正月初一至初三）；
（三）清明节，放假1天（农历清明当日）；
（四）劳动节，放假2天（5月1日、2日）；
（五）端午节，放假1天（农历端午当日）；
（六）中秋节，放假1天（农历中秋当日）；
（七）国庆节，放假3天（10月1日至3日）。

The lunar dates below are hand-checked against published almanac tables (the Hong Kong
Observatory's Gregorian-lunar conversion tables for 2027 and 2030; 清明 also against
chinese-calendar's own solar-term formula), never taken from the code under test:
2027 除夕 02-05 (Fri), 春节 02-06, 清明 04-05, 端午 06-09, 中秋 09-15;
2030 除夕 02-02 (Sat), 春节 02-03, 清明 04-05, 端午 06-05, 中秋 09-12."""

from __future__ import annotations

from datetime import date

import chinese_calendar
import pytest

from app.domain.errors import ValidationError, ValidationErrors
from app.domain.holiday_entries import parse_day_range, parse_rows
from app.domain.plans import month_calendar
from app.domain.statutory_holidays import statutory_holidays
from app.domain.working_days import (
    DaySource,
    EnteredDay,
    HolidayCalendar,
    add_working_days,
    is_workday,
)

D = date
STATUTORY_2027 = [
    (D(2027, 1, 1), "元旦"),
    (D(2027, 2, 5), "春节"),  # 农历除夕
    (D(2027, 2, 6), "春节"),  # 正月初一
    (D(2027, 2, 7), "春节"),
    (D(2027, 2, 8), "春节"),  # 正月初三
    (D(2027, 4, 5), "清明节"),
    (D(2027, 5, 1), "劳动节"),
    (D(2027, 5, 2), "劳动节"),
    (D(2027, 6, 9), "端午节"),
    (D(2027, 9, 15), "中秋节"),
    (D(2027, 10, 1), "国庆节"),
    (D(2027, 10, 2), "国庆节"),
    (D(2027, 10, 3), "国庆节"),
]
STATUTORY_2030 = [
    (D(2030, 1, 1), "元旦"),
    (D(2030, 2, 2), "春节"),
    (D(2030, 2, 3), "春节"),
    (D(2030, 2, 4), "春节"),
    (D(2030, 2, 5), "春节"),
    (D(2030, 4, 5), "清明节"),
    (D(2030, 5, 1), "劳动节"),
    (D(2030, 5, 2), "劳动节"),
    (D(2030, 6, 5), "端午节"),
    (D(2030, 9, 12), "中秋节"),
    (D(2030, 10, 1), "国庆节"),
    (D(2030, 10, 2), "国庆节"),
    (D(2030, 10, 3), "国庆节"),
]


@pytest.mark.parametrize(("year", "expected"), [(2027, STATUTORY_2027), (2030, STATUTORY_2030)])
def test_the_thirteen_statutory_days_of_a_year_past_the_library(year, expected):
    """第二条: 1 + 4 + 1 + 2 + 1 + 1 + 3 = 13 days off."""
    assert [(h.day, h.name) for h in statutory_holidays(year)] == expected


@pytest.mark.parametrize("year", [2027, 2030])
def test_qingming_agrees_with_chinese_calendars_solar_terms(year):
    """清明节，放假1天（农历清明当日）: the solar term, by a second, independent formula."""
    terms = chinese_calendar.get_solar_terms(D(year, 4, 1), D(year, 4, 10))
    ours = [h.day for h in statutory_holidays(year) if h.name == "清明节"]
    assert [d for d, name in terms if name == "清明"] == ours


def test_february_2027_counts_no_statutory_holiday_as_a_working_day():
    """February 2027 starts on a Monday and has 28 days: 20 weekdays. 春节 (除夕 Fri 5 Feb,
    初一-初三 Sat 6 - Mon 8 Feb) takes Fri 5 and Mon 8 off: 18 working days."""
    cal = month_calendar(2027, 2)
    assert len(cal.working_days) == 18
    assert cal.holidays == (D(2027, 2, 5), D(2027, 2, 8))
    assert cal.official is False and cal.note == "调休未公布"


@pytest.mark.parametrize(
    ("year", "month", "working", "holidays"),
    [
        # 2030-02: starts Fri; 20 weekdays; 除夕 Sat 2, 初一 Sun 3, 初二 Mon 4, 初三 Tue 5
        (2030, 2, 18, (D(2030, 2, 4), D(2030, 2, 5))),
        # 2030-06: starts Sat; 20 weekdays; 端午 Wed 5 June
        (2030, 6, 19, (D(2030, 6, 5),)),
        # 2030-09: starts Sun; 21 weekdays; 中秋 Thu 12 Sept
        (2030, 9, 20, (D(2030, 9, 12),)),
        # 2027-10: starts Fri; 21 weekdays; 国庆 Fri 1 (2, 3 are Sat, Sun)
        (2027, 10, 20, (D(2027, 10, 1),)),
        # 2027-04: starts Thu; 22 weekdays; 清明 Mon 5 April
        (2027, 4, 21, (D(2027, 4, 5),)),
    ],
)
def test_month_counts_in_fallback_years(year, month, working, holidays):
    cal = month_calendar(year, month)
    assert len(cal.working_days) == working
    assert cal.holidays == holidays
    assert cal.makeup_days == ()  # 调休 is never guessed


def test_a_deadline_across_spring_festival_2027_skips_the_statutory_days():
    """Thu 2027-02-04 + 5 working days: Fri 5 off (除夕), Sat-Sun, Mon 8 off (初三);
    Tue 9 (1), Wed 10 (2), Thu 11 (3), Fri 12 (4), Mon 15 (5). Not official: 调休未公布."""
    answer = add_working_days(D(2027, 2, 4), 5)
    assert answer.day == D(2027, 2, 15) and answer.official is False


def test_an_entered_day_beats_the_statutory_rule_and_the_weekend():
    notice = HolidayCalendar(
        (
            EnteredDay(D(2027, 2, 9), True, "春节"),  # a Tuesday made a day off
            EnteredDay(D(2027, 2, 20), False, "春节"),  # a Saturday made a working day
            EnteredDay(D(2027, 2, 5), False, ""),  # even a statutory day can be overruled
        )
    )
    assert not is_workday(D(2027, 2, 9), notice) and is_workday(D(2027, 2, 9))
    assert is_workday(D(2027, 2, 20), notice) and not is_workday(D(2027, 2, 20))
    assert is_workday(D(2027, 2, 5), notice)
    cal = month_calendar(2027, 2, notice)
    assert cal.makeup_days == (D(2027, 2, 20),)
    assert cal.holidays == (D(2027, 2, 8), D(2027, 2, 9))
    assert len(cal.working_days) == 18 - 1 + 1 + 1
    assert cal.official is True  # the notice's days were entered: 已公布


def test_an_entered_day_beats_the_library():
    """chinese-calendar: 2026-10-01 is 国庆 (off), 2026-09-20 (Sunday) a make-up working day."""
    assert not is_workday(D(2026, 10, 1)) and is_workday(D(2026, 9, 20))
    mine = HolidayCalendar(
        (EnteredDay(D(2026, 10, 1), False, "值班"), EnteredDay(D(2026, 9, 20), True, ""))
    )
    assert is_workday(D(2026, 10, 1), mine) and not is_workday(D(2026, 9, 20), mine)
    # Friday 2026-09-18 + 1 working day: Sat 19 no, Sun 20 now off, Mon 21
    assert add_working_days(D(2026, 9, 18), 1, mine).day == D(2026, 9, 21)
    assert add_working_days(D(2026, 9, 18), 1).day == D(2026, 9, 20)


def test_year_days_name_each_source():
    notice = HolidayCalendar((EnteredDay(D(2027, 2, 9), True, "春节"),))
    days = {d.day: d for d in notice.year_days(2027)}
    assert days[D(2027, 2, 9)].source == DaySource.ENTERED == "已录入"
    assert days[D(2027, 2, 5)].source == DaySource.STATUTORY == "法定推算"
    assert len(days) == 14
    library = {d.day: d for d in HolidayCalendar().year_days(2026)}
    assert library[D(2026, 10, 1)].source == DaySource.LIBRARY == "官方(库)"
    assert library[D(2026, 10, 1)].name == "国庆节" and library[D(2026, 10, 1)].off
    assert library[D(2026, 9, 20)].off is False


def test_day_ranges():
    assert parse_day_range("2027-02-05..2027-02-11") == (D(2027, 2, 5), D(2027, 2, 11))
    assert parse_day_range(" 2027/2/5 ") == (D(2027, 2, 5), D(2027, 2, 5))
    for bad, code in [
        ("2027-02-30", "calendar_bad_date"),
        ("", "calendar_bad_date"),
        ("2027-02-05..", "calendar_bad_date"),
        ("2027-03-02..2027-03-01", "calendar_reversed"),
        ("2027-01-01..2028-12-31", "calendar_too_long"),
    ]:
        with pytest.raises(ValidationError) as refused:
            parse_day_range(bad)
        assert refused.value.code == code and refused.value.field == "calendar_day"


def test_csv_rows_with_and_without_header():
    rows = [["日期", "休/班", "名称"], ["2027-02-09", "休", "春节"], ["2027-02-20", "班", ""], []]
    assert parse_rows(rows) == [
        EnteredDay(D(2027, 2, 9), True, "春节"),
        EnteredDay(D(2027, 2, 20), False, ""),
    ]
    assert parse_rows([["2027-05-03", "休"]]) == [EnteredDay(D(2027, 5, 3), True, "")]


def test_every_bad_csv_row_is_named_with_its_field():
    rows = [["2027-05-03", "休", "劳动节"], ["2027-13-01", "休"], ["2027-05-04", "放"]]
    rows += [["2027-05-03", "班"], ["2027-05-05", "休", "劳" * 31]]
    with pytest.raises(ValidationErrors) as refused:
        parse_rows(rows)
    got = [(p.field, p.code, p.details.get("row")) for p in refused.value.problems]
    assert got == [
        ("calendar_day", "calendar_row_bad_date", 2),
        ("calendar_kind", "calendar_row_bad_kind", 3),
        ("calendar_day", "calendar_row_twice", 4),
        ("calendar_name", "calendar_row_name_too_long", 5),
    ]

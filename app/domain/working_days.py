"""Chinese working days (holidays and 调休 make-up workdays) from chinese-calendar.

For a year the calendar does not cover yet, Monday-Friday are working days and the answer says
so (`official=False`, shown to people as "调休未公布") instead of failing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

CALENDAR_NOT_PUBLISHED = "调休未公布"


def is_covered(day: date) -> bool:
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


def is_workday(day: date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


# In a year the calendar does not cover, the holidays that keep their dates every year: 元旦 and
# the 劳动节 and 国庆 weeks. The lunar ones (春节, 清明, 端午, 中秋) are not guessed.
_FIXED_DATE_HOLIDAYS = frozenset(
    [(1, 1), *((5, d) for d in range(1, 6)), *((10, d) for d in range(1, 8))]
)


def likely_workday(day: date) -> bool:
    """A working day by the published calendar; in a year without one, Monday-Friday except the
    fixed-date holidays. For placing made-up dates (demo data), not for computing deadlines."""
    if is_covered(day):
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5 and (day.month, day.day) not in _FIXED_DATE_HOLIDAYS


@dataclass(frozen=True)
class WorkdayAnswer:
    day: date
    official: bool  # False: some day on the way fell in a year without a published calendar


def add_working_days(start: date, count: int) -> WorkdayAnswer:
    """The date `count` working days after `start` (start itself not counted)."""
    day = start
    official = True
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        official = official and is_covered(day)
        if is_workday(day):
            remaining -= 1
    return WorkdayAnswer(day, official)


def working_days_between(first: date, last: date) -> list[date]:
    """Working days from first to last, both included."""
    days = []
    day = first
    while day <= last:
        if is_workday(day):
            days.append(day)
        day += timedelta(days=1)
    return days

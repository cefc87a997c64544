"""Chinese working days (holidays and 调休 make-up workdays): one archive's `HolidayCalendar`.

Three sources, the first that knows a day wins:
1. days the user entered from the State Council's notice (kept in the archive: 已录入);
2. chinese-calendar, which holds the published notices up to its last year (官方(库));
3. past that year, the statutory holidays of 《全国年节及纪念日放假办法》 (法定推算,
   app.domain.statutory_holidays) on top of Monday-Friday.

A year with neither a published calendar nor entered days is "调休未公布": answers about it say
`official=False`, and it still never counts a statutory holiday as a working day.

The calendar is a value: services load the archive's entered days and pass it in, so two archives
open in one process never see each other's days. The module-level functions take it as an
optional last argument; without it they answer from the library and the regulation alone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

import chinese_calendar
from chinese_calendar.constants import holidays as _LIBRARY_HOLIDAYS
from chinese_calendar.constants import workdays as _LIBRARY_WORKDAYS

from app.domain.statutory_holidays import statutory_holiday_on, statutory_holidays

OFF, WORK = "休", "班"  # calendar_days.kind
CALENDAR_NOT_PUBLISHED = "调休未公布"
CALENDAR_PUBLISHED = "已公布"


class DaySource(StrEnum):
    LIBRARY = "官方(库)"
    ENTERED = "已录入"
    STATUTORY = "法定推算"


@dataclass(frozen=True)
class EnteredDay:
    """A day from the State Council's notice, as the user entered it: off (休) or work (班)."""

    day: date
    off: bool
    name: str = ""


@dataclass(frozen=True)
class CalendarDay:
    """A holiday or make-up working day of a year, and where the calendar has it from."""

    day: date
    off: bool
    name: str
    source: DaySource


def library_covers(day: date) -> bool:
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


@dataclass(frozen=True)
class HolidayCalendar:
    entered: tuple[EnteredDay, ...] = ()
    _by_day: dict[date, EnteredDay] = field(init=False, repr=False, compare=False)
    _years: frozenset[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_day", {e.day: e for e in self.entered})
        object.__setattr__(self, "_years", frozenset(e.day.year for e in self.entered))

    def entered_on(self, day: date) -> EnteredDay | None:
        return self._by_day.get(day)

    def published(self, year: int) -> bool:
        """The year's 调休 is known: the library has it or the user entered the notice's days."""
        return year in self._years or library_covers(date(year, 1, 1))

    def is_covered(self, day: date) -> bool:
        return self.published(day.year)

    def is_workday(self, day: date) -> bool:
        entered = self._by_day.get(day)
        if entered is not None:
            return not entered.off
        if library_covers(day):
            return chinese_calendar.is_workday(day)
        return day.weekday() < 5 and statutory_holiday_on(day) is None

    def add_working_days(self, start: date, count: int) -> WorkdayAnswer:
        day = start
        official = True
        remaining = count
        while remaining > 0:
            day += timedelta(days=1)
            official = official and self.is_covered(day)
            if self.is_workday(day):
                remaining -= 1
        return WorkdayAnswer(day, official)

    def working_days_between(self, first: date, last: date) -> list[date]:
        return [d for d in _days(first, last) if self.is_workday(d)]

    def year_days(self, year: int) -> tuple[CalendarDay, ...]:
        """The year's holidays and make-up working days, each with its source."""
        days = {d.day: d for d in _base_days(year)}
        days.update(
            (e.day, CalendarDay(e.day, e.off, e.name, DaySource.ENTERED))
            for e in self.entered
            if e.day.year == year
        )
        return tuple(days[d] for d in sorted(days))


def _days(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _base_days(year: int) -> list[CalendarDay]:
    if library_covers(date(year, 1, 1)):
        off = [(d, True, n) for d, n in _LIBRARY_HOLIDAYS.items() if d.year == year]
        work = [(d, False, n) for d, n in _LIBRARY_WORKDAYS.items() if d.year == year]
        return [CalendarDay(d, o, _library_name(n), DaySource.LIBRARY) for d, o, n in off + work]
    return [CalendarDay(h.day, True, h.name, DaySource.STATUTORY) for h in statutory_holidays(year)]


def _library_name(english: str) -> str:
    try:
        return chinese_calendar.Holiday(english).chinese
    except ValueError:
        return english


NO_ENTRIES = HolidayCalendar()


@dataclass(frozen=True)
class WorkdayAnswer:
    day: date
    official: bool  # False: some day on the way fell in a year without a published calendar


def is_covered(day: date, calendar: HolidayCalendar = NO_ENTRIES) -> bool:
    return calendar.is_covered(day)


def is_workday(day: date, calendar: HolidayCalendar = NO_ENTRIES) -> bool:
    return calendar.is_workday(day)


# In a year without a published calendar, the days around the fixed-date holidays that the
# notices have made into a week off every year (劳动节 and 国庆 weeks). Demo data avoids them.
_CUSTOMARY_WEEKS = frozenset([*((5, d) for d in range(1, 6)), *((10, d) for d in range(1, 8))])


def likely_workday(day: date) -> bool:
    """A working day by the published calendar; in a year without one, also not in the usual
    劳动节 and 国庆 weeks. For placing made-up dates (demo data), not for computing deadlines."""
    if not is_workday(day):
        return False
    return library_covers(day) or (day.month, day.day) not in _CUSTOMARY_WEEKS


def add_working_days(
    start: date, count: int, calendar: HolidayCalendar = NO_ENTRIES
) -> WorkdayAnswer:
    """The date `count` working days after `start` (start itself not counted)."""
    return calendar.add_working_days(start, count)


def working_days_between(
    first: date, last: date, calendar: HolidayCalendar = NO_ENTRIES
) -> list[date]:
    """Working days from first to last, both included."""
    return calendar.working_days_between(first, last)


def calendar_from_rows(rows: Iterable[tuple[date, str, str]]) -> HolidayCalendar:
    """The archive's calendar from its stored rows (day, 休/班, name): the one place a stored
    row becomes an EnteredDay, for every reader (holiday_calendar, tender_view, the report)."""
    return HolidayCalendar(tuple(EnteredDay(d, kind == OFF, name) for d, kind, name in rows))

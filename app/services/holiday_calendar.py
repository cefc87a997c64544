"""The archive's holiday calendar: the days entered from the State Council's notice, on top of
chinese-calendar and the statutory fallback (app.domain.working_days).

Every service that counts working days loads the calendar from the archive it works on
(`calendar_of` inside its unit of work, or `load`) and hands it to the domain. Nothing is kept
between calls, so an entered day counts in every deadline, plan and report at once, and two
archives open in one process never share their days."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.db.repositories import calendar_days as repo
from app.domain.errors import ValidationError
from app.domain.holiday_entries import (
    checked_name,
    days_of,
    parse_day_range,
    parse_rows,
)
from app.domain.plans import month_calendar
from app.domain.working_days import (
    CALENDAR_NOT_PUBLISHED,
    CALENDAR_PUBLISHED,
    OFF,
    WORK,
    CalendarDay,
    EnteredDay,
    HolidayCalendar,
    calendar_from_rows,
)
from app.services.archive import Archive

FIRST_YEAR, LAST_YEAR = 1900, 2099  # lunar-python's and chinese-calendar's common ground


@dataclass(frozen=True)
class MonthCount:
    month: int
    working_days: int


@dataclass(frozen=True)
class YearCalendar:
    year: int
    published: bool
    days: tuple[CalendarDay, ...]
    months: tuple[MonthCount, ...]

    @property
    def status(self) -> str:
        return CALENDAR_PUBLISHED if self.published else CALENDAR_NOT_PUBLISHED

    @property
    def working_days(self) -> int:
        return sum(m.working_days for m in self.months)


def calendar_of(session) -> HolidayCalendar:
    """The archive's calendar, read in the caller's unit of work."""
    return calendar_from_rows(repo.all_days(session))


def load(archive: Archive) -> HolidayCalendar:
    with archive.db.read() as session:
        return calendar_of(session)


def year_calendar(archive: Archive, year: int) -> YearCalendar:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError("calendar_year", "calendar_bad_year", value=str(year))
    cal = load(archive)
    months = tuple(
        MonthCount(m, len(month_calendar(year, m, cal).working_days)) for m in range(1, 13)
    )
    return YearCalendar(year, cal.published(year), cal.year_days(year), months)


def set_days(archive: Archive, days: str, off: bool, name: str = "") -> tuple[date, date]:
    """Enters each day of `days` ('2027-02-05' or '2027-02-05..2027-02-11') as a day off (休)
    or a working day (班); an entered day is replaced. Returns the range entered."""
    first, last = parse_day_range(days)
    _check_years(first, last, days)
    name = checked_name(name)
    entered = [EnteredDay(d, off, name) for d in days_of(first, last)]
    _store(archive, entered)
    return first, last


def clear_days(archive: Archive, days: str) -> int:
    """Takes the entered days of `days` out again; returns how many there were."""
    first, last = parse_day_range(days)
    with archive.db.session() as session:
        return repo.remove(session, first, last)


def import_csv(archive: Archive, path: Path) -> int:
    """Enters the rows of a CSV file (日期, 休/班, 名称; header optional; UTF-8 or GBK). A bad
    row refuses the whole file: every bad row is named and nothing is entered."""
    from app.exports.csv_input import UnknownEncoding, decode_text

    try:
        text, _encoding = decode_text(Path(path).read_bytes())
    except (OSError, UnknownEncoding):
        raise ValidationError("file", "calendar_file_unreadable", value=str(path)) from None
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    entered = parse_rows(rows)
    for e in entered:
        _check_years(e.day, e.day, e.day.isoformat())
    _store(archive, entered)
    return len(entered)


def _check_years(first: date, last: date, text: str) -> None:
    if first.year < FIRST_YEAR or last.year > LAST_YEAR:
        raise ValidationError("calendar_day", "calendar_bad_year", value=text)


def _store(archive: Archive, entered: list[EnteredDay]) -> None:
    at = archive.now()
    with archive.db.session() as session:
        for e in entered:
            repo.put(session, e.day, OFF if e.off else WORK, e.name, at)

"""Months and periods: the one reading of a typed month, a month's first and last day, and the
period arithmetic the plans, the analysis views and the monthly report share.

A month is typed as a year of four digits, a separator and the month: 2026-11, 2026-1, 2026/11,
2026.11, 2026年11月 (or 2026年11), with full-width digits and separators as an input method
types them (２０２６－１１). Anything else (202611, 2026-13, 26-11, 2026-11-01) is refused. The
months the app knows run from 2000-01 to 2100-12."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, timedelta

from app.domain.errors import ValidationError

FIRST_YEAR = 2000
LAST_YEAR = 2100
_MONTH = re.compile(r"(\d{4})[-/.年](\d{1,2})月?", re.ASCII)


def parse_month(text: object) -> tuple[int, int]:
    """'2026-11', '2026/11', '2026.11', '2026年11月' -> (2026, 11); ValidationError 'bad_month'
    for anything else."""
    cleaned = unicodedata.normalize("NFKC", str(text or "")).strip()
    match = _MONTH.fullmatch(cleaned)
    if not match or not _known(int(match.group(1)), int(match.group(2))):
        raise ValidationError("month", "bad_month", value=text)
    return int(match.group(1)), int(match.group(2))


def _known(year: int, month: int) -> bool:
    return 1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """The first and last day of the month; ValidationError 'bad_month' for a month that is not
    one (or lies outside 2000-01 .. 2100-12)."""
    if not _known(year, month):
        raise ValidationError("month", "bad_month", value=f"{year}-{month:02d}")
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after (or before) the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_key(day: date) -> str:
    """'2026-11'."""
    return f"{day:%Y-%m}"


def whole_months(first: date, last: date) -> int | None:
    """How many whole calendar months the range covers, or None when it is not whole months."""
    if first.day != 1 or (last + timedelta(days=1)).day != 1:
        return None
    return (last.year - first.year) * 12 + last.month - first.month + 1


def previous_range(first: date, last: date) -> tuple[date, date]:
    """The equally long period just before (whole months stay whole months)."""
    months = whole_months(first, last)
    if months:
        return add_months(first, -months), first - timedelta(days=1)
    length = (last - first).days + 1
    return first - timedelta(days=length), first - timedelta(days=1)


def last_twelve_months(first: date, last: date) -> tuple[date, date]:
    """The 12 months ending with the period's last month (or the period itself if longer)."""
    start = add_months(date(last.year, last.month, 1), -11)
    return min(first, start), last


def period_label(first: date, last: date) -> str:
    """'2026年11月', '2026年8月至2026年11月', or '2026-11-10 至 2026-11-19'."""
    months = whole_months(first, last)
    if months == 1:
        return f"{first.year}年{first.month}月"
    if months:
        return f"{first.year}年{first.month}月至{last.year}年{last.month}月"
    return f"{first:%Y-%m-%d} 至 {last:%Y-%m-%d}"


def check_period(first: date, last: date) -> None:
    if last < first:
        raise ValidationError("period", "period_reversed")

"""Reading the days a person enters from the State Council's holiday notice: a date or a range
(2027-02-05..2027-02-11), and rows of a CSV file (日期, 休/班, 名称; header optional)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from app.domain.errors import FieldProblem, ValidationError, ValidationErrors
from app.domain.parsing import parse_date
from app.domain.text import clean
from app.domain.working_days import EnteredDay

NAME_LIMIT = 30  # calendar_days.name
RANGE_LIMIT = 366  # one notice never covers more than a year
OFF_WORDS = frozenset({"休", "放假", "休息", "off", "holiday"})
WORK_WORDS = frozenset({"班", "上班", "补班", "work", "workday"})
_HEADER_WORDS = frozenset({"日期", "date", "day"})


def parse_day_range(text: str, field: str = "calendar_day") -> tuple[date, date]:
    """'2027-02-05' or '2027-02-05..2027-02-11' (both ends included)."""
    raw = clean(text)
    parts = [p.strip() for p in raw.split("..")] if raw else []
    if len(parts) not in (1, 2):
        raise ValidationError(field, "calendar_bad_date", value=raw)
    try:
        days = [parse_date(p, field) for p in parts]
    except ValidationError:
        raise ValidationError(field, "calendar_bad_date", value=raw) from None
    if any(d is None for d in days):
        raise ValidationError(field, "calendar_bad_date", value=raw)
    first, last = days[0], days[-1]
    if last < first:
        raise ValidationError(field, "calendar_reversed", value=raw)
    if (last - first).days >= RANGE_LIMIT:
        raise ValidationError(field, "calendar_too_long", value=raw, limit=RANGE_LIMIT)
    return first, last


def days_of(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def checked_name(name: str) -> str:
    text = clean(name)
    if len(text) > NAME_LIMIT:
        raise ValidationError("calendar_name", "calendar_name_too_long", limit=NAME_LIMIT)
    return text


def parse_rows(rows: Sequence[Sequence[str]]) -> list[EnteredDay]:
    """The entered days of a CSV file's rows (numbered from 1 as a spreadsheet shows them).
    Every bad row is reported, each with its number and field; then nothing is taken."""
    problems: list[FieldProblem] = []
    entered: list[EnteredDay] = []
    seen: dict[date, int] = {}
    for number, cells in enumerate(rows, start=1):
        cells = [clean(c) for c in cells]
        if not any(cells) or (number == 1 and cells[0].lower() in _HEADER_WORDS):
            continue
        day = _row_day(cells, number, problems)
        off = _row_kind(cells, number, problems)
        name = cells[2] if len(cells) > 2 else ""
        if len(name) > NAME_LIMIT:
            problems.append(
                FieldProblem(
                    "calendar_name",
                    "calendar_row_name_too_long",
                    {"row": number, "limit": NAME_LIMIT},
                )
            )
        if day is not None and day in seen:
            details = {"row": number, "other": seen[day], "value": day.isoformat()}
            problems.append(FieldProblem("calendar_day", "calendar_row_twice", details))
        elif day is not None:
            seen[day] = number
        if day is not None and off is not None:
            entered.append(EnteredDay(day, off, name))
    if problems:
        raise ValidationErrors(problems)
    return entered


def _row_day(cells: list[str], number: int, problems: list[FieldProblem]) -> date | None:
    value = cells[0]
    try:
        day = parse_date(value, "calendar_day")
    except ValidationError:
        day = None
    if day is None:
        details = {"row": number, "value": value}
        problems.append(FieldProblem("calendar_day", "calendar_row_bad_date", details))
    return day


def _row_kind(cells: list[str], number: int, problems: list[FieldProblem]) -> bool | None:
    value = cells[1] if len(cells) > 1 else ""
    word = value.lower()
    if word in OFF_WORDS:
        return True
    if word in WORK_WORDS:
        return False
    problems.append(
        FieldProblem("calendar_kind", "calendar_row_bad_kind", {"row": number, "value": value})
    )
    return None

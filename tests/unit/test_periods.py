"""Months and periods in one place (app.domain.periods): the forms of a typed month the plans, the
analysis views, the report and the command line all accept, and the month's first and last day."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import ValidationError
from app.domain.messages import describe
from app.domain.periods import (
    add_months,
    last_twelve_months,
    month_bounds,
    parse_month,
    period_label,
    previous_range,
    whole_months,
)
from app.services import analysis, plans


@pytest.mark.parametrize(
    "typed",
    [
        "2026-11",
        "2026.11",
        "2026/11",
        "2026年11月",
        "2026年11",
        "2026-11月",
        " 2026-11 ",
        "２０２６－１１",  # full width, as an input method types it
        "２０２６年１１月",
        "2026．11",
    ],
)
def test_the_forms_of_a_month(typed):
    assert parse_month(typed) == (2026, 11)


@pytest.mark.parametrize("typed", ["2026-2", "2026.02", "2026/2", "2026年2月"])
def test_a_month_of_one_or_two_digits(typed):
    assert parse_month(typed) == (2026, 2)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        None,
        "202611",
        "2026-13",
        "2026-0",
        "2026-00",
        "2026-011",
        "26-11",
        "1999-12",
        "2101-01",
        "2026-11-01",
        "2026 - 11",
        "2026-11x",
        "Nov 2026",
        "2026_11",
    ],
)
def test_what_is_not_a_month(typed):
    with pytest.raises(ValidationError) as caught:
        parse_month(typed)
    assert caught.value.fields == ("month",)


def test_plans_analysis_and_the_command_line_read_a_month_alike():
    """One parser: the plans once took 2026.11 and the analysis refused it."""
    assert plans.parse_month is parse_month
    assert analysis.parse_month is parse_month
    assert analysis.parse_month("2026.11") == plans.parse_month("2026.11") == (2026, 11)
    with pytest.raises(ValidationError) as caught:
        analysis.parse_month("2026-13")
    assert describe(caught.value) == "月份：月份无效“2026-13”（应为 YYYY-MM）"


def test_month_bounds():
    assert month_bounds(2026, 11) == (date(2026, 11, 1), date(2026, 11, 30))
    assert month_bounds(2028, 2) == (date(2028, 2, 1), date(2028, 2, 29))
    assert month_bounds(2026, 12) == (date(2026, 12, 1), date(2026, 12, 31))
    for year, month in ((2026, 13), (2026, 0), (1999, 12), (2101, 1)):
        with pytest.raises(ValidationError):
            month_bounds(year, month)


def test_period_arithmetic():
    assert add_months(date(2026, 11, 17), 2) == date(2027, 1, 1)
    assert add_months(date(2026, 1, 31), -1) == date(2025, 12, 1)
    assert whole_months(date(2026, 8, 1), date(2026, 11, 30)) == 4
    assert whole_months(date(2026, 8, 2), date(2026, 11, 30)) is None
    assert previous_range(*month_bounds(2026, 3)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert last_twelve_months(*month_bounds(2026, 11)) == (date(2025, 12, 1), date(2026, 11, 30))
    assert period_label(*month_bounds(2026, 11)) == "2026年11月"
    assert period_label(date(2026, 11, 10), date(2026, 11, 19)) == "2026-11-10 至 2026-11-19"

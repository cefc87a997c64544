"""The annual plan's split into months and quarters and the forecast's arithmetic, with the
expected figures worked out by hand (not from the implementation)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from app.domain.annual_plans import (
    Split,
    amount_fen,
    parse_split,
    quarter_sums,
    split_year,
    weights_for,
)
from app.domain.errors import ValidationError
from app.domain.forecasts import (
    tender_award_day,
    tender_expected_on,
    tender_percent,
    weighted,
)
from app.domain.money import fen_to_yuan


def _yuan(months):
    return [fen_to_yuan(f) for f in months]


def test_one_million_evenly_adds_up_to_the_fen_with_the_four_fen_left_in_january_to_april():
    """100,000,000 fen / 12 = 8,333,333 fen and 4 fen over: the 4 go to the earliest months."""
    split = split_year(100_000_000, weights_for(Split.EVEN, {}))
    months = _yuan(split.months_fen)
    assert months == [Decimal("83333.34")] * 4 + [Decimal("83333.33")] * 8
    assert sum(months) == Decimal("1000000.00")
    quarters = _yuan(quarter_sums(split.months_fen))
    # Q1 = 3 x 83,333.34; Q2 = 83,333.34 + 2 x 83,333.33; Q3 = Q4 = 3 x 83,333.33
    assert quarters == [
        Decimal("250000.02"),
        Decimal("250000.00"),
        Decimal("249999.99"),
        Decimal("249999.99"),
    ]
    assert sum(quarters) == Decimal("1000000.00")


def test_a_month_entered_by_hand_keeps_its_value_and_the_eleven_others_share_the_rest():
    """1,000,000.00 with March at 200,000.00: 800,000.00 = 80,000,000 fen over 11 months is
    7,272,727 fen each and 3 fen over, to January, February and April."""
    split = split_year(100_000_000, [1] * 12, {3: 20_000_000})
    months = _yuan(split.months_fen)
    assert months[2] == Decimal("200000.00")
    assert months[:2] == [Decimal("72727.28")] * 2 and months[3] == Decimal("72727.28")
    assert months[4:] == [Decimal("72727.27")] * 8
    assert sum(months) == Decimal("1000000.00")


def test_seasonal_split_follows_last_years_receipts():
    """Last year 100 / 200 / 300 yuan in January-March, nothing after: 1,000.00 splits
    1:2:3 = 166.666.. / 333.333.. / 500.00; the one fen over goes to the larger remainder
    (January's 0.67 beats February's 0.33)."""
    last_year = {1: 10_000, 2: 20_000, 3: 30_000}
    split = split_year(100_000, weights_for(Split.SEASONAL, last_year))
    months = _yuan(split.months_fen)
    assert months[:3] == [Decimal("166.67"), Decimal("333.33"), Decimal("500.00")]
    assert months[3:] == [Decimal("0.00")] * 9
    # without any receipts last year a seasonal split is even
    assert weights_for(Split.SEASONAL, {}) == [1] * 12


def test_pinned_months_beyond_the_target_are_refused_and_all_pinned_make_the_target():
    with pytest.raises(ValidationError) as caught:
        split_year(100_000, [1] * 12, {1: 60_000, 2: 50_000})
    assert caught.value.field == "annual_receipts" and caught.value.code == "pinned_over_plan"
    every = {m: 1_000 for m in range(1, 13)}
    assert split_year(5, [1] * 12, every).total_fen == 12_000


def test_bad_split_and_amounts_name_their_field():
    assert parse_split(" Seasonal ") is Split.SEASONAL
    with pytest.raises(ValidationError) as caught:
        parse_split("monthly")
    assert caught.value.field == "split"
    with pytest.raises(ValidationError) as caught:
        amount_fen(Decimal("-0.01"), "forecast")
    assert (caught.value.field, caught.value.code) == ("forecast", "negative_amount")
    with pytest.raises(ValidationError) as caught:
        amount_fen(Decimal("10000000000000000"), "annual_receipts")
    assert caught.value.code == "too_large"


def test_a_tender_counts_its_budget_times_the_stage_probability_to_the_fen():
    assert weighted(48_308_200, 50) == 24_154_100  # 483,082.00 x 50% = 241,541.00
    assert weighted(1, 50) == 1  # 0.005 yuan rounds half up to 0.01
    assert weighted(3, 10) == 0  # 0.003 yuan rounds down to 0.00
    assert weighted(9_999_999, 10) == 1_000_000  # 99,999.99 x 10% = 9,999.999 -> 10,000.00
    assert tender_percent("跟踪中", None) == 10
    assert tender_percent("准备投标", None) == 30
    assert tender_percent("已投标", None) == 50
    assert tender_percent("中标", None) == 90
    assert tender_percent("中标", date(2026, 12, 1)) == 0  # in the contract register instead
    assert tender_percent("未中标", None) == 0


def test_a_tenders_money_is_expected_sixty_days_after_its_award():
    """政府采购法 第四十六条: "采购人与中标、成交供应商应当在中标、成交通知书发出之日起三十日内，
    按照采购文件确定的事项签订政府采购合同。" — 30 days to sign, then 30 payment days:
    2026-12-10 + 60 days = 2027-02-08 (21 days to 31 December, 31 in January, 8 in February)."""
    assert tender_expected_on(date(2026, 12, 10)) == date(2027, 2, 8)
    deadline = datetime(2026, 11, 10, 9, 30)
    assert tender_award_day(None, None, deadline) == date(2026, 11, 10)
    assert tender_award_day(None, date(2026, 11, 12), deadline) == date(2026, 11, 12)
    assert tender_award_day(date(2026, 11, 20), date(2026, 11, 12), deadline) == date(2026, 11, 20)
    assert tender_award_day(None, None, None) is None

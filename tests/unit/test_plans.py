"""The month split by 旬, ISO week and working day with the Chinese calendar; plan vs actual."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from app.domain.plans import (
    PlanTargets,
    due_share,
    largest_remainder,
    month_calendar,
    split_money,
    split_month,
)
from app.domain.working_days import CALENDAR_NOT_PUBLISHED

pytestmark = pytest.mark.both_backends

D = Decimal
TARGETS = PlanTargets(
    clients=10,
    visits=101,
    signings=7,
    signed_products=13,
    signed_amount=D("1000000.01"),
    receipts=D("333.33"),
)


def _sum(parts) -> PlanTargets:
    return sum((p.targets for p in parts), PlanTargets())


def test_2026_02_spring_festival_with_makeup_saturdays():
    cal = month_calendar(2026, 2)
    assert cal.official and cal.note == ""
    # 春节 2026: 2-15..2-23 off (weekdays 16-20, 23), 2-14 (Sat) and 2-28 (Sat) worked
    assert date(2026, 2, 14) in cal.makeup_days and date(2026, 2, 28) in cal.makeup_days
    assert date(2026, 2, 16) in cal.holidays and date(2026, 2, 23) in cal.holidays
    assert len(cal.working_days) == 16
    split = split_month(2026, 2, TARGETS)
    assert [len(p.period.working_days) for p in split.decades] == [7, 4, 5]
    # the Spring Festival week has no working day and gets nothing
    week8 = next(p for p in split.weeks if p.period.key == "2026-W08")
    assert week8.targets.is_zero()
    assert len(split.days) == 16


def test_2026_10_national_day_with_makeup_day():
    cal = month_calendar(2026, 10)
    assert date(2026, 10, 10) in cal.makeup_days  # Saturday worked
    assert date(2026, 10, 1) in cal.holidays and date(2026, 10, 7) in cal.holidays
    split = split_month(2026, 10, TARGETS)
    assert [len(p.period.working_days) for p in split.decades] == [3, 7, 8]
    assert [p.period.key for p in split.weeks][0] == "2026-W40"
    assert split.weeks[0].targets.is_zero()  # 10-01..10-04 all off
    assert split.decades[0].targets.visits == 17  # 101 * 3/18 = 16.83 -> 17 (largest remainder)


@pytest.mark.parametrize(("year", "month"), [(2026, 2), (2026, 10), (2026, 11), (2031, 3)])
def test_parts_add_up_exactly(year, month):
    split = split_month(year, month, TARGETS)
    assert _sum(split.decades) == TARGETS
    assert _sum(split.weeks) == TARGETS
    assert _sum(split.days) == TARGETS
    assert split.due_by(split.calendar.last) == TARGETS


def test_a_year_not_covered_falls_back_to_weekdays_and_says_so():
    cal = month_calendar(2031, 3)
    assert not cal.official
    assert cal.note == CALENDAR_NOT_PUBLISHED == "调休未公布"
    assert all(d.weekday() < 5 for d in cal.working_days)
    assert len(cal.working_days) == 21
    assert cal.makeup_days == () and cal.holidays == ()


def test_largest_remainder_and_money_split():
    assert largest_remainder(10, [1, 1, 1]) == [4, 3, 3]
    assert largest_remainder(2, [7, 4, 5]) == [1, 0, 1]
    assert largest_remainder(5, [0, 0]) == [3, 2]  # no weights: equal parts
    assert largest_remainder(0, [3, 4]) == [0, 0]
    parts = split_money(D("100.00"), [1, 1, 1])
    assert parts == [D("33.34"), D("33.33"), D("33.33")] and sum(parts) == D("100.00")
    assert sum(split_money(D("1000000.01"), [7, 4, 5])) == D("1000000.01")


def test_due_share_grows_with_working_days():
    cal = month_calendar(2026, 11)
    assert due_share(TARGETS, cal.working_days, date(2026, 10, 31)).is_zero()
    half = due_share(PlanTargets(visits=21), cal.working_days, cal.working_days[9])
    assert half.visits == 10
    assert due_share(TARGETS, cal.working_days, cal.last) == TARGETS


# --- the service -----------------------------------------------------------------------------


def test_targets_per_owner_and_team_and_plan_vs_actual(archive):
    from app.domain.records import ClientDraft
    from app.services import activities, clients, contracts, plans

    plans.set_targets(archive, 2026, 11, PlanTargets(visits=20, signed_amount=D("500000")), "张伟")
    plans.set_targets(archive, 2026, 11, PlanTargets(visits=10), "李娜")
    plan = plans.get_plan(archive, 2026, 11)
    assert not plan.team.explicit and plan.team.targets.visits == 30
    assert sorted(o.owner for o in plan.owners) == sorted(["张伟", "李娜"])
    plans.set_targets(archive, 2026, 11, PlanTargets(visits=40), "")
    assert plans.get_plan(archive, 2026, 11).team.targets.visits == 40

    client = clients.create_client(archive, ClientDraft("深圳恒达电子", owner="张伟"))
    from app.domain.enums import ActivityKind
    from app.domain.records import ActivityDraft

    activities.create_activity(
        archive,
        ActivityDraft(client.id, ActivityKind.VISIT, datetime(2026, 11, 3, 9), "上门拜访"),
    )
    contracts.create_contract(
        archive,
        contracts.ContractDraft(
            "HT-11",
            client.id,
            date(2026, 11, 12),
            lines=(
                contracts.ContractLineDraft("服务器", "1", "台", D("80000")),
                contracts.ContractLineDraft("交换机", "2", "台", D("10000")),
            ),
        ),
    )
    contracts.add_receipt(
        archive, contracts.ReceiptDraft(client.id, date(2026, 11, 20), D("50000"))
    )
    result = plans.progress(archive, 2026, 11, date(2026, 11, 26))
    assert result.month_line.actual == PlanTargets(
        clients=1,
        visits=1,
        signings=1,
        signed_products=2,
        signed_amount=D("100000.00"),
        receipts=D("50000.00"),
    )
    assert result.decades[0].actual.visits == 1
    assert result.decades[1].actual.signings == 1 and result.decades[1].actual.receipts == D(
        "50000"
    )
    zhang = next(line for line in result.owners if line.key == "张伟")
    assert zhang.actual.signed_amount == D("100000.00") and zhang.target.visits == 20
    assert result.working_days == 21 and result.working_days_elapsed == 19
    # on the 26th, 19 of 21 working days are gone
    assert result.month_line.due.visits == 36
    assert plans.achievement(zhang.actual.signed_amount, zhang.target.signed_amount) == 20


def test_bad_targets_are_refused_and_change_nothing(archive):
    from app.domain.errors import ValidationError, ValidationErrors
    from app.domain.messages import describe
    from app.services import plans

    with pytest.raises(ValidationErrors) as err:
        plans.set_targets(archive, 2026, 11, PlanTargets(visits=-1))
    assert describe(err.value).startswith("拜访数量")
    assert err.value.problems[0].field == "visits"
    assert plans.get_plan(archive, 2026, 11).team.targets.is_zero()
    with pytest.raises(ValidationError) as bad:
        plans.parse_month("2026-13")
    assert describe(bad.value) == "月份：月份无效“2026-13”（应为 YYYY-MM）"
    assert plans.parse_month("2026年2月") == (2026, 2)

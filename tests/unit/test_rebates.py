"""Rebate tiers at their boundaries, rounding, configurable tiers, and the approval machine."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain import rebates as rules
from app.domain.errors import ValidationError
from app.domain.messages import describe
from app.domain.rebates import (
    DEFAULT_TIERS,
    ApprovalStep,
    RebateStatus,
    RebateTier,
    rebate_amount,
    rebate_rate,
)

pytestmark = pytest.mark.both_backends

D = Decimal


@pytest.mark.parametrize(
    ("sales", "rate"),
    [
        ("0", "0.05"),
        ("199999.99", "0.05"),
        ("200000", "0.05"),
        ("200000.00", "0.05"),
        ("200000.01", "0.08"),
        ("999999.99", "0.08"),
        ("1000000", "0.10"),
        ("1000000.01", "0.10"),
        ("25000000", "0.10"),
    ],
)
def test_rate_at_the_handbook_boundaries(sales, rate):
    assert rebate_rate(D(sales)) == D(rate)


def test_rate_is_paid_on_receipts_and_rounded_half_up_to_the_fen():
    # 5% of 0.10 = 0.005 -> 0.01 (half up, not banker's 0.00)
    assert rebate_amount(D("100000"), D("0.10")) == D("0.01")
    # 8% of 12,345.67 = 987.6536 -> 987.65
    assert rebate_amount(D("500000"), D("12345.67")) == D("987.65")
    # 8% of 0.0625 style halves: 8% of 1.5625 = 0.125 -> 0.13
    assert rebate_amount(D("300000"), D("1.5625")) == D("0.13")
    # the tier follows sales, not receipts
    assert rebate_amount(D("1000000"), D("100")) == D("10.00")
    assert rebate_amount(D("999999.99"), D("2000000")) == D("160000.00")


def test_floats_and_negative_amounts_are_refused():
    with pytest.raises(TypeError):
        rebate_rate(0.5)
    with pytest.raises(ValidationError) as err:
        rebate_amount(D("1"), D("-1"))
    assert describe(err.value) == "回款：不能为负数"


def test_tiers_are_configurable_and_round_trip_through_settings():
    tiers = (
        RebateTier(D("0"), True, D("0.03")),
        RebateTier(D("500000"), True, D("0.075")),
    )
    stored = rules.tiers_to_settings(tiers)
    assert rules.tiers_from_settings(stored) == tiers
    assert rebate_rate(D("499999.99"), tiers) == D("0.03")
    assert rebate_rate(D("500000"), tiers) == D("0.075")
    assert rules.percent(D("0.075")) == "7.5%"
    assert rules.tiers_from_settings(None) == DEFAULT_TIERS
    assert rules.tiers_from_settings([{"min_sales": "x"}]) == DEFAULT_TIERS


def test_bad_tiers_are_refused():
    with pytest.raises(ValidationError) as err:
        rules.validate_tiers((RebateTier(D("100"), True, D("0.05")),))
    assert err.value.code == "tiers_start_at_zero"
    with pytest.raises(ValidationError) as err:
        rules.validate_tiers(
            (RebateTier(D("0"), True, D("0.05")), RebateTier(D("0"), False, D("0.08")))
        )
    assert err.value.code == "tiers_not_ascending"
    with pytest.raises(ValidationError) as err:
        rules.validate_tiers((RebateTier(D("0"), True, D("1.5")),))
    assert err.value.code == "bad_rate"


def test_approval_goes_manager_marketing_gm():
    status = RebateStatus.APPLIED
    assert rules.next_step(status) is ApprovalStep.MANAGER
    status = rules.approve(status, "manager")
    assert status is RebateStatus.MANAGER
    status = rules.approve(status, ApprovalStep.MARKETING)
    assert status is RebateStatus.MARKETING
    assert not rules.is_fully_approved(status)
    status = rules.approve(status, "gm")
    assert status is RebateStatus.APPROVED
    assert rules.is_fully_approved(status)
    assert rules.next_step(status) is None


@pytest.mark.parametrize(
    ("status", "step", "code"),
    [
        (RebateStatus.APPLIED, "marketing", "step_skipped"),
        (RebateStatus.APPLIED, "gm", "step_skipped"),
        (RebateStatus.MANAGER, "gm", "step_skipped"),
        (RebateStatus.MANAGER, "manager", "step_repeated"),
        (RebateStatus.MARKETING, "marketing", "step_repeated"),
        (RebateStatus.APPROVED, "gm", "approval_closed"),
        (RebateStatus.REJECTED, "manager", "approval_closed"),
        (RebateStatus.APPLIED, "boss", "unknown_step"),
    ],
)
def test_skipped_repeated_or_closed_steps_are_refused(status, step, code):
    with pytest.raises(ValidationError) as err:
        rules.approve(status, step)
    assert err.value.code == code
    assert describe(err.value).startswith("审批环节：")


def test_reject_needs_the_due_step_and_a_reason():
    assert rules.reject(RebateStatus.MANAGER, "marketing", "超出预算") is RebateStatus.REJECTED
    with pytest.raises(ValidationError) as err:
        rules.reject(RebateStatus.MANAGER, "marketing", "  ")
    assert err.value.field == "reason"
    with pytest.raises(ValidationError) as err:
        rules.reject(RebateStatus.APPLIED, "gm", "no")
    assert err.value.code == "step_skipped"


# --- the service -----------------------------------------------------------------------------


def _client_with_business(archive):
    from app.domain.records import ClientDraft
    from app.services import clients, contracts

    client = clients.create_client(archive, ClientDraft("广州恒通贸易有限公司", owner="张伟"))
    contract = contracts.create_contract(
        archive,
        contracts.ContractDraft(
            "HT-1",
            client.id,
            date(2026, 3, 2),
            lines=(contracts.ContractLineDraft("打印机", "2", "台", D("100000")),),
        ),
    )
    contracts.add_receipt(
        archive, contracts.ReceiptDraft(client.id, date(2026, 4, 1), D("123456.78"), contract.id)
    )
    # outside the period: counts neither as sales nor as receipts
    contracts.add_receipt(archive, contracts.ReceiptDraft(client.id, date(2025, 12, 31), D("999")))
    return client


def test_service_computes_applies_and_records_every_step(archive):
    from app.services import rebates

    client = _client_with_business(archive)
    quote = rebates.compute(archive, client.id, date(2026, 1, 1), date(2026, 12, 31))
    assert (quote.sales, quote.receipts, quote.rate) == (D("200000.00"), D("123456.78"), D("0.05"))
    assert quote.amount == D("6172.84")  # 6172.839 -> 6172.84
    record = rebates.apply(archive, client.id, date(2026, 1, 1), date(2026, 12, 31), "李娜")
    assert record.status is RebateStatus.APPLIED and record.amount == D("6172.84")
    with pytest.raises(ValidationError) as err:
        rebates.apply(archive, client.id, date(2026, 1, 1), date(2026, 12, 31), "李娜")
    assert err.value.code == "rebate_exists"
    with pytest.raises(ValidationError):
        rebates.approve(archive, record.id, "marketing", "王经理")
    rebates.approve(archive, record.id, "manager", "王经理", "同意")
    with pytest.raises(ValidationError):
        rebates.approve(archive, record.id, "manager", "王经理")
    rebates.approve(archive, record.id, "marketing", "市场部 刘")
    done = rebates.approve(archive, record.id, "gm", "赵总", "按政策执行")
    assert done.status is RebateStatus.APPROVED
    assert [(s.step, s.decision, s.actor) for s in done.steps] == [
        ("apply", "apply", "李娜"),
        ("manager", "approve", "王经理"),
        ("marketing", "approve", "市场部 刘"),
        ("gm", "approve", "赵总"),
    ]
    assert done.steps[-1].comment == "按政策执行"
    assert [r.id for r in rebates.list_rebates(archive)] == [record.id]


def test_service_rejection_and_stored_tiers(archive):
    from app.services import rebates

    client = _client_with_business(archive)
    rebates.save_tiers(
        archive, (RebateTier(D("0"), True, D("0.02")), RebateTier(D("100000"), True, D("0.04")))
    )
    record = rebates.apply(archive, client.id, date(2026, 1, 1), date(2026, 6, 30))
    assert record.rate == D("0.04") and record.amount == D("4938.27")
    rejected = rebates.reject(archive, record.id, None, "王经理", "客户有逾期应收款")
    assert rejected.status is RebateStatus.REJECTED
    assert rejected.steps[-1].comment == "客户有逾期应收款"
    with pytest.raises(ValidationError) as err:
        rebates.approve(archive, record.id, "manager", "王经理")
    assert err.value.code == "approval_closed"
    # applying again after a rejection reopens the same rebate, history kept
    again = rebates.apply(archive, client.id, date(2026, 1, 1), date(2026, 6, 30), "李娜")
    assert again.id == record.id and again.status is RebateStatus.APPLIED
    assert [s.decision for s in again.steps] == ["apply", "reject", "apply"]

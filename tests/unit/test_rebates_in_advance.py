"""Rebates as the handbook asks (issue 13 §4): applied for in advance on expected sales,
settled on actual receipts, approved by three different people, none of them the applicant.

The handbook (docs: /work/shared/DOMAIN.md, 销售返点):
  "Rebate approval: applied for in advance to the key-account department manager (大客户部经理),
  then approved by the marketing centre (市场营销中心) and the general manager (总经理). Until fully
  approved nothing may be promised to the client."
  "the tier is chosen by the period's sales (销售额, signed amount) and the rate is paid on the
  period's total receipts (总收款): sales <= 200,000 -> 5%; 200,000 < sales < 1,000,000 -> 8%;
  sales >= 1,000,000 -> 10%."

Every figure below is worked out by hand from those sentences."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain import rebates as rules
from app.domain.errors import ValidationError
from app.domain.messages import describe
from app.domain.rebates import ApprovalStep, Basis, RebateStatus, Settlement, StepState
from app.domain.records import ClientDraft

pytestmark = pytest.mark.both_backends

D = Decimal
FIRST, LAST = date(2026, 1, 1), date(2026, 6, 30)  # over by the test clock (2026-11-26)
THREE = (("manager", "王经理"), ("marketing", "市场部 刘"), ("gm", "赵总"))


def _client(archive, signed: str, received: str) -> int:
    """A client whose contracts signed in the period total `signed`, with `received` paid."""
    from app.services import clients, contracts

    client = clients.create_client(archive, ClientDraft("广州恒通贸易有限公司", owner="张伟"))
    contract = contracts.create_contract(
        archive,
        contracts.ContractDraft(
            "HT-13",
            client.id,
            date(2026, 3, 2),
            lines=(contracts.ContractLineDraft("打印机", "1", "台", D(signed)),),
        ),
    )
    contracts.add_receipt(
        archive, contracts.ReceiptDraft(client.id, date(2026, 5, 8), D(received), contract.id)
    )
    return client.id


def _approve_all(archive, rebate_id: int):
    from app.services import rebates

    record = None
    for step, who in THREE:
        record = rebates.approve(archive, rebate_id, step, who, "同意")
    return record


def test_advance_application_is_approved_up_front_then_settled_in_the_same_tier(archive):
    """Expected sales 500,000: 200,000 < 500,000 < 1,000,000 -> 8%, approved up front; the
    estimate is 8% x 500,000 = 40,000.00. Actual: sales 600,000 (still 8%), receipts 450,000
    -> 8% x 450,000 = 36,000.00, settled directly without a new approval."""
    from app.services import rebates

    client_id = _client(archive, "600000", "450000")
    record = rebates.apply_in_advance(archive, client_id, FIRST, LAST, D("500000"), "李娜")
    assert record.basis is Basis.ADVANCE and record.settlement is Settlement.OPEN
    assert (record.expected_sales, record.approved_rate) == (D("500000.00"), D("0.08"))
    assert record.approved_amount == D("40000.00")
    assert record.status is RebateStatus.APPLIED  # waits for 大客户部经理
    assert record.steps[0].comment == "提前申请：预计销售额 ¥500,000.00"  # 审批意见, as shown
    with pytest.raises(ValidationError) as err:
        rebates.settle(archive, record.id, "李娜")  # not approved yet
    assert err.value.code == "cannot_settle"
    approved = _approve_all(archive, record.id)
    assert approved.status is RebateStatus.APPROVED and not approved.is_final

    settled = rebates.settle(archive, record.id, "李娜")
    assert settled.settlement is Settlement.SETTLED and settled.status is RebateStatus.APPROVED
    assert (settled.sales, settled.receipts) == (D("600000.00"), D("450000.00"))
    assert (settled.rate, settled.amount) == (D("0.08"), D("36000.00"))
    change = settled.tier_change
    assert change.same_tier and change.difference == D("-4000.00")
    assert settled.is_final
    assert [s.step for s in settled.steps] == ["apply", "manager", "marketing", "gm", "settle"]
    assert settled.steps[-1].comment == "结算：实际与批准同档（8%），直接结算"  # as shown


def test_actual_sales_in_a_higher_tier_go_back_to_all_three_approvals_with_the_difference(
    archive,
):
    """Approved on expected sales 500,000 (8%, estimate 40,000.00); actual sales 1,200,000 are
    in the >= 1,000,000 tier (10%), receipts 900,000 -> 10% x 900,000 = 90,000.00: a difference
    of +50,000.00, and the rebate goes back to 大客户部经理, 市场营销中心 and 总经理."""
    from app.services import rebates

    client_id = _client(archive, "1200000", "900000")
    record = rebates.apply_in_advance(archive, client_id, FIRST, LAST, D("500000"), "李娜")
    _approve_all(archive, record.id)
    review = rebates.settle(archive, record.id, "李娜")
    assert review.settlement is Settlement.REVIEW
    assert review.status is RebateStatus.APPLIED and review.next_step is ApprovalStep.MANAGER
    change = review.tier_change
    assert (change.approved_rate, change.approved_amount) == (D("0.08"), D("40000.00"))
    assert (change.actual_rate, change.actual_amount) == (D("0.10"), D("90000.00"))
    assert not change.same_tier and change.difference == D("50000.00")
    assert review.steps[-1].comment == (
        "结算：实际档位与批准不同，重新审批。批准 8%、¥40,000.00；实际 10%、¥90,000.00；"
        "差额 +¥50,000.00"
    )  # in Chinese punctuation, the amounts as numbers are written
    assert not review.is_final
    # the same three people may decide the new round, each their own step again
    done = _approve_all(archive, record.id)
    assert done.status is RebateStatus.APPROVED and done.settlement is Settlement.SETTLED
    assert done.amount == D("90000.00") and done.is_final


def test_settlement_waits_for_the_end_of_the_period(archive):
    from app.services import rebates

    client_id = _client(archive, "600000", "450000")
    record = rebates.apply_in_advance(
        archive, client_id, date(2026, 7, 1), date(2026, 12, 31), D("500000"), "李娜"
    )
    _approve_all(archive, record.id)
    with pytest.raises(ValidationError) as err:
        rebates.settle(archive, record.id)
    assert err.value.field == "settlement" and err.value.code == "period_not_over"


def test_expected_sales_are_required_and_positive(archive):
    from app.services import rebates

    client_id = _client(archive, "600000", "450000")
    with pytest.raises(ValidationError) as err:
        rebates.apply_in_advance(archive, client_id, FIRST, LAST, D("0"), "李娜")
    assert describe(err.value) == "预计销售额：必须大于 0"


def test_the_applicant_cannot_approve_their_own_application(archive):
    """ "applied for in advance to the key-account department manager (大客户部经理)": the one who
    applies is not the one who approves."""
    from app.services import rebates

    client_id = _client(archive, "600000", "450000")
    record = rebates.apply(archive, client_id, FIRST, LAST, "王经理")
    with pytest.raises(ValidationError) as err:
        rebates.approve(archive, record.id, "manager", " 王经理 ")
    assert err.value.field == "approver" and err.value.code == "own_application"
    assert describe(err.value) == "审批人：“王经理”是本申请的申请人，不能审批自己的申请"
    assert rebates.get_rebate(archive, record.id).status is RebateStatus.APPLIED  # unchanged
    with pytest.raises(ValidationError) as err:  # nor reject it
        rebates.reject(archive, record.id, None, "王经理", "撤回")
    assert err.value.code == "own_application"


def test_one_person_cannot_decide_two_steps_of_the_same_rebate(archive):
    """ "approved by the marketing centre (市场营销中心) and the general manager (总经理)": three
    approvals by three people."""
    from app.services import rebates

    client_id = _client(archive, "600000", "450000")
    record = rebates.apply(archive, client_id, FIRST, LAST, "李娜")
    rebates.approve(archive, record.id, "manager", "王经理")
    with pytest.raises(ValidationError) as err:
        rebates.approve(archive, record.id, "marketing", "王经理")
    assert err.value.field == "approver" and err.value.code == "two_steps"
    assert "大客户部经理" in describe(err.value)
    rebates.approve(archive, record.id, "marketing", "市场部 刘")
    with pytest.raises(ValidationError):
        rebates.approve(archive, record.id, "gm", "王经理")
    with pytest.raises(ValidationError):
        rebates.approve(archive, record.id, "gm", "市场部刘")  # spacing does not make another
    assert rebates.approve(archive, record.id, "gm", "赵总").status is RebateStatus.APPROVED


@pytest.mark.file_only  # a file's user is a chosen name; a team archive's is the login's (tests/team)
def test_a_blank_applicant_is_the_person_using_the_app(archive):
    from app.services import identity, rebates

    identity.set_user_name(archive, "李娜")
    client_id = _client(archive, "600000", "450000")
    record = rebates.apply(archive, client_id, FIRST, LAST)
    assert record.applicant == "李娜"
    with pytest.raises(ValidationError):
        rebates.approve(archive, record.id, "manager", "李娜")


def test_rejected_at_step_one_shows_steps_two_and_three_as_not_applicable(archive):
    from app.services import rebates

    client_id = _client(archive, "600000", "450000")
    record = rebates.apply(archive, client_id, FIRST, LAST, "李娜")
    pending = record.step_states()
    assert set(pending.values()) == {StepState.PENDING}
    rejected = rebates.reject(archive, record.id, None, "王经理", "客户有逾期应收款")
    states = rejected.step_states()
    assert states == {
        ApprovalStep.MANAGER: StepState.REJECTED,
        ApprovalStep.MARKETING: StepState.NOT_APPLICABLE,
        ApprovalStep.GM: StepState.NOT_APPLICABLE,
    }
    assert rules.STEP_STATE_LABELS[states[ApprovalStep.GM]] == "不适用"


def test_existing_rows_read_as_applied_on_actuals(archive):
    """Rows from before revision 0017 carry basis 'actual' and settlement 'none'."""
    from app.services import rebates

    client_id = _client(archive, "150000", "100000")
    record = rebates.apply(archive, client_id, FIRST, LAST, "李娜")
    # 150,000 <= 200,000 -> 5% of 100,000 = 5,000.00
    assert (record.basis, record.settlement, record.amount) == (
        Basis.ACTUAL,
        Settlement.NONE,
        D("5000.00"),
    )
    assert record.tier_change is None
    done = _approve_all(archive, record.id)
    assert done.is_final

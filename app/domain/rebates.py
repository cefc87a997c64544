"""Sales rebates (销售返点): the tier rule and the approval machine.

The tier is chosen by the period's sales (signed amount); the rate is paid on the period's
receipts. Tiers are settings; the handbook's are the defaults:
sales <= 200,000 -> 5%; 200,000 < sales < 1,000,000 -> 8%; sales >= 1,000,000 -> 10%."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from app.domain.duties import same_person
from app.domain.errors import ValidationError
from app.domain.money import FEN
from app.domain.text import clean_multiline


@dataclass(frozen=True)
class RebateTier:
    """A tier starts at `min_sales`; `inclusive` says whether exactly `min_sales` belongs to it
    (the handbook puts 200,000 in the lower tier but 1,000,000 in the upper one)."""

    min_sales: Decimal
    inclusive: bool
    rate: Decimal

    def admits(self, sales: Decimal) -> bool:
        return sales >= self.min_sales if self.inclusive else sales > self.min_sales

    def label(self) -> str:
        return f"{'≥' if self.inclusive else '>'}{self.min_sales:,.2f} → {percent(self.rate)}"


DEFAULT_TIERS: tuple[RebateTier, ...] = (
    RebateTier(Decimal("0"), True, Decimal("0.05")),
    RebateTier(Decimal("200000"), False, Decimal("0.08")),
    RebateTier(Decimal("1000000"), True, Decimal("0.10")),
)


def rebate_number(rebate_id: int) -> str:
    """The number an application is known by on paper and on screen: FD-00012."""
    return f"FD-{rebate_id:05d}"


def percent(rate: Decimal) -> str:
    """Decimal('0.08') -> '8%', Decimal('0.075') -> '7.5%'."""
    text = f"{(rate * 100).normalize():f}"
    return f"{text}%"


def validate_tiers(tiers: tuple[RebateTier, ...] | list[RebateTier]) -> tuple[RebateTier, ...]:
    """Ascending thresholds, the first at 0 (inclusive) so every sales figure has a tier, rates
    between 0 and 100%."""
    tiers = tuple(tiers)
    if not tiers or tiers[0].min_sales != 0 or not tiers[0].inclusive:
        raise ValidationError("rebate_tiers", "tiers_start_at_zero")
    for before, after in zip(tiers, tiers[1:], strict=False):
        if after.min_sales <= before.min_sales:
            raise ValidationError("rebate_tiers", "tiers_not_ascending")
    for tier in tiers:
        if not Decimal(0) <= tier.rate <= Decimal(1):
            raise ValidationError("rebate_tiers", "bad_rate", rate=str(tier.rate))
    return tiers


def tier_for(sales: Decimal, tiers: tuple[RebateTier, ...] = DEFAULT_TIERS) -> RebateTier:
    _check_amount(sales, "sales")
    chosen = tiers[0]
    for tier in tiers:
        if tier.admits(sales):
            chosen = tier
    return chosen


def rebate_rate(sales: Decimal, tiers: tuple[RebateTier, ...] = DEFAULT_TIERS) -> Decimal:
    return tier_for(sales, tiers).rate


def rebate_amount(
    sales: Decimal, receipts: Decimal, tiers: tuple[RebateTier, ...] = DEFAULT_TIERS
) -> Decimal:
    """The tier's rate applied to the receipts, rounded half up to the fen."""
    _check_amount(receipts, "receipts")
    return (rebate_rate(sales, tiers) * receipts).quantize(FEN, rounding=ROUND_HALF_UP)


def _check_amount(amount: Decimal, field: str) -> None:
    if isinstance(amount, float):
        raise TypeError("money must not be a float")
    if amount < 0:
        raise ValidationError(field, "negative")


def tiers_to_settings(tiers: tuple[RebateTier, ...]) -> list[dict]:
    return [
        {"min_sales": str(t.min_sales), "inclusive": t.inclusive, "rate": str(t.rate)}
        for t in tiers
    ]


def tiers_from_settings(value: object) -> tuple[RebateTier, ...]:
    """Stored settings -> tiers; anything unreadable gives the handbook's defaults."""
    if not isinstance(value, list) or not value:
        return DEFAULT_TIERS
    try:
        tiers = tuple(
            RebateTier(Decimal(item["min_sales"]), bool(item["inclusive"]), Decimal(item["rate"]))
            for item in value
        )
        return validate_tiers(tiers)
    except (KeyError, TypeError, InvalidOperation, ValidationError):
        return DEFAULT_TIERS


# --- approval -------------------------------------------------------------------------------


class RebateStatus(StrEnum):
    APPLIED = "applied"  # waiting for 大客户部经理
    MANAGER = "manager"  # manager approved, waiting for 市场营销中心
    MARKETING = "marketing"  # marketing approved, waiting for 总经理
    APPROVED = "approved"  # 总经理 approved: fully approved
    REJECTED = "rejected"


class ApprovalStep(StrEnum):
    MANAGER = "manager"
    MARKETING = "marketing"
    GM = "gm"


class Decision(StrEnum):
    APPLY = "apply"
    APPROVE = "approve"
    REJECT = "reject"


STATUS_LABELS = {
    RebateStatus.APPLIED: "待大客户部经理审批",
    RebateStatus.MANAGER: "待市场营销中心审批",
    RebateStatus.MARKETING: "待总经理审批",
    RebateStatus.APPROVED: "已批准",
    RebateStatus.REJECTED: "已驳回",
}
STEP_LABELS = {
    ApprovalStep.MANAGER: "大客户部经理",
    ApprovalStep.MARKETING: "市场营销中心",
    ApprovalStep.GM: "总经理",
}
APPROVAL_ORDER: tuple[ApprovalStep, ...] = (
    ApprovalStep.MANAGER,
    ApprovalStep.MARKETING,
    ApprovalStep.GM,
)
_WAITING_FOR = {
    RebateStatus.APPLIED: ApprovalStep.MANAGER,
    RebateStatus.MANAGER: ApprovalStep.MARKETING,
    RebateStatus.MARKETING: ApprovalStep.GM,
}
_AFTER = {
    ApprovalStep.MANAGER: RebateStatus.MANAGER,
    ApprovalStep.MARKETING: RebateStatus.MARKETING,
    ApprovalStep.GM: RebateStatus.APPROVED,
}


def next_step(status: RebateStatus | str) -> ApprovalStep | None:
    """The step whose decision is due now; None once approved or rejected."""
    return _WAITING_FOR.get(RebateStatus(status))


def is_fully_approved(status: RebateStatus | str) -> bool:
    return RebateStatus(status) is RebateStatus.APPROVED


def is_pending(status: RebateStatus | str) -> bool:
    return next_step(status) is not None


def approve(status: RebateStatus | str, step: ApprovalStep | str) -> RebateStatus:
    """The status after `step` approves; a skipped, repeated or closed step is refused."""
    step = _check_step(status, step)
    return _AFTER[step]


def reject(status: RebateStatus | str, step: ApprovalStep | str, reason: str) -> RebateStatus:
    """The status after `step` rejects; needs a reason."""
    _check_step(status, step)
    if not clean_multiline(reason):
        raise ValidationError("reason", "required")
    return RebateStatus.REJECTED


def _check_step(status: RebateStatus | str, step: ApprovalStep | str) -> ApprovalStep:
    try:
        step = ApprovalStep(step)
    except ValueError:
        raise ValidationError("approval_step", "unknown_step", step=str(step)) from None
    due = next_step(status)
    if due is None:
        raise ValidationError(
            "approval_step", "approval_closed", status=STATUS_LABELS[RebateStatus(status)]
        )
    if step is not due:
        order = APPROVAL_ORDER.index
        code = "step_repeated" if order(step) < order(due) else "step_skipped"
        raise ValidationError("approval_step", code, step=STEP_LABELS[step], due=STEP_LABELS[due])
    return step


# --- applied for in advance, settled on actual receipts ---------------------------------------


class Basis(StrEnum):
    """What the application rests on: the period's actual receipts (after the fact), or the
    sales expected for the period (提前申请, the handbook's way), settled on actuals later."""

    ACTUAL = "actual"
    ADVANCE = "advance"


class Settlement(StrEnum):
    NONE = "none"  # applied on actual receipts: nothing to settle
    OPEN = "open"  # applied in advance: waits for approval, then for the period's actuals
    REVIEW = "review"  # settled into another tier: back to approval with the difference
    SETTLED = "settled"  # the amount on actual receipts is final


SETTLEMENT_LABELS = {
    Settlement.NONE: "按实际回款申请",
    Settlement.OPEN: "提前申请,待结算",
    Settlement.REVIEW: "结算档位变化,重新审批",
    Settlement.SETTLED: "已结算",
}


@dataclass(frozen=True)
class TierChange:
    """What an advance approval promised beside what the period's actuals give."""

    approved_rate: Decimal
    approved_amount: Decimal
    actual_rate: Decimal
    actual_amount: Decimal

    @property
    def same_tier(self) -> bool:
        return self.approved_rate == self.actual_rate

    @property
    def difference(self) -> Decimal:
        return self.actual_amount - self.approved_amount


def settle(
    approved_rate: Decimal,
    approved_amount: Decimal,
    sales: Decimal,
    receipts: Decimal,
    tiers: tuple[RebateTier, ...] = DEFAULT_TIERS,
) -> TierChange:
    """Settlement of an advance approval: the actual tier (by the period's sales) and the
    amount (its rate on the period's receipts) beside what was approved. The same tier is
    settled directly; another tier goes back to the three approvals."""
    return TierChange(
        approved_rate,
        approved_amount,
        rebate_rate(sales, tiers),
        rebate_amount(sales, receipts, tiers),
    )


def can_settle(status: RebateStatus | str, settlement: Settlement | str) -> bool:
    return is_fully_approved(status) and Settlement(settlement) is Settlement.OPEN


def is_final(status: RebateStatus | str, settlement: Settlement | str) -> bool:
    """Fully approved on actual figures: the letter to the client may be issued."""
    done = Settlement(settlement) in (Settlement.NONE, Settlement.SETTLED)
    return is_fully_approved(status) and done


# --- separation of duties -------------------------------------------------------------------


def check_approver(
    by: str, applicant: str, step: ApprovalStep | str, decided: dict[str, str]
) -> None:
    """No one decides a step of their own application, nor two steps of the same round.
    `decided` maps the steps already decided in this round to who decided them."""
    if same_person(by, applicant):
        raise ValidationError("approver", "own_application", name=by)
    for other, actor in decided.items():
        if other != ApprovalStep(step).value and same_person(by, actor):
            label = STEP_LABELS[ApprovalStep(other)]
            raise ValidationError("approver", "two_steps", name=by, step=label)


# --- each step's state on the form ----------------------------------------------------------


class StepState(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    PENDING = "pending"  # 待审批: due now, or after the due one
    NOT_APPLICABLE = "n/a"  # 不适用: the form was rejected at an earlier step


STEP_STATE_LABELS = {
    StepState.APPROVED: "已同意",
    StepState.REJECTED: "已驳回",
    StepState.PENDING: "待审批",
    StepState.NOT_APPLICABLE: "不适用",
}


def step_states(decisions: dict[str, str]) -> dict[ApprovalStep, StepState]:
    """Each step's state from this round's decisions (step -> 'approve' | 'reject'): the steps
    after a rejection are 不适用, not 待审批."""
    states: dict[ApprovalStep, StepState] = {}
    rejected = False
    for step in APPROVAL_ORDER:
        decision = decisions.get(step.value)
        if rejected:
            states[step] = StepState.NOT_APPLICABLE
        elif decision == Decision.APPROVE:
            states[step] = StepState.APPROVED
        elif decision == Decision.REJECT:
            states[step] = StepState.REJECTED
            rejected = True
        else:
            states[step] = StepState.PENDING
    return states

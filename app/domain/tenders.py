"""Government procurement (政府采购): methods, the status pipeline, and the date and money rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from app.domain.money import shown_amount, to_yuan, too_large
from app.domain.working_days import NO_ENTRIES, HolidayCalendar, WorkdayAnswer, add_working_days


class TenderMethod(StrEnum):
    OPEN = "公开招标"
    INVITED = "邀请招标"
    NEGOTIATION = "竞争性谈判"
    CONSULTATION = "竞争性磋商"
    SINGLE_SOURCE = "单一来源"
    INQUIRY = "询价"
    FRAMEWORK = "框架协议"


class TenderStatus(StrEnum):
    TRACKING = "跟踪中"
    PREPARING = "准备投标"
    SUBMITTED = "已投标"
    WON = "中标"
    LOST = "未中标"
    VOID = "废标"
    ABANDONED = "放弃"


FINAL_STATUSES = {TenderStatus.WON, TenderStatus.LOST, TenderStatus.VOID, TenderStatus.ABANDONED}

ALLOWED_MOVES: dict[TenderStatus, set[TenderStatus]] = {
    TenderStatus.TRACKING: {TenderStatus.PREPARING, TenderStatus.ABANDONED, TenderStatus.VOID},
    TenderStatus.PREPARING: {
        TenderStatus.SUBMITTED,
        TenderStatus.ABANDONED,
        TenderStatus.VOID,
        TenderStatus.TRACKING,
    },
    TenderStatus.SUBMITTED: {TenderStatus.WON, TenderStatus.LOST, TenderStatus.VOID},
    TenderStatus.WON: set(),
    TenderStatus.LOST: set(),
    TenderStatus.VOID: set(),
    TenderStatus.ABANDONED: {TenderStatus.TRACKING},
}

BID_DEPOSIT_MAX_RATE = Decimal("0.02")
PERFORMANCE_DEPOSIT_MAX_RATE = Decimal("0.10")
REFUND_WORKING_DAYS = 5
CHALLENGE_WORKING_DAYS = 7
CONTRACT_DAYS = 30


def can_move(current: TenderStatus, target: TenderStatus) -> bool:
    return target == current or target in ALLOWED_MOVES[current]


def bid_deposit_too_high(deposit: Decimal | None, budget: Decimal | None) -> bool:
    """The bid deposit may not exceed 2% of the budget (warned, not refused)."""
    if deposit is None or budget is None or budget <= 0:
        return False
    return deposit > to_yuan(budget * BID_DEPOSIT_MAX_RATE)


def performance_deposit_too_high(deposit: Decimal | None, contract_amount: Decimal | None) -> bool:
    if deposit is None or contract_amount is None or contract_amount <= 0:
        return False
    return deposit > to_yuan(contract_amount * PERFORMANCE_DEPOSIT_MAX_RATE)


def deposit_refund_due(award_notice: date, calendar: HolidayCalendar = NO_ENTRIES) -> WorkdayAnswer:
    """The bid deposit is refunded within 5 working days of the award notice."""
    return add_working_days(award_notice, REFUND_WORKING_DAYS, calendar)


def challenge_deadline(
    result_notice: date, calendar: HolidayCalendar = NO_ENTRIES
) -> WorkdayAnswer:
    """Suppliers may challenge (质疑) within 7 working days of the result notice."""
    return add_working_days(result_notice, CHALLENGE_WORKING_DAYS, calendar)


def contract_due(award_notice: date) -> date:
    """The contract is signed within 30 days of the award notice."""
    return award_notice + timedelta(days=CONTRACT_DAYS)


@dataclass(frozen=True)
class TenderDate:
    """One dated event of a tender, for the deadline radar and the calendar export."""

    tender_id: int
    title: str
    label: str
    when: datetime
    all_day: bool
    official: bool = True


@dataclass(frozen=True)
class TenderDraft:
    title: str
    client_id: int | None = None
    purchaser_name: str = ""  # used when client_id is None: found or created as a client
    number: str = ""
    agency: str = ""
    method: TenderMethod = TenderMethod.OPEN
    budget: Decimal | None = None
    ceiling: Decimal | None = None
    source: str = ""
    published_on: date | None = None
    documents_deadline: datetime | None = None
    clarification_deadline: datetime | None = None
    bid_deadline: datetime | None = None
    opening_place: str = ""
    evaluation_on: date | None = None
    award_notice_on: date | None = None
    contract_signed_on: date | None = None
    bid_deposit: Decimal | None = None
    deposit_paid_on: date | None = None
    deposit_refunded_on: date | None = None
    performance_deposit: Decimal | None = None
    service_fee: Decimal | None = None
    status: TenderStatus = TenderStatus.TRACKING
    winner: str = ""
    winning_price: Decimal | None = None
    our_price: Decimal | None = None
    lessons: str = ""
    bid_validity_days: int = 90
    delivery_period: str = ""
    notes: str = ""

    @property
    def deposit_waived(self) -> bool:
        """免收: the tender asks no bid deposit (stored as a deposit of 0). A blank deposit is
        not yet entered, which the packet checklist flags."""
        return self.bid_deposit is not None and self.bid_deposit == 0


DEPOSIT_WAIVED = "免收"
# How the command line and imports may say that no bid deposit is asked.
DEPOSIT_WAIVED_WORDS = frozenset({"免收", "免", "无", "不收取", "waived"})


def deposit_text(deposit: Decimal | None, money: str = "¥{0}") -> str:
    """The bid deposit for people: '' (not entered), 免收, or the amount (¥20,000.00)."""
    if deposit is None:
        return ""
    if deposit == 0:
        return DEPOSIT_WAIVED
    return money.format(f"{deposit:,.2f}")


MONEY_FIELDS = (
    "budget",
    "ceiling",
    "bid_deposit",
    "performance_deposit",
    "service_fee",
    "winning_price",
    "our_price",
)


def validate_tender(draft: TenderDraft) -> TenderDraft:
    from dataclasses import replace

    from app.domain.errors import FieldProblem, ValidationErrors
    from app.domain.text import clean

    problems: list[FieldProblem] = []
    title = clean(draft.title)
    if not title:
        problems.append(FieldProblem("tender_title", "required"))
    if draft.client_id is None and not clean(draft.purchaser_name):
        problems.append(FieldProblem("purchaser", "required"))
    for name in MONEY_FIELDS:
        value = getattr(draft, name)
        if value is not None and value < 0:
            problems.append(FieldProblem(name, "negative_amount"))
        elif too_large(value):
            problems.append(FieldProblem(name, "too_large", {"value": shown_amount(value)}))
    if not 1 <= int(draft.bid_validity_days or 0) <= 3650:
        problems.append(FieldProblem("bid_validity_days", "bad_interval"))
    if (
        draft.documents_deadline
        and draft.bid_deadline
        and draft.documents_deadline > draft.bid_deadline
    ):
        problems.append(FieldProblem("documents_deadline", "after_bid_deadline"))
    if draft.deposit_refunded_on and not draft.deposit_paid_on:
        problems.append(FieldProblem("deposit_paid_on", "required_with_refund"))
    if draft.deposit_waived and draft.deposit_paid_on:
        problems.append(FieldProblem("deposit_paid_on", "deposit_waived"))
    if draft.status == TenderStatus.WON and draft.award_notice_on is None:
        problems.append(FieldProblem("award_notice_on", "required_when_won"))
    if problems:
        raise ValidationErrors(problems)
    return replace(
        draft,
        title=title,
        number=clean(draft.number),
        agency=clean(draft.agency),
        purchaser_name=clean(draft.purchaser_name),
        source=clean(draft.source),
        opening_place=clean(draft.opening_place),
        winner=clean(draft.winner),
        delivery_period=clean(draft.delivery_period),
    )


def tender_warnings(draft: TenderDraft) -> list[str]:
    """Things to warn about without refusing the save."""
    warnings = []
    if bid_deposit_too_high(draft.bid_deposit, draft.budget):
        warnings.append("deposit_above_2_percent")
    reference = draft.winning_price if draft.status == TenderStatus.WON else None
    if performance_deposit_too_high(draft.performance_deposit, reference or draft.budget):
        warnings.append("performance_deposit_above_10_percent")
    ceiling = draft.ceiling or draft.budget
    if draft.our_price is not None and ceiling is not None and draft.our_price > ceiling:
        warnings.append("price_above_budget")
    return warnings


class QualificationState(StrEnum):
    VALID = "valid"
    EXPIRING = "expiring"  # within EXPIRY_WARNING_DAYS
    EXPIRED = "expired"
    NO_EXPIRY = "no_expiry"


EXPIRY_WARNING_DAYS = 30


def qualification_state(expires_on: date | None, on: date) -> QualificationState:
    """Expired means it is no longer valid on `on` (a certificate is valid on its expiry date)."""
    if expires_on is None:
        return QualificationState.NO_EXPIRY
    if expires_on < on:
        return QualificationState.EXPIRED
    if (expires_on - on).days <= EXPIRY_WARNING_DAYS:
        return QualificationState.EXPIRING
    return QualificationState.VALID

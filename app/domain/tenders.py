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
ANNOUNCEMENT_WORKING_DAYS = 1  # 中标公告期限为1个工作日 (财政部令第87号 第六十九条)
MAX_ANNOUNCEMENT_DAYS = 20

# The rules the computed dates follow, cited where the dates are shown (tooltips, tender show).
RULE_REFUND_UNSUCCESSFUL = (
    "《政府采购法实施条例》第三十三条："
    "自中标通知书发出之日起5个工作日内退还未中标供应商的投标保证金"
)
RULE_REFUND_WINNER = (
    "《政府采购法实施条例》第三十三条："
    "自政府采购合同签订之日起5个工作日内退还中标供应商的投标保证金"
)
RULE_CONTRACT = (
    "《政府采购法》第四十六条：自中标、成交通知书发出之日起三十日内签订政府采购合同；"
    "《民法典》第二百零三条：期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日"
)
RULE_CHALLENGE = (
    "财政部令第94号《政府采购质疑和投诉办法》第十条：对采购结果提出质疑的，"
    "自中标或者成交结果公告期限届满之日起7个工作日内提出"
)


def rule_announcement(days: int) -> str:
    return (
        f"中标（成交）结果公告期限{days}个工作日（财政部令第87号第六十九条：1个工作日）；"
        "《民法典》第二百零一条：开始的当日不计入"
    )


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


@dataclass(frozen=True)
class TenderDate:
    """One dated event of a tender, for the deadline radar and the calendar export."""

    tender_id: int
    title: str
    label: str
    when: datetime
    all_day: bool
    official: bool = True
    rule: str = ""  # the rule a computed date follows


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
    announcement_days: int = ANNOUNCEMENT_WORKING_DAYS  # the result announcement, working days
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


# Every date below is counted on the archive's calendar (`calendar`: the days entered from
# the State Council's notice over the library and the statutory holidays).


def deposit_refund_due(award_notice: date, calendar: HolidayCalendar = NO_ENTRIES) -> WorkdayAnswer:
    """An unsuccessful bidder's deposit: within 5 working days of the award notice (中标通知书)."""
    return add_working_days(award_notice, REFUND_WORKING_DAYS, calendar)


def winner_refund_due(
    contract_signed: date, calendar: HolidayCalendar = NO_ENTRIES
) -> WorkdayAnswer:
    """The winner's deposit: within 5 working days of the signing of the contract."""
    return add_working_days(contract_signed, REFUND_WORKING_DAYS, calendar)


def announcement_end(
    award_notice: date,
    days: int = ANNOUNCEMENT_WORKING_DAYS,
    calendar: HolidayCalendar = NO_ENTRIES,
) -> WorkdayAnswer:
    """The last day of the result announcement (中标结果公告) published with the award notice:
    `days` working days, the day of publication not counted (民法典 第二百零一条)."""
    return add_working_days(award_notice, days, calendar)


def challenge_deadline(
    award_notice: date,
    announcement_days: int = ANNOUNCEMENT_WORKING_DAYS,
    calendar: HolidayCalendar = NO_ENTRIES,
) -> WorkdayAnswer:
    """A challenge (质疑) of the result: within 7 working days of the day the announcement
    period ends (财政部令第94号 第十条), that day itself not counted."""
    end = announcement_end(award_notice, announcement_days, calendar)
    answer = add_working_days(end.day, CHALLENGE_WORKING_DAYS, calendar)
    return WorkdayAnswer(answer.day, end.official and answer.official)


def next_working_day(day: date, calendar: HolidayCalendar = NO_ENTRIES) -> WorkdayAnswer:
    """`day` itself when it is a working day, else the first working day after it."""
    return add_working_days(day - timedelta(days=1), 1, calendar)


def contract_due(award_notice: date, calendar: HolidayCalendar = NO_ENTRIES) -> WorkdayAnswer:
    """The contract is signed within 30 days of the award notice (the notice's day not counted);
    a last day that is a holiday or rest day moves to the next working day (民法典 第二百零三条)."""
    return next_working_day(award_notice + timedelta(days=CONTRACT_DAYS), calendar)


@dataclass(frozen=True)
class Deadline:
    """One date the regulations give a tender, with the rule it is counted by. `day` is None
    while the date it counts from is not entered yet (`waiting_for` says which)."""

    key: str  # refund_due, announcement_ends, challenge_until, contract_due
    label: str
    day: date | None
    official: bool
    rule: str
    waiting_for: str = ""


def refund_deadline(draft: TenderDraft, calendar: HolidayCalendar = NO_ENTRIES) -> Deadline | None:
    """When the bid deposit must come back: for the winner from the contract's signing, for the
    others from the award notice. None without an award notice or when no deposit is asked."""
    if draft.award_notice_on is None or draft.deposit_waived:
        return None
    label = "投标保证金应退还"
    if draft.status != TenderStatus.WON:
        answer = deposit_refund_due(draft.award_notice_on, calendar)
        return Deadline("refund_due", label, answer.day, answer.official, RULE_REFUND_UNSUCCESSFUL)
    if draft.contract_signed_on is None:
        return Deadline("refund_due", label, None, True, RULE_REFUND_WINNER, "contract_signed_on")
    answer = winner_refund_due(draft.contract_signed_on, calendar)
    return Deadline("refund_due", label, answer.day, answer.official, RULE_REFUND_WINNER)


def tender_deadlines(draft: TenderDraft, calendar: HolidayCalendar = NO_ENTRIES) -> list[Deadline]:
    """The dates counted from the award notice, each with its rule; [] before it is entered."""
    award = draft.award_notice_on
    if award is None:
        return []
    days = draft.announcement_days
    end = announcement_end(award, days, calendar)
    challenge = challenge_deadline(award, days, calendar)
    contract = contract_due(award, calendar)
    found = [
        Deadline(
            "announcement_ends", "结果公告期满", end.day, end.official, rule_announcement(days)
        ),
        Deadline("challenge_until", "质疑截止", challenge.day, challenge.official, RULE_CHALLENGE),
        Deadline("contract_due", "合同签订期限", contract.day, contract.official, RULE_CONTRACT),
    ]
    refund = refund_deadline(draft, calendar)
    return found if refund is None else [refund, *found]


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
    if not 1 <= int(draft.announcement_days or 0) <= MAX_ANNOUNCEMENT_DAYS:
        problems.append(FieldProblem("announcement_days", "bad_announcement_days"))
    signed, award = draft.contract_signed_on, draft.award_notice_on
    if signed and award and signed < award:
        problems.append(FieldProblem("contract_signed_on", "before_award_notice"))
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

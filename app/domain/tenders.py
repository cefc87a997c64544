"""Government procurement (政府采购): methods, the status pipeline, and the date and money rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from app.domain.money import to_yuan
from app.domain.working_days import WorkdayAnswer, add_working_days


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


def deposit_refund_due(award_notice: date) -> WorkdayAnswer:
    """The bid deposit is refunded within 5 working days of the award notice."""
    return add_working_days(award_notice, REFUND_WORKING_DAYS)


def challenge_deadline(result_notice: date) -> WorkdayAnswer:
    """Suppliers may challenge (质疑) within 7 working days of the result notice."""
    return add_working_days(result_notice, CHALLENGE_WORKING_DAYS)


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

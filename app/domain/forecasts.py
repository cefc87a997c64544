"""Sales forecast (销售预测): what is expected to come in (回款) per account manager and month.

A figure entered by hand is the forecast. Beside it the app suggests one from the pipeline, and
shows the records that make it up:
- an open receivable (a contract not yet fully paid) is expected on its due date (signed date +
  payment days); one already overdue is expected in the current month;
- an open tender is expected to bring its budget (预算金额, else its 最高限价) times a win
  probability by stage, 60 days after its award: 30 days to sign the contract (政府采购法 第四十六条:
  "采购人与中标、成交供应商应当在中标、成交通知书发出之日起三十日内……签订政府采购合同") plus
  the contract's usual 30 payment days (a day already past: the current month). The award is taken as the 中标通知书 date when known, else
  the evaluation date, else the bid deadline; a tender with none of them is left out (listed as
  undated). Probabilities (an assumption, the handbook gives none): 跟踪中 10%, 准备投标 30%,
  已投标 50%, 中标 but no contract signed yet 90%. A won tender whose contract is signed is
  counted through the contract register, not here; lost, void and abandoned tenders count 0."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.domain.tenders import TenderStatus

WIN_PERCENT = {
    TenderStatus.TRACKING: 10,
    TenderStatus.PREPARING: 30,
    TenderStatus.SUBMITTED: 50,
    TenderStatus.WON: 90,
}
SIGNING_DAYS = 30  # 政府采购法 第四十六条
PAYMENT_DAYS = 30  # a contract's default payment term
KIND_LABELS = {"contract": "应收合同", "tender": "在投项目"}
OVERDUE, NOT_DUE = "逾期", "未到期"  # a receivable's stage


@dataclass(frozen=True)
class PipelineItem:
    """One record behind a suggested forecast."""

    kind: str  # "contract" or "tender"
    ref_id: int
    label: str  # contract number or project name
    client: str
    owner: str
    stage: str  # the tender's status, or "逾期"/"未到期" for a receivable
    basis_fen: int  # the open amount, or the tender's budget
    percent: int  # 100 for a receivable
    expected_on: date
    amount_fen: int  # basis x percent, to the fen (half up)


def weighted(basis_fen: int, percent: int) -> int:
    """basis x percent / 100, rounded half up to the fen."""
    return (2 * basis_fen * percent + 100) // 200


def tender_award_day(
    award_notice_on: date | None, evaluation_on: date | None, bid_deadline: datetime | None
) -> date | None:
    if award_notice_on is not None:
        return award_notice_on
    if evaluation_on is not None:
        return evaluation_on
    return bid_deadline.date() if bid_deadline is not None else None


def tender_percent(status: str, contract_signed_on: date | None) -> int:
    """The win probability in percent of a tender at its stage (0: not in the pipeline)."""
    try:
        stage = TenderStatus(status)
    except ValueError:
        return 0
    if stage is TenderStatus.WON and contract_signed_on is not None:
        return 0
    return WIN_PERCENT.get(stage, 0)


def tender_expected_on(award_day: date) -> date:
    return award_day + timedelta(days=SIGNING_DAYS + PAYMENT_DAYS)


def receivable_expected_on(due: date, first_day: date) -> date:
    """A receivable is expected on its due date; an overdue one at the start of the current
    month (the same for a tender whose expected day has passed)."""
    return max(due, first_day)

"""The closed vocabularies in words: one table of (Chinese, English) labels for every value the
archive stores for a status, a kind, a method or a stage.

The stored values stay as they are (many are Chinese words: 合作中, 跟踪中, 草稿…); they are data.
What a person reads goes through `label()`, in the language of the window or the command line,
so an English screen never shows a stored Chinese status. The Chinese labels are the ones the
domain modules already use (KIND_ZH, STATUS_LABELS…), so the two never drift apart."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from app.domain.documents import (
    ACTION_ZH,
    DIRECTION_ZH,
    KIND_ZH,
    DocStatus,
    DocumentKind,
    LetterDirection,
    LetterStatus,
    ReviewAction,
)
from app.domain.enums import (
    ACTIVITY_KIND_EN,
    ACTIVITY_KIND_ZH,
    TIER_LABELS_ZH,
    ActivityKind,
    ClientStatus,
    Tier,
)
from app.domain.minutes import ActionStatus
from app.domain.plans import AGE_BUCKET_LABELS, DECADE_NAMES, METRIC_LABELS, AgeBucket, Period
from app.domain.rebates import (
    SETTLEMENT_LABELS,
    STATUS_LABELS,
    STEP_LABELS,
    STEP_STATE_LABELS,
    ApprovalStep,
    RebateStatus,
    Settlement,
    StepState,
)
from app.domain.tenders import QualificationState, TenderMethod, TenderStatus
from app.domain.typography import chinese_punctuation

Pair = tuple[str, str]  # (Chinese, English)

# A vocabulary that is not an enum is named by a string.
PLAN_METRIC = "plan_metric"


def _stored_chinese(vocabulary: type[StrEnum], english: dict[str, str]) -> dict[str, Pair]:
    """A vocabulary whose stored values are the Chinese words themselves."""
    return {member.value: (member.value, english[member]) for member in vocabulary}


def _worded(chinese: dict, english: dict) -> dict[str, Pair]:
    return {str(key): (chinese[key], english[key]) for key in chinese}


LABELS: dict[type[StrEnum] | str, dict[str, Pair]] = {
    ClientStatus: _stored_chinese(
        ClientStatus,
        {
            ClientStatus.PROSPECT: "Prospect",
            ClientStatus.ACTIVE: "Active",
            ClientStatus.PAUSED: "Paused",
            ClientStatus.LOST: "Lost",
        },
    ),
    Tier: _worded(
        TIER_LABELS_ZH,
        {Tier.A: "A key", Tier.B: "B major", Tier.C: "C regular", Tier.D: "D prospect"},
    ),
    ActivityKind: _worded(ACTIVITY_KIND_ZH, ACTIVITY_KIND_EN),
    TenderMethod: _stored_chinese(
        TenderMethod,
        {
            TenderMethod.OPEN: "Open tender",
            TenderMethod.INVITED: "Invited tender",
            TenderMethod.NEGOTIATION: "Competitive negotiation",
            TenderMethod.CONSULTATION: "Competitive consultation",
            TenderMethod.SINGLE_SOURCE: "Single source",
            TenderMethod.INQUIRY: "Request for quotation",
            TenderMethod.FRAMEWORK: "Framework agreement",
        },
    ),
    TenderStatus: _stored_chinese(
        TenderStatus,
        {
            TenderStatus.TRACKING: "Tracking",
            TenderStatus.PREPARING: "Preparing bid",
            TenderStatus.SUBMITTED: "Bid submitted",
            TenderStatus.WON: "Won",
            TenderStatus.LOST: "Not won",
            TenderStatus.VOID: "Void",
            TenderStatus.ABANDONED: "Abandoned",
        },
    ),
    QualificationState: {
        QualificationState.VALID.value: ("有效", "Valid"),
        QualificationState.EXPIRING.value: ("即将到期", "Expiring soon"),
        QualificationState.EXPIRED.value: ("已过期", "Expired"),
        QualificationState.NO_EXPIRY.value: ("长期有效", "No expiry"),
    },
    DocumentKind: _worded(
        KIND_ZH,
        {
            DocumentKind.AGREEMENT: "Agreement",
            DocumentKind.FRAMEWORK: "Framework agreement",
            DocumentKind.NOTICE: "Notice",
            DocumentKind.LETTER: "Letter",
            DocumentKind.FAX: "Fax",
        },
    ),
    DocStatus: _stored_chinese(
        DocStatus,
        {
            DocStatus.DRAFT: "Draft",
            DocStatus.IN_REVIEW: "In review",
            DocStatus.APPROVED: "Approved",
            DocStatus.SIGNED: "Signed",
            DocStatus.RETURNED: "Returned",
        },
    ),
    ReviewAction: _worded(
        ACTION_ZH,
        {
            ReviewAction.SUBMIT: "Submit for review",
            ReviewAction.APPROVE: "Approve",
            ReviewAction.RETURN: "Return",
            ReviewAction.SIGN: "Sign",
            ReviewAction.EDIT: "Edit",
        },
    ),
    LetterDirection: _worded(
        DIRECTION_ZH, {LetterDirection.INCOMING: "Incoming", LetterDirection.OUTGOING: "Outgoing"}
    ),
    LetterStatus: _stored_chinese(
        LetterStatus,
        {
            LetterStatus.PENDING: "Pending",
            LetterStatus.IN_PROGRESS: "In progress",
            LetterStatus.DONE: "Done",
            LetterStatus.SENT: "Sent",
            LetterStatus.REPLIED: "Replied",
        },
    ),
    ActionStatus: _stored_chinese(
        ActionStatus,
        {
            ActionStatus.NOT_STARTED: "Not started",
            ActionStatus.IN_PROGRESS: "In progress",
            ActionStatus.DONE: "Done",
            ActionStatus.CANCELLED: "Cancelled",
        },
    ),
    RebateStatus: _worded(
        STATUS_LABELS,
        {
            RebateStatus.APPLIED: "Awaiting the key-account manager",
            RebateStatus.MANAGER: "Awaiting marketing",
            RebateStatus.MARKETING: "Awaiting the general manager",
            RebateStatus.APPROVED: "Approved",
            RebateStatus.REJECTED: "Rejected",
        },
    ),
    ApprovalStep: _worded(
        STEP_LABELS,
        {
            ApprovalStep.MANAGER: "Key-account manager",
            ApprovalStep.MARKETING: "Marketing centre",
            ApprovalStep.GM: "General manager",
        },
    ),
    Settlement: _worded(
        SETTLEMENT_LABELS,
        {
            Settlement.NONE: "Applied on actual receipts",
            Settlement.OPEN: "Applied in advance, to settle",
            Settlement.REVIEW: "Settled in another tier: re-approval",
            Settlement.SETTLED: "Settled",
        },
    ),
    StepState: _worded(
        STEP_STATE_LABELS,
        {
            StepState.APPROVED: "Approved",
            StepState.REJECTED: "Rejected",
            StepState.PENDING: "Pending",
            StepState.NOT_APPLICABLE: "Not applicable",
        },
    ),
    AgeBucket: _worded(
        AGE_BUCKET_LABELS,
        {
            AgeBucket.NOT_DUE: "Not due",
            AgeBucket.D0_30: "0–30 days",
            AgeBucket.D31_60: "31–60 days",
            AgeBucket.D61_90: "61–90 days",
            AgeBucket.D90_PLUS: "Over 90 days",
        },
    ),
    PLAN_METRIC: _worded(
        METRIC_LABELS,
        {
            "clients": "Clients",
            "visits": "Visits",
            "signings": "Signings",
            "signed_products": "Products signed",
            "signed_amount": "Amount signed",
            "receipts": "Receipts",
        },
    ),
}


def is_english(lang: str) -> bool:
    """'en', 'en_US' -> True; 'zh', 'zh_CN' (the window's codes) -> False."""
    return lang.lower().startswith("en")


def label(
    value: StrEnum | str | None, lang: str = "zh", of: type[StrEnum] | str | None = None
) -> str:
    """The words for a stored value in `lang` ('zh', 'zh_CN', 'en'…). `of` names the vocabulary;
    an enum member brings its own. A value the table does not know is shown as it is (an old
    archive may hold a status no longer offered), and None as nothing."""
    if value is None:
        return ""
    vocabulary = of if of is not None else type(value)
    pair = LABELS.get(vocabulary, {}).get(str(value))
    if pair is None:
        return str(value)
    return pair[1] if is_english(lang) else pair[0]


def choices(
    of: type[StrEnum] | str, lang: str = "zh", values: Iterable[StrEnum | str] | None = None
) -> list[tuple[str, str]]:
    """(stored value, label) for a picker, in the vocabulary's order (or the order of `values`)."""
    wanted = LABELS[of] if values is None else [str(v) for v in values]
    return [(str(v), label(str(v), lang, of)) for v in wanted]


def english_of(of: type[StrEnum] | str, text: str) -> str | None:
    """The English label of a stored value or of its Chinese label (the change history keeps
    the Chinese labels), or None when the vocabulary has no such word."""
    for value, (zh, en) in LABELS.get(of, {}).items():
        if text in (value, zh):
            return en
    return None


def from_text(of: type[StrEnum] | str, text: str) -> str | None:
    """The stored value typed as itself, its Chinese or its English label (any case), or None."""
    typed = text.strip()
    for value, (zh, en) in LABELS[of].items():
        if typed in (value, zh) or typed.lower() in (value.lower(), en.lower()):
            return value
    return None


_DECADES_EN = ("Early month", "Mid-month", "Late month")


def period_label(period: Period, lang: str = "zh") -> str:
    """A plan period (旬, ISO week, working day) in words: 上旬（1-10日） / Early month (1–10)."""
    if not is_english(lang):
        return chinese_punctuation(period.label)
    first, last = period.first, period.last
    if period.key in DECADE_NAMES:
        return f"{_DECADES_EN[DECADE_NAMES.index(period.key)]} ({first.day}–{last.day})"
    if "-W" in period.key:
        week = int(period.key.rsplit("-W", 1)[1])
        return f"Week {week} ({first:%m-%d} to {last:%m-%d})"
    return period.label

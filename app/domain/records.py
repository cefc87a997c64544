"""Drafts of clients, contacts and activities as typed by a person, and their validation.

A draft is what a form or an import row holds; `validate_*` returns a clean copy or raises
ValidationErrors listing every field that is wrong (so a form can mark them all at once)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal

from app.domain.enums import ActivityKind, ClientStatus, Tier
from app.domain.errors import FieldProblem, ValidationError, ValidationErrors
from app.domain.parsing import (
    parse_bank_account,
    parse_email,
    parse_landline,
    parse_mobile,
    parse_uscc,
)
from app.domain.text import clean, clean_multiline

NAME_MAX = 200


@dataclass(frozen=True)
class ClientDraft:
    name: str
    uscc: str | None = None
    tier: Tier = Tier.C
    is_key_account: bool = False
    industry: str = ""
    region: str = ""
    address: str = ""
    owner: str = ""
    status: ClientStatus = ClientStatus.ACTIVE
    source: str = ""
    created_on: date | None = None
    service_policy: str = ""
    notes: str = ""
    # 开票信息 besides 名称 and 纳税人识别号 (the USCC): 开户行, 账号, 开票地址、电话
    bank: str = ""
    bank_account: str = ""
    invoice_address: str = ""


@dataclass(frozen=True)
class ContactDraft:
    name: str
    title: str = ""
    mobile: str | None = None
    phone: str | None = None
    email: str | None = None
    birthday: date | None = None
    is_decision_maker: bool = False
    notes: str = ""


@dataclass(frozen=True)
class ActivityDraft:
    client_id: int
    kind: ActivityKind
    started_at: datetime
    subject: str
    ended_at: datetime | None = None
    participants: str = ""
    notes: str = ""
    outcome: str = ""
    next_step: str = ""
    next_step_due: date | None = None
    expense: Decimal = Decimal("0.00")
    resolution: str = ""
    closed_on: date | None = None
    contact_ids: tuple[int, ...] = field(default_factory=tuple)


class _Problems:
    def __init__(self) -> None:
        self.items: list[FieldProblem] = []

    def check(self, fn: Callable[[], object]) -> object:
        try:
            return fn()
        except ValidationError as exc:
            self.items.append(FieldProblem(exc.field, exc.code, dict(exc.details)))
            return None

    def add(self, field_name: str, code: str, **details: object) -> None:
        self.items.append(FieldProblem(field_name, code, details))

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationErrors(self.items)


def validate_client(draft: ClientDraft) -> ClientDraft:
    problems = _Problems()
    name = clean(draft.name)
    if not name:
        problems.add("name", "required")
    elif len(name) > NAME_MAX:
        problems.add("name", "too_long", limit=NAME_MAX)
    uscc = problems.check(lambda: parse_uscc(draft.uscc, "uscc"))
    account = problems.check(lambda: parse_bank_account(draft.bank_account, "bank_account"))
    if draft.tier not in Tier.__members__.values():
        problems.add("tier", "unknown_tier", value=str(draft.tier))
    problems.raise_if_any()
    return replace(
        draft,
        name=name,
        uscc=uscc,
        industry=clean(draft.industry),
        region=clean(draft.region),
        address=clean(draft.address),
        owner=clean(draft.owner),
        source=clean(draft.source),
        service_policy=clean_multiline(draft.service_policy),
        notes=clean_multiline(draft.notes),
        bank=clean(draft.bank),
        bank_account=account or "",
        invoice_address=clean(draft.invoice_address),
    )


def validate_contact(draft: ContactDraft) -> ContactDraft:
    problems = _Problems()
    name = clean(draft.name)
    if not name:
        problems.add("contact_name", "required")
    mobile = problems.check(lambda: parse_mobile(draft.mobile, "mobile"))
    phone = problems.check(lambda: parse_landline(draft.phone, "phone"))
    email = problems.check(lambda: parse_email(draft.email, "email"))
    problems.raise_if_any()
    return replace(
        draft,
        name=name,
        title=clean(draft.title),
        mobile=mobile,
        phone=phone,
        email=email,
        notes=clean_multiline(draft.notes),
    )


def validate_activity(draft: ActivityDraft) -> ActivityDraft:
    problems = _Problems()
    subject = clean(draft.subject)
    if not subject:
        problems.add("subject", "required")
    if draft.ended_at and draft.ended_at < draft.started_at:
        problems.add("ended_at", "ends_before_start")
    if draft.expense is None or draft.expense < 0:
        problems.add("expense", "negative_amount")
    if draft.next_step_due and not clean(draft.next_step):
        problems.add("next_step", "required_with_due_date")
    if draft.closed_on and draft.kind == ActivityKind.COMPLAINT and not clean(draft.resolution):
        problems.add("resolution", "required_to_close")
    if draft.closed_on and draft.closed_on < draft.started_at.date():
        problems.add("closed_on", "closed_before_start")
    problems.raise_if_any()
    return replace(
        draft,
        subject=subject,
        participants=clean(draft.participants),
        next_step=clean(draft.next_step),
        notes=clean_multiline(draft.notes),
        outcome=clean_multiline(draft.outcome),
        resolution=clean_multiline(draft.resolution),
    )

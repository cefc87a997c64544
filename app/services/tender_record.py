"""A tender as the window and the commands show it (TenderRecord): made from its stored row, its
price lines and the archive's holiday calendar, whichever reader read them (a session's model
objects or a plain sqlite3 reader's rows, app.services.readers). No SQLAlchemy here: `tender
show` on an archive file starts without it (issue 11). app.services.tenders re-exports these."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from app.domain.money import fen_to_yuan, to_yuan
from app.domain.tenders import (
    MONEY_FIELDS,
    Deadline,
    TenderDraft,
    TenderMethod,
    TenderStatus,
    tender_deadlines,
    tender_warnings,
)
from app.domain.working_days import HolidayCalendar


@dataclass(frozen=True)
class TenderItemLine:
    name: str
    brand_model: str
    quantity: Decimal
    unit: str
    unit_price: Decimal

    @property
    def total(self) -> Decimal:
        return to_yuan(self.quantity * self.unit_price)


@dataclass(frozen=True)
class TenderRecord:
    id: int
    client_name: str
    draft: TenderDraft
    items: tuple[TenderItemLine, ...]
    refund_due: date | None  # the winner's: None until the contract signed date is entered
    challenge_until: date | None
    contract_due: date | None
    calendar_official: bool  # False when a computed date fell in a year without published 调休
    warnings: tuple[str, ...]
    deadlines: tuple[Deadline, ...] = ()  # each computed date with the rule it follows
    version: int = 1  # what a save of an edit of it is checked against (record_versions)

    @property
    def items_total(self) -> Decimal:
        return sum((i.total for i in self.items), Decimal("0.00"))


def yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else fen_to_yuan(fen)


def draft_from(tender) -> TenderDraft:
    """The draft of a stored tender (the model's object, or a plain reader's row)."""
    values = {}
    for f in fields(TenderDraft):
        if f.name in MONEY_FIELDS:
            values[f.name] = yuan(getattr(tender, f"{f.name}_fen"))
        elif f.name == "purchaser_name":
            values[f.name] = ""
        elif f.name == "method":
            values[f.name] = TenderMethod(tender.method)
        elif f.name == "status":
            values[f.name] = TenderStatus(tender.status)
        else:
            values[f.name] = getattr(tender, f.name)
    return TenderDraft(**values)


def item_line(row) -> TenderItemLine:
    return TenderItemLine(
        row.name, row.brand_model, Decimal(row.quantity), row.unit, fen_to_yuan(row.unit_price_fen)
    )


def tender_record(
    tender, client_name: str | None, items: Iterable, calendar: HolidayCalendar
) -> TenderRecord:
    """The record of a stored tender with its purchaser's name, price lines and the calendar
    its deadlines are counted in."""
    draft = draft_from(tender)
    deadlines = tender_deadlines(draft, calendar)
    day = {d.key: d.day for d in deadlines}
    return TenderRecord(
        tender.id,
        client_name or "",
        draft,
        tuple(item_line(i) for i in items),
        day.get("refund_due"),
        day.get("challenge_until"),
        day.get("contract_due"),
        all(d.official for d in deadlines),
        tuple(tender_warnings(draft)),
        tuple(deadlines),
        tender.version,
    )

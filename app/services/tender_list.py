"""The tender register as a list (`tender list`, the window's 投标 list). On an archive file opened
read-only it is read with sqlite3 alone (app.db.plain_tenders: no SQLAlchemy or ORM models,
issue 11); otherwise through a session. Either way the same records come out.
app.services.tenders registers and edits tenders and re-exports these names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from app.db import plain_tenders
from app.db.list_filters import TenderFilter
from app.domain.money import fen_to_yuan
from app.services.archive import Archive
from app.services.readers import reader

__all__ = ["TenderFilter", "TenderRow", "list_tenders", "tender_row"]


@dataclass(frozen=True)
class TenderRow:
    id: int
    title: str
    number: str
    client_id: int
    client_name: str
    method: str
    status: str
    budget: Decimal | None
    bid_deadline: datetime | None
    our_price: Decimal | None
    winning_price: Decimal | None
    version: int = 1


def _yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else fen_to_yuan(fen)


def tender_row(tender, client_name: str) -> TenderRow:
    return TenderRow(
        tender.id,
        tender.title,
        tender.number,
        tender.client_id,
        client_name,
        tender.method,
        tender.status,
        _yuan(tender.budget_fen),
        tender.bid_deadline,
        _yuan(tender.our_price_fen),
        _yuan(tender.winning_price_fen),
        tender.version,
    )


def list_tenders(archive: Archive, flt: TenderFilter | None = None) -> list[TenderRow]:
    """The register's tenders of the filter, latest bid deadline first."""
    with reader(archive, plain_tenders, "tenders") as (repo, session):
        return [tender_row(t, n) for t, n in repo.list_rows(session, flt or TenderFilter())]

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.db import history
from app.db.dialect_sql import like_any_case
from app.db.list_filters import TenderFilter
from app.db.models import Client, PacketFile, PacketSection, Qualification, Tender, TenderItem
from app.domain.history import price_line


def get(session: Session, tender_id: int) -> Tender | None:
    return session.get(Tender, tender_id)


def list_rows(session: Session, flt: TenderFilter) -> list[tuple[Tender, str]]:
    stmt = select(Tender, Client.name).join(Client, Client.id == Tender.client_id)
    if flt.statuses:
        stmt = stmt.where(Tender.status.in_(flt.statuses))
    if flt.methods:
        stmt = stmt.where(Tender.method.in_(flt.methods))
    if flt.client_id is not None:
        stmt = stmt.where(Tender.client_id == flt.client_id)
    if flt.text:
        like = f"%{flt.text}%"
        stmt = stmt.where(
            like_any_case(Tender.title, like)
            | like_any_case(Tender.number, like)
            | like_any_case(Client.name, like)
        )
    if flt.deadline_from:
        stmt = stmt.where(Tender.bid_deadline >= flt.deadline_from)
    if flt.deadline_to:
        stmt = stmt.where(Tender.bid_deadline < flt.deadline_to)
    stmt = stmt.order_by(Tender.bid_deadline.desc().nulls_last(), Tender.id.desc())
    return [(t, name) for t, name in session.execute(stmt)]


def client_name(session: Session, client_id: int) -> str | None:
    return session.scalar(select(Client.name).where(Client.id == client_id))


def items(session: Session, tender_id: int) -> list[TenderItem]:
    return list(
        session.scalars(
            select(TenderItem)
            .where(TenderItem.tender_id == tender_id)
            .order_by(TenderItem.position)
        )
    )


def replace_items(session: Session, tender_id: int, rows: Sequence[dict]) -> None:
    before = [
        price_line(i.name, i.brand_model, i.quantity, i.unit, i.unit_price_fen)
        for i in items(session, tender_id)
    ]
    history.replaced(session, "tender", tender_id, "items", before, [_line(r) for r in rows])
    session.execute(delete(TenderItem).where(TenderItem.tender_id == tender_id))
    session.add_all(
        TenderItem(tender_id=tender_id, position=i, **row) for i, row in enumerate(rows)
    )


def _line(row: dict) -> str:
    return price_line(
        row["name"], row["brand_model"], row["quantity"], row["unit"], row["unit_price_fen"]
    )


def sections(session: Session, tender_id: int) -> list[PacketSection]:
    return list(
        session.scalars(
            select(PacketSection)
            .where(PacketSection.tender_id == tender_id)
            .order_by(PacketSection.position, PacketSection.id)
        )
    )


def section(session: Session, section_id: int) -> PacketSection | None:
    return session.get(PacketSection, section_id)


def section_files(session: Session, section_id: int) -> list[PacketFile]:
    return list(
        session.scalars(
            select(PacketFile)
            .where(PacketFile.section_id == section_id)
            .order_by(PacketFile.position, PacketFile.id)
        )
    )


def packet_file(session: Session, file_id: int) -> PacketFile | None:
    return session.get(PacketFile, file_id)


def next_file_position(session: Session, section_id: int) -> int:
    return (
        session.scalar(
            select(func.max(PacketFile.position)).where(PacketFile.section_id == section_id)
        )
        or 0
    ) + 1


def qualifications_in_packet(session: Session, tender_id: int) -> list[Qualification]:
    stmt = (
        select(Qualification)
        .join(PacketFile, PacketFile.qualification_id == Qualification.id)
        .join(PacketSection, PacketSection.id == PacketFile.section_id)
        .where(PacketSection.tender_id == tender_id)
        .distinct()
    )
    return list(session.scalars(stmt))


def open_tenders_with_deadline(session: Session, statuses: Sequence[str]) -> list[Tender]:
    return list(
        session.scalars(
            select(Tender).where(Tender.status.in_(statuses), Tender.bid_deadline.is_not(None))
        )
    )


def all_tenders(session: Session) -> list[tuple[Tender, str]]:
    return list_rows(session, TenderFilter())


def refunds_outstanding(session: Session) -> list[tuple[Tender, str]]:
    stmt = (
        select(Tender, Client.name)
        .join(Client, Client.id == Tender.client_id)
        .where(
            Tender.deposit_paid_on.is_not(None),
            Tender.deposit_refunded_on.is_(None),
            Tender.award_notice_on.is_not(None),
        )
    )
    return [(t, n) for t, n in session.execute(stmt)]


def outcome_counts(session: Session, by: str) -> list[tuple[str, str, int]]:
    """(group, status, count) for decided tenders; `by` is 'method' or 'purchaser'."""
    group = Tender.method if by == "method" else Client.name
    stmt = (
        select(group, Tender.status, func.count(Tender.id))
        .join(Client, Client.id == Tender.client_id)
        .group_by(group, Tender.status)
    )
    return [tuple(r) for r in session.execute(stmt)]


def qualification(session: Session, qualification_id: int) -> Qualification | None:
    return session.get(Qualification, qualification_id)


def qualifications(session: Session) -> list[Qualification]:
    return list(
        session.scalars(
            select(Qualification).order_by(
                Qualification.kind, Qualification.title, Qualification.id
            )
        )
    )


def expiring_qualifications(session: Session, before: date) -> list[Qualification]:
    return list(
        session.scalars(
            select(Qualification).where(
                Qualification.expires_on.is_not(None), Qualification.expires_on < before
            )
        )
    )


def stream_tenders(session: Session, client_id: int | None = None):
    """(tender, purchaser name) by id, only one purchaser's when `client_id` is given."""
    stmt = select(Tender, Client.name).join(Client, Client.id == Tender.client_id)
    if client_id is not None:
        stmt = stmt.where(Tender.client_id == client_id)
    yield from session.execute(stmt.order_by(Tender.id))


def stream_qualifications(session: Session):
    yield from session.scalars(select(Qualification).order_by(Qualification.id))

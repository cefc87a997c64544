"""Contracts, receipts, monthly targets, rebates and tier changes (issue 5)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Date, delete, func, insert, select
from sqlalchemy.orm import Session

from app.db import history
from app.db.dialect_sql import like_any_case
from app.db.models import (
    Activity,
    Client,
    ClientTierChange,
    Contract,
    ContractLine,
    Document,
    MonthlyTarget,
    Rebate,
    RebateStep,
    Receipt,
)
from app.domain.history import price_line

# --- contracts -------------------------------------------------------------------------------


def contract(session: Session, contract_id: int) -> Contract | None:
    return session.get(Contract, contract_id)


def contract_by_number(session: Session, number: str) -> Contract | None:
    return session.scalar(select(Contract).where(Contract.number == number))


def contract_of_document(session: Session, document_id: int) -> Contract | None:
    """The contract in the register made from a document (its approved 购销合同/框架协议)."""
    return session.scalar(select(Contract).where(Contract.document_id == document_id))


def document_title(session: Session, document_id: int | None) -> str:
    if document_id is None:
        return ""
    return session.scalar(select(Document.title).where(Document.id == document_id)) or ""


def contract_numbers(session: Session) -> dict[str, tuple[int, int]]:
    """number -> (contract id, client id), for checking a whole import at once."""
    rows = session.execute(select(Contract.number, Contract.id, Contract.client_id))
    return {number: (cid, client_id) for number, cid, client_id in rows}


def lines(session: Session, contract_id: int) -> list[ContractLine]:
    return list(
        session.scalars(
            select(ContractLine)
            .where(ContractLine.contract_id == contract_id)
            .order_by(ContractLine.position)
        )
    )


def replace_lines(session: Session, contract_id: int, rows: Sequence[dict]) -> None:
    old = session.execute(
        select(
            ContractLine.product,
            ContractLine.quantity,
            ContractLine.unit,
            ContractLine.unit_price_fen,
        )
        .where(ContractLine.contract_id == contract_id)
        .order_by(ContractLine.position)
    )
    before = [price_line(p, "", q, u, fen) for p, q, u, fen in old]
    after = [
        price_line(r["product"], "", r["quantity"], r["unit"], r["unit_price_fen"]) for r in rows
    ]
    history.replaced(session, "contract", contract_id, "lines", before, after)
    session.execute(delete(ContractLine).where(ContractLine.contract_id == contract_id))
    if rows:
        session.execute(insert(ContractLine), [{**r, "contract_id": contract_id} for r in rows])


def contract_rows(
    session: Session, client_id: int | None = None, text: str = "", limit: int | None = None
) -> list[tuple[Any, str, int, int]]:
    """(contract, client name, received fen, line count), newest first; the contract is a row
    of its columns, read by attribute like the model (2,000 ORM objects took 0.4 s). The
    received sum and the line count are read per contract listed, through the receipts' and
    lines' contract indexes: not aggregated over every receipt and line (issue 11)."""
    received = (
        select(func.coalesce(func.sum(Receipt.amount_fen), 0))
        .where(Receipt.contract_id == Contract.id)
        .scalar_subquery()
    )
    counts = (
        select(func.count())
        .select_from(ContractLine)
        .where(ContractLine.contract_id == Contract.id)
        .scalar_subquery()
    )
    stmt = select(
        Contract.__table__,
        Client.name.label("client_name"),
        received.label("received_fen"),
        counts.label("line_count"),
    ).join(Client, Client.id == Contract.client_id)
    if client_id is not None:
        stmt = stmt.where(Contract.client_id == client_id)
    if text:
        like = f"%{text}%"
        stmt = stmt.where(like_any_case(Contract.number, like) | like_any_case(Client.name, like))
    stmt = stmt.order_by(Contract.signed_on.desc(), Contract.id.desc()).limit(limit)
    return [(r, r.client_name, r.received_fen, r.line_count) for r in session.execute(stmt)]


def counts(session: Session) -> tuple[int, int]:
    """How many contracts and receipts the archive holds."""
    return (
        session.scalar(select(func.count()).select_from(Contract)),
        session.scalar(select(func.count()).select_from(Receipt)),
    )


def contract_receipt_count(session: Session, contract_id: int) -> int:
    stmt = select(func.count()).select_from(Receipt).where(Receipt.contract_id == contract_id)
    return session.scalar(stmt)


def stream_contracts(session: Session, client_id: int | None = None):
    """(contract, client name), only one client's when `client_id` is given."""
    stmt = select(Contract, Client.name).join(Client, Client.id == Contract.client_id)
    if client_id is not None:
        stmt = stmt.where(Contract.client_id == client_id)
    # in id order: both back ends index them in the same order, so "newest" means the same
    yield from session.execute(stmt.order_by(Contract.id).execution_options(yield_per=5000))


def products_of(session: Session, contract_ids: Sequence[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    ids = list(contract_ids)
    for start in range(0, len(ids), 900):
        stmt = (
            select(ContractLine.contract_id, ContractLine.product)
            .where(ContractLine.contract_id.in_(ids[start : start + 900]))
            .order_by(ContractLine.contract_id, ContractLine.position)
        )
        for cid, product in session.execute(stmt):
            out.setdefault(cid, []).append(product)
    return out


# --- receipts --------------------------------------------------------------------------------


def receipt(session: Session, receipt_id: int) -> Receipt | None:
    return session.get(Receipt, receipt_id)


def receipt_rows(
    session: Session,
    client_id: int | None = None,
    contract_id: int | None = None,
    limit: int | None = None,
) -> list[tuple[Receipt, str, str | None]]:
    """(receipt, client name, contract number), newest first."""
    stmt = (
        select(Receipt, Client.name, Contract.number)
        .join(Client, Client.id == Receipt.client_id)
        .outerjoin(Contract, Contract.id == Receipt.contract_id)
    )
    if client_id is not None:
        stmt = stmt.where(Receipt.client_id == client_id)
    if contract_id is not None:
        stmt = stmt.where(Receipt.contract_id == contract_id)
    stmt = stmt.order_by(Receipt.received_on.desc(), Receipt.id.desc()).limit(limit)
    return [tuple(r) for r in session.execute(stmt)]


def stream_receipts(session: Session, after_id: int = 0, client_id: int | None = None):
    """(receipt, client name, contract number) with an id above `after_id` (and of one client
    when `client_id` is given), for the index."""
    stmt = (
        select(Receipt, Client.name, Contract.number)
        .join(Client, Client.id == Receipt.client_id)
        .outerjoin(Contract, Contract.id == Receipt.contract_id)
        .where(Receipt.id > after_id)
    )
    if client_id is not None:
        stmt = stmt.where(Receipt.client_id == client_id)
    # in id order: both back ends index them in the same order, so "newest" means the same
    yield from session.execute(stmt.order_by(Receipt.id).execution_options(yield_per=5000))


def receipt_keys(session: Session) -> set[tuple[int, int | None, date, int]]:
    """(client, contract, date, fen) of every receipt: an import refuses to book one twice."""
    stmt = select(Receipt.client_id, Receipt.contract_id, Receipt.received_on, Receipt.amount_fen)
    return {tuple(r) for r in session.execute(stmt)}


def insert_rows(session: Session, model, rows: Sequence[dict]) -> None:
    """Bulk insert of plain dicts (imports and the demo)."""
    if rows:
        session.execute(insert(model), list(rows))


def max_id_of(session: Session, table: str) -> int:
    model = {"contracts": Contract, "rebates": Rebate, "receipts": Receipt}[table]
    return session.scalar(select(func.coalesce(func.max(model.id), 0)))


def client_facts(session: Session) -> list[tuple[int, str, str, str, date]]:
    """(id, name, owner, tier, created_on) of every client, for the demo."""
    stmt = select(Client.id, Client.name, Client.owner, Client.tier, Client.created_on)
    return [tuple(r) for r in session.execute(stmt.order_by(Client.id))]


# --- plan and actuals -----------------------------------------------------------------------


def targets(session: Session, year: int, month: int) -> list[MonthlyTarget]:
    stmt = select(MonthlyTarget).where(MonthlyTarget.year == year, MonthlyTarget.month == month)
    return list(session.scalars(stmt.order_by(MonthlyTarget.owner)))


def target(session: Session, year: int, month: int, owner: str) -> MonthlyTarget | None:
    stmt = select(MonthlyTarget).where(
        MonthlyTarget.year == year, MonthlyTarget.month == month, MonthlyTarget.owner == owner
    )
    return session.scalar(stmt)


def _day_range(first: date, last: date) -> tuple[datetime, datetime]:
    return datetime.combine(first, time()), datetime.combine(last + timedelta(days=1), time())


def clients_created(session: Session, first: date, last: date) -> list[tuple[str, date, int]]:
    stmt = (
        select(Client.owner, Client.created_on, func.count())
        .where(Client.created_on.between(first, last))
        .group_by(Client.owner, Client.created_on)
    )
    return [tuple(r) for r in session.execute(stmt)]


def visits_made(session: Session, first: date, last: date) -> list[tuple[str, date, int]]:
    start, end = _day_range(first, last)
    day = func.date(Activity.started_at, type_=Date)  # a date on both back ends
    stmt = (
        select(Client.owner, day, func.count())
        .join(Client, Client.id == Activity.client_id)
        .where(Activity.kind == "visit", Activity.started_at >= start, Activity.started_at < end)
        .group_by(Client.owner, day)
    )
    return [(o, d, n) for o, d, n in session.execute(stmt)]


def contracts_signed(
    session: Session, first: date, last: date
) -> list[tuple[str, date, int, int, int]]:
    """(owner, day, contracts, product lines, amount fen)."""
    counts = (
        select(ContractLine.contract_id, func.count().label("n"))
        .group_by(ContractLine.contract_id)
        .subquery()
    )
    stmt = (
        select(
            Contract.owner,
            Contract.signed_on,
            func.count(),
            func.coalesce(func.sum(counts.c.n), 0),
            func.sum(Contract.amount_fen),
        )
        .outerjoin(counts, counts.c.contract_id == Contract.id)
        .where(Contract.signed_on.between(first, last))
        .group_by(Contract.owner, Contract.signed_on)
    )
    return [tuple(r) for r in session.execute(stmt)]


def receipts_received(session: Session, first: date, last: date) -> list[tuple[str, date, int]]:
    stmt = (
        select(Client.owner, Receipt.received_on, func.sum(Receipt.amount_fen))
        .join(Client, Client.id == Receipt.client_id)
        .where(Receipt.received_on.between(first, last))
        .group_by(Client.owner, Receipt.received_on)
    )
    return [tuple(r) for r in session.execute(stmt)]


def owners(session: Session) -> list[str]:
    stmt = select(Client.owner).where(Client.owner != "").distinct().order_by(Client.owner)
    return list(session.scalars(stmt))


# --- rebates ---------------------------------------------------------------------------------


def rebate(session: Session, rebate_id: int) -> Rebate | None:
    return session.get(Rebate, rebate_id)


def rebate_rows(
    session: Session, client_id: int | None = None, status: str | None = None
) -> list[tuple[Rebate, str]]:
    stmt = select(Rebate, Client.name).join(Client, Client.id == Rebate.client_id)
    if client_id is not None:
        stmt = stmt.where(Rebate.client_id == client_id)
    if status:
        stmt = stmt.where(Rebate.status == status)
    return [tuple(r) for r in session.execute(stmt.order_by(Rebate.id.desc()))]


def steps(session: Session, rebate_id: int) -> list[RebateStep]:
    stmt = select(RebateStep).where(RebateStep.rebate_id == rebate_id).order_by(RebateStep.id)
    return list(session.scalars(stmt))


def sales_and_receipts(
    session: Session, client_id: int, first: date, last: date
) -> tuple[int, int]:
    sales = session.scalar(
        select(func.coalesce(func.sum(Contract.amount_fen), 0)).where(
            Contract.client_id == client_id, Contract.signed_on.between(first, last)
        )
    )
    received = session.scalar(
        select(func.coalesce(func.sum(Receipt.amount_fen), 0)).where(
            Receipt.client_id == client_id, Receipt.received_on.between(first, last)
        )
    )
    return int(sales), int(received)


def rebate_for_period(session: Session, client_id: int, first: date, last: date) -> Rebate | None:
    """The client's rebate for exactly this period (there is at most one)."""
    stmt = select(Rebate).where(
        Rebate.client_id == client_id, Rebate.period_start == first, Rebate.period_end == last
    )
    return session.scalar(stmt)


def stream_rebates(session: Session, client_id: int | None = None):
    """(rebate, client name), only one client's when `client_id` is given."""
    stmt = select(Rebate, Client.name).join(Client, Client.id == Rebate.client_id)
    if client_id is not None:
        stmt = stmt.where(Rebate.client_id == client_id)
    # in id order: both back ends index them in the same order, so "newest" means the same
    yield from session.execute(stmt.order_by(Rebate.id).execution_options(yield_per=5000))


def tier_changes(session: Session, first: date, last: date) -> list[tuple[ClientTierChange, str]]:
    stmt = (
        select(ClientTierChange, Client.name)
        .join(Client, Client.id == ClientTierChange.client_id)
        .where(ClientTierChange.changed_on.between(first, last))
        .order_by(ClientTierChange.changed_on)
    )
    return [tuple(r) for r in session.execute(stmt)]

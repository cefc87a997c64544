"""The annual plan, its months (monthly_targets.receipts_fen) and the sales forecast
(migration 0017), and the pipeline a forecast is suggested from."""

from __future__ import annotations

from datetime import date

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from app.db.models import AnnualPlan, Client, MonthlyTarget, Receipt, SalesForecast, Tender


def annual_plans(session: Session, year: int) -> list[AnnualPlan]:
    stmt = select(AnnualPlan).where(AnnualPlan.year == year).order_by(AnnualPlan.owner)
    return list(session.scalars(stmt))


def annual_plan(session: Session, year: int, owner: str) -> AnnualPlan | None:
    stmt = select(AnnualPlan).where(AnnualPlan.year == year, AnnualPlan.owner == owner)
    return session.scalar(stmt)


def month_rows(session: Session, year: int, owner: str | None = None) -> list[MonthlyTarget]:
    """The monthly targets of a year (of one owner when given)."""
    stmt = select(MonthlyTarget).where(MonthlyTarget.year == year)
    if owner is not None:
        stmt = stmt.where(MonthlyTarget.owner == owner)
    return list(session.scalars(stmt.order_by(MonthlyTarget.owner, MonthlyTarget.month)))


def receipts_by_month(session: Session, year: int) -> list[tuple[str, int, int]]:
    """(client's account manager, month, fen) of a year's receipts."""
    month = extract("month", Receipt.received_on)
    stmt = (
        select(Client.owner, month, func.sum(Receipt.amount_fen))
        .join(Client, Client.id == Receipt.client_id)
        .where(Receipt.received_on.between(date(year, 1, 1), date(year, 12, 31)))
        .group_by(Client.owner, month)
    )
    return [(o, int(m), int(fen)) for o, m, fen in session.execute(stmt)]


def forecasts(session: Session, first: date, last: date) -> list[SalesForecast]:
    """Forecast figures of the months from `first` to `last` (both month starts)."""
    start, end = first.year * 12 + first.month, last.year * 12 + last.month
    index = SalesForecast.year * 12 + SalesForecast.month
    stmt = select(SalesForecast).where(index >= start, index <= end)
    return list(session.scalars(stmt.order_by(SalesForecast.owner, index)))


def forecast(session: Session, owner: str, year: int, month: int) -> SalesForecast | None:
    stmt = select(SalesForecast).where(
        SalesForecast.owner == owner, SalesForecast.year == year, SalesForecast.month == month
    )
    return session.scalar(stmt)


def open_tenders(session: Session, statuses: list[str]) -> list[tuple]:
    """(id, title, client, owner, status, budget fen, ceiling fen, award notice, evaluation,
    bid deadline, contract signed on) of the tenders at the given stages."""
    stmt = (
        select(
            Tender.id,
            Tender.title,
            Client.name,
            Client.owner,
            Tender.status,
            Tender.budget_fen,
            Tender.ceiling_fen,
            Tender.award_notice_on,
            Tender.evaluation_on,
            Tender.bid_deadline,
            Tender.contract_signed_on,
        )
        .join(Client, Client.id == Tender.client_id)
        .where(Tender.status.in_(statuses))
        .order_by(Tender.id)
    )
    return [tuple(r) for r in session.execute(stmt)]

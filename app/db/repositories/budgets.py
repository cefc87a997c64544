"""费用预算 rows, and what was spent: activity expenses per client owner and activity kind.

What the reports read (`amounts`, `spent`) runs on a session or on a plain sqlite3 reader
(app.db.plain_session); the ORM, for the budgets' own editing, is imported when first used."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.db import dialects

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.db.models import Budget


def find(session: Session, month: str, owner: str, kind: str) -> Budget | None:
    from sqlalchemy import select

    from app.db.models import Budget

    stmt = select(Budget).where(Budget.month == month, Budget.owner == owner, Budget.kind == kind)
    return session.scalars(stmt).first()


def in_months(session: Session, first: str, last: str, owner: str | None = None) -> list[Budget]:
    """Budgets of the months first..last ('YYYY-MM', both included), by month, owner, kind."""
    from sqlalchemy import select

    from app.db.models import Budget

    stmt = select(Budget).where(Budget.month >= first, Budget.month <= last)
    if owner is not None:
        stmt = stmt.where(Budget.owner == owner)
    return list(session.scalars(stmt.order_by(Budget.month, Budget.owner, Budget.kind)))


def amounts(reader, first: str, last: str) -> list[tuple[str, str, int]]:
    """(owner, kind, amount fen) of the budgets of the months first..last ('YYYY-MM', both
    included), by month, owner, kind."""
    found = dialects.rows(
        reader,
        "SELECT owner, kind, amount_fen FROM budgets WHERE month >= :a AND month <= :b"
        " ORDER BY month, owner, kind",
        a=first,
        b=last,
    )
    return [(owner, kind, int(fen)) for owner, kind, fen in found]


def spent(reader, first: date, last: date) -> list[tuple[str, str, int]]:
    """(client owner, activity kind, expense fen) of activities started first..last; the
    activities' covering index (started_at, client_id, kind, closed_on, expense_fen) is read and
    summed per client and kind first, so each client's owner is looked up once instead of once
    per activity (on the 1,000,000-activity archive 210 -> 125 ms CPU for a month)."""
    rows = dialects.rows(
        reader,
        "SELECT c.owner, a.kind, sum(a.e) FROM ("
        "  SELECT client_id, kind, sum(expense_fen) AS e FROM activities"
        "  WHERE started_at >= :a AND started_at < :b AND expense_fen <> 0"
        "  GROUP BY client_id, kind"
        " ) a JOIN clients c ON c.id = a.client_id"
        " GROUP BY c.owner, a.kind",
        a=first.isoformat(),
        b=(last + timedelta(days=1)).isoformat(),
    )
    return [(r[0] or "", r[1], int(r[2])) for r in rows]

"""Each client's open receivables as of a day, worked out inside the database: the open items
of app.db.repositories.analysis (receipts booked to a contract pay it; receipts without a
contract and any overpayment pay the oldest due contracts first, as
app.domain.plans.allocate_receipts does) and the credit a client has left when it paid more
than everything it signed. On a plain sqlite3 reader (a command reading an archive file) or a
session; the 100,000-client archive's receivables take one query instead of reading every
contract and receipt into Python (issue 11)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from app.db import dialects
from app.db.repositories.analysis import open_items_sql

if TYPE_CHECKING:  # a SQLAlchemy session, or a PlainSession (app.db.plain_session)
    from sqlalchemy.orm import Session

# The credit left per client: what it paid beyond everything it owes (credit less its open rests).
_SPARE = (
    ", owed AS (SELECT client_id, sum(rest) AS r FROM due"
    "  WHERE client_id IN (SELECT client_id FROM credit) GROUP BY client_id),"
    " spare AS (SELECT credit.client_id, credit.credit - coalesce(owed.r, 0) AS f"
    "  FROM credit LEFT JOIN owed ON owed.client_id = credit.client_id)"
)
_ROWS = (
    " SELECT i.client_id, c.name, c.owner, k.id, k.number, k.signed_on, k.payment_days, i.open_fen"
    " FROM items i JOIN contracts k ON k.id = i.id LEFT JOIN clients c ON c.id = i.client_id"
    " WHERE i.open_fen > 0"
    " UNION ALL SELECT s.client_id, c.name, c.owner, NULL, NULL, NULL, NULL, s.f"
    " FROM spare s LEFT JOIN clients c ON c.id = s.client_id WHERE s.f > 0"
)


def open_items(session: Session, as_of: date, client_id: int | None = None) -> list[tuple]:
    """(client id, client name, owner, contract id, contract number, signed on, payment days,
    open fen) for every contract signed by `as_of` with something still open on it, and
    (client id, name, owner, None, None, None, None, credit fen) for every client that paid
    more than it owes; only `client_id`'s when given. Receipts count up to `as_of` included."""
    one = client_id is not None
    params: dict[str, object] = {"asof": as_of}
    if one:
        params["client"] = client_id
    sql = open_items_sql(dialects.of(session), one_client=one) + _SPARE + _ROWS
    return dialects.rows(session, sql, **params)

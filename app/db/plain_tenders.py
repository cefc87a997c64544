"""The tender register read from an archive file's plain sqlite3 connection (app.db.file_reader):
the same query as app.db.repositories.tenders.list_rows makes on SQLite, for `tender list`, which
starts without SQLAlchemy (issue 11)."""

from __future__ import annotations

from types import SimpleNamespace

from app.db.list_filters import TenderFilter
from app.db.plain_activities import stored_datetime
from app.db.plain_values import as_datetime, placeholders, record, text

COLUMNS = (
    "id", "title", "number", "client_id", "method", "status", "budget_fen", "bid_deadline",
    "our_price_fen", "winning_price_fen", "version",
)  # fmt: skip
TYPES = {"bid_deadline": as_datetime}


def _where(flt: TenderFilter) -> tuple[str, list[object]]:
    terms: list[str] = []
    params: list[object] = []
    if flt.statuses:
        terms.append(f"tenders.status IN ({placeholders(len(flt.statuses))})")
        params += [text(str(s)) for s in flt.statuses]
    if flt.methods:
        terms.append(f"tenders.method IN ({placeholders(len(flt.methods))})")
        params += [text(str(m)) for m in flt.methods]
    if flt.client_id is not None:
        terms.append("tenders.client_id = ?")
        params.append(flt.client_id)
    if flt.text:
        like = f"%{text(flt.text)}%"
        terms.append("(tenders.title LIKE ? OR tenders.number LIKE ? OR clients.name LIKE ?)")
        params += [like, like, like]
    if flt.deadline_from:
        terms.append("tenders.bid_deadline >= ?")
        params.append(stored_datetime(flt.deadline_from))
    if flt.deadline_to:
        terms.append("tenders.bid_deadline < ?")
        params.append(stored_datetime(flt.deadline_to))
    return (f" WHERE {' AND '.join(terms)}" if terms else ""), params


def list_rows(connection, flt: TenderFilter) -> list[tuple[SimpleNamespace, str]]:
    """(tender, its purchaser's name), latest bid deadline first, those without one last (the
    repository's list_rows)."""
    where, params = _where(flt)
    columns = ", ".join(f"tenders.{c}" for c in COLUMNS)
    sql = (
        f"SELECT {columns}, clients.name FROM tenders"
        f" JOIN clients ON clients.id = tenders.client_id{where}"
        " ORDER BY tenders.bid_deadline DESC NULLS LAST, tenders.id DESC"
    )
    return [(record(r[:-1], COLUMNS, TYPES), r[-1]) for r in connection.execute(sql, params)]

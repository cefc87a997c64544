"""The letters register (收文 and 发文) read from an archive file's plain sqlite3 connection
(app.db.file_reader): the same query as app.db.repositories.letters.list_rows makes on SQLite,
for `letters list`, which starts without SQLAlchemy (issue 11)."""

from __future__ import annotations

from types import SimpleNamespace

from app.db.list_filters import LetterFilter
from app.db.plain_values import as_date, as_datetime, placeholders, record, text

COLUMNS = (
    "id", "direction", "number", "dated_on", "counterpart", "their_number", "title", "copies",
    "handler", "status", "reply_due", "archived_on", "notes", "client_id", "document_id",
    "created_at", "reply_to_id", "version",
)  # fmt: skip
TYPES = {
    "dated_on": as_date,
    "reply_due": as_date,
    "archived_on": as_date,
    "created_at": as_datetime,
}


def _where(flt: LetterFilter, closed: set[str]) -> tuple[str, list[object]]:
    terms: list[str] = []
    params: list[object] = []
    if flt.direction:
        terms.append("letters.direction = ?")
        params.append(text(str(flt.direction)))
    if flt.client_id is not None:
        terms.append("letters.client_id = ?")
        params.append(flt.client_id)
    if flt.statuses:
        terms.append(f"letters.status IN ({placeholders(len(flt.statuses))})")
        params += [text(str(s)) for s in flt.statuses]
    if flt.text:
        like = f"%{text(flt.text)}%"
        columns = ("title", "number", "counterpart", "their_number")
        terms.append("(" + " OR ".join(f"letters.{c} LIKE ?" for c in columns) + ")")
        params += [like] * len(columns)
    if flt.date_from:
        terms.append("letters.dated_on >= ?")
        params.append(flt.date_from.isoformat())
    if flt.date_to:
        terms.append("letters.dated_on <= ?")
        params.append(flt.date_to.isoformat())
    if flt.reply_due_before:
        terms.append("letters.reply_due IS NOT NULL AND letters.reply_due < ?")
        params.append(flt.reply_due_before.isoformat())
        terms.append(f"(letters.status NOT IN ({placeholders(len(closed))}))")
        params += sorted(closed)
    return (f" WHERE {' AND '.join(terms)}" if terms else ""), params


def list_rows(
    connection, flt: LetterFilter, done_status: str | frozenset[str]
) -> list[tuple[SimpleNamespace, str | None]]:
    """(letter, client name or None), newest first (the repository's list_rows)."""
    closed = {done_status} if isinstance(done_status, str) else set(done_status)
    where, params = _where(flt, closed)
    columns = ", ".join(f"letters.{c}" for c in COLUMNS)
    sql = (
        f"SELECT {columns}, clients.name FROM letters"
        f" LEFT OUTER JOIN clients ON clients.id = letters.client_id{where}"
        " ORDER BY letters.dated_on DESC, letters.id DESC"
    )
    return [(record(r[:-1], COLUMNS, TYPES), r[-1]) for r in connection.execute(sql, params)]

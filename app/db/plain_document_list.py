"""The document list read from an archive file's plain sqlite3 connection (app.db.file_reader):
the same query as app.db.repositories.documents.list_rows makes on SQLite, for `documents list`,
which starts without SQLAlchemy (issue 11)."""

from __future__ import annotations

from types import SimpleNamespace

from app.db.list_filters import DocumentFilter
from app.db.plain_values import as_date, as_datetime, placeholders, record, text

COLUMNS = ("id", "kind", "title", "client_id", "status", "doc_number", "issued_on", "updated_at")
TYPES = {"issued_on": as_date, "updated_at": as_datetime}


def _where(flt: DocumentFilter) -> tuple[str, list[object]]:
    terms: list[str] = []
    params: list[object] = []
    if flt.statuses:
        terms.append(f"documents.status IN ({placeholders(len(flt.statuses))})")
        params += [text(str(s)) for s in flt.statuses]
    if flt.kinds:
        terms.append(f"documents.kind IN ({placeholders(len(flt.kinds))})")
        params += [text(str(k)) for k in flt.kinds]
    if flt.client_id is not None:
        terms.append("documents.client_id = ?")
        params.append(flt.client_id)
    if flt.text:
        like = f"%{text(flt.text)}%"
        terms.append(
            "(documents.title LIKE ? OR documents.doc_number LIKE ? OR clients.name LIKE ?)"
        )
        params += [like, like, like]
    return (f" WHERE {' AND '.join(terms)}" if terms else ""), params


def list_rows(connection, flt: DocumentFilter) -> list[tuple[SimpleNamespace, str | None]]:
    """(document, client name or None), last changed first (the repository's list_rows)."""
    where, params = _where(flt)
    columns = ", ".join(f"documents.{c}" for c in COLUMNS)
    sql = (
        f"SELECT {columns}, clients.name FROM documents"
        f" LEFT OUTER JOIN clients ON clients.id = documents.client_id{where}"
        " ORDER BY documents.updated_at DESC, documents.id DESC"
    )
    return [(record(r[:-1], COLUMNS, TYPES), r[-1]) for r in connection.execute(sql, params)]

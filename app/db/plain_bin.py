"""The recycle bin's list read from an archive file's plain sqlite3 connection
(app.db.file_reader): the same query as app.db.repositories.recycle_bin.item_rows makes on
SQLite, for `bin list`, which starts without SQLAlchemy (issue 11)."""

from __future__ import annotations

from app.db.plain_values import as_datetime


def item_rows(connection, kind: str | None = None) -> list[tuple]:
    """(id, kind, record_id, title, deleted_at, deleted_by), newest first, without payloads."""
    where, params = ("", []) if kind is None else (" WHERE kind = ?", [kind])
    sql = (
        "SELECT id, kind, record_id, title, deleted_at, deleted_by FROM recycle_bin"
        f"{where} ORDER BY deleted_at DESC, id DESC"
    )
    return [(*r[:4], as_datetime(r[4]), r[5]) for r in connection.execute(sql, params)]

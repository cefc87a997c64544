"""A record's attachments read from an archive file's plain sqlite3 connection
(app.db.file_reader): the repository's for_owner, for the `attachments` command that starts
without SQLAlchemy (issue 11)."""

from __future__ import annotations

from types import SimpleNamespace

from app.db.plain_values import as_datetime

COLUMNS = ("id", "owner_kind", "owner_id", "sha256", "original_name", "size", "added_at")
# the tables of the records a command lists attachments of
OWNER_TABLES = {"client": "clients", "activity": "activities"}


def for_owner(connection, owner_kind: str, owner_id: int) -> list[SimpleNamespace]:
    """The owner's attachments, oldest first, read by attribute like the model's objects."""
    sql = (
        f"SELECT {', '.join(COLUMNS)} FROM attachments WHERE owner_kind = ? AND owner_id = ?"
        " ORDER BY added_at, id"
    )
    found = []
    for row in connection.execute(sql, (owner_kind, owner_id)):
        values = dict(zip(COLUMNS, row, strict=True))
        values["added_at"] = as_datetime(values["added_at"])
        found.append(SimpleNamespace(**values))
    return found


def record_exists(connection, owner_kind: str, owner_id: int) -> bool:
    """Whether the client or activity of that id is in its table (not deleted)."""
    sql = f"SELECT 1 FROM {OWNER_TABLES[owner_kind]} WHERE id = ?"
    return connection.execute(sql, (owner_id,)).fetchone() is not None

"""Settings read from an archive file's plain sqlite3 connection (app.db.file_reader): the
repository's get_prefix and get under the names the read services call
(app.services.readers.reader)."""

from __future__ import annotations

from app.db.repositories.settings import _decoded
from app.db.repositories.settings import get_prefix_plain as get_prefix

__all__ = ["get", "get_prefix"]


def get(connection, key: str, default: object = None) -> object:
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return default if row is None else _decoded(row[0])

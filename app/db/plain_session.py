"""A read-only sqlite3 connection that the hand-written aggregate queries use as they use a
SQLAlchemy session (app.db.dialects.rows): a command that only reads an archive file (the
大客户月报) works it out without importing SQLAlchemy or the ORM models (issue 11: 0.25-0.35 s of
a one-second command).

Each `plain_session` is a connection of its own, so that queries run side by side on threads
(SQLite lets go of the interpreter while it runs one); its failures reach the caller as the
ArchiveError they mean, as a session's do."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from app.db import cipher
from app.db.dialects import SQLITE
from app.db.file_reader import meaning_of, prepare_read_only, read_only_connector


class PlainSession:
    """What app.db.dialects.rows needs of a reader: its dialect and rows for :name parameters."""

    dialect_name = SQLITE

    def __init__(self, connection) -> None:
        self._connection = connection

    def rows(self, sql: str, params: Mapping[str, object]) -> list[tuple]:
        return [tuple(r) for r in self._connection.execute(sql, dict(params))]


@contextmanager
def plain_session(path: Path) -> Iterator[PlainSession]:
    """A read-only reader of the archive file at `path` (an encrypted one with the key it was
    unlocked with in this process), closed when the block ends."""
    path = Path(path)
    connection = None
    try:
        connection = read_only_connector(path, cipher.key_for(path))()
        prepare_read_only(connection)
        yield PlainSession(connection)
    except cipher.database_errors() as exc:
        meaning = meaning_of(str(exc), path, read_only=True)
        if meaning is None:
            raise
        raise meaning from exc
    finally:
        if connection is not None:
            connection.close()

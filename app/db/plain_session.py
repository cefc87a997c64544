"""A read-only sqlite3 connection that the hand-written aggregate queries use as they use a
SQLAlchemy session (app.db.dialects.rows): a command that only reads an archive file (the
大客户月报) works it out without importing SQLAlchemy or the ORM models (issue 11: 0.25-0.35 s of
a one-second command).

It wraps a connection of app.db.file_reader.PlainReader, which gives each thread reading at
once a connection of its own, so that queries run side by side on threads (SQLite lets go of
the interpreter while it runs one), and turns SQLite's failures into the ArchiveError they mean,
as a session's do."""

from __future__ import annotations

from collections.abc import Mapping

from app.db.dialects import SQLITE


class PlainSession:
    """What app.db.dialects.rows needs of a reader: its dialect and rows for :name parameters."""

    dialect_name = SQLITE

    def __init__(self, connection) -> None:
        self._connection = connection

    def rows(self, sql: str, params: Mapping[str, object]) -> list[tuple]:
        return [tuple(r) for r in self._connection.execute(sql, dict(params))]

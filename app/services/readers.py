"""A reader for the hand-written aggregate queries (app.db.dialects.rows): a plain sqlite3
connection for an archive file opened read-only whose SQLAlchemy engine is not made yet (what a
command that only reads opens), else a read session. A command printing the 大客户月报 thus
never imports SQLAlchemy or the ORM models (issue 11)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from app.services.archive import Archive


@contextmanager
def reading(archive: Archive) -> Iterator[object]:
    """A reader of its own (queries on several threads each take one: the plain reader gives
    each thread reading at once a connection of its own)."""
    plain = archive.plain()
    if plain is not None:
        from app.db.plain_session import PlainSession

        with plain.connection() as connection:
            yield PlainSession(connection)
        return
    with archive.db.read() as session:
        yield session

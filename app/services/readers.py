"""Which reader a read service uses (issue 11): on an archive file opened read-only whose
SQLAlchemy engine is not made yet (what a command that only reads opens) a plain sqlite3
connection, else a read session. `reader` gives the plain module (app.db.plain_*) or the
repository with the same functions, so each service says once what it reads with; `reading`
gives a reader for the hand-written aggregate queries (app.db.dialects.rows). A command that
only looks at an archive file thus never imports SQLAlchemy or the ORM models."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

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


@contextmanager
def reader(
    archive: Archive, plain: ModuleType, repository: str, *, plain_ok: bool = True
) -> Iterator[tuple[ModuleType, object]]:
    """The one choice every read service makes (issue 11): on an archive file opened read-only
    the plain module `plain` (app.db.plain_*) and a sqlite3 connection, otherwise the repository
    app.db.repositories.<repository> and a read session; both modules have the same functions
    giving the same rows, so the service calls `module.f(reader, ...)` once. `plain_ok=False`
    takes the session whatever the archive (a read the plain module does not serve)."""
    found = archive.plain() if plain_ok else None
    if found is not None:
        with found.connection() as connection:
            yield plain, connection
        return
    repo = importlib.import_module(f"app.db.repositories.{repository}")
    with archive.db.read() as session:
        yield repo, session

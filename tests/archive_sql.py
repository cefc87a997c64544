"""SQL run straight on a test's archive, whichever back end it is on (issue 14): through the
archive's own engine, so the same helper reads an archive file and a team archive. `?`
placeholders are written as SQLAlchemy's named ones (:p0, :p1, ...)."""

from __future__ import annotations

import re

from sqlalchemy import text


def _named(sql: str, params: tuple) -> tuple[str, dict]:
    names = iter(range(len(params)))
    return re.sub(r"\?", lambda _m: f":p{next(names)}", sql), {
        f"p{i}": v for i, v in enumerate(params)
    }


def rows(archive, sql: str, *params) -> list[tuple]:
    statement, bound = _named(sql, params)
    with archive.db.read() as session:
        return [tuple(r) for r in session.execute(text(statement), bound)]


def scalar(archive, sql: str, *params):
    found = rows(archive, sql, *params)
    return found[0][0] if found else None


def execute(archive, sql: str, *params) -> None:
    """A statement that changes the archive, committed."""
    statement, bound = _named(sql, params)
    with archive.db.session() as session:
        session.execute(text(statement), bound)

"""The few SQL spellings SQLite and PostgreSQL do not share, for the hand-written aggregate
queries (app.db.repositories.analysis, app.db.bulk).

On SQLite dates are ISO text ('YYYY-MM-DD', datetimes 'YYYY-MM-DD HH:MM:SS[.ffffff]'); on
PostgreSQL they are real date and timestamp columns. Each helper returns a SQL fragment for
one dialect; `Dialect.bind` puts Python dates into the form the dialect compares them in, and
`Dialect.plain` turns PostgreSQL's numeric sums (Decimal) back into the integers (fen) and
floats SQLite returns."""

from __future__ import annotations

from sqlalchemy import String, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql import coercions, roles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

# the spellings themselves need no SQLAlchemy: a plain sqlite3 reader uses them too
from app.db.dialects import POSTGRESQL, SQLITE, Dialect  # noqa: F401


def of(session: Session) -> Dialect:
    return Dialect(session.get_bind().dialect.name)


def rows(session: Session, sql: str, **params) -> list[tuple]:
    """The rows of a hand-written query, parameters bound and results made plain."""
    dialect = of(session)
    return dialect.plain(session.execute(text(sql), dialect.bind(params)))


def sync_sequence(session: Session, table: str, column: str = "id") -> None:
    """After rows were inserted with explicit ids, moves PostgreSQL's sequence past the largest,
    so that the next record never collides (SQLite's AUTOINCREMENT follows by itself)."""
    if not of(session).server:
        return
    session.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
            f" coalesce(max({column}), 0) + 1, false) FROM {table}"
        )
    )


class _LikeAnyCase(ColumnElement):
    """`column LIKE pattern`, ASCII letters matched in any case on both back ends: SQLite's LIKE
    already does (its SQL is left exactly as it was, so its plans do not change), PostgreSQL's
    is ILIKE."""

    inherit_cache = True
    _traverse_internals = [
        ("column", InternalTraversal.dp_clauseelement),
        ("pattern", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, column, pattern) -> None:
        self.column = column
        self.pattern = coercions.expect(roles.ExpressionElementRole, pattern, type_=String())


@compiles(_LikeAnyCase)
def _like_default(element, compiler, **kw):
    return compiler.process(element.column.like(element.pattern), **kw)


@compiles(_LikeAnyCase, "postgresql")
def _like_postgresql(element, compiler, **kw):
    return compiler.process(element.column.ilike(element.pattern), **kw)


def like_any_case(column, pattern: str) -> ColumnElement:
    """A filter's text match, case-blind for Latin letters as SQLite's LIKE always was."""
    return _LikeAnyCase(column, pattern)

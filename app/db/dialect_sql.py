"""The few SQL spellings SQLite and PostgreSQL do not share, for the hand-written aggregate
queries (app.db.repositories.analysis, app.db.bulk).

On SQLite dates are ISO text ('YYYY-MM-DD', datetimes 'YYYY-MM-DD HH:MM:SS[.ffffff]'); on
PostgreSQL they are real date and timestamp columns. Each helper returns a SQL fragment for
one dialect; `Dialect.bind` puts Python dates into the form the dialect compares them in, and
`Dialect.plain` turns PostgreSQL's numeric sums (Decimal) back into the integers (fen) and
floats SQLite returns."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import String, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql import coercions, roles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

SQLITE = "sqlite"
POSTGRESQL = "postgresql"


@dataclass(frozen=True)
class Dialect:
    name: str

    @property
    def server(self) -> bool:
        return self.name == POSTGRESQL

    def date_of(self, expr: str) -> str:
        """The calendar day of a datetime (or date) expression."""
        return f"CAST({expr} AS date)" if self.server else f"date({expr})"

    def day_number(self, expr: str) -> str:
        """A whole number of days for a date, so that differences are days (SQLite: the Julian
        day, PostgreSQL: days since 1970-01-01)."""
        if self.server:
            return f"(CAST({expr} AS date) - DATE '1970-01-01')"
        return f"julianday({expr})"

    def month_of(self, expr: str) -> str:
        """'YYYY-MM' of a date expression."""
        return f"to_char({expr}, 'YYYY-MM')" if self.server else f"substr({expr}, 1, 7)"

    def greatest(self, *exprs: str) -> str:
        return f"{'greatest' if self.server else 'max'}({', '.join(exprs)})"

    def least(self, *exprs: str) -> str:
        return f"{'least' if self.server else 'min'}({', '.join(exprs)})"

    def no_index(self, expr: str) -> str:
        """`expr`, written so SQLite's planner does not use an index on it (a unary plus);
        PostgreSQL's planner chooses by its statistics and takes the column as it is."""
        return expr if self.server else f"+{expr}"

    @property
    def unlimited(self) -> int | None:
        """A LIMIT parameter that limits nothing."""
        return None if self.server else -1

    def limit(self, value: int | None) -> int | None:
        return self.unlimited if value is None or value < 0 else value

    def bind(self, params: Mapping[str, object]) -> dict[str, object]:
        """The parameters with dates as the dialect stores them (ISO text on SQLite)."""
        if self.server:
            return dict(params)
        return {k: _iso(v) for k, v in params.items()}

    def plain(self, rows: Iterable) -> list[tuple]:
        """The rows as tuples, PostgreSQL's numeric results as int (or float when fractional)."""
        if not self.server:
            return [tuple(r) for r in rows]
        return [tuple(_plain(v) for v in r) for r in rows]


def _iso(value: object) -> object:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


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

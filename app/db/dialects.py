"""The few SQL spellings SQLite and PostgreSQL do not share (see app.db.dialect_sql), without
SQLAlchemy: the hand-written aggregate queries run on a SQLAlchemy session or, for a command that
only reads an archive file, on a plain sqlite3 connection (app.db.plain_session), which spares
the command SQLAlchemy's import (issue 11).

`rows(reader, sql, **params)` runs a query with :name parameters on either: a reader with
`dialect_name` and `rows(sql, params)` (a PlainSession) or a SQLAlchemy session."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

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


def of(reader) -> Dialect:
    """The dialect of a PlainSession or of a SQLAlchemy session."""
    name = getattr(reader, "dialect_name", None)
    return Dialect(name if name is not None else reader.get_bind().dialect.name)


def rows(reader, sql: str, **params) -> list[tuple]:
    """The rows of a hand-written query, parameters bound and results made plain."""
    dialect = of(reader)
    bound = dialect.bind(params)
    if getattr(reader, "dialect_name", None) is None:
        from sqlalchemy import text  # a SQLAlchemy session: SQLAlchemy is loaded already

        return dialect.plain(reader.execute(text(sql), bound))
    return dialect.plain(reader.rows(sql, bound))

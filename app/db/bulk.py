"""Bulk writers for large generated or imported data sets (the demo archive).

Rows are plain tuples in a declared column order, written with SQLite's executemany or
PostgreSQL's COPY: no ORM objects, no per-row statements. Values must already be in the forms the
ORM stores on SQLite (dates 'YYYY-MM-DD', datetimes 'YYYY-MM-DD HH:MM:SS.ffffff', booleans 0/1),
which `sql_date` and `sql_datetime` produce; PostgreSQL reads the same text into its date,
timestamp and boolean columns. Rows written with their ids move PostgreSQL's sequence past
them."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import dialect_sql
from app.db.models import Base

FETCH_BATCH = 20_000


def id_array(session: Session, stmt) -> array:
    """The ids `stmt` selects (its first column), in order, as 8-byte integers read from the
    driver's cursor a batch at a time: no per-row Row objects and no list of int objects
    (1,000,000 activity ids: 3.8 s and +203 MB through the ORM's scalars; an array holds them
    in 8 MB)."""
    result = session.connection().execute(stmt)
    ids = array("q")
    try:
        cursor = result.cursor
        while batch := cursor.fetchmany(FETCH_BATCH):
            ids.extend(row[0] for row in batch)
    finally:
        result.close()
    return ids


def sql_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def sql_datetime(value: datetime | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _check_columns(table: str, columns: Sequence[str]) -> None:
    known = Base.metadata.tables.get(table)
    if known is None:
        raise ValueError(f"unknown table {table!r}")
    unknown = set(columns) - set(known.columns.keys())
    if unknown:
        raise ValueError(f"unknown columns of {table}: {sorted(unknown)}")


def insert_rows(
    session: Session, table: str, columns: Sequence[str], rows: Iterable[Sequence]
) -> int:
    """Inserts the rows in the session's transaction; returns how many."""
    _check_columns(table, columns)
    rows = list(rows)
    if not rows:
        return 0
    raw = session.connection().connection.driver_connection
    if dialect_sql.of(session).server:
        _copy_rows(raw, table, columns, rows)
        if "id" in columns:
            dialect_sql.sync_sequence(session, table)
        return len(rows)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    raw.executemany(sql, rows)
    return len(rows)


def _copy_rows(raw, table: str, columns: Sequence[str], rows: list[Sequence]) -> None:
    """PostgreSQL's COPY in text form: each value is read as its column's type reads text."""
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with raw.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([None if v is None else str(v) for v in row])


def stream_rows(session: Session, sql: str, batch: int = 5000):
    """The rows of `sql` (no parameters), a batch at a time from the driver's cursor."""
    result = session.connection().execute(text(sql))
    try:
        cursor = result.cursor
        while chunk := cursor.fetchmany(batch):
            yield from chunk
    finally:
        result.close()


def table_is_empty(session: Session, table: str) -> bool:
    _check_columns(table, ())
    return session.execute(text(f"SELECT 1 FROM {table} LIMIT 1")).first() is None


def row_count(session: Session, table: str) -> int:
    _check_columns(table, ())
    return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def fill_last_visit(session: Session, visit_kind: str) -> None:
    """Sets every client's last_visit_on from its activities in one statement."""
    session.execute(
        text(
            "UPDATE clients SET last_visit_on = ("
            f" SELECT {dialect_sql.of(session).date_of('max(a.started_at)')} FROM activities a"
            " WHERE a.client_id = clients.id AND a.kind = :kind)"
        ),
        {"kind": visit_kind},
    )


def analyze(session: Session) -> None:
    """Refreshes the planner's statistics after a large load (SQLite's ANALYZE)."""
    session.execute(text("ANALYZE"))

"""Keyset paging for the long lists (issue 11): a window of rows after the last row shown,
ordered by the list's sort column and then the id, instead of every id of the answer.

Ascending lists put the empty values (NULL) first, descending ones last, on SQLite and on
PostgreSQL alike (SQLite's own order; PostgreSQL is told so). The row after a key is found by
comparisons an index on the sort column can serve: `col <= v AND (col < v OR id < last_id)`.
A key is `(value of the sort column, id)` of the last row of the previous window."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import ColumnElement

Key = tuple[Any, int]


def order_by(column: Any, row_id: Any, descending: bool, nullable: bool) -> list[Any]:
    """ORDER BY terms: the sort column (NULLs first ascending, last descending), then the id."""
    if descending:
        first = column.desc().nulls_last() if nullable else column.desc()
        return [first, row_id.desc()]
    first = column.asc().nulls_first() if nullable else column.asc()
    return [first, row_id.asc()]


def after(
    column: Any, row_id: Any, key: Key, descending: bool, nullable: bool
) -> ColumnElement[bool]:
    """The rows that come after `key` in the order of `order_by`."""
    value, last_id = key
    if value is None:  # among the NULLs: ascending they come first, descending last
        same = and_(column.is_(None), row_id < last_id if descending else row_id > last_id)
        return same if descending else or_(same, column.is_not(None))
    if descending:
        later = and_(column <= value, or_(column < value, row_id < last_id))
        return or_(later, column.is_(None)) if nullable else later
    return and_(column >= value, or_(column > value, row_id > last_id))

"""A column's value as JSON holds it, and back: dates and times as ISO text, Decimal as text.
Used wherever rows are kept as JSON (the recycle bin's items, an offline copy's base values)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Column, Date, DateTime, Numeric


def plain(value: object) -> object:
    """A value as JSON holds it (dates as ISO text)."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def typed(column: Column, value: object) -> object:
    """A JSON value back as the column's Python value."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(str(value))
    if isinstance(kind, Date):
        return date.fromisoformat(str(value)[:10])
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, Numeric):
        return Decimal(str(value))
    return value

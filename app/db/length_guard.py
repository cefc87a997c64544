"""No text longer than its column reaches the database (issue 14: PostgreSQL refuses a
varchar(30) value of 31 characters with a raw error; SQLite stores it, and the laptop archive
then cannot be pushed to the team's). The services check the fields a person types with their
own limits; this guard refuses whatever slipped past them (a 回款方式 of 40 characters) as a
ValidationError naming the field as the form names it (app.db.column_fields: a receipt's
`method` is 回款方式), the same on both back ends, before anything is written."""

from __future__ import annotations

from functools import cache

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from app.db.column_fields import field_of
from app.domain.errors import ValidationError


def guard_sessions(sessions: sessionmaker) -> None:
    """Rows written by the units of work of `sessions` fit their columns."""
    event.listen(sessions, "before_flush", _rows_fit)


@cache
def _limits(cls: type) -> tuple[tuple[str, int, str], ...]:
    """(attribute, length, field) of the class's text columns whose length PostgreSQL holds
    them to: a derived key (pinyin initials, sort keys) is unbounded text there, and any
    length of it is kept (models._derived)."""
    from sqlalchemy.dialects import postgresql

    server = postgresql.dialect()
    mapper = inspect(cls)
    out = []
    for attribute in mapper.column_attrs:
        for column in attribute.columns:
            kept_to = column.type.dialect_impl(server)
            if isinstance(kept_to, String) and kept_to.length:
                field = field_of(mapper.local_table.name, attribute.key)
                out.append((attribute.key, column.type.length, field))
    return tuple(out)


def _rows_fit(session: Session, _context, _instances) -> None:
    for obj in (*session.new, *session.dirty):
        loaded = inspect(obj).dict  # what the row holds in memory: nothing is loaded for this
        for key, limit, field in _limits(type(obj)):
            value = loaded.get(key)
            if isinstance(value, str) and len(value) > limit:
                raise ValidationError(field, "too_long", limit=limit)

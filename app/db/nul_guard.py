"""No NUL character (U+0000) reaches the database (issue 14: PostgreSQL's text cannot hold one;
psycopg refuses to send it at all).

Text is cleaned where it enters (app.domain.text.clean and clean_multiline drop NUL with the
other invisible characters); these two guards make it hold for every field on both back ends:
- every archive's units of work drop NUL from the text of the rows they write (a document's
  body, a template, a setting: text kept as typed), so SQLite and PostgreSQL store the same;
- every archive's engine drops NUL from every statement's parameters (a filter typed with one,
  a Core insert, a laptop archive pushed with a NUL an older version stored), so a NUL means
  the same on both back ends."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from app.db import length_guard

NUL = "\x00"


def without_nul(value: Any) -> Any:
    """`value` with NUL dropped from its text (inside lists, tuples and dicts too)."""
    if isinstance(value, str):
        return value.replace(NUL, "") if NUL in value else value
    if isinstance(value, dict):
        return {k: without_nul(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(without_nul(v) for v in value)
    return value


def guard_sessions(sessions: sessionmaker) -> None:
    """Rows written by the units of work of `sessions` hold no NUL (and then, length_guard: no
    text longer than its column)."""
    event.listen(sessions, "before_flush", _rows_without_nul)
    length_guard.guard_sessions(sessions)


def guard_engine(engine: Engine) -> None:
    """Statements run on `engine` carry no NUL in their parameters."""
    event.listen(engine, "before_cursor_execute", _parameters_without_nul, retval=True)


def _rows_without_nul(session: Session, _context, _instances) -> None:
    for obj in (*session.new, *session.dirty):
        loaded = inspect(obj).dict  # what the row holds in memory: nothing is loaded for this
        for key, value in list(loaded.items()):
            if isinstance(value, str) and NUL in value:
                setattr(obj, key, value.replace(NUL, ""))


def _parameters_without_nul(_conn, _cursor, statement, parameters, _context, _many):
    if _has_nul(parameters):
        parameters = without_nul(parameters)
    return statement, parameters


def _has_nul(value: Any) -> bool:
    """Whether any text inside `value` holds a NUL. An import's executemany passes 10,000 rows
    of a dozen values: each value is looked at once, numbers and None without a call."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, list | tuple):
        return False
    for item in value:
        kind = type(item)
        if kind is str:
            if NUL in item:
                return True
        elif item is None or kind is int or kind is float or kind is bool:
            continue
        elif _has_nul(item):
            return True
    return False

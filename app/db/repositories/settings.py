from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@cache
def _settings_table():
    """The settings table as plain columns: reading a setting (what every command does) needs
    neither the ORM models nor their import (about 0.08 s, issue 11). Writing goes through the
    model, so that the history records the change."""
    from sqlalchemy import column, table

    return table("settings", column("key"), column("value"))


def _setting_model():
    from app.db.models import Setting

    return Setting


def _unflushed_settings(session: Session) -> bool:
    """Whether this unit of work holds settings not yet written (a Core read would miss them:
    those reads go through the model as before)."""
    changed = (*session.new, *session.dirty, *session.deleted)
    return any(getattr(type(obj), "__tablename__", None) == "settings" for obj in changed)


def _decoded(value: str) -> object:
    try:
        return json.loads(value)
    except ValueError:
        return value


def get(session: Session, key: str, default: object = None) -> object:
    if _unflushed_settings(session):
        row = session.get(_setting_model(), key)
        return default if row is None else _decoded(row.value)
    from sqlalchemy import select

    settings = _settings_table()
    stmt = select(settings.c.value).where(settings.c.key == key)
    value = session.execute(stmt).scalar_one_or_none()
    return default if value is None else _decoded(value)


def put(session: Session, key: str, value: object) -> None:
    Setting = _setting_model()  # noqa: N806 - the model class
    encoded = json.dumps(value, ensure_ascii=False)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=encoded))
    else:
        row.value = encoded


def get_prefix(session: Session, prefix: str) -> dict[str, object]:
    from sqlalchemy import select

    if _unflushed_settings(session):
        Setting = _setting_model()  # noqa: N806 - the model class
        rows = session.scalars(select(Setting).where(Setting.key.startswith(prefix)))
        return {row.key: _decoded(row.value) for row in rows}
    settings = _settings_table()
    stmt = select(settings.c.key, settings.c.value).where(settings.c.key.startswith(prefix))
    return {key: _decoded(value) for key, value in session.execute(stmt)}


def get_prefix_plain(connection, prefix: str) -> dict[str, object]:
    """get_prefix on an archive file's plain DB-API connection (app.db.file_reader)."""
    rows = connection.execute(
        "SELECT key, value FROM settings WHERE substr(key, 1, ?) = ?", (len(prefix), prefix)
    )
    return {key: _decoded(value) for key, value in rows}


def delete(session: Session, key: str) -> None:
    row = session.get(_setting_model(), key)
    if row is not None:
        session.delete(row)

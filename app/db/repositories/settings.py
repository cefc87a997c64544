from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Setting


def get(session: Session, key: str, default: object = None) -> object:
    row = session.get(Setting, key)
    if row is None:
        return default
    try:
        return json.loads(row.value)
    except ValueError:
        return row.value


def put(session: Session, key: str, value: object) -> None:
    encoded = json.dumps(value, ensure_ascii=False)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=encoded))
    else:
        row.value = encoded


def get_prefix(session: Session, prefix: str) -> dict[str, object]:
    rows = session.scalars(select(Setting).where(Setting.key.startswith(prefix)))
    out: dict[str, object] = {}
    for row in rows:
        try:
            out[row.key] = json.loads(row.value)
        except ValueError:
            out[row.key] = row.value
    return out


def delete(session: Session, key: str) -> None:
    row = session.get(Setting, key)
    if row is not None:
        session.delete(row)

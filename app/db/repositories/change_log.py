"""The change history (修改记录): one row per change of a record, or per bulk operation."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.history import APPROVE, BULK, CREATE, DELETE, EDIT, PURGE, RESTORE, STATUS
from app.db.models import ChangeLogEntry

# What happened to the record (the tracker's words, app.db.history).
__all__ = ["APPROVE", "BULK", "CREATE", "DELETE", "EDIT", "PURGE", "RESTORE", "STATUS"]


def record(
    session: Session,
    *,
    at: datetime,
    user: str,
    action: str,
    kind: str,
    record_id: int | None,
    title: str = "",
    changes: Sequence[tuple[str, object, object]] = (),
    count: int | None = None,
) -> None:
    """Adds one entry in the caller's unit of work: it commits or rolls back with the change."""
    session.add(
        ChangeLogEntry(
            at=at,
            user=user,
            action=action,
            kind=kind,
            record_id=record_id,
            title=title[:300],
            changes=json.dumps(
                [{"field": f, "old": old, "new": new} for f, old, new in changes],
                ensure_ascii=False,
                default=str,
            ),
            count=count,
        )
    )


def for_record(session: Session, kind: str, record_id: int) -> list[ChangeLogEntry]:
    stmt = (
        select(ChangeLogEntry)
        .where(ChangeLogEntry.kind == kind, ChangeLogEntry.record_id == record_id)
        .order_by(ChangeLogEntry.at.desc(), ChangeLogEntry.id.desc())
    )
    return list(session.scalars(stmt))


def recent(session: Session, limit: int | None = 50) -> list[ChangeLogEntry]:
    stmt = select(ChangeLogEntry).order_by(ChangeLogEntry.at.desc(), ChangeLogEntry.id.desc())
    return list(session.scalars(stmt.limit(limit)))


def since_version(
    session: Session, kind: str, record_id: int, version: int
) -> list[ChangeLogEntry]:
    """The entries of one record that left it past `version`, oldest first."""
    stmt = (
        select(ChangeLogEntry)
        .where(
            ChangeLogEntry.kind == kind,
            ChangeLogEntry.record_id == record_id,
            ChangeLogEntry.version > version,
        )
        .order_by(ChangeLogEntry.id)
    )
    return list(session.scalars(stmt))


def newest_id(session: Session) -> int:
    """The change counter: the id of the newest entry (0 in an archive without history)."""
    return session.scalar(select(func.max(ChangeLogEntry.id))) or 0


def kinds_after(session: Session, after_id: int, limit: int = 5000) -> list[tuple[int, str, str]]:
    """(id, kind, action) of the entries written after `after_id`, oldest first (at most
    `limit`; the primary key serves it)."""
    stmt = (
        select(ChangeLogEntry.id, ChangeLogEntry.kind, ChangeLogEntry.action)
        .where(ChangeLogEntry.id > after_id)
        .order_by(ChangeLogEntry.id)
        .limit(limit)
    )
    return [(i, k, a) for i, k, a in session.execute(stmt)]

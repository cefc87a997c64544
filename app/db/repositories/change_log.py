"""The change history (修改记录): one row per change of a record, or per bulk operation."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
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


def recent(session: Session, limit: int = 50) -> list[ChangeLogEntry]:
    stmt = select(ChangeLogEntry).order_by(ChangeLogEntry.at.desc(), ChangeLogEntry.id.desc())
    return list(session.scalars(stmt.limit(limit)))

"""The history of every change (修改记录): who changed which record, when, field by field.

Entries are written by the archive's units of work themselves (app.db.history.ChangeTracker,
installed by app.services.change_tracking when an archive is opened for writing), so every
service that creates, edits, moves a status or approves is recorded without doing anything;
bulk operations add one entry each. This module reads the history back as plain data, and
pauses the tracking."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from app.db import history as tracking
from app.db.repositories import change_log
from app.domain import history as words
from app.domain.errors import ValidationError
from app.services.archive import Archive

KINDS = words.KINDS


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: datetime
    user: str
    action: str  # create, edit, delete, restore, purge, status, approve, bulk
    kind: str
    record_id: int | None
    title: str
    changes: tuple[FieldChange, ...]
    count: int | None = None

    def what(self, lang: str = "zh") -> str:
        """新建 / 修改 / 删除 / 恢复 / 状态 / 审批 / 批量."""
        return words.action_name(self.action, lang)

    def lines(self, lang: str = "zh") -> list[str]:
        """One line per field: '等级：B → A' ('等级：B' for what a new record was created with)."""
        if self.action == "create":
            return [
                words.value_text(self.kind, c.field, c.new, lang)
                if c.old is None
                else words.change_text(self.kind, c.field, c.old, c.new, lang)
                for c in self.changes
            ]
        return [words.change_text(self.kind, c.field, c.old, c.new, lang) for c in self.changes]


@contextlib.contextmanager
def paused(archive: Archive) -> Iterator[None]:
    """No entry per record while the block runs (the demo is built aside and recorded as one
    bulk entry)."""
    tracker = getattr(archive.db, "change_tracker", None)
    if tracker is None:
        yield
        return
    with tracker.pause():
        yield


def _entry(row) -> HistoryEntry:
    try:
        raw = json.loads(row.changes or "[]")
    except ValueError:
        raw = []
    changes = tuple(
        FieldChange(str(c.get("field", "")), _text(c.get("old")), _text(c.get("new")))
        for c in raw
        if isinstance(c, dict)
    )
    return HistoryEntry(
        row.id,
        row.at,
        row.user,
        row.action,
        row.kind,
        row.record_id,
        row.title,
        changes,
        row.count,
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationError("kind", "unknown_kind", value=kind)
    return kind


def record_history(archive: Archive, kind: str, record_id: int) -> list[HistoryEntry]:
    """The history of one record, newest first (it outlives the record: a deleted record's
    history is still there)."""
    _check_kind(kind)
    with archive.db.read() as session:
        return [_entry(r) for r in change_log.for_record(session, kind, record_id)]


def recent_history(archive: Archive, limit: int | None = 50) -> list[HistoryEntry]:
    """The latest entries of the whole archive (all for None), newest first (bulk operations
    included)."""
    with archive.db.read() as session:
        return [_entry(r) for r in change_log.recent(session, limit)]


def bulk(session, kind: str, count: int, title: str = "") -> None:
    """Inside a caller's unit of work: one entry for a bulk operation (an import), with its
    count; nothing when nothing was written."""
    if count:
        tracking.bulk(session, kind, count, title)


def record_bulk(archive: Archive, kind: str, count: int, title: str = "") -> None:
    """One entry for a bulk operation that ran in several units of work (the demo)."""
    with archive.db.session() as session:
        bulk(session, kind, count, title)

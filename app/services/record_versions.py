"""Optimistic concurrency (issue 14 §3): a save made on an older version of a record is refused,
saying who changed it since, when, and which fields from what to what, read from the change
history (change_log entries carry the version they left the record at). Nothing is saved.

Each edit service takes `expected_version`, the version the person started from (the record
they loaded carries it); None skips the check (scripts). The check runs in the save's own unit
of work before anything is changed; the ORM's version column (app.db.models.Versioned) then
refuses a save that raced between this read and its write."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from app.db.repositories import change_log
from app.domain.errors import ConflictError, MissedChange


def check(session: Any, kind: str, row: Any, expected: int | None) -> None:
    """Raises ConflictError when `row` (a versioned ORM record) moved past `expected`."""
    if expected is None or row.version == expected:
        return
    raise conflict(session, kind, row.id, expected, row.version)


@dataclass
class Seen:
    """The version a unit of work read its record at (set by the unit of work)."""

    version: int | None = None


@contextmanager
def named(archive: Any, kind: str, record_id: int) -> Iterator[Seen]:
    """Around a unit of work that changes one versioned record: when another writer saved it
    between the read and the write (the ORM's version column refused the UPDATE with a
    nameless ConflictError), the refusal is told again from the history: who moved it past
    the version the unit of work read (`Seen.version`), when, and what they changed."""
    seen = Seen()
    try:
        yield seen
    except ConflictError as exc:
        if exc.record_id or seen.version is None:
            raise
        with archive.db.read() as session:
            current = _current_version(session, kind, record_id, seen.version)
            raise conflict(session, kind, record_id, seen.version, current) from exc


def _current_version(session: Any, kind: str, record_id: int, seen: int) -> int:
    entries = change_log.since_version(session, kind, record_id, seen)
    return max((e.version or 0 for e in entries), default=seen + 1)


def conflict(session: Any, kind: str, record_id: int, expected: int, current: int) -> ConflictError:
    entries = change_log.since_version(session, kind, record_id, expected)
    missed: dict[str, list] = {}
    for entry in entries:
        for change in json.loads(entry.changes or "[]"):
            name = change.get("field")
            if name in missed:
                missed[name][1] = change.get("new")
            else:
                missed[name] = [change.get("old"), change.get("new")]
    changes = tuple(MissedChange(f, o, n) for f, (o, n) in missed.items() if o != n)
    last = entries[-1] if entries else None
    return ConflictError(
        kind,
        record_id,
        expected,
        current,
        who=last.user if last else "",
        at=last.at if last else None,
        changes=changes,
    )

"""Optimistic concurrency (issue 14 §3): a save made on an older version of a record is refused,
saying who changed it since, when, and which fields from what to what, read from the change
history (change_log entries carry the version they left the record at). Nothing is saved.

Each edit service takes `expected_version`, the version the person started from (the record
they loaded carries it); None skips the check (scripts). The check runs in the save's own unit
of work before anything is changed; the ORM's version column (app.db.models.Versioned) then
refuses a save that raced between this read and its write, and the engine tells that refusal
the same way (app.db.engine, app.db.record_conflicts): every versioned save names who saved
first, whichever service made it."""

from __future__ import annotations

from typing import Any

from app.db.record_conflicts import conflict

__all__ = ["check", "conflict"]


def check(session: Any, kind: str, row: Any, expected: int | None) -> None:
    """Raises ConflictError when `row` (a versioned ORM record) moved past `expected`."""
    if expected is None or row.version == expected:
        return
    raise conflict(session, kind, row.id, expected, row.version)

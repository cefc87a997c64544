"""A save refused because someone else saved the record first (issue 14 §3), told from the change
history: who moved it past the version the save started from, when, and which fields from what
to what. The services' own version checks (app.services.record_versions) and the engine's
refusal of an UPDATE that raced another (app.db.engine) both tell it this way."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import column, select, table

from app.db.repositories import change_log
from app.domain.errors import ConflictError, MissedChange

# the change history's kind of each versioned table (app.db.history names them so)
_KIND_OF_TABLE = {"client_news": "news"}
# a versioned row whose changes the history tells as its record's: its kind and the column
# naming the record (a minutes' action item: "事项1·状态" of the minutes)
PART_OF = {"action_items": ("minutes", "meeting_id")}


def kind_of_table(table: str) -> str | None:
    """The change history's kind of the records in `table`, or None."""
    from app.db import history

    if table in _KIND_OF_TABLE:
        return _KIND_OF_TABLE[table]
    for model, spec in history.SPECS.items():
        if model.__table__.name == table:
            return spec.kind
    return None


def _missed(entries) -> tuple[MissedChange, ...]:
    missed: dict[str, list] = {}
    for entry in entries:
        for change in json.loads(entry.changes or "[]"):
            name = change.get("field")
            if name in missed:
                missed[name][1] = change.get("new")
            else:
                missed[name] = [change.get("old"), change.get("new")]
    return tuple(MissedChange(f, o, n) for f, (o, n) in missed.items() if o != n)


def _told(kind, record_id, expected, current, entries) -> ConflictError:
    last = entries[-1] if entries else None
    return ConflictError(
        kind,
        record_id,
        expected,
        current,
        who=last.user if last else "",
        at=last.at if last else None,
        changes=_missed(entries),
    )


def part_conflict(session: Any, kind: str, record_id: int, loaded: int, now: int) -> ConflictError:
    """The refusal of a save of a part of record `kind` #`record_id` (PART_OF) someone else
    changed meanwhile: the part's versions are not the record's, so the newest change of the
    record tells who, when and what."""
    newest = change_log.for_record(session, kind, record_id)[:1]
    return _told(kind, record_id, loaded, now, newest)


def conflict(session: Any, kind: str, record_id: int, expected: int, current: int) -> ConflictError:
    """The refusal of a save of record `kind` #`record_id` made on version `expected`, the
    record being at `current`: who and when of the newest change since, and what changed."""
    entries = change_log.since_version(session, kind, record_id, expected)
    return _told(kind, record_id, expected, current, entries)


@dataclass(frozen=True)
class Moved:
    """A versioned row someone else saved between a unit of work's read and its write."""

    table: str
    row_id: int
    loaded: int
    now: int


def refusal(session: Any, moved: list[Moved]) -> ConflictError:
    """The refusal of a save someone else's beat (the engine's, after an UPDATE that matched no
    row): named from the history of the first moved record it knows by itself, else of the
    record a moved part belongs to; without either, refused without a name."""
    for row in moved:
        kind = kind_of_table(row.table)
        if kind is not None:
            return conflict(session, kind, row.row_id, row.loaded, row.now)
    for row in moved:
        if row.table in PART_OF:
            kind, key = PART_OF[row.table]
            part = table(row.table, column("id"), column(key))
            found = select(part.c[key]).where(part.c.id == row.row_id)
            return part_conflict(
                session, kind, session.execute(found).scalar(), row.loaded, row.now
            )
    return ConflictError("", 0, 0, 0)

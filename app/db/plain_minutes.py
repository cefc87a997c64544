"""Meetings and the follow-up of their action items read from an archive file's plain sqlite3
connection (app.db.file_reader): the same queries as app.db.repositories.minutes makes on
SQLite, under the same names, for `minutes list`, `minutes show` and `actions`, which start
without SQLAlchemy (issue 11); tests/cli/test_plain_lists.py runs each both ways and compares."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from types import SimpleNamespace

from app.db.list_filters import ActionFilter, MeetingFilter
from app.db.plain_activities import stored_datetime
from app.db.plain_values import as_date, as_datetime, id_chunks, placeholders, record, text

MEETING_TYPES = {"held_at": as_datetime, "created_at": as_datetime, "updated_at": as_datetime}
MEETING_COLUMNS = (
    "id", "title", "held_at", "place", "host", "attendees", "observers", "absentees", "recorder",
    "reviewer", "agenda", "discussion", "other_matters", "next_meeting", "tender_id",
    "number_year", "number_seq", "distribution", "copies_to", "created_at", "updated_at",
    "version",
)  # fmt: skip
ACTION_TYPES = {"due_on": as_date, "closed_on": as_date}
ACTION_COLUMNS = (
    "id", "meeting_id", "position", "task", "owner", "helpers", "due_on", "status", "result",
    "closed_on", "version",
)  # fmt: skip
# overdue first: by due day ascending every overdue item comes ahead; no due day comes last
OVERDUE_FIRST = "action_items.due_on IS NULL, action_items.due_on, action_items.id"
HAS_CLIENT = (
    "EXISTS (SELECT 1 FROM meeting_clients WHERE meeting_clients.meeting_id = {meeting}"
    " AND meeting_clients.client_id = ?)"
)


def _meetings(connection, where: str, params: Sequence[object]) -> list[SimpleNamespace]:
    sql = f"SELECT {', '.join(MEETING_COLUMNS)} FROM meetings{where}"
    return [record(r, MEETING_COLUMNS, MEETING_TYPES) for r in connection.execute(sql, params)]


def _action(row: Sequence) -> SimpleNamespace:
    return record(row, ACTION_COLUMNS, ACTION_TYPES)


def get(connection, meeting_id: int) -> SimpleNamespace | None:
    found = _meetings(connection, " WHERE id = ?", (meeting_id,))
    return found[0] if found else None


def decisions(connection, meeting_id: int) -> list[str]:
    sql = "SELECT text FROM meeting_decisions WHERE meeting_id = ? ORDER BY position"
    return [r[0] for r in connection.execute(sql, (meeting_id,))]


def actions(connection, meeting_id: int) -> list[SimpleNamespace]:
    sql = (
        f"SELECT {', '.join(ACTION_COLUMNS)} FROM action_items WHERE meeting_id = ?"
        " ORDER BY position, id"
    )
    return [_action(r) for r in connection.execute(sql, (meeting_id,))]


def clients_of(connection, meeting_ids: Sequence[int]) -> dict[int, list[tuple[int, str]]]:
    """meeting id -> [(client id, name)], names in plain order (the repository's)."""
    out: dict[int, list[tuple[int, str]]] = {}
    rows: list[tuple] = []
    for chunk in id_chunks(meeting_ids):
        sql = (
            "SELECT meeting_clients.meeting_id, clients.id, clients.name FROM meeting_clients"
            " JOIN clients ON clients.id = meeting_clients.client_id"
            f" WHERE meeting_clients.meeting_id IN ({placeholders(len(chunk))})"
        )
        rows.extend(connection.execute(sql, chunk))
    rows.sort(key=lambda r: (r[0], r[2]))  # ORDER BY meeting_id, name (binary, as SQLite)
    for meeting_id, client_id, name in rows:
        out.setdefault(meeting_id, []).append((client_id, name))
    return out


def tender_title(connection, tender_id: int | None) -> str | None:
    if tender_id is None:
        return None
    row = connection.execute("SELECT title FROM tenders WHERE id = ?", (tender_id,)).fetchone()
    return None if row is None else row[0]


def list_meetings(connection, flt: MeetingFilter) -> list[SimpleNamespace]:
    terms: list[str] = []
    params: list[object] = []
    if flt.text:
        like = f"%{text(flt.text)}%"
        columns = ("title", "place", "host", "attendees", "agenda")
        terms.append("(" + " OR ".join(f"meetings.{c} LIKE ?" for c in columns) + ")")
        params += [like] * len(columns)
    if flt.client_id is not None:
        terms.append(HAS_CLIENT.format(meeting="meetings.id"))
        params.append(flt.client_id)
    if flt.date_from:
        terms.append("meetings.held_at >= ?")
        params.append(stored_datetime(datetime.combine(flt.date_from, datetime.min.time())))
    if flt.date_to:
        terms.append("meetings.held_at <= ?")
        params.append(stored_datetime(datetime.combine(flt.date_to, datetime.max.time())))
    where = f" WHERE {' AND '.join(terms)}" if terms else ""
    return _meetings(connection, f"{where} ORDER BY held_at DESC, id DESC", params)


def action_counts(connection, meeting_ids: Sequence[int], open_statuses) -> dict:
    """meeting id -> (all items, open items)."""
    out = {}
    statuses = [str(s) for s in open_statuses]
    for chunk in id_chunks(meeting_ids):
        sql = (
            "SELECT meeting_id, count(*),"
            f" count(*) FILTER (WHERE status IN ({placeholders(len(statuses))}))"
            f" FROM action_items WHERE meeting_id IN ({placeholders(len(chunk))})"
            " GROUP BY meeting_id"
        )
        out.update(
            {m: (total, open_) for m, total, open_ in connection.execute(sql, [*statuses, *chunk])}
        )
    return out


def _action_where(flt: ActionFilter) -> tuple[str, list[object]]:
    terms = [f"action_items.status IN ({placeholders(len(flt.open_statuses))})"]
    params: list[object] = [str(s) for s in flt.open_statuses]
    if flt.owner:
        terms.append("action_items.owner = ?")
        params.append(text(flt.owner))
    if flt.client_id is not None:
        terms.append(HAS_CLIENT.format(meeting="action_items.meeting_id"))
        params.append(flt.client_id)
    if flt.overdue_only:
        terms.append("action_items.due_on < ?")
        params.append(flt.today.isoformat())
    if flt.due_by is not None:
        terms.append("action_items.due_on <= ?")
        params.append(flt.due_by.isoformat())
    return " WHERE " + " AND ".join(terms), params


def open_actions(
    connection, flt: ActionFilter, limit: int, offset: int
) -> list[tuple[SimpleNamespace, str, datetime]]:
    """Open items with their meeting's title and time, overdue first (the repository's)."""
    where, params = _action_where(flt)
    columns = ", ".join(f"action_items.{c}" for c in ACTION_COLUMNS)
    sql = (
        f"SELECT {columns}, meetings.title, meetings.held_at FROM action_items"
        f" JOIN meetings ON meetings.id = action_items.meeting_id{where}"
        f" ORDER BY {OVERDUE_FIRST} LIMIT ? OFFSET ?"
    )
    found = connection.execute(sql, [*params, limit, offset])
    return [(_action(r[:-2]), r[-2], as_datetime(r[-1])) for r in found]


def count_actions(connection, flt: ActionFilter) -> int:
    where, params = _action_where(flt)
    sql = f"SELECT count(action_items.id) FROM action_items{where}"
    return int(connection.execute(sql, params).fetchone()[0])

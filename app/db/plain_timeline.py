"""A client's timeline read from an archive file's plain sqlite3 connection
(app.db.file_reader): the functions of app.db.repositories.timeline, same names, same queries on
SQLite and same values, taking the connection where those take a session; the service runs
either module (`client N --timeline` starts without SQLAlchemy, issue 11)."""

from __future__ import annotations

from collections.abc import Sequence

from app.db.plain_values import as_date, as_datetime, converted, placeholders, text


def activities(connection, client_id: int, limit: int) -> list[tuple]:
    """(id, started_at, kind, subject, next_step, next_step_due), newest first."""
    sql = (
        "SELECT id, started_at, kind, subject, next_step, next_step_due FROM activities"
        " WHERE client_id = ? ORDER BY started_at DESC, id DESC LIMIT ?"
    )
    types = (None, as_datetime, None, None, None, as_date)
    return [converted(r, types) for r in connection.execute(sql, (client_id, limit))]


def meetings(connection, client_id: int, limit: int) -> list[tuple]:
    """(id, held_at, title, place), newest first."""
    sql = (
        "SELECT meetings.id, meetings.held_at, meetings.title, meetings.place FROM meetings"
        " JOIN meeting_clients ON meeting_clients.meeting_id = meetings.id"
        " WHERE meeting_clients.client_id = ?"
        " ORDER BY meetings.held_at DESC, meetings.id DESC LIMIT ?"
    )
    types = (None, as_datetime, None, None)
    return [converted(r, types) for r in connection.execute(sql, (client_id, limit))]


def open_action_counts(
    connection, meeting_ids: Sequence[int], open_statuses: Sequence[str]
) -> dict[int, int]:
    """meeting id -> its open action items (meetings without any are left out)."""
    if not meeting_ids:
        return {}
    sql = (
        "SELECT meeting_id, count(*) FROM action_items"
        f" WHERE meeting_id IN ({placeholders(len(meeting_ids))})"
        f" AND status IN ({placeholders(len(open_statuses))}) GROUP BY meeting_id"
    )
    params = [*map(int, meeting_ids), *map(text, open_statuses)]
    return {meeting_id: count for meeting_id, count in connection.execute(sql, params)}


def tenders(connection, client_id: int, limit: int) -> list[tuple]:
    """(id, title, number, status, published_on, bid_deadline, award_notice_on, created_at),
    latest first by the bid deadline (or, without one, the publication day, then entry)."""
    sql = (
        "SELECT id, title, number, status, published_on, bid_deadline, award_notice_on,"
        " created_at FROM tenders WHERE client_id = ?"
        " ORDER BY coalesce(bid_deadline, published_on, created_at) DESC, id DESC LIMIT ?"
    )
    types = (None, None, None, None, as_date, as_datetime, as_date, as_datetime)
    return [converted(r, types) for r in connection.execute(sql, (client_id, limit))]


def counts(connection, client_id: int) -> tuple[int, int, int] | None:
    """How many activities, meetings and tenders the client has (one statement); None when
    there is no such client."""
    sql = (
        "SELECT (SELECT id FROM clients WHERE id = ?),"
        " (SELECT count(*) FROM activities WHERE client_id = ?),"
        " (SELECT count(*) FROM meeting_clients WHERE client_id = ?),"
        " (SELECT count(*) FROM tenders WHERE client_id = ?)"
    )
    row = connection.execute(sql, (client_id,) * 4).fetchone()
    return None if row[0] is None else (row[1], row[2], row[3])

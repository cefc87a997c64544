from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from app.db import history, keyset
from app.db.bulk import id_array
from app.db.dialect_sql import like_any_case
from app.db.models import Activity, ActivityContact, Client, Contact
from app.domain.queries import ActivityQuery

LIST_COLUMNS = (
    Activity.id,
    Activity.started_at,
    Activity.kind,
    Client.name,
    Activity.subject,
    Activity.participants,
    Activity.next_step,
    Activity.next_step_due,
    Activity.expense_fen,
    Activity.closed_on,
    Activity.client_id,
    Activity.version,
)

SORTABLE = {
    "started_at": Activity.started_at,
    "kind": Activity.kind,
    "client": Client.sort_key,
    "subject": Activity.subject,
    "next_step_due": Activity.next_step_due,
    "expense": Activity.expense_fen,
    "participants": Activity.participants,
    "next_step": Activity.next_step,
    "closed_on": Activity.closed_on,
}
NULLABLE = frozenset({"next_step_due", "closed_on"})


def get(session: Session, activity_id: int) -> Activity | None:
    return session.get(Activity, activity_id)


def contact_ids(session: Session, activity_id: int) -> list[int]:
    return list(
        session.scalars(
            select(ActivityContact.contact_id).where(ActivityContact.activity_id == activity_id)
        )
    )


def set_contacts(session: Session, activity_id: int, ids: Sequence[int]) -> None:
    old = session.scalars(
        select(ActivityContact.contact_id).where(ActivityContact.activity_id == activity_id)
    )
    before = history.names_of(session, Contact, sorted(old))
    after = history.names_of(session, Contact, sorted(set(ids)))
    history.replaced(session, "activity", activity_id, "contacts", before, after)
    session.execute(delete(ActivityContact).where(ActivityContact.activity_id == activity_id))
    if ids:
        session.execute(
            insert(ActivityContact),
            [{"activity_id": activity_id, "contact_id": cid} for cid in dict.fromkeys(ids)],
        )


def _filtered(stmt, query: ActivityQuery, *, joined: bool):
    """`stmt` narrowed by the query's filters (`joined`: the clients table is already in)."""
    if query.text and not joined:
        stmt = stmt.join(Client, Client.id == Activity.client_id)
    if query.text:
        like = f"%{query.text}%"
        stmt = stmt.where(
            like_any_case(Activity.subject, like)
            | like_any_case(Client.name, like)
            | like_any_case(Activity.participants, like)
        )
    if query.kinds:
        stmt = stmt.where(Activity.kind.in_(query.kinds))
    if query.client_id is not None:
        stmt = stmt.where(Activity.client_id == query.client_id)
    if query.since:
        stmt = stmt.where(Activity.started_at >= query.since)
    if query.until:
        stmt = stmt.where(Activity.started_at < query.until)
    if query.open_complaints:
        stmt = stmt.where(Activity.kind == "complaint", Activity.closed_on.is_(None))
    return stmt


def list_ids(session: Session, query: ActivityQuery) -> Sequence[int]:
    """Every id the query lists, in its order (the command line's `activities`; the window
    reads windows of rows with `page`)."""
    stmt = select(Activity.id)
    joined = query.text or query.sort == "client"
    if joined:
        stmt = stmt.join(Client, Client.id == Activity.client_id)
    stmt = _filtered(stmt, query, joined=bool(joined))
    column = SORTABLE.get(query.sort, Activity.started_at)
    nullable = query.sort in NULLABLE
    stmt = stmt.order_by(*keyset.order_by(column, Activity.id, query.descending, nullable))
    return id_array(session, stmt)


def page(
    session: Session, query: ActivityQuery, after: keyset.Key | None, limit: int
) -> tuple[list[tuple], int]:
    """Up to `limit` rows (LIST_COLUMNS, then the sort value) that follow the row of key
    `after` in the query's order (the first ones when None): one window of the list, never
    the whole answer. The window's ids are chosen from the activities alone (through the sort
    column's index where it has one; the clients only for a text filter or the client sort),
    then its rows read by id: a client looked up for each of a million activities made
    sorting by subject 7 s a window. With the rows: how many ids were chosen (a row deleted
    between the two reads is missing from the rows, and the list must not end there)."""
    column = SORTABLE.get(query.sort, Activity.started_at)
    nullable = query.sort in NULLABLE
    joined = bool(query.text) or query.sort == "client"
    stmt = select(Activity.id, column)
    if joined:
        stmt = stmt.join(Client, Client.id == Activity.client_id)
    stmt = _filtered(stmt, query, joined=joined)
    if after is not None:
        stmt = stmt.where(keyset.after(column, Activity.id, after, query.descending, nullable))
    stmt = stmt.order_by(*keyset.order_by(column, Activity.id, query.descending, nullable))
    keys = session.execute(stmt.limit(limit)).all()
    rows = {r[0]: r for r in rows_for_ids(session, [k[0] for k in keys])}
    return [(*rows[k[0]], k[1]) for k in keys if k[0] in rows], len(keys)


def count(session: Session, query: ActivityQuery) -> int:
    """How many activities the query lists (COUNT over an index when no text is asked for)."""
    stmt = _filtered(select(func.count()).select_from(Activity), query, joined=False)
    return int(session.execute(stmt).scalar_one())


def rows_for_ids(session: Session, ids: Sequence[int]) -> list[tuple]:
    rows = session.execute(
        select(*LIST_COLUMNS)
        .join(Client, Client.id == Activity.client_id)
        .where(Activity.id.in_(ids))
    ).all()
    by_id = {r[0]: tuple(r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def timeline(session: Session, client_id: int, limit: int) -> list[tuple]:
    stmt = (
        select(*LIST_COLUMNS)
        .join(Client, Client.id == Activity.client_id)
        .where(Activity.client_id == client_id)
        .order_by(Activity.started_at.desc(), Activity.id.desc())
        .limit(limit)
    )
    return [tuple(r) for r in session.execute(stmt)]


def due_next_steps(session: Session, until: date, limit: int) -> list[tuple]:
    stmt = (
        select(*LIST_COLUMNS)
        .join(Client, Client.id == Activity.client_id)
        .where(
            Activity.next_step_due.is_not(None),
            Activity.next_step_due <= until,
            Activity.next_step_done_on.is_(None),
        )
        .order_by(Activity.next_step_due, Activity.id)
        .limit(limit)
    )
    return [tuple(r) for r in session.execute(stmt)]


def open_complaints(session: Session, limit: int) -> list[tuple]:
    stmt = (
        select(*LIST_COLUMNS)
        .join(Client, Client.id == Activity.client_id)
        .where(Activity.kind == "complaint", Activity.closed_on.is_(None))
        .order_by(Activity.started_at)
        .limit(limit)
    )
    return [tuple(r) for r in session.execute(stmt)]


def stream_all(session: Session, batch: int = 5000, client_id: int | None = None):
    """(activity, client name) by activity id, only one client's when `client_id` is given
    (through ix_activities_client_started). The activity is a row of its columns (read by
    attribute like the model), not an ORM object: building 1,000,000 of those was a third of
    rebuilding the search index (issue 11)."""
    stmt = (
        select(Activity.__table__, Client.name.label("client_name"))
        .join(Client, Client.id == Activity.client_id)
        .order_by(Activity.id)
        .execution_options(yield_per=batch)
    )
    if client_id is not None:
        stmt = stmt.where(Activity.client_id == client_id)
    for row in session.execute(stmt):
        yield row, row.client_name


def search_document_rows(kind_names: dict[str, str]) -> tuple[str, dict[str, str]]:
    """A SELECT of (ref_id, title, body) for every activity's search document, and its
    parameters: the very text app.services.indexing.activity_document makes from an activity
    (kind in words, client name, day; then participants, notes, outcome, next step and
    resolution, the empty ones left out), made by SQLite so that a rebuild of the index does
    not carry 1,000,000 activities through Python (issue 11). `kind_names`: kind -> its name."""
    params = {f"k{i}": kind for i, kind in enumerate(kind_names)}
    params.update({f"n{i}": name for i, name in enumerate(kind_names.values())})
    names = " ".join(f"WHEN :k{i} THEN :n{i}" for i in range(len(kind_names)))
    tail = " || ".join(
        f"CASE WHEN coalesce(a.{column}, '') <> '' THEN ' ' || a.{column} ELSE '' END"
        for column in ("participants", "notes", "outcome", "next_step", "resolution")
    )
    sql = (
        f"SELECT a.id AS ref_id, a.subject AS title, CASE a.kind {names} ELSE a.kind END"
        f" || ' ' || c.name || ' ' || substr(CAST(a.started_at AS TEXT), 1, 10) || {tail} AS body"
        " FROM activities a JOIN clients c ON c.id = a.client_id"
    )
    return sql, params


def ids_for_client(session: Session, client_id: int) -> list[int]:
    return list(session.scalars(select(Activity.id).where(Activity.client_id == client_id)))

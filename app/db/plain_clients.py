"""Clients read from an archive file's plain sqlite3 connection (app.db.file_reader): the client
list's ids and rows, one client with its contacts, and the overdue-visit list. The same queries
as app.db.repositories.clients makes on SQLite, for the read-only commands that start without
SQLAlchemy (issue 11); tests/cli/test_plain_reads.py runs each command both ways and compares."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from datetime import date
from types import SimpleNamespace

from app.db.plain_values import as_bool, as_date, converted, id_chunks, placeholders, text
from app.domain.queries import ClientQuery
from app.domain.visits import VISIT_PLAN_STATUSES

# The client list's sort keys and their columns (app.db.repositories.clients.SORTABLE's).
SORT_COLUMNS = {
    "name": "sort_key",
    "uscc": "uscc",
    "tier": "tier",
    "is_key_account": "is_key_account",
    "industry": "industry",
    "region": "region",
    "owner": "owner",
    "status": "status",
    "created_on": "created_on",
    "last_visit_on": "last_visit_on",
}
LIST_COLUMNS = (
    "id, name, uscc, tier, is_key_account, industry, region, owner, status, created_on,"
    " last_visit_on, version"
)
LIST_TYPES = (None, None, None, None, as_bool, None, None, None, None, as_date, as_date, None)
CLIENT_TYPES = {"is_key_account": as_bool, "created_on": as_date, "last_visit_on": as_date}
CLIENT_COLUMNS = (
    "id, name, uscc, tier, is_key_account, industry, region, address, owner, status, source,"
    " created_on, service_policy, notes, last_visit_on, bank, bank_account, invoice_address,"
    " version"
)
CONTACT_TYPES = {"birthday": as_date, "is_decision_maker": as_bool}
CONTACT_COLUMNS = (
    "id, client_id, name, title, mobile, phone, email, birthday, is_decision_maker, notes, version"
)
# From when a client never visited is counted, and the day its next visit is reckoned from
# (the repository's _never_visited_since and _visit_anchor).
SINCE = (
    "CASE WHEN (created_on IS NULL) THEN date(created_at)"
    " WHEN (created_on > date(created_at)) THEN created_on ELSE date(created_at) END"
)
ANCHOR = f"coalesce(last_visit_on, {SINCE})"
OVERDUE_COLUMNS = f"id, name, tier, owner, is_key_account, last_visit_on, {SINCE}"
OVERDUE_TYPES = (None, None, None, None, as_bool, as_date, as_date)


def _filtered(query: ClientQuery) -> tuple[list[str], list[object]]:
    """The WHERE terms of the list's filters, and their parameters."""
    terms: list[str] = []
    params: list[object] = []
    if query.text:
        like, lower = f"%{text(query.text)}%", text(query.text).lower()
        terms.append(
            "(name LIKE ? OR uscc LIKE ? OR initials LIKE ? OR initials LIKE ?"
            " OR owner LIKE ? OR region LIKE ?)"
        )
        params += [like, like, f"{lower}%", f"% {lower}%", like, like]
    if query.tiers:
        terms.append(f"tier IN ({placeholders(len(query.tiers))})")
        params += [text(t) for t in query.tiers]
    for column in ("owner", "region", "status"):
        value = getattr(query, column)
        if value:
            terms.append(f"{column} = ?")
            params.append(text(value))
    if query.key_account is not None:
        terms.append("is_key_account = ?")
        params.append(int(query.key_account))
    return terms, params


# Among how many clients per id asked for, in the list's order, a first window of a filtered
# list is looked for (the repository's FIRST_PROBE_FACTOR).
FIRST_PROBE_FACTOR = 10


def list_ids(connection, query: ClientQuery) -> array:
    """The ids of the client list in its order (the repository's list_ids)."""
    terms, params = _filtered(query)
    column = SORT_COLUMNS.get(query.sort, "sort_key")
    if terms:  # a scan and a sort of the matches, not a walk of the sort index (see list_ids)
        column = f"+{column}"
    direction = "DESC NULLS LAST, id DESC" if query.descending else "ASC, id ASC"
    order = f"{column} {direction}"
    where = f" WHERE {' AND '.join(terms)}" if terms else ""
    cursor = connection.execute(f"SELECT id FROM clients{where} ORDER BY {order}", params)
    ids = array("q")
    while batch := cursor.fetchmany(10_000):
        ids.extend(row[0] for row in batch)
    return ids


def first_ids(connection, query: ClientQuery, count: int) -> list[int] | None:
    """The repository's first_ids: list_ids(query)[:count] when the first
    count * FIRST_PROBE_FACTOR clients in the list's order hold that many matches, else None."""
    terms, params = _filtered(query)
    if not terms:
        return None
    column = SORT_COLUMNS.get(query.sort, "sort_key")
    direction = "DESC NULLS LAST, id DESC" if query.descending else "ASC, id ASC"
    order = f"{column} {direction}"
    sql = (
        f"SELECT id FROM clients WHERE id IN (SELECT id FROM clients ORDER BY {order} LIMIT ?)"
        f" AND {' AND '.join(terms)} ORDER BY {order} LIMIT ?"
    )
    ids = [row[0] for row in connection.execute(sql, [count * FIRST_PROBE_FACTOR, *params, count])]
    return ids if len(ids) == count else None


def rows_for_ids(connection, ids: Sequence[int]) -> list[tuple]:
    """The list's rows of these ids, in their order."""
    by_id: dict[int, tuple] = {}
    for chunk in id_chunks(ids):
        sql = f"SELECT {LIST_COLUMNS} FROM clients WHERE id IN ({placeholders(len(chunk))})"
        for row in connection.execute(sql, chunk):
            by_id[row[0]] = converted(row, LIST_TYPES)
    return [by_id[i] for i in ids if i in by_id]


def _namespace(columns: str, row: Sequence, types: dict) -> SimpleNamespace:
    """A row read by attribute like the model's object."""
    names = [c.strip() for c in columns.split(",")]
    values = {n: types[n](v) if n in types else v for n, v in zip(names, row, strict=True)}
    return SimpleNamespace(**values)


def get(connection, client_id: int) -> SimpleNamespace | None:
    sql = f"SELECT {CLIENT_COLUMNS} FROM clients WHERE id = ?"
    row = connection.execute(sql, (client_id,)).fetchone()
    return None if row is None else _namespace(CLIENT_COLUMNS, row, CLIENT_TYPES)


def contacts_of(connection, client_id: int) -> list[SimpleNamespace]:
    sql = f"SELECT {CONTACT_COLUMNS} FROM contacts WHERE client_id = ? ORDER BY id"
    rows = connection.execute(sql, (client_id,))
    return [_namespace(CONTACT_COLUMNS, row, CONTACT_TYPES) for row in rows]


def _overdue_where(
    tier_due_dates: dict[str, date], key_only: bool, owner: str | None
) -> tuple[str, list[object]]:
    """The repository's _overdue_filter: the tiers' due dates, the statuses visited, key
    accounts only, one owner ('' the clients without one; None every owner)."""
    params: list[object] = []
    for tier, due in tier_due_dates.items():
        params += [tier, due.isoformat()]
    due_terms = " OR ".join([f"tier = ? AND {ANCHOR} < ?"] * len(tier_due_dates))
    where = f"({due_terms}) AND status IN ({placeholders(len(VISIT_PLAN_STATUSES))})"
    params += list(VISIT_PLAN_STATUSES)
    if key_only:
        where += " AND is_key_account IS 1"
    if owner is not None:
        where += " AND owner = ?"
        params.append(text(owner))
    return where, params


def overdue_page(
    connection,
    tier_due_dates: dict[str, date],
    key_only: bool,
    limit: int,
    offset: int = 0,
    owner: str | None = None,
) -> list[tuple]:
    """The repository's overdue_page: one page in visit-plan order."""
    where, params = _overdue_where(tier_due_dates, key_only, owner)
    sql = (
        f"SELECT {OVERDUE_COLUMNS} FROM clients WHERE {where}"
        f" ORDER BY tier, {ANCHOR}, id LIMIT ? OFFSET ?"
    )
    rows = connection.execute(sql, [*params, limit, offset])
    return [converted(row, OVERDUE_TYPES) for row in rows]


def overdue_count(
    connection, tier_due_dates: dict[str, date], key_only: bool, owner: str | None = None
) -> int:
    where, params = _overdue_where(tier_due_dates, key_only, owner)
    return connection.execute(f"SELECT count(id) FROM clients WHERE {where}", params).fetchone()[0]

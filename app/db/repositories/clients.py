from __future__ import annotations

from array import array
from collections.abc import Sequence
from datetime import date

from sqlalchemy import Date, Select, case, func, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from app.db import dialect_sql
from app.db.bulk import id_array
from app.db.dialect_sql import like_any_case
from app.db.models import Activity, Client, Contact
from app.domain.queries import ClientQuery
from app.domain.text import name_key as fold_name
from app.domain.visits import VISIT_PLAN_STATUSES

SORTABLE = {
    "name": Client.sort_key,
    "uscc": Client.uscc,
    "tier": Client.tier,
    "is_key_account": Client.is_key_account,
    "industry": Client.industry,
    "region": Client.region,
    "owner": Client.owner,
    "status": Client.status,
    "created_on": Client.created_on,
    "last_visit_on": Client.last_visit_on,
}

LIST_COLUMNS = (
    Client.id,
    Client.name,
    Client.uscc,
    Client.tier,
    Client.is_key_account,
    Client.industry,
    Client.region,
    Client.owner,
    Client.status,
    Client.created_on,
    Client.last_visit_on,
    Client.version,
)


def get(session: Session, client_id: int) -> Client | None:
    return session.get(Client, client_id)


def find_by_name_key(session: Session, name_key: str) -> Client | None:
    return session.scalar(select(Client).where(Client.name_key == name_key))


def find_by_uscc(session: Session, uscc: str) -> Client | None:
    return session.scalar(select(Client).where(Client.uscc == uscc))


def existing_keys(
    session: Session,
) -> tuple[dict[str, tuple[int, str]], dict[str, tuple[int, str]]]:
    """name_key -> (id, name) and uscc -> (id, name), for checking a whole import at once."""
    by_name: dict[str, tuple[int, str]] = {}
    by_uscc: dict[str, tuple[int, str]] = {}
    for cid, name, key, uscc in session.execute(
        select(Client.id, Client.name, Client.name_key, Client.uscc)
    ):
        by_name[key] = (cid, name)
        by_name.setdefault(fold_name(name), (cid, name))  # a key stored before a rule changed
        if uscc:
            by_uscc[uscc] = (cid, name)
    return by_name, by_uscc


def _filtered(query: ClientQuery) -> Select:
    stmt = select(Client.id)
    if query.text:
        like = f"%{query.text}%"
        stmt = stmt.where(
            or_(
                like_any_case(Client.name, like),
                like_any_case(Client.uscc, like),
                like_any_case(Client.initials, f"{query.text.lower()}%"),  # any of its spellings:
                like_any_case(Client.initials, f"% {query.text.lower()}%"),  # 'cy zy' (朝阳)
                like_any_case(Client.owner, like),
                like_any_case(Client.region, like),
            )
        )
    if query.tiers:
        stmt = stmt.where(Client.tier.in_(query.tiers))
    if query.owner:
        stmt = stmt.where(Client.owner == query.owner)
    if query.region:
        stmt = stmt.where(Client.region == query.region)
    if query.status:
        stmt = stmt.where(Client.status == query.status)
    if query.key_account is not None:
        stmt = stmt.where(Client.is_key_account == query.key_account)
    return stmt


def list_ids(session: Session, query: ClientQuery) -> Sequence[int]:
    column = SORTABLE.get(query.sort, Client.sort_key)
    filtered = _filtered(query)
    if filtered.whereclause is not None and not dialect_sql.of(session).server:
        # "+column" orders the same but keeps SQLite from walking the sort index and looking
        # up every row to test the filter (100,000 clients: ~250 ms -> ~50 ms); a full scan
        # and a sort of the matches is faster. Unfiltered, the covering index is best.
        column = UnaryExpression(column, operator=custom_op("+"), type_=column.type)
    order = column.desc() if query.descending else column.asc()
    tie = Client.id.desc() if query.descending else Client.id.asc()
    stmt = filtered.order_by(order.nulls_last() if query.descending else order, tie)
    return id_array(session, stmt)


# Among how many clients per id asked for, in the list's order, a first window of a filtered
# list is looked for (a filter one client in ten matches finds it): a walk of the sort index and
# as many rows read (a screen of 40 rows: 400 rows, under a millisecond on 100,000 clients;
# 200 rows: 3 ms), where the whole filtered list scans and sorts every client (0.1 s for '华',
# 69,741 matches). A filter that finds no first window pays that walk on top of the whole list.
FIRST_PROBE_FACTOR = 10


def first_ids(session: Session, query: ClientQuery, count: int) -> list[int] | None:
    """list_ids(query)[:count], when the first count * FIRST_PROBE_FACTOR clients in the list's
    order hold that many matches (the ids after them come later in that order); None otherwise
    (a rarer filter), and for no filter at all (list_ids walks the covering index then)."""
    filtered = _filtered(query)
    if filtered.whereclause is None:
        return None
    column = SORTABLE.get(query.sort, Client.sort_key)
    order = column.desc().nulls_last() if query.descending else column.asc()
    tie = Client.id.desc() if query.descending else Client.id.asc()
    probe = select(Client.id).order_by(order, tie).limit(count * FIRST_PROBE_FACTOR)
    stmt = filtered.where(Client.id.in_(probe)).order_by(order, tie).limit(count)
    ids = list(session.scalars(stmt))
    return ids if len(ids) == count else None


def rows_for_ids(session: Session, ids: Sequence[int]) -> list[tuple]:
    rows = session.execute(select(*LIST_COLUMNS).where(Client.id.in_(ids))).all()
    by_id = {r[0]: tuple(r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def distinct_values(session: Session, column: str) -> list[str]:
    col = {"owner": Client.owner, "region": Client.region, "industry": Client.industry}[column]
    return [v for v in session.scalars(select(col).distinct().order_by(col)) if v]


def count(session: Session) -> int:
    return session.scalar(select(func.count(Client.id))) or 0


def refresh_last_visit(session: Session, client_id: int, visit_kind: str) -> None:
    last = session.scalar(
        select(func.max(Activity.started_at)).where(
            Activity.client_id == client_id, Activity.kind == visit_kind
        )
    )
    session.execute(
        update(Client)
        .where(Client.id == client_id)
        .values(last_visit_on=last.date() if last else None)
    )


def overdue_candidates(
    session: Session, tier_due_dates: dict[str, date], key_only: bool, owner: str | None = None
) -> list[tuple]:
    """Clients whose last visit (or, if never visited, the day they are counted from) is before
    their tier's due date; rows (id, name, tier, owner, is_key_account, last_visit_on, since)."""
    stmt = select(
        Client.id,
        Client.name,
        Client.tier,
        Client.owner,
        Client.is_key_account,
        Client.last_visit_on,
        _never_visited_since(),
    )
    stmt = _overdue_filter(stmt, tier_due_dates, key_only, owner)
    return [tuple(r) for r in session.execute(stmt)]


def contacts_of(session: Session, client_id: int) -> list[Contact]:
    return list(
        session.scalars(select(Contact).where(Contact.client_id == client_id).order_by(Contact.id))
    )


def clients_for_export(session: Session, batch: int = 2000):
    """Every client as a row of all its columns (attribute access), in id order, streamed."""
    table = Client.__table__
    stmt = select(table).order_by(table.c.id).execution_options(yield_per=batch)
    yield from session.execute(stmt)


def contacts_for_export(session: Session, batch: int = 2000):
    """Every contact as a row of all its columns, by client id then contact id, streamed."""
    table = Contact.__table__
    stmt = select(table).order_by(table.c.client_id, table.c.id).execution_options(yield_per=batch)
    yield from session.execute(stmt)


def most_contacts(session: Session) -> int:
    """The largest number of contacts any one client has (0 without contacts)."""
    per_client = select(func.count(Contact.id).label("n")).group_by(Contact.client_id).subquery()
    return session.scalar(select(func.max(per_client.c.n))) or 0


def stream_all(session: Session, batch: int = 5000, client_id: int | None = None):
    """Every client by id (only `client_id` when given), for the search index: rows of the
    client's columns, read by attribute like the model (no ORM objects, issue 11)."""
    stmt = select(Client.__table__).order_by(Client.id).execution_options(yield_per=batch)
    if client_id is not None:
        stmt = stmt.where(Client.id == client_id)
    yield from session.execute(stmt)


def stream_contacts(session: Session, batch: int = 5000, client_id: int | None = None):
    """(contact, client name) by contact id, only one client's when `client_id` is given; the
    contact is a row of its columns, read by attribute like the model (issue 11)."""
    stmt = (
        select(Contact.__table__, Client.name.label("client_name"))
        .join(Client, Client.id == Contact.client_id)
        .order_by(Contact.id)
        .execution_options(yield_per=batch)
    )
    if client_id is not None:
        stmt = stmt.where(Contact.client_id == client_id)
    for row in session.execute(stmt):
        yield row, row.client_name


def client_id_of_contact(session: Session, contact_id: int) -> int | None:
    """The client a contact belongs to (None if the contact is gone)."""
    return session.scalar(select(Contact.client_id).where(Contact.id == contact_id))


def insert_new_clients(session: Session, clients: Sequence) -> None:
    """Inserts new client rows in one statement batch, without the unit of work's per-object
    bookkeeping, and sets each row's id. For large imports: the rows are any objects with the
    columns as attributes (plain ones are cheaper than ORM objects); they stay outside the session."""
    _insert_returning_ids(session, Client, clients)


def insert_new_contacts(session: Session, contacts: Sequence) -> None:
    """Like insert_new_clients, for contact rows whose client_id is set."""
    _insert_returning_ids(session, Contact, contacts)


def _insert_returning_ids(session: Session, model, rows: Sequence) -> None:
    if not rows:
        return
    table = model.__table__
    defaults = {c.key: _scalar_default(c) for c in table.columns if c.key != "id"}
    values = [_row_values(row, defaults) for row in rows]
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids = session.connection().execute(stmt, values).scalars().all()
    for row, new_id in zip(rows, ids, strict=True):
        row.id = new_id


def _scalar_default(column) -> object:
    default = column.default
    return default.arg if default is not None and default.is_scalar else None


def _row_values(row, defaults: dict[str, object]) -> dict[str, object]:
    """The row's attributes, each column's scalar default where one was never set (None)."""
    values = {}
    for key, default in defaults.items():
        value = getattr(row, key, None)
        values[key] = default if value is None else value
    return values


def _never_visited_since():
    """From when a client never visited is counted: its 建档日期, or the day it entered the
    archive when that is later (an import of old records does not make them all overdue)."""
    entered = func.date(Client.created_at, type_=Date)
    return case(
        (Client.created_on.is_(None), entered),
        (Client.created_on > entered, Client.created_on),
        else_=entered,
    )


def _visit_anchor():
    return func.coalesce(Client.last_visit_on, _never_visited_since(), type_=Date)


def _overdue_filter(
    stmt: Select, tier_due_dates: dict[str, date], key_only: bool, owner: str | None = None
) -> Select:
    """Only the tiers in `tier_due_dates` (one due date each); `owner` '' is the clients
    without an account manager, None every owner."""
    anchor = _visit_anchor()
    conditions = [(Client.tier == tier) & (anchor < due) for tier, due in tier_due_dates.items()]
    stmt = stmt.where(or_(*conditions), Client.status.in_(VISIT_PLAN_STATUSES))
    if key_only:
        stmt = stmt.where(Client.is_key_account.is_(True))
    if owner is not None:
        stmt = stmt.where(Client.owner == owner)
    return stmt


def overdue_page(
    session: Session,
    tier_due_dates: dict[str, date],
    key_only: bool,
    limit: int,
    offset: int = 0,
    owner: str | None = None,
) -> list[tuple]:
    """One page of `overdue_candidates`, already in visit-plan order: tier A, B, C, D, and within
    a tier the oldest anchor (most overdue) first. Sorting and paging in SQL lets the planner walk
    ix_clients_tier and stop early, instead of loading every overdue client into Python (about
    60,000 on a 100,000-client archive)."""
    anchor = _visit_anchor()
    stmt = select(
        Client.id,
        Client.name,
        Client.tier,
        Client.owner,
        Client.is_key_account,
        Client.last_visit_on,
        _never_visited_since(),
    )
    stmt = _overdue_filter(stmt, tier_due_dates, key_only, owner)
    stmt = stmt.order_by(Client.tier, anchor, Client.id).limit(limit).offset(offset)
    return [tuple(r) for r in session.execute(stmt)]


def overdue_count(
    session: Session, tier_due_dates: dict[str, date], key_only: bool, owner: str | None = None
) -> int:
    stmt = _overdue_filter(select(func.count(Client.id)), tier_due_dates, key_only, owner)
    return session.scalar(stmt) or 0


def overdue_ids(
    session: Session, tier_due_dates: dict[str, date], key_only: bool, owner: str | None = None
) -> array:
    """Every overdue client's id in visit-plan order (as `overdue_page`): a list of 45,000
    overdue clients is only their ids until rows are shown (`overdue_rows`)."""
    return id_array(session, overdue_ids_statement(tier_due_dates, key_only, owner))


def overdue_ids_statement(
    tier_due_dates: dict[str, date], key_only: bool, owner: str | None = None
) -> Select:
    """The query of `overdue_ids`; its ORDER BY is the index ix_clients_visit_plan (0011)."""
    stmt = _overdue_filter(select(Client.id), tier_due_dates, key_only, owner)
    return stmt.order_by(Client.tier, _visit_anchor(), Client.id)


def overdue_rows(session: Session, ids: Sequence[int]) -> list[tuple]:
    """The rows of `overdue_candidates` for these ids (any order)."""
    stmt = select(
        Client.id,
        Client.name,
        Client.tier,
        Client.owner,
        Client.is_key_account,
        Client.last_visit_on,
        _never_visited_since(),
    ).where(Client.id.in_(list(ids)))
    return [tuple(r) for r in session.execute(stmt)]

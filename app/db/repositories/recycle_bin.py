"""The recycle bin's SQL: a record and everything that hangs on it read into plain rows (JSON),
deleted, and inserted back later with their own ids.

What hangs on a record is read from the schema itself: every row that a foreign key with
ON DELETE CASCADE would take with it (recursively), plus the attachments of each row taken
(attachments name their owner by kind and id, not by a foreign key). Rows that a foreign key
with ON DELETE SET NULL would only unlink are remembered as "relinks", so a restore links them
again. Rows that a RESTRICT (or NO ACTION) foreign key protects are "blockers": the record
cannot go to the bin while they exist.

Nothing here speaks to the user: problems come back as data and the service words them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    Table,
    UniqueConstraint,
    delete,
    func,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from app.db.json_values import plain, typed
from app.db.models import Base, Blob, RecycleBinItem
from app.db.repositories.attachments import OWNER_MODELS, is_blob_used

FORMAT = 1
ATTACHMENTS = "attachments"
BLOBS = "blobs"
_CHUNK = 500  # ids per IN (...): well below SQLite's limit on bound parameters

Key = tuple  # a row's primary key values, in the table's primary-key order
RowRef = tuple[str, Key]  # (table name, key)

# owner_kind of the attachments table -> the table of its owners
_OWNER_TABLES = {kind: model.__table__.name for kind, model in OWNER_MODELS.items()}
_OWNER_KINDS = {table: kind for kind, table in _OWNER_TABLES.items()}


def _tables() -> dict[str, Table]:
    return dict(Base.metadata.tables)


def _order() -> dict[str, int]:
    """Tables in the order their rows can be inserted (parents first)."""
    return {t.name: n for n, t in enumerate(Base.metadata.sorted_tables)}


def _key_columns(table: Table) -> list[str]:
    return [c.name for c in table.primary_key.columns]


def key_of(table: Table, row: dict) -> Key:
    return tuple(row[c] for c in _key_columns(table))


def _chunks(values: Sequence, size: int = _CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _foreign_keys_to(parent: str) -> Iterator[tuple[Table, ForeignKey]]:
    """(child table, foreign key) of every single-column foreign key that points at `parent`."""
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == parent:
                yield table, fk


def _rule(fk: ForeignKey) -> str:
    return (fk.ondelete or "NO ACTION").upper()


# --- a bundle: the rows of one deleted record ---------------------------------------------------


@dataclass
class Bundle:
    """The rows of one record and of everything that hangs on it, by table (parents first)."""

    root_table: str
    root_key: Key
    rows: dict[str, dict[Key, dict]] = field(default_factory=dict)
    # (table, column, key of the row, value): links that the delete set to NULL
    relinks: list[tuple[str, str, Key, object]] = field(default_factory=list)
    # table -> how many rows outside the bundle refuse the delete (RESTRICT)
    blockers: dict[str, int] = field(default_factory=dict)

    @property
    def root_row(self) -> dict:
        return self.rows[self.root_table][self.root_key]

    def refs(self) -> set[RowRef]:
        return {(t, k) for t, rows in self.rows.items() for k in rows}

    def ids(self, table: str) -> list:
        """The single-column keys of a table's rows."""
        return [k[0] for k in self.rows.get(table, {})]

    def digests(self) -> list[str]:
        return sorted({r["sha256"] for r in self.rows.get(ATTACHMENTS, {}).values()})

    def row_count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())

    def add(self, table: str, key: Key, row: dict) -> bool:
        rows = self.rows.setdefault(table, {})
        if key in rows:
            return False
        rows[key] = row
        return True

    def sorted_tables(self) -> list[str]:
        order = _order()
        return sorted(self.rows, key=lambda t: order.get(t, len(order)))


def collect(session: Session, table_name: str, record_id: int) -> Bundle:
    """Reads the record, everything its deletion would take with it, the links it would unlink
    and the rows that would refuse it. Reads only."""
    tables = _tables()
    root = tables[table_name]
    bundle = Bundle(table_name, (record_id,))
    found = _select_rows(session, root, root.primary_key.columns[0], [record_id])
    if not found:
        raise LookupError(table_name, record_id)
    for row in found:
        bundle.add(table_name, key_of(root, row), row)
    pending: list[tuple[str, list[dict]]] = [(table_name, found)]
    while pending:
        parent, new_rows = pending.pop(0)
        for child, fk in _foreign_keys_to(parent):
            if _rule(fk) != "CASCADE":
                continue
            values = sorted({r[fk.column.name] for r in new_rows} - {None})
            added = []
            for row in _select_rows(session, child, fk.parent, values):
                if bundle.add(child.name, key_of(child, row), row):
                    added.append(row)
            if added:
                pending.append((child.name, added))
    _collect_attachments(session, bundle, tables[ATTACHMENTS])
    _collect_links(session, bundle)
    return bundle


def _select_rows(session: Session, table: Table, column, values: Sequence) -> list[dict]:
    out: list[dict] = []
    for chunk in _chunks(list(values)):
        stmt = select(table).where(column.in_(chunk))
        out.extend(dict(r._mapping) for r in session.execute(stmt))
    return out


def _collect_attachments(session: Session, bundle: Bundle, table: Table) -> None:
    for owner_table in list(bundle.rows):
        kind = _OWNER_KINDS.get(owner_table)
        if kind is None:
            continue
        owners = bundle.ids(owner_table)
        for chunk in _chunks(owners):
            stmt = select(table).where(table.c.owner_kind == kind, table.c.owner_id.in_(chunk))
            for r in session.execute(stmt):
                row = dict(r._mapping)
                bundle.add(ATTACHMENTS, key_of(table, row), row)


def _collect_links(session: Session, bundle: Bundle) -> None:
    """Rows outside the bundle that point at it: unlinked (SET NULL) or refusing (RESTRICT)."""
    inside = bundle.refs()
    for parent in list(bundle.rows):
        for child, fk in _foreign_keys_to(parent):
            rule = _rule(fk)
            if rule == "CASCADE":
                continue
            values = sorted({r[fk.column.name] for r in bundle.rows[parent].values()} - {None})
            for row in _select_rows(session, child, fk.parent, values):
                key = key_of(child, row)
                if (child.name, key) in inside:
                    continue
                if rule == "SET NULL":
                    bundle.relinks.append((child.name, fk.parent.name, key, row[fk.parent.name]))
                else:
                    bundle.blockers[child.name] = bundle.blockers.get(child.name, 0) + 1


def delete_rows(session: Session, bundle: Bundle) -> None:
    """Deletes the bundle's rows, children first (the database unlinks the SET NULL rows)."""
    tables = _tables()
    for name in reversed(bundle.sorted_tables()):
        table = tables[name]
        columns = [table.c[c] for c in _key_columns(table)]
        keys = list(bundle.rows[name])
        for chunk in _chunks(keys):
            if len(columns) == 1:
                condition = columns[0].in_([k[0] for k in chunk])
            else:
                condition = tuple_(*columns).in_(chunk)
            session.execute(delete(table).where(condition))


# --- JSON -------------------------------------------------------------------------------------


def encode(bundle: Bundle) -> str:
    payload = {
        "format": FORMAT,
        "root": [bundle.root_table, list(bundle.root_key)],
        "tables": {
            name: [{c: plain(v) for c, v in row.items()} for row in bundle.rows[name].values()]
            for name in bundle.sorted_tables()
        },
        "relinks": [[t, c, list(k), plain(v)] for t, c, k, v in bundle.relinks],
    }
    return json.dumps(payload, ensure_ascii=False)


def decode(text: str) -> Bundle:
    """The bundle a payload holds, in today's schema: columns (and tables) that no longer exist
    are left out; columns added since the delete are absent and take their defaults."""
    payload = json.loads(text)
    tables = _tables()
    root_table, root_key = payload["root"]
    bundle = Bundle(root_table, tuple(root_key))
    for name, rows in payload.get("tables", {}).items():
        table = tables.get(name)
        if table is None:
            continue
        for stored in rows:
            row = {c: typed(table.c[c], v) for c, v in stored.items() if c in table.c}
            bundle.add(name, key_of(table, row), row)
    for name, column, key, value in payload.get("relinks", []):
        table = tables.get(name)
        if table is not None and column in table.c:
            bundle.relinks.append((name, column, tuple(key), typed(table.c[column], value)))
    return bundle


# --- restoring ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Why a bundle cannot go back. code: 'parent_in_bin', 'parent_gone', 'id_taken',
    'duplicate', 'files_missing'."""

    code: str
    table: str  # the table of the row concerned (or of the parent, for parent_*)
    key: Key = ()
    holder: int | None = None  # the bin item that holds the missing parent
    columns: tuple[str, ...] = ()
    row: dict = field(default_factory=dict)  # the row that cannot go back (for its values)
    existing: Key = ()  # the row in the way


@dataclass
class RestorePlan:
    """What a restore does: rows to insert, and what it hands to other bin items (rows whose
    other end is in the bin go with that end; links to it are restored with it)."""

    bundle: Bundle
    inserts: dict[str, list[dict]] = field(default_factory=dict)
    handed: dict[int, Bundle] = field(default_factory=dict)  # bin item id -> rows / relinks
    problems: list[Problem] = field(default_factory=list)


class BinIndex:
    """Which bin item holds a row: built once per restore, from every other item's payload."""

    def __init__(self, session: Session, skip_item: int | None = None):
        self._session = session
        self._skip = skip_item
        self._where: dict[RowRef, int] | None = None

    def holder(self, table: str, key: Key) -> int | None:
        if self._where is None:
            self._where = {}
            for item_id, payload in self._session.execute(
                select(RecycleBinItem.id, RecycleBinItem.payload).order_by(RecycleBinItem.id)
            ):
                if item_id == self._skip:
                    continue
                for name, rows in json.loads(payload).get("tables", {}).items():
                    table_ = _tables().get(name)
                    if table_ is None:
                        continue
                    for row in rows:
                        self._where[(name, tuple(row.get(c) for c in _key_columns(table_)))] = (
                            item_id
                        )
        return self._where.get((table, key))


def plan_restore(session: Session, bundle: Bundle, bin_index: BinIndex) -> RestorePlan:
    """Checks every row against the archive as it is now and decides what goes back."""
    tables = _tables()
    plan = RestorePlan(bundle)
    going_back: set[RowRef] = bundle.refs()
    # rows that do not go back with this item: (table, key) -> the item they go to (None: gone)
    elsewhere: dict[RowRef, int | None] = {}
    exists_cache: dict[RowRef, bool] = {}

    def exists(table: Table, key: Key) -> bool:
        ref = (table.name, key)
        if ref not in exists_cache:
            columns = [table.c[c] for c in _key_columns(table)]
            stmt = select(func.count()).select_from(table)
            for column, value in zip(columns, key, strict=True):
                stmt = stmt.where(column == value)
            exists_cache[ref] = bool(session.scalar(stmt))
        return exists_cache[ref]

    root_ref = (bundle.root_table, bundle.root_key)
    for name in bundle.sorted_tables():
        table = tables[name]
        for key, stored in bundle.rows[name].items():
            row = dict(stored)
            ref = (name, key)
            if exists(table, key):
                if len(key) > 1:  # the same link is there already
                    going_back.discard(ref)
                    continue
                plan.problems.append(Problem("id_taken", name, key, row=row, existing=key))
                continue
            destination = _destination(
                table, row, ref == root_ref, going_back, elsewhere, exists, bin_index, plan
            )
            if destination is not _STAYS:
                going_back.discard(ref)
                elsewhere[ref] = destination
                if destination is not None:
                    _hand(plan, destination, bundle).add(name, key, stored)
                continue
            plan.inserts.setdefault(name, []).append(row)
    _check_unique(session, plan, going_back)
    _check_files(session, plan)
    _plan_relinks(session, plan, going_back, bin_index)
    return plan


_STAYS = object()


def _destination(table, row, is_root, going_back, elsewhere, exists, bin_index, plan):
    """_STAYS when the row goes back (its missing links set to NULL where that is the rule),
    else the bin item it goes to (None: dropped, its other end is gone for good)."""
    for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
        value = row.get(fk.parent.name)
        if value is None:
            continue
        parent = fk.column.table
        parent_ref = (parent.name, (value,))
        if parent_ref in going_back:
            continue
        if parent_ref in elsewhere:  # its parent goes elsewhere: it goes along
            return elsewhere[parent_ref]
        if exists(parent, (value,)):
            continue
        holder = bin_index.holder(parent.name, (value,))
        rule = _rule(fk)
        if parent.name == BLOBS:
            plan.problems.append(Problem("files_missing", table.name, (value,), row=row))
            continue
        if is_root or rule not in ("CASCADE", "SET NULL"):
            if holder is None and fk.parent.nullable:
                row[fk.parent.name] = None  # its other end was purged: the link is lost
                continue
            code = "parent_in_bin" if holder is not None else "parent_gone"
            plan.problems.append(Problem(code, parent.name, (value,), holder, row=row))
            continue
        if rule == "SET NULL":
            row[fk.parent.name] = None
            if holder is not None:
                key = key_of(table, row)
                _hand(plan, holder, plan.bundle).relinks.append(
                    (table.name, fk.parent.name, key, value)
                )
            continue
        return holder  # CASCADE: the row would have gone with its parent; it goes to it
    return _STAYS


def _hand(plan: RestorePlan, item_id: int, bundle: Bundle) -> Bundle:
    if item_id not in plan.handed:
        plan.handed[item_id] = Bundle(bundle.root_table, bundle.root_key)
    return plan.handed[item_id]


def _unique_sets(table: Table) -> list[tuple[str, ...]]:
    sets = []
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            sets.append(tuple(c.name for c in constraint.columns))
    for index in table.indexes:
        if index.unique:
            sets.append(tuple(c.name for c in index.columns))
    for column in table.columns:
        if column.unique:
            sets.append((column.name,))
    return list(dict.fromkeys(sets))


def _check_unique(session: Session, plan: RestorePlan, going_back: set[RowRef]) -> None:
    tables = _tables()
    for name, rows in plan.inserts.items():
        table = tables[name]
        for columns in _unique_sets(table):
            for row in rows:
                values = [row.get(c) for c in columns]
                if any(v is None for v in values):
                    continue
                stmt = select(*[table.c[c] for c in _key_columns(table)])
                for column, value in zip(columns, values, strict=True):
                    stmt = stmt.where(table.c[column] == value)
                for found in session.execute(stmt.limit(2)):
                    existing = tuple(found)
                    if (name, existing) not in going_back:
                        plan.problems.append(
                            Problem(
                                "duplicate", name, key_of(table, row), None, columns, row, existing
                            )
                        )
                        break


def _check_files(session: Session, plan: RestorePlan) -> None:
    """Attachment rows whose blob row is gone (they have no foreign-key parent to miss: the
    blobs table is checked here)."""
    rows = plan.inserts.get(ATTACHMENTS, [])
    wanted = sorted({r["sha256"] for r in rows})
    present: set[str] = set()
    for chunk in _chunks(wanted):
        present.update(session.scalars(select(Blob.sha256).where(Blob.sha256.in_(chunk))))
    for row in rows:
        if row["sha256"] not in present:
            plan.problems.append(Problem("files_missing", ATTACHMENTS, (row["id"],), row=row))


def _plan_relinks(
    session: Session, plan: RestorePlan, going_back: set[RowRef], bin_index: BinIndex
) -> None:
    """The links the delete set to NULL: restored on rows that are there (unless relinked to
    something else meanwhile), handed to the bin item holding a row that is not."""
    tables = _tables()
    relinks = []
    for name, column, key, value in plan.bundle.relinks:
        table = tables[name]
        target = next(fk.column.table.name for fk in table.c[column].foreign_keys)
        if (target, (value,)) not in going_back:
            continue  # what it pointed at does not go back
        columns = [table.c[c] for c in _key_columns(table)]
        stmt = select(func.count()).select_from(table)
        for col, v in zip(columns, key, strict=True):
            stmt = stmt.where(col == v)
        if session.scalar(stmt):
            relinks.append((name, column, key, value))
            continue
        holder = bin_index.holder(name, key)
        if holder is not None:
            _hand(plan, holder, plan.bundle).relinks.append((name, column, key, value))
    plan.bundle = Bundle(plan.bundle.root_table, plan.bundle.root_key, plan.bundle.rows, relinks)


def apply_restore(session: Session, plan: RestorePlan) -> None:
    """Inserts the rows (with their ids), relinks, and hands the rest to the other items."""
    tables = _tables()
    order = _order()
    for name in sorted(plan.inserts, key=lambda t: order[t]):
        table = tables[name]
        rows = plan.inserts[name]
        # rows with the same columns together: later columns are absent from older payloads
        by_columns: dict[tuple[str, ...], list[dict]] = {}
        for row in rows:
            by_columns.setdefault(tuple(sorted(row)), []).append(row)
        for group in by_columns.values():
            session.execute(insert(table), group)
    for name, column, key, value in plan.bundle.relinks:
        table = tables[name]
        stmt = update(table).where(table.c[column].is_(None)).values({column: value})
        for col, v in zip(_key_columns(table), key, strict=True):
            stmt = stmt.where(table.c[col] == v)
        session.execute(stmt)
    for item_id, handed in plan.handed.items():
        _merge_into_item(session, item_id, handed)


def _merge_into_item(session: Session, item_id: int, handed: Bundle) -> None:
    item = session.get(RecycleBinItem, item_id)
    if item is None:
        return
    bundle = decode(item.payload)
    for name, rows in handed.rows.items():
        for key, row in rows.items():
            bundle.add(name, key, row)
    tables = _tables()
    for name, column, key, value in handed.relinks:
        holder_row = bundle.rows.get(name, {}).get(key)
        if holder_row is not None:  # the row itself is in that item: link it there
            if holder_row.get(column) is None and column in tables[name].c:
                holder_row[column] = value
        else:
            bundle.relinks.append((name, column, key, value))
    item.payload = encode(bundle)
    item.blobs = json.dumps(bundle.digests())


# --- the bin's own table -------------------------------------------------------------------------


def add_item(
    session: Session,
    *,
    kind: str,
    record_id: int,
    title: str,
    deleted_at: datetime,
    deleted_by: str,
    revision: str,
    bundle: Bundle,
) -> RecycleBinItem:
    item = RecycleBinItem(
        kind=kind,
        record_id=record_id,
        title=title[:300],
        deleted_at=deleted_at,
        deleted_by=deleted_by[:100],
        revision=revision,
        payload=encode(bundle),
        blobs=json.dumps(bundle.digests()),
    )
    session.add(item)
    session.flush()
    return item


def items(session: Session, kind: str | None = None) -> list[RecycleBinItem]:
    """Newest first."""
    stmt = select(RecycleBinItem).order_by(
        RecycleBinItem.deleted_at.desc(), RecycleBinItem.id.desc()
    )
    if kind is not None:
        stmt = stmt.where(RecycleBinItem.kind == kind)
    return list(session.scalars(stmt))


def item_rows(session: Session, kind: str | None = None) -> list[tuple]:
    """(id, kind, record_id, title, deleted_at, deleted_by), newest first, without payloads."""
    stmt = select(
        RecycleBinItem.id,
        RecycleBinItem.kind,
        RecycleBinItem.record_id,
        RecycleBinItem.title,
        RecycleBinItem.deleted_at,
        RecycleBinItem.deleted_by,
    ).order_by(RecycleBinItem.deleted_at.desc(), RecycleBinItem.id.desc())
    if kind is not None:
        stmt = stmt.where(RecycleBinItem.kind == kind)
    return [tuple(r) for r in session.execute(stmt)]


def get(session: Session, item_id: int) -> RecycleBinItem | None:
    return session.get(RecycleBinItem, item_id)


def latest_for(session: Session, kind: str, record_id: int) -> RecycleBinItem | None:
    return session.scalar(
        select(RecycleBinItem)
        .where(RecycleBinItem.kind == kind, RecycleBinItem.record_id == record_id)
        .order_by(RecycleBinItem.deleted_at.desc(), RecycleBinItem.id.desc())
        .limit(1)
    )


def titles(session: Session, item_ids: Iterable[int]) -> dict[int, tuple[str, int, str]]:
    """item id -> (kind, record_id, title)."""
    ids = sorted(set(item_ids))
    if not ids:
        return {}
    stmt = select(
        RecycleBinItem.id, RecycleBinItem.kind, RecycleBinItem.record_id, RecycleBinItem.title
    ).where(RecycleBinItem.id.in_(ids))
    return {r[0]: (r[1], r[2], r[3]) for r in session.execute(stmt)}


def ids_older_than(session: Session, before: datetime) -> list[int]:
    stmt = select(RecycleBinItem.id).where(RecycleBinItem.deleted_at < before)
    return list(session.scalars(stmt.order_by(RecycleBinItem.id)))


def remove_items(session: Session, item_ids: Sequence[int]) -> list[str]:
    """Deletes the items; returns the digests they held."""
    digests: set[str] = set()
    for chunk in _chunks(list(item_ids)):
        for text in session.scalars(
            select(RecycleBinItem.blobs).where(RecycleBinItem.id.in_(chunk))
        ):
            digests.update(json.loads(text or "[]"))
        session.execute(delete(RecycleBinItem).where(RecycleBinItem.id.in_(chunk)))
    return sorted(digests)


def unused_blobs(session: Session, digests: Iterable[str]) -> list[str]:
    """Those of `digests` that no attachment and no bin item uses any more."""
    return [sha for sha in sorted(set(digests)) if not is_blob_used(session, sha)]


def delete_blob_rows(session: Session, digests: Sequence[str]) -> None:
    for chunk in _chunks(list(digests)):
        session.execute(delete(Blob).where(Blob.sha256.in_(chunk)))


def any_item(session: Session) -> bool:
    return session.scalar(select(RecycleBinItem.id).limit(1)) is not None

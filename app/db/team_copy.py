"""Moving records between an archive file and a team archive: what both ends share.

Everything here is SQLAlchemy Core over the tables of app.db.models (the same on SQLite and on
PostgreSQL), so copying never depends on a repository or a service. A record is named by its
table and its key (the primary key's values as a JSON list, "[12]"), which is how the mapping
on the server (`sync_origins`) and the base snapshot of an offline copy (`sync_base`) name it.

References are the schema's foreign keys plus the ones the schema cannot declare: an
attachment's owner (owner_kind, owner_id), a packet file's attachment, the record a history
entry or a recycle-bin item is about (kind, record_id)."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import (
    Connection,
    Integer,
    Table,
    and_,
    delete,
    select,
    text,
)

from app.db.history import SPECS
from app.db.json_values import plain, typed
from app.db.models import Base, SyncBase, SyncOrigin
from app.db.repositories.attachments import OWNER_MODELS

# rebuilt from the records at the other end; never copied
# team_users: the server's logins (issue 14 §2), never pushed from or checked out to a laptop
SKIPPED = frozenset({"search_docs", "sync_origins", "sync_base", "team_users"})
# tables whose references name their parent by a kind: copied after every table they name
LAST = ("attachments", "packet_files", "change_log", "recycle_bin")
# settings that belong to one person or one computer, never to the archive
PERSONAL_SETTINGS = ("user.", "pref.", "search.", "team.")

# the kinds a history entry, a bin item or an attachment names, and their tables
KIND_TABLES: dict[str, str] = {spec.kind: model.__table__.name for model, spec in SPECS.items()}
KIND_TABLES.update({kind: model.__table__.name for kind, model in OWNER_MODELS.items()})
KIND_TABLES.setdefault("minutes", "meetings")
KIND_TABLES.setdefault("news", "client_news")

SYNC_ORIGINS = SyncOrigin.__table__
SYNC_BASE = SyncBase.__table__

KILL_AT_ENV = "SALES_COMPASS_TEST_KILL_AT"


def checkpoint(name: str) -> None:
    """The tests' way to kill a push or sync at a chosen point (SIGKILL, as a power cut)."""
    if os.environ.get(KILL_AT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


# --- tables, keys and values -----------------------------------------------------------------


def tables() -> list[Table]:
    """The tables records are copied in: parents before children, kind-named references last."""
    ordered = [t for t in Base.metadata.sorted_tables if t.name not in SKIPPED]
    head = [t for t in ordered if t.name not in LAST]
    return head + [Base.metadata.tables[name] for name in LAST]


def table_named(name: str) -> Table:
    return Base.metadata.tables[name]


def has_int_id(table: Table) -> bool:
    keys = list(table.primary_key.columns)
    return len(keys) == 1 and keys[0].name == "id" and isinstance(keys[0].type, Integer)


def key_columns(table: Table) -> list[str]:
    return [c.name for c in table.primary_key.columns]


def key_text(table: Table, row: dict) -> str:
    return json.dumps([plain(row[c]) for c in key_columns(table)], ensure_ascii=False)


def key_values(table: Table, key: str) -> dict:
    values = json.loads(key)
    return {c: typed(table.c[c], v) for c, v in zip(key_columns(table), values, strict=True)}


def plain_row(row: dict) -> dict:
    return {c: plain(v) for c, v in row.items()}


def typed_row(table: Table, stored: dict) -> dict:
    return {c: typed(table.c[c], v) for c, v in stored.items() if c in table.c}


def read_rows(conn: Connection, table: Table) -> Iterator[dict]:
    order = [table.c[c] for c in key_columns(table)]
    for row in conn.execute(select(table).order_by(*order)).mappings():
        yield dict(row)


def read_rows_where(conn: Connection, table: Table, condition) -> Iterator[dict]:
    for row in conn.execute(select(table).where(condition)).mappings():
        yield dict(row)


def where_key(table: Table, key: dict):
    return and_(*(table.c[c] == v for c, v in key.items()))


def read_row(conn: Connection, table: Table, key: dict) -> dict | None:
    found = conn.execute(select(table).where(where_key(table, key))).mappings().first()
    return dict(found) if found is not None else None


# --- references --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """A column of `table` that holds the id of a record of `parent` (a fixed table), or of the
    table its `kind_column` names."""

    column: str
    parent: str | None = None
    kind_column: str | None = None

    def parent_of(self, row: dict) -> str | None:
        if self.parent is not None:
            return self.parent
        return KIND_TABLES.get(str(row.get(self.kind_column)))


_KIND_REFERENCES = {
    "attachments": [Reference("owner_id", kind_column="owner_kind")],
    "packet_files": [Reference("attachment_id", parent="attachments")],
    "change_log": [Reference("record_id", kind_column="kind")],
}


def references(table: Table) -> list[Reference]:
    found = [
        Reference(fk.parent.name, parent=fk.column.table.name)
        for fk in table.foreign_keys
        if has_int_id(fk.column.table)
    ]
    return found + _KIND_REFERENCES.get(table.name, [])


def references_to(parent: str) -> Iterator[tuple[Table, Reference]]:
    for table in tables():
        for ref in references(table):
            if ref.parent == parent or (ref.parent is None and parent in KIND_TABLES.values()):
                yield table, ref


@dataclass
class IdMap:
    """Local id -> server id, per table (for tables whose key is an integer id)."""

    ids: dict[str, dict[int, int]] = field(default_factory=dict)

    def put(self, table: str, local: int, server: int) -> None:
        self.ids.setdefault(table, {})[local] = server

    def get(self, table: str, local: int) -> int | None:
        return self.ids.get(table, {}).get(local)

    def rewrite(self, table: Table, row: dict) -> dict:
        """The row with every reference to a mapped record changed to its server id."""
        out = dict(row)
        for ref in references(table):
            value = out.get(ref.column)
            parent = ref.parent_of(out)
            if value is None or parent is None:
                continue
            mapped = self.get(parent, int(value))
            if mapped is not None:
                out[ref.column] = mapped
        return out


# --- the server's ids and its mapping ------------------------------------------------------


def next_id(conn: Connection, table: Table) -> int:
    """A new id from the table's PostgreSQL sequence."""
    return int(
        conn.execute(
            text("SELECT nextval(pg_get_serial_sequence(:t, 'id'))"), {"t": table.name}
        ).scalar_one()
    )


def move_sequence_past_ids(conn: Connection, table: Table, at_least: int = 1) -> None:
    """Sets the table's sequence past its highest id (and past `at_least`), so the next record
    never takes one that is there or is coming in with its own id."""
    conn.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
            f" GREATEST((SELECT max(id) FROM {table.name}), :least, 1))"
        ),
        {"least": at_least},
    )


def load_origins(conn: Connection, origin: str) -> dict[str, dict[str, str]]:
    """table -> {local key: server key} of everything already moved from `origin`."""
    found: dict[str, dict[str, str]] = {}
    rows = conn.execute(
        select(
            SYNC_ORIGINS.c.table_name, SYNC_ORIGINS.c.local_key, SYNC_ORIGINS.c.server_key
        ).where(SYNC_ORIGINS.c.origin == origin)
    )
    for name, local, server in rows:
        found.setdefault(name, {})[local] = server
    return found


def record_origins(conn: Connection, origin: str, new: list[tuple[str, str, str]]) -> None:
    if new:
        conn.execute(
            SYNC_ORIGINS.insert(),
            [
                {"origin": origin, "table_name": t, "local_key": lk, "server_key": sk}
                for t, lk, sk in new
            ],
        )


def revision_of(conn: Connection) -> str | None:
    try:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - no alembic_version table: not an archive
        return None


def lock_for_copy(conn: Connection, names: list[str]) -> None:
    """Keeps others from writing these tables until the copy commits (they wait; readers not)."""
    conn.execute(text(f"LOCK TABLE {', '.join(names)} IN SHARE ROW EXCLUSIVE MODE"))


# --- attachment content in the server's database -------------------------------------------

CHUNK = 1 << 20


def server_has_blob(conn: Connection, sha256: str) -> bool:
    found = conn.execute(
        text("SELECT 1 FROM blob_chunks WHERE sha256 = :s AND seq = 0"), {"s": sha256}
    )
    return found.first() is not None


def write_server_blob(conn: Connection, sha256: str, chunks: Iterator[bytes]) -> int:
    """Writes the content in `conn`'s transaction (chunk 0, with the size, last); its size."""
    insert = text(
        "INSERT INTO blob_chunks (sha256, seq, size, data) VALUES (:s, :q, :n, :d)"
        " ON CONFLICT DO NOTHING"
    )
    first: bytes | None = None
    seq, size, pending = 0, 0, b""
    for piece in chunks:
        pending += piece
        while len(pending) >= CHUNK:
            part, pending = pending[:CHUNK], pending[CHUNK:]
            size += len(part)
            if seq == 0:
                first = part
            else:
                conn.execute(insert, {"s": sha256, "q": seq, "n": None, "d": part})
            seq += 1
    if pending or seq == 0:
        size += len(pending)
        if seq == 0:
            first = pending
        else:
            conn.execute(insert, {"s": sha256, "q": seq, "n": None, "d": pending})
    conn.execute(insert, {"s": sha256, "q": 0, "n": size, "d": first or b""})
    return size


def server_blob_chunks(conn: Connection, sha256: str) -> Iterator[bytes]:
    rows = conn.execute(
        text("SELECT data FROM blob_chunks WHERE sha256 = :s ORDER BY seq"), {"s": sha256}
    )
    for (data,) in rows:
        yield bytes(data)


def defer_foreign_keys(local: Connection) -> None:
    """Renumbering moves parents and children in turn: SQLite checks the foreign keys at commit."""
    local.execute(delete(SYNC_BASE).where(text("1 = 0")))  # opens the transaction
    local.execute(text("PRAGMA defer_foreign_keys = ON"))

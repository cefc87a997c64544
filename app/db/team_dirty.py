"""What changed in an offline copy since its last sync (issue 14 §4), so a sync reads those
records of the copy and not whole tables: the copy's half of app.db.team_delta.

The checkout puts triggers into the copy (an archive file, SQLite) on every synced table keyed
by integers: each insert, update or delete, by the app, a script or an import, notes the
record's key in `sync_dirty` (an update of a key notes both). A sync reads those notes, the keys
of the copy's bases, and only then the records and bases it needs; in its own transaction it
drops the notes it read. The triggers are checked at every sync: a copy without them (checked
out by an older version, or a table rebuilt by an upgrade) is read whole, as before, and gets
them again. Tables keyed otherwise (attachment files, holidays) are small and read whole."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Connection, Integer, Table, select, text, tuple_

from app.db import team_copy as tc

DIRTY = "sync_dirty"
FETCH_BATCH = 500  # keys per SELECT


def watched(table: Table) -> bool:
    """Whether the copy's changes of `table` are noted by triggers (integer keys)."""
    columns = [table.c[c] for c in tc.key_columns(table)]
    return all(isinstance(c.type, Integer) for c in columns)


def _triggers(table: Table) -> dict[str, str]:
    """Trigger name -> its SQL. The key is written as json.dumps writes it: [1] or [1, 2]."""

    def key(row: str) -> str:
        parts = " || ', ' || ".join(f'{row}."{c}"' for c in tc.key_columns(table))
        return f"'[' || {parts} || ']'"

    def note(row: str) -> str:
        return f"INSERT INTO {DIRTY} (table_name, record_key) VALUES ('{table.name}', {key(row)});"

    events = {"i": ("INSERT", note("NEW")), "u": ("UPDATE", note("OLD") + note("NEW"))}
    events["d"] = ("DELETE", note("OLD"))
    return {
        f"{DIRTY}_{table.name}_{suffix}": (
            f'CREATE TRIGGER IF NOT EXISTS "{DIRTY}_{table.name}_{suffix}" AFTER {event}'
            f' ON "{table.name}" BEGIN {body} END'
        )
        for suffix, (event, body) in events.items()
    }


def _watched_tables() -> list[Table]:
    return [t for t in tc.tables() if watched(t) and t.name not in ("settings", "number_sequences")]


def install(local: Connection) -> None:
    """The notes table and the triggers (in the caller's transaction)."""
    local.execute(
        text(
            f"CREATE TABLE IF NOT EXISTS {DIRTY} (id INTEGER PRIMARY KEY,"
            " table_name TEXT NOT NULL, record_key TEXT NOT NULL)"
        )
    )
    for table in _watched_tables():
        for sql in _triggers(table).values():
            local.execute(text(sql))


def installed(local: Connection) -> bool:
    wanted = {name for t in _watched_tables() for name in _triggers(t)}
    found = local.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
    return wanted <= {name for (name,) in found}


def notes(local: Connection) -> tuple[int, dict[str, set[str]]] | None:
    """(the newest note's id, table -> keys noted); None when the copy is not watched."""
    if not installed(local):
        return None
    top, found = 0, {}
    for note_id, name, key in local.execute(
        text(f"SELECT id, table_name, record_key FROM {DIRTY}")
    ):
        top = max(top, note_id)
        found.setdefault(name, set()).add(key)
    return top, found


def forget(local: Connection, top: int) -> None:
    """Drops the notes a sync read (those written during it are read by the next one)."""
    local.execute(text(f"DELETE FROM {DIRTY} WHERE id <= :top"), {"top": top})


def fetch_rows(conn: Connection, table: Table, keys: Iterable[str]) -> dict[str, dict]:
    """`table`'s rows of `keys` (those it holds), by key."""
    keys = list(keys)
    found: dict[str, dict] = {}
    columns = [table.c[c] for c in tc.key_columns(table)]
    for start in range(0, len(keys), FETCH_BATCH):
        batch = [tc.key_values(table, k) for k in keys[start : start + FETCH_BATCH]]
        if len(columns) == 1:
            where = columns[0].in_([k[columns[0].name] for k in batch])
        else:
            where = tuple_(*columns).in_([tuple(k[c.name] for c in columns) for k in batch])
        for row in tc.read_rows_where(conn, table, where):
            found[tc.key_text(table, row)] = row
    return found


class LocalTable:
    """One table of the copy as a sync needs it: whole (`rows`), or the records noted since the
    last sync, read by key when asked (`noted`)."""

    def __init__(self, conn: Connection, table: Table, noted: set[str] | None) -> None:
        self.conn, self.table, self.noted = conn, table, noted
        self.rows: dict[str, dict | None] = {}
        if noted is None:
            self.rows = {tc.key_text(table, r): r for r in tc.read_rows(conn, table)}
        else:
            self.prefetch(noted)

    def prefetch(self, keys: Iterable[str]) -> None:
        if self.noted is None:
            return
        wanted = [k for k in keys if k not in self.rows]
        found = fetch_rows(self.conn, self.table, wanted)
        for key in wanted:
            self.rows[key] = found.get(key)

    def get(self, key: str, default: object = None) -> dict | None:
        if key not in self.rows:
            self.prefetch([key])
        found = self.rows.get(key)
        return found if found is not None else default

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def candidates(self, bases: Bases) -> list[str]:
        """The keys that may differ from their base, in key order: the noted ones (when
        whole: every record of the copy and every base)."""
        keys = self.noted if self.noted is not None else set(self.rows) | bases.known
        return sorted(keys, key=json.loads)

    def where(self, column: str, value: object) -> list[dict]:
        if self.noted is None:
            return [r for r in self.rows.values() if r is not None and r[column] == value]
        return list(tc.read_rows_where(self.conn, self.table, self.table.c[column] == value))


class Bases:
    """The copy's bases of one table: every key at once, the values (JSON) by key when asked."""

    def __init__(self, conn: Connection, name: str, whole: bool) -> None:
        self.conn, self.name = conn, name
        self.values: dict[str, dict] = {}
        base = tc.SYNC_BASE
        where = base.c.table_name == name
        if whole:
            for key, stored in conn.execute(select(base.c.record_key, base.c.base).where(where)):
                self.values[key] = json.loads(stored)
            self.keys = list(self.values)
        else:
            self.keys = [k for (k,) in conn.execute(select(base.c.record_key).where(where))]
        self.known = set(self.keys)

    def __contains__(self, key: str) -> bool:
        return key in self.known

    def __iter__(self):
        return iter(self.keys)

    def prefetch(self, keys: Iterable[str]) -> None:
        wanted = [k for k in keys if k in self.known and k not in self.values]
        base = tc.SYNC_BASE
        for start in range(0, len(wanted), FETCH_BATCH):
            batch = wanted[start : start + FETCH_BATCH]
            query = select(base.c.record_key, base.c.base).where(
                base.c.table_name == self.name, base.c.record_key.in_(batch)
            )
            for key, stored in self.conn.execute(query):
                self.values[key] = json.loads(stored)

    def get(self, key: str, default: object = None) -> dict | None:
        if key not in self.known:
            return default
        if key not in self.values:
            self.prefetch([key])
        return self.values[key]

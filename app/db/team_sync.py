"""An offline copy of a team archive: `team checkout` and `team sync`.

The copy is an ordinary archive file (every command and window works on it) holding what the
login could SELECT on the server (row-level security decides; nothing is filtered here), plus,
in `sync_base`, each record's values as they were on the server when it was checked out or last
synced: one JSON object per record, keyed by table and key. A JSON row per record rather than a
shadow copy of every table: one small table whatever tables later revisions add, a column added
since simply has no base (it is compared as "unknown"), and a three-way comparison is a
comparison of two dicts.

A sync, record by record and field by field, with base B, mine M (the copy) and theirs T (the
server): M = T -> nothing to do; M = B -> take T; T = B -> take M; else a conflict. `updated_at`
takes the later time; a client's derived name columns follow its name. A record with an
unresolved conflict is held whole (neither side changes) and listed; `resolutions` (table, id,
field or '*') -> 'mine'|'theirs' settle them. Deleted on one side and changed on the other is a
conflict of the whole record ('*').

The server's side runs in one REPEATABLE READ transaction; the copy's side in one transaction
after the server committed. New records of the copy go up with new server ids and are
remembered in `sync_origins` in the server's transaction, so a sync cut off after the server
committed finds them there when it is run again (a value that differs between the two then is
listed as a conflict, never taken silently). The copy then learns the server ids: its new
records and every reference to them are renumbered."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, Table, delete, select

from app.db import team_copy as tc
from app.db import team_delta, team_dirty
from app.db.team_renumber import renumber

UNKNOWN = "\0unknown"  # the base of a field nobody recorded
NOT_COMPARED = frozenset({"updated_at"})
# a record's edit counter (optimistic concurrency, revision 0026) is not a field a person edits:
# a merged record the server did not hold yet is one more edit of the server's version, so a
# dialog opened on the server's record before the sync is refused on saving (issue 14 §3)
VERSION = "version"
FOLLOWERS: dict[str, dict[str, str]] = {
    "clients": {"name_key": "name", "sort_key": "name", "initials": "name"}
}
TITLES = ("name", "title", "subject", "number", "task")  # what names a record to a person
DELETED = "*"  # the field of a conflict about a whole record (deleted on one side)
# records that are not synced: counters are merged (the higher wins), settings stay as they are
SPECIAL = frozenset({"settings", "number_sequences"})

Resolutions = dict[tuple[str, str, str], str]


@dataclass(frozen=True)
class Conflict:
    table: str
    record: str  # the id ("12"), or the key's values joined by commas
    field: str  # a column, or "*" for the whole record
    base: object
    mine: object  # None with field "*": deleted in the copy
    theirs: object  # None with field "*": deleted on the server
    title: str = ""  # the record's name, title or subject, as a person knows it

    @property
    def ref(self) -> str:
        return f"{self.table}:{self.record}:{self.field}"


@dataclass
class SyncResult:
    sent: dict[str, int] = field(default_factory=lambda: {"new": 0, "edit": 0, "delete": 0})
    received: dict[str, int] = field(default_factory=lambda: {"new": 0, "edit": 0, "delete": 0})
    conflicts: list[Conflict] = field(default_factory=list)
    resolved: int = 0
    touched_clients: set[int] = field(default_factory=set)
    touched_tables: set[str] = field(default_factory=set)
    # the same for what the sync changed in the copy (its search index follows): tables and
    # clients written, ids deleted and ids renumbered (table -> {old id: new id})
    touched_here: set[str] = field(default_factory=set)
    clients_here: set[int] = field(default_factory=set)
    deleted_here: dict[str, list[int]] = field(default_factory=dict)
    renumbered_here: dict[str, dict[int, int]] = field(default_factory=dict)
    index_problem: str | None = None  # why the server's search index could not follow


def record_text(key: str) -> str:
    return ",".join(str(v) for v in json.loads(key))


# --- sync ---------------------------------------------------------------------------------------


def sync(
    local_engine: Engine,
    server_engine: Engine,
    chunks: Callable[[str], Iterator[bytes]],
    put_file: Callable[[bytes], object],
    origin: str,
    resolutions: Resolutions,
) -> SyncResult:
    """Sends the copy's changes up and brings the server's down (see the module's note)."""
    snapshot = server_engine.execution_options(isolation_level="REPEATABLE READ")
    with local_engine.connect() as local_read:
        noted = team_dirty.notes(local_read)  # None: the copy is read whole
        mark = _mark(local_read)
        base, local_rows = _local_side(local_read, noted)
        with snapshot.begin() as server:
            taken = team_delta.take_mark(server)  # first: this transaction's snapshot
            plan = _Plan(server, base, local_rows, origin, resolutions, chunks)
            plan.changes = team_delta.Changes(server, mark if taken is not None else None)
            if taken is not None:  # the next sync reads what was written after this one's read
                plan.base_puts.append(team_delta.mark_row(taken))
            plan.forget_learnt()
            for table in tc.tables():
                if table.name not in SPECIAL:
                    plan.table(table)
            plan.counters(server, local_rows["number_sequences"].rows)
            plan.apply_server_deletes()
            tc.record_origins(server, origin, plan.new_origins)
            files = [
                (sha, b"".join(tc.server_blob_chunks(server, sha))) for sha in plan.files_to_fetch
            ]
            tc.checkpoint("sync_before_server_commit")
    tc.checkpoint("sync_after_server_commit")
    for _sha, content in files:
        put_file(content)
    with local_engine.begin() as local:
        tc.defer_foreign_keys(local)
        renumber(local, plan.ids_learnt)
        plan.apply_local(local)
        if noted is None:  # from now on the copy notes its changes
            team_dirty.install(local)
        elif plan.settled():  # those read by this sync (its own writes are looked at next
            team_dirty.forget(local, noted[0])  # time); kept while anything is held
    tc.checkpoint("sync_after_local_commit")
    return plan.result


def _mark(conn: Connection) -> str | None:
    """The server's snapshot the last sync (or the checkout) read (team_delta)."""
    base = tc.SYNC_BASE
    stored = conn.execute(
        select(base.c.base).where(
            base.c.table_name == team_delta.MARK_TABLE, base.c.record_key == team_delta.MARK_KEY
        )
    ).scalar()
    return json.loads(stored).get("snapshot") if stored else None


def _local_side(conn: Connection, noted) -> tuple[dict, dict]:
    """The copy's bases and records, table by table: whole, or what was noted since the last
    sync (app.db.team_dirty)."""
    base, local = {}, {}
    for table in tc.tables():
        watched = noted is not None and team_dirty.watched(table) and table.name not in SPECIAL
        keys = noted[1].get(table.name, set()) if watched else None
        local[table.name] = team_dirty.LocalTable(conn, table, keys)
        if table.name not in SPECIAL:
            base[table.name] = team_dirty.Bases(conn, table.name, whole=not watched)
    return base, local


def _changed(mine: dict | None, base: dict) -> bool:
    """Whether the copy's record differs from its base (deleted, or a value changed)."""
    return mine is None or tc.plain_row(mine) != base


def _by_key(table: Table, rows: Iterator[dict]) -> dict[str, dict]:
    return {tc.key_text(table, row): row for row in rows}


class _Plan:
    def __init__(self, server, base, local_rows, origin, resolutions, chunks):
        self.server, self.base, self.local_rows = server, base, local_rows
        self.origin, self.resolutions, self.chunks = origin, resolutions, chunks
        self.origins = tc.load_origins(server, origin)
        self.ids = tc.IdMap()
        self.ids_learnt: dict[str, dict[int, int]] = {}
        self.new_origins: list[tuple[str, str, str]] = []
        self.result = SyncResult()
        self.server_deletes: list[tuple[Table, dict]] = []
        self.local_deletes: list[tuple[Table, dict]] = []
        self.local_writes: list[tuple[Table, dict, bool]] = []  # (table, row, is new)
        self.base_puts: list[tuple[str, str, dict]] = []
        self.base_drops: list[tuple[str, str]] = []
        self.files_to_fetch: list[str] = []
        self.present: dict[tuple[str, int], bool] = {}  # (table, id) found on the server
        self.coming: set[tuple[str, int]] = set()  # (table, id) written into the copy
        self.changes = team_delta.Changes(server, None)  # what the server changed (sync())
        self.waiting = False  # a record waits for a conflict to be settled

    def settled(self) -> bool:
        """Nothing held nor waiting: the copy's notes of changes may go (team_dirty)."""
        return not self.result.conflicts and not self.waiting

    # records the copy has learnt (renumbered, in its base) need no mapping any more
    def forget_learnt(self) -> None:
        for name, pairs in self.origins.items():
            learnt = [lk for lk, sk in pairs.items() if sk in self.base.get(name, {})]
            for lk in learnt:
                self.server.execute(
                    delete(tc.SYNC_ORIGINS).where(
                        tc.SYNC_ORIGINS.c.origin == self.origin,
                        tc.SYNC_ORIGINS.c.table_name == name,
                        tc.SYNC_ORIGINS.c.local_key == lk,
                    )
                )
                del pairs[lk]

    def table(self, table: Table) -> None:
        """The table's records: those changed in the copy since the last sync (noted, and
        different from their base) or on the server (team_delta: written since the last
        sync's snapshot, deleted, newly readable); a record changed on neither side is left
        alone."""
        base, local = self.base[table.name], self.local_rows[table.name]
        side = self.changes.side(table, base.known)
        server_rows = team_delta.ServerRows(self.changes, table, side)
        candidates = local.candidates(base)
        base.prefetch(candidates)
        changed_here = [k for k in candidates if k in base and _changed(local.get(k), base.get(k))]
        new_here = [k for k in candidates if k not in base and local.get(k) is not None]
        links = [] if tc.has_int_id(table) else new_here
        server_rows.prefetch([*changed_here, *links])  # one SELECT, not one per record
        claimed: set[str] = set()
        for key in new_here:
            claimed.add(self._new_local(table, key, local.get(key), server_rows))
        wanted = set(changed_here)
        keys = [k for k in base if k in wanted or side.knows(k)]
        base.prefetch(keys)
        local.prefetch(keys)
        for key in keys:
            self._known(table, key, base.get(key), local.get(key), server_rows.get(key))
        for key, row in server_rows.arrived().items():
            if key not in base and key not in claimed:
                self._arrived(table, key, row)

    def _rewrite(self, table: Table, row: dict) -> dict:
        return self.ids.rewrite(table, row)

    def _new_local(self, table: Table, key: str, row: dict, server_rows) -> str:
        """A record made in the copy: up it goes (once). Its key on the server."""
        new = self._rewrite(table, row)
        if self._waits_for_a_new_record(table, row) or not self._parents_on_server(table, new):
            self.waiting = True
            return ""  # its parent was deleted on the server: listed there, it waits
        earlier = self.origins.get(table.name, {}).get(key)
        if earlier is not None:  # went up in a sync cut off before the copy learnt it
            there = server_rows.get(earlier)
            if tc.has_int_id(table):
                self._learn(table, row["id"], json.loads(earlier)[0])
            if there is not None:
                new = dict(new, **tc.key_values(table, earlier))
                self._known(table, earlier, None, new, there, written=True)
                return earlier
        if tc.has_int_id(table):
            server_id = tc.next_id(self.server, table)
            new["id"] = server_id
            self._learn(table, row["id"], server_id)
            self._changed_here(table, new)  # in the copy under its server id from now on
        server_key = tc.key_text(table, new)
        if server_key in server_rows:  # the same link or day was made on both sides
            self._known(table, server_key, None, new, server_rows[server_key], written=True)
            return server_key
        if table.name == "blobs" and not tc.server_has_blob(self.server, row["sha256"]):
            tc.write_server_blob(self.server, row["sha256"], self.chunks(row["sha256"]))
        self.server.execute(table.insert().values(**new))
        self.new_origins.append((table.name, key, server_key))
        self.base_puts.append((table.name, server_key, tc.plain_row(new)))
        self.result.sent["new"] += 1
        self._touched(table, new)
        return server_key

    def _waits_for_a_new_record(self, table: Table, row: dict) -> bool:
        """Whether it points at a record made in the copy that did not go up (it waits too)."""
        for ref in tc.references(table):
            value = row.get(ref.column)
            parent = ref.parent_of(row)
            if value is None or parent is None or (parent == table.name and ref.parent):
                continue
            if table.name == "change_log":  # history may name a record that never went up
                continue
            made_here = json.dumps([value]) not in self.base.get(parent, {})
            if made_here and self.ids.get(parent, int(value)) is None:
                return True
        return False

    def _parents_on_server(self, table: Table, row: dict) -> bool:
        for ref in tc.references(table):
            value = row.get(ref.column)
            if ref.parent is None or value is None or ref.parent == table.name:
                continue
            parent = tc.table_named(ref.parent)
            if (ref.parent, value) not in self.present:
                found = tc.read_row(self.server, parent, {"id": value}) is not None
                self.present[(ref.parent, value)] = found
            if not self.present[(ref.parent, value)]:
                return False
        return True

    def _new_children(self, table: Table, key: str, deleted_here: bool) -> bool:
        """Whether records made on the other side since the last sync hang on this one (a
        contact added on the server to a client deleted in the copy, or the other way)."""
        if not tc.has_int_id(table):
            return False
        record_id = json.loads(key)[0]
        for child, ref in tc.references_to(table.name):
            if ref.parent != table.name or child.name == table.name:
                continue
            known = self.base.get(child.name, {})
            if deleted_here:
                rows = tc.read_rows_where(self.server, child, child.c[ref.column] == record_id)
            else:
                rows = self.local_rows[child.name].where(ref.column, record_id)
            if any(tc.key_text(child, r) not in known for r in rows):
                return True
        return False

    def _learn(self, table: Table, local_id: int, server_id: int) -> None:
        self.ids.put(table.name, local_id, server_id)
        if local_id != server_id:
            self.ids_learnt.setdefault(table.name, {})[local_id] = server_id
            self.result.touched_here.add(table.name)  # its index entries move with it

    def _known(
        self,
        table: Table,
        key: str,
        base: dict | None,
        mine: dict | None,
        theirs: dict | None,
        written: bool = False,
    ) -> None:
        """A record both sides had: three-way, field by field. `base` None: nobody knows it
        (every difference is a conflict); `written`: the copy's row is already renumbered."""
        if mine is not None and not written:
            mine = self._rewrite(table, mine)
        m = tc.plain_row(mine) if mine is not None else None
        t = tc.plain_row(theirs) if theirs is not None else None
        if m is None and t is None:
            self.base_drops.append((table.name, key))
        elif m is None or t is None:
            self._deleted_on_one_side(table, key, base, m, t)
        else:
            self._both_have(table, key, base, m, t)

    def _choice(self, table: Table, key: str, field_name: str) -> str | None:
        record = record_text(key)
        for probe in (field_name, DELETED) if field_name != DELETED else (DELETED,):
            chosen = self.resolutions.get((table.name, record, probe))
            if chosen is not None:
                return chosen
        return None

    def _deleted_on_one_side(self, table, key, base, m, t) -> None:
        unchanged = base is not None and (m if m is not None else t) == base
        if unchanged and self._new_children(table, key, deleted_here=m is None):
            unchanged = False  # records made since hang on it: the person decides
        if m is None:  # deleted in the copy
            choice = "mine" if unchanged else self._choice(table, key, DELETED)
            if choice == "mine":
                self.server_deletes.append((table, tc.key_values(table, key)))
                self.base_drops.append((table.name, key))
                self.result.sent["delete"] += 1
                self._touched(table, t)
            elif choice == "theirs":
                self._write_local(table, t, new=True, key=key)
                self.result.received["new"] += 1
            else:
                self._conflict(table, key, DELETED, base, None, t)
            self.result.resolved += choice is not None and not unchanged
            return
        choice = "theirs" if unchanged else self._choice(table, key, DELETED)
        if choice == "theirs":  # deleted on the server
            self.local_deletes.append((table, tc.key_values(table, key)))
            self._changed_here(table, m)
            if tc.has_int_id(table):
                self.result.deleted_here.setdefault(table.name, []).append(int(m["id"]))
            self.base_drops.append((table.name, key))
            self.result.received["delete"] += 1
        elif choice == "mine":
            self.server.execute(table.insert().values(**tc.typed_row(table, m)))
            self.base_puts.append((table.name, key, m))
            self.result.sent["new"] += 1
            self._touched(table, m)
        else:
            self._conflict(table, key, DELETED, base, m, None)
        self.result.resolved += choice is not None and not unchanged

    def _both_have(self, table, key, base, m, t) -> None:
        merged, conflicts, resolved = _merge(
            table, base, m, t, lambda f: self._choice(table, key, f)
        )
        if conflicts:
            for name in conflicts:
                b = base.get(name, UNKNOWN) if base is not None else UNKNOWN
                self._conflict(table, key, name, None if b == UNKNOWN else b, m[name], t[name])
            return
        self.result.resolved += resolved
        if merged != t:
            values = tc.typed_row(table, merged)
            self.server.execute(
                table.update().where(tc.where_key(table, tc.key_values(table, key))).values(values)
            )
            self.result.sent["edit"] += 1
            self._touched(table, merged)
        if merged != m:
            self._write_local(table, merged, new=False, key=key)
            self.result.received["edit"] += 1
        if base is None or merged != base:
            self.base_puts.append((table.name, key, merged))

    def _conflict(self, table, key, field_name, base, mine, theirs) -> None:
        rows = [r for r in (self._plain_local(table, key), mine, theirs) if isinstance(r, dict)]
        title = next((str(r[c]) for r in rows for c in TITLES if r.get(c)), "")
        self.result.conflicts.append(
            Conflict(table.name, record_text(key), field_name, base, mine, theirs, title)
        )

    def _plain_local(self, table: Table, key: str) -> dict | None:
        row = self.local_rows.get(table.name, {}).get(key)
        return tc.plain_row(row) if row is not None else None

    def _arrived(self, table: Table, key: str, row: dict) -> None:
        """A record made on the server (or newly visible to this login); it waits while what
        it hangs on is deleted in the copy (that delete is listed as a conflict)."""
        if not self._parents_here(table, row):
            self.waiting = True
            return
        self._write_local(table, tc.plain_row(row), new=True, key=key)
        if table.name == "blobs":
            self.files_to_fetch.append(row["sha256"])
        self.result.received["new"] += 1

    def _parents_here(self, table: Table, row: dict) -> bool:
        for ref in tc.references(table):
            value = row.get(ref.column)
            if ref.parent is None or value is None or ref.parent == table.name:
                continue
            here = json.dumps([value]) in self.local_rows[ref.parent]
            learnt = value in self.ids.ids.get(ref.parent, {}).values()
            if not (here or learnt or (ref.parent, value) in self.coming):
                return False
        return True

    def _write_local(self, table: Table, plain: dict, new: bool, key: str) -> None:
        self._changed_here(table, plain)
        if new and tc.has_int_id(table):
            self.coming.add((table.name, plain["id"]))
        self.local_writes.append((table, tc.typed_row(table, plain), new))
        self.base_puts.append((table.name, key, plain))

    def _changed_here(self, table: Table, row: dict | None) -> None:
        """What the copy's search index must follow (SyncResult.touched_here)."""
        self.result.touched_here.add(table.name)
        if row is None:
            return
        if table.name == "clients":
            self.result.clients_here.add(int(row["id"]))
        elif row.get("client_id") is not None:
            self.result.clients_here.add(int(row["client_id"]))

    def _touched(self, table: Table, row: dict | None) -> None:
        self.result.touched_tables.add(table.name)
        if row is None:
            return
        if table.name == "clients":
            self.result.touched_clients.add(int(row["id"]))
        elif row.get("client_id") is not None:
            self.result.touched_clients.add(int(row["client_id"]))

    def counters(self, server: Connection, local_rows: dict[str, dict]) -> None:
        """Numbering counters: both sides take the higher."""
        table = tc.table_named("number_sequences")
        there = _by_key(table, tc.read_rows(server, table))
        for key in set(there) | set(local_rows):
            mine, theirs = local_rows.get(key), there.get(key)
            top = max(r["last"] for r in (mine, theirs) if r is not None)
            if theirs is None:
                server.execute(table.insert().values(**mine))
            elif theirs["last"] < top:
                server.execute(
                    table.update()
                    .where(tc.where_key(table, tc.key_values(table, key)))
                    .values(last=top)
                )
            if mine is None or mine["last"] < top:
                row = dict(theirs or mine, last=top)
                self.local_writes.append((table, row, mine is None))

    def apply_server_deletes(self) -> None:
        order = {t.name: n for n, t in enumerate(tc.tables())}
        for table, key in sorted(self.server_deletes, key=lambda d: -order[d[0].name]):
            self.server.execute(delete(table).where(tc.where_key(table, key)))

    def apply_local(self, local: Connection) -> None:
        self.result.renumbered_here = self.ids_learnt
        order = {t.name: n for n, t in enumerate(tc.tables())}
        for table, key in sorted(self.local_deletes, key=lambda d: -order[d[0].name]):
            local.execute(delete(table).where(tc.where_key(table, key)))
        for table, row, new in sorted(self.local_writes, key=lambda w: order[w[0].name]):
            key = {c: row[c] for c in tc.key_columns(table)}
            if new and tc.read_row(local, table, key) is None:
                local.execute(table.insert().values(**row))
            else:
                local.execute(table.update().where(tc.where_key(table, key)).values(**row))
        for name, key in self.base_drops:
            local.execute(
                delete(tc.SYNC_BASE).where(
                    tc.SYNC_BASE.c.table_name == name, tc.SYNC_BASE.c.record_key == key
                )
            )
        for name, key, stored in self.base_puts:
            local.execute(
                delete(tc.SYNC_BASE).where(
                    tc.SYNC_BASE.c.table_name == name, tc.SYNC_BASE.c.record_key == key
                )
            )
            local.execute(
                tc.SYNC_BASE.insert().values(
                    table_name=name, record_key=key, base=json.dumps(stored, ensure_ascii=False)
                )
            )


def _merge(table: Table, base, m: dict, t: dict, choose) -> tuple[dict, list[str], int]:
    """The merged record (plain values), the fields in conflict, how many were resolved."""
    followers = FOLLOWERS.get(table.name, {})
    keys = set(tc.key_columns(table))
    merged, conflicts, resolved = dict(t), [], 0
    for name in m:
        if name in keys or name in NOT_COMPARED or name in followers or name == VERSION:
            continue
        b = base.get(name, UNKNOWN) if base is not None else UNKNOWN
        if m[name] == t[name]:
            continue
        if b != UNKNOWN and m[name] == b:
            continue  # theirs
        if b != UNKNOWN and t[name] == b:
            merged[name] = m[name]
            continue
        chosen = choose(name)
        if chosen is None:
            conflicts.append(name)
        else:
            resolved += 1
            merged[name] = m[name] if chosen == "mine" else t[name]
    for name, source in followers.items():
        if name in m:
            merged[name] = m[name] if merged[source] == m[source] else t[name]
    for name in NOT_COMPARED & set(m):
        stamps = [v for v in (m[name], t[name]) if v is not None]
        merged[name] = max(stamps) if stamps else None
    if VERSION in t and t[VERSION] is not None:
        edited = any(merged[k] != t[k] for k in t if k not in NOT_COMPARED and k != VERSION)
        merged[VERSION] = t[VERSION] + 1 if edited else t[VERSION]
    return merged, conflicts, resolved

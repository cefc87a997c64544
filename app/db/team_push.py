"""`team push`: every record of a laptop's archive file into a team archive, in one transaction.

Ids. A record keeps its laptop id when no record on the server has it (the first laptop pushed
into an empty team archive keeps all its numbers); otherwise it takes the next id of the
table's sequence. A record that matches one already on the server by a unique business key
(a client's name or credit code, a contract's number, a document's number, a month's target…)
is that record: nothing is added and the laptop's references to it point at the server's. Each
pushed or matched record is remembered in `sync_origins` as (origin, table, laptop id) ->
server id, in the same transaction: a second push of the same archive finds everything there
and adds only what the laptop made since. Every reference (foreign keys, an attachment's
owner, a history entry's record, a bin item's record and the rows it holds) is rewritten to the
server's ids. The sequences are set past the highest id at the end.

Settings go up only where the server has none of that key (the team's own settings win);
numbering counters take the higher of the two; attachment files go into the server's store."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, Table, UniqueConstraint, func, select

from app.db import team_copy as tc
from app.domain.errors import AppError

Chunks = Callable[[str], Iterator[bytes]]  # the plain content of a stored file, by SHA-256


@dataclass
class TableCount:
    table: str
    local: int = 0  # rows in the archive file
    added: int = 0  # inserted by this push
    matched: int = 0  # already on the server (pushed before, or the same business key)
    on_server: int = 0  # rows of the file found on the server afterwards (the check)


@dataclass
class PushResult:
    counts: list[TableCount] = field(default_factory=list)
    files: int = 0  # attachment files checked on the server by their SHA-256
    files_added: int = 0
    bad_files: list[str] = field(default_factory=list)
    index_problem: str | None = None  # why the server's search index could not be rebuilt

    @property
    def added(self) -> int:
        return sum(c.added for c in self.counts)

    @property
    def verified(self) -> bool:
        return not self.bad_files and all(c.on_server == c.local for c in self.counts)


def refuse_other_revisions(local: Connection, server: Connection) -> None:
    """Both ends must be at the same schema revision (upgrade the older one first)."""
    mine, theirs = tc.revision_of(local), tc.revision_of(server)
    if mine != theirs:
        raise AppError("team_revisions_differ", mine=mine or "-", theirs=theirs or "-")
    for table in tc.tables():
        for conn, where in ((local, "archive"), (server, "server")):
            try:
                conn.execute(select(func.count()).select_from(table)).scalar()
            except Exception as exc:  # noqa: BLE001 - a table the other end does not have
                raise AppError("team_table_differs", table=table.name, where=where) from exc


def push(local_engine: Engine, server_engine: Engine, chunks: Chunks, origin: str) -> PushResult:
    """Moves the archive's records into the team archive in one transaction on the server and
    checks them there. Nothing is written on the server when anything fails."""
    result = PushResult()
    with local_engine.connect() as local, server_engine.begin() as server:
        refuse_other_revisions(local, server)
        tc.lock_for_copy(server, [t.name for t in tc.tables()])
        for table in tc.tables():  # a new id never takes one a laptop record keeps
            if tc.has_int_id(table):
                highest = local.execute(select(func.max(table.c.id))).scalar() or 1
                tc.move_sequence_past_ids(server, table, highest)
        run = _Push(local, server, chunks, origin)
        for table in tc.tables():
            result.counts.append(run.table(table))
        tc.record_origins(server, origin, run.new_origins)
        for table in tc.tables():
            if tc.has_int_id(table):
                tc.move_sequence_past_ids(server, table)
        result.files_added = run.files_added
        _verify(run, result)
        if not result.verified:
            raise AppError("team_push_unverified", problem=_first_problem(result))
        tc.checkpoint("push_before_commit")
    return result


class _Push:
    def __init__(self, local: Connection, server: Connection, chunks: Chunks, origin: str):
        self.local, self.server, self.chunks, self.origin = local, server, chunks, origin
        self.known = tc.load_origins(server, origin)
        self.ids = tc.IdMap()
        for name, pairs in self.known.items():
            if tc.has_int_id(tc.table_named(name)):
                for lk, sk in pairs.items():
                    self.ids.put(name, json.loads(lk)[0], json.loads(sk)[0])
        self.new_origins: list[tuple[str, str, str]] = []
        self.present: dict[str, list[str]] = {}  # server keys of the file's rows, per table
        self.files_added = 0
        self.later: list[tuple[Table, int, str, int]] = []  # self-references set afterwards

    def table(self, table: Table) -> TableCount:
        count = TableCount(table.name)
        known = self.known.setdefault(table.name, {})
        self.taken = _server_ids(self.server, table)
        self.uniques = _unique_keys(self.server, table)
        for row in tc.read_rows(self.local, table):
            if table.name == "settings" and row["key"].startswith(tc.PERSONAL_SETTINGS):
                continue  # stays on the laptop
            count.local += 1
            key = tc.key_text(table, row)
            if key in known:
                count.matched += 1
                self.present.setdefault(table.name, []).append(known[key])
                continue
            server_key, added = self._row(table, row)
            count.added += added
            count.matched += not added
            self.new_origins.append((table.name, key, server_key))
            known[key] = server_key
            self.present.setdefault(table.name, []).append(server_key)
        self._set_later()
        return count

    def _row(self, table: Table, row: dict) -> tuple[str, bool]:
        """The row's key on the server, and whether it was added."""
        if table.name == "settings":
            return self._setting(table, row)
        if table.name == "number_sequences":
            return self._counter(table, row)
        if table.name == "blobs":
            self._file(row["sha256"])
        new = self._rewritten(table, row)
        if table.name == "recycle_bin":
            new["payload"], root = self._payload(row["payload"])
            new["record_id"] = root if root is not None else row["record_id"]
        if not tc.has_int_id(table):
            key = {c: new[c] for c in tc.key_columns(table)}
            if tc.read_row(self.server, table, key) is not None:
                return tc.key_text(table, new), False
            self.server.execute(table.insert().values(**new))
            return tc.key_text(table, new), True
        local_id = row["id"]
        same = self._same_business_key(table, new)
        if same is not None:
            self.ids.put(table.name, local_id, same)
            return json.dumps([same]), False
        if local_id in self.taken:
            new["id"] = tc.next_id(self.server, table)
        self.taken.add(new["id"])
        self._remember_unique(table, new)
        self.ids.put(table.name, local_id, new["id"])
        self.server.execute(table.insert().values(**new))
        return json.dumps([new["id"]]), True

    def _rewritten(self, table: Table, row: dict) -> dict:
        new = self.ids.rewrite(table, row)
        for ref in tc.references(table):
            pending = ref.parent == table.name and new.get(ref.column) is not None
            if pending and self.ids.get(table.name, int(row[ref.column])) is None:
                # a record of the same table not copied yet (a reply to a later letter)
                self.later.append((table, row["id"], ref.column, int(row[ref.column])))
                new[ref.column] = None
        return new

    def _set_later(self) -> None:
        for table, local_id, column, parent in self.later:
            server_id, parent_id = (
                self.ids.get(table.name, local_id),
                self.ids.get(table.name, parent),
            )
            if server_id is not None and parent_id is not None:
                self.server.execute(
                    table.update().where(table.c.id == server_id).values({column: parent_id})
                )
        self.later = []

    def _same_business_key(self, table: Table, row: dict) -> int | None:
        for columns, ids in self.uniques.items():
            values = tuple(row.get(c) for c in columns)
            if None not in values and values in ids:
                return ids[values]
        return None

    def _remember_unique(self, table: Table, row: dict) -> None:
        for columns, ids in self.uniques.items():
            ids[tuple(row.get(c) for c in columns)] = row["id"]

    def _setting(self, table: Table, row: dict) -> tuple[str, bool]:
        key = tc.key_text(table, row)
        if row["key"].startswith(tc.PERSONAL_SETTINGS):
            return key, False
        if tc.read_row(self.server, table, {"key": row["key"]}) is not None:
            return key, False
        self.server.execute(table.insert().values(**row))
        return key, True

    def _counter(self, table: Table, row: dict) -> tuple[str, bool]:
        key = {"scope": row["scope"], "year": row["year"]}
        there = tc.read_row(self.server, table, key)
        if there is None:
            self.server.execute(table.insert().values(**row))
            return tc.key_text(table, row), True
        if row["last"] > there["last"]:
            self.server.execute(
                table.update().where(tc.where_key(table, key)).values(last=row["last"])
            )
        return tc.key_text(table, row), False

    def _file(self, sha256: str) -> None:
        if not tc.server_has_blob(self.server, sha256):
            tc.write_server_blob(self.server, sha256, self.chunks(sha256))
            self.files_added += 1

    def _payload(self, payload: str) -> tuple[str, int | None]:
        """A bin item's rows with server ids: each binned row takes a new id of its table (it is
        not in its table, so nothing maps it), and what it points at is mapped."""
        data = json.loads(payload)
        binned = tc.IdMap()
        for name, rows in data.get("tables", {}).items():
            table = tc.Base.metadata.tables.get(name)
            if table is None or not tc.has_int_id(table):
                continue
            for stored in rows:
                binned.put(name, stored["id"], tc.next_id(self.server, table))
        both = tc.IdMap({**self.ids.ids})
        for name, pairs in binned.ids.items():
            both.ids[name] = {**both.ids.get(name, {}), **pairs}
        for name, rows in data.get("tables", {}).items():
            table = tc.Base.metadata.tables.get(name)
            if table is None:
                continue
            data["tables"][name] = [
                tc.plain_row(
                    both.rewrite(table, tc.typed_row(table, stored)) | _new_id(binned, name, stored)
                )
                for stored in rows
            ]
        root_table, root_key = data["root"]
        root = binned.get(root_table, root_key[0]) if len(root_key) == 1 else None
        if root is not None:
            data["root"] = [root_table, [root]]
        data["relinks"] = [
            [t, c, [both.get(t, k[0]) or k[0]] if len(k) == 1 else k, _mapped(both, t, c, v)]
            for t, c, k, v in data.get("relinks", [])
        ]
        return json.dumps(data, ensure_ascii=False), root


def _server_ids(conn: Connection, table: Table) -> set[int]:
    if not tc.has_int_id(table):
        return set()
    return {int(i) for (i,) in conn.execute(select(table.c.id))}


def _unique_keys(conn: Connection, table: Table) -> dict[tuple[str, ...], dict[tuple, int]]:
    """Each unique business key of the table -> {values: id} of the server's rows."""
    if not tc.has_int_id(table):
        return {}
    found: dict[tuple[str, ...], dict[tuple, int]] = {}
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            columns = tuple(c.name for c in constraint.columns)
            rows = conn.execute(select(table.c.id, *(table.c[c] for c in columns)))
            found[columns] = {tuple(r[1:]): int(r[0]) for r in rows}
    return found


def _new_id(binned: tc.IdMap, name: str, stored: dict) -> dict:
    if "id" in stored and binned.get(name, stored["id"]) is not None:
        return {"id": binned.get(name, stored["id"])}
    return {}


def _mapped(ids: tc.IdMap, table: str, column: str, value: object) -> object:
    if value is None:
        return None
    for ref in tc.references(tc.table_named(table)):
        if ref.column == column and ref.parent is not None:
            return ids.get(ref.parent, int(value)) or value
    return value


def _first_problem(result: PushResult) -> str:
    for count in result.counts:
        if count.on_server != count.local:
            return f"{count.table}: {count.local} / {count.on_server}"
    return f"blob {result.bad_files[0]}"


def _keys_on_server(conn: Connection, table: Table) -> Iterator[dict]:
    columns = [table.c[c] for c in tc.key_columns(table)]
    for row in conn.execute(select(*columns)).mappings():
        yield dict(row)


def _verify(run: _Push, result: PushResult) -> None:
    """Every row of the file is on the server under its mapped key; every file's content there
    hashes to its name."""
    for count in result.counts:
        table = tc.table_named(count.table)
        there = {tc.key_text(table, row) for row in _keys_on_server(run.server, table)}
        keys = run.present.get(count.table, [])
        count.on_server = sum(1 for server_key in keys if server_key in there)
    for (sha256,) in run.local.execute(select(tc.table_named("blobs").c.sha256)):
        result.files += 1
        digest = hashlib.sha256()
        for chunk in tc.server_blob_chunks(run.server, sha256):
            digest.update(chunk)
        if digest.hexdigest() != sha256:
            result.bad_files.append(sha256)

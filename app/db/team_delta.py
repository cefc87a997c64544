"""What changed on the server since an offline copy last synced (issue 14 §4), so a sync reads
those rows and not whole tables.

PostgreSQL stamps every row version with the transaction that wrote it (the `xmin` system
column): an insert or an update by anyone, through the app, psql, an import or another copy's
sync, leaves a new stamp; no trigger or column of ours is needed, so no schema change either.
The checkout and every sync remember, in the copy's `sync_base` (MARK_TABLE), the snapshot its
server transaction read (`pg_current_snapshot()`); the next sync reads only the rows whose
writer that snapshot did not see (`pg_visible_in_snapshot`), transactions in flight then
included.

What leaves no stamp: a delete, and a row that became readable to this login without being
written (row-level security: the record it hangs on became readable). A count, id sum and sum
of squares per table (computed by the server, a few numbers) tell whether there are any; only
then are they looked for, by halving the id range while its figures differ from the copy's
(a few dozen aggregates for one delete among 100,000 records), and the ids of the small
ranges left are read. A link table (no id) has its keys read. A copy with no mark (checked out by an
older version) reads whole tables once, as before."""

from __future__ import annotations

import json
from bisect import bisect_left
from dataclasses import dataclass, field

from sqlalchemy import Connection, Integer, Numeric, Table, cast, func, select, text

from app.db import team_copy as tc
from app.db import team_dirty

MARK_TABLE, MARK_KEY = "~server", json.dumps(["snapshot"])
SNAPSHOT_FUNCTIONS = 130000  # pg_current_snapshot() and pg_visible_in_snapshot(): PostgreSQL 13
EPOCH = 1 << 32
LEAF = 64  # an id range this small (or holding this few ids) has its ids read


def mark_row(snapshot: str) -> tuple[str, str, dict]:
    """The copy's `sync_base` entry that remembers the server's snapshot."""
    return MARK_TABLE, MARK_KEY, {"snapshot": snapshot}


def take_mark(server: Connection) -> str | None:
    """The snapshot of the server transaction `server` is in: call it first, before any read
    (REPEATABLE READ takes the snapshot at the first statement). None before PostgreSQL 13."""
    version = int(server.execute(text("SHOW server_version_num")).scalar_one())
    if version < SNAPSHOT_FUNCTIONS:
        return None
    return str(server.execute(text("SELECT pg_current_snapshot()::text")).scalar_one())


@dataclass
class ServerSide:
    """One table's rows on the server, as far as a sync needs them."""

    rows: dict[str, dict]  # key -> row: written since the mark, or newly readable
    gone: set[str] = field(default_factory=set)  # keys the copy knows that the server lost
    complete: bool = False  # `rows` is the whole table (no mark: read as before)

    def knows(self, key: str) -> bool:
        return self.complete or key in self.rows or key in self.gone


class Changes:
    """Reads, table by table, what changed on the server since `mark` (None: everything)."""

    def __init__(self, server: Connection, mark: str | None) -> None:
        self.server, self.mark = server, mark
        self.read_keys: list[str] = []  # tables whose keys had to be read (for the bench)
        if mark is not None:
            now = server.execute(text("SELECT pg_snapshot_xmax(pg_current_snapshot())::text"))
            self.now = int(now.scalar_one())

    def side(self, table: Table, base_keys: set[str]) -> ServerSide:
        if self.mark is None:
            rows = {tc.key_text(table, r): r for r in tc.read_rows(self.server, table)}
            return ServerSide(rows, complete=True)
        written = {tc.key_text(table, r): r for r in self._written(table)}
        side = ServerSide(written)
        if not self._same_keys(table, base_keys | set(written)):
            self._find_unstamped(table, base_keys, side)
        return side

    def _written(self, table: Table):
        """The rows whose writer the mark's snapshot did not see."""
        xmin = text(f'"{table.name}".xmin::text::bigint')
        full = (
            f"CASE WHEN :epoch + {xmin.text} > :now THEN :epoch - {EPOCH} + {xmin.text}"
            f" ELSE :epoch + {xmin.text} END"
        )
        unseen = text(
            f"NOT pg_visible_in_snapshot(({full})::text::xid8, CAST(:mark AS pg_snapshot))"
        ).bindparams(epoch=self.now // EPOCH * EPOCH, now=self.now, mark=self.mark)
        return tc.read_rows_where(self.server, table, unseen)

    def _same_keys(self, table: Table, expected: set[str]) -> bool:
        """Whether the server holds exactly `expected` (the copy's keys and those written
        since), by a few figures of the keys (count, sums, sums of squares); a table whose
        key is not made of integers has its keys read."""
        if not _integer_keys(table):
            return False
        keys = [_ints(k) for k in expected]
        return self._aggregate(table, None) == _figures(keys, len(table.primary_key.columns))

    def _aggregate(self, table: Table, span: tuple[int, int] | None) -> tuple:
        columns = [table.c[c] for c in tc.key_columns(table)]
        figures = [func.count()]
        for column in columns:
            figures.append(func.coalesce(func.sum(column), 0))
            figures.append(func.coalesce(func.sum(cast(column, Numeric) * column), 0))
        if len(columns) > 1:
            product = cast(columns[0], Numeric) * columns[1]
            figures.append(func.coalesce(func.sum(product), 0))
        query = select(*figures).select_from(table)
        if span is not None:
            query = query.where(columns[0] >= span[0], columns[0] < span[1])
        return tuple(int(v) for v in self.server.execute(query).one())

    def _find_unstamped(self, table: Table, base_keys: set[str], side: ServerSide) -> None:
        """Deletes, and rows newly readable: the keys where the server and the copy differ
        (ranges of the key's first column halved while their figures differ; a table whose
        key is not made of integers: all its keys), then the rows newly readable."""
        self.read_keys.append(table.name)
        columns = [table.c[c] for c in tc.key_columns(table)]
        if _integer_keys(table):
            expected = sorted(_ints(k) for k in base_keys | set(side.rows))
            top = self.server.execute(select(func.max(columns[0]))).scalar() or 0
            end = max([top, *(k[0] for k in expected[-1:])]) + 1
            spans = self._differing(table, expected, (0, end))
            there = {json.dumps(list(k)) for _lo, _hi, keys in spans for k in keys}
            looked = [(lo, hi) for lo, hi, _keys in spans]
            known = {k for k in base_keys if _within(json.loads(k)[0], looked)}
        else:
            found = self.server.execute(select(*columns)).mappings()
            there, known = {tc.key_text(table, dict(r)) for r in found}, base_keys
        side.gone = known - there
        for key, row in self.fetch(table, sorted(there - base_keys - set(side.rows))).items():
            side.rows[key] = row

    def _differing(self, table: Table, expected: list[tuple], span: tuple[int, int]) -> list:
        """(lo, hi, the server's keys) of the smallest ranges of the key's first column
        whose figures differ from the copy's."""
        lo, hi = span
        mine = expected[bisect_left(expected, (lo,)) : bisect_left(expected, (hi,))]
        figures = self._aggregate(table, span)
        if figures == _figures(mine, len(table.primary_key.columns)):
            return []
        if hi - lo <= LEAF or figures[0] + len(mine) <= LEAF:
            columns = [table.c[c] for c in tc.key_columns(table)]
            rows = self.server.execute(select(*columns).where(columns[0] >= lo, columns[0] < hi))
            return [(lo, hi, [tuple(int(v) for v in r) for r in rows])]
        middle = (lo + hi) // 2
        return self._differing(table, expected, (lo, middle)) + self._differing(
            table, expected, (middle, hi)
        )

    def fetch(self, table: Table, keys: list[str]) -> dict[str, dict]:
        """The server's rows of `keys` (those it holds)."""
        return team_dirty.fetch_rows(self.server, table, keys)


def _ints(key: str) -> tuple[int, ...]:
    """A key of integers as json.dumps wrote it ("[12]", "[3, 4]"), read quickly."""
    return tuple(int(part) for part in key[1:-1].split(", "))


def _integer_keys(table: Table) -> bool:
    return all(isinstance(table.c[c].type, Integer) for c in tc.key_columns(table))


def _figures(keys: list, width: int) -> tuple:
    """What _aggregate computes, of the copy's keys (each `width` integers)."""
    keys = [tuple(k) for k in keys]
    figures = [len(keys)]
    for n in range(width):
        figures += [sum(k[n] for k in keys), sum(k[n] * k[n] for k in keys)]
    if width > 1:
        figures.append(sum(k[0] * k[1] for k in keys))
    return tuple(figures)


def _within(value: int, spans: list[tuple[int, int]]) -> bool:
    return any(lo <= value < hi for lo, hi in spans)


class ServerRows:
    """A table's server rows for the sync's plan: those read (written since the mark), else
    fetched by key when the plan asks (a record changed in the copy)."""

    def __init__(self, changes: Changes, table: Table, side: ServerSide) -> None:
        self.changes, self.table, self.side = changes, table, side
        self.fetched: dict[str, dict | None] = {}

    def prefetch(self, keys: list[str]) -> None:
        wanted = [k for k in keys if not self.side.knows(k) and k not in self.fetched]
        if not wanted:
            return
        found = self.changes.fetch(self.table, wanted)
        for key in wanted:
            self.fetched[key] = found.get(key)

    def get(self, key: str) -> dict | None:
        if self.side.knows(key):
            return self.side.rows.get(key)
        if key not in self.fetched:
            self.prefetch([key])
        return self.fetched[key]

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key: str) -> dict:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def arrived(self) -> dict[str, dict]:
        """The rows read from the server (the only ones that can be new to the copy)."""
        return self.side.rows

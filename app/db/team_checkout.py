"""`team checkout`: an offline copy of a team archive (issue 14 §4), the other half of
app.db.team_sync (which says what the copy holds and why).

The copy is written in one transaction from one REPEATABLE READ snapshot of the server: every
record the login can SELECT (row-level security decides; nothing is filtered here beyond
leaving out a row whose parent the login may not read), each with its base in `sync_base`."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import Connection, Engine, Table, delete

from app.db import team_copy as tc
from app.db import team_delta, team_dirty
from app.db.team_sync import SPECIAL


def checkout(
    server_engine: Engine, local_engine: Engine, put_file: Callable[[bytes], object]
) -> dict[str, int]:
    """Copies every record the login can read into the new archive file, with its base; the
    number of records per table."""
    counts: dict[str, int] = {}
    snapshot = server_engine.execution_options(isolation_level="REPEATABLE READ")
    with snapshot.connect() as server, local_engine.begin() as local:
        mark = team_delta.take_mark(server)  # first: the snapshot everything is read in
        for table in reversed(tc.tables()):
            if table.name != "settings":
                local.execute(delete(table))
        tc.defer_foreign_keys(local)
        bases, copied = [], {}
        for table in tc.tables():
            rows = _whole(table, tc.read_rows(server, table), copied)
            if table.name == "settings":
                _copy_settings(local, table, rows)
                continue
            if rows:
                local.execute(table.insert(), rows)
            if table.name == "blobs":
                for row in rows:
                    put_file(b"".join(tc.server_blob_chunks(server, row["sha256"])))
            if table.name not in SPECIAL:
                bases += [_base_row(table, row) for row in rows]
            counts[table.name] = len(rows)
        if mark is not None:  # the first sync reads what was written after this read
            name, key, value = team_delta.mark_row(mark)
            bases.append({"table_name": name, "record_key": key, "base": json.dumps(value)})
        if bases:
            local.execute(tc.SYNC_BASE.insert(), bases)
        team_dirty.install(local)  # the copy notes its changes from now on (team_dirty)
    return counts


def _whole(table: Table, rows, copied: dict[str, set]) -> list[dict]:
    """The rows whose parents are in the copy: a row that hangs on a record this login may not
    read stays on the server (a later sync brings it when its parent is readable)."""
    kept = []
    for row in rows:
        if all(_parent_copied(ref, row, copied) for ref in tc.references(table)):
            kept.append(row)
    if tc.has_int_id(table):
        copied[table.name] = {row["id"] for row in kept}
    return kept


def _parent_copied(ref: tc.Reference, row: dict, copied: dict[str, set]) -> bool:
    value = row.get(ref.column)
    if value is None or ref.parent is None or ref.parent not in copied:
        return True
    return value in copied[ref.parent]


def _copy_settings(local: Connection, table: Table, rows: list[dict]) -> None:
    for row in rows:
        if not row["key"].startswith(tc.PERSONAL_SETTINGS):
            local.execute(delete(table).where(table.c.key == row["key"]))
            local.execute(table.insert().values(**row))


def _base_row(table: Table, row: dict) -> dict:
    return {
        "table_name": table.name,
        "record_key": tc.key_text(table, row),
        "base": json.dumps(tc.plain_row(row), ensure_ascii=False),
    }

"""A PostgreSQL server and a big team archive for the benchmarks of issue 14.

    .venv/bin/python bench/team_server.py start FOLDER          # a cluster, left running
    .venv/bin/python bench/team_server.py load FOLDER ARCHIVE   # the archive file's rows -> db
    .venv/bin/python bench/team_server.py stop FOLDER

`load` copies every table of an archive file at head (e.g. the 100,000-client / 1,000,000-
activity archive from `sales-compass demo --clients 100000 --activities 1000000`) into a new team
database `compass` with PostgreSQL's COPY, sets the id sequences past the highest ids and builds
the search index through the app's own rebuild (the same code a team archive runs when its index
is marked out of date). It is a benchmark's loader, not the product's `team push`: no id mapping,
no attachments, an empty database only. Prints the time of each step."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pg_server import Cluster, server_programs  # noqa: E402

DATABASE = "compass"
SKIP = {"alembic_version", "search_docs", "sqlite_sequence"}


def cluster(folder: Path) -> Cluster:
    programs = server_programs()
    if programs is None:
        sys.exit("PostgreSQL is not installed: sh scripts/ensure_postgresql.sh")
    return Cluster(Path(folder), programs)


def start(folder: Path) -> None:
    import os
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    made = cluster(folder)
    made.start(durable=True)
    print(made.address(DATABASE))


def load(folder: Path, archive: Path) -> None:
    import psycopg

    from app.services.archive import open_archive

    server = cluster(folder)
    server.sql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    server.sql(f"CREATE DATABASE {DATABASE}")
    address = server.address(DATABASE)
    started = time.perf_counter()
    open_archive(address).close()  # schema at head
    print(f"schema: {time.perf_counter() - started:.1f} s")
    source = sqlite3.connect(f"file:{archive}?mode=ro", uri=True)
    with psycopg.connect(dbname=DATABASE, user="compass_test", host=server.socket) as conn:
        conn.execute("SET session_replication_role = replica")  # foreign keys checked by SQLite
        for table in _tables_in_order(conn):
            if table in SKIP:
                continue
            _copy_table(source, conn, table)
        _advance_sequences(conn)
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('search.rebuild_needed', '1')"
            " ON CONFLICT (key) DO UPDATE SET value = '1'"
        )
        conn.commit()
    started = time.perf_counter()
    open_archive(address).close()  # rebuilds the search index, as after an upgrade
    print(f"search index rebuilt: {time.perf_counter() - started:.1f} s")
    with psycopg.connect(
        dbname=DATABASE, user="compass_test", host=server.socket, autocommit=True
    ) as conn:
        conn.execute("VACUUM ANALYZE")
        size = conn.execute("SELECT pg_size_pretty(pg_database_size(%s))", (DATABASE,)).fetchone()
    print(f"database size: {size[0]}")


def _tables_in_order(conn) -> list[str]:
    rows = conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    ).fetchall()
    return [r[0] for r in rows]


def _copy_table(source: sqlite3.Connection, conn, table: str) -> None:
    target_columns = [
        r[0]
        for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
            (table,),
        ).fetchall()
    ]
    try:
        present = [r[1] for r in source.execute(f"PRAGMA table_info({table})")]
    except sqlite3.DatabaseError:
        return
    columns = [c for c in present if c in target_columns]
    if not columns:
        return
    started = time.perf_counter()
    conn.execute(f"DELETE FROM {table}")  # what opening the new archive wrote (settings)
    names = ", ".join(f'"{c}"' for c in columns)
    count = 0
    with conn.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in source.execute(f"SELECT {names} FROM {table}"):
            copy.write_row([_value(v) for v in row])
            count += 1
    print(f"{table}: {count} rows, {time.perf_counter() - started:.1f} s")


def _value(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # booleans stored 0/1 read as text by PostgreSQL's boolean input too
    return value


def _advance_sequences(conn) -> None:
    for table, column, sequence in conn.execute(
        "SELECT table_name, column_name, pg_get_serial_sequence(table_name, column_name)"
        " FROM information_schema.columns WHERE table_schema = 'public'"
        " AND column_default LIKE 'nextval%%'"
    ).fetchall():
        conn.execute(
            f"SELECT setval('{sequence}', GREATEST((SELECT max({column}) FROM {table}), 1))"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "load", "stop"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("archive", type=Path, nargs="?")
    args = parser.parse_args()
    if args.action == "start":
        start(args.folder)
    elif args.action == "load":
        load(args.folder, args.archive)
    else:
        cluster(args.folder).stop()


if __name__ == "__main__":
    main()

"""A kill at any moment of creating or upgrading an archive leaves it untouched or at head, and
the models agree with what the migrations build."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from migration_samples import archive_at_first_revision
from sqlalchemy import create_engine

from app.db import archive_file
from app.db.models import Base
from app.services import clients
from app.services.archive import open_archive

PROJECT = Path(__file__).resolve().parents[2]

# Opens (creates or upgrades) the archive in a fresh process that SIGKILLs itself just before
# its Nth SQL statement; with N = 0 it prints how many statements the whole opening took.
_KILL_AT_STATEMENT = """
import os, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine

target, seen = int(sys.argv[2]), 0

@event.listens_for(Engine, "before_cursor_execute")
def _maybe_die(*_args, **_kwargs):
    global seen
    seen += 1
    if seen == target:
        os.kill(os.getpid(), signal.SIGKILL)

from app.services.archive import open_archive
open_archive(sys.argv[1]).close()
print(seen)
"""


def _open_in_process_killed_at(path: Path, statement: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _KILL_AT_STATEMENT, str(path), str(statement)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _statements_to_open(path: Path) -> int:
    result = _open_in_process_killed_at(path, 0)
    assert result.returncode == 0, result.stderr
    return int(result.stdout.strip())


def _kill_points(total: int, count: int = 9) -> list[int]:
    """Spread over the whole run, first and last statements included."""
    return sorted({1, 2, total, *(1 + i * (total - 1) // (count - 1) for i in range(count))})


def _revision(path: Path) -> str | None:
    return archive_file.current_revision(path)


def test_a_kill_while_creating_leaves_no_archive_or_a_whole_one(tmp_path):
    total = _statements_to_open(tmp_path / "counted.sqlite3")
    assert total > 50  # the whole schema, one statement at a time
    for point in _kill_points(total):
        path = tmp_path / f"new-{point}.sqlite3"
        result = _open_in_process_killed_at(path, point)
        assert result.returncode == -signal.SIGKILL, (point, result.stderr)
        assert not path.exists() or _revision(path) == archive_file.head_revision(), point
        archive = open_archive(path)  # and the next start simply works
        try:
            assert clients.client_count(archive) == 0
        finally:
            archive.close()
        assert _revision(path) == archive_file.head_revision()


def test_a_kill_while_upgrading_leaves_the_old_revision_or_head_with_the_data(tmp_path):
    template = tmp_path / "first.sqlite3"
    archive_at_first_revision(template)
    counted = tmp_path / "counted.sqlite3"
    archive_file.copy_database(template, counted)
    total = _statements_to_open(counted)
    for point in _kill_points(total):
        path = tmp_path / f"old-{point}.sqlite3"
        archive_file.copy_database(template, path)
        result = _open_in_process_killed_at(path, point)
        assert result.returncode == -signal.SIGKILL, (point, result.stderr)
        assert _revision(path) in {"0001", archive_file.head_revision()}, point
        archive = open_archive(path)
        try:
            assert clients.get_client(archive, 1).name == "深圳华达电子有限公司"
        finally:
            archive.close()
    # retried upgrades replace their own copy: one before-upgrade copy per archive and day
    for point in _kill_points(total):
        copies = list(tmp_path.glob(f"old-{point}.before-upgrade-0001-*"))
        assert len(copies) <= 1, copies


def test_the_models_agree_with_the_migrated_schema(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    path = tmp_path / "head.sqlite3"
    open_archive(path).close()
    engine = create_engine(f"sqlite:///{path}")

    def ours(obj, name, type_, _reflected, _compare_to):
        # the full-text index is a virtual table with shadow tables the models do not describe;
        # team_users exists on a team archive's server only (revision 0029: logins, issue 14)
        if type_ == "table" and name == "team_users":
            return False
        return not (type_ == "table" and name.startswith("search_fts"))

    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": ours}
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_an_empty_file_is_refused_not_started_over(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    from app.domain.errors import ArchiveError

    with pytest.raises(ArchiveError) as refused:
        open_archive(path)
    assert refused.value.code == "archive_empty_file"
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite3", "empty.sqlite3.lock"]


def test_a_damaged_archive_is_not_written_to(tmp_path):
    from app.domain.errors import ArchiveError
    from app.domain.records import ClientDraft

    path = tmp_path / "damaged.sqlite3"
    archive = open_archive(path)
    for n in range(300):
        clients.create_client(archive, ClientDraft(f"测试客户{n:03d}有限公司"))
    archive.close()
    _damage_a_table_page(path, "clients")
    before = path.read_bytes()
    with pytest.raises(ArchiveError) as refused:
        open_archive(path)
    assert refused.value.code == "archive_corrupt"
    assert path.read_bytes() == before


def _damage_a_table_page(path: Path, table: str) -> None:
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0d" + b"\xff" * 64)  # a leaf page whose cell pointers point nowhere


def test_a_checkpoint_cut_short_is_finished_from_the_wal_not_refused_as_truncated(tmp_path):
    """Killed in the middle of a checkpoint, the file can be shorter than its header says while
    the WAL still holds every page: SQLite finishes it on the next open (found by the soak)."""
    from app.domain.records import ClientDraft

    path = tmp_path / "a.sqlite3"
    open_archive(path).close()
    holder = sqlite3.connect(path)  # keeps the WAL from being folded in when the archive closes
    holder.execute("PRAGMA wal_autocheckpoint=0")
    holder.execute("SELECT count(*) FROM clients").fetchall()
    archive = open_archive(path)
    with archive.db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
    for n in range(300):
        clients.create_client(archive, ClientDraft(f"检查点客户{n:03d}有限公司" * 2))
    crash = tmp_path / "crash"
    crash.mkdir()
    for suffix in ("", "-wal"):  # the files as a power cut leaves them
        (crash / f"a.sqlite3{suffix}").write_bytes(Path(f"{path}{suffix}").read_bytes())
    archive.close()
    holder.close()
    copy = crash / "a.sqlite3"
    _write_newest_page_one_from_the_wal(copy)  # the checkpoint had just written page 1
    assert archive_file._header_problem(copy) is None
    reopened = open_archive(copy)
    try:
        assert clients.client_count(reopened) == 300
    finally:
        reopened.close()


def _write_newest_page_one_from_the_wal(path: Path) -> None:
    wal = Path(f"{path}-wal").read_bytes()
    page_size = int.from_bytes(wal[8:12], "big")
    newest = None
    for offset in range(32, len(wal) - 24 - page_size + 1, 24 + page_size):
        if int.from_bytes(wal[offset : offset + 4], "big") == 1:
            newest = wal[offset + 24 : offset + 24 + page_size]
    assert newest is not None
    db = bytearray(path.read_bytes())
    assert int.from_bytes(newest[28:32], "big") * page_size > len(db)  # the header says longer
    newest = bytearray(newest)
    newest[92:96] = newest[24:28]  # its size counts (as the soak's archive had it)
    db[:page_size] = newest
    path.write_bytes(bytes(db))

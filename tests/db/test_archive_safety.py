"""Backup and restore never destroy data; one writer at a time; SQLite's failures in words."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from lock_holder import held_elsewhere
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from app.db import archive_file, archive_lock
from app.domain.errors import ArchiveError
from app.domain.records import ClientDraft
from app.services import archive as archive_service
from app.services import attachments, clients
from app.services.archive import open_archive

NOW = datetime(2026, 11, 26, 10, 30)


def _archive_with_a_file(path: Path, tmp_path: Path, content: bytes = b"licence scan") -> str:
    archive = open_archive(path, clock=lambda: NOW)
    try:
        client = clients.create_client(archive, ClientDraft("北京恒信科技有限公司"))
        source = tmp_path / f"scan-{len(content)}.pdf"
        source.write_bytes(content)
        return attachments.add(archive, "client", client.id, source, "营业执照.pdf").sha256
    finally:
        archive.close()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def live(tmp_path) -> Path:
    path = tmp_path / "live" / "archive.sqlite3"
    path.parent.mkdir()
    _archive_with_a_file(path, tmp_path)
    return path


# --- restore refuses what is not a whole archive -------------------------------------------------


def _empty_sqlite(path: Path) -> Path:
    sqlite3.connect(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    return path


def _truncated_copy(live: Path, path: Path) -> Path:
    archive_file.copy_database(live, path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _text_file(path: Path) -> Path:
    path.write_text("不是数据库" * 100, encoding="utf-8")
    return path


def _another_apps_database(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda live, p: p.write_bytes(b"") or p, "archive_empty_file"),
        (lambda live, p: _empty_sqlite(p), "archive_empty_db"),
        (lambda live, p: _another_apps_database(p), "archive_foreign"),
        (lambda live, p: _truncated_copy(live, p), "archive_truncated"),
        (lambda live, p: _text_file(p), "archive_not_sqlite"),
    ],
    ids=["0-byte", "empty-sqlite", "foreign", "truncated", "text"],
)
def test_restore_refuses_what_is_not_a_whole_archive_before_touching_anything(
    live, tmp_path, make, code
):
    source = make(live, tmp_path / "backup.sqlite3")
    before = _snapshot(live.parent)
    with pytest.raises(ArchiveError) as refused:
        archive_service.restore(source, live)
    assert refused.value.code == code
    assert _snapshot(live.parent) == before  # not even a before-restore copy


def test_restore_refuses_a_backup_whose_attachment_is_damaged(live, tmp_path):
    backup_path = tmp_path / "backups" / "copy.sqlite3"
    archive = open_archive(live, clock=lambda: NOW)
    try:
        archive_service.backup(archive, backup_path)
    finally:
        archive.close()
    # the live archive gets another archive's file: the backup's own file matters now
    other = tmp_path / "other" / "x.sqlite3"
    other.parent.mkdir()
    sha = _archive_with_a_file(other, tmp_path, b"the only copy of this scan")
    restored_from = tmp_path / "other-backup" / "x.sqlite3"
    archive = open_archive(other)
    try:
        archive_service.backup(archive, restored_from)
    finally:
        archive.close()
    damaged = archive_service.BlobStore.beside(restored_from).path_of(sha)
    damaged.write_bytes(b"the only copy of this sca_")
    before = _snapshot(live.parent)
    with pytest.raises(ArchiveError) as refused:
        archive_service.restore(restored_from, live)
    assert refused.value.code == "backup_attachment_damaged"
    assert refused.value.details["count"] == 1
    assert _snapshot(live.parent) == before


def test_restore_uses_the_good_copy_already_in_the_archive_and_never_copies_a_damaged_one(
    live, tmp_path
):
    archive = open_archive(live, clock=lambda: NOW)
    try:
        result = archive_service.backup(archive, tmp_path / "b" / "copy.sqlite3")
        (sha,) = [s for s, _ in archive_file.referenced_blobs(live)]
    finally:
        archive.close()
    archive_service.BlobStore.beside(result.path).path_of(sha).write_bytes(b"licence sca_")
    good = archive_service.BlobStore.beside(live).path_of(sha).read_bytes()
    archive_service.restore(result.path, live)
    assert archive_service.BlobStore.beside(live).path_of(sha).read_bytes() == good
    assert archive_service.check_path(live) == []


def test_the_copy_kept_before_a_restore_is_a_whole_archive_with_its_attachments(live, tmp_path):
    empty_backup = tmp_path / "empty.sqlite3"
    open_archive(empty_backup).close()
    result = archive_service.restore(empty_backup, live)
    assert result.kept is not None
    assert archive_service.check_path(result.kept) == []
    kept = open_archive(result.kept)
    try:
        (client,) = clients.client_rows(kept, clients.list_client_ids(kept, clients.ClientQuery()))
        (att,) = attachments.list_for(kept, "client", client.id)
        assert kept.blobs.path_of(att.sha256).read_bytes() == b"licence scan"
    finally:
        kept.close()


# --- backup ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["备份/", "备份"])
def test_backup_to_a_folder_that_does_not_exist_creates_it(live, tmp_path, name):
    archive = open_archive(live, clock=lambda: NOW)
    try:
        result = archive_service.backup(archive, f"{tmp_path}/{name}")
    finally:
        archive.close()
    assert result.path.parent == tmp_path / "备份"
    assert result.path.name == "archive-backup-20261126-103000.sqlite3"
    assert result.attachments == 1
    assert archive_service.check_path(result.path) == []


def test_a_backup_that_fails_half_way_leaves_no_file_that_looks_complete(
    live, tmp_path, monkeypatch
):
    real = archive_file._read_only_connection

    class FailsHalfWay:
        """The source connection whose copy stops half-way (a kill, a pulled USB stick)."""

        def __init__(self, path):
            self.conn = real(path)

        def backup(self, target, **_kwargs):
            self.conn.backup(target, pages=1)
            raise sqlite3.OperationalError("disk I/O error")

        def close(self):
            self.conn.close()

    archive = open_archive(live, clock=lambda: NOW)
    monkeypatch.setattr(archive_file, "_read_only_connection", FailsHalfWay)
    try:
        with pytest.raises(sqlite3.OperationalError):
            archive_service.backup(archive, tmp_path / "out" / "copy.sqlite3")
    finally:
        monkeypatch.undo()
        archive.close()
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["copy.files"]


def test_backups_can_be_read_straight_from_read_only_media(live, tmp_path):
    archive = open_archive(live, clock=lambda: NOW)
    try:
        result = archive_service.backup(archive, tmp_path / "usb" / "copy.sqlite3")
    finally:
        archive.close()
    with open(result.path, "rb") as handle:
        header = handle.read(20)
    assert header[18:20] == b"\x01\x01"  # rollback journal, not WAL: no -shm needed to read it
    media = _read_only_mount(tmp_path / "usb")
    if media is None:
        pytest.skip("mounting a read-only file system needs root")
    try:
        target = tmp_path / "fresh.sqlite3"
        archive_service.restore(media / "copy.sqlite3", target)
        assert archive_service.check_path(target) == []
    finally:
        _unmount(media)


def _read_only_mount(folder: Path) -> Path | None:
    import shutil
    import subprocess

    mount = folder.with_name("mounted-usb")
    mount.mkdir()
    if shutil.which("mount") is None:
        return None
    done = subprocess.run(
        ["mount", "--bind", "-o", "ro", str(folder), str(mount)], capture_output=True
    )
    if done.returncode != 0:
        return None
    subprocess.run(["mount", "-o", "remount,bind,ro", str(mount)], capture_output=True)
    try:
        (mount / "probe").write_bytes(b"x")
    except OSError:
        return mount
    _unmount(mount)
    return None


def _unmount(mount: Path) -> None:
    import subprocess

    subprocess.run(["umount", str(mount)], capture_output=True)


# --- one writer at a time -----------------------------------------------------------------------


def test_a_writer_is_told_who_holds_the_archive(live):
    with held_elsewhere(live, "window") as other:
        with pytest.raises(ArchiveError) as refused:
            open_archive(live, wait=0.2)
        assert refused.value.code == "archive_in_use_window"
        assert refused.value.details["pid"] == other.pid
        reader = open_archive(live, read_only=True)  # looking is fine
        try:
            assert clients.client_count(reader) == 1
        finally:
            reader.close()


def test_restore_waits_for_no_one_and_changes_nothing_while_the_archive_is_held(live, tmp_path):
    backup_path = tmp_path / "b.sqlite3"
    open_archive(backup_path).close()
    before = _snapshot(live.parent)
    with held_elsewhere(live, "command"), pytest.raises(ArchiveError) as refused:
        archive_service.restore(backup_path, live, wait=0.2)
    assert refused.value.code == "archive_in_use_command"
    after = _snapshot(live.parent)
    after.pop("archive.sqlite3.lock", None)
    before.pop("archive.sqlite3.lock", None)
    assert after == before


def test_a_killed_holder_leaves_no_lock_behind(live):
    with held_elsewhere(live, "window") as other:
        other.kill()
        other.wait()
    archive = open_archive(live, wait=0)
    archive.close()
    assert not archive_lock.is_held_elsewhere(live)


# --- SQLite's failures become messages, and nothing is half-saved -------------------------------


def test_a_locked_database_is_reported_quickly_and_nothing_is_saved(live, monkeypatch):
    monkeypatch.setattr("app.db.engine.BUSY_TIMEOUT_MS", 200)
    archive = open_archive(live)
    blocker = sqlite3.connect(live, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(ArchiveError) as refused:
            clients.create_client(archive, ClientDraft("上海宏达贸易有限公司"))
        assert refused.value.code == "archive_busy"
    finally:
        blocker.rollback()
        blocker.close()
    assert clients.client_count(archive) == 1
    archive.close()


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ("database or disk is full", "disk_full"),
        ("attempt to write a readonly database", "read_only_media"),
        ("disk I/O error", "disk_io_error"),
        ("database disk image is malformed", "archive_corrupt"),
    ],
)
def test_sqlite_failures_become_clear_errors_and_roll_back(live, message, code):
    archive = open_archive(live)
    try:
        with pytest.raises(ArchiveError) as refused, archive.db.session() as session:
            session.execute(text("INSERT INTO settings (key, value) VALUES ('half', 'saved')"))
            raise OperationalError("INSERT ...", {}, sqlite3.OperationalError(message))
        assert refused.value.code == code
        with archive.db.read() as session:
            assert (
                session.execute(text("SELECT count(*) FROM settings WHERE key='half'")).scalar()
                == 0
            )
    finally:
        archive.close()


def test_a_really_full_disk_is_reported_and_the_archive_stays_whole(live):
    archive = open_archive(live)
    try:
        with archive.db.read() as session:
            pages = session.execute(text("PRAGMA page_count")).scalar()

        def fill(dbapi_connection, _record):
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

        from sqlalchemy import event

        archive.db.dispose()
        event.listen(archive.db.engine, "connect", fill)
        with pytest.raises(ArchiveError) as refused:
            for n in range(2000):
                clients.create_client(archive, ClientDraft(f"填满磁盘的客户{n:04d}有限公司" * 3))
        assert refused.value.code == "disk_full"
    finally:
        archive.close()
    assert archive_file.integrity_problems(live) == []


def test_no_export_is_ever_written_over_an_open_archive_from_any_front_end(tmp_path):
    from app.services import client_transfer

    odd = tmp_path / "客户.csv"  # an archive file that happens to look like an export's name
    archive = open_archive(odd)
    try:
        before = odd.read_bytes()
        for target in (odd, odd.with_suffix(".files") / "ab" / "x.xlsx"):
            with pytest.raises(ArchiveError) as refused:
                client_transfer.export_clients(archive, target)
            assert refused.value.code == "output_is_archive"
        assert odd.read_bytes() == before
    finally:
        archive.close()
    # once closed, the file is an ordinary file again as far as this process is concerned
    assert not archive_service.safe_files.is_protected(odd)


def test_damaged_schema_text_is_a_corrupt_archive_not_a_crash(tmp_path):
    """A byte of sqlite_master's SQL no longer UTF-8: the driver raises UnicodeDecodeError,
    which must reach the user as 'archive_corrupt' (found by a backup verify)."""
    path = tmp_path / "a.sqlite3"
    open_archive(path).close()
    data = bytearray(path.read_bytes())
    data[data.index(b"CREATE TABLE") + 7] = 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ArchiveError) as caught:
        archive_file.current_revision(path)
    assert caught.value.code == "archive_corrupt"
    with pytest.raises(ArchiveError):
        open_archive(path)

"""The archive file: pragmas, backup and restore with attachments, and the integrity check."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from sqlalchemy import text

from app.domain.errors import ArchiveError
from app.domain.records import ClientDraft
from app.services import archive as archive_service
from app.services import attachments, clients, recycle_bin
from app.services.archive import open_archive

NOW = datetime(2026, 11, 26, 10, 30)


def test_wal_and_foreign_keys_are_on(archive):
    with archive.db.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar_one() >= 1000


def test_foreign_keys_are_enforced(archive):
    with pytest.raises(Exception, match="FOREIGN KEY"), archive.db.session() as session:
        session.execute(
            text(
                "INSERT INTO contacts (client_id, name, title, is_decision_maker, notes)"
                " VALUES (999, '无主', '', 0, '')"
            )
        )


def _client_with_file(archive, tmp_path, name="北京恒信科技有限公司", content=b"license scan"):
    client = clients.create_client(archive, ClientDraft(name))
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(content)
    return client, attachments.add(archive, "client", client.id, source, "营业执照.pdf")


def test_backup_and_restore_round_trip_with_attachments(archive, tmp_path):
    client, att = _client_with_file(archive, tmp_path)
    dest = archive_service.backup(archive, tmp_path / "backups" / "copy.sqlite3").path
    assert dest.exists()

    # change the live archive after the backup: delete the client and empty the recycle bin,
    # its file goes too
    clients.delete_client(archive, client.id)
    recycle_bin.purge_older_than(archive, 0)
    assert not archive.blobs.exists(att.sha256)
    clients.create_client(archive, ClientDraft("后来的客户"))
    live = archive.path
    archive.close()

    kept = archive_service.restore(dest, live).kept
    assert kept is not None and kept.exists()
    restored = open_archive(live, clock=lambda: NOW)
    try:
        assert [c.name for c in _all_clients(restored)] == ["北京恒信科技有限公司"]
        (back,) = attachments.list_for(restored, "client", client.id)
        assert back.original_name == "营业执照.pdf"
        assert restored.blobs.path_of(back.sha256).read_bytes() == b"license scan"
        assert archive_service.check(restored) == []
    finally:
        restored.close()


def _all_clients(archive):
    ids = clients.list_client_ids(archive, clients.ClientQuery())
    return clients.client_rows(archive, ids)


def test_backup_into_a_folder_gets_a_dated_name(archive, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    dest = archive_service.backup(archive, folder).path
    assert dest.parent == folder
    assert "backup-20261126-103000" in dest.name


def test_check_finds_a_damaged_and_a_missing_attachment(archive, tmp_path):
    _, damaged = _client_with_file(archive, tmp_path, "甲公司", b"first file")
    _, missing = _client_with_file(archive, tmp_path, "乙公司", b"second file")
    assert archive_service.check(archive) == []

    archive.blobs.path_of(damaged.sha256).write_bytes(b"first fil3")
    archive.blobs.path_of(missing.sha256).unlink()
    problems = archive_service.check(archive)
    assert len(problems) == 2
    assert any("damaged" in p and damaged.sha256 in p for p in problems)
    assert any("missing" in p and missing.sha256 in p for p in problems)


def test_restore_refuses_a_file_that_is_not_an_archive(archive, tmp_path):
    clients.create_client(archive, ClientDraft("保留的客户"))
    live = archive.path
    archive.close()
    before = live.read_bytes()
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("this is not a database, just some text " * 50)

    with pytest.raises(ArchiveError) as info:
        archive_service.restore(bogus, live)
    assert info.value.code == "archive_not_sqlite"
    assert live.read_bytes() == before


def test_restore_refuses_a_foreign_sqlite_database(archive, tmp_path):
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError) as info:
        archive_service.restore(foreign, archive.path)
    assert info.value.code == "archive_foreign"


def test_restore_of_a_missing_file_is_refused(archive, tmp_path):
    with pytest.raises(ArchiveError) as info:
        archive_service.restore(tmp_path / "nowhere.sqlite3", archive.path)
    assert info.value.code == "file_missing"

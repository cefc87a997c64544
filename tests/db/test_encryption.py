"""Encryption at rest: an encrypted archive opens only with its password, and nothing on disk
(the database, its -wal, attachments, backups) shows a client's name; encrypt, decrypt and
passwd convert in place losing nothing, and a conversion that fails leaves the archive as it was."""

from __future__ import annotations

import os
import sqlite3

import pytest
from clock import FIXED_NOW
from encrypted_archives import CLIENT, PASSWORD, files_showing, new_process

from app.db import archive_file, cipher
from app.db.blob_store import BlobStore
from app.domain.errors import ArchiveError
from app.domain.records import ClientDraft, ContactDraft
from app.services import archive as archive_service
from app.services import attachments, clients, encryption, search

SCAN = f"营业执照 {CLIENT} 统一社会信用代码 91110105948219939U".encode()


def _clock():
    return FIXED_NOW


def _fill(archive, tmp_path):
    client = clients.create_client(
        archive,
        ClientDraft(CLIENT, address="北京市朝阳区建国路88号"),
        [ContactDraft("张伟", mobile="13800138000")],
    )
    scan = tmp_path / "licence.txt"
    scan.write_bytes(SCAN)
    att = attachments.add(archive, "client", client.id, scan)
    scan.unlink()
    return client, att


def _client_names(path) -> list[str]:
    archive = archive_service.open_archive(path, read_only=True)
    try:
        with archive.db.read() as session:
            from sqlalchemy import text

            return [r[0] for r in session.execute(text("SELECT name FROM clients ORDER BY id"))]
    finally:
        archive.close()


@pytest.fixture
def folder(tmp_path):
    place = tmp_path / "data"
    place.mkdir()
    yield place
    new_process()


def test_encrypted_archive_round_trip_shows_no_client_name_anywhere(folder, tmp_path):
    path = folder / "archive.sqlite3"
    archive = archive_service.open_archive(path, _clock, password=PASSWORD)
    _client, att = _fill(archive, tmp_path)
    assert CLIENT in [h.title for h in search.search(archive, "恒信")]
    assert os.path.exists(str(path) + "-wal")  # the WAL is there while the archive is open
    backup = archive_service.backup(archive, folder / "backups")
    assert files_showing(folder, CLIENT) == []  # database, -wal, -shm, attachments, backup
    assert files_showing(folder, "张伟") == []
    assert not path.read_bytes().startswith(b"SQLite format 3")
    archive.close()
    assert files_showing(folder, CLIENT) == []

    new_process()  # a program started afresh knows no key
    with pytest.raises(ArchiveError) as info:
        archive_service.open_archive(path, _clock)
    assert info.value.code == "archive_needs_password"
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    with pytest.raises(ArchiveError) as info:
        archive_service.open_archive(path, _clock, password="不是这个密码")
    assert info.value.code == "wrong_password"
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before

    again = archive_service.open_archive(path, _clock, password=PASSWORD)
    try:
        assert CLIENT in [h.title for h in search.search(again, "bjhx")]  # FTS5 + pinyin
        assert again.blobs.read_bytes(att.sha256) == SCAN
        assert archive_service.check(again) == []
    finally:
        again.close()

    # the backup opens with the same password, checks whole, and restores
    new_process()
    with pytest.raises(ArchiveError) as info:
        archive_service.check_path(backup.path)
    assert info.value.code == "archive_needs_password"
    archive_service.unlock(backup.path, PASSWORD)
    assert archive_service.check_path(backup.path) == []
    restored = folder / "restored.sqlite3"
    archive_service.restore(backup.path, restored)
    assert _client_names(restored) == [CLIENT]
    assert files_showing(folder, CLIENT) == []


def test_a_backup_keeps_the_attachments_encrypted_byte_for_byte(folder, tmp_path):
    archive = archive_service.open_archive(folder / "a.sqlite3", _clock, password=PASSWORD)
    try:
        _client, att = _fill(archive, tmp_path)
        result = archive_service.backup(archive, folder / "copy.sqlite3")
        stored = archive.blobs.path_of(att.sha256)
        copied = BlobStore.beside(result.path).path_of(att.sha256)
        assert stored.name != att.sha256  # the name is an HMAC: it tells nothing
        assert copied.read_bytes() == stored.read_bytes()
        assert SCAN not in stored.read_bytes()
    finally:
        archive.close()


def test_encrypt_passwd_decrypt_in_place_lose_nothing(archive, tmp_path):
    _client, att = _fill(archive, tmp_path)
    clients.create_client(archive, ClientDraft("上海明远贸易有限公司"))
    path = archive.path
    counts = archive_file.row_counts(path)
    archive.close()
    folder = path.parent

    result = encryption.encrypt(path, PASSWORD, clock=_clock)
    assert result.encrypted and result.attachments == 1
    assert result.backup is None  # the plain copy made first is gone once all proved whole
    assert cipher.is_encrypted(path)
    assert files_showing(folder, CLIENT) == []
    assert archive_file.row_counts(path) == counts

    new_process()
    with pytest.raises(ArchiveError):
        archive_service.unlock(path, "wrong")
    archive_service.unlock(path, PASSWORD)
    assert _client_names(path) == [CLIENT, "上海明远贸易有限公司"]

    encryption.change_password(path, "新的密码", clock=_clock)
    new_process()
    with pytest.raises(ArchiveError) as info:
        archive_service.unlock(path, PASSWORD)
    assert info.value.code == "wrong_password"
    archive_service.unlock(path, "新的密码")
    assert archive_file.row_counts(path) == counts
    assert files_showing(folder, CLIENT) == []

    result = encryption.decrypt(path, clock=_clock)
    assert not result.encrypted
    assert result.backup is not None and cipher.is_encrypted(result.backup)  # kept, encrypted
    assert path.read_bytes().startswith(b"SQLite format 3")
    assert archive_file.row_counts(path) == counts
    reopened = archive_service.open_archive(path, _clock)
    try:
        assert reopened.blobs.read_bytes(att.sha256) == SCAN
        assert reopened.blobs.path_of(att.sha256).read_bytes() == SCAN  # plain store again
        assert [h.title for h in search.search(reopened, "明远")] == ["上海明远贸易有限公司"]
        assert archive_service.check(reopened) == []
    finally:
        reopened.close()


def test_encrypt_refuses_an_encrypted_archive_and_decrypt_a_plain_one(archive):
    path = archive.path
    archive.close()
    with pytest.raises(ArchiveError) as info:
        encryption.decrypt(path)
    assert info.value.code == "archive_not_encrypted"
    encryption.encrypt(path, PASSWORD)
    with pytest.raises(ArchiveError) as info:
        encryption.encrypt(path, PASSWORD)
    assert info.value.code == "archive_already_encrypted"
    new_process()


@pytest.mark.parametrize("failing_at", ["attachment", "install"])
def test_a_conversion_that_fails_half_way_leaves_the_archive_as_it_was(
    archive, tmp_path, monkeypatch, failing_at
):
    _client, att = _fill(archive, tmp_path)
    path = archive.path
    archive.close()
    names_before = _client_names(path)
    store_before = sorted(
        p.relative_to(path.parent) for p in BlobStore.beside(path).root.rglob("*")
    )

    def boom(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    if failing_at == "attachment":
        monkeypatch.setattr(BlobStore, "copy_verified_from", boom)
    else:
        real_replace = os.replace

        def replace(src, dst):
            if os.fspath(dst) == os.fspath(path):
                boom()
            real_replace(src, dst)

        monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError):
        encryption.encrypt(path, PASSWORD, clock=_clock)
    monkeypatch.undo()

    assert path.read_bytes().startswith(b"SQLite format 3")  # still the plain archive
    assert _client_names(path) == names_before
    leftovers = [p.name for p in path.parent.iterdir() if ".encrypting" in p.name]
    assert leftovers == []
    reopened = archive_service.open_archive(path, _clock)
    try:
        assert reopened.blobs.read_bytes(att.sha256) == SCAN
        assert archive_service.check(reopened) == []
    finally:
        reopened.close()
    store_after = sorted(p.relative_to(path.parent) for p in BlobStore.beside(path).root.rglob("*"))
    if failing_at == "attachment":
        assert store_after == store_before
    # and the conversion can simply be run again
    encryption.encrypt(path, PASSWORD, clock=_clock)
    assert cipher.is_encrypted(path)
    new_process()


def test_a_plain_sqlite_file_and_a_text_file_are_not_taken_for_encrypted_ones(tmp_path):
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t(x)").connection.commit()
    text = tmp_path / "notes.sqlite3"
    text.write_text("不是数据库" * 1024, encoding="utf-8")  # whole pages of text
    assert not cipher.is_encrypted(plain)
    assert not cipher.is_encrypted(text)
    with pytest.raises(ArchiveError) as info:
        archive_file.current_revision(text)
    assert info.value.code == "archive_not_sqlite"


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_every_file_of_an_archive_is_readable_by_its_owner_only(folder, tmp_path):
    from app.safe_files import write_bytes_atomically

    path = folder / "archive.sqlite3"
    archive = archive_service.open_archive(path, _clock, password=PASSWORD)
    try:
        _client, att = _fill(archive, tmp_path)
        result = archive_service.backup(archive, folder / "backups")
        export = folder / "clients.csv"
        write_bytes_atomically(export, b"x")
        files = [
            path,
            folder / "archive.sqlite3-wal",
            folder / "archive.sqlite3-shm",
            folder / "archive.sqlite3.lock",
            archive.blobs.path_of(att.sha256),
            result.path,
            BlobStore.beside(result.path).path_of(att.sha256),
            export,
        ]
        for item in files:
            assert item.exists(), item
            assert oct(item.stat().st_mode & 0o777) == oct(0o600), item
        for item in (archive.blobs.root, archive.blobs.path_of(att.sha256).parent):
            assert oct(item.stat().st_mode & 0o777) == oct(0o700), item
    finally:
        archive.close()


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_an_archive_left_world_readable_by_an_older_version_is_tightened(archive, tmp_path):
    _client, att = _fill(archive, tmp_path)
    path = archive.path
    store = archive.blobs.root
    archive.close()
    os.chmod(path, 0o644)
    for folder in (store, archive.blobs.path_of(att.sha256).parent):
        os.chmod(folder, 0o755)
    archive_service.open_archive(path, _clock).close()
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    for folder in (store, archive.blobs.path_of(att.sha256).parent):
        assert oct(folder.stat().st_mode & 0o777) == oct(0o700)

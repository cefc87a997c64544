"""Automatic backups (issue 9 §1): written into the backup folder with a manifest, verified,
incremental for attachments, rotated, restored by id, and the status the home page shows."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from app.db.archive_file import before_upgrade_copy_path, copy_database, head_revision
from app.domain.errors import ArchiveError, ValidationError
from app.domain.records import ClientDraft
from app.services import attachments, backups, clients
from app.services.archive import open_archive


class Clock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def folder(archive, tmp_path) -> Path:
    path = tmp_path / "usb" / "backups"
    path.parent.mkdir()
    backups.save_backup_settings(archive, folder=path)
    return path


@pytest.fixture
def clock(archive) -> Clock:
    clock = Clock(datetime(2026, 1, 1, 18, 0))
    archive.clock = clock
    return clock


def _client_with_file(archive, tmp_path, name: str, content: bytes):
    client = clients.create_client(archive, ClientDraft(name))
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(content)
    return client, attachments.add(archive, "client", client.id, source, "营业执照.pdf")


def _forget_attachment(archive, sha: str) -> None:
    """The archive no longer names the file (however the app came to drop it)."""
    with archive.db.session() as session:
        session.execute(text("DELETE FROM attachments WHERE sha256 = :sha"), {"sha": sha})
        session.execute(text("DELETE FROM blobs WHERE sha256 = :sha"), {"sha": sha})


def _store_files(folder: Path) -> set[str]:
    return {p.name for p in (folder / "attachments").glob("??/*") if not p.name.startswith(".")}


def test_a_backup_is_a_verified_copy_with_a_manifest(archive, folder, tmp_path):
    _client, att = _client_with_file(archive, tmp_path, "北京恒信科技有限公司", b"license scan")

    report = backups.back_up(archive, backups.MANUAL)

    entry = report.entry
    assert entry.good and report.ok
    assert entry.path.parent == folder and entry.path.exists()
    assert entry.kind == "manual"
    manifest = json.loads(entry.path.with_suffix(".json").read_text(encoding="utf-8"))
    assert manifest["verified"] is True and manifest["problems"] == []
    assert manifest["archive"] == str(archive.path)
    assert manifest["schema_revision"] == head_revision()
    assert manifest["app_version"] == backups.app_version() != ""
    assert manifest["counts"]["clients"] == 1 and manifest["counts"]["attachments"] == 1
    assert manifest["attachments"] == [[att.sha256, len(b"license scan")]]
    assert manifest["created_at"] == "2026-11-26T10:30:00"
    from app.db.backup_files import sha256_of

    assert manifest["database_sha256"] == sha256_of(entry.path)
    assert _store_files(folder) == {att.sha256}
    # the copy is a whole archive in its own right
    assert backups.verify(archive.path, folder, entry.id)[0].good


def test_attachments_are_copied_once_into_one_shared_store(archive, folder, tmp_path, clock):
    _client_with_file(archive, tmp_path, "甲公司", b"a" * 5000)
    _client_with_file(archive, tmp_path, "乙公司", b"b" * 7000)
    first = backups.back_up(archive, backups.AUTO)
    assert (first.copied_attachments, first.copied_bytes) == (2, 12000)

    clock.advance(days=1)
    second = backups.back_up(archive, backups.AUTO)
    assert (second.copied_attachments, second.copied_bytes) == (0, 0)

    clock.advance(days=1)
    _client_with_file(archive, tmp_path, "丙公司", b"c" * 3000)
    third = backups.back_up(archive, backups.AUTO)
    assert (third.copied_attachments, third.copied_bytes) == (1, 3000)

    assert len(_store_files(folder)) == 3
    assert not list(folder.glob("*.files"))  # no per-backup attachment folders
    assert all(r.good for r in backups.verify(archive.path, folder))


def test_verify_catches_a_damaged_database_copy(archive, folder, tmp_path, clock):
    _client_with_file(archive, tmp_path, "甲公司", b"scan")
    good = backups.back_up(archive).entry
    clock.advance(days=1)
    damaged = backups.back_up(archive).entry
    with open(damaged.path, "r+b") as handle:  # a flipped byte deep in the file
        handle.seek(damaged.size - 100)
        byte = handle.read(1)
        handle.seek(damaged.size - 100)
        handle.write(bytes([byte[0] ^ 0xFF]))

    (result,) = backups.verify(archive.path, folder, damaged.id)

    assert not result.good
    assert any("SHA-256" in p for p in result.problems)
    listed = {e.id: e for e in backups.backups_of(archive)}
    assert listed[damaged.id].verified is False
    assert listed[good.id].verified is True
    assert backups.status(archive).newest_good == good.created_at  # never counted as good


def test_verify_catches_a_damaged_and_a_missing_attachment(archive, folder, tmp_path):
    _c1, first = _client_with_file(archive, tmp_path, "甲公司", b"first scan")
    _c2, second = _client_with_file(archive, tmp_path, "乙公司", b"second scan")
    entry = backups.back_up(archive).entry
    store = folder / "attachments"
    (store / first.sha256[:2] / first.sha256).write_bytes(b"first scam")  # same size
    (store / second.sha256[:2] / second.sha256).unlink()

    (result,) = backups.verify(archive.path, folder, entry.id)

    assert not result.good
    assert f"attachment file damaged: {first.sha256}" in result.problems
    assert f"attachment file missing: {second.sha256}" in result.problems
    assert [e.verified for e in backups.backups_of(archive)] == [False]


def test_the_next_backup_repairs_a_damaged_file_in_the_store(archive, folder, tmp_path, clock):
    _client, att = _client_with_file(archive, tmp_path, "甲公司", b"scan")
    first = backups.back_up(archive).entry
    stored = folder / "attachments" / att.sha256[:2] / att.sha256
    stored.write_bytes(b"scam")
    clock.advance(days=1)

    second = backups.back_up(archive)

    assert second.entry.good
    assert stored.read_bytes() == b"scan"
    assert backups.verify(archive.path, folder, first.id)[0].good


def test_a_backup_missing_an_attachment_of_the_archive_is_not_good(archive, folder, tmp_path):
    _client, att = _client_with_file(archive, tmp_path, "甲公司", b"scan")
    archive.blobs.path_of(att.sha256).unlink()

    report = backups.back_up(archive)

    assert not report.ok and not report.entry.good
    assert report.damaged == (att.sha256,)
    assert backups.status(archive).newest_good is None
    assert backups.status(archive).newest_failed


def test_rotation_over_a_year_keeps_7_daily_4_weekly_12_monthly(archive, folder, clock):
    """One automatic backup a day for 400 days, pruned after each: what is left is the newest of
    each of the last 7 days, then of 4 more ISO weeks, then of 12 more months (the exact picks
    are in tests/unit/test_backup_rotation.py)."""
    clients.create_client(archive, ClientDraft("甲公司"))
    start = clock.now
    for _day in range(400):
        backups.back_up(archive, backups.AUTO)
        clock.advance(days=1)
    kept = sorted(e.created_at.date() for e in backups.backups_of(archive))
    last = (start + timedelta(days=399)).date()

    assert len(kept) == 7 + 4 + 12
    assert kept[-7:] == [last - timedelta(days=n) for n in range(6, -1, -1)]
    older = kept[:-7]
    assert sum(d.isoweekday() == 7 for d in older) >= 4  # the weekly ones: Sundays
    assert len({(d.year, d.month) for d in older}) >= 12  # the monthly ones: a month's last day
    assert (last - kept[0]).days > 330  # about a year back
    assert len(list(folder.glob("*.sqlite3"))) == len(list(folder.glob("*.json"))) == 23


def test_the_only_good_backup_is_never_removed(archive, folder, clock, tmp_path):
    backups.save_backup_settings(archive, keep_daily=1, keep_weekly=0, keep_monthly=0)
    good = backups.back_up(archive).entry
    _client, att = _client_with_file(archive, tmp_path, "甲公司", b"scan")
    archive.blobs.path_of(att.sha256).unlink()  # every later backup fails verification
    for _ in range(5):
        clock.advance(days=1)
        assert not backups.back_up(archive).entry.good

    listed = backups.backups_of(archive)
    assert good.id in {e.id for e in listed}
    assert [e for e in listed if e.good] == [e for e in listed if e.id == good.id]


def test_a_failed_backup_goes_once_a_newer_good_one_exists(archive, folder, clock, tmp_path):
    _client, att = _client_with_file(archive, tmp_path, "甲公司", b"scan")
    saved = archive.blobs.path_of(att.sha256).read_bytes()
    archive.blobs.path_of(att.sha256).unlink()
    failed = backups.back_up(archive).entry
    assert not failed.good
    archive.blobs.put_bytes(saved)
    clock.advance(hours=1)
    good = backups.back_up(archive).entry
    assert good.good
    assert [e.id for e in backups.backups_of(archive)] == [good.id]


def test_an_attachment_file_goes_only_when_no_kept_backup_names_it(
    archive, folder, clock, tmp_path
):
    backups.save_backup_settings(archive, keep_daily=2, keep_weekly=0, keep_monthly=0)
    _client, old = _client_with_file(archive, tmp_path, "甲公司", b"old scan")
    backups.back_up(archive)  # day 1 names the file
    _forget_attachment(archive, old.sha256)
    clock.advance(days=1)
    backups.back_up(archive)  # day 2 does not
    assert old.sha256 in _store_files(folder)  # day 1 is still kept
    clock.advance(days=1)
    backups.back_up(archive)  # day 3: day 1 is pruned, and with it the file
    assert old.sha256 not in _store_files(folder)
    assert len(backups.backups_of(archive)) == 2


def test_attachments_another_archive_backs_up_here_are_kept(archive, folder, clock, tmp_path):
    _client, att = _client_with_file(archive, tmp_path, "甲公司", b"shared scan")
    other_path = tmp_path / "other" / "archive.sqlite3"
    other_path.parent.mkdir()
    copy_database(archive.path, other_path)
    archive.blobs.copy_tree_to(other_path.with_name("archive.files"))
    other = open_archive(other_path, clock=clock)
    try:
        backups.save_backup_settings(other, folder=folder)
        backups.back_up(other)
    finally:
        other.close()
    backups.save_backup_settings(archive, keep_daily=1, keep_weekly=0, keep_monthly=0)
    backups.back_up(archive)
    _forget_attachment(archive, att.sha256)
    clock.advance(days=1)
    backups.back_up(archive)  # this archive's backup naming the file is pruned

    assert att.sha256 in _store_files(folder)  # the other archive's backup still names it
    assert len(backups.backups_of(archive)) == 1
    assert len(backups.backups_of(archive, everything=True)) == 2


def test_copies_made_before_an_upgrade_or_a_restore_move_into_the_folder(
    archive, folder, clock, tmp_path
):
    _client, att = _client_with_file(archive, tmp_path, "甲公司", b"scan")
    upgrade = before_upgrade_copy_path(archive.path, "0007", datetime(2025, 12, 30))
    copy_database(archive.path, upgrade)
    restore = archive.path.with_name("archive.before-restore-20251231-090000.sqlite3")
    copy_database(archive.path, restore)
    archive.blobs.copy_tree_to(restore.with_name(restore.stem + ".files"))
    for path, when in ((upgrade, datetime(2025, 12, 30, 9)), (restore, datetime(2025, 12, 31, 9))):
        os.utime(path, (when.timestamp(), when.timestamp()))
    pending = {e.kind: e for e in backups.backups_of(archive)}
    assert pending["before-upgrade"].location == "archive"
    assert pending["before-upgrade"].verified is None  # not counted until verified

    report = backups.back_up(archive, backups.AUTO)

    assert sorted(e.kind for e in report.adopted) == ["before-restore", "before-upgrade"]
    assert all(e.good and e.path.parent == folder for e in report.adopted)
    assert not upgrade.exists() and not restore.exists()
    assert not restore.with_name(restore.stem + ".files").exists()
    listed = {e.kind: e for e in backups.backups_of(archive)}
    assert listed["before-upgrade"].created_at == datetime(2025, 12, 30, 9)
    assert listed["before-restore"].location == "folder"
    assert _store_files(folder) == {att.sha256}


def test_kept_copies_rotate_by_the_same_rules_each_kind_on_its_own(archive, folder, clock):
    backups.save_backup_settings(archive, keep_daily=2, keep_weekly=0, keep_monthly=0)
    for day in range(4):
        copy = archive.path.with_name(f"archive.before-restore-2025120{day + 1}-090000.sqlite3")
        copy_database(archive.path, copy)
        when = datetime(2025, 12, day + 1, 9).timestamp()
        os.utime(copy, (when, when))
    for _ in range(3):
        backups.back_up(archive, backups.AUTO)
        clock.advance(days=1)

    kinds = [e.kind for e in backups.backups_of(archive)]
    assert kinds.count("before-restore") == 2  # the newest two days of restores
    assert kinds.count("auto") == 2  # the daily backups do not push them out


def test_restore_by_id_brings_back_the_records_and_their_files(archive, folder, clock, tmp_path):
    client, att = _client_with_file(archive, tmp_path, "北京恒信科技有限公司", b"license scan")
    entry = backups.back_up(archive).entry
    clock.advance(days=1)
    _forget_attachment(archive, att.sha256)
    archive.blobs.delete(att.sha256)
    clients.create_client(archive, ClientDraft("后来的客户"))
    live = archive.path
    archive.close()

    result = backups.restore_backup(live, entry.id)

    assert result.kept is not None and result.kept.exists()
    restored = open_archive(live)
    try:
        ids = clients.list_client_ids(restored, clients.ClientQuery())
        assert [c.name for c in clients.client_rows(restored, ids)] == ["北京恒信科技有限公司"]
        (back,) = attachments.list_for(restored, "client", client.id)
        assert restored.blobs.path_of(back.sha256).read_bytes() == b"license scan"
        # the archive replaced is listed, and moves into the folder with the next backup
        kinds = [e.kind for e in backups.backups_of(restored)]
        assert "before-restore" in kinds
        report = backups.back_up(restored)
        assert [e.kind for e in report.adopted] == ["before-restore"]
    finally:
        restored.close()


def test_restore_of_an_unknown_id_is_refused(archive, folder):
    with pytest.raises(ArchiveError) as caught:
        backups.restore_backup(archive.path, "20200101-000000", folder)
    assert caught.value.code == "backup_not_found"


def test_status_warns_when_the_newest_good_backup_is_old(archive, folder, clock):
    assert backups.status(archive).stale  # none yet
    backups.back_up(archive)
    assert not backups.status(archive).needs_attention
    clock.advance(days=7, minutes=1)
    status = backups.status(archive)
    assert status.stale and status.days_since_good == 7
    backups.save_backup_settings(archive, warn_after_days=10)
    assert not backups.status(archive).stale


def test_a_missing_chosen_folder_is_reported_and_never_created(archive, folder):
    folder.rmdir()  # the USB disk is not plugged in
    assert backups.status(archive).folder_problem == "missing"
    with pytest.raises(ArchiveError) as caught:
        backups.back_up(archive)
    assert caught.value.code == "backup_folder_missing"
    assert not folder.exists()


def test_the_default_folder_is_in_the_per_user_data_folder(archive, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    settings = backups.backup_settings(archive)
    assert settings.folder == tmp_path / "data" / "SalesCompass" / "backups"
    assert not settings.custom_folder
    assert backups.status(archive).folder_problem is None  # created when first needed
    assert backups.back_up(archive).entry.path.parent == settings.folder


def test_settings_are_checked(archive, tmp_path):
    with pytest.raises(ValidationError) as caught:
        backups.save_backup_settings(archive, keep_daily=-1)
    assert caught.value.field == "keep_daily"
    with pytest.raises(ValidationError) as caught:
        backups.save_backup_settings(archive, keep_daily=0, keep_weekly=0, keep_monthly=0)
    assert caught.value.code == "keep_nothing"
    with pytest.raises(ValidationError) as caught:
        backups.save_backup_settings(archive, folder=tmp_path / "no" / "such" / "disk")
    assert caught.value.code == "folder_missing"
    with pytest.raises(ValidationError) as caught:
        backups.save_backup_settings(archive, folder=archive.path.with_name("archive.files"))
    assert caught.value.code == "folder_in_archive"
    with pytest.raises(ValidationError):
        backups.save_backup_settings(archive, warn_after_days=0)
    saved = backups.save_backup_settings(archive, keep_monthly=24, warn_after_days=3)
    assert (saved.keep_daily, saved.keep_monthly, saved.warn_after_days) == (7, 24, 3)


def test_the_daily_backup_is_made_once_a_day(archive, folder, clock):
    assert backups.back_up_if_due(archive) is not None
    clock.advance(hours=5)
    assert backups.back_up_if_due(archive) is None
    clock.advance(days=1)
    assert backups.back_up_if_due(archive).entry.kind == "auto"
    backups.save_backup_settings(archive, automatic=False)
    clock.advance(days=1)
    assert backups.back_up_if_due(archive) is None


def test_changes_are_counted_but_reads_are_not(archive):
    watch = backups.watch_changes(archive)
    clients.client_count(archive)
    with archive.db.session():  # a unit of work that writes nothing
        pass
    assert watch.count == 0
    clients.create_client(archive, ClientDraft("甲公司"))
    assert watch.count == 1
    backups.backup_settings(archive)
    assert watch.count == 1
    watch.detach()

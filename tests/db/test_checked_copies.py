"""A copy opened only for reading (no lock file of ours beside it) is quick-checked once per
state, not at every read command; a changed file is checked again."""

from __future__ import annotations

import os

import pytest

from app.db import archive_file, archive_lock, checked_copies
from app.domain.errors import ArchiveError
from app.services.archive import open_archive


@pytest.fixture
def copy(tmp_path, monkeypatch):
    monkeypatch.setattr(checked_copies, "cache_folder", lambda: tmp_path / "cache")
    path = tmp_path / "colleague.sqlite3"
    open_archive(path).close()
    archive_lock.lock_path(path).unlink()  # arrived as a bare copy: no writer's note
    return path


@pytest.fixture
def checks(monkeypatch):
    seen = []
    real = archive_file.quick_check

    def counted(path):
        seen.append(path)
        return real(path)

    monkeypatch.setattr(archive_file, "quick_check", counted)
    return seen


def test_a_read_only_copy_is_checked_once_not_at_every_command(copy, checks):
    for _ in range(3):
        open_archive(copy, read_only=True).close()
    assert len(checks) == 1
    assert checked_copies.checked_state(copy) == archive_lock.file_state(copy)


def test_a_copy_changed_since_its_check_is_checked_again(copy, checks):
    open_archive(copy, read_only=True).close()
    stat = copy.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    open_archive(copy, read_only=True).close()
    assert len(checks) == 2


def test_a_damaged_copy_is_refused_every_time_and_never_noted_as_checked(copy, checks):
    data = bytearray(copy.read_bytes())
    data[data.index(b"CREATE TABLE") + 7] = 0xFF
    copy.write_bytes(bytes(data))
    for _ in range(2):
        with pytest.raises(ArchiveError):
            open_archive(copy, read_only=True)
    assert checked_copies.checked_state(copy) is None


def test_an_unreadable_note_only_costs_a_check(copy, checks):
    checked_copies.note_path().parent.mkdir(parents=True, exist_ok=True)
    checked_copies.note_path().write_text("{not json", encoding="utf-8")
    open_archive(copy, read_only=True).close()
    open_archive(copy, read_only=True).close()
    assert len(checks) == 1


def test_the_note_keeps_only_the_newest_files(tmp_path, monkeypatch):
    monkeypatch.setattr(checked_copies, "cache_folder", lambda: tmp_path / "cache")
    for n in range(checked_copies.KEEP + 5):
        checked_copies.remember_checked(tmp_path / f"{n}.sqlite3", (n, n, 0))
    assert checked_copies.checked_state(tmp_path / "0.sqlite3") is None
    last = checked_copies.KEEP + 4
    assert checked_copies.checked_state(tmp_path / f"{last}.sqlite3") == (last, last, 0)

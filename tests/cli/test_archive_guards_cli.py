"""Files the user names are guarded, one writer at a time, and broken archives are reported."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from cli_runner import run_cli as run
from cli_runner import run_on
from lock_holder import held_elsewhere


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("small") / "s2.db"
    done = run("add-client", "--name", "北京恒信科技有限公司", "--tier", "A", "--db", path)
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture
def s2(small, tmp_path) -> Path:
    path = tmp_path / "s2.db"
    shutil.copyfile(small, path)
    return path


def _add_clients(db: Path, count: int) -> None:
    from app.domain.records import ClientDraft
    from app.services import clients
    from app.services.archive import open_archive

    archive = open_archive(db)
    try:
        for n in range(count):
            clients.create_client(archive, ClientDraft(f"{n:04d}号测试客户{'某某' * 20}有限公司"))
    finally:
        archive.close()


def _meeting(db: Path) -> str:
    done = run_on(db, "minutes", "add", "--title", "周例会", "--time", "2026-11-02 09:30")
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_pdf_is_never_written_over_the_archive_itself(s2):
    meeting = _meeting(s2)
    before = s2.read_bytes()
    result = run("pdf", "minutes", meeting, s2, "--db", s2)
    assert result.returncode == 1
    assert "档案本身" in result.stderr and "Traceback" not in result.stderr
    assert s2.read_bytes() == before


@pytest.mark.parametrize("target", ["s2.db-wal", "s2.db.lock", "s2.files/ab/evil.xlsx"])
def test_an_export_never_goes_into_the_archives_own_files(s2, target):
    result = run_on(s2, "export", "clients", s2.parent / target)
    assert result.returncode == 1, result.stdout
    assert "档案本身" in result.stderr


def test_an_existing_file_is_replaced_only_with_force(s2, tmp_path):
    out = tmp_path / "客户.xlsx"
    out.write_bytes(b"yesterday's export")
    refused = run_on(s2, "export", "clients", out)
    assert refused.returncode == 1
    assert "--force" in refused.stderr
    assert out.read_bytes() == b"yesterday's export"
    forced = run_on(s2, "export", "clients", out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert out.read_bytes().startswith(b"PK")


def test_a_writing_command_is_told_who_has_the_archive_and_a_reading_one_works(s2):
    with held_elsewhere(s2, "window") as window:
        refused = run_on(s2, "add-client", "--name", "上海宏达贸易有限公司")
        assert refused.returncode == 1
        assert f"进程 {window.pid}" in refused.stderr and "窗口" in refused.stderr
        listed = run_on(s2, "clients")
        assert listed.returncode == 0, listed.stderr
        assert "北京恒信科技有限公司" in listed.stdout
        restore = run_on(s2, "restore", s2, "--yes")
        assert restore.returncode == 1
    assert run_on(s2, "add-client", "--name", "上海宏达贸易有限公司").returncode == 0


def test_check_on_a_missing_archive_says_so_and_creates_nothing(tmp_path):
    result = run("check", "--db", tmp_path / "nowhere.sqlite3")
    assert result.returncode == 1
    assert "档案不存在" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_zero_byte_archive_is_refused_not_started_over(tmp_path):
    path = tmp_path / "archive.sqlite3"
    path.touch()
    for command in (("check",), ("clients",), ("add-client", "--name", "某公司")):
        result = run_on(path, *command)
        assert result.returncode == 1, command
        assert "空文件" in result.stderr and "Traceback" not in result.stderr
    assert path.stat().st_size == 0


def test_check_reports_a_damaged_archive_and_writes_are_refused(s2):
    _add_clients(s2, 60)
    conn = sqlite3.connect(s2)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='clients'").fetchone()
    conn.close()
    with open(s2, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0d" + b"\xff" * 64)
    checked = run_on(s2, "check")
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr + checked.stdout
    assert checked.stdout.strip()  # the problems, one per line
    before = s2.read_bytes()
    refused = run_on(s2, "add-client", "--name", "不该写入的客户")
    assert refused.returncode == 1
    assert "已损坏" in refused.stderr
    assert s2.read_bytes() == before


def test_backup_into_a_new_folder_and_a_full_disk_says_so(s2, tmp_path):
    folder = tmp_path / "备份"
    done = run_on(s2, "backup", f"{folder}/")
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).parent == folder

    tiny = tmp_path / "tiny"
    tiny.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(tiny)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a small file system needs root")
    try:
        _add_clients(s2, 400)  # an export bigger than the disk
        full = run_on(s2, "export", "clients", tiny / "客户.csv")
        assert full.returncode == 1
        assert "磁盘已满" in full.stderr and "Traceback" not in full.stderr
        assert list(tiny.iterdir()) == []  # no partial file, not even a temporary one
    finally:
        subprocess.run(["umount", str(tiny)], capture_output=True)

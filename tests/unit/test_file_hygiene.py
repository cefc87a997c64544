"""File hygiene: an archive on a network share is never written (SQLite's WAL is unsafe there),
and what is opened for viewing goes to a private per-user folder that is emptied."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from encrypted_archives import CLIENT, PASSWORD, files_showing, new_process

from app import file_systems, private_temp
from app.domain.errors import ArchiveError
from app.domain.records import ClientDraft
from app.services import archive as archive_service
from app.services import attachments, clients

MOUNTS = """\
sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/nvme0n1p1 /boot/efi vfat rw,relatime 0 0
//fileserver/sales /mnt/sales cifs rw,relatime,vers=3.1.1,cache=strict 0 0
nas:/export/home /home/wang/nas nfs4 rw,relatime,vers=4.2 0 0
wang@laptop:/srv /home/wang/remote fuse.sshfs rw,nosuid,nodev 0 0
/dev/sdb1 /media/wang/U\\040盘 vfat rw,nosuid,nodev 0 0
tmpfs /mnt/sales/local tmpfs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/wang/archive.sqlite3", None),
        ("/mnt/sales/大客户部/archive.sqlite3", "cifs"),
        ("/mnt/sales", "cifs"),
        ("/mnt/salesman/archive.sqlite3", None),  # a prefix of the name is not the mount
        ("/home/wang/nas/archive.sqlite3", "nfs4"),
        ("/home/wang/remote/a.sqlite3", "fuse.sshfs"),
        ("/media/wang/U 盘/archive.sqlite3", None),  # \040 is a space; a USB stick is local
        ("/mnt/sales/local/archive.sqlite3", None),  # mounted over the share: the last wins
    ],
)
def test_network_shares_are_told_from_the_mounts_table(path, expected):
    assert file_systems.network_share(Path(path), MOUNTS, platform="linux") == expected


def test_windows_unc_paths_are_network_shares():
    assert file_systems.network_share(Path(r"\\fileserver\sales\a.sqlite3"), platform="win32")


def test_an_archive_on_a_network_share_is_refused_for_writing_and_opens_read_only(
    tmp_path, monkeypatch
):
    path = tmp_path / "archive.sqlite3"
    archive_service.open_archive(path).close()  # made on a local disk, then "moved" to a share
    fake = f"/dev/vda / ext4 rw 0 0\n//nas/sales {tmp_path} cifs rw 0 0\n"
    real = file_systems.network_share
    monkeypatch.setattr(
        file_systems, "network_share", lambda p, *a, **k: real(p, fake, platform="linux")
    )
    before = path.read_bytes()
    with pytest.raises(ArchiveError) as info:
        archive_service.open_archive(path)
    assert info.value.code == "archive_on_network_share"
    assert info.value.details["fstype"] == "cifs"
    assert not (tmp_path / "archive.sqlite3.lock").exists() or path.read_bytes() == before
    with pytest.raises(ArchiveError):
        archive_service.open_archive(tmp_path / "new.sqlite3")  # nor created there
    assert not (tmp_path / "new.sqlite3").exists()
    reading = archive_service.open_archive(path, read_only=True)
    try:
        assert reading.read_only
    finally:
        reading.close()
    assert path.read_bytes() == before


@pytest.fixture
def private_root(tmp_path, monkeypatch):
    root = tmp_path / "runtime" / "SalesCompass" / "private"
    monkeypatch.setattr(private_temp, "root", lambda: root)
    yield root
    private_temp.cleanup()


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_the_viewing_folder_is_private_and_emptied(private_root):
    folder = private_temp.session_folder("view")
    assert folder.is_relative_to(private_root)
    for item in (private_root, folder.parent, folder):
        assert oct(item.stat().st_mode & 0o777) == oct(0o700)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    private_temp.cleanup()
    assert not folder.parent.exists()
    assert private_root.exists() and list(private_root.iterdir()) == []


def test_a_crashed_program_s_leftovers_are_removed_at_the_next_start(private_root):
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = private_root / finished.stdout.strip() / "view"
    dead.mkdir(parents=True)
    (dead / "合同.pdf").write_bytes(b"%PDF-1.4")
    alive = private_root / str(os.getppid()) / "view"  # a program still running keeps its own
    alive.mkdir(parents=True)
    private_temp.sweep_stale()
    assert not dead.parent.exists()
    assert alive.exists()


def test_an_encrypted_attachment_opened_for_viewing_is_decrypted_only_there(private_root, tmp_path):
    data = tmp_path / "data"
    archive = archive_service.open_archive(data / "a.sqlite3", password=PASSWORD)
    try:
        client = clients.create_client(archive, ClientDraft(CLIENT))
        scan = tmp_path / "营业执照.txt"
        scan.write_text(f"营业执照 {CLIENT}", encoding="utf-8")
        att = attachments.add(archive, "client", client.id, scan)
        scan.unlink()
        copy = attachments.copy_out(archive, att.id, private_temp.session_folder("view"))
        assert copy.read_text(encoding="utf-8") == f"营业执照 {CLIENT}"
        assert copy.is_relative_to(private_root)
        readable = archive.blobs.readable_path(att.sha256)  # what a packet merges
        assert readable.is_relative_to(private_root)
        assert files_showing(data, CLIENT) == []
    finally:
        archive.close()
        new_process()
    private_temp.cleanup()
    assert files_showing(tmp_path, CLIENT) == []


def test_the_window_views_and_prints_in_the_private_folder():
    from app.ui import list_printing
    from app.ui.documents import editor as documents_editor
    from app.ui.kit import files

    for folder in (files.OPEN_DIR, list_printing.PRINT_DIR, documents_editor.PRINT_DIR):
        assert Path(folder).is_relative_to(private_temp.root())
        assert str(os.getpid()) in Path(folder).parts

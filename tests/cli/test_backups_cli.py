"""`sales-compass backups ...` and `restore ID` through the real entry point (issue 9 §1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run_cli

from app.db.archive_file import copy_database
from app.domain.records import ClientDraft
from app.services import attachments, clients
from app.services.archive import open_archive


@pytest.fixture
def home(tmp_path) -> Path:
    """The per-user data folder: the default backup folder is `SalesCompass/backups` in it."""
    return tmp_path / "home"


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "desk" / "archive.sqlite3"
    archive = open_archive(path)
    try:
        client = clients.create_client(archive, ClientDraft("北京恒信科技有限公司"))
        scan = tmp_path / "license.pdf"
        scan.write_bytes(b"license scan")
        attachments.add(archive, "client", client.id, scan, "营业执照.pdf")
    finally:
        archive.close()
    return path


def run(db: Path, home: Path, *args: object, env_lang: str = "zh"):
    return run_cli(*args, "--db", db, home=home, env_lang=env_lang)


def _client_names(db: Path) -> list[str]:
    archive = open_archive(db)
    try:
        ids = clients.list_client_ids(archive, clients.ClientQuery())
        return [c.name for c in clients.client_rows(archive, ids)]
    finally:
        archive.close()


def test_backups_now_then_list_in_the_default_folder(db, home):
    made = run(db, home, "backups", "now")
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.splitlines()[0])
    assert path.parent == home / "SalesCompass" / "backups"
    assert "已验证" in made.stdout and "新复制附件 1 个" in made.stdout

    listed = run(db, home, "backups", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    (entry,) = json.loads(listed.stdout)
    assert {"id", "when", "kind", "size", "verified"} <= set(entry)
    assert (entry["kind"], entry["verified"], entry["size"]) == (
        "manual",
        True,
        path.stat().st_size,
    )
    assert entry["counts"]["clients"] == 1

    words = run(db, home, "backups", "list")
    assert entry["id"] in words.stdout and "手动" in words.stdout and "已验证" in words.stdout


def test_verify_exits_1_on_a_damaged_backup(db, home):
    first = run(db, home, "backups", "now")
    second = run(db, home, "backups", "now")
    assert first.returncode == second.returncode == 0
    ids = [e["id"] for e in json.loads(run(db, home, "backups", "list", "--json").stdout)]
    assert run(db, home, "backups", "verify").returncode == 0
    damaged = Path(second.stdout.splitlines()[0])
    with open(damaged, "r+b") as handle:
        handle.seek(4096 + 200)
        handle.write(b"\x00garbage\x00")

    bad = run(db, home, "backups", "verify", ids[0], env_lang="en")
    assert bad.returncode == 1
    assert "FAILED" in bad.stdout and "SHA-256" in bad.stderr
    assert run(db, home, "backups", "verify", ids[1]).returncode == 0
    assert run(db, home, "backups", "verify").returncode == 1  # all: one is bad
    listed = json.loads(run(db, home, "backups", "list", "--json").stdout)
    assert [e["verified"] for e in listed] == [False, True]


def test_restore_by_id_from_the_list(db, home):
    assert run(db, home, "backups", "now").returncode == 0
    (entry,) = json.loads(run(db, home, "backups", "list", "--json").stdout)
    archive = open_archive(db)
    try:
        clients.create_client(archive, ClientDraft("后来的客户"))
    finally:
        archive.close()

    refused = run(db, home, "restore", entry["id"])
    assert refused.returncode == 1 and "--yes" in refused.stderr
    restored = run(db, home, "restore", entry["id"], "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "原档案已保留为" in restored.stdout
    assert _client_names(db) == ["北京恒信科技有限公司"]
    assert run(db, home, "check").returncode == 0  # its attachment came back too

    unknown = run(db, home, "restore", "20200101-000000", "--yes")
    assert unknown.returncode == 1 and "没有编号为 20200101-000000 的备份" in unknown.stderr


def test_restore_path_of_a_backup_in_the_folder_finds_its_attachments(db, home, tmp_path):
    made = run(db, home, "backups", "now")
    path = Path(made.stdout.splitlines()[0])
    target = tmp_path / "elsewhere" / "new.sqlite3"
    restored = run_cli("restore", path, "--yes", "--db", target, home=home)
    assert restored.returncode == 0, restored.stderr
    assert run_cli("check", "--db", target).stdout.strip() == "ok"


def test_settings_choose_the_folder_and_the_rotation(db, home, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    changed = run(db, home, "backups", "settings", "--folder", usb / "backups", "--keep-daily", 3)
    assert changed.returncode == 0, changed.stderr
    shown = json.loads(run(db, home, "backups", "settings", "--json").stdout)
    assert shown["folder"] == str(usb / "backups") and shown["keep_daily"] == 3
    assert not shown["default_folder"]
    assert Path(run(db, home, "backups", "now").stdout.splitlines()[0]).parent == usb / "backups"

    bad = run(db, home, "backups", "settings", "--keep-weekly", -1)
    assert bad.returncode == 1 and "每周备份保留份数" in bad.stderr

    (usb / "backups").rename(tmp_path / "unplugged")  # the USB disk is not there
    missing = run(db, home, "backups", "now")
    assert missing.returncode == 1
    assert "U 盘是否已插好" in missing.stderr and "Traceback" not in missing.stderr
    assert not (usb / "backups").exists()


def test_prune_moves_the_copies_kept_beside_the_archive(db, home):
    kept = db.with_name("archive.before-upgrade-0007-20260101.sqlite3")
    copy_database(db, kept)
    listed = json.loads(run(db, home, "backups", "list", "--json").stdout)
    assert [(e["kind"], e["verified"], e["location"]) for e in listed] == [
        ("before-upgrade", None, "archive")
    ]

    pruned = run(db, home, "backups", "prune")
    assert pruned.returncode == 0, pruned.stderr
    assert "已移入备份文件夹：升级前副本" in pruned.stdout
    assert not kept.exists()
    listed = json.loads(run(db, home, "backups", "list", "--json").stdout)
    assert [(e["kind"], e["verified"], e["location"]) for e in listed] == [
        ("before-upgrade", True, "folder")
    ]

"""The command line through its real entry point (`python -m app`), as a user would run it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_runner import run_cli as run

from app.services import attachments
from app.services.archive import open_archive


@pytest.fixture(scope="module")
def demo_archive(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    result = run("demo", "--clients", 50, "--db", path)
    assert result.returncode == 0, result.stderr
    assert "客户 50 家" in result.stdout
    purchasers = int(result.stdout.split("另有招标采购人 ")[1].split(" 家")[0])
    assert clients_in(path) == 50 + purchasers  # the total the client list will show
    return path


def clients_in(path: Path) -> int:
    from app.services.clients import client_count

    archive = open_archive(path)
    try:
        return client_count(archive)
    finally:
        archive.close()


@pytest.fixture
def demo_copy(demo_archive, tmp_path) -> Path:
    """A private copy of the demo archive for a test that changes it."""
    path = tmp_path / "mine.sqlite3"
    shutil.copyfile(demo_archive, path)
    # The demo stores files too (the qualification scans of demo_tenders), beside the database.
    shutil.copytree(demo_archive.with_suffix(".files"), path.with_suffix(".files"))
    return path


def test_demo_then_search_json(demo_archive):
    result = run("search", "有限公司", "--json", "--limit", 5, "--db", demo_archive)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    clients = [h for h in hits if h["kind"] == "client"]
    assert len(clients) == 5
    assert set(hits[0]) == {"kind", "id", "title", "snippet"}
    assert all("有限公司" in h["title"] for h in clients)


def test_demo_refuses_an_archive_that_has_clients(demo_copy):
    result = run("demo", "--clients", 5, "--db", demo_copy, env_lang="en")
    assert result.returncode == 1
    assert "empty archive" in result.stderr


def test_demo_defaults_to_the_demo_file_not_the_users_archive(tmp_path):
    result = run("demo", "--clients", 3, home=tmp_path)
    assert result.returncode == 0, result.stderr
    created = list(tmp_path.rglob("*.sqlite3"))
    assert [p.name for p in created] == ["demo.sqlite3"]


def test_backup_and_restore(demo_copy, tmp_path):
    dest = tmp_path / "backup.sqlite3"
    result = run("backup", dest, "--db", demo_copy)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == dest
    target = tmp_path / "restored.sqlite3"

    refused = run("restore", dest, "--db", target, env_lang="en")
    assert refused.returncode == 1
    assert "--yes" in refused.stderr
    assert not target.exists()

    restored = run("restore", dest, "--yes", "--db", target)
    assert restored.returncode == 0, restored.stderr
    same = run("search", "有限公司", "--json", "--db", target)
    original = run("search", "有限公司", "--json", "--db", demo_copy)
    assert json.loads(same.stdout) == json.loads(original.stdout)


def test_check_passes_then_fails_after_damaging_an_attachment(demo_copy, tmp_path):
    scan = tmp_path / "营业执照.pdf"
    scan.write_bytes(b"%PDF-1.4 business licence scan")
    archive = open_archive(demo_copy)
    try:
        att = attachments.add(archive, "client", 1, scan)
        stored = archive.blobs.path_of(att.sha256)
    finally:
        archive.close()

    ok = run("check", "--db", demo_copy)
    assert ok.returncode == 0, ok.stdout + ok.stderr

    stored.write_bytes(b"%PDF-1.4 business licence sca_")
    broken = run("check", "--db", demo_copy)
    assert broken.returncode == 1
    assert att.sha256 in broken.stdout


def test_a_file_that_is_not_an_archive_is_refused(tmp_path):
    bogus = tmp_path / "report.sqlite3"
    bogus.write_text("季度报告,不是数据库。" * 100, encoding="utf-8")
    before = bogus.read_bytes()
    result = run("check", "--db", bogus, env_lang="en")
    assert result.returncode == 1
    assert "is not a Sales Compass archive" in result.stderr
    assert "Traceback" not in result.stderr
    assert bogus.read_bytes() == before


def test_demo_with_a_bad_count_exits_1_and_creates_nothing(tmp_path):
    path = tmp_path / "never.sqlite3"
    result = run("demo", "--clients", 0, "--db", path, env_lang="en")
    assert result.returncode == 1
    assert "not a valid count" in result.stderr
    assert not path.exists()


def test_help_lists_every_command_and_opens_no_window():
    result = run("--help")
    assert result.returncode == 0, result.stderr
    for word in ("import", "search", "tender", "minutes", "rebate", "pdf", "backup", "check"):
        assert f"    {word} " in result.stdout


def test_check_fix_search_rebuilds_an_index_out_of_step(tmp_path):
    db = tmp_path / "a.sqlite3"
    archive = open_archive(db)
    try:
        from app.domain.records import ClientDraft, ContactDraft
        from app.services import clients

        clients.create_client(archive, ClientDraft("北京华信科技有限公司"), [ContactDraft("张伟")])
        with archive.db.session() as session:  # a document removed behind the index's back
            session.connection().exec_driver_sql("DELETE FROM search_docs WHERE kind = 'contact'")
    finally:
        archive.close()
    found = run("check", "--db", db)
    assert found.returncode == 1 and "search index" in found.stdout
    fixed = run("check", "--fix-search", "--db", db)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "搜索索引已重建" in fixed.stdout and fixed.stdout.strip().endswith("ok")
    assert run("check", "--db", db).returncode == 0

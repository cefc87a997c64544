"""The schema's history: from the first revision up to head with data in it, down and up again,
and an archive from a newer app refused untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from migration_samples import archive_at_first_revision

from app.db import archive_file
from app.domain.errors import ArchiveError
from app.domain.records import ClientDraft
from app.services import activities, clients, search
from app.services.archive import open_archive

NOW = datetime(2026, 11, 26, 10, 30)
STAMP = "2026-11-01 09:00:00.000000"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def test_first_revision_upgrades_to_head_with_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    archive_at_first_revision(path)
    assert archive_file.current_revision(path) == "0001"

    archive = open_archive(path, clock=lambda: NOW)
    try:
        assert archive_file.current_revision(path) == archive_file.head_revision()
        client = clients.get_client(archive, 1)
        assert client.name == "深圳华达电子有限公司"
        # 0016: the 开票信息 columns start empty, and can be filled
        assert (client.bank, client.bank_account, client.invoice_address) == ("", "", "")
        filled = replace(client.draft(), bank="招商银行", bank_account="1109 0123 4567")
        assert clients.update_client(archive, 1, filled).bank_account == "1109 0123 4567"
        assert client.contacts[0].mobile == "13812345678"
        activity = activities.get_activity(archive, 1)
        assert str(activity.expense) == "123.45"
        assert activity.contact_ids == (1,)
        # the search index is rebuilt on open, so the old data is findable at once
        hits = search.search(archive, "华达")
        assert [(h.kind, h.id) for h in hits if h.kind == "client"] == [("client", 1)]
        assert [h.id for h in search.search(archive, "szhd") if h.kind == "client"] == [1]
        assert [h.id for h in search.search(archive, "框架") if h.kind == "activity"] == [1]
    finally:
        archive.close()


def test_opening_an_older_archive_leaves_a_backup_beside_it(tmp_path):
    path = tmp_path / "old.sqlite3"
    archive_at_first_revision(path)
    archive = open_archive(path, clock=lambda: NOW)
    archive.close()
    backup = archive.upgrade_backup
    assert backup is not None and backup.parent == path.parent
    assert "before-upgrade-0001" in backup.name
    assert archive_file.current_revision(backup) == "0001"
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT name FROM clients").fetchall() == [("深圳华达电子有限公司",)]
    conn.close()


def test_downgrade_to_base_and_up_again(tmp_path):
    path = tmp_path / "old.sqlite3"
    archive_at_first_revision(path)
    open_archive(path, clock=lambda: NOW).close()
    assert {"search_docs", "search_fts"} <= _tables(path)

    archive_file.downgrade(path, "0001")
    assert "search_docs" not in _tables(path)
    assert archive_file.current_revision(path) == "0001"

    archive_file.downgrade(path, "base")
    assert archive_file.current_revision(path) is None
    assert not {"clients", "activities", "search_docs"} & _tables(path)

    archive = open_archive(path, clock=lambda: NOW)
    try:
        assert archive_file.current_revision(path) == archive_file.head_revision()
        assert clients.client_count(archive) == 0
        created = clients.create_client(archive, ClientDraft("杭州宏远机械有限公司"))
        assert [h.id for h in search.search(archive, "宏远")] == [created.id]
    finally:
        archive.close()


def test_archive_from_a_newer_app_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "newer.sqlite3"
    open_archive(path, clock=lambda: NOW).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = _sha256(path)
    siblings = sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(ArchiveError) as info:
        open_archive(path, clock=lambda: NOW)
    assert info.value.code == "archive_too_new"
    assert info.value.details["revision"] == "9999_from_the_future"
    assert _sha256(path) == before
    assert not [n for n in tmp_path.iterdir() if "before-upgrade" in n.name]
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".sqlite3") == [
        n for n in siblings if n.endswith(".sqlite3")
    ]

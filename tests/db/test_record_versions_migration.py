"""Migration 0026: a version on every record a person edits (optimistic concurrency, issue 14
§3) and on each history entry. Records made before it start at version 1 with their data
untouched; down to the revision before and up again keeps every record."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime

import pytest

from app.db import archive_file
from app.domain.enums import ActivityKind
from app.domain.errors import ConflictError
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.services import activities, clients
from app.services.archive import open_archive

REVISION = "0026"  # this migration (renumbered at merge: change it here only)
BEFORE = "0025"
NOW = datetime(2026, 11, 26, 10, 30)
VERSIONED = ("clients", "contacts", "activities", "tenders", "qualifications", "meetings")
VERSIONED += ("action_items", "documents", "letters", "contracts", "receipts", "rebates")
VERSIONED += ("client_news",)


def _columns(path, table: str) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    finally:
        conn.close()


def _fill(path) -> tuple[int, int]:
    archive = open_archive(path, clock=lambda: NOW)
    try:
        client = clients.create_client(
            archive, ClientDraft(name="深圳华达电子有限公司"), [ContactDraft(name="张伟")]
        )
        client = clients.update_client(archive, client.id, replace(client.draft(), notes="老客户"))
        visit = activities.create_activity(
            archive, ActivityDraft(client.id, ActivityKind.VISIT, NOW, "拜访")
        )
        return client.id, visit.id
    finally:
        archive.close()


def test_down_and_up_again_starts_every_record_at_version_one(tmp_path):
    path = tmp_path / "a.sqlite3"
    client_id, visit_id = _fill(path)
    assert archive_file.current_revision(path) == archive_file.head_revision()

    archive_file.downgrade(path, BEFORE)
    for table in VERSIONED:
        assert "version" not in _columns(path, table), table
    assert "version" not in _columns(path, "change_log")

    archive_file.migrate(path, REVISION)
    assert archive_file.current_revision(path) == REVISION
    archive = open_archive(path, clock=lambda: NOW)
    try:
        for table in VERSIONED:
            assert "version" in _columns(path, table), table
        client = clients.get_client(archive, client_id)
        assert (client.name, client.notes, client.version) == ("深圳华达电子有限公司", "老客户", 1)
        assert client.contacts[0].version == 1
        assert activities.get_activity(archive, visit_id).version == 1
        # the check works on the records from before: a save on version 1 passes once
        saved = clients.update_client(archive, client_id, replace(client.draft(), owner="李娜"), 1)
        assert saved.version == 2
        with pytest.raises(ConflictError) as refused:
            clients.update_client(archive, client_id, client.draft(), 1)
        # the history from before the migration has no versions; what came after is told
        assert [c.field for c in refused.value.changes] == ["owner"]
    finally:
        archive.close()

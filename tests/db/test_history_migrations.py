"""The change history is data, not schema: it survives the migrations that rebuild the tables
it talks about, and an archive from before the history starts recording once upgraded."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime

from migration_samples import archive_at_first_revision

from app.db import archive_file
from app.domain.records import ClientDraft
from app.services import clients, history, identity
from app.services.archive import open_archive

NOW = datetime(2026, 11, 26, 10, 30)
LATER = datetime(2026, 12, 1, 9, 0)


def _rows(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        # the entries as the history shows them (the version each left its record at, 0023,
        # is not kept by a downgrade below it)
        columns = "id, at, user, action, kind, record_id, title, changes, count"
        return conn.execute(f"SELECT {columns} FROM change_log ORDER BY id").fetchall()
    finally:
        conn.close()


def test_entries_written_are_read_back_after_the_schema_is_rebuilt(tmp_path):
    path = tmp_path / "a.sqlite3"
    archive = open_archive(path, clock=lambda: NOW)
    try:
        identity.set_user_name(archive, "王芳")
        created = clients.create_client(archive, ClientDraft("北京华信科技有限公司"))
        clients.update_client(archive, created.id, replace(created.draft(), tier="A"))
    finally:
        archive.close()
    before = _rows(path)
    assert len(before) == 2

    # down to the revision that made the history, then up again through every later
    # revision (those that rebuild the record tables included)
    archive_file.downgrade(path, "0009")
    archive = open_archive(path, clock=lambda: LATER)
    try:
        assert archive_file.current_revision(path) == archive_file.head_revision()
        assert _rows(path) == before
        edit, create = history.record_history(archive, "client", created.id)
        assert (edit.user, edit.at, edit.lines()) == ("王芳", NOW, ["等级：C → A"])
        assert create.action == "create"
        # and the history goes on recording on the upgraded archive
        clients.update_client(archive, created.id, replace(created.draft(), tier="B"))
        latest = history.record_history(archive, "client", created.id)[0]
        assert (latest.at, latest.lines()) == (LATER, ["等级：A → B"])
    finally:
        archive.close()


def test_an_archive_from_before_the_history_records_changes_once_upgraded(tmp_path):
    path = tmp_path / "old.sqlite3"
    archive_at_first_revision(path)
    archive = open_archive(path, clock=lambda: NOW)
    try:
        assert history.record_history(archive, "client", 1) == []  # nothing was invented
        old = clients.get_client(archive, 1)
        clients.update_client(archive, 1, replace(old.draft(), tier="B", owner="李娜"))
        (entry,) = history.record_history(archive, "client", 1)
        assert entry.title == "深圳华达电子有限公司"
        assert entry.lines() == ["等级：A → B", "客户经理：王强 → 李娜"]
    finally:
        archive.close()

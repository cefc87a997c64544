"""Migration 0010: record ids are never given out twice, so a binned record comes back under
its own id even after newer records were added; the rebuilt tables keep their rows, indexes
and constraints, and the revision goes down and up again."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from app.db import archive_file
from app.domain.records import ClientDraft
from app.services import clients, recycle_bin
from app.services.archive import open_archive

NOW = datetime(2026, 11, 26, 10, 30)
STAMP = "2026-11-01 09:00:00.000000"
# the tables of the records that go to the recycle bin, and of what hangs on them
REBUILT = (
    *recycle_bin.TABLES.values(),
    "attachments",
    "client_tier_changes",
    "tender_items",
    "packet_sections",
    "packet_files",
    "meeting_decisions",
    "action_items",
    "document_versions",
    "document_reviews",
    "contract_lines",
    "rebate_steps",
)


def _sql(path, statement: str, *params) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        with conn:
            return conn.execute(statement, params).fetchall()
    finally:
        conn.close()


def _schema(path) -> dict[str, str]:
    rows = _sql(path, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql != ''")
    return dict(rows)


def _archive_at_0009_with_clients(path) -> None:
    archive_file.migrate(path, target="0009")
    for n in (1, 2, 3):
        _sql(
            path,
            "INSERT INTO clients (id, name, name_key, sort_key, tier, status, created_on,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, 'C', '合作中', '2026-01-02', ?, ?)",
            n,
            f"客户{n}",
            f"客户{n}",
            f"ke hu {n}",
            STAMP,
            STAMP,
        )


def test_the_upgrade_keeps_rows_and_never_reuses_an_id(tmp_path):
    path = tmp_path / "a.sqlite3"
    _archive_at_0009_with_clients(path)
    indexes = _schema(path)
    archive = open_archive(path, clock=lambda: NOW)
    try:
        assert archive_file.current_revision(path) == archive_file.head_revision()
        # every index rebuilt as it was (later revisions may add their own)
        assert _schema(path).items() >= indexes.items()
        for table in REBUILT:
            (sql,) = _sql(path, "SELECT sql FROM sqlite_master WHERE name = ?", table)[0]
            assert "AUTOINCREMENT" in sql, table
        (check,) = _sql(path, "SELECT sql FROM sqlite_master WHERE name = 'clients'")[0]
        assert "ck_clients_tier" in check
        assert _sql(path, "PRAGMA foreign_key_check") == []

        clients.delete_client(archive, 3)  # the newest client goes to the bin
        newer = clients.create_client(archive, ClientDraft("客户4"))
        assert newer.id == 4
        recycle_bin.restore(archive, "client", 3)
        assert [clients.get_client(archive, i).name for i in (1, 2, 3, 4)] == [
            "客户1",
            "客户2",
            "客户3",
            "客户4",
        ]
    finally:
        archive.close()


def test_down_to_0009_and_up_again_keeps_the_rows(tmp_path):
    path = tmp_path / "a.sqlite3"
    _archive_at_0009_with_clients(path)
    open_archive(path, clock=lambda: NOW).close()
    archive_file.downgrade(path, "0009")
    (sql,) = _sql(path, "SELECT sql FROM sqlite_master WHERE name = 'clients'")[0]
    assert "AUTOINCREMENT" not in sql
    assert _sql(path, "SELECT id, name FROM clients ORDER BY id") == [
        (1, "客户1"),
        (2, "客户2"),
        (3, "客户3"),
    ]
    archive = open_archive(path, clock=lambda: NOW)
    try:
        assert clients.client_count(archive) == 3
    finally:
        archive.close()

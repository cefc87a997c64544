"""Revision 0032 (issue 11): the visits' partial index by client and start, which the monthly
report's churn list reads each client's last visit as of the cut-off from; up and down, with
the activities kept."""

from __future__ import annotations

import sqlite3

import monthly_samples

from app.db import archive_file
from app.services.archive import open_archive

REVISION = "0032"  # the revision that adds the index (renumbered at merge)
BEFORE = "0031"
INDEX = "ix_activities_client_visits"


def _indexes(path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"))
    finally:
        conn.close()


def _count(path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_the_revision_adds_the_index_and_takes_it_away(tmp_path):
    path = tmp_path / "a.sqlite3"
    archive = open_archive(path, clock=lambda: monthly_samples.NOW)
    monthly_samples.build(archive, clients=40)
    archive.close()
    visits = "SELECT count(*) FROM activities WHERE kind = 'visit'"
    before = _count(path, visits)
    assert before > 0
    assert "WHERE kind = 'visit'" in _indexes(path)[INDEX]
    archive_file.downgrade(path, BEFORE)
    assert INDEX not in _indexes(path)
    assert _count(path, visits) == before
    archive_file.migrate(path, REVISION)
    assert INDEX in _indexes(path)
    assert (
        _count(path, f"SELECT count(*) FROM activities INDEXED BY {INDEX} WHERE kind = 'visit'")
        == before
    )

"""Revision 0015 (issue 11): an archive whose search index stores its own copy of the text is
converted to the index over search_docs, token for token, crash-safely, and back down."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from app.db import archive_file, search_index
from app.domain.enums import ActivityKind
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.services import activities, clients, search
from app.services.archive import check_path, open_archive

PROJECT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 12, 6, 9, 0)
QUERIES = ("华", "华信", "深圳", "bjhx", "szhd", "ww", "HT", "框架", "拜访", "2026")


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()


def _hits(archive) -> dict[str, list[tuple]]:
    return {
        q: [(h.kind, h.id, h.title, h.snippet) for h in search.search(archive, q)] for q in QUERIES
    }


def _dump(archive) -> list[tuple]:
    with archive.db.session() as session:
        return search_index.dump(session)


@pytest.fixture
def archive_at_0010(tmp_path) -> tuple[Path, dict, list]:
    """An archive at revision 0010 (search text stored twice) with indexed records, and the hits
    and index contents it had at head before going down."""
    path = tmp_path / "old.sqlite3"
    archive = open_archive(path, clock=lambda: NOW)
    try:
        first = clients.create_client(
            archive,
            ClientDraft("北京华信科技有限公司", notes="年度框架协议 HT-2026"),
            [ContactDraft("王五", mobile="13812345678")],
        )
        clients.create_client(archive, ClientDraft("深圳华达电子有限公司", industry="电子"))
        activities.create_activity(
            archive, ActivityDraft(first.id, ActivityKind.VISIT, datetime(2026, 11, 3, 9), "拜访")
        )
        hits, dump = _hits(archive), _dump(archive)
    finally:
        archive.close()
    archive_file.downgrade(path, "0014")
    return path, hits, dump


def test_the_downgrade_stores_the_segmented_text_again(archive_at_0010):
    path, _hits_at_head, _dump_at_head = archive_at_0010
    assert archive_file.current_revision(path) == "0014"
    assert {"search_fts_content", "search_fts_docsize"} <= _tables(path)
    conn = sqlite3.connect(path)
    try:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(search_docs)")}
        stored = conn.execute(
            "SELECT d.kind, d.title, d.body, f.kind, f.title, f.body, f.initials"
            " FROM search_docs d JOIN search_fts f ON f.rowid = d.id"
        ).fetchall()
        docs = conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]
    finally:
        conn.close()
    assert "initials" not in columns
    assert len(stored) == docs == 4  # two clients, a contact, an activity
    for kind, title, body, f_kind, f_title, f_body, _initials in stored:
        assert (f_kind, f_title, f_body) == (
            "k" + kind,
            search_index.segment(title),
            search_index.segment(body),
        )
    initials = {r[-1] for r in stored}
    assert {"b j h x k j y x g s", "w w"} <= initials


def test_the_upgrade_moves_every_token_over_and_edits_work_on_them(archive_at_0010):
    path, hits_at_head, dump_at_head = archive_at_0010
    archive = open_archive(path, clock=lambda: NOW)
    try:
        assert archive_file.current_revision(path) == archive_file.head_revision()
        assert not {"search_fts_content", "search_fts_docsize"} & _tables(path)
        assert _dump(archive) == dump_at_head  # same documents, same tokens, same initials
        assert _hits(archive) == hits_at_head
        assert check_path(path) == []
        first = clients.get_client(archive, 1)
        clients.update_client(archive, 1, replace(first.draft(), name="上海恒通贸易有限公司"))
        assert not [h for h in search.search(archive, "bjhx") if h.kind == "client"]
        assert [h.id for h in search.search(archive, "shht") if h.kind == "client"] == [1]
        edited = _dump(archive)
        search.rebuild_index(archive)
        assert _dump(archive) == edited
    finally:
        archive.close()


def test_an_index_out_of_step_with_its_documents_is_rebuilt_after_the_upgrade(archive_at_0010):
    path, _hits_at_head, _dump_at_head = archive_at_0010
    conn = sqlite3.connect(path)
    with conn:  # a document gone from search_docs whose tokens stayed (an older bug, say)
        conn.execute("DELETE FROM search_docs WHERE kind = 'activity'")
    conn.close()
    archive = open_archive(path, clock=lambda: NOW)
    try:
        assert check_path(path) == []
        assert [h.kind for h in search.search(archive, "拜访")] == ["activity"]  # rebuilt
        rebuilt = _dump(archive)
        search.rebuild_index(archive)
        assert _dump(archive) == rebuilt
    finally:
        archive.close()


# Opens the archive in a fresh process that SIGKILLs itself just before its Nth SQL statement
# (as tests/db/test_archive_crash.py does); with N = 0 it prints how many there were.
_KILL_AT_STATEMENT = """
import os, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine

target, seen = int(sys.argv[2]), 0

@event.listens_for(Engine, "before_cursor_execute")
def _maybe_die(*_args, **_kwargs):
    global seen
    seen += 1
    if seen == target:
        os.kill(os.getpid(), signal.SIGKILL)

from app.services.archive import open_archive
open_archive(sys.argv[1]).close()
print(seen)
"""


def _open_killed_at(path: Path, statement: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _KILL_AT_STATEMENT, str(path), str(statement)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_kill_during_the_upgrade_leaves_0010_or_head_and_a_working_search(
    archive_at_0010, tmp_path
):
    template, hits_at_head, _dump_at_head = archive_at_0010
    counted = tmp_path / "counted.sqlite3"
    archive_file.copy_database(template, counted)
    result = _open_killed_at(counted, 0)
    assert result.returncode == 0, result.stderr
    total = int(result.stdout.strip())
    points = sorted({1, 2, total, *range(3, total, max(1, total // 8))})
    for point in points:
        path = tmp_path / f"killed-{point}.sqlite3"
        archive_file.copy_database(template, path)
        result = _open_killed_at(path, point)
        assert result.returncode == -signal.SIGKILL, (point, result.stderr)
        assert archive_file.current_revision(path) in {"0014", archive_file.head_revision()}
        archive = open_archive(path, clock=lambda: NOW)
        try:
            assert _hits(archive) == hits_at_head, point
        finally:
            archive.close()
        assert check_path(path) == [], point


def test_an_upgrade_that_frees_much_of_the_file_gives_it_back(tmp_path):
    path = tmp_path / "archive.sqlite3"
    open_archive(path).close()
    conn = sqlite3.connect(path)
    with conn:  # what a rebuilt table leaves behind: pages that no table uses
        conn.execute("CREATE TABLE scratch (x BLOB)")
        conn.executemany("INSERT INTO scratch VALUES (zeroblob(4000))", [()] * 2000)
    with conn:
        conn.execute("DROP TABLE scratch")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = path.stat().st_size
    assert archive_file.reclaim_free_space(path)
    assert path.stat().st_size < before - 7_000_000
    assert not archive_file.reclaim_free_space(path)  # nothing left to give back
    assert check_path(path) == []

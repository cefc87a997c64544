"""The search index stores its text once (issue 11): search_fts keeps only tokens over
search_docs, and a document edited or deleted leaves none of its old tokens behind."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from app.db import search_index
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients, recycle_bin, search
from app.services.archive import check_path

OLD = "北京华信科技有限公司"
NEW = "深圳恒达电子有限公司"


def _kinds_ids(archive, text: str) -> set[tuple[str, int]]:
    return {(h.kind, h.id) for h in search.search(archive, text, limit=50)}


def _dump(archive) -> list[tuple]:
    with archive.db.session() as session:
        return search_index.dump(session)


def _fts_integrity(archive) -> None:
    """FTS5's own check of the index structure (raises when it is damaged)."""
    with archive.db.session() as session:
        session.connection().exec_driver_sql(
            "INSERT INTO search_fts (search_fts) VALUES ('integrity-check')"
        )


@pytest.fixture
def client(archive):
    return clients.create_client(
        archive,
        ClientDraft(OLD, industry="软件", notes="年度框架协议 HT-2026"),
        [ContactDraft("王五")],
    )


def test_the_index_stores_no_copy_of_the_text_and_no_column_sizes(archive, client):
    conn = sqlite3.connect(archive.path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts'").fetchone()[0]
    finally:
        conn.close()
    assert {"search_fts", "search_fts_data", "search_docs"} <= tables
    assert not {"search_fts_content", "search_fts_docsize"} & tables
    assert "content = 'search_docs'" in sql and "columnsize = 0" in sql


def test_every_kind_of_query_finds_the_new_document(archive, client):
    hit = ("client", client.id)
    for query in ("华", "华信", "北京华信科技", "bjhx", "hx", "ht", "HT-2026", "框架", "软件"):
        assert hit in _kinds_ids(archive, query), query
    contact = ("contact", client.contacts[0].id)
    assert contact in _kinds_ids(archive, "ww")  # the contact's own initials, not its title's
    assert contact in _kinds_ids(archive, "王五")


def test_an_edit_leaves_no_old_token_behind(archive, client):
    record = clients.get_client(archive, client.id)
    draft = replace(record.draft(), name=NEW, notes="季度对账", industry="电子")
    clients.update_client(archive, client.id, draft)
    hit = ("client", client.id)
    for query in ("深圳恒达", "szhd", "季度对账", "电子"):
        assert hit in _kinds_ids(archive, query), query
    for query in ("华信", "bjhx", "框架", "HT-2026", "软件"):
        assert hit not in _kinds_ids(archive, query), query
    _fts_integrity(archive)
    edited = _dump(archive)
    search.rebuild_index(archive)  # the index after the edit is the index a rebuild makes
    assert _dump(archive) == edited


def test_a_deleted_record_is_gone_from_the_index_and_back_when_restored(archive, client):
    contact_id = client.contacts[0].id
    clients.delete_contact(archive, contact_id)
    assert ("contact", contact_id) not in _kinds_ids(archive, "王五")
    assert ("contact", contact_id) not in _kinds_ids(archive, "ww")
    clients.delete_client(archive, client.id)
    assert not _kinds_ids(archive, "华信")
    assert not _kinds_ids(archive, "bjhx")
    _fts_integrity(archive)
    deleted = _dump(archive)
    search.rebuild_index(archive)
    assert _dump(archive) == deleted

    for item in recycle_bin.list_items(archive):  # newest first: the client, then its contact
        recycle_bin.restore_item(archive, item.id)
    assert ("client", client.id) in _kinds_ids(archive, "bjhx")
    assert ("contact", contact_id) in _kinds_ids(archive, "ww")
    _fts_integrity(archive)


def test_the_same_document_written_again_and_again_is_indexed_once(archive, client):
    record = clients.get_client(archive, client.id)
    for _ in range(5):
        clients.update_client(archive, client.id, record.draft())
    assert [h.id for h in search.search(archive, "华信") if h.kind == "client"] == [client.id]
    with archive.db.session() as session:
        indexed = session.connection().exec_driver_sql(
            "SELECT count(*) FROM search_fts WHERE search_fts MATCH 'title : \"华 信\"'"
        )
        assert indexed.scalar_one() == 2  # the client and its contact (王五(北京华信…))
    _fts_integrity(archive)


def test_check_reports_an_index_that_lost_track_of_its_documents(archive, client):
    assert check_path(archive.path) == []
    with archive.db.session() as session:  # a document removed behind the index's back
        session.connection().exec_driver_sql("DELETE FROM search_docs WHERE kind = 'contact'")
    problems = check_path(archive.path)
    assert problems == ["search index: 2 documents indexed, 1 stored"]
    search.rebuild_index(archive)  # what `check` points the user to mends it
    assert check_path(archive.path) == []

"""A read-only archive file is read with sqlite3 alone until a service needs a session (issue 11:
`company` and `search` start without importing SQLAlchemy). What it reads must be exactly what the
session reads: the same hits, the same settings, and SQLite's failures put into the same words."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from app.domain.errors import ArchiveError
from app.domain.records import ClientDraft
from app.services import clients, search, settings
from app.services.archive import open_archive

QUERIES = ("华", "华信", "bjhx", "深圳", "0755", "有限公司", "王芳", "hx", "不存在的词")


@pytest.fixture
def path(archive):
    names = ("北京华信科技有限公司", "深圳华强电子有限公司", "上海宏达贸易有限公司")
    for number, name in enumerate(names):
        clients.create_client(
            archive, ClientDraft(name, address=f"深圳市福田区 0755-8888{number:04d}")
        )
    company = settings.company(archive)
    settings.save_company(archive, replace(company, name="华信"))
    archive.close()
    return archive.path


def test_a_reader_uses_the_plain_connection_and_no_engine(path):
    reader = open_archive(path, read_only=True)
    try:
        assert reader.plain() is not None
        search.search(reader, "华")
        settings.company(reader)
        assert reader._db is None  # no SQLAlchemy engine was made
    finally:
        reader.close()


def test_the_plain_reader_finds_what_a_session_finds(path):
    writer = open_archive(path)
    reader = open_archive(path, read_only=True)
    try:
        assert writer.plain() is None  # a writer reads through its sessions
        assert len(search.search(reader, "华")) == 2  # not vacuous: the clients are found
        for query in QUERIES:
            assert search.search(reader, query) == search.search(writer, query), query
        assert settings.company(reader) == settings.company(writer)
        assert settings.company(reader).name == "华信"
        assert settings.visit_intervals(reader) == settings.visit_intervals(writer)
    finally:
        reader.close()
        writer.close()


def test_once_a_session_is_made_the_reader_uses_it(path):
    reader = open_archive(path, read_only=True)
    try:
        assert clients.client_count(reader) >= 1  # a service that needs the ORM
        assert reader.plain() is None
        assert search.search(reader, "华信")
    finally:
        reader.close()


def test_a_closed_archive_cannot_be_read_by_mistake(path):
    reader = open_archive(path, read_only=True)
    reader.close()
    assert reader.plain() is None
    with pytest.raises(RuntimeError):
        reader.db  # noqa: B018 - the access is the test


def test_a_damaged_page_is_said_as_for_a_session(path, monkeypatch):
    reader = open_archive(path, read_only=True)

    def damaged(*_args, **_kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(search.index, "search_connection", damaged)
    try:
        with pytest.raises(ArchiveError) as refused:
            search.search(reader, "华")
        assert refused.value.code == "archive_corrupt"
    finally:
        reader.close()


def test_reads_on_two_threads_never_share_a_transaction(path):
    """A read-only window reads a list, its search and a print at once: one thread ending its
    snapshot must not abort the statement another thread is stepping through."""
    import threading

    reader = open_archive(path, read_only=True)
    plain = reader.plain()
    try:
        with plain.connection() as mine:
            rows = mine.execute("SELECT id FROM clients ORDER BY id")
            first = rows.fetchone()
            seen = []

            def other_reader():
                with plain.connection() as theirs:
                    seen.append(theirs is mine)
                    theirs.execute("BEGIN")
                    theirs.execute("SELECT count(*) FROM clients").fetchall()
                    theirs.rollback()

            thread = threading.Thread(target=other_reader)
            thread.start()
            thread.join(10)
            assert seen == [False]
            assert [first, *rows.fetchall()] == [(1,), (2,), (3,)]  # not aborted
            with plain.connection() as nested:  # a read inside a read: the same snapshot
                assert nested is mine
        assert plain.connections == 2  # one per thread that read at once, kept for reuse
        for _ in range(3):
            thread = threading.Thread(target=lambda: settings.company(reader))
            thread.start()
            thread.join(10)
        assert plain.connections == 2  # one after another, they reuse the free ones
    finally:
        reader.close()
    assert plain.connections == 0

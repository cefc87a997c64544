"""The plain readers (app.db.plain_*) are the repositories' queries written for sqlite3: the same
sort keys on the same columns, and the same rows for every order and filter a read-only window
asks the services for (the command line's defaults are compared in tests/cli/test_plain_reads)."""

from __future__ import annotations

import pytest

from app.db import plain_activities, plain_clients
from app.db.repositories import activities as activity_repo
from app.db.repositories import clients as client_repo
from app.demo import create_demo_archive
from app.domain.queries import ActivityQuery, ClientQuery
from app.services import activity_list, client_list, planning
from app.services.archive import open_archive


def test_the_sort_keys_are_the_repositories_on_the_same_columns():
    assert {k: c.key for k, c in client_repo.SORTABLE.items()} == plain_clients.SORT_COLUMNS
    assert list(client_list.SORT_KEYS) == list(client_repo.SORTABLE)
    activity_columns = {k: f"{c.table.name}.{c.key}" for k, c in activity_repo.SORTABLE.items()}
    assert activity_columns == {k: c for k, (c, _) in plain_activities.SORT_COLUMNS.items()}
    assert plain_activities.NULLABLE == activity_repo.NULLABLE


@pytest.fixture(scope="module")
def readers(tmp_path_factory):
    """The same archive file opened read-only twice: one reads plainly (and never makes an
    engine: checked after the tests), one through a session."""
    path = tmp_path_factory.mktemp("plainq") / "archive.sqlite3"
    create_demo_archive(path, 60, 500, seed=11)
    plain, session = open_archive(path, read_only=True), open_archive(path, read_only=True)
    session.db  # noqa: B018 - made first: this archive reads through sessions only
    assert plain.plain() is not None and session.plain() is None
    yield plain, session
    assert plain.plain() is not None  # no test fell back to a session on it
    plain.close()
    session.close()


@pytest.mark.parametrize("sort", list(plain_clients.SORT_COLUMNS))
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("text", ["", "华", "b"])
def test_the_client_list_is_the_same_in_every_order(readers, sort, descending, text):
    query = ClientQuery(text=text, sort=sort, descending=descending)
    plain, session = readers
    ids = client_list.list_client_ids(plain, query)
    assert list(ids) == list(client_list.list_client_ids(session, query))
    assert client_list.client_rows(plain, ids) == client_list.client_rows(session, ids)


@pytest.mark.parametrize("sort", list(plain_activities.SORT_COLUMNS))
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("text", ["", "会"])
def test_the_activity_lists_first_window_is_the_same_in_every_order(
    readers, sort, descending, text
):
    query = ActivityQuery(text=text, sort=sort, descending=descending)
    plain, session = readers
    # the rows, and the key (its type too) the window's next page follows, by a session
    first = activity_list.activity_page(plain, query, limit=40)
    assert first == activity_list.activity_page(session, query, limit=40)
    assert activity_list.count_activities(plain, query) == activity_list.count_activities(
        session, query
    )


@pytest.mark.parametrize("offset", [0, 7])
@pytest.mark.parametrize("owner", [None, ""])
def test_the_overdue_page_and_count_are_the_same(readers, offset, owner):
    plain, session = readers
    for key_only, limit in ((False, 30), (True, 5)):
        shown = planning.overdue_visits(plain, key_only, limit, offset, owner)
        assert shown == planning.overdue_visits(session, key_only, limit, offset, owner)
    assert planning.overdue_count(plain, owner=owner) == planning.overdue_count(
        session, owner=owner
    )

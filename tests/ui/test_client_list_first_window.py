"""A filter most clients match shows its first screen before the whole list (issue 11): the
first window is exactly the whole list's start, in every order, and the whole list then comes
after it without the rows read being read again; a filter few clients match waits for the
whole list."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.domain.queries import ClientQuery
from app.services import clients
from app.ui.clients.list_page import ClientListPage
from app.ui.context import UiContext, UiEvents
from app.ui.tasks import SynchronousTaskRunner

ORDERS = ["name", "owner", "region", "tier", "created_on", "last_visit_on", "status"]


def _first_window(archive, query: ClientQuery, count: int) -> list[int] | None:
    """The first window the list's job hands over before the whole list (None: none found)."""
    handed: list[list[int]] = []
    clients.list_client_ids(archive, query, first=count, on_first=handed.append)
    assert len(handed) <= 1
    return handed[0] if handed else None


@pytest.fixture
def demo_ctx(demo_450_archive, qapp):
    return UiContext(demo_450_archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.mark.parametrize("sort", ORDERS)
@pytest.mark.parametrize("descending", [False, True])
def test_the_first_window_is_the_start_of_the_whole_list(demo_450_archive, sort, descending):
    for text in ("有限公司", "华", "公司", "a"):
        query = ClientQuery(text=text, sort=sort, descending=descending)
        whole = list(clients.list_client_ids(demo_450_archive, query))
        first = _first_window(demo_450_archive, query, 20)
        if first is not None:
            assert first == whole[:20], (text, sort, descending)
    assert _first_window(demo_450_archive, ClientQuery(text="华"), 20) is not None


def test_an_archive_file_read_without_sqlalchemy_gives_the_same_first_window(demo_450_archive):
    from app.services.archive import open_archive

    plain = open_archive(demo_450_archive.path, read_only=True)
    try:
        assert plain.plain() is not None  # read with sqlite3 alone (app.db.plain_clients)
        for sort in ORDERS:
            for descending in (False, True):
                query = ClientQuery(text="公司", sort=sort, descending=descending)
                expected = _first_window(demo_450_archive, query, 20)
                assert expected is not None
                assert _first_window(plain, query, 20) == expected
    finally:
        plain.close()


def test_no_first_window_for_a_rare_filter_or_none(demo_450_archive):
    assert _first_window(demo_450_archive, ClientQuery(text="zzzz"), 20) is None
    assert _first_window(demo_450_archive, ClientQuery(), 20) is None


def test_the_whole_list_follows_the_first_window(demo_ctx, qtbot, monkeypatch):
    page = ClientListPage(demo_ctx)
    qtbot.addWidget(page)
    page.show()
    shown: list[tuple[int, str]] = []
    real_first = page._show_first

    def first(asked, ids):
        real_first(asked, ids)
        shown.append((page.model.total(), page.count_label.text()))

    read: list[int] = []
    fetch = page.model.fetch_rows
    monkeypatch.setattr(page.model, "fetch_rows", lambda ids: read.append(len(ids)) or fetch(ids))
    monkeypatch.setattr(page, "_show_first", first)
    page.model.batch = 10  # a first window of ten rows: the rest of its batch is shown after
    page.text_filter.setText("有限公司")
    page.apply_filters()
    whole = list(clients.list_client_ids(demo_ctx.archive, page.current_query()))
    assert shown == [(10, "…")]  # the first screen, its count to come
    assert list(page.model.ids) == whole and page.model.total() > 10
    assert page.count_label.text() == f"{len(whole)} clients"
    rows = [page.model.row_at(r).id for r in range(12)]
    assert rows == whole[:12]
    page.apply_filters()  # the same filters again (a change elsewhere): the whole list only
    assert len(shown) == 1


def test_extending_keeps_the_rows_read_and_a_different_answer_resets(demo_ctx, qtbot):
    page = ClientListPage(demo_ctx)
    qtbot.addWidget(page)
    model = page.model
    whole = list(clients.list_client_ids(demo_ctx.archive, ClientQuery(text="公司")))
    model.set_ids(whole[: model.batch])
    first_row = model.row_at(0)
    model.extend_ids(whole)
    assert model.row_at(0) is first_row  # not read again
    assert list(model.ids) == whole and model.canFetchMore() == (len(whole) > model.batch)
    model.extend_ids(list(reversed(whole)))  # not a continuation: shown anew
    assert model.row_at(0).id == whole[-1]


def test_a_current_row_beyond_the_first_window_is_kept_as_before(demo_ctx, qtbot):
    """A row chosen before the filter changed, and listed by the new filter past its first
    window, stays current (the whole list keeps it): no first window is shown then."""
    page = ClientListPage(demo_ctx)
    qtbot.addWidget(page)
    page.show()
    page.model.batch = 10
    query = ClientQuery(text="有限公司", sort=page.current_query().sort)
    whole = list(clients.list_client_ids(demo_ctx.archive, query))
    far = whole[25]
    assert page.table.select_id(far)
    firsts: list[object] = []
    real = page.model.set_ids
    page.model.set_ids = lambda ids: (firsts.append(len(ids)), real(ids))
    page.text_filter.setText("有限公司")
    page.apply_filters()
    assert firsts == [len(whole)]  # straight to the whole list
    assert page.table.current_id() == far
    wider = list(clients.list_client_ids(demo_ctx.archive, replace(query, text="公司")))
    assert page.table.select_id(wider[3])
    page.text_filter.setText("公司")
    page.apply_filters()
    assert firsts[-1] == 10  # a first window: it holds the current row, which stays current
    assert page.table.current_id() == wider[3] and list(page.model.ids) == wider

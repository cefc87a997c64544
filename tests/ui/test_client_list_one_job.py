"""The client list's filter is one job (issue 11): it looks for the first screen, hands it to
the list on the way, then reads the whole list; a rare filter, whose first screen cannot be
found at once, runs no second job beside the whole list's."""

from __future__ import annotations

import pytest

from app.domain.errors import CancelledError
from app.domain.queries import ClientQuery
from app.services import clients
from app.ui.clients.list_page import ClientListPage
from app.ui.context import UiContext, UiEvents
from app.ui.tasks import SynchronousTaskRunner, TaskContext, TaskRunner


class CountingRunner(SynchronousTaskRunner):
    """Runs jobs inline and keeps the label of each job submitted."""

    def __init__(self):
        super().__init__()
        self.labels: list[str] = []
        self.started.connect(lambda handle: self.labels.append(handle.label))


def _listing_jobs(runner: CountingRunner, page: ClientListPage) -> int:
    return runner.labels.count(page.tr("Loading clients"))


@pytest.mark.parametrize("text", ["有限公司", "zzzz"])
def test_a_changed_filter_is_one_job_whether_or_not_its_first_screen_is_found(
    demo_450_archive, qapp, qtbot, text
):
    runner = CountingRunner()
    ctx = UiContext(demo_450_archive, runner, UiEvents(), "zh_CN")
    page = ClientListPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.model.batch = 10
    firsts: list[int] = []
    real = page._show_first
    page._show_first = lambda asked, ids: (firsts.append(len(ids)), real(asked, ids))
    runner.labels.clear()
    page.text_filter.setText(text)
    page.apply_filters()
    assert _listing_jobs(runner, page) == 1
    whole = list(clients.list_client_ids(demo_450_archive, page.current_query()))
    assert list(page.model.ids) == whole
    assert firsts == ([10] if text == "有限公司" else [])  # a rare filter: the whole list only
    page.apply_filters()  # the same filters again: the whole list alone, still one job
    assert _listing_jobs(runner, page) == 2 and len(firsts) <= 1


def test_the_first_screen_arrives_before_the_whole_list_on_worker_threads(
    demo_450_archive, qapp, qtbot
):
    """With the window's own task runner: the first screen of a common filter is shown, its
    count still to come, and then the whole list, from the one job."""
    runner = TaskRunner(max_threads=2)
    labels: list[str] = []
    runner.started.connect(lambda handle: labels.append(handle.label))
    ctx = UiContext(demo_450_archive, runner, UiEvents(), "zh_CN")
    page = ClientListPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page._complete and not runner.active, timeout=10000)
    page.model.batch = 10
    seen: list[tuple[str, int, str]] = []
    real_first, real_ids = page._show_first, page._show_ids

    def first(asked, ids):
        real_first(asked, ids)
        seen.append(("first", page.model.total(), page.count_label.text()))

    def whole(asked, ids):
        real_ids(asked, ids)
        seen.append(("whole", page.model.total(), page.count_label.text()))

    page._show_first, page._show_ids = first, whole
    labels.clear()
    page.text_filter.setText("有限公司")
    page.apply_filters()
    qtbot.waitUntil(lambda: page._complete, timeout=10000)
    qtbot.waitUntil(lambda: not runner.active, timeout=10000)
    expected = list(clients.list_client_ids(demo_450_archive, page.current_query()))
    assert len(expected) > 10
    assert seen == [
        ("first", 10, "…"),  # the first screen, its count to come
        ("whole", len(expected), page.tr("{0} clients").format(len(expected))),
    ]
    assert labels.count(page.tr("Loading clients")) == 1
    assert list(page.model.ids) == expected


def test_a_cancelled_listing_stops_after_its_first_screen(demo_450_archive):
    """The filter changed while its first screen was handed over: the whole list is not read."""
    task = TaskContext()
    handed: list[list[int]] = []

    def first(ids):
        handed.append(ids)
        task._cancel.set()  # a newer filter supersedes this one

    query = ClientQuery(text="有限公司")
    with pytest.raises(CancelledError):
        clients.list_client_ids(demo_450_archive, query, first=20, on_first=first, progress=task)
    whole = list(clients.list_client_ids(demo_450_archive, query))
    assert handed == [whole[:20]]
    assert list(clients.list_client_ids(demo_450_archive, query, first=20)) == whole

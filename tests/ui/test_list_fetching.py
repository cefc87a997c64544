"""The activity list reads its next window of rows in the background (issue 11): scrolling to
the bottom never freezes the window, a window read for an old sort is dropped, the rows are
right after several windows, and closing the page, the window or the archive while a window
is being read raises nothing. Real widgets on a real task runner (threads)."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.domain.enums import ActivityKind, Tier
from app.domain.records import ActivityDraft, ClientDraft
from app.services import activities, clients
from app.ui import application
from app.ui.activities.list_page import ActivityListPage
from app.ui.context import UiContext, UiEvents
from app.ui.kit.loading_bar import SHOW_AFTER_MS
from app.ui.tasks import TaskRunner

ROWS = 330  # the first window (200), then windows of BATCH: 250, 300, 330
BATCH = 50
SUBJECT = 3  # the Subject column
SLOW_S = 1.0  # a window read this slowly; a window that waited for it would stop as long


@pytest.fixture
def listed(archive):
    """330 calls of one client, one a day, subjects 电话 000 … 电话 329."""
    client = clients.create_client(archive, ClientDraft(name="华信科技有限公司", tier=Tier.A))
    for i in range(ROWS):
        draft = ActivityDraft(
            client_id=client.id,
            kind=ActivityKind.CALL,
            started_at=datetime(2026, 1, 1, 9, 0) + timedelta(days=i),
            subject=f"电话 {i:03d}",
        )
        activities.create_activity(archive, draft)
    return archive


class SlowWindows:
    """activities.activity_page, slowed down for the windows after the first (a cold disk,
    an unindexed sort on the big archive); `release` lets a held window finish."""

    def __init__(self, monkeypatch, seconds: float = SLOW_S, hold: bool = False):
        self.real = activities.activity_page
        self.seconds, self.hold = seconds, hold
        self.release = threading.Event()
        self.threads: set[str] = set()
        monkeypatch.setattr(activities, "activity_page", self)

    def __call__(self, archive, query, after=None, limit=200):
        if after is not None:
            self.threads.add(threading.current_thread().name)
            if self.hold:
                self.release.wait(10)
            else:
                time.sleep(self.seconds)
        return self.real(archive, query, after, limit)


@pytest.fixture
def runner():
    runner = TaskRunner(max_threads=2)
    yield runner
    runner.cancel_all()
    runner.wait()


def _page(archive, runner, qtbot) -> ActivityListPage:
    ctx = UiContext(archive, runner, UiEvents(), "zh_CN")
    page = ActivityListPage(ctx)
    qtbot.addWidget(page)
    page.model.batch = BATCH
    page.resize(1000, 500)
    page.show()
    qtbot.waitExposed(page)
    # loaded, and the jobs that loaded it gone from the runner (on a busy machine a job is
    # still listed for a moment after its answer came)
    qtbot.waitUntil(
        lambda: page.model.rowCount() == 200 and page.model.counted and not runner.active,
        timeout=5000,
    )
    return page


def _subjects(page) -> list[str]:
    return [page.model.index(r, SUBJECT).data() for r in range(page.model.rowCount())]


def _scroll_to_bottom(page) -> None:
    bar = page.table.verticalScrollBar()
    bar.setValue(bar.maximum())


def test_scrolling_to_the_bottom_reads_the_next_window_without_blocking(
    listed, runner, qtbot, monkeypatch
):
    slow = SlowWindows(monkeypatch)
    page = _page(listed, runner, qtbot)
    ticks: list[int] = []
    heartbeat = QTimer(page, interval=20)
    clock = QElapsedTimer()
    heartbeat.timeout.connect(lambda: ticks.append(clock.elapsed()))
    clock.start()
    heartbeat.start()
    _scroll_to_bottom(page)
    returned = clock.elapsed()
    assert page.model.is_fetching() and page.model.rowCount() == 200  # asked, not read yet
    qtbot.waitUntil(page.table.loading_bar.isVisible, timeout=2000)
    assert page.table.loading_bar.text() == "Loading more rows…"
    bar = page.table.loading_bar.geometry()
    assert bar.bottom() == page.table.viewport().rect().bottom() and bar.width() > 900
    qtbot.waitUntil(lambda: page.model.rowCount() == 250, timeout=5000)
    heartbeat.stop()
    assert returned < SLOW_S * 500  # the scroll came back at once, not after the read
    during = [t for t in ticks if returned <= t <= SLOW_S * 1000]
    assert len(during) >= 5  # the event loop ran all along (margins for a busy machine)
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert max(gaps) < SLOW_S * 800  # never stopped for the whole read
    assert slow.threads and threading.current_thread().name not in slow.threads
    assert not page.model.is_fetching() and not page.table.loading_bar.isVisible()
    assert _subjects(page)[199:201] == ["电话 130", "电话 129"]  # newest first, no gap


def test_the_loading_bar_waits_before_it_shows(listed, runner, qtbot):
    """A window read through an index comes in a few milliseconds: the bar would only
    flicker, so it shows after SHOW_AFTER_MS, and not at all when the rows came first."""
    page = _page(listed, runner, qtbot)
    bar = page.table.loading_bar
    seen: list[tuple[bool, bool, bool]] = []
    page.model.fetching.connect(
        lambda on: seen.append((on, bar.isVisible(), bar._delay.isActive()))
    )
    _scroll_to_bottom(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 250, timeout=5000)
    assert seen[0] == (True, False, True)  # asked: nothing shown yet, the delay running
    assert seen[-1][0] is False and not bar.isVisible() and not bar._delay.isActive()
    assert SHOW_AFTER_MS >= 100


def test_rows_are_right_after_several_windows(listed, runner, qtbot):
    page = _page(listed, runner, qtbot)
    page.table.sortByColumn(SUBJECT, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: _subjects(page)[:1] == ["电话 000"], timeout=5000)
    for expected in (250, 300, 330):
        _scroll_to_bottom(page)
        qtbot.waitUntil(lambda n=expected: page.model.rowCount() == n, timeout=5000)
    assert _subjects(page) == [f"电话 {i:03d}" for i in range(ROWS)]
    assert not page.model.canFetchMore() and page.count_label.text() == "330 activities"
    ids = [page.model.id_at(r) for r in range(ROWS)]
    assert len(set(ids)) == ROWS and page.model.row_of(ids[-1]) == ROWS - 1
    _scroll_to_bottom(page)  # the end: nothing more is asked
    assert not page.model.is_fetching()


def test_a_window_read_for_the_old_sort_is_dropped(listed, runner, qtbot, monkeypatch):
    slow = SlowWindows(monkeypatch, hold=True)
    page = _page(listed, runner, qtbot)
    _scroll_to_bottom(page)  # newest first: 电话 129 … would come next
    assert page.model.is_fetching()
    page.table.sortByColumn(SUBJECT, Qt.SortOrder.AscendingOrder)
    assert not page.model.is_fetching()  # the old window is no longer waited for
    qtbot.waitUntil(lambda: _subjects(page)[:1] == ["电话 000"], timeout=5000)
    slow.release.set()  # the old window (电话 129 …) comes now: dropped
    # still at the end of the list: the new sort's next window is read, and only it is shown
    qtbot.waitUntil(lambda: page.model.rowCount() == 250 and not runner.active, timeout=5000)
    QApplication.processEvents()
    assert _subjects(page) == [f"电话 {i:03d}" for i in range(250)]
    assert len(slow.threads) >= 1 and not page.model.is_fetching()


def test_a_filter_change_drops_the_window_being_read(listed, runner, qtbot, monkeypatch):
    slow = SlowWindows(monkeypatch, hold=True)
    page = _page(listed, runner, qtbot)
    _scroll_to_bottom(page)
    assert page.model.is_fetching()
    page.search.setText("电话 31")
    page.search.flush()
    qtbot.waitUntil(lambda: page.model.rowCount() == 10, timeout=5000)
    slow.release.set()
    qtbot.waitUntil(lambda: not runner.active, timeout=5000)
    QApplication.processEvents()
    assert sorted(_subjects(page)) == [f"电话 {i}" for i in range(310, 320)]


def test_a_failed_new_answer_leaves_the_list_scrolling(listed, runner, qtbot, monkeypatch):
    """A filter whose query fails (a disk error) says why; the rows shown stay and scrolling
    still reads on after them, instead of the list stopping at its 200th row."""
    page = _page(listed, runner, qtbot)
    real = activities.activity_page

    def failing_first_window(archive, query, after=None, limit=200):
        if after is None and query.text:
            raise OSError("disk I/O error")
        return real(archive, query, after, limit)

    monkeypatch.setattr(activities, "activity_page", failing_first_window)
    page.search.setText("电话 31")
    page.search.flush()
    qtbot.waitUntil(
        lambda: not runner.active and page.count_label.text() not in ("Loading…", "330 activities"),
        timeout=5000,
    )
    assert "10" not in page.count_label.text()  # not the count of rows never shown
    assert page.model.rowCount() == 200 and page.model.canFetchMore()
    _scroll_to_bottom(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 250, timeout=5000)
    assert _subjects(page)[199:201] == ["电话 130", "电话 129"]


def test_closing_the_page_during_a_read_raises_nothing(listed, runner, qtbot, monkeypatch):
    slow = SlowWindows(monkeypatch, hold=True)
    page = _page(listed, runner, qtbot)
    _scroll_to_bottom(page)
    assert page.model.is_fetching()
    page.close()
    page.deleteLater()
    QApplication.sendPostedEvents(None, 0)
    QApplication.processEvents()
    slow.release.set()
    qtbot.waitUntil(lambda: not runner.active, timeout=5000)
    QApplication.processEvents()  # the answer comes to a page that went: dropped


def test_closing_the_window_and_its_archive_during_a_read_raises_nothing(
    listed, qtbot, monkeypatch
):
    slow = SlowWindows(monkeypatch, hold=True)
    runner = TaskRunner(max_threads=2)
    window = application.build_window(listed, runner, "zh_CN")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_area("activities")
    page = window.activity_list
    page.model.batch = BATCH
    qtbot.waitUntil(lambda: page.model.rowCount() == 200 and not runner.active, timeout=5000)
    _scroll_to_bottom(page)
    assert page.model.is_fetching()
    window.close()  # as Desktop does when a window goes: its jobs stop, its archive closes
    runner.cancel_all()
    slow.release.set()
    assert runner.wait(10000)
    listed.close()
    QApplication.processEvents()
    qtbot.wait(50)  # a closed window asks for no other window (its archive is closed)
    assert page.model.rowCount() == 200 and not page.model.is_fetching() and not runner.active


def test_a_window_cancelled_from_the_status_bar_is_not_asked_for_again(listed, qtbot, monkeypatch):
    slow = SlowWindows(monkeypatch, hold=True)
    runner = TaskRunner(max_threads=2)
    window = application.build_window(listed, runner, "zh_CN")
    qtbot.addWidget(window)
    window.show()
    window.show_area("activities")
    page = window.activity_list
    qtbot.waitUntil(lambda: page.model.rowCount() == 200 and not runner.active, timeout=5000)
    _scroll_to_bottom(page)
    assert window.task_indicator.label.text() == "Loading more rows"
    window.task_indicator.cancel_button.click()
    slow.release.set()
    qtbot.waitUntil(lambda: not page.model.is_fetching() and not runner.active, timeout=5000)
    qtbot.wait(50)
    assert not runner.active and page.model.rowCount() == 200  # not read again by itself
    window.resize(window.width(), window.height() - 20)  # the list laid out again at its end
    page.table.updateGeometries()  # (Qt asks for more after each layout at the end)
    qtbot.wait(100)
    assert not runner.active and page.model.rowCount() == 200  # still not
    slow.hold = False
    page.table.verticalScrollBar().setValue(0)
    _scroll_to_bottom(page)  # scrolled again: read
    qtbot.waitUntil(lambda: page.model.rowCount() == ROWS and not runner.active, timeout=5000)
    window.close()


def test_a_hidden_list_reads_nothing_and_never_spins(listed, runner, qtbot):
    page = _page(listed, runner, qtbot)
    page.hide()
    page.model.expose(250)  # returns: a hidden list asks for no window
    assert page.model.rowCount() == 200 and not page.model.is_fetching() and not runner.active


def test_start_up_objects_are_left_out_of_later_collections(qapp, tmp_path, qtbot):
    """A full collection walked every object of the start-up (0.2-0.8 s on a busy machine)
    while a long list scrolled: once the window is up they are frozen (gc.freeze)."""
    import gc

    from PySide6.QtCore import QTranslator

    gc.unfreeze()
    started = application.start_gui(["--db", str(tmp_path / "new.sqlite3")])
    assert not isinstance(started, int)
    _app, window = started
    qtbot.addWidget(window)
    assert gc.get_freeze_count() > 10_000
    qtbot.waitUntil(lambda: not window.ctx.runner.active, timeout=5000)
    window.close()
    window.ctx.runner.wait()
    window.ctx.archive.close()
    for translator in qapp.findChildren(QTranslator):  # the other tests expect English
        qapp.removeTranslator(translator)
    gc.unfreeze()  # the rest of the test process collects as usual

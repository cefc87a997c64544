"""The lists over ids (client list, overdue visits, follow-ups: LazyModel) read the rows they
show in the background (issue 11): the window never waits for them, a read made before the
list was reloaded or its rows edited is dropped, and closing the window during a read raises
nothing. Real widgets on a real task runner (threads)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication

from app.domain.enums import Tier
from app.domain.records import ClientDraft
from app.services import clients
from app.ui.clients.list_page import ClientListPage
from app.ui.context import Changes, UiContext, UiEvents
from app.ui.tasks import TaskRunner

NAMES = ("北京华信科技有限公司", "上海东方物流有限公司", "深圳恒通电子有限公司")


@pytest.fixture
def three(archive):
    return [clients.create_client(archive, ClientDraft(name=n, tier=Tier.A)) for n in NAMES]


class HeldRows:
    """clients.client_rows, the first `held` calls waiting for `release` (a slow disk)."""

    def __init__(self, monkeypatch, held: int = 1):
        self.real = clients.client_rows
        self.held = held
        self.calls = 0
        self.release = threading.Event()
        self.threads: set[str] = set()
        monkeypatch.setattr(clients, "client_rows", self)

    def __call__(self, archive, ids):
        self.calls += 1
        self.threads.add(threading.current_thread().name)
        rows = self.real(archive, ids)  # read now: what the archive held when it was asked
        if self.calls <= self.held:
            self.release.wait(10)
        return rows


@pytest.fixture
def runner():
    runner = TaskRunner(max_threads=2)
    yield runner
    runner.cancel_all()
    runner.wait()


def _page(archive, runner, qtbot) -> ClientListPage:
    page = ClientListPage(UiContext(archive, runner, UiEvents(), "zh_CN"))
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.model.total() == 3, timeout=5000)
    return page


def _names(page) -> list[str | None]:
    return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]


def test_rows_are_read_in_the_background_and_filled_in(archive, three, runner, qtbot, monkeypatch):
    held = HeldRows(monkeypatch)
    ticks: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    heartbeat = QTimer(interval=20)
    heartbeat.timeout.connect(lambda: ticks.append(clock.elapsed()))
    heartbeat.start()
    page = _page(archive, runner, qtbot)
    page.table.viewport().repaint()  # the rows painted: their read is asked for
    qtbot.waitUntil(lambda: held.calls == 1, timeout=5000)
    assert _names(page) == [None, None, None]  # blank while the read is held
    assert page.model.id_at(0) in {c.id for c in three}  # the ids are there at once
    before = len(ticks)
    qtbot.wait(200)
    assert len(ticks) - before >= 4  # the event loop runs while the rows are read
    held.release.set()
    qtbot.waitUntil(lambda: None not in _names(page), timeout=5000)
    heartbeat.stop()
    assert sorted(_names(page)) == sorted(NAMES)
    assert threading.current_thread().name not in held.threads
    qtbot.waitUntil(lambda: not runner.active, timeout=5000)


def test_a_read_made_before_an_edit_is_dropped(archive, three, runner, qtbot, monkeypatch):
    held = HeldRows(monkeypatch)
    page = _page(archive, runner, qtbot)
    page.table.viewport().repaint()
    qtbot.waitUntil(lambda: held.calls == 1, timeout=5000)  # reads the names as they were
    # the list's own queries (first screen, whole list) end; the held read of rows stays
    qtbot.waitUntil(lambda: len(runner.active) == 1, timeout=5000)
    stale = list(runner.active)
    renamed = ClientDraft(name="北京华信智能科技有限公司", tier=Tier.A)
    clients.update_client(archive, three[0].id, renamed)
    page.ctx.events.announce(Changes(frozenset({"client"})))  # as a saved edit does
    qtbot.waitUntil(lambda: "北京华信智能科技有限公司" in _names(page), timeout=5000)
    assert stale and all(job.is_cancel_requested() for job in stale)  # not left to run on
    held.release.set()  # the old names come now: dropped
    qtbot.waitUntil(lambda: not runner.active, timeout=5000)
    QApplication.processEvents()
    assert "北京华信科技有限公司" not in _names(page)
    assert page.model.row_at(page.model.row_of(three[0].id)).name == "北京华信智能科技有限公司"


def test_a_list_not_shown_reads_at_once(archive, three, runner, qtbot, monkeypatch):
    page = _page(archive, runner, qtbot)
    page.hide()
    page.model.forget_rows()
    assert sorted(_names(page)) == sorted(NAMES)  # no window to keep moving: read inline


def test_closing_during_a_read_raises_nothing(archive, three, runner, qtbot, monkeypatch):
    held = HeldRows(monkeypatch)
    page = _page(archive, runner, qtbot)
    page.table.viewport().repaint()
    qtbot.waitUntil(lambda: held.calls == 1, timeout=5000)
    page.close()
    runner.cancel_all()
    held.release.set()
    assert runner.wait(10000)
    page.ctx.archive.close()
    QApplication.processEvents()
    qtbot.wait(50)
    assert not runner.active

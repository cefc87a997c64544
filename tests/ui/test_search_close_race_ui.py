"""The window's search box over a read-only archive file, closed while a search is running
(another archive opened, the window gone): the search ends as cancelled; no error line in the
popup, no message box, no failed job, no exception reaching Qt. A real race: a real task runner,
the search held inside SQLite on its worker thread until the archive is closed."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QSettings
from user_input import type_text

from app.db import search_index
from app.domain.records import ClientDraft
from app.services import clients
from app.services.archive import open_archive
from app.ui import application
from app.ui.search import popup as popup_module
from app.ui.tasks import TaskRunner


@pytest.fixture(autouse=True)
def private_settings(tmp_path, qapp):
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def reader(archive):
    for name in ("北京华信科技有限公司", "深圳华强电子有限公司"):
        clients.create_client(archive, ClientDraft(name))
    archive.close()
    return open_archive(archive.path, read_only=True)


class Held:
    """The search job's task, held inside SQLite (its progress handler) until the archive
    closes; it asks to cancel only when the runner's own task does."""

    def __init__(self, task, archive, running: threading.Event):
        self.task, self.archive, self.running = task, archive, running

    def cancelled(self) -> bool:
        self.running.set()
        deadline = time.monotonic() + 10
        while not self.archive.closed and time.monotonic() < deadline:
            time.sleep(0.005)
        return self.task.cancelled()


def test_closing_the_archive_during_a_search_in_the_window_says_nothing(reader, qtbot, monkeypatch):
    monkeypatch.setattr(search_index, "CANCEL_CHECK_STEPS", 1)
    running = threading.Event()
    searched = popup_module.run_search

    def held_search(archive, text, task):
        return searched(archive, text, task=Held(task, archive, running))

    monkeypatch.setattr(popup_module, "run_search", held_search)
    runner = TaskRunner(max_threads=2)
    failures: list[Exception] = []
    cancelled: list[str] = []

    def watch(handle) -> None:
        handle.failed.connect(failures.append)
        handle.cancelled_.connect(lambda: cancelled.append(handle.label))

    runner.started.connect(watch)
    crashes: list[object] = []
    monkeypatch.setattr(threading, "excepthook", crashes.append)
    window = application.build_window(reader, runner, "zh_CN")
    qtbot.addWidget(window)
    window.show()
    try:
        window.search_field.setFocus()
        type_text(window.search_field, "华")
        qtbot.waitUntil(running.is_set, timeout=5000)  # the search is inside SQLite
        reader.close()  # the archive goes while it runs
        qtbot.waitUntil(lambda: not runner.active, timeout=10000)
    finally:
        runner.cancel_all()
        runner.wait()
    assert failures == [] and crashes == []
    assert "Searching" in cancelled  # the search: cancelled, quietly (label untranslated)
    texts = window.search_popup.line_texts() if window.search_popup.lines else []
    assert not any("Error" in t or "closed" in t for t in texts), texts
    window.close()

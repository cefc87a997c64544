"""Closing a read-only archive while a background search reads it (the window went, another
archive was opened): the search ends as cancelled, quietly, never with sqlite3's 'Cannot
operate on a closed database'; a read that starts after the close is cancelled likewise; the
close waits for the interrupted read to leave before it closes the connection. A real race:
the search runs on its own thread and is held inside SQLite until the archive is closed."""

from __future__ import annotations

import threading
import time

import pytest

from app.db import search_index
from app.domain.errors import CancelledError
from app.domain.records import ClientDraft
from app.services import clients, search, settings
from app.services.archive import open_archive


@pytest.fixture
def reader(archive):
    for name in ("北京华信科技有限公司", "深圳华强电子有限公司", "上海华东贸易有限公司"):
        clients.create_client(archive, ClientDraft(name, address="深圳市福田区"))
    archive.close()
    opened = open_archive(archive.path, read_only=True)
    yield opened
    opened.close()


class HeldInsideSqlite:
    """A search's task whose cancel look (SQLite's progress handler, inside a statement, or
    between statements) says when the search is running, then holds it there until the
    archive is closed; the task itself never asks to cancel."""

    def __init__(self, archive):
        self.archive, self.running = archive, threading.Event()

    def cancelled(self) -> bool:
        self.running.set()
        deadline = time.monotonic() + 10
        while not self.archive.closed and time.monotonic() < deadline:
            time.sleep(0.005)
        return False


def test_closing_the_archive_under_a_running_search_cancels_it_quietly(reader, monkeypatch):
    monkeypatch.setattr(search_index, "CANCEL_CHECK_STEPS", 1)  # look at every SQLite step
    task = HeldInsideSqlite(reader)
    outcome: list[object] = []
    crashes: list[object] = []
    monkeypatch.setattr(threading, "excepthook", crashes.append)

    def searching() -> None:
        try:
            outcome.append(search.search(reader, "华", task=task))
        except Exception as exc:  # noqa: BLE001 - what reached the caller is the test's point
            outcome.append(exc)

    thread = threading.Thread(target=searching)
    thread.start()
    assert task.running.wait(10), "the search never ran"
    reader.close()  # while the search is inside SQLite
    thread.join(10)
    assert not thread.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], CancelledError), outcome
    assert crashes == []
    assert reader._plain.connections == 0  # closed once the read had left

    with pytest.raises(CancelledError):  # a read starting after the close: cancelled too
        search.search(reader, "华")
    with pytest.raises(CancelledError):
        settings.company(reader)


def test_a_search_alone_still_answers(reader):
    assert [h.title for h in search.search(reader, "华强")] == ["深圳华强电子有限公司"]

"""A pasted page in the search field: the popup answers at once, says that only the first
characters were searched, and the search was given no more than those."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QWidget

from app.domain.records import ClientDraft
from app.services import clients, search
from app.ui.context import UiContext, UiEvents
from app.ui.search.popup import SearchPopup
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def popup(archive, qapp, qtbot):
    clients.create_client(archive, ClientDraft("北京华信科技有限公司"))
    window = QWidget()
    window.resize(800, 600)
    qtbot.addWidget(window)
    field = QLineEdit(window)
    shown = SearchPopup(UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN"), window)
    window.show()
    qtbot.waitExposed(window)
    shown.show_for(field, "")
    yield shown  # the window stays alive (and owns both) until the test ends


def test_a_long_query_is_cut_and_the_popup_says_so(popup, qtbot, monkeypatch):
    asked: list[str] = []
    original = search.search

    def recording(archive, text, *args, **kwargs):
        hits = original(archive, text, *args, **kwargs)
        asked.append(search.shorten_query(text)[0])
        return hits

    monkeypatch.setattr(search, "search", recording)
    popup.set_query("北京华信" + "有" * 10_000)
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    lines = popup.line_texts()
    assert lines[0] == f"Too long: only the first {search.MAX_QUERY_CHARS} characters are searched"
    assert lines[1:] == ["No results"] and popup.hits() == []
    assert asked and all(len(text) <= search.MAX_QUERY_CHARS for text in asked)


def test_a_long_query_that_matches_shows_its_hits_after_the_note(popup, qtbot):
    name = "北京华信科技有限公司"
    popup.set_query(name + " " * 60 + "x" * 100)  # spaces count: cut inside the spaces
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    assert popup.line_texts()[0].startswith("Too long")
    assert [title for _kind, _id, title in popup.hits()] == [name]
    assert popup.current_hit() is not None  # the first hit, not the note, is selected


def test_a_query_of_the_full_length_has_no_note(popup, qtbot):
    popup.set_query("华" * search.MAX_QUERY_CHARS)
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    assert popup.line_texts() == ["No results"]


def test_a_search_replaced_by_a_newer_keystroke_stops_inside_sqlite(archive):
    """The popup's job takes the task ops gives it, so cancelling it (a newer request with the
    same key) interrupts the older search instead of letting it run to the end unseen."""
    from app.domain.errors import CancelledError
    from app.ui.search.popup import run_search

    clients.create_client(archive, ClientDraft("北京华信科技有限公司"))

    class Replaced:
        def cancelled(self) -> bool:
            return True

        def step(self, done: int, total: int) -> None:
            pass

        def check(self) -> None:
            raise CancelledError()

    with pytest.raises(CancelledError):
        run_search(archive, "华信", task=Replaced())
    text, hits = run_search(archive, "华信")
    assert text == "华信" and [h.title for h in hits] == ["北京华信科技有限公司"]

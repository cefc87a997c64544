"""The global search popup: typing, grouping, keyboard navigation and opening a record."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from app.domain.enums import ActivityKind, Tier
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.services import activities, clients
from app.ui.context import UiContext, UiEvents
from app.ui.search.popup import SearchPopup
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def records(archive):
    huaxin = clients.create_client(
        archive, ClientDraft(name="北京华信科技有限公司", tier=Tier.A), [ContactDraft(name="王芳")]
    )
    clients.create_client(archive, ClientDraft(name="深圳华南电子", tier=Tier.B))
    clients.create_client(archive, ClientDraft(name="上海东方贸易", tier=Tier.C))
    activities.create_activity(
        archive,
        ActivityDraft(
            client_id=huaxin.id,
            kind=ActivityKind.VISIT,
            started_at=datetime(2026, 11, 20, 9, 0),
            subject="年度拜访",
            notes="讨论华东区域合作",
        ),
    )
    return huaxin


@pytest.fixture
def field_and_popup(ctx, qtbot):
    window = QWidget()
    window.resize(800, 600)
    qtbot.addWidget(window)
    field = QLineEdit(window)
    field.setGeometry(200, 10, 300, 28)
    popup = SearchPopup(ctx, window)
    field.textEdited.connect(popup.set_query)
    window.show()
    qtbot.waitExposed(window)
    field.setFocus()
    popup.show_for(field, "")
    yield field, popup  # the window stays alive (and owns both) until the test ends


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _rows(popup):
    return popup.line_texts()


def test_typing_shows_grouped_results_and_enter_opens_the_first(
    ctx, records, field_and_popup, qtbot
):
    field, popup = field_and_popup
    opened = []
    ctx.events.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    type_text(field, "华")
    qtbot.waitUntil(popup.isVisible, timeout=2000)

    rows = _rows(popup)
    assert rows[0] == "Clients"
    assert "Contacts" in rows and "Activities" in rows
    assert rows.index("Clients") < rows.index("Contacts") < rows.index("Activities")
    kinds = [kind for kind, _id, _title in popup.hits()]
    assert kinds == sorted(kinds, key=["client", "contact", "activity"].index)
    assert field.hasFocus()  # the search field keeps the keyboard
    assert popup.geometry().top() == field.geometry().bottom() + 1  # right under the field

    first = popup.hits()[0]
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert opened == [(first[0], first[1])]
    assert not popup.isVisible()


def test_down_moves_past_section_headers_and_esc_closes(ctx, records, field_and_popup, qtbot):
    field, popup = field_and_popup
    opened = []
    ctx.events.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    type_text(field, "华")
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    hits = popup.hits()
    for _ in range(len(hits) + 2):  # past the last one stays on the last one
        qtbot.keyClick(field, Qt.Key.Key_Down)
    assert popup.current_hit() == hits[-1][:2]
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert popup.current_hit() == hits[-2][:2]
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert opened == []


def test_no_results_says_so(ctx, records, field_and_popup, qtbot):
    field, popup = field_and_popup
    type_text(field, "不存在")
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    assert _rows(popup) == ["No results"]
    assert popup.hits() == []


def test_pinyin_initials_and_enter_before_the_debounce(ctx, records, field_and_popup, qtbot):
    field, popup = field_and_popup
    opened = []
    ctx.events.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    type_text(field, "bjhx")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # faster than the 150 ms debounce
    assert opened == [("client", records.id)]


def test_stale_results_are_dropped(ctx, records, field_and_popup, qtbot):
    field, popup = field_and_popup
    popup.set_query("华")
    popup._run_query()
    popup.set_query("东方")
    popup._on_results(("华", []))  # a late answer to the older text
    assert "No results" not in _rows(popup)
    qtbot.waitUntil(
        lambda: popup.hits() != [] and popup.hits()[0][2] == "上海东方贸易", timeout=2000
    )


def test_clearing_the_field_hides_the_popup(ctx, records, field_and_popup, qtbot):
    field, popup = field_and_popup
    type_text(field, "华")
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert not popup.isVisible()


def test_results_model_passes_the_model_tester(ctx, records, field_and_popup, qtmodeltester):
    _field, popup = field_and_popup
    popup.set_query("华")
    popup._run_query()
    assert popup.hits()
    qtmodeltester.check(popup.model)


def test_esc_before_the_debounce_keeps_the_popup_closed(ctx, records, field_and_popup, qtbot):
    field, popup = field_and_popup
    type_text(field, "华")
    qtbot.keyClick(field, Qt.Key.Key_Escape)  # faster than the debounce
    qtbot.wait(400)
    assert not popup.isVisible()


def test_a_popup_hidden_by_the_window_stays_hidden(ctx, records, field_and_popup, qtbot):
    """The window hides the popup when the field is emptied or a record opens: neither a
    search still waiting for the typing pause nor an answer still on its way shows it again."""
    field, popup = field_and_popup
    type_text(field, "华")
    popup.hide()  # as the main window does when the field is cleared
    qtbot.wait(400)
    assert not popup.isVisible()
    popup.set_query("东方")
    popup._timer.stop()
    popup.hide()
    popup._on_results(("东方", []))  # the answer arrives after the popup was hidden
    assert not popup.isVisible()


def test_every_kind_of_record_has_a_section_title(ctx, field_and_popup):
    from app.services.search import KINDS

    _field, popup = field_and_popup
    assert set(popup.section_titles) == set(KINDS)
    assert all(title != kind for kind, title in popup.section_titles.items())

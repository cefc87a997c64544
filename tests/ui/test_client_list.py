"""The client list driven as a user would: filter, sort, page, open; and its model's contract."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.domain.enums import ClientStatus, Tier
from app.domain.queries import ClientQuery
from app.domain.records import ClientDraft
from app.services import clients, tenders
from app.ui.clients.list_page import ClientListPage, client_model
from app.ui.context import UiContext, UiEvents
from app.ui.kit.tables import BATCH as PAGE_SIZE
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def demo_ctx(demo_450_archive, qapp):
    """`ctx` on the demo: generate_demo(clients=450, activities=0, seed=3), a copy of the
    session's (tests/conftest.py)."""
    return UiContext(demo_450_archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def few_clients(archive):
    drafts = [
        ClientDraft(
            name="北京华信科技有限公司",
            tier=Tier.A,
            is_key_account=True,
            owner="王芳",
            region="华北",
            status=ClientStatus.ACTIVE,
        ),
        ClientDraft(name="深圳恒通电子有限公司", tier=Tier.B, owner="李强", region="华南"),
        ClientDraft(
            name="上海东方贸易有限公司",
            tier=Tier.C,
            owner="王芳",
            region="华东",
            status=ClientStatus.PROSPECT,
        ),
        ClientDraft(name="深圳南山软件股份有限公司", tier=Tier.D, owner="李强", region="华南"),
    ]
    return [clients.create_client(archive, d) for d in drafts]


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def shown_names(page: ClientListPage) -> list[str]:
    model = page.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def click_header(qtbot, page: ClientListPage, column: int) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_model_passes_qt_model_tester(demo_ctx, qtmodeltester):
    ctx = demo_ctx  # generate_demo(ctx.archive, clients=450, activities=0, seed=3)
    model = client_model(ctx)
    model.set_ids(clients.list_client_ids(ctx.archive, ClientQuery()))
    qtmodeltester.check(model)
    model.fetchMore()
    qtmodeltester.check(model)


def test_rows_are_loaded_in_pages(demo_ctx, qtbot):
    ctx = demo_ctx  # generate_demo(ctx.archive, clients=450, activities=0, seed=3)
    page = ClientListPage(ctx)
    qtbot.addWidget(page)
    model = page.model
    purchasers = {r.client_id for r in tenders.list_tenders(ctx.archive)}  # demo tenders' buyers
    expected = 450 + len(purchasers)
    assert model.total() == expected
    assert model.rowCount() == PAGE_SIZE
    assert len(model._cache) == 0  # nothing fetched until a row is shown
    assert model.index(0, 0).data()
    assert len(model._cache) == PAGE_SIZE
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == expected
    assert not model.canFetchMore()
    assert page.count_label.text() == f"{expected} clients"


def test_typing_in_the_filter_narrows_the_list(ctx, few_clients, qtbot):
    page = ClientListPage(ctx)
    qtbot.addWidget(page)
    assert page.count_label.text() == "4 clients"
    type_text(page.text_filter, "深圳")
    qtbot.waitUntil(lambda: page.model.total() == 2, timeout=2000)
    assert sorted(shown_names(page)) == ["深圳南山软件股份有限公司", "深圳恒通电子有限公司"]
    assert page.count_label.text() == "2 clients"
    page.text_filter.clear()
    qtbot.keyClicks(page.text_filter, "bjhx")  # pinyin initials
    qtbot.waitUntil(lambda: page.model.total() == 1, timeout=2000)
    assert shown_names(page) == ["北京华信科技有限公司"]


def test_tier_owner_status_and_key_account_filters(ctx, few_clients, qtbot):
    page = ClientListPage(ctx)
    qtbot.addWidget(page)
    page.show()  # the empty state's button is clicked
    qtbot.waitUntil(lambda: page.owner_combo.count() == 3)  # "all" + 王芳 + 李强
    page.tier_boxes["A"].setChecked(True)
    page.tier_boxes["B"].setChecked(True)
    assert page.model.total() == 2
    page.owner_combo.setCurrentIndex(page.owner_combo.findData("李强"))
    assert shown_names(page) == ["深圳恒通电子有限公司"]
    page.tier_boxes["A"].setChecked(False)
    page.tier_boxes["B"].setChecked(False)
    page.owner_combo.setCurrentIndex(0)
    page.status_combo.setCurrentIndex(page.status_combo.findData(ClientStatus.PROSPECT.value))
    assert shown_names(page) == ["上海东方贸易有限公司"]
    page.status_combo.setCurrentIndex(0)
    page.key_only.setChecked(True)
    assert shown_names(page) == ["北京华信科技有限公司"]
    page.tier_boxes["D"].setChecked(True)
    assert page.model.total() == 0
    # a filter with no match is not the empty archive: it says so and offers to clear the filters
    empty = page.table.empty_state
    assert page.table.is_empty_shown()
    assert empty.title.text() == "No client matches these filters."
    assert empty.button.text() == "Clear filters" and empty.second.isHidden()
    qtbot.mouseClick(empty.button, Qt.MouseButton.LeftButton)
    assert page.model.total() == 4 and not page.table.is_empty_shown()
    assert not page.key_only.isChecked() and not page.tier_boxes["D"].isChecked()


def test_clicking_a_header_sorts_in_sql(ctx, few_clients, qtbot):
    page = ClientListPage(ctx)
    qtbot.addWidget(page)
    page.show()
    tier_column = 1
    click_header(qtbot, page, tier_column)
    assert page.current_query().sort == "tier"
    first = [page.model.index(r, tier_column).data() for r in range(4)]
    assert first == ["A", "B", "C", "D"]
    click_header(qtbot, page, tier_column)
    assert page.current_query().descending
    assert [page.model.index(r, tier_column).data() for r in range(4)] == ["D", "C", "B", "A"]


def test_double_click_and_enter_open_the_client(ctx, few_clients, qtbot):
    page = ClientListPage(ctx)
    qtbot.addWidget(page)
    page.show()
    opened = []
    page.open_client.connect(opened.append)
    index = page.model.index(0, 0)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page.table.setCurrentIndex(page.model.index(1, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [page.model.id_at(0), page.model.id_at(1)]


def test_empty_archive_shows_a_friendly_start(ctx, qtbot):
    page = ClientListPage(ctx)
    qtbot.addWidget(page)
    page.show()
    empty = page.table.empty_state
    assert page.table.is_empty_shown() and empty.title.text() == "No clients yet"
    asked = []
    page.new_client_requested.connect(lambda: asked.append("new"))
    page.import_requested.connect(lambda: asked.append("import"))
    assert (empty.button.text(), empty.second.text()) == ("New client", "Import from Excel…")
    qtbot.mouseClick(empty.button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(empty.second, Qt.MouseButton.LeftButton)
    assert asked == ["new", "import"]


def test_list_requeries_when_clients_change(ctx, few_clients, qtbot):
    page = ClientListPage(ctx)
    qtbot.addWidget(page)
    clients.create_client(ctx.archive, ClientDraft(name="广州新客户有限公司", owner="赵六"))
    ctx.events.changed.emit("client")
    assert page.model.total() == 5
    assert page.owner_combo.findData("赵六") > 0


def test_selection_survives_a_change_elsewhere(demo_ctx, qtbot):
    ctx = demo_ctx  # generate_demo(ctx.archive, clients=450, activities=0, seed=3)
    page = ClientListPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.model.fetchMore()
    target = page.model.id_at(350)
    page.table.select_id(target)
    assert page.table.current_id() == target
    ctx.events.changed.emit("activity")
    assert page.table.current_id() == target


# -- on the kit -----------------------------------------------------------------------------------


def test_typing_waits_for_a_pause_before_querying(ctx, few_clients, qtbot, monkeypatch):
    """The filter box is debounced: a query per pause, never one per key."""
    page = ClientListPage(ctx)
    qtbot.addWidget(page)
    page.show()
    asked = []
    original = clients.list_client_ids
    monkeypatch.setattr(
        clients,
        "list_client_ids",
        lambda archive, query, **kw: asked.append(query.text) or original(archive, query, **kw),
    )
    type_text(page.text_filter, "深圳恒通")
    assert asked == [] and page.text_filter.pending()  # nothing asked while typing
    qtbot.waitUntil(lambda: asked == ["深圳恒通"], timeout=2000)
    assert shown_names(page) == ["深圳恒通电子有限公司"]
    page.text_filter.clear()  # clearing asks at once
    assert asked == ["深圳恒通", ""] and page.model.total() == 4


def test_a_client_saved_anywhere_reaches_the_list_through_changes(ctx, few_clients, qtbot):
    """A write elsewhere (the client form, through ops.write) announces 'client' once; the
    list and its owner filter follow, with the current row kept."""
    from app.ui.clients.client_dialog import ClientDialog

    page = ClientListPage(ctx)
    qtbot.addWidget(page)
    page.table.select_id(few_clients[2].id)
    heard = []
    ctx.events.changes.connect(heard.append)
    dialog = ClientDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("广州新客户有限公司")
    dialog.owner_edit.setText("赵六")
    assert dialog.save()
    assert [changes.kinds for changes in heard] == [frozenset({"client"})]
    assert page.model.total() == 5 and page.count_label.text() == "5 clients"
    assert page.owner_combo.findData("赵六") > 0
    assert page.table.current_id() == few_clients[2].id


def test_the_list_and_its_model_answer_on_a_worker_thread(
    archive, few_clients, qtbot, qtmodeltester
):
    """With the real runner the page asks in the background and shows the answer when it
    comes; the model then passes the model tester."""
    from app.ui.tasks import TaskRunner

    runner = TaskRunner()
    ctx = UiContext(archive, runner, UiEvents(), "en")
    page = ClientListPage(ctx)
    qtbot.addWidget(page)
    try:
        qtbot.waitUntil(lambda: page.model.total() == 4, timeout=10000)
        qtbot.waitUntil(lambda: page.owner_combo.count() == 3, timeout=10000)
        qtmodeltester.check(page.model)
        assert page.count_label.text() == "4 clients"
    finally:
        assert runner.wait(10000)

"""The activity dialog and the activity list, driven as a user would."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from app.domain.enums import ActivityKind, Tier
from app.domain.queries import ActivityQuery
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.services import activities, attachments, clients
from app.ui.activities.dialog import ActivityDialog
from app.ui.activities.list_page import ActivityListPage, activity_model, show_query
from app.ui.context import UiContext, UiEvents
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def client(archive):
    return clients.create_client(
        archive,
        ClientDraft(name="华信科技有限公司", tier=Tier.A),
        [ContactDraft(name="王芳", title="采购经理"), ContactDraft(name="赵磊")],
    )


def _activity(archive, client_id, subject, kind=ActivityKind.VISIT, **extra):
    draft = ActivityDraft(
        client_id=client_id,
        kind=kind,
        started_at=extra.pop("started_at", datetime(2026, 11, 20, 9, 0)),
        subject=subject,
        **extra,
    )
    return activities.create_activity(archive, draft)


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _drop_files(widget, paths) -> None:
    """Drags files from a file manager and drops them on the widget."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    position = QPointF(widget.rect().center())
    actions = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    try:
        enter = QDragEnterEvent(position, actions, mime, buttons, modifiers)
    except TypeError:  # PySide6 before 6.12 takes a QPoint
        enter = QDragEnterEvent(position.toPoint(), actions, mime, buttons, modifiers)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(position, actions, mime, buttons, modifiers)
    QApplication.sendEvent(widget, drop)


def _choose_kind(dialog: ActivityDialog, kind: ActivityKind) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind.value))


def test_complaint_needs_a_resolution_to_close_then_closes(ctx, client, qtbot):
    changes = []
    ctx.events.changed.connect(changes.append)
    dialog = ActivityDialog(ctx, client_id=client.id)
    qtbot.addWidget(dialog)
    assert dialog.client_picker.text() == "华信科技有限公司"
    assert dialog.client_picker.isReadOnly()
    assert not dialog.resolution.isVisibleTo(dialog)
    _choose_kind(dialog, ActivityKind.COMPLAINT)
    assert dialog.resolution.isVisibleTo(dialog)
    type_text(dialog.subject, "包装破损投诉")
    dialog.closed_on.check.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() != ActivityDialog.DialogCode.Accepted
    assert "结案前必须填写" in dialog.errors.message("resolution")
    assert dialog.subject.text() == "包装破损投诉"  # input kept after a failed save
    assert changes == []

    type_text(dialog.resolution, "已补发新货")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ActivityDialog.DialogCode.Accepted
    record = activities.get_activity(ctx.archive, dialog.saved.id)
    assert record.kind == ActivityKind.COMPLAINT
    assert record.closed_on == date(2026, 11, 26)
    assert record.resolution == "已补发新货"
    assert changes == ["activity"]


def test_every_wrong_field_is_marked_at_once(ctx, client, qtbot):
    dialog = ActivityDialog(ctx, client_id=client.id)
    qtbot.addWidget(dialog)
    type_text(dialog.expense, "12元5角")
    dialog.next_step_due.check.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert "金额无效" in dialog.errors.message("expense")
    assert "不能为空" in dialog.errors.message("subject")
    assert "填写了期限时必须填写" in dialog.errors.message("next_step")
    assert list(activities.list_activity_ids(ctx.archive, ActivityQuery())) == []


def test_new_activity_with_client_search_contacts_and_exact_expense(ctx, client, qtbot):
    dialog = ActivityDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.client_picker.isReadOnly()
    type_text(dialog.client_picker, "华信科技有限公司")
    dialog.client_picker.refresh_suggestions()
    assert dialog.client_picker.client_id == client.id
    assert [dialog.contacts.item(i).text() for i in range(dialog.contacts.count())] == [
        "王芳  采购经理",
        "赵磊",
    ]
    dialog.contacts.item(0).setCheckState(Qt.CheckState.Checked)
    type_text(dialog.subject, "季度拜访")
    type_text(dialog.participants, "张伟, 李娜")
    type_text(dialog.expense, "1,280.50")
    type_text(dialog.next_step, "发送报价")
    dialog.next_step_due.check.setChecked(True)
    dialog.has_end.click()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    record = activities.get_activity(ctx.archive, dialog.saved.id)
    assert record.client_id == client.id
    assert record.expense == Decimal("1280.50")
    assert record.contact_ids == (client.contacts[0].id,)
    assert record.next_step_due == date(2026, 11, 26)
    assert record.participants == "张伟, 李娜"
    assert record.ended_at == datetime(2026, 11, 26, 11, 30)  # an hour after the start


def test_unknown_client_is_a_field_error(ctx, client, qtbot):
    dialog = ActivityDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.client_picker, "不存在的公司")
    type_text(dialog.subject, "拜访")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "不能为空" in dialog.errors.message("client")


def test_edit_and_delete_existing_activity(ctx, client, qtbot, monkeypatch, tmp_path):
    existing = _activity(ctx.archive, client.id, "技术交流会", ActivityKind.TECH_EXCHANGE)
    dialog = ActivityDialog(ctx, activity_id=existing.id)
    qtbot.addWidget(dialog)
    assert dialog.subject.text() == "技术交流会"
    assert dialog.kind.currentText() == "技术交流"
    assert dialog.delete_button is not None

    file = tmp_path / "纪要.txt"
    file.write_text("会议记录", encoding="utf-8")
    _drop_files(dialog.attachments, [file])
    assert dialog.attachments.list.count() == 1
    assert dialog.attachments.list.item(0).text().startswith("纪要.txt")

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert activities.get_activity(ctx.archive, existing.id).subject == "技术交流会"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert list(activities.list_activity_ids(ctx.archive, ActivityQuery())) == []
    assert attachments.list_for(ctx.archive, "activity", existing.id) == []


def test_activity_model_passes_the_model_tester(ctx, client, qtmodeltester):
    for i in range(5):
        _activity(ctx.archive, client.id, f"拜访 {i}", expense=Decimal("10.00"))
    model = activity_model(ctx)
    show_query(model, ctx, ActivityQuery())
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    assert model.index(0, 7).data() == "¥10.00"
    assert model.index(0, 7).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_list_pages_in_batches_and_sorts_by_header(ctx, client, qtbot):
    for i in range(450):
        _activity(ctx.archive, client.id, f"电话 {i:03d}", ActivityKind.CALL)
    page = ActivityListPage(ctx)
    qtbot.addWidget(page)
    assert page.model.total() == 0  # nothing is queried before the page is shown
    page.show()
    assert page.model.total() == 450
    assert page.model.rowCount() == 200
    assert page.count_label.text() == "450 activities"
    page.model.fetchMore()
    assert page.model.rowCount() == 400
    page.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert page.model.index(0, 3).data() == "电话 000"
    page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert page.model.index(0, 3).data() == "电话 449"


def test_list_filters_and_empty_state(ctx, client, qtbot):
    _activity(ctx.archive, client.id, "年度拜访")
    _activity(ctx.archive, client.id, "交货延误", ActivityKind.COMPLAINT)
    page = ActivityListPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.model.total() == 2
    assert page.model.index(0, 8).data() in ("", "Open")

    page.open_only.setChecked(True)
    assert page.model.total() == 1
    assert page.model.index(0, 1).data() == "投诉"
    assert page.model.index(0, 8).data() == "Open"
    page.open_only.setChecked(False)

    type_text(page.search, "没有这个")
    qtbot.waitUntil(lambda: page.model.total() == 0, timeout=2000)
    assert page.table.is_empty_shown()
    assert "No activity matches" in page.table.empty_state.text()
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.total() == 2, timeout=2000)

    page.kind.setCurrentIndex(page.kind.findData(ActivityKind.VISIT.value))
    assert [page.model.index(r, 3).data() for r in range(page.model.rowCount())] == ["年度拜访"]


def test_list_refreshes_when_an_activity_is_saved(ctx, client, qtbot):
    page = ActivityListPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.table.is_empty_shown()
    assert "No activities yet" in page.table.empty_state.text()
    dialog = ActivityDialog(ctx, client_id=client.id)
    qtbot.addWidget(dialog)
    type_text(dialog.subject, "新客户拜访")
    dialog.save()
    assert page.model.total() == 1
    assert page.model.index(0, 2).data() == "华信科技有限公司"

    page.hide()
    _activity(ctx.archive, client.id, "电话回访", ActivityKind.CALL)
    ctx.events.changed.emit("activity")
    assert page.model.total() == 1  # a hidden page waits until it is shown again
    page.show()
    assert page.model.total() == 2


def test_double_click_opens_the_activity_and_new_button_opens_an_empty_one(ctx, client, qtbot):
    _activity(ctx.archive, client.id, "年度拜访")
    page = ActivityListPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    centre = page.table.visualRect(page.model.index(0, 3)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    opened = [d for d in page.findChildren(ActivityDialog) if d.isVisible()]
    assert [d.subject.text() for d in opened] == ["年度拜访"]
    opened[0].reject()

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    fresh = [d for d in page.findChildren(ActivityDialog) if d.isVisible()]
    assert len(fresh) == 1 and fresh[0].subject.text() == ""
    assert fresh[0].windowTitle() == "New activity"
    fresh[0].reject()


def test_client_picker_finds_by_pinyin_initials(ctx, client, qtbot):
    clients.create_client(ctx.archive, ClientDraft(name="华南贸易有限公司"))
    dialog = ActivityDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.client_picker.setFocus()
    qtbot.keyClicks(dialog.client_picker, "hxkj")
    popup = dialog.client_picker.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    assert popup.model().rowCount() == 1
    assert popup.model().index(0, 0).data() == "华信科技有限公司"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.client_picker.text() == "华信科技有限公司"
    assert dialog.client_picker.client_id == client.id
    assert dialog.contacts.count() == 2


def test_files_are_attached_in_one_write_and_a_missing_one_is_said(
    ctx, client, qtbot, tmp_path, monkeypatch
):
    existing = _activity(ctx.archive, client.id, "技术交流会", ActivityKind.TECH_EXCHANGE)
    dialog = ActivityDialog(ctx, activity_id=existing.id)
    qtbot.addWidget(dialog)
    announced, said = [], []
    ctx.events.changes.connect(announced.append)
    ctx.events.status_message.connect(said.append)
    present = tmp_path / "报价单.txt"
    present.write_text("报价", encoding="utf-8")
    dialog.attachments.add_files([tmp_path / "不见了.txt", present])
    assert [item.kinds for item in announced] == [frozenset({"attachment"})]
    assert len(said) == 1 and "不见了.txt" in said[0]
    assert dialog.attachments.list.count() == 1
    assert dialog.attachments.list.item(0).text().startswith("报价单.txt")
    dialog.attachments.list.setCurrentRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.attachments.remove_selected()  # the list hears the announced change and reloads
    assert dialog.attachments.list.count() == 0
    assert attachments.list_for(ctx.archive, "activity", existing.id) == []


def test_deleting_refreshes_the_list_through_the_announced_change(ctx, client, qtbot, monkeypatch):
    existing = _activity(ctx.archive, client.id, "年度拜访")
    page = ActivityListPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.model.total() == 1
    dialog = ActivityDialog(ctx, activity_id=existing.id)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.delete()
    assert dialog.result() == ActivityDialog.DialogCode.Accepted
    assert page.model.total() == 0 and page.table.is_empty_shown()


def test_enter_pressed_twice_while_saving_saves_once(archive, client, qtbot):
    """The save runs in the background: its button waits meanwhile (FormDialog.write)."""
    from app.ui.tasks import TaskRunner

    runner = TaskRunner(max_threads=2)
    ctx = UiContext(archive, runner, UiEvents(), "zh_CN")
    dialog = ActivityDialog(ctx, client_id=client.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.subject, "季度拜访")
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Return)
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not runner.active and not dialog.isVisible(), timeout=5000)
    assert dialog.result() == ActivityDialog.DialogCode.Accepted
    assert [row.subject for row in activities.timeline(archive, client.id)] == ["季度拜访"]


def test_list_reads_windows_by_keyset_as_it_scrolls(ctx, client, qtbot, monkeypatch):
    """Issue 11: the list never asks for every id; scrolling to the end reads the next window
    of rows after the last one shown, in the sort order."""
    for i in range(450):
        _activity(ctx.archive, client.id, f"电话 {i:03d}", ActivityKind.CALL)

    def every_id(*_args):
        raise AssertionError("the window read every activity id")

    monkeypatch.setattr(activities, "list_activity_ids", every_id)
    page = ActivityListPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    assert page.model.rowCount() == 200 and page.count_label.text() == "450 activities"
    page.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() >= 400, timeout=2000)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 450, timeout=2000)
    shown = [page.model.index(r, 3).data() for r in range(page.model.rowCount())]
    assert shown == [f"电话 {i:03d}" for i in range(450)]
    assert not page.model.canFetchMore()
    assert page.table.select_id(page.model.id_at(449))
    assert page.table.current_row().subject == "电话 449"

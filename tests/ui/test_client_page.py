"""The client form, the contact form and the client page, driven as a user would."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QApplication

from app.domain.enums import ActivityKind, Tier
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.services import activities, attachments, clients
from app.ui.clients import client_page as client_page_module
from app.ui.clients.client_dialog import ClientDialog
from app.ui.clients.client_page import ClientPage
from app.ui.clients.contact_dialog import ContactDialog
from app.ui.clients.list_page import ClientListPage
from app.ui.context import UiContext, UiEvents
from app.ui.tasks import SynchronousTaskRunner

VALID_USCC = "91110105514191655M"


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def client(archive):
    return clients.create_client(
        archive,
        ClientDraft(
            name="北京华信科技有限公司",
            tier=Tier.A,
            is_key_account=True,
            owner="王芳",
            service_policy="订货满 100 万享 5% 折扣",
        ),
        [ContactDraft(name="张伟", title="采购经理", mobile="13800138000")],
    )


@pytest.fixture
def page(ctx, client, qtbot):
    shown = ClientPage(ctx)
    qtbot.addWidget(shown)
    shown.show_client(client.id)
    return shown


@pytest.fixture
def always_yes(monkeypatch):
    monkeypatch.setattr(client_page_module, "confirm", lambda *args: True)


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tick(qtbot, box) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def cell(view, row: int, column: int) -> str:
    return view.model().index(row, column).data()


def table_column(view, column: int = 0) -> list[str]:
    return [cell(view, row, column) for row in range(view.model().rowCount())]


def test_create_a_client_by_typing_and_see_it_in_the_list(ctx, qtbot):
    clients_list = ClientListPage(ctx)
    qtbot.addWidget(clients_list)
    assert clients_list.table.is_empty_shown()  # empty archive
    dialog = ClientDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name_edit, "深圳恒通电子有限公司")
    qtbot.keyClicks(dialog.uscc_edit, VALID_USCC.lower())
    dialog.tier_combo.setCurrentIndex(dialog.tier_combo.findData("B"))
    tick(qtbot, dialog.key_account_box)
    type_text(dialog.owner_edit, "李强")
    type_text(dialog.policy_edit, "账期 60 天")
    type_text(dialog.contact_name_edit, "刘洋")
    qtbot.keyClicks(dialog.contact_mobile_edit, "139 1234 5678")
    click(qtbot, dialog.save_button)

    assert dialog.result() == ClientDialog.DialogCode.Accepted
    assert not clients_list.table.is_empty_shown()
    assert clients_list.model.total() == 1
    assert clients_list.model.index(0, 0).data() == "深圳恒通电子有限公司"
    assert clients_list.model.index(0, 2).data() == "★"
    saved = clients.get_client(ctx.archive, dialog.saved_record.id)
    assert (saved.uscc, saved.tier, saved.owner) == (VALID_USCC, Tier.B, "李强")
    assert saved.service_policy == "账期 60 天"
    assert [(c.name, c.mobile) for c in saved.contacts] == [("刘洋", "13912345678")]


def test_wrong_uscc_marks_the_field_and_saves_nothing(ctx, qtbot):
    dialog = ClientDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name_edit, "上海东方贸易有限公司")
    qtbot.keyClicks(dialog.uscc_edit, "91110105514191655X")
    qtbot.keyClicks(dialog.contact_email_edit, "not-an-email")
    click(qtbot, dialog.save_button)

    assert dialog.result() != ClientDialog.DialogCode.Accepted
    assert dialog.field_error("uscc").startswith("统一社会信用代码")
    assert dialog.field_error("email").startswith("邮箱")  # every wrong field at once
    assert "border" in dialog.uscc_edit.styleSheet()
    assert dialog.field_error("name") == ""
    assert dialog.name_edit.text() == "上海东方贸易有限公司"  # nothing typed is lost
    assert clients.client_count(ctx.archive) == 0

    dialog.uscc_edit.clear()
    dialog.contact_email_edit.clear()
    click(qtbot, dialog.save_button)
    assert dialog.result() == ClientDialog.DialogCode.Accepted
    assert dialog.field_error("uscc") == ""
    assert clients.client_count(ctx.archive) == 1


def test_duplicate_shows_the_existing_client_and_opens_it(ctx, client, qtbot):
    opened = []
    ctx.events.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    dialog = ClientDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name_edit, "北京华信科技有限公司 ")  # same name after folding
    click(qtbot, dialog.save_button)

    assert dialog.duplicate_bar.isVisible()
    assert "北京华信科技有限公司" in dialog.duplicate_label.text()
    assert clients.client_count(ctx.archive) == 1
    click(qtbot, dialog.open_existing_button)
    assert opened == [("client", client.id)]


def test_edit_dialog_loads_and_saves_every_field(ctx, client, qtbot):
    dialog = ClientDialog(ctx, client.id)
    qtbot.addWidget(dialog)
    assert dialog.name_edit.text() == client.name
    assert dialog.key_account_box.isChecked()
    assert dialog.policy_edit.toPlainText() == "订货满 100 万享 5% 折扣"
    type_text(dialog.region_edit, "华北")
    assert dialog.save()
    assert clients.get_client(ctx.archive, client.id).region == "华北"


def test_page_shows_header_fields_and_policy(page, client):
    assert page.name_label.text() == "北京华信科技有限公司"
    assert page.key_label.isVisibleTo(page)
    assert page.info_values["owner"].text() == "王芳"
    assert page.policy_value.text() == "订货满 100 万享 5% 折扣"
    assert table_column(page.contacts_table) == ["张伟"]


def test_add_edit_and_delete_a_contact(page, client, ctx, qtbot, always_yes):
    page.add_contact()
    dialog = page.active_dialog
    assert isinstance(dialog, ContactDialog)
    type_text(dialog.name_edit, "李娜")
    qtbot.keyClicks(dialog.mobile_edit, "12345")
    click(qtbot, dialog.save_button)
    assert dialog.field_error("mobile").startswith("手机")
    dialog.mobile_edit.clear()
    qtbot.keyClicks(dialog.mobile_edit, "+86 138-0013-8001")
    tick(qtbot, dialog.decision_box)
    click(qtbot, dialog.save_button)
    assert dialog.result() == ContactDialog.DialogCode.Accepted
    assert table_column(page.contacts_table) == ["张伟", "李娜"]
    assert cell(page.contacts_table, 1, 5) == "✓"

    page.contacts_table.selectRow(1)
    page.edit_contact()
    editor = page.active_dialog
    assert editor.mobile_edit.text() == "13800138001"
    type_text(editor.title_edit, "总经理")
    click(qtbot, editor.save_button)
    assert cell(page.contacts_table, 1, 1) == "总经理"

    page.contacts_table.selectRow(0)
    page.delete_contact()
    assert table_column(page.contacts_table) == ["李娜"]


def test_add_attachment_by_drop_and_remove_it(page, client, ctx, tmp_path, always_yes):
    scan = tmp_path / "营业执照.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(scan))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dragEnterEvent(enter)
    assert enter.isAccepted()
    page.dropEvent(drop)

    assert page.attachment_names() == ["营业执照.pdf"]
    assert cell(page.attachments_table, 0, 1) == "13 B"
    assert page.tabs.currentIndex() == 2
    stored = attachments.list_for(ctx.archive, "client", client.id)
    assert [a.original_name for a in stored] == ["营业执照.pdf"]

    page.attachments_table.selectRow(0)
    page.remove_attachment()
    assert page.attachment_names() == []
    assert attachments.list_for(ctx.archive, "client", client.id) == []


def test_add_attachments_method_and_open_copy(page, tmp_path, monkeypatch):
    note = tmp_path / "会议纪要.txt"
    note.write_text("纪要", encoding="utf-8")
    assert page.add_attachments([note]) == 1
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    page.attachments_table.selectRow(0)
    page.open_attachment()
    copy = Path(opened[0].toLocalFile())
    assert copy.name.endswith("会议纪要.txt")
    assert copy.read_text(encoding="utf-8") == "纪要"


def test_timeline_lists_activities_and_quick_add_opens_the_dialog(page, client, ctx):
    activities.create_activity(
        ctx.archive,
        ActivityDraft(
            client_id=client.id,
            kind=ActivityKind.VISIT,
            started_at=datetime(2026, 11, 20, 9, 0),
            subject="季度拜访",
            next_step="发送报价",
        ),
    )
    ctx.events.changed.emit("activity")
    assert table_column(page.timeline_table, 2) == ["季度拜访"]
    assert table_column(page.timeline_table, 1) == ["Activity · 拜访"]
    assert page.info_values["name"].text() == client.name

    page.add_activity()
    from app.ui.activities.dialog import ActivityDialog

    assert isinstance(page.active_dialog, ActivityDialog)
    page.active_dialog.reject()
    page.timeline_table.selectRow(0)
    page.open_selected_activity()
    assert isinstance(page.active_dialog, ActivityDialog)
    page.active_dialog.reject()


def test_delete_client_after_confirming(page, client, ctx, always_yes):
    deleted = []
    page.deleted.connect(deleted.append)
    page.delete_client()
    assert deleted == [client.id]
    assert clients.client_count(ctx.archive) == 0


def test_timeline_shows_the_clients_meetings_and_tenders_and_opens_them(page, client, ctx, qtbot):
    from app.domain.minutes import ActionItemDraft, MeetingDraft
    from app.domain.tenders import TenderDraft
    from app.services import minutes, tenders

    call = activities.create_activity(
        ctx.archive,
        ActivityDraft(
            client_id=client.id,
            kind=ActivityKind.CALL,
            started_at=datetime(2026, 9, 1, 9, 0),
            subject="电话询价",
        ),
    )
    meeting = minutes.create_meeting(
        ctx.archive,
        MeetingDraft(
            title="设备需求沟通会",
            held_at=datetime(2026, 10, 10, 14, 0),
            client_ids=(client.id,),
            actions=(ActionItemDraft(task="报价", owner="王芳"),),
        ),
    )
    ctx.events.changed.emit("meeting")
    tender = tenders.create_tender(
        ctx.archive,
        TenderDraft(
            title="医疗设备采购项目",
            client_id=client.id,
            bid_deadline=datetime(2026, 11, 3, 9, 30),
        ),
    )
    ctx.events.changed.emit("tender")

    table = page.timeline_table
    assert table_column(table, 2) == ["医疗设备采购项目", "设备需求沟通会", "电话询价"]
    assert table_column(table, 1) == ["Tender", "Meeting minutes", "Activity · 电话"]
    assert "bid deadline 2026-11-03 09:30" in cell(table, 0, 3)
    assert "1 open action item" in cell(table, 1, 3)
    assert page.tabs.tabText(3) == "Timeline (3)"
    assert page.tabs.tabText(page.tabs.indexOf(page.meetings_tab)) == "Meetings (1)"

    opened = []
    ctx.events.open_record.connect(lambda kind, record_id: opened.append((kind, record_id)))
    for row in range(3):
        rect = table.visualRect(table.model().index(row, 2))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [("tender", tender.id), ("meeting", meeting.id), ("activity", call.id)]

    page.set_timeline_kind("meeting")
    assert table_column(table, 2) == ["设备需求沟通会"]
    assert page.timeline_filter_buttons["tender"].text() == "Tender (1)"
    page.set_timeline_kind(None)
    assert table.model().rowCount() == 3


def test_other_tabs_show_counts_in_their_titles(page):
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles[1:] == [
        "Contacts (1)",
        "Files (0)",
        "Timeline (0)",
        "Documents (0)",
        "Contracts (0)",
        "Tenders (0)",
        "Meetings (0)",
        "History",
        "News (0)",  # issue 13: 客户动态
    ]


# -- on the kit -----------------------------------------------------------------------------------


def test_the_pages_lists_pass_the_model_tester(page, client, ctx, tmp_path, qtmodeltester):
    note = tmp_path / "报价单.txt"
    note.write_text("报价", encoding="utf-8")
    page.add_attachments([note])
    activities.create_activity(
        ctx.archive,
        ActivityDraft(
            client_id=client.id,
            kind=ActivityKind.CALL,
            started_at=datetime(2026, 9, 1),
            subject="电话",
        ),
    )
    ctx.events.changed.emit("activity")
    for model in (page.contacts_model, page.attachments_model, page.timeline_model):
        assert model.rowCount() == 1
        qtmodeltester.check(model)


def test_enter_opens_the_contact_the_file_and_the_timeline_entry(
    page, client, ctx, qtbot, tmp_path, monkeypatch
):
    page.show()
    page.tabs.setCurrentIndex(1)
    page.contacts_table.setCurrentIndex(page.contacts_model.index(0, 0))
    qtbot.keyClick(page.contacts_table, Qt.Key.Key_Return)
    assert isinstance(page.active_dialog, ContactDialog)
    assert page.active_dialog.name_edit.text() == "张伟"
    page.active_dialog.reject()

    note = tmp_path / "纪要.txt"
    note.write_text("纪要", encoding="utf-8")
    page.add_attachments([note])
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    page.attachments_table.setCurrentIndex(page.attachments_model.index(0, 0))
    qtbot.keyClick(page.attachments_table, Qt.Key.Key_Return)
    assert Path(opened[0].toLocalFile()).read_text(encoding="utf-8") == "纪要"

    visit = activities.create_activity(
        ctx.archive,
        ActivityDraft(
            client_id=client.id,
            kind=ActivityKind.VISIT,
            started_at=datetime(2026, 9, 1),
            subject="拜访",
        ),
    )
    ctx.events.changed.emit("activity")
    records = []
    ctx.events.open_record.connect(lambda kind, record_id: records.append((kind, record_id)))
    page.tabs.setCurrentIndex(3)
    page.timeline_table.setCurrentIndex(page.timeline_model.index(0, 0))
    qtbot.keyClick(page.timeline_table, Qt.Key.Key_Return)
    assert records == [("activity", visit.id)]


def test_a_contact_saved_in_its_form_reaches_the_page_through_changes(page, client, ctx, qtbot):
    """The form saves through ops.write, which announces 'contact' once; the page reads the
    client again and its list keeps the row that was current."""
    heard = []
    ctx.events.changes.connect(heard.append)
    page.add_contact()
    dialog = page.active_dialog
    type_text(dialog.name_edit, "李娜")
    assert dialog.save()
    assert [changes.kinds for changes in heard] == [frozenset({"contact"})]
    assert table_column(page.contacts_table) == ["张伟", "李娜"]
    assert page.tabs.tabText(1) == "Contacts (2)"


def test_files_dropped_are_attached_on_a_worker_thread(archive, client, qtbot, tmp_path):
    from app.ui.tasks import TaskRunner

    runner = TaskRunner()
    ctx = UiContext(archive, runner, UiEvents(), "en")
    page = ClientPage(ctx)
    qtbot.addWidget(page)
    scans = [tmp_path / "营业执照.pdf", tmp_path / "开户许可证.pdf"]
    for scan in scans:
        scan.write_bytes(b"%PDF-1.4 scan")
    try:
        page.show_client(client.id)
        assert page.add_attachments(scans) == 2
        qtbot.waitUntil(lambda: len(page.attachment_names()) == 2, timeout=10000)
        assert sorted(page.attachment_names()) == ["开户许可证.pdf", "营业执照.pdf"]
        assert page.tabs.currentIndex() == 2 and page.tabs.tabText(2) == "Files (2)"
    finally:
        assert runner.wait(10000)


def test_the_client_form_saves_on_a_worker_thread_once(archive, qtbot):
    """保存 sends the save to the background and waits for it (a second press sends nothing);
    the form closes when the client is saved."""
    from app.ui.tasks import TaskRunner

    runner = TaskRunner()
    ctx = UiContext(archive, runner, UiEvents(), "en")
    dialog = ClientDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name_edit, "深圳恒通电子有限公司")
    try:
        click(qtbot, dialog.save_button)
        assert not dialog.save_button.isEnabled() or dialog.result()  # saving, or saved
        click(qtbot, dialog.save_button)
        qtbot.waitUntil(lambda: dialog.result() == ClientDialog.DialogCode.Accepted, timeout=10000)
    finally:
        assert runner.wait(10000)
    assert clients.client_count(archive) == 1
    assert dialog.saved_record.name == "深圳恒通电子有限公司"

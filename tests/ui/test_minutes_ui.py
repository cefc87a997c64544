"""会议纪要 and 督促落实 driven like a user: type and click, close an item with its result."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from app.domain.minutes import ActionItemDraft, MeetingDraft
from app.domain.records import ClientDraft
from app.services import clients, minutes
from app.ui.context import UiContext, UiEvents
from app.ui.followup_page import ActionTableModel, CloseActionDialog, FollowUpPage
from app.ui.minutes_page import MeetingTableModel, MinutesDialog, MinutesPage
from app.ui.tasks import SynchronousTaskRunner

TODAY = date(2026, 11, 26)


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _edit_cell(qtbot, view, row: int, column: int, text: str) -> None:
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editors = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "the cell did not open one editor"
    editor = editors[0]
    editor.selectAll()
    type_text(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _seed(archive) -> int:
    client = clients.create_client(archive, ClientDraft("北京恒信医疗器械有限公司"))
    minutes.create_meeting(
        archive,
        MeetingDraft(
            "恒信项目推进会",
            datetime(2026, 11, 2, 9, 30),
            actions=(
                ActionItemDraft("提交最终报价单", "王芳", due_on=date(2026, 11, 20)),
                ActionItemDraft("安排样机送达", "李强", due_on=date(2026, 11, 23)),
                ActionItemDraft("整理资质文件", "王芳", due_on=date(2026, 12, 10)),
                ActionItemDraft("今天要交的方案", "李强", due_on=TODAY),
            ),
            client_ids=(client.id,),
        ),
    )
    minutes.create_meeting(
        archive,
        MeetingDraft(
            "大客户部周例会",
            datetime(2026, 11, 16, 9, 0),
            actions=(ActionItemDraft("报送拜访计划", "赵敏", due_on=date(2026, 11, 24)),),
        ),
    )
    return client.id


def test_write_minutes_by_typing_and_clicking(ctx, qtbot):
    client = clients.create_client(ctx.archive, ClientDraft("上海仁和药业有限公司"))
    page = MinutesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    _click(qtbot, page.add_button)
    dialog: MinutesDialog = page.active_dialog
    qtbot.addWidget(dialog)

    _click(qtbot, dialog.save_button)  # nothing typed: refused, the field says why
    assert not dialog.isHidden() and minutes.list_meetings(ctx.archive) == []
    assert "不能为空" in dialog.errors.message("meeting_title")

    type_text(dialog.title_edit, "仁和合作洽谈")
    type_text(dialog.place, "三楼会议室")
    type_text(dialog.host, "张建国")
    type_text(dialog.attendees, "张建国、王芳")
    type_text(dialog.absentees, "陈晨")
    dialog.client_picker.set_client(client.id, client.name)
    assert dialog.client_ids() == [client.id]
    for text in ("续签年度框架协议", "报价下浮 3%", "下周送样", "临时议题"):
        type_text(dialog.decision_edit, text)
        qtbot.keyClick(dialog.decision_edit, Qt.Key.Key_Return)
    assert dialog.numbered_decisions()[:2] == ["一、续签年度框架协议", "二、报价下浮 3%"]
    dialog.decisions.setCurrentCell(3, 1)
    _click(qtbot, dialog.remove_decision_button)
    dialog.decisions.setCurrentCell(2, 1)
    _click(qtbot, dialog.up_button)  # 下周送样 moves above 报价下浮 and is numbered 二 now
    assert dialog.numbered_decisions() == [
        "一、续签年度框架协议",
        "二、下周送样",
        "三、报价下浮 3%",
    ]

    _click(qtbot, dialog.add_action_button)
    _edit_cell(qtbot, dialog.actions, 0, 0, "提交报价")
    _edit_cell(qtbot, dialog.actions, 0, 1, "王芳")
    _edit_cell(qtbot, dialog.actions, 0, 3, "2026-11-20")
    _click(qtbot, dialog.add_action_button)
    _edit_cell(qtbot, dialog.actions, 1, 0, "送样")
    _click(qtbot, dialog.save_button)  # the second item has no owner: refused with its row
    assert "责任人" in dialog.error_label.text() and "第 2 项" in dialog.error_label.text()
    assert minutes.list_meetings(ctx.archive) == []
    _edit_cell(qtbot, dialog.actions, 1, 1, "李强")
    _click(qtbot, dialog.save_button)
    assert dialog.result() == MinutesDialog.DialogCode.Accepted

    assert page.model.rowCount() == 1 and page.model.row_at(0).actions_open == 2
    detail = minutes.get_meeting(ctx.archive, page.model.row_at(0).id)
    assert detail.decisions == ("续签年度框架协议", "下周送样", "报价下浮 3%")
    assert [(a.task, a.owner, a.due_on) for a in detail.actions] == [
        ("提交报价", "王芳", date(2026, 11, 20)),
        ("送样", "李强", None),
    ]
    assert detail.absentees == "陈晨" and [c.name for c in detail.clients] == [client.name]


def test_edit_keeps_items_and_prints(ctx, qtbot, qtmodeltester, monkeypatch):
    _seed(ctx.archive)
    page = MinutesPage(ctx)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    type_text(page.text_filter, "恒信")
    assert page.model.rowCount() == 1
    page.view.selectRow(0)
    _click(qtbot, page.edit_button)
    dialog: MinutesDialog = page.active_dialog
    qtbot.addWidget(dialog)
    assert dialog.actions.rowCount() == 4
    ids_before = [a.id for a in minutes.get_meeting(ctx.archive, dialog.meeting_id).actions]
    status = dialog.status_box(0)
    status.setCurrentIndex(status.findData("已完成"))
    _click(qtbot, dialog.save_button)  # closed without a result: refused
    assert "落实情况" in dialog.error_label.text()
    _edit_cell(qtbot, dialog.actions, 0, 5, "已提交")
    shown = []
    monkeypatch.setattr(
        "app.ui.pdf_preview.PdfPreviewDialog.open", lambda self: shown.append(self.pdf_path)
    )
    dialog.save_and_print()
    assert shown and shown[0].read_bytes().startswith(b"%PDF")
    after = minutes.get_meeting(ctx.archive, dialog.meeting_id).actions
    assert [a.id for a in after] == ids_before and after[0].status == "已完成"


def test_meeting_model_on_client_page_mode(ctx, qtbot, qtmodeltester):
    client_id = _seed(ctx.archive)
    page = MinutesPage(ctx, client_id=client_id)
    qtbot.addWidget(page)
    assert [page.model.row_at(i).title for i in range(page.model.rowCount())] == ["恒信项目推进会"]
    model = MeetingTableModel(ctx)
    model.refresh()
    qtmodeltester.check(model)


def test_follow_up_overdue_first_in_red_and_close_with_result(ctx, qtbot, qtmodeltester):
    client_id = _seed(ctx.archive)
    page = FollowUpPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtmodeltester.check(page.model)
    tasks = [page.model.row_at(i).task for i in range(page.model.rowCount())]
    assert tasks == [
        "提交最终报价单",
        "安排样机送达",
        "报送拜访计划",
        "今天要交的方案",
        "整理资质文件",
    ]
    late = page.model.data(page.model.index(0, 1), Qt.ItemDataRole.DisplayRole)
    assert late.startswith("6 ")  # 6 days overdue (2026-11-20 -> 11-26)
    red = page.model.data(page.model.index(0, 2), Qt.ItemDataRole.ForegroundRole).color()
    assert red == QColor("#c0392b")
    assert page.model.data(page.model.index(4, 2), Qt.ItemDataRole.ForegroundRole) is None
    assert "5" in page.summary.text() and "3" in page.summary.text()

    page.owner_filter.setCurrentIndex(page.owner_filter.findData("王芳"))
    assert page.model.rowCount() == 2
    page.owner_filter.setCurrentIndex(0)
    page.overdue_only.setChecked(True)
    assert page.model.rowCount() == 3
    page.overdue_only.setChecked(False)
    page.client_filter.set_client(client_id, "北京恒信医疗器械有限公司")
    assert page.model.rowCount() == 4
    page.client_filter.clear()
    assert page.model.rowCount() == 5

    page.view.selectRow(0)
    _click(qtbot, page.close_button)
    dialog: CloseActionDialog = page.active_dialog
    qtbot.addWidget(dialog)
    _click(qtbot, dialog.ok_button)  # no result written: refused
    assert dialog.isVisible() and "落实情况" in dialog.error_label.text()
    assert page.model.rowCount() == 5
    type_text(dialog.result_edit, "已于11月25日提交,客户确认")
    _click(qtbot, dialog.ok_button)
    assert dialog.result() == CloseActionDialog.DialogCode.Accepted
    assert page.model.rowCount() == 4
    assert "提交最终报价单" not in [page.model.row_at(i).task for i in range(4)]
    closed = [a for a in minutes.get_meeting(ctx.archive, 1).actions if a.task == "提交最终报价单"]
    assert closed[0].status == "已完成" and closed[0].result == "已于11月25日提交,客户确认"


def test_digest_copies_and_prints(ctx, qtbot, monkeypatch):
    _seed(ctx.archive)
    page = FollowUpPage(ctx)
    qtbot.addWidget(page)
    dialog = page.show_digest()
    qtbot.addWidget(dialog)
    assert "王芳：1 项逾期" in dialog.text.toPlainText()
    assert "李强：1 项逾期" in dialog.text.toPlainText()
    _click(qtbot, dialog.copy_button)
    assert QGuiApplication.clipboard().text() == dialog.digest.text
    shown = []
    monkeypatch.setattr(
        "app.ui.pdf_preview.PdfPreviewDialog.open", lambda self: shown.append(self.pdf_path)
    )
    _click(qtbot, dialog.print_button)
    assert shown and shown[0].stat().st_size > 1000


def test_action_model_fetches_more_in_pages(ctx, qtbot, qtmodeltester):
    items = tuple(ActionItemDraft(f"事项{n}", "王芳", due_on=date(2026, 12, 1)) for n in range(450))
    minutes.create_meeting(ctx.archive, MeetingDraft("大会", datetime(2026, 11, 1), actions=items))
    model = ActionTableModel(ctx)
    model.refresh()
    assert model.rowCount() == 200 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    qtmodeltester.check(model)


def test_home_panel_lists_overdue_and_due_today_and_opens_the_item(ctx, qtbot, qtmodeltester):
    from app.ui.followup_page import DueActionsPanel

    _seed(ctx.archive)
    panel = DueActionsPanel(ctx)
    qtbot.addWidget(panel)
    qtmodeltester.check(panel.model)
    tasks = [panel.model.row_at(i).task for i in range(panel.model.rowCount())]
    assert tasks == ["提交最终报价单", "安排样机送达", "报送拜访计划", "今天要交的方案"]
    assert "3" in panel.title() and "1" in panel.title()
    opened = []
    ctx.events.open_record.connect(lambda kind, record_id: opened.append((kind, record_id)))
    panel.view.doubleClicked.emit(panel.model.index(0, 2))
    assert opened == [("action", panel.model.row_at(0).id)]
    action_id = panel.model.row_at(0).id
    minutes.close_action(ctx.archive, action_id, "已完成")
    ctx.events.changed.emit("action")
    assert panel.model.rowCount() == 3

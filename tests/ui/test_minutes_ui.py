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
from app.ui.kit.tables import LazyModel, ListModel
from app.ui.minutes.close_action_dialog import CloseActionDialog
from app.ui.minutes.followup_page import FollowUpPage, action_columns
from app.ui.minutes.list_page import MinutesPage, meeting_columns
from app.ui.minutes.minutes_dialog import MinutesDialog
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
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # once typing pauses
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


def test_the_dialog_shows_the_number_and_takes_distribution_and_copies(ctx, qtbot, tmp_path):
    _seed(ctx.archive)
    page = MinutesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    _click(qtbot, page.add_button)
    dialog: MinutesDialog = page.active_dialog
    qtbot.addWidget(dialog)
    assert dialog.number_label.text() and "〔" not in dialog.number_label.text()  # not yet
    type_text(dialog.title_edit, "月度经营分析会")
    type_text(dialog.observers, "赵敏")
    type_text(dialog.distribution, "公司领导,大客户部")
    type_text(dialog.copies_to, "部" * 501)
    _click(qtbot, dialog.save_button)  # too long: refused on its field, nothing saved
    assert "500" in dialog.errors.message("meeting_copies_to")
    assert len(minutes.list_meetings(ctx.archive)) == 2
    dialog.copies_to.clear()
    type_text(dialog.copies_to, "市场营销中心")
    _click(qtbot, dialog.save_button)
    assert dialog.result() == MinutesDialog.DialogCode.Accepted
    detail = minutes.get_meeting(ctx.archive, dialog.meeting_id)
    assert (detail.distribution, detail.copies_to) == ("公司领导、大客户部", "市场营销中心")
    assert detail.number == "〔2026〕第3期" and dialog.number_label.text() == detail.number

    # the list shows each meeting's number in its own column, sortable in number order
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    headers = [
        page.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(page.model.columnCount())
    ]
    number_column = headers.index("No.") if "No." in headers else headers.index("编号")
    shown = {
        page.model.data(page.model.index(r, number_column), Qt.ItemDataRole.DisplayRole)
        for r in range(page.model.rowCount())
    }
    assert "〔2026〕第3期" in shown

    again = MinutesDialog(ctx, detail.id)
    qtbot.addWidget(again)
    assert again.number_label.text() == "〔2026〕第3期"
    assert again.distribution.text() == "公司领导、大客户部"
    assert again.copies_to.text() == "市场营销中心" and again.observers.text() == "赵敏"


def test_meeting_model_on_client_page_mode(ctx, qtbot, qtmodeltester):
    client_id = _seed(ctx.archive)
    page = MinutesPage(ctx, client_id=client_id)
    qtbot.addWidget(page)
    assert [page.model.row_at(i).title for i in range(page.model.rowCount())] == ["恒信项目推进会"]
    model = ListModel(meeting_columns())
    model.set_rows(minutes.list_meetings(ctx.archive))
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
    model = LazyModel(action_columns(ctx), lambda ids: minutes.action_rows(ctx.archive, ids))
    model.set_ids(minutes.open_action_ids(ctx.archive))
    assert model.rowCount() == 200 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    qtmodeltester.check(model)


def test_home_panel_lists_overdue_and_due_today_and_opens_the_item(ctx, qtbot, qtmodeltester):
    from app.ui.minutes.due_panel import DueActionsPanel

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


# -- on the kit: Enter, the right button, the debounced search, Changes, a real worker thread --


def _titles(page) -> list[str]:
    return [page.model.row_at(r).title for r in range(page.model.rowCount())]


def test_enter_opens_the_minutes_and_the_right_button_offers_edit_print_delete(
    ctx, qtbot, monkeypatch
):
    _seed(ctx.archive)
    page = MinutesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert _titles(page) == ["大客户部周例会", "恒信项目推进会"]  # newest first
    page.view.setCurrentIndex(page.model.index(1, 1))
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    dialog = page.active_dialog
    qtbot.addWidget(dialog)
    assert (
        dialog.meeting_id == page.model.row_at(1).id
        and dialog.title_edit.text() == "恒信项目推进会"
    )
    dialog.close()

    menu = page.view.context_menu_for(0)
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "Edit",
        "Print…",
        "Delete",
    ]
    asked = []
    monkeypatch.setattr(
        "app.ui.minutes.list_page.confirm", lambda _p, _t, text: asked.append(text) or True
    )
    followup = FollowUpPage(ctx)
    qtbot.addWidget(followup)
    assert followup.model.total() == 5
    next(a for a in menu.actions() if a.text() == "Delete").trigger()
    assert asked == ["Delete the minutes “大客户部周例会” and their 1 action item(s)?"]
    assert _titles(page) == ["恒信项目推进会"]
    assert followup.model.total() == 4  # the other list heard the delete through Changes
    menu.deleteLater()


def test_the_search_waits_for_typing_to_pause_and_the_empty_list_says_so(ctx, qtbot):
    _seed(ctx.archive)
    page = MinutesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    type_text(page.text_filter, "恒信")
    assert page.text_filter.pending() and page.model.rowCount() == 2  # no query per keystroke
    qtbot.waitUntil(lambda: _titles(page) == ["恒信项目推进会"])
    page.text_filter.setText("没有这个会")
    page.text_filter.flush()
    assert page.view.is_empty_shown()
    assert page.view.empty_state.text() == "No minutes match the filters"
    page.view.empty_state.button.click()
    assert page.text_filter.text() == "" and page.model.rowCount() == 2
    assert page.count_label.text() == "2 meeting(s), 5 open action item(s)"


def test_headers_sort_the_meetings(ctx, qtbot):
    _seed(ctx.archive)
    minutes.create_meeting(ctx.archive, MeetingDraft("安全生产会", datetime(2026, 10, 1, 9)))
    page = MinutesPage(ctx)
    qtbot.addWidget(page)
    assert _titles(page) == ["大客户部周例会", "恒信项目推进会", "安全生产会"]
    page.view.sortByColumn(5, Qt.SortOrder.DescendingOrder)  # the most open items first
    assert _titles(page)[0] == "恒信项目推进会"
    page.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _titles(page) == ["安全生产会", "恒信项目推进会", "大客户部周例会"]


def test_the_client_tab_says_how_many_meetings_it_listed(ctx, qtbot):
    client_id = _seed(ctx.archive)
    page = MinutesPage(ctx, client_id=-1)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.counted) as heard:
        page.set_client(client_id)
    assert heard.args == [1] and _titles(page) == ["恒信项目推进会"]


def test_closing_an_item_reaches_the_minutes_list_and_the_home_panel_once(ctx, qtbot):
    from app.ui.minutes.due_panel import DueActionsPanel

    _seed(ctx.archive)
    pages = MinutesPage(ctx), FollowUpPage(ctx), DueActionsPanel(ctx)
    for page in pages:
        qtbot.addWidget(page)
    meetings, followup, panel = pages
    assert meetings.model.row_at(1).actions_open == 4 and panel.model.rowCount() == 4
    heard = []
    ctx.events.changes.connect(heard.append)
    followup.show()
    followup.view.setCurrentIndex(followup.model.index(0, 2))
    qtbot.keyClick(followup.view, Qt.Key.Key_Return)  # Enter: 完成…
    dialog = followup.active_dialog
    qtbot.addWidget(dialog)
    assert isinstance(dialog, CloseActionDialog) and dialog.row.task == "提交最终报价单"
    type_text(dialog.result_edit, "已提交")
    _click(qtbot, dialog.ok_button)
    assert [c.kinds for c in heard] == [frozenset({"action"})]
    assert dialog.closed is not None and dialog.closed.status == "已完成"
    assert meetings.model.row_at(1).actions_open == 3 and panel.model.rowCount() == 3
    assert followup.model.total() == 4


def test_the_follow_up_menu_marks_an_item_in_progress_and_opens_its_minutes(ctx, qtbot):
    _seed(ctx.archive)
    page = FollowUpPage(ctx)
    qtbot.addWidget(page)
    menu = page.view.context_menu_for(0)
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Done…", "In progress", "Open minutes"]
    action_id = page.model.id_at(0)
    menu.actions()[1].trigger()
    assert minutes.get_action(ctx.archive, action_id).status == "进行中"
    assert page.model.row_at(0).status == "进行中"  # the list read the row again
    page.view.select_id(action_id)
    menu.actions()[2].trigger()
    dialog = page.active_dialog
    qtbot.addWidget(dialog)
    assert isinstance(dialog, MinutesDialog) and dialog.meeting_id == 1
    dialog.close()
    menu.deleteLater()


def test_follow_up_filters_say_when_nothing_matches_and_clear(ctx, qtbot):
    client_id = _seed(ctx.archive)
    page = FollowUpPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.owner_filter.setCurrentIndex(page.owner_filter.findData("赵敏"))
    assert page.model.total() == 1
    page.overdue_only.setChecked(True)
    page.owner_filter.setCurrentIndex(page.owner_filter.findData("王芳"))
    page.client_filter.set_client(client_id, "北京恒信医疗器械有限公司")
    assert page.model.total() == 1
    minutes.close_action(ctx.archive, page.model.id_at(0), "已提交")
    ctx.events.changed.emit("action")  # a page not on the kit yet says so by hand
    assert page.view.is_empty_shown()
    assert page.view.empty_state.text() == "No open action item matches the filters"
    page.view.empty_state.button.click()
    assert page.model.total() == 4 and page.owner_filter.currentIndex() == 0
    assert not page.overdue_only.isChecked() and page.client_filter.text() == ""


def test_the_minutes_save_and_the_lists_load_on_a_worker_thread(archive, qapp, qtbot):
    from app.ui.tasks import TaskRunner

    runner = TaskRunner(max_threads=2)
    ctx = UiContext(archive, runner, UiEvents(), "zh_CN")
    try:
        page = MinutesPage(ctx)
        qtbot.addWidget(page)
        qtbot.waitUntil(lambda: page.model.loaded)
        dialog = page.new_minutes()
        qtbot.addWidget(dialog)
        type_text(dialog.title_edit, "周例会")
        _click(qtbot, dialog.save_button)
        assert not dialog.save_button.isEnabled()  # one click saves once
        qtbot.waitUntil(lambda: dialog.result() == MinutesDialog.DialogCode.Accepted)
        qtbot.waitUntil(lambda: _titles(page) == ["周例会"])
        assert page.count_label.text() == "1 meeting(s)"
    finally:
        runner.cancel_all()
        assert runner.wait(10000)


def test_a_wrong_due_date_is_refused_naming_its_item_with_the_cursor_on_it(ctx, qtbot):
    """2026-02-30 typed as the second item's 完成时限: the message says which item (第 2 项; an
    empty row between is no item), the cursor is on that cell and nothing is saved."""
    dialog = MinutesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.title_edit, "项目推进会")
    items = (("提交报价", "王芳", "2026-12-01"), None, ("送样", "李强", "2026-02-30"))
    for item in items:
        row = dialog.add_action_row()
        for column, text in zip((0, 1, 3), item or (), strict=False):
            _edit_cell(qtbot, dialog.actions, row, column, text)
    dialog.actions.setCurrentCell(0, 0)

    _click(qtbot, dialog.save_button)

    assert dialog.error_label.text() == "完成时限：第 2 项的日期“2026-02-30”不存在"
    assert (dialog.actions.currentRow(), dialog.actions.currentColumn()) == (2, 3)
    assert dialog.actions.hasFocus()
    assert minutes.list_meetings(ctx.archive) == []


def test_action_items_copied_in_excel_paste_in_as_items(ctx, qtbot):
    """Rows of 事项, 责任人, 协办, 完成时限, 状态 copied in Excel: Ctrl+V on the items adds them
    (the heading row dropped); pasted into a cell being edited they spread the same way, never
    one 事项 holding every cell."""
    dialog = MinutesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.actions.setFocus()
    copied = (
        "事项\t责任人\t协办\t完成时限\t状态\n提交报价\t王芳\t\t2026-12-05\t进行中\n送样\t李强\n"
    )
    QGuiApplication.clipboard().setText(copied)

    qtbot.keyClick(dialog.actions, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    assert [(d.task, d.owner, d.due_on, str(d.status)) for d in dialog.action_drafts()] == [
        ("提交报价", "王芳", date(2026, 12, 5), "进行中"),
        ("送样", "李强", None, "未开始"),
    ]
    row = dialog.add_action_row()
    index = dialog.actions.model().index(row, 0)
    dialog.actions.edit(index)
    qtbot.wait(20)
    [cell] = [e for e in dialog.actions.viewport().findChildren(QLineEdit) if e.isVisible()]
    QGuiApplication.clipboard().setText("回访客户\t陈晨\t\t2026-12-20")
    qtbot.keyClick(cell, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.actions.state() != dialog.actions.State.EditingState)

    assert [(d.task, d.owner, d.due_on) for d in dialog.action_drafts()][2:] == [
        ("回访客户", "陈晨", date(2026, 12, 20))
    ]

"""修改记录 in the window: a client's tier edited in its dialog shows on the client page's history
tab with who and when; the name recorded is chosen in the settings dialog."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.domain.documents import LetterDirection
from app.domain.minutes import MeetingDraft
from app.domain.rebates import ApprovalStep
from app.domain.records import ClientDraft
from app.domain.tenders import TenderDraft, TenderStatus
from app.services import (
    change_tracking,
    clients,
    contracts,
    documents,
    history,
    identity,
    letters,
    minutes,
    rebates,
    tenders,
)
from app.ui.clients.client_page import ClientPage
from app.ui.context import UiContext, UiEvents
from app.ui.contracts.contract_view import ContractView
from app.ui.documents.editor import DocumentEditor
from app.ui.history.view import HistoryView
from app.ui.letters.dialog import LetterDialog
from app.ui.minutes.minutes_dialog import MinutesDialog
from app.ui.settings.dialog import SettingsDialog
from app.ui.tasks import SynchronousTaskRunner
from app.ui.tenders.tender_dialog import TenderDialog

WHEN = "2026-11-26 10:30"  # the archive fixture's clock


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def test_a_tier_edited_in_the_dialog_shows_in_the_history_tab(ctx, qtbot, qtmodeltester):
    identity.set_user_name(ctx.archive, "王芳")
    client = clients.create_client(ctx.archive, ClientDraft("北京华信科技有限公司", tier="B"))
    page = ClientPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.show_client(client.id)

    page.edit_client()
    dialog = page.active_dialog
    combo = dialog.tier_combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # from B up to A
    assert combo.currentData() == "A"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert clients.get_client(ctx.archive, client.id).tier == "A"

    page.tabs.setCurrentWidget(page.history)
    assert page.tabs.tabText(page.tabs.currentIndex()) == "History"
    rows = page.history.rows()
    assert rows[0] == (WHEN, "王芳", "修改", "等级：B → A")
    assert rows[1][:3] == (WHEN, "王芳", "新建")
    assert "等级：B" in rows[1][3].split("\n")
    assert not page.history.table.is_empty_shown()
    qtmodeltester.check(page.history.model)


def test_the_history_tab_follows_changes_made_elsewhere(ctx, qtbot):
    tender = tenders.create_tender(
        ctx.archive,
        TenderDraft(
            title="某市智慧政务平台采购项目",
            purchaser_name="某市政务服务中心",
            budget=Decimal("1000000"),
            bid_deadline=datetime(2026, 12, 10, 9, 30),
        ),
    )
    view = HistoryView(ctx, "tender")
    qtbot.addWidget(view)
    view.show_record(tender.id)
    assert [r[2] for r in view.rows()] == ["新建"]
    tenders.update_tender(
        ctx.archive, tender.id, replace(tender.draft, status=TenderStatus.PREPARING)
    )
    ctx.events.changed.emit("tender")
    assert view.rows()[0][2:] == ("状态", "状态：跟踪中 → 准备投标")

    view.show_record(None)  # a record not saved yet
    assert view.rows() == [] and view.table.is_empty_shown()


def test_the_name_recorded_is_chosen_in_settings(ctx, qtbot, monkeypatch):
    monkeypatch.setattr(change_tracking.getpass, "getuser", lambda: "wangfang")
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.user_name.text() == ""
    assert dialog.user_name.placeholderText() == "wangfang"
    type_text(dialog.user_name, "李娜")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert identity.chosen_user_name(ctx.archive) == "李娜"
    created = clients.create_client(ctx.archive, ClientDraft("上海东方仪器有限公司"))
    assert history.record_history(ctx.archive, "client", created.id)[0].user == "李娜"

    again = SettingsDialog(ctx)
    qtbot.addWidget(again)
    assert again.user_name.text() == "李娜"
    again.user_name.setText("长" * 101)
    assert not again.save()
    assert "太长" in again.errors.labels["user_name"].text()  # under the field
    assert identity.chosen_user_name(ctx.archive) == "李娜"


def test_a_rebate_approved_by_clicking_shows_the_approval_in_its_history(ctx, qtbot, monkeypatch):
    from app.ui.kit import ops
    from app.ui.rebates import page as rebates_page

    monkeypatch.setattr(ops, "show_error", lambda _w, exc, _l: pytest.fail(repr(exc)))
    identity.set_user_name(ctx.archive, "王芳")
    client = clients.create_client(ctx.archive, ClientDraft("深圳恒达电子有限公司"))
    contracts.create_contract(
        ctx.archive,
        contracts.ContractDraft("HT-1", client.id, date(2026, 2, 3), amount=Decimal("300000")),
    )
    contracts.add_receipt(
        ctx.archive, contracts.ReceiptDraft(client.id, date(2026, 3, 4), Decimal("123456.78"))
    )
    record = rebates.apply(ctx.archive, client.id, date(2026, 1, 1), date(2026, 6, 30), "李娜")
    page = rebates_page.RebatesPage(ctx)
    qtbot.addWidget(page)
    page.reload(record.id)
    detail = page.detail
    type_text(detail.approver, "赵经理")
    qtbot.mouseClick(detail.approve_buttons[ApprovalStep.MANAGER], Qt.MouseButton.LeftButton)

    detail.detail_tabs.setCurrentWidget(detail.history)
    who, what, changes = detail.history.rows()[0][1:]
    assert (who, what) == ("王芳", "审批")
    assert changes.split("\n") == [
        "状态：待大客户部经理审批 → 待市场营销中心审批",
        "审批：大客户部经理同意（赵经理）",
    ]
    assert detail.history.rows()[1][2] == "新建"


def test_tender_document_minutes_contract_and_letter_views_have_the_tab(ctx, qtbot):
    client = clients.create_client(ctx.archive, ClientDraft("北京华信科技有限公司"))
    tender = tenders.create_tender(
        ctx.archive, TenderDraft(title="某市智慧政务平台采购项目", client_id=client.id)
    )
    doc = documents.create_document(
        ctx.archive, "letter", "letter", client_id=client.id, values={"subject": "对账"}
    )
    meeting = minutes.create_meeting(ctx.archive, MeetingDraft("周例会", datetime(2026, 11, 20, 9)))
    contract = contracts.create_contract(
        ctx.archive,
        contracts.ContractDraft("HT-9", client.id, date(2026, 2, 3), amount=Decimal("5000")),
    )
    letter = letters.add_letter(
        ctx.archive,
        letters.LetterDraft(LetterDirection.INCOMING, "关于对账的函", "某市政务服务中心"),
    )
    views = (
        TenderDialog(ctx, tender_id=tender.id),
        DocumentEditor(ctx, document_id=doc.id),
        MinutesDialog(ctx, meeting_id=meeting.id),
        ContractView(ctx, contract.id),
        LetterDialog(ctx, LetterDirection.INCOMING, letter_id=letter.id),
    )
    for view in views:
        qtbot.addWidget(view)
        assert [row[2] for row in view.history.rows()] == ["新建"], type(view).__name__
        tabs = view.history.parentWidget().parentWidget()  # the tab bar's stack, its tab widget
        assert tabs.tabText(tabs.indexOf(view.history)) == "Change history"
    assert "合同金额：5,000.00" in views[3].history.rows()[0][3]
    # a new record has no history tab yet
    assert TenderDialog(ctx).history is None
    assert LetterDialog(ctx, LetterDirection.INCOMING).history is None


# -- on the kit -----------------------------------------------------------------------------------


def _tender(archive):
    return tenders.create_tender(
        archive, TenderDraft(title="某市智慧政务平台采购项目", purchaser_name="某市政务服务中心")
    )


def test_a_write_announced_anywhere_refreshes_the_history_tab(ctx, qtbot, qtmodeltester):
    from app.ui.kit import ops

    tender = _tender(ctx.archive)
    view = HistoryView(ctx, "tender")
    qtbot.addWidget(view)
    view.show_record(tender.id)
    edited = replace(tender.draft, status=TenderStatus.PREPARING)
    ops.write(view, tenders.update_tender, ctx.archive, tender.id, edited, changes={"tender"})
    assert [row[2] for row in view.rows()] == ["状态", "新建"]
    changes = view.model.index(0, 3)
    assert changes.data(Qt.ItemDataRole.ToolTipRole) == changes.data()  # the whole cell
    top = changes.data(Qt.ItemDataRole.TextAlignmentRole)
    assert top & Qt.AlignmentFlag.AlignTop.value  # beside a cell of several lines
    qtmodeltester.check(view.model)


def test_the_history_is_read_off_the_window_thread_and_the_newest_record_wins(archive, qtbot):
    from app.ui.tasks import TaskRunner

    runner = TaskRunner()
    ctx = UiContext(archive, runner, UiEvents(), "zh_CN")
    tender = _tender(archive)
    view = HistoryView(ctx, "tender")
    qtbot.addWidget(view)
    try:
        view.show_record(tender.id)
        assert view.rows() == []  # on its way
        qtbot.waitUntil(lambda: len(view.rows()) == 1, timeout=10000)
        view.show_record(tender.id)
        view.show_record(None)  # another record chosen before the first answer came
        assert runner.wait(10000)
        qtbot.wait(50)
        assert view.rows() == [] and view.table.is_empty_shown()
    finally:
        assert runner.wait(10000)

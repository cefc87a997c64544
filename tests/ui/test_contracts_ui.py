"""The contracts page: editing a contract in its dialog (button, double-click, context menu),
deleting contracts and receipts after a confirmation, and a receipt found by the search."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from app.domain.records import ClientDraft
from app.services import clients, contracts
from app.ui.context import UiContext, UiEvents
from app.ui.contracts import page as page_module
from app.ui.contracts.contract_dialog import ContractDialog
from app.ui.contracts.page import ContractsPage
from app.ui.contracts.receipt_dialog import ReceiptDialog
from app.ui.tasks import SynchronousTaskRunner

D = Decimal
YES = QMessageBox.StandardButton.Yes
NO = QMessageBox.StandardButton.No


def answer(monkeypatch, button) -> list[str]:
    """Answers every confirmation with `button`; returns the questions asked."""
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def booked(archive):
    """HT-1 (two lines) with a receipt; HT-2 (an amount, no lines) without receipts."""
    client = clients.create_client(archive, ClientDraft("深圳恒达电子有限公司", owner="张伟"))
    lines = (
        contracts.ContractLineDraft("服务器", "2", "台", D("48000.50")),
        contracts.ContractLineDraft("安装", "1", "项", D("0.10")),
    )
    paid = contracts.create_contract(
        archive, contracts.ContractDraft("HT-1", client.id, date(2026, 2, 3), lines)
    )
    open_ = contracts.create_contract(
        archive, contracts.ContractDraft("HT-2", client.id, date(2026, 3, 3), amount=D("5000"))
    )
    receipt = contracts.add_receipt(
        archive,
        contracts.ReceiptDraft(client.id, date(2026, 3, 4), D("1000"), contract_id=paid.id),
    )
    return client, paid, open_, receipt


@pytest.fixture
def page(ctx, qtbot, booked):
    shown = ContractsPage(ctx)
    qtbot.addWidget(shown)
    shown.resize(1100, 700)
    shown.show()
    return shown


def _row_of(model, record_id: int) -> int:
    return next(i for i, r in enumerate(model.rows) if r.id == record_id)


def _select(table, model, record_id: int) -> None:
    table.selectionModel().setCurrentIndex(
        model.index(_row_of(model, record_id), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def test_edit_button_opens_the_dialog_prefilled_and_saves_through_update(page, qtbot, booked):
    _, paid, _, _ = booked
    _select(page.contracts_table, page.contracts_model, paid.id)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ContractDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Edit contract HT-1"
    assert dialog.number.text() == "HT-1"
    assert dialog.signed.date().toPython() == date(2026, 2, 3)
    assert dialog._cell(0, 0) == "服务器" and dialog._cell(0, 3) == "48,000.50"
    assert dialog.lines.rowCount() == 2 and dialog.total.text().endswith("¥96,001.10")
    assert not dialog.client.isEnabled()  # receipts booked: the client stays
    dialog.number.setText("HT-1-补")
    dialog.set_line(1, ("调试", "2", "次", "300"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = contracts.get_contract(page.ctx.archive, paid.id)
    assert saved.number == "HT-1-补" and saved.amount == D("96601.00")
    assert saved.owner == "张伟" and saved.received == D("1000.00")
    row = page.contracts_model.rows[_row_of(page.contracts_model, paid.id)]
    assert row.number == "HT-1-补" and row.amount == D("96601.00")  # reloaded on the event


def test_bad_input_keeps_the_dialog_open_and_saves_nothing(page, qtbot, booked):
    _, _, open_, _ = booked
    before = contracts.get_contract(page.ctx.archive, open_.id)
    index = page.contracts_model.index(_row_of(page.contracts_model, open_.id), 0)
    rect = page.contracts_table.visualRect(index)
    viewport = page.contracts_table.viewport()
    # a real double-click starts with a press: the view opens only the index pressed on
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = page.dialog
    assert isinstance(dialog, ContractDialog) and dialog.isVisible()
    assert dialog.amount.text() == "5,000.00" and dialog.client.isEnabled()
    dialog.amount.setText("abc")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.errors.message("amount") == "金额无效“abc”"
    dialog.amount.setText("6000")
    dialog.number.setText("HT-1")  # taken by the other contract
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.errors.message("contract_number") == "合同编号“HT-1”已存在"
    assert contracts.get_contract(page.ctx.archive, open_.id) == before
    dialog.discard()  # 放弃更改 (取消 would ask first)


def test_delete_asks_first_and_no_keeps_the_contract(page, qtbot, monkeypatch, booked):
    _, _, open_, _ = booked
    asked = answer(monkeypatch, NO)
    _select(page.contracts_table, page.contracts_model, open_.id)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "HT-2" in asked[0] and "¥5,000.00" in asked[0]
    assert len(contracts.list_contracts(page.ctx.archive)) == 2
    answer(monkeypatch, YES)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert [r.number for r in contracts.list_contracts(page.ctx.archive)] == ["HT-1"]
    assert [r.number for r in page.contracts_model.rows] == ["HT-1"]
    assert page.message.isHidden()


def test_a_contract_with_receipts_is_refused_with_a_message(page, qtbot, monkeypatch, booked):
    _, paid, _, _ = booked
    answer(monkeypatch, YES)
    page.delete_contract(paid.id)
    assert page.message.isVisible()
    assert page.message.text() == "合同：合同“HT-1”已登记 1 笔回款，不能删除；请先删除这些回款"
    assert len(contracts.list_contracts(page.ctx.archive)) == 2


def test_context_menu_offers_open_edit_and_delete(page, qtbot, booked):
    _, paid, _, _ = booked
    menu = page.contracts_table.context_menu_for(_row_of(page.contracts_model, paid.id))
    actions = menu.actions()
    assert [a.text() for a in actions] == ["View lines and receipts", "Edit…", "Delete…"]
    actions[1].trigger()
    assert isinstance(page.dialog, ContractDialog) and page.dialog.original.id == paid.id
    page.dialog.reject()


def test_contract_view_deletes_the_chosen_receipt(page, qtbot, monkeypatch, booked, qtmodeltester):
    _, paid, _, receipt = booked
    view = page.open_contract_view(paid.id)
    qtmodeltester.check(view.receipts_model)
    assert view.receipts_model.rowCount() == 1 and view.delete_receipt_button.isEnabled()
    qtbot.mouseClick(view.delete_receipt_button, Qt.MouseButton.LeftButton)
    assert "Choose a receipt" in view.error.text()  # nothing chosen yet
    asked = answer(monkeypatch, YES)
    _select(view.receipts, view.receipts_model, receipt.id)
    qtbot.mouseClick(view.delete_receipt_button, Qt.MouseButton.LeftButton)
    assert "深圳恒达电子有限公司" in asked[0] and "¥1,000.00" in asked[0] and "HT-1" in asked[0]
    assert view.receipts_model.rowCount() == 0 and not view.delete_receipt_button.isEnabled()
    assert "received ¥0.00" in view.totals.text()
    assert contracts.list_receipts(page.ctx.archive) == []
    assert page.receipts_model.rowCount() == 0  # the page heard the change
    view.reject()
    page.delete_contract(paid.id)  # no receipts left: it can go
    assert [r.number for r in contracts.list_contracts(page.ctx.archive)] == ["HT-2"]


def test_receipts_tab_deletes_the_selected_receipt(page, qtbot, monkeypatch, booked):
    _, _, _, receipt = booked
    page.tabs.setCurrentWidget(page.receipts_table)
    assert page.edit_button.isEnabled() and page.delete_button.isEnabled()
    answer(monkeypatch, NO)
    _select(page.receipts_table, page.receipts_model, receipt.id)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.receipts_model.rowCount() == 1
    answer(monkeypatch, YES)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.receipts_model.rowCount() == 0
    assert contracts.list_receipts(page.ctx.archive) == []


def test_the_search_finds_a_receipt_and_opens_it_selected(
    archive, qtbot, tmp_path, booked, monkeypatch
):
    from app.ui import application

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    monkeypatch.setattr(page_module, "confirm", lambda *_a: pytest.fail("no question here"))
    _, _, _, receipt = booked
    window = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(window)
    window.show()
    assert window.search_popup.section_titles["receipt"]
    window.ctx.events.open_record.emit("receipt", receipt.id)
    page = window._page("contracts")
    assert window.current_area() == "contracts"
    assert page.tabs.currentWidget() is page.receipts_table
    assert page.selected_receipt().id == receipt.id


# --- editing receipts --------------------------------------------------------------------------


def test_receipts_tab_edit_button_opens_the_receipt_prefilled_and_saves(page, qtbot, booked):
    client, paid, open_, receipt = booked
    page.tabs.setCurrentWidget(page.receipts_table)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Choose a receipt in the list first."  # nothing chosen yet
    _select(page.receipts_table, page.receipts_model, receipt.id)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ReceiptDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Edit receipt"
    assert dialog.client.text() == client.name and dialog.amount.text() == "1,000.00"
    assert dialog.received.date().toPython() == date(2026, 3, 4)
    assert dialog.contract.currentData() == paid.id
    dialog.amount.setText("1,234.56")
    dialog.contract.setCurrentIndex(dialog.contract.findData(open_.id))
    dialog.notes.setText("尾款")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = contracts.get_receipt(page.ctx.archive, receipt.id)
    assert saved.amount == D("1234.56") and saved.contract_id == open_.id
    assert saved.notes == "尾款" and saved.received_on == date(2026, 3, 4)
    row = page.receipts_model.rows[_row_of(page.receipts_model, receipt.id)]
    assert row.amount == D("1234.56") and row.contract_number == "HT-2"  # the list shows it
    shown = page.receipts_model.index(_row_of(page.receipts_model, receipt.id), 3)
    assert page.receipts_model.data(shown) == "¥1,234.56"
    assert len(contracts.list_receipts(page.ctx.archive)) == 1  # changed, not added


def test_a_bad_receipt_edit_keeps_the_dialog_open_and_saves_nothing(page, qtbot, booked):
    _, _, _, receipt = booked
    page.tabs.setCurrentWidget(page.receipts_table)
    index = page.receipts_model.index(_row_of(page.receipts_model, receipt.id), 0)
    rect = page.receipts_table.visualRect(index)
    viewport = page.receipts_table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = page.dialog
    assert isinstance(dialog, ReceiptDialog) and dialog.isVisible()
    dialog.amount.setText("abc")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.errors.message("amount") == "金额无效“abc”"
    dialog.amount.setText("0")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.errors.message("amount") == "必须大于 0"
    assert contracts.get_receipt(page.ctx.archive, receipt.id) == receipt
    dialog.discard()  # 放弃更改 (取消 would ask first)


def test_receipt_context_menu_offers_edit(page, booked):
    _, _, _, receipt = booked
    page.tabs.setCurrentWidget(page.receipts_table)
    menu = page.receipts_table.context_menu_for(_row_of(page.receipts_model, receipt.id))
    actions = menu.actions()
    assert [a.text() for a in actions] == ["Open contract", "Edit…", "Delete…"]
    actions[1].trigger()
    assert isinstance(page.dialog, ReceiptDialog) and page.dialog.original.id == receipt.id
    page.dialog.reject()


def test_contract_view_edits_the_chosen_receipt(page, qtbot, booked):
    _, paid, _, receipt = booked
    view = page.open_contract_view(paid.id)
    assert view.edit_receipt_button.isEnabled()
    qtbot.mouseClick(view.edit_receipt_button, Qt.MouseButton.LeftButton)
    assert "Choose a receipt" in view.error.text()
    _select(view.receipts, view.receipts_model, receipt.id)
    qtbot.mouseClick(view.edit_receipt_button, Qt.MouseButton.LeftButton)
    dialog = view.receipt_dialog
    assert isinstance(dialog, ReceiptDialog) and dialog.isVisible()
    dialog.amount.setText("2500")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert view.receipts_model.rows[0].amount == D("2500.00")
    assert "received ¥2,500.00" in view.totals.text()
    assert page.receipts_model.rows[0].amount == D("2500.00")  # the page heard the change
    view.reject()


def test_editing_a_receipt_deleted_meanwhile_is_said_on_the_page(page, booked):
    _, _, _, receipt = booked
    contracts.delete_receipt(page.ctx.archive, receipt.id)
    assert page.open_receipt_dialog(receipt.id) is None
    assert page.message.isVisible() and page.message.text()


def test_messages_under_a_field_use_chinese_punctuation(ctx, qtbot, booked):
    """'金额最多两位小数（精确到分）', never '…(精确到分)': what a field says reads as the
    printed documents do; a 方式 too long for the archive is refused, nothing booked."""
    client = booked[0]
    before = contracts.list_receipts(ctx.archive)
    dialog = ReceiptDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_client(client.id, client.name)
    dialog.amount.setText("0.001")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    message = dialog.errors.message("amount")
    assert message.startswith("金额最多两位小数（精确到分）") and "(" not in message
    dialog.amount.setText("1,234.5")
    dialog.method.setCurrentText("银行转账" * 10)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "回款方式：太长（最多 30 字）" in dialog.error.text()
    assert contracts.list_receipts(ctx.archive) == before
    dialog.discard()

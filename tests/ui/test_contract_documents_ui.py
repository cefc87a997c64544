"""Contracts drafted in the 文书 editor: prompts that show their sentence, the approval that puts
the contract into the 合同 register (and opens it), the contract that opens its document, and
the client's 开票信息 fields."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.domain.documents import ReviewAction
from app.domain.records import ClientDraft
from app.services import clients, contracts, documents, settings
from app.services.documents import ContractLine
from app.ui.clients.client_dialog import ClientDialog
from app.ui.context import UiContext, UiEvents
from app.ui.contracts.contract_view import ContractView
from app.ui.documents.editor import DocumentEditor
from app.ui.tasks import SynchronousTaskRunner

VALUES = {
    "contract_no": "HX-2026-041",
    "sign_place": "北京",
    "quality_standard": "随附技术规格书",
    "warranty": "一年",
    "delivery_date": "2026年12月10日前",
    "delivery_place": "甲方仓库",
    "delivery_method": "乙方送货",
    "acceptance_days": "5",
    "payment_terms": "验收合格后三十日内付清。",
    "court": "乙方所在地人民法院",
    "copies": "4",
}


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def client_id(archive):
    settings.save_company(archive, settings.CompanySettings(name="华信科技有限公司"))
    return clients.create_client(archive, ClientDraft(name="北京恒信贸易有限公司")).id


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr("app.ui.documents.editor.show_error", lambda _p, exc, _l: shown.append(exc))
    return shown


def test_each_value_field_shows_the_sentence_it_fills(ctx, client_id, qtbot):
    editor = DocumentEditor(ctx, client_id=client_id)
    qtbot.addWidget(editor)
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("agreement"))
    warranty = editor.value_inputs["warranty"]
    assert warranty.placeholderText() == "质量保证期为自验收合格之日起＿＿。"
    assert warranty.toolTip() == "质保期：质量保证期为自验收合格之日起＿＿。"
    label = editor.values_form.labelForField(warranty)
    assert label.text() == "质保期" and label.toolTip() == warranty.toolTip()
    copies = editor.value_inputs["copies"]
    assert copies.placeholderText().startswith("本合同一式＿＿份,＿＿,")

    editor.set_value("warranty", "自验收合格之日起12个月")  # typed with the sentence's words
    editor.refresh_preview()
    assert "自验收合格之日起12个月。" in editor.last_preview.text
    assert "起自验收" not in editor.last_preview.text


def test_approving_puts_the_contract_in_the_register_and_opens_it(
    ctx, client_id, qtbot, monkeypatch, no_message_boxes
):
    line = ContractLine("服务器", "R740", Decimal("2"), "台", Decimal("45000.50"))
    record = documents.create_document(
        ctx.archive, "agreement", "purchase_contract", "服务器购销合同", client_id, None,
        VALUES, (line,), "张三",
    )  # fmt: skip
    editor = DocumentEditor(ctx, record.id)
    qtbot.addWidget(editor)
    monkeypatch.setattr(editor, "ask_comment", lambda _action: "同意")
    assert not editor.contract_button.isVisibleTo(editor)
    messages, changes, opened = [], [], []
    ctx.events.status_message.connect(messages.append)
    ctx.events.changes.connect(changes.append)
    ctx.events.open_record.connect(lambda kind, rid: opened.append((kind, rid)))

    qtbot.mouseClick(editor.review_buttons[ReviewAction.SUBMIT], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.review_buttons[ReviewAction.APPROVE], Qt.MouseButton.LeftButton)
    contract_id = editor.record.contract_id
    assert contract_id is not None
    assert messages[-1] == "In the contract register as HX-2026-041"  # (no translator loaded)
    assert any(c.touches("contract") for c in changes)  # the 合同 page follows
    assert editor.contract_button.isVisibleTo(editor)
    assert "HX-2026-041" in editor.contract_button.text()
    qtbot.mouseClick(editor.contract_button, Qt.MouseButton.LeftButton)
    assert opened == [("contract", contract_id)]
    assert not no_message_boxes

    view = ContractView(ctx, contract_id)
    qtbot.addWidget(view)
    assert view.source_bar.isVisibleTo(view)
    assert "《服务器购销合同》" in view.source_label.text()
    assert view.lines.rowCount() == 1 and view.lines.item(0, 0).text() == "服务器 R740"
    qtbot.mouseClick(view.source_button, Qt.MouseButton.LeftButton)
    assert opened[-1] == ("document", record.id)


def test_a_contract_typed_by_hand_shows_no_source_document(ctx, client_id, qtbot):
    typed = contracts.create_contract(
        ctx.archive,
        contracts.ContractDraft("HT-1", client_id, ctx.archive.today(), amount=Decimal("100")),
    )
    view = ContractView(ctx, typed.id)
    qtbot.addWidget(view)
    assert not view.source_bar.isVisibleTo(view)


def test_the_client_dialog_keeps_the_invoice_details(ctx, client_id, qtbot):
    dialog = ClientDialog(ctx, client_id)
    qtbot.addWidget(dialog)
    dialog.invoice_address_edit.setText("北京市朝阳区建国路88号 010-65001234")
    dialog.bank_edit.setText("招商银行北京分行")
    dialog.bank_account_edit.setText("62-ABC")
    assert dialog.save() is False
    assert "6～32 位数字" in dialog.field_error("bank_account")
    assert clients.get_client(ctx.archive, client_id).bank == ""  # nothing saved

    dialog.bank_account_edit.setText("1109 0123 4567 890")
    assert dialog.save()
    saved = clients.get_client(ctx.archive, client_id)
    assert (saved.invoice_address, saved.bank, saved.bank_account) == (
        "北京市朝阳区建国路88号 010-65001234",
        "招商银行北京分行",
        "1109 0123 4567 890",
    )
    again = ClientDialog(ctx, client_id)
    qtbot.addWidget(again)
    assert again.bank_account_edit.text() == "1109 0123 4567 890"
    assert again.invoice_address_edit.text() == "北京市朝阳区建国路88号 010-65001234"


def test_an_approved_contract_not_in_the_register_is_put_there_from_the_editor(
    ctx, client_id, qtbot, monkeypatch, no_message_boxes
):
    """Its contract deleted from the 合同 register (or approved before approving registered it),
    the approved document offers 登记到合同台账, the window's twin of `document to-contract`."""
    line = ContractLine("服务器", "R740", Decimal("2"), "台", Decimal("45000.50"))
    record = documents.create_document(
        ctx.archive, "agreement", "purchase_contract", "服务器购销合同", client_id, None,
        VALUES, (line,), "张三",
    )  # fmt: skip
    documents.review(ctx.archive, record.id, ReviewAction.SUBMIT, "张三", "")
    approved = documents.review(ctx.archive, record.id, ReviewAction.APPROVE, "李四", "同意")
    contracts.delete_contract(ctx.archive, approved.contract_id)
    editor = DocumentEditor(ctx, record.id)
    qtbot.addWidget(editor)
    assert editor.record.contract_id is None
    assert editor.contract_button.isVisibleTo(editor)
    assert editor.contract_button.text() == "Put into the contract register"
    qtbot.mouseClick(editor.contract_button, Qt.MouseButton.LeftButton)
    assert not no_message_boxes
    contract_id = editor.record.contract_id
    assert contract_id is not None and "HX-2026-041" in editor.contract_button.text()
    registered = contracts.get_contract(ctx.archive, contract_id)
    assert registered.number == "HX-2026-041" and registered.client_id == client_id

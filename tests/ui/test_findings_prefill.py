"""Smaller things a new user hit (FINDINGS 2026-12-05), driven as a user would:

- 登记回款 with a contract row chosen books against that client and contract;
- 收文登记 picks the client whose name is exactly the 来文单位;
- 文号前缀: one named box per kind with the next number shown as it is typed; the demo sets the
  demo company's prefixes, so its numbers print with a 机关代字;
- 文书 editor: 添加一行 adds a line (quantity 1) instead of raising TypeError."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QPushButton

from app.demo.documents import add_demo_documents
from app.domain.documents import DocumentKind, LetterDirection
from app.domain.enums import ClientStatus, Tier
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients, contracts, documents, letters, settings
from app.ui.context import UiContext, UiEvents
from app.ui.contracts.page import ContractsPage
from app.ui.contracts.receipt_dialog import ReceiptDialog
from app.ui.documents.editor import DocumentEditor
from app.ui.documents.page import DocumentsPage
from app.ui.documents.prefixes_dialog import NumberPrefixDialog
from app.ui.letters.dialog import LetterDialog
from app.ui.tasks import SynchronousTaskRunner

D = Decimal


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


# --- 登记回款 from a chosen contract -----------------------------------------------------------


@pytest.fixture
def two_clients(archive):
    first = clients.create_client(archive, ClientDraft("深圳恒达电子有限公司"))
    second = clients.create_client(archive, ClientDraft("广州立信科技有限公司"))
    contracts.create_contract(
        archive, contracts.ContractDraft("HT-1", first.id, date(2026, 2, 3), amount=D("9000"))
    )
    chosen = contracts.create_contract(
        archive, contracts.ContractDraft("HT-2", second.id, date(2026, 3, 3), amount=D("5000"))
    )
    contracts.create_contract(
        archive, contracts.ContractDraft("HT-3", second.id, date(2026, 4, 3), amount=D("7000"))
    )
    return second, chosen


def test_booking_a_receipt_with_a_contract_chosen_fills_in_its_client_and_contract(
    ctx, qtbot, two_clients
):
    client, chosen = two_clients
    page = ContractsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    row = next(i for i, r in enumerate(page.contracts_model.rows) if r.id == chosen.id)
    qtbot.mouseClick(
        page.contracts_table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.contracts_table.visualRect(page.contracts_model.index(row, 0)).center(),
    )
    qtbot.mouseClick(page.new_receipt_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ReceiptDialog) and dialog.isVisible()
    assert dialog.client.text() == client.name
    assert dialog.contract.currentData() == chosen.id
    qtbot.keyClicks(dialog.amount, "1,200")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    booked = contracts.list_receipts(ctx.archive)
    assert [(r.client_id, r.contract_id, r.amount) for r in booked] == [
        (client.id, chosen.id, D("1200.00"))
    ]


def test_booking_a_receipt_on_the_receipts_tab_still_starts_empty(ctx, qtbot, two_clients):
    _client, chosen = two_clients
    page = ContractsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    row = next(i for i, r in enumerate(page.contracts_model.rows) if r.id == chosen.id)
    page.contracts_table.selectionModel().setCurrentIndex(
        page.contracts_model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    page.tabs.setCurrentWidget(page.receipts_table)  # the chosen contract is out of sight
    qtbot.mouseClick(page.new_receipt_button, Qt.MouseButton.LeftButton)
    assert page.dialog.client.text() == "" and page.dialog.contract.currentData() is None


# --- 收文登记 picks the client named as the 来文单位 ---------------------------------------------


def test_an_incoming_letter_from_a_client_by_its_exact_name_is_filed_under_it(ctx, qtbot):
    client = clients.create_client(ctx.archive, ClientDraft(name="北京恒信贸易有限公司"))
    clients.create_client(ctx.archive, ClientDraft(name="北京恒信贸易有限公司天津分公司"))
    dialog = LetterDialog(ctx, LetterDirection.INCOMING)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.counterpart.setFocus()
    type_text(dialog.counterpart, "北京恒信贸易有限公司")
    qtbot.keyClick(dialog.counterpart, Qt.Key.Key_Tab)  # on to the next field
    assert dialog.client_picker.text() == "北京恒信贸易有限公司"
    type_text(dialog.title_edit, "关于调整供货价格的函")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [row] = letters.list_letters(ctx.archive)
    assert row.client_id == client.id


def test_a_client_chosen_first_is_never_replaced_by_the_unit_named(ctx, qtbot):
    named = clients.create_client(ctx.archive, ClientDraft(name="北京恒信贸易有限公司"))
    other = clients.create_client(ctx.archive, ClientDraft(name="天津港务集团有限公司"))
    dialog = LetterDialog(ctx, LetterDirection.INCOMING, client_id=other.id)
    qtbot.addWidget(dialog)
    dialog.counterpart.clear()
    type_text(dialog.counterpart, named.name)
    dialog.counterpart.editingFinished.emit()
    type_text(dialog.title_edit, "转来函")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [row] = letters.list_letters(ctx.archive)
    assert row.client_id == other.id


def test_a_unit_that_is_no_client_leaves_the_client_empty(ctx, qtbot):
    clients.create_client(ctx.archive, ClientDraft(name="北京恒信贸易有限公司"))
    dialog = LetterDialog(ctx, LetterDirection.INCOMING)
    qtbot.addWidget(dialog)
    type_text(dialog.counterpart, "北京恒信")
    type_text(dialog.title_edit, "询价函")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [row] = letters.list_letters(ctx.archive)
    assert row.client_id is None and dialog.client_picker.text() == ""


# --- 文号前缀 ------------------------------------------------------------------------------------


def test_the_prefix_dialog_names_each_kind_and_shows_the_next_number_as_typed(ctx, qtbot):
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.prefix_button, Qt.MouseButton.LeftButton)
    dialog = page.active_dialog
    assert isinstance(dialog, NumberPrefixDialog) and dialog.isVisible()
    form = dialog.findChild(QFormLayout)
    labels = [
        form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text()
        for row in range(form.rowCount())
    ]
    assert labels == ["通知:", "函:", "传真:"]  # every kind named, none chosen behind the scenes
    letter = dialog.edits[DocumentKind.LETTER]
    assert dialog.examples[DocumentKind.LETTER].text() == "Next number: 〔2026〕1号"
    letter.setFocus()
    type_text(letter, "华信函")
    assert dialog.examples[DocumentKind.LETTER].text() == "Next number: 华信函〔2026〕1号"
    assert dialog.examples[DocumentKind.FAX].text() == "Next number: 〔2026〕1号"
    type_text(dialog.edits[DocumentKind.FAX], "华信传")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = documents.number_prefixes(ctx.archive)
    assert (saved[DocumentKind.LETTER], saved[DocumentKind.FAX]) == ("华信函", "华信传")
    assert saved[DocumentKind.NOTICE] == ""


def test_a_too_long_prefix_is_refused_in_the_dialog(ctx, qtbot):
    dialog = NumberPrefixDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.edits[DocumentKind.NOTICE], "很" * 21)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.text()
    assert documents.number_prefixes(ctx.archive)[DocumentKind.NOTICE] == ""


def test_the_demo_numbers_its_documents_with_the_demo_company_codes(archive):
    for name in ("北京恒信贸易有限公司", "天津港务集团有限公司", "上海浦江物流有限公司"):
        clients.create_client(archive, ClientDraft(name=name, status=ClientStatus.ACTIVE))
    add_demo_documents(archive)
    prefixes = documents.number_prefixes(archive)
    assert prefixes == {
        DocumentKind.NOTICE: "华信通",
        DocumentKind.LETTER: "华信函",
        DocumentKind.FAX: "华信传",
    }
    numbers = [r.doc_number for r in documents.list_documents(archive) if r.doc_number]
    outgoing = [
        r.number for r in letters.list_letters(archive) if r.direction == LetterDirection.OUTGOING
    ]
    assert numbers and all(n.startswith("华信") for n in numbers)
    assert outgoing and all(n.startswith("华信") for n in outgoing)


def test_the_demo_keeps_a_prefix_already_chosen(archive):
    clients.create_client(archive, ClientDraft(name="北京恒信贸易有限公司"))
    documents.save_number_prefix(archive, "letter", "京信函")
    add_demo_documents(archive)
    assert documents.number_prefixes(archive)[DocumentKind.LETTER] == "京信函"


# --- 文书 editor: 添加一行 ----------------------------------------------------------------------


@pytest.fixture
def client(archive):
    settings.save_company(archive, settings.CompanySettings(name="华信科技有限公司"))
    return clients.create_client(
        archive,
        ClientDraft(name="北京恒信贸易有限公司", tier=Tier.A, status=ClientStatus.ACTIVE),
        [ContactDraft(name="刘洋", title="采购经理")],
    )


def test_add_line_adds_a_line_with_quantity_one(ctx, client, qtbot):
    editor = DocumentEditor(ctx, client_id=client.id)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.template_combo.currentData() == "purchase_contract"
    add = next(b for b in editor.findChildren(QPushButton) if b.text() == "Add line")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)  # used to raise TypeError: clicked(bool)
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    table = editor.lines_table
    assert table.rowCount() == 2
    assert [table.item(1, c).text() for c in range(5)] == ["", "", "1", "", ""]
    assert editor.current_lines() == ()  # lines not filled in yet are not lines
    table.item(1, 0).setText("服务器")
    table.item(1, 4).setText("45800")
    [line] = editor.current_lines()
    assert (line.product, line.quantity, line.unit_price) == ("服务器", D("1"), D("45800.00"))
    assert not [w for w in editor.findChildren(QLabel) if "TypeError" in w.text()]

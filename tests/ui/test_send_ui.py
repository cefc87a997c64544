"""登记发文 in the window: the button on an approved 函 opens the dialog, the 所复收文 is picked,
and the letter goes into the register with its number, date and the printed PDF, while the 收文
it answers shows 已复函 and leaves the 待复 list. The register's 发文 dialog has the picker too;
the prefix dialog counts each kind on its own."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.domain.documents import DocumentKind, LetterDirection, LetterStatus, ReviewAction
from app.domain.enums import ClientStatus
from app.domain.records import ClientDraft
from app.services import clients, documents, letters, settings
from app.services.letters import LetterDraft
from app.ui.context import UiContext, UiEvents
from app.ui.documents.editor import DocumentEditor
from app.ui.documents.page import DocumentsPage
from app.ui.documents.prefixes_dialog import NumberPrefixDialog
from app.ui.documents.send_dialog import SendDialog
from app.ui.home.page import HomePage
from app.ui.letters.dialog import LetterDialog
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def client(archive):
    settings.save_company(archive, settings.CompanySettings(name="华信科技有限公司"))
    documents.save_number_prefix(archive, "letter", "华信函")
    documents.save_number_prefix(archive, "notice", "华信通")
    return clients.create_client(
        archive, ClientDraft(name="北京恒信贸易有限公司", status=ClientStatus.ACTIVE)
    )


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr("app.ui.documents.editor.show_error", lambda _p, exc, _l: shown.append(exc))
    return shown


def _asked(archive, title="关于调价的函"):
    return letters.add_letter(
        archive,
        LetterDraft(
            LetterDirection.INCOMING,
            title,
            "北京恒信贸易有限公司",
            dated_on=date(2026, 11, 20),
            reply_due=date(2026, 11, 28),
        ),
    )


def _approved_letter(archive, client_id):
    record = documents.create_document(
        archive,
        "letter",
        "letter",
        client_id=client_id,
        values={"subject": "调价事宜", "body": "现函复如下。", "sender": "张三"},
    )
    documents.review(archive, record.id, ReviewAction.SUBMIT)
    documents.review(archive, record.id, ReviewAction.APPROVE)
    return record


def test_register_as_sent_from_the_editor_answering_a_letter(ctx, client, qtbot):
    asked = _asked(ctx.archive)
    home = HomePage(ctx)
    qtbot.addWidget(home)
    assert home.replies_panel.title() == "Replies due (1)"
    draft = documents.create_document(
        ctx.archive, "letter", "letter", client_id=client.id, values={"subject": "草稿"}
    )
    editor = DocumentEditor(ctx, draft.id)
    qtbot.addWidget(editor)
    assert editor.send_button.isVisibleTo(editor) and not editor.send_button.isEnabled()

    record = _approved_letter(ctx.archive, client.id)
    editor = DocumentEditor(ctx, record.id)
    qtbot.addWidget(editor)
    assert editor.send_button.isEnabled()
    qtbot.mouseClick(editor.send_button, Qt.MouseButton.LeftButton)
    dialog: SendDialog = editor.send_dialog
    assert isinstance(dialog, SendDialog) and dialog.isVisible()
    picker = dialog.reply_picker
    labels = [picker.itemText(i) for i in range(picker.count())]
    assert len(labels) == 2 and "关于调价的函" in labels[1] and "2026-11-28" in labels[1]
    picker.setCurrentIndex(1)
    dialog.dated_on.set_value(date(2026, 12, 5))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # the letter prints our phone: without it there is no PDF to keep, and nothing is changed
    assert dialog.isVisible() and "我方电话" in dialog.error.text()
    assert letters.list_letters(ctx.archive, letters.LetterFilter(direction="out")) == []
    assert documents.get_document(ctx.archive, record.id).doc_number == ""
    settings.save_company(
        ctx.archive, settings.CompanySettings(name="华信科技有限公司", phone="010-88886666")
    )
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error.text()

    [sent] = letters.list_letters(ctx.archive, letters.LetterFilter(direction="out"))
    assert sent.number == "华信函〔2026〕1号" and sent.dated_on == date(2026, 12, 5)
    assert sent.reply_to_id == asked.id and sent.document_id == record.id
    [scan] = letters.scans(ctx.archive, sent.id)
    assert scan.original_name == "华信函〔2026〕1号.pdf"
    assert letters.get_letter(ctx.archive, asked.id).status == LetterStatus.REPLIED
    assert letters.replies_due(ctx.archive) == []
    home = HomePage(ctx)
    qtbot.addWidget(home)
    assert home.replies_panel.title() == "Replies due (0)"  # answered: off the 待复 panel
    assert editor.record.doc_number == "华信函〔2026〕1号"


def test_a_missing_scan_is_said_under_its_field_and_nothing_is_registered(
    ctx, client, qtbot, tmp_path
):
    record = _approved_letter(ctx.archive, client.id)
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    dialog = page.register_sent(record.id)
    qtbot.addWidget(dialog)
    dialog.scan_edit.setText(str(tmp_path / "none.pdf"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "不存在" in dialog.errors.labels["scan"].text()  # under the 扫描件 field
    assert letters.list_letters(ctx.archive) == []
    assert documents.get_document(ctx.archive, record.id).doc_number == ""


def test_the_registers_outgoing_dialog_names_the_letter_it_answers(ctx, client, qtbot):
    asked = _asked(ctx.archive, "询价函")
    dialog = LetterDialog(ctx, LetterDirection.OUTGOING)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title_edit.setText("关于询价的复函")
    dialog.counterpart.setText("北京恒信贸易有限公司")
    dialog.reply_picker.set_letter(asked.id)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    reply = letters.get_letter(ctx.archive, dialog.letter_id)
    assert reply.number == "华信函〔2026〕1号" and reply.reply_to_id == asked.id
    assert letters.get_letter(ctx.archive, asked.id).status == LetterStatus.REPLIED
    again = LetterDialog(ctx, LetterDirection.OUTGOING, dialog.letter_id)
    qtbot.addWidget(again)
    assert again.reply_picker.letter_id() == asked.id  # still listed though answered


def test_the_prefix_dialog_counts_each_kind_on_its_own(ctx, client, qtbot):
    record = documents.create_document(
        ctx.archive,
        "notice",
        "notice",
        client_id=client.id,
        values={"subject": "调价", "recipient": "各单位", "body": "自下月起调价。"},
    )
    documents.review(ctx.archive, record.id, ReviewAction.SUBMIT)
    documents.review(ctx.archive, record.id, ReviewAction.APPROVE)
    documents.issue_document(ctx.archive, record.id)
    dialog = NumberPrefixDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    examples = {k: label.text() for k, label in dialog.examples.items()}
    assert examples[DocumentKind.NOTICE] == "Next number: 华信通〔2026〕2号"
    assert examples[DocumentKind.LETTER] == "Next number: 华信函〔2026〕1号"
    dialog.edits[DocumentKind.FAX].setText("华信函")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "函" in dialog.error.text()  # the 函's prefix: refused

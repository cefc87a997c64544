"""The traps a new user fell into, driven as a user would: Enter never discards (it saves, or
does nothing), closing a dialog with unsaved changes asks first, the wheel never edits a field
nobody chose, and after a refused 保存 the first wrong field is in view and has the focus."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidgetItem,
)

from app.domain.documents import LetterDirection
from app.domain.enums import ActivityKind, ClientStatus, Tier
from app.domain.minutes import ActionItemDraft, MeetingDraft
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.domain.tenders import TenderDraft
from app.services import activities, clients, contracts, documents, minutes, tenders
from app.ui.activities.dialog import ActivityDialog
from app.ui.clients.client_dialog import ClientDialog
from app.ui.clients.contact_dialog import ContactDialog
from app.ui.clients.import_dialog import ImportDialog
from app.ui.context import UiContext, UiEvents
from app.ui.contracts.contract_dialog import ContractDialog
from app.ui.contracts.contract_view import ContractView
from app.ui.contracts.receipt_dialog import ReceiptDialog
from app.ui.contracts.receipt_import_dialog import ReceiptImportDialog
from app.ui.documents.editor import DocumentEditor
from app.ui.documents.prefixes_dialog import NumberPrefixDialog
from app.ui.documents.review_dialog import ReviewCommentDialog
from app.ui.documents.templates_dialog import TemplatesDialog
from app.ui.kit.forms import form_values, install_form_guards
from app.ui.letters.dialog import LetterDialog
from app.ui.minutes.close_action_dialog import CloseActionDialog
from app.ui.minutes.digest_dialog import DigestDialog
from app.ui.minutes.minutes_dialog import MinutesDialog
from app.ui.qualifications.dialog import QualificationDialog
from app.ui.qualifications.page import QualificationsPage
from app.ui.rebates.apply_dialog import ApplyDialog
from app.ui.rebates.tiers_dialog import TiersDialog
from app.ui.settings.dialog import SettingsDialog
from app.ui.tasks import SynchronousTaskRunner
from app.ui.tenders.packet_builder import PacketBuilderDialog
from app.ui.tenders.tender_dialog import TenderDialog


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def client(archive):
    return clients.create_client(
        archive,
        ClientDraft(name="华信科技有限公司", tier=Tier.A, status=ClientStatus.ACTIVE),
        [ContactDraft(name="王芳", title="采购经理")],
    )


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def title_bar_close(dialog) -> None:
    """The window manager's close button: a close request to the dialog's window."""
    QApplication.sendEvent(dialog.windowHandle(), QCloseEvent())


def answer_question(button_text: str) -> list[dict]:
    """Answers the next message box by pressing the button labelled `button_text`; returns
    what the box said (its text and button labels) once it has been answered."""
    seen: list[dict] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        labels = [b.text() for b in box.buttons()]
        seen.append({"text": box.text(), "buttons": labels, "default": box.defaultButton().text()})
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, answer)
    return seen


def small_screen(dialog):
    """The client form on a laptop screen too small for all its fields: they scroll."""
    dialog.findChild(QScrollArea).setMinimumHeight(240)
    dialog.resize(600, 380)
    return dialog


def wheel(widget, steps: int = -1) -> QWheelEvent:
    """One notch of the mouse wheel over the middle of `widget` (negative: towards the user)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event


def subjects(archive, client_id: int) -> list[str]:
    return [row.subject for row in activities.timeline(archive, client_id)]


# -- Enter never discards ----------------------------------------------------------------------


def test_enter_in_the_activity_dialog_saves_the_visit(ctx, client, archive, qtbot):
    dialog = shown(qtbot, ActivityDialog(ctx, client_id=client.id))
    assert dialog.save_button.isDefault()
    type_text(dialog.subject, "季度拜访")
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Return)
    assert dialog.result() == ActivityDialog.DialogCode.Accepted
    assert subjects(archive, client.id) == ["季度拜访"]


def test_enter_on_a_focused_cancel_button_still_saves(ctx, client, archive, qtbot):
    dialog = shown(qtbot, ActivityDialog(ctx, client_id=client.id))
    type_text(dialog.subject, "电话回访")
    cancel = next(b for b in dialog.findChildren(type(dialog.save_button)) if b.text() == "Cancel")
    cancel.setFocus()
    assert not cancel.autoDefault()
    qtbot.keyClick(cancel, Qt.Key.Key_Return)
    assert dialog.result() == ActivityDialog.DialogCode.Accepted
    assert subjects(archive, client.id) == ["电话回访"]


def test_enter_in_the_notes_is_a_new_line(ctx, client, archive, qtbot):
    dialog = shown(qtbot, ActivityDialog(ctx, client_id=client.id))
    type_text(dialog.notes, "第一行")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Return)
    type_text(dialog.notes, "第二行")
    assert dialog.isVisible()
    assert dialog.notes.toPlainText() == "第一行\n第二行"
    assert subjects(archive, client.id) == []


# -- closing with unsaved changes asks ---------------------------------------------------------


def test_esc_on_a_typed_visit_asks_and_keep_editing_keeps_it(ctx, client, archive, qtbot):
    dialog = shown(qtbot, ActivityDialog(ctx, client_id=client.id))
    type_text(dialog.subject, "季度拜访")
    seen = answer_question("Keep editing")
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Escape)
    assert seen == [
        {
            "text": "Discard unsaved changes?",
            "buttons": seen[0]["buttons"],
            "default": "Save",
        }
    ]
    assert sorted(seen[0]["buttons"]) == ["Discard changes", "Keep editing", "Save"]
    assert dialog.isVisible() and dialog.subject.text() == "季度拜访"
    seen = answer_question("Discard changes")
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Escape)
    assert len(seen) == 1
    assert not dialog.isVisible()
    assert dialog.result() == ActivityDialog.DialogCode.Rejected
    assert subjects(archive, client.id) == []


def test_save_in_the_question_saves_the_visit(ctx, client, archive, qtbot):
    dialog = shown(qtbot, ActivityDialog(ctx, client_id=client.id))
    type_text(dialog.subject, "上门演示")
    seen = answer_question("Save")
    title_bar_close(dialog)
    assert len(seen) == 1
    assert dialog.result() == ActivityDialog.DialogCode.Accepted
    assert subjects(archive, client.id) == ["上门演示"]


def test_save_in_the_question_with_a_wrong_field_keeps_the_dialog_open(ctx, client, qtbot):
    dialog = shown(qtbot, ActivityDialog(ctx, client_id=client.id))
    type_text(dialog.subject, "报销")
    type_text(dialog.expense, "12.345")
    seen = answer_question("Save")
    cancel = next(b for b in dialog.findChildren(type(dialog.save_button)) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert dialog.isVisible()
    assert dialog.errors.message("expense")
    assert dialog.focusWidget() is dialog.expense


def test_a_dialog_without_changes_closes_at_once(ctx, client, archive, qtbot):
    record = activities.create_activity(
        archive,
        ActivityDraft(
            client_id=client.id,
            kind=ActivityKind.VISIT,
            started_at=datetime(2026, 11, 20, 9, 0),
            subject="季度拜访",
            notes="带样品",
        ),
    )
    dialog = shown(qtbot, ActivityDialog(ctx, activity_id=record.id))
    assert not dialog.has_unsaved_changes()
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Escape)  # no question: it would block here
    assert not dialog.isVisible()


def test_ticking_a_contact_is_a_change(ctx, client, qtbot):
    dialog = shown(qtbot, ActivityDialog(ctx, client_id=client.id))
    assert not dialog.has_unsaved_changes()
    dialog.contacts.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.has_unsaved_changes()
    dialog.contacts.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.has_unsaved_changes()


# -- the wheel never edits ---------------------------------------------------------------------


def test_the_wheel_over_status_and_tier_scrolls_the_client_form(ctx, client, qtbot):
    dialog = small_screen(ClientDialog(ctx, client.id))
    shown(qtbot, dialog)
    dialog.name_edit.setFocus()
    scroll = dialog.findChild(QScrollArea).verticalScrollBar()
    assert scroll.maximum() > 0 and scroll.value() == 0
    for field in (dialog.status_combo, dialog.tier_combo, dialog.created_edit):
        before = field.text() if hasattr(field, "text") else field.currentText()
        wheel(field)
        after = field.text() if hasattr(field, "text") else field.currentText()
        assert after == before, field
    assert dialog.status_combo.currentData() == ClientStatus.ACTIVE.value
    assert dialog.tier_combo.currentData() == Tier.A.value
    assert scroll.value() > 0, "the wheel scrolls the form instead"


def test_a_focused_combo_box_still_takes_the_wheel(ctx, client, qtbot):
    dialog = shown(qtbot, ClientDialog(ctx, client.id))
    dialog.tier_combo.setFocus()
    assert dialog.tier_combo.hasFocus()
    wheel(dialog.tier_combo)
    assert dialog.tier_combo.currentData() == Tier.B.value


def test_the_wheel_does_not_give_a_field_the_focus(ctx, qtbot):
    dialog = shown(qtbot, ClientDialog(ctx))
    for field in (dialog.status_combo, dialog.tier_combo, dialog.created_edit):
        assert field.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_the_guard_is_installed_once(qapp):
    assert install_form_guards(qapp) is install_form_guards(qapp)


# -- errors are seen ---------------------------------------------------------------------------


def test_a_refused_save_scrolls_to_the_first_wrong_field_and_focuses_it(ctx, qtbot):
    dialog = small_screen(ClientDialog(ctx))
    shown(qtbot, dialog)
    type_text(dialog.name_edit, "恒信医疗")
    type_text(dialog.contact_name_edit, "李娜")
    type_text(dialog.contact_email_edit, "not-an-email")
    dialog.name_edit.setFocus()
    scroll = dialog.findChild(QScrollArea)
    scroll.verticalScrollBar().setValue(0)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.field_error("email")
    assert dialog.focusWidget() is dialog.contact_email_edit
    top = dialog.contact_email_edit.mapTo(scroll.viewport(), QPoint(0, 0)).y()
    assert 0 <= top < scroll.viewport().height()


def test_the_question_speaks_chinese(ctx, client, qapp, qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from app.ui import application

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    application.install_translators(qapp, "zh_CN")  # removed after the test (conftest)
    dialog = shown(qtbot, ActivityDialog(ctx, client_id=client.id))
    type_text(dialog.subject, "季度拜访")
    seen = answer_question("继续编辑")
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Escape)
    assert seen[0]["text"] == "放弃未保存的更改？"
    assert sorted(seen[0]["buttons"]) == sorted(["保存", "放弃更改", "继续编辑"])
    assert seen[0]["default"] == "保存"
    assert dialog.isVisible()


# -- every dialog of the window ----------------------------------------------------------------


def _contract_view(ctx, client):
    draft = contracts.ContractDraft("HT-1", client.id, date(2026, 2, 3), amount=Decimal("5000"))
    return ContractView(ctx, contracts.create_contract(ctx.archive, draft).id)


def _close_action(ctx, client):
    meeting = MeetingDraft(
        "推进会", datetime(2026, 11, 2, 9, 30), actions=(ActionItemDraft("提交报价单", "王芳"),)
    )
    minutes.create_meeting(ctx.archive, meeting)
    return CloseActionDialog(ctx, minutes.open_actions(ctx.archive).rows[0])


def _templates(ctx, client):
    builtin = documents.list_templates(ctx.archive)[0]
    key = documents.new_template_key(ctx.archive)
    documents.copy_template(ctx.archive, builtin.key, key, "我的模板")
    dialog = TemplatesDialog(ctx)
    dialog.reload(key)  # the user's own template is open: it can be edited
    return dialog


# name: (make the dialog, the button Enter presses (None: Enter presses nothing), guarded)
DIALOGS = {
    "activity": (lambda ctx, client: ActivityDialog(ctx, client_id=client.id), "save_button", True),
    "client": (lambda ctx, client: ClientDialog(ctx), "save_button", True),
    "client edit": (lambda ctx, client: ClientDialog(ctx, client.id), "save_button", True),
    "contact": (lambda ctx, client: ContactDialog(ctx, client.id), "save_button", True),
    "contract": (lambda ctx, client: ContractDialog(ctx), "save_button", True),
    "receipt": (lambda ctx, client: ReceiptDialog(ctx), "save_button", True),
    "contract view": (_contract_view, None, False),
    "number prefixes": (lambda ctx, client: NumberPrefixDialog(ctx), "save_button", True),
    "templates": (_templates, "save_button", True),
    "document": (lambda ctx, client: DocumentEditor(ctx), "save_button", True),
    "review comment": (lambda ctx, client: ReviewCommentDialog("退回"), "ok_button", True),
    "qualification": (lambda ctx, client: QualificationDialog(ctx), "save_button", True),
    "tender": (lambda ctx, client: TenderDialog(ctx), "save_button", True),
    "minutes": (lambda ctx, client: MinutesDialog(ctx), None, True),
    "letter": (
        lambda ctx, client: LetterDialog(ctx, LetterDirection.INCOMING),
        "save_button",
        True,
    ),
    "settings": (lambda ctx, client: SettingsDialog(ctx), "save_button", True),
    "close action": (_close_action, "ok_button", True),
    "digest": (lambda ctx, client: DigestDialog(ctx), None, False),
    "apply rebate": (lambda ctx, client: ApplyDialog(ctx), "ok_button", True),
    "rebate tiers": (lambda ctx, client: TiersDialog(ctx), "save_button", True),
    "import clients": (lambda ctx, client: ImportDialog(ctx), "import_button", False),
    "import receipts": (lambda ctx, client: ReceiptImportDialog(ctx), "import_button", False),
}
GUARDED = [name for name, (_make, _button, guarded) in DIALOGS.items() if guarded]


def make(name, ctx, client, qtbot):
    dialog = shown(qtbot, DIALOGS[name][0](ctx, client))
    dialog.setWindowTitle(dialog.windowTitle() or name)
    return dialog


def change_something(dialog) -> None:
    """Types into the dialog's first free text box as a user would (a table cell if it has
    no text box)."""
    inputs = [w for w, _value in form_values(dialog) if w.isVisible() and w.isEnabled()]
    for kind in (QLineEdit, QPlainTextEdit):
        boxes = [w for w in inputs if isinstance(w, kind) and not w.isReadOnly()]
        if boxes:
            boxes[0].setFocus()
            type_text(boxes[0], "甲")
            return
    table = dialog.table  # the rebate tiers
    table.setItem(0, 2, QTableWidgetItem("9"))


@pytest.mark.parametrize("name", list(DIALOGS))
def test_enter_presses_the_save_button_and_no_other(name, ctx, client, qtbot):
    dialog = make(name, ctx, client, qtbot)
    attr = DIALOGS[name][1]
    expected = [getattr(dialog, attr)] if attr else []
    buttons = [b for b in dialog.findChildren(QPushButton) if b.window() is dialog]
    assert [b for b in buttons if b.isDefault()] == expected
    assert [b for b in buttons if b.autoDefault()] == expected


@pytest.mark.parametrize("name", GUARDED)
def test_closing_with_a_change_asks_first(name, ctx, client, qtbot):
    dialog = make(name, ctx, client, qtbot)
    assert not dialog.has_unsaved_changes()
    change_something(dialog)
    assert dialog.has_unsaved_changes()
    seen = answer_question("Keep editing")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert [q["text"] for q in seen] == ["Discard unsaved changes?"]
    assert dialog.isVisible()
    seen = answer_question("Discard changes")
    title_bar_close(dialog)
    assert len(seen) == 1 and not dialog.isVisible()


@pytest.mark.parametrize("name", list(DIALOGS))
def test_closing_without_changes_does_not_ask(name, ctx, client, qtbot):
    dialog = make(name, ctx, client, qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # a question here would fail the test
    assert not dialog.isVisible()


def test_enter_on_cancel_in_the_receipt_dialog_books_the_receipt(ctx, client, qtbot):
    dialog = shown(qtbot, ReceiptDialog(ctx))
    dialog.client.set_client(client.id, client.name)
    dialog.load_contracts(client.id)
    type_text(dialog.amount, "1200")
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    cancel.setFocus()
    qtbot.keyClick(cancel, Qt.Key.Key_Return)
    assert dialog.result() == ReceiptDialog.DialogCode.Accepted
    assert [r.amount for r in contracts.list_receipts(ctx.archive)] == [Decimal("1200.00")]


def test_a_new_line_in_a_contract_is_a_change(ctx, client, qtbot):
    dialog = shown(qtbot, ContractDialog(ctx))
    dialog.lines.setItem(0, 0, QTableWidgetItem("打印机"))
    assert dialog.has_unsaved_changes()


def test_a_tender_line_item_is_a_change(ctx, client, qtbot):
    dialog = shown(qtbot, TenderDialog(ctx))
    dialog.breakdown.add_line()
    model = dialog.items_model
    model.setData(model.index(0, 0), "办公桌")
    assert dialog.has_unsaved_changes()


def test_a_client_added_to_the_minutes_is_a_change(ctx, client, qtbot):
    dialog = shown(qtbot, MinutesDialog(ctx))
    dialog.client_picker.set_client(client.id, client.name)
    assert dialog.client_ids() == [client.id]
    assert dialog.has_unsaved_changes()


def test_a_scan_queued_on_a_qualification_is_a_change(ctx, client, qtbot, tmp_path):
    scan = tmp_path / "营业执照.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    dialog = shown(qtbot, QualificationDialog(ctx))
    assert dialog.add_files([Path(scan)]) == []
    assert dialog.has_unsaved_changes()


def test_enter_in_the_minutes_decision_box_adds_the_decision_and_saves_nothing(ctx, qtbot):
    dialog = shown(qtbot, MinutesDialog(ctx))
    type_text(dialog.title_edit, "周例会")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    type_text(dialog.decision_edit, "下周送样")
    qtbot.keyClick(dialog.decision_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.decision_texts() == ["下周送样"]
    assert minutes.list_meetings(ctx.archive) == []


def test_opening_another_qualification_asks_before_dropping_the_typed_one(ctx, qtbot):
    page = QualificationsPage(ctx)
    qtbot.addWidget(page)
    first = page.new_qualification()
    qtbot.waitExposed(first)
    type_text(first.title_edit, "营业执照")
    seen = answer_question("Keep editing")
    assert page.new_qualification() is first
    assert len(seen) == 1 and first.isVisible() and first.title_edit.text() == "营业执照"
    seen = answer_question("Discard changes")
    second = page.new_qualification()
    assert len(seen) == 1 and second is not first and not first.isVisible()


# -- errors are seen, in every kind of form ----------------------------------------------------


def test_a_tender_without_a_title_shows_the_basic_tab_with_the_title_focused(ctx, qtbot):
    dialog = shown(qtbot, TenderDialog(ctx))
    dialog.tabs.setCurrentIndex(4)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.field_error("tender_title")
    assert dialog.tabs.currentIndex() == 0
    assert dialog.focusWidget() is dialog.title_edit


def test_a_wrong_amount_in_a_contract_is_focused(ctx, client, qtbot):
    dialog = shown(qtbot, ContractDialog(ctx))
    type_text(dialog.number, "HT-9")
    dialog.client.set_client(client.id, client.name)
    type_text(dialog.amount, "abc")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "abc" in dialog.errors.message("amount")
    assert dialog.focusWidget() is dialog.amount


def test_a_missing_font_file_shows_the_interface_tab_with_the_font_focused(ctx, qtbot):
    dialog = shown(qtbot, SettingsDialog(ctx))
    dialog.document_font.setText("/nowhere/simsun.ttc")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.tabs.currentIndex() == 2
    assert dialog.focusWidget() is dialog.document_font


def test_the_wheel_over_an_unfocused_number_box_leaves_it(ctx, qtbot):
    dialog = shown(qtbot, ContractDialog(ctx))
    dialog.number.setFocus()
    wheel(dialog.payment_days, steps=1)
    assert dialog.payment_days.value() == 30
    dialog.payment_days.setFocus()
    wheel(dialog.payment_days, steps=1)
    assert dialog.payment_days.value() == 31


# -- 投标文件: the readiness question names its buttons ------------------------------------------


def test_an_unready_packet_asks_print_a_draft_or_go_back_and_back_prints_nothing(
    ctx, client, qtbot
):
    draft = TenderDraft(title="医疗设备采购项目", client_id=client.id, budget=Decimal("1e6"))
    dialog = PacketBuilderDialog(ctx, tenders.create_tender(ctx.archive, draft).id)
    qtbot.addWidget(dialog)
    assert dialog.checklist_texts("error")
    seen = answer_question("Go back and fix")
    dialog.printer.preview_button.click()
    assert len(seen) == 1
    assert sorted(seen[0]["buttons"]) == ["Go back and fix", "Print a draft"]
    assert seen[0]["default"] == "Print a draft"
    assert dialog.printer.last_pdf is None

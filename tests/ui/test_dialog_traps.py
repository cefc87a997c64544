"""The traps a new user fell into, driven as a user would: Enter never discards (it saves, or
does nothing), closing a dialog with unsaved changes asks first, the wheel never edits a field
nobody chose, and after a refused 保存 the first wrong field is in view and has the focus."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea

from app.domain.enums import ActivityKind, ClientStatus, Tier
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.services import activities, clients
from app.ui.activity_dialog import ActivityDialog
from app.ui.client_dialog import ClientDialog
from app.ui.context import UiContext, UiEvents
from app.ui.kit.forms import install_form_guards
from app.ui.tasks import SynchronousTaskRunner


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

"""The legal representative's 职务 and 身份证号 in Settings > Company: a wrong ID number is shown
on its field and nothing is saved; a right one (lower-case x accepted) is saved upper-case."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.services import settings
from app.ui.context import UiContext, UiEvents
from app.ui.settings.dialog import SettingsDialog
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def type_text(widget, text: str) -> None:
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def test_legal_rep_id_number_checked_then_saved(ctx, qtbot):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    fields = dialog.company_fields
    type_text(fields["legal_representative"], "王建国")
    type_text(fields["legal_rep_title"], "执行董事兼总经理")
    type_text(fields["legal_rep_id_number"], "110105197803150031")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert "校验位错误" in dialog.errors.message("legal_rep_id_number")
    assert settings.company(ctx.archive).legal_rep_title == ""

    fields["legal_rep_id_number"].clear()
    type_text(fields["legal_rep_id_number"], "11010519491231002x")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    company = settings.company(ctx.archive)
    assert (company.legal_rep_title, company.legal_rep_id_number) == (
        "执行董事兼总经理",
        "11010519491231002X",
    )

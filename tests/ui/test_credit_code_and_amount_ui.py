"""The client form refuses a 统一社会信用代码 that GB 32100-2015 (with its 第1号修改单) does not
allow, or that is a person's 居民身份证号码, when adding and when editing; the activity form
refuses an amount of 10^16 yuan (issue 13, §6). The field is named and nothing is saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from stdnum.cn import uscc as stdnum_uscc

from app.domain.queries import ActivityQuery
from app.domain.records import ClientDraft
from app.services import activities, clients
from app.ui.activities.dialog import ActivityDialog
from app.ui.clients.client_dialog import ClientDialog
from app.ui.context import UiContext, UiEvents
from app.ui.tasks import SynchronousTaskRunner

# 11010519491231002X: a valid ID number (北京市朝阳区, born 1949-12-31) whose last character is
# also the USCC check character of its first 17.
RESIDENT_ID = "11010519491231002X"
WRONG_CATEGORY = "94110108MA01KPGY4" + stdnum_uscc.calc_check_digit("94110108MA01KPGY4")
MILITARY = "A1110108MA01KPGY4" + stdnum_uscc.calc_check_digit("A1110108MA01KPGY4")


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_new_client_with_an_id_number_as_its_code_is_refused(ctx, qtbot):
    dialog = ClientDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name_edit, "上海东方贸易有限公司")
    qtbot.keyClicks(dialog.uscc_edit, RESIDENT_ID)
    _save(qtbot, dialog)
    assert dialog.result() != ClientDialog.DialogCode.Accepted
    assert dialog.field_error("uscc") == (
        f"统一社会信用代码：这是居民身份证号码，不是统一社会信用代码“{RESIDENT_ID}”"
    )
    assert clients.client_count(ctx.archive) == 0

    dialog.uscc_edit.clear()
    qtbot.keyClicks(dialog.uscc_edit, MILITARY)  # A: 中央军委改革和编制办公室, 1 军队事业单位
    _save(qtbot, dialog)
    assert dialog.result() == ClientDialog.DialogCode.Accepted
    assert clients.get_client(ctx.archive, dialog.saved_record.id).uscc == MILITARY


def test_editing_a_client_to_a_category_its_authority_lacks_is_refused(ctx, qtbot):
    made = clients.create_client(ctx.archive, ClientDraft("北京恒信贸易有限公司"))
    dialog = ClientDialog(ctx, made.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.uscc_edit, WRONG_CATEGORY)
    _save(qtbot, dialog)
    assert dialog.result() != ClientDialog.DialogCode.Accepted
    shown = dialog.field_error("uscc")
    assert shown.startswith("统一社会信用代码：")
    assert "第 2 位机构类别代码“4”不属于登记管理部门“9 工商”" in shown
    assert clients.get_client(ctx.archive, made.id).uscc is None


def test_an_expense_of_ten_to_the_sixteen_yuan_is_refused(ctx, qtbot):
    made = clients.create_client(ctx.archive, ClientDraft("北京恒信贸易有限公司"))
    dialog = ActivityDialog(ctx, client_id=made.id)
    qtbot.addWidget(dialog)
    type_text(dialog.subject, "年度框架协议谈判")
    type_text(dialog.expense, "10000000000000000")
    _save(qtbot, dialog)
    assert dialog.result() != ActivityDialog.DialogCode.Accepted
    assert "金额过大" in dialog.errors.message("expense")
    assert "999,999,999,999.99" in dialog.errors.message("expense")
    assert list(activities.list_activity_ids(ctx.archive, ActivityQuery())) == []

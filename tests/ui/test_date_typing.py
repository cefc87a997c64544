"""Dates typed into the real date boxes are kept whole: the year too, and a birthday too.

Each test types with the keyboard (qtbot.keyClicks) into the widget the user sees, saves through
the dialog's own button and reads the record back from the service."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from app.domain.enums import Tier
from app.domain.records import ClientDraft, ContactDraft
from app.services import activities, clients, qualifications
from app.ui.activities.dialog import ActivityDialog
from app.ui.clients.contact_dialog import ContactDialog
from app.ui.context import UiContext, UiEvents
from app.ui.kit.dates import DateEdit, DateTimeEdit
from app.ui.qualifications.page import QualificationsPage
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def client(archive):
    return clients.create_client(
        archive,
        ClientDraft(name="北京华信科技有限公司", tier=Tier.A),
        [ContactDraft(name="张伟", title="采购经理")],
    )


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _activate(qtbot, edit) -> None:
    window = edit.window()
    if not window.isVisible():
        window.show()
        qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def click_at_end(qtbot, edit) -> None:
    """Clicks into the text of a date box after its last character (the day), as a user who
    clicks the box anywhere but on its year does."""
    _activate(qtbot, edit)
    line = edit.lineEdit()
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(line.width() - 3, 5))
    assert edit.hasFocus()


def tab_into(qtbot, edit) -> None:
    """Reaches the box with Tab from the field before it (Qt selects its first section)."""
    _activate(qtbot, edit)
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    assert edit.hasFocus()


@pytest.fixture
def scan(tmp_path) -> Path:
    path = tmp_path / "资质证书.png"
    image = QImage(40, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert image.save(str(path))
    return path


def test_a_typed_validity_sets_the_year_of_a_qualification(ctx, qtbot, scan):
    page = QualificationsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.addWidget(dialog)
    type_text(dialog.title_edit, "安全生产许可证")
    dialog.add_files([scan])
    qtbot.mouseClick(dialog.valid_from.check, Qt.MouseButton.LeftButton)
    click_at_end(qtbot, dialog.valid_from.edit)
    qtbot.keyClicks(dialog.valid_from.edit, "2024-03-01")
    qtbot.mouseClick(dialog.expires.check, Qt.MouseButton.LeftButton)
    tab_into(qtbot, dialog.expires.edit)
    qtbot.keyClicks(dialog.expires.edit, "2027-02-28")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.saved is not None
    record = qualifications.get(ctx.archive, dialog.saved.id)
    assert (record.valid_from, record.expires_on) == (date(2024, 3, 1), date(2027, 2, 28))


def test_a_typed_birthday_is_kept_and_can_be_emptied_again(ctx, client, qtbot):
    contact = client.contacts[0]
    dialog = ContactDialog(ctx, client.id, contact.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.birthday_edit.text().strip() == ""  # no birthday yet: the box is blank
    click_at_end(qtbot, dialog.birthday_edit)
    qtbot.keyClicks(dialog.birthday_edit, "1985-06-15")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ContactDialog.DialogCode.Accepted
    saved = clients.get_client(ctx.archive, client.id).contacts[0]
    assert saved.birthday == date(1985, 6, 15)

    again = ContactDialog(ctx, client.id, contact.id)
    qtbot.addWidget(again)
    again.show()
    assert again.birthday_edit.text() == "1985-06-15"
    tab_into(qtbot, again.birthday_edit)
    qtbot.keyClick(again.birthday_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(again.birthday_edit, Qt.Key.Key_Delete)
    assert again.birthday_edit.text().strip() == ""
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert clients.get_client(ctx.archive, client.id).contacts[0].birthday is None


def test_a_birthday_typed_the_chinese_way_is_kept(ctx, client, qtbot):
    dialog = ContactDialog(ctx, client.id)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name_edit, "李娜")
    tab_into(qtbot, dialog.birthday_edit)
    type_text(dialog.birthday_edit, "1990年2月3日")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ContactDialog.DialogCode.Accepted
    saved = {c.name: c for c in clients.get_client(ctx.archive, client.id).contacts}
    assert saved["李娜"].birthday == date(1990, 2, 3)


def test_a_typed_start_and_due_date_of_an_activity_are_kept(ctx, client, qtbot):
    dialog = ActivityDialog(ctx, client_id=client.id)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.subject, "年度拜访")
    click_at_end(qtbot, dialog.started_at)
    qtbot.keyClicks(dialog.started_at, "2024-03-01 14:30")
    type_text(dialog.next_step, "寄送样品")
    qtbot.mouseClick(dialog.next_step_due.check, Qt.MouseButton.LeftButton)
    click_at_end(qtbot, dialog.next_step_due.edit)
    qtbot.keyClicks(dialog.next_step_due.edit, "2024/3/8")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    record = activities.get_activity(ctx.archive, dialog.saved.id)
    assert record.started_at == datetime(2024, 3, 1, 14, 30)
    assert record.next_step_due == date(2024, 3, 8)


# --- the boxes themselves -------------------------------------------------------------------


@pytest.fixture
def form(qtbot):
    window = QWidget()
    QVBoxLayout(window).addWidget(QLineEdit(window))
    qtbot.addWidget(window)
    return window


def _add(form, box):
    form.layout().addWidget(box)
    form.show()
    return box


@pytest.mark.parametrize("typed", ["2024-03-01", "2024/3/1", "2024.3.1", "20240301", "2024-3-1"])
@pytest.mark.parametrize("reach", [click_at_end, tab_into])
def test_a_date_typed_whole_sets_year_month_and_day(form, qtbot, typed, reach):
    box = _add(form, DateEdit(date(2026, 12, 5)))
    reach(qtbot, box)
    qtbot.keyClicks(box, typed)
    assert box.value() == date(2024, 3, 1)
    assert box.text() == "2024-03-01"


def test_sections_can_still_be_changed_one_at_a_time(form, qtbot):
    box = _add(form, DateEdit(date(2026, 12, 5)))
    tab_into(qtbot, box)
    qtbot.keyClicks(box, "2024")  # the year alone
    assert box.value() == date(2024, 12, 5)
    click_at_end(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClicks(box, "20")  # then the day alone
    box.clearFocus()
    assert box.value() == date(2024, 12, 20)


def test_a_month_box_takes_a_typed_month(form, qtbot):
    box = _add(form, DateEdit(date(2026, 12, 1), months=True))
    click_at_end(qtbot, box)
    qtbot.keyClicks(box, "2024-03")
    assert (box.text(), box.value()) == ("2024-03", date(2024, 3, 1))


def test_a_date_and_time_box_keeps_its_time_when_only_a_date_is_typed(form, qtbot):
    box = _add(form, DateTimeEdit(datetime(2026, 12, 5, 9, 30)))
    tab_into(qtbot, box)
    qtbot.keyClicks(box, "1985-06-15")
    assert box.value() == datetime(1985, 6, 15, 9, 30)
    click_at_end(qtbot, box)
    qtbot.keyClicks(box, "2024-03-01 14:05")
    assert box.value() == datetime(2024, 3, 1, 14, 5)


def test_an_impossible_date_typed_whole_is_not_taken(form, qtbot):
    box = _add(form, DateEdit(date(2026, 12, 5)))
    click_at_end(qtbot, box)
    qtbot.keyClicks(box, "2024-02-30")
    assert box.value().month != 3  # never rolled over into March


def test_every_date_box_shows_a_four_digit_year(form):
    box = _add(form, DateEdit(QDate(2026, 12, 5)))
    assert box.displayFormat() == "yyyy-MM-dd"
    assert _add(form, DateTimeEdit(datetime(2026, 12, 5, 9, 0))).text() == "2026-12-05 09:00"
    optional = _add(form, DateEdit(optional=True))
    assert optional.value() is None and optional.text().strip() == ""

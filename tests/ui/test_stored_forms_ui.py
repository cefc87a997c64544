"""What a form shows of a stored record is saved again unchanged: opened and saved with the
keyboard, a contact with an extension, the company's phone and fax with extensions and the rebate
tiers' rates come back exactly as they were."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.domain.rebates import RebateTier
from app.domain.records import ClientDraft
from app.services import clients, rebates, settings
from app.services.settings import CompanySettings
from app.ui.clients.contact_dialog import ContactDialog
from app.ui.context import UiContext, UiEvents
from app.ui.rebates.tiers_dialog import TiersDialog
from app.ui.settings.dialog import SettingsDialog
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


def test_a_contact_with_an_extension_is_saved_again_as_it_is_shown(ctx, qtbot):
    client = clients.create_client(ctx.archive, ClientDraft(name="北京华信科技有限公司"))
    dialog = ContactDialog(ctx, client.id)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("张伟")
    qtbot.keyClicks(dialog.phone_edit, "010 62345679 ext 8021")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [contact] = clients.get_client(ctx.archive, client.id).contacts
    assert contact.phone == "010-62345679-8021"

    again = ContactDialog(ctx, client.id, contact.id)
    qtbot.addWidget(again)
    assert again.phone_edit.text() == "010-62345679-8021"
    type_text(again.title_edit, "采购经理")  # an unrelated change, then 保存
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    assert again.result() == ContactDialog.DialogCode.Accepted, again.field_error("phone")
    [saved] = clients.get_client(ctx.archive, client.id).contacts
    assert (saved.phone, saved.title) == ("010-62345679-8021", "采购经理")


def test_company_phone_and_fax_with_extensions_are_saved_again_from_the_settings(ctx, qtbot):
    settings.save_company(
        ctx.archive, CompanySettings(name="华信", phone="010-62581234转801", fax="010-62581235转9")
    )
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.company_fields["fax"].text() == "010-62581235-9"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    stored = settings.company(ctx.archive)
    assert (stored.phone, stored.fax) == ("010-62581234-801", "010-62581235-9")


def test_rebate_rates_are_shown_as_percentages_and_saved_again_unchanged(ctx, qtbot):
    tiers = (
        RebateTier(D("0"), True, D("0.05")),
        RebateTier(D("200000"), False, D("0.075")),
        RebateTier(D("1000000"), True, D("0.1025")),
    )
    rebates.save_tiers(ctx.archive, tiers)
    dialog = TiersDialog(ctx)
    qtbot.addWidget(dialog)
    assert [dialog.table.item(r, 2).text() for r in range(3)] == ["5%", "7.5%", "10.25%"]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == TiersDialog.DialogCode.Accepted, dialog.error.text()
    assert rebates.tiers(ctx.archive) == tiers

"""The settings dialog: company settings, visit intervals and preferences, round trip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.domain.enums import Tier
from app.services import settings
from app.ui import user_settings
from app.ui.context import UiContext, UiEvents
from app.ui.settings.dialog import SettingsDialog
from app.ui.tasks import SynchronousTaskRunner

VALID_USCC = "91110108MA01KPGY4C"


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def test_defaults_are_shown(ctx, qtbot):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert [dialog.interval_boxes[t].value() for t in Tier] == [7, 14, 30, 90]
    assert dialog.language.currentText() == "简体中文"
    assert dialog.document_font.text() == ""
    assert dialog.tabs.tabText(0) == "Company"


def test_round_trip(ctx, qtbot, tmp_path):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.company_fields["name"], "北京恒信商贸有限公司")
    type_text(dialog.company_fields["uscc"], VALID_USCC.lower())
    type_text(dialog.company_fields["address"], "北京市海淀区中关村大街1号")
    type_text(dialog.company_fields["legal_representative"], "刘强")
    type_text(dialog.company_fields["phone"], "010-62345678")
    type_text(dialog.company_fields["bank"], "中国工商银行北京中关村支行")
    type_text(dialog.company_fields["bank_account"], "0200 0045 0920 1234 567")
    dialog.interval_boxes[Tier.A].setValue(5)
    dialog.interval_boxes[Tier.D].setValue(900)
    dialog.language.setCurrentIndex(dialog.language.findText("English"))
    font = tmp_path / "simsun.ttc"
    font.write_bytes(b"font")
    dialog.document_font.setText(str(font))
    changes = []
    ctx.events.changed.connect(changes.append)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.errors.message("uscc") == ""
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert changes == ["settings"]
    company = settings.company(ctx.archive)
    assert company.name == "北京恒信商贸有限公司"
    assert company.uscc == VALID_USCC
    assert company.legal_representative == "刘强"
    assert settings.visit_intervals(ctx.archive).days[Tier.A] == 5
    assert settings.visit_intervals(ctx.archive).days[Tier.D] == 900
    # this user's, on this machine (QSettings), not written into the archive
    assert user_settings.language() == "en"
    assert user_settings.document_font() == str(font)
    assert settings.stored_preferences(ctx.archive) == settings.Preferences("", "")
    assert settings.preferences(ctx.archive).document_font == str(font)  # documents use it

    again = SettingsDialog(ctx)
    qtbot.addWidget(again)
    assert again.company_fields["uscc"].text() == VALID_USCC
    assert again.interval_boxes[Tier.A].value() == 5
    assert again.language.currentText() == "English"
    again.restore_default_intervals()
    assert again.interval_boxes[Tier.A].value() == 7


def test_wrong_uscc_is_shown_on_its_field_and_nothing_is_saved(ctx, qtbot):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(2)
    type_text(dialog.company_fields["name"], "恒信")
    type_text(dialog.company_fields["uscc"], "91110108MA01KPGY4X")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert dialog.tabs.currentIndex() == 0
    assert "校验位错误" in dialog.errors.message("uscc")
    assert dialog.company_fields["name"].text() == "恒信"
    assert settings.company(ctx.archive).name == ""


def test_missing_font_file_is_refused(ctx, qtbot, tmp_path):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.document_font.setText(str(tmp_path / "nope.ttf"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.message("document_font") == "This font file does not exist."
    assert dialog.tabs.currentIndex() == 2
    assert settings.preferences(ctx.archive).document_font == ""


def test_language_and_font_an_older_version_kept_in_the_archive_are_adopted_once(
    archive, qtbot, tmp_path
):
    from app.ui import application

    font = tmp_path / "simfang.ttf"
    font.write_bytes(b"font")
    settings.save_preferences(archive, settings.Preferences("en", str(font)))
    assert user_settings.language() is None
    assert application.choose_language(archive) == "en"
    window = application.build_window(archive, SynchronousTaskRunner(), "en")
    qtbot.addWidget(window)
    assert user_settings.document_font() == str(font)
    assert archive.document_font == str(font)
    # from now on the user's own choice counts, whatever another archive carries
    user_settings.set_language("zh_CN")
    user_settings.set_document_font("")
    user_settings.apply_to_archive(archive)
    assert application.choose_language(archive) == "zh_CN"
    assert settings.preferences(archive).document_font == ""

"""设置 → 补充字体: the font for rare characters (𠮷), chosen with the file dialog, kept for this
user and handed to the archive's prints; a file that is missing or not TrueType is marked on the
field. After a print with characters no font has, the preview says which, once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from rare_font import NAME, write_rare_font

from app.domain.blocks import Para
from app.exports.document_pdf import render_document
from app.services import settings
from app.ui import user_settings
from app.ui.context import UiContext, UiEvents
from app.ui.pdf_preview import PdfPreviewDialog
from app.ui.settings.dialog import SettingsDialog
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def _dialog(ctx, qtbot) -> SettingsDialog:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    return dialog


def test_the_chosen_rare_font_is_kept_and_prints(ctx, qtbot, tmp_path, monkeypatch):
    font = write_rare_font(tmp_path / "HanaMinB.ttf", monkeypatch)
    dialog = _dialog(ctx, qtbot)
    assert dialog.rare_font.text() == "" and dialog.rare_font.placeholderText()
    monkeypatch.setattr(user_settings, "open_file", lambda *_args: str(font))
    browse = next(
        b
        for b in dialog.findChildren(type(dialog.save_button))
        if b.accessibleName() == dialog.tr("Choose the rare characters font")
    )
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    assert dialog.rare_font.text() == str(font)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert user_settings.rare_font() == str(font)  # this user's, on this machine
    assert ctx.archive.rare_font == str(font)
    assert settings.stored_preferences(ctx.archive).rare_font == ""  # not in the archive
    assert settings.print_font(ctx.archive) is None  # the body as before; the rare font chosen
    out = tmp_path / "doc.pdf"
    render_document([Para("委托人：张𠮷。")], out, title="委托书")
    assert NAME.encode() in out.read_bytes()
    assert _dialog(ctx, qtbot).rare_font.text() == str(font)  # shown again


@pytest.mark.parametrize("kind", ["missing", "not_truetype"])
def test_a_bad_rare_font_is_marked_on_its_field(ctx, qtbot, tmp_path, kind):
    path = tmp_path / "font.otf"
    if kind == "not_truetype":
        path.write_bytes(b"OTTO" + bytes(64))
    dialog = _dialog(ctx, qtbot)
    dialog.rare_font.setText(str(path))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    expected = {
        "missing": "This font file does not exist.",
        "not_truetype": "This is not a TrueType font (.ttf or .ttc).",
    }[kind]
    assert dialog.errors.message("rare_font") == expected
    assert dialog.tabs.currentIndex() == 2
    assert user_settings.rare_font() == ""


def test_the_preview_says_once_which_characters_print_as_boxes(qtbot, tmp_path):
    out = tmp_path / "doc.pdf"
    render_document([Para("委托人：张𠮷。")], out, title="委托书")  # no font has 𠮷 here
    shown = PdfPreviewDialog(out)
    qtbot.addWidget(shown)
    assert not shown.boxed_note.isHidden()
    assert "𠮷" in shown.boxed_note.text() and "1" in shown.boxed_note.text()
    again = PdfPreviewDialog(out)
    qtbot.addWidget(again)
    assert again.boxed_note.isHidden()  # said once


def test_a_rare_font_set_on_the_command_line_is_taken_by_the_window_once(
    archive, qtbot, tmp_path, monkeypatch
):
    from app.ui import application

    font = write_rare_font(tmp_path / "rare.ttf", monkeypatch)
    settings.save_fonts(archive, None, str(font))  # sales-compass font --rare FILE
    window = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(window)
    assert user_settings.rare_font() == str(font)
    assert archive.rare_font == str(font)
    user_settings.set_rare_font("")  # from now on this user's own choice counts
    user_settings.adopt_archive_preferences(archive)
    assert user_settings.rare_font() == ""

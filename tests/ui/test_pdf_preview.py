"""The PDF preview dialog: loads the file, counts pages, navigates, zooms, saves a copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.ui.pdf_preview import PdfPreviewDialog


def make_pdf(path: Path, pages: int) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(pages):
        pdf.drawString(72, 720, f"Page {number + 1}")
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture
def dialog(qtbot, tmp_path):
    shown = PdfPreviewDialog(make_pdf(tmp_path / "three.pdf", 3), save_suggestion="标书.pdf")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_opens_every_page_in_continuous_mode(dialog):
    assert dialog.document.pageCount() == 3
    assert dialog.view.pageMode() == QPdfView.PageMode.MultiPage
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert dialog.page_label.text() == "Page 1 of 3"
    assert not dialog.prev_button.isEnabled()
    assert dialog.next_button.isEnabled()


def test_navigates_pages(dialog, qtbot):
    dialog.next_button.click()
    assert dialog.current_page() == 1
    assert dialog.page_label.text() == "Page 2 of 3"
    dialog.go_to_page(10)
    assert dialog.current_page() == 2
    assert not dialog.next_button.isEnabled()
    dialog.page_spin.setValue(1)
    dialog.page_spin.editingFinished.emit()
    assert dialog.current_page() == 0


def test_zoom_in_out_and_back_to_fit(dialog):
    dialog.zoom_in_button.click()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom
    bigger = dialog.view.zoomFactor()
    dialog.zoom_out_button.click()
    assert dialog.view.zoomFactor() == pytest.approx(bigger / 1.25)
    assert dialog.zoom_label.text().endswith("%")
    dialog.fit_button.click()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth


def test_save_copies_the_file(dialog, tmp_path, monkeypatch):
    target = tmp_path / "out" / "副本"
    target.parent.mkdir()
    monkeypatch.setattr(
        "app.ui.pdf_preview.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    dialog.save_button.click()
    saved = target.with_name("副本.pdf")
    assert dialog.saved_to == saved
    assert saved.read_bytes() == dialog.pdf_path.read_bytes()


def test_save_cancelled_writes_nothing(dialog, tmp_path, monkeypatch):
    monkeypatch.setattr("app.ui.pdf_preview.QFileDialog.getSaveFileName", lambda *a, **k: ("", ""))
    dialog.save_button.click()
    assert dialog.saved_to is None


def test_unreadable_file_is_reported(qtbot, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    shown = PdfPreviewDialog(broken)
    qtbot.addWidget(shown)
    assert shown.page_count() == 0
    assert "Cannot open" in shown.page_label.text()
    assert not shown.save_button.isEnabled()


def test_enter_in_the_page_box_jumps_without_pressing_a_button(dialog, qtbot):
    dialog.page_spin.setFocus()
    dialog.page_spin.lineEdit().selectAll()
    qtbot.keyClicks(dialog.page_spin, "3")
    qtbot.keyClick(dialog.page_spin, Qt.Key.Key_Return)
    assert dialog.current_page() == 2
    assert dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_keyboard_zoom(dialog, qtbot):
    qtbot.keyClick(dialog, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom
    qtbot.keyClick(dialog, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth

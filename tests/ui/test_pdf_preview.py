"""The PDF preview dialog: loads the file, counts pages, navigates, zooms, saves a copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QPushButton
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
        "app.ui.user_settings.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    dialog.save_button.click()
    saved = target.with_name("副本.pdf")
    assert dialog.saved_to == saved
    assert saved.read_bytes() == dialog.pdf_path.read_bytes()


def test_save_cancelled_writes_nothing(dialog, tmp_path, monkeypatch):
    monkeypatch.setattr(
        "app.ui.user_settings.QFileDialog.getSaveFileName", lambda *a, **k: ("", "")
    )
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


def test_ctrl_s_saves_a_copy_and_ctrl_w_closes(dialog, qtbot, tmp_path, monkeypatch):
    """The preview is a dialog like the others (FormDialog): each key once, no ambiguity."""
    target = tmp_path / "副本.pdf"
    monkeypatch.setattr(
        "app.ui.user_settings.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved_to == target and target.exists()
    assert not any(button.autoDefault() for button in dialog.findChildren(QPushButton))
    qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()


def test_keyboard_zoom(dialog, qtbot):
    qtbot.keyClick(dialog, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom
    qtbot.keyClick(dialog, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth


# -- printing ----------------------------------------------------------------------------------


def make_mixed_pdf(path: Path) -> Path:
    """Three pages: portrait, landscape (like the letters register), portrait; big black
    marks, so what reaches the printer can be compared with the original."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number, size in enumerate((A4, (A4[1], A4[0]), A4), start=1):
        pdf.setPageSize(size)
        pdf.setFont("Helvetica-Bold", 48)
        pdf.drawString(72, size[1] - 144, f"PAGE {number}")
        pdf.rect(72, 72, 144 * number, 72, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def to_pdf_file(
    out: Path,
    *,
    resolution: int = 72,
    ranges: tuple[int, int] | None = None,
    copies: int = 1,
    current: bool = False,
):
    """Stands for the user in the system's print dialog: chooses a PDF file as the printer
    (QPrinter's own PDF output), a page range, copies; returns what the dialog was asked."""
    from PySide6.QtPrintSupport import QPrinter

    seen = {}

    def accept(print_dialog):
        printer = print_dialog.printer()
        seen["title"] = print_dialog.windowTitle()
        seen["range"] = (print_dialog.minPage(), print_dialog.maxPage())
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(resolution)
        if ranges is not None:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(*ranges)
        if current:
            printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
        printer.setCopyCount(copies)
        printer.setCollateCopies(True)
        return print_dialog.DialogCode.Accepted

    return seen, accept


def rendered(path: Path, page: int, width: int = 200):
    """A page of a PDF as a small grey image (QtPdf), for comparing two files."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(path))
    points = document.pagePointSize(page)
    size = QSize(width, round(width * points.height() / points.width()))
    page_image = document.render(page, size)
    document.close()
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)  # QtPdf leaves the paper transparent
    painter = QPainter(image)
    painter.drawImage(0, 0, page_image)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def darkness(image) -> list[int]:
    """How dark each of a 10×10 grid of cells is (0..255), to compare images roughly."""
    cells = []
    step_x, step_y = image.width() // 10, image.height() // 10
    for cy in range(10):
        for cx in range(10):
            total = sum(
                255 - image.pixelColor(x, y).value()
                for y in range(cy * step_y, (cy + 1) * step_y, 3)
                for x in range(cx * step_x, (cx + 1) * step_x, 3)
            )
            cells.append(total // max(1, (step_x // 3 + 1) * (step_y // 3 + 1)))
    return cells


@pytest.fixture
def mixed(qtbot, tmp_path):
    shown = PdfPreviewDialog(
        make_mixed_pdf(tmp_path / "mixed.pdf"), save_suggestion="收文登记簿.pdf"
    )
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_print_sends_every_page_in_its_own_orientation(mixed, tmp_path, monkeypatch):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrintDialog

    out = tmp_path / "printed.pdf"
    seen, accept = to_pdf_file(out)
    monkeypatch.setattr(QPrintDialog, "exec", accept)
    assert mixed.print_button.text() == "Print…"
    assert "Ctrl+P" in mixed.print_button.toolTip()
    mixed.print_button.click()

    assert seen == {"title": "Print 收文登记簿.pdf", "range": (1, 3)}
    printed = PdfReader(out)
    assert len(printed.pages) == 3
    sizes = [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in printed.pages
    ]
    assert sizes == [(595, 842), (842, 595), (595, 842)]
    assert printed.metadata.title == "收文登记簿"
    for page in range(3):  # what reached the printer looks like the document, page by page
        original, copy = darkness(rendered(mixed.pdf_path, page)), darkness(rendered(out, page))
        assert sum(abs(a - b) for a, b in zip(original, copy, strict=True)) / 100 < 6
        assert max(copy) > 100  # not a blank page
    assert darkness(rendered(out, 0)) != darkness(rendered(out, 2))  # its own page, not page 1


def test_print_a_page_range_in_copies(mixed, tmp_path, monkeypatch):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrintDialog

    out = tmp_path / "range.pdf"
    _seen, accept = to_pdf_file(out, ranges=(2, 3), copies=2)
    monkeypatch.setattr(QPrintDialog, "exec", accept)
    assert mixed.print_document()
    printed = PdfReader(out)
    widths = [round(float(p.mediabox.width)) for p in printed.pages]
    assert widths == [842, 595, 842, 595]  # pages 2-3, collated, twice


def test_print_the_current_page(mixed, tmp_path, monkeypatch):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrintDialog

    out = tmp_path / "current.pdf"
    _seen, accept = to_pdf_file(out, current=True)
    monkeypatch.setattr(QPrintDialog, "exec", accept)
    mixed.go_to_page(1)
    assert mixed.print_document()
    assert [round(float(p.mediabox.width)) for p in PdfReader(out).pages] == [842]


def test_print_cancelled_prints_nothing(mixed, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Rejected)
    assert not mixed.print_document()


def test_ctrl_p_in_the_preview_opens_the_print_dialog(mixed, qtbot, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    out = tmp_path / "keys.pdf"
    seen, accept = to_pdf_file(out)
    monkeypatch.setattr(QPrintDialog, "exec", accept)
    qtbot.keyClick(mixed, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert seen and out.exists()


def test_open_with_the_system_viewer_hands_over_a_private_copy(mixed, monkeypatch):
    from app import private_temp

    opened = []
    monkeypatch.setattr(
        "app.ui.pdf_preview.QDesktopServices.openUrl", lambda url: opened.append(url) or True
    )
    assert mixed.open_button.text() == "Open with system viewer"
    mixed.open_button.click()
    copy = Path(opened[0].toLocalFile())
    assert copy.name == "收文登记簿.pdf"
    assert copy.read_bytes() == mixed.pdf_path.read_bytes()
    assert private_temp.root() in copy.parents


def test_open_without_a_pdf_program_says_so(mixed, monkeypatch):
    warned = []
    monkeypatch.setattr("app.ui.pdf_preview.QDesktopServices.openUrl", lambda url: False)
    monkeypatch.setattr(
        "app.ui.pdf_preview.QMessageBox.warning", lambda *args: warned.append(args[2])
    )
    assert mixed.open_externally() is None
    assert warned and "Save as" in warned[0]


def test_a_preview_opened_by_ctrl_p_goes_straight_to_the_print_dialog(qtbot, tmp_path, monkeypatch):
    """Ctrl+P on a screen presses its marked print button; the preview that button opens (as a
    child of the screen's window) shows the print dialog at once."""
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

    from app.ui.kit import keys

    source = make_mixed_pdf(tmp_path / "doc.pdf")
    window = QWidget()
    qtbot.addWidget(window)
    button = keys.mark(QPushButton("Print…", window), keys.PRINT)
    QVBoxLayout(window).addWidget(button)
    previews = []
    button.clicked.connect(
        lambda: previews.append(PdfPreviewDialog(source, window)) or previews[-1].open()
    )
    out = tmp_path / "straight.pdf"
    seen, accept = to_pdf_file(out)
    monkeypatch.setattr(QPrintDialog, "exec", accept)
    window.show()
    qtbot.waitExposed(window)

    assert button.toolTip() == "Print (Ctrl+P)"
    assert keys.print_here(window)
    qtbot.waitUntil(lambda: out.exists())
    assert seen["range"] == (1, 3)
    previews[-1].close()
    button.click()  # the button itself: a preview only
    qtbot.wait(50)
    assert len(previews) == 2 and previews[-1].isVisible()
    assert not (tmp_path / "again.pdf").exists()

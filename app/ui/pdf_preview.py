"""The in-app PDF preview: every printable document (tender packet, minutes, letters, the monthly
report) is shown here before it is saved or printed, so nobody has to leave the app.

打印… prints on the system's printers (QPrintDialog: printer, page range, copies, duplex where the
driver offers it): each page is rendered by QtPdf at the printer's resolution, in bands, into the
printer's painter, in its own orientation (the letters register is landscape). 用系统程序打开 hands a
copy in this user's private temp folder to the system's PDF viewer. A preview opened by Ctrl+P
(app.ui.kit.keys) shows the print dialog at once. Like every dialog (app.ui.kit.forms.FormDialog) it
fits the screen, names its sign-only buttons for screen readers, and Enter presses no button; its
keys: Ctrl+P prints, Ctrl+S saves a copy, Ctrl+W or Esc closes, Ctrl+= / Ctrl+- / Ctrl+0 zoom."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QPageLayout, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import private_temp
from app.domain.missing_glyphs import SHOWN
from app.services.printed_boxes import boxed_characters
from app.ui import user_settings
from app.ui.kit import boxes, keys
from app.ui.kit.forms import FormDialog
from app.ui.widgets import show_error

ZOOM_STEP = 1.25
ZOOM_MIN = 0.25
ZOOM_MAX = 5.0
MAX_PRINT_DPI = 600  # a 1200 dpi driver gets 600 dpi pages: sharp text, sane spool files
BAND_PIXELS = 1024  # pages are rendered in bands this high, so a page never needs 140 MB at once


class PdfPreviewDialog(FormDialog):
    """Shows one PDF file: continuous pages, fit-width or manual zoom, page navigation, 另存为…"""

    def __init__(self, pdf_path: Path, parent: QWidget | None = None, save_suggestion: str = ""):
        super().__init__(parent)
        self.pdf_path = Path(pdf_path)
        self.save_suggestion = save_suggestion or self.pdf_path.name
        self.saved_to: Path | None = None
        self.setWindowTitle(self.tr("Preview - %1").replace("%1", self.save_suggestion))
        self.resize(900, 1000)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setDocument(self.document)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_toolbar())
        self.boxed_note = self._boxed_note()
        layout.addWidget(self.boxed_note)
        layout.addWidget(self.view, 1)
        layout.addLayout(self._build_buttons())

        self.view.pageNavigator().currentPageChanged.connect(self._on_page_changed)
        self._add_shortcuts()
        self._load()
        self.set_form_buttons(None, guard=False)  # a file to look at: Enter presses no button

    # --- building -------------------------------------------------------------------------

    def _boxed_note(self) -> QLabel:
        """Said once, over the pages: the characters no font had (printed as boxes, to be
        written in by hand) and where to choose a font that has them; hidden when none."""
        chars, failed = boxed_characters()
        lines = []
        if failed:
            lines.append(
                self.tr(
                    "The rare characters font %1 cannot be used (missing or not a TrueType font)."
                ).replace("%1", failed)
            )
        if chars:
            shown = chars[:SHOWN] + ("…" if len(chars) > SHOWN else "")
            lines.append(
                self.tr(
                    "%1 characters have no glyph in any font and print as boxes: %2. Choose a "
                    "font file that has them in Settings → Rare characters font."
                )
                .replace("%1", str(len(chars)))
                .replace("%2", shown)
            )
        note = QLabel("\n".join(lines), wordWrap=True)
        note.setStyleSheet("color: #8a5a00;")
        note.setVisible(bool(lines))
        return note

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.prev_button = QPushButton(self.tr("Previous page"))
        self.next_button = QPushButton(self.tr("Next page"))
        self.page_spin = QSpinBox(minimum=1, accessibleName=self.tr("Page"))
        self.page_label = QLabel()
        self.fit_button = QPushButton(self.tr("Fit width"))
        self.zoom_out_button = QPushButton(self.tr("-"), toolTip=self.tr("Zoom out"))
        self.zoom_in_button = QPushButton(self.tr("+"), toolTip=self.tr("Zoom in"))
        self.zoom_label = QLabel()
        keys.hint(self.zoom_out_button, QKeySequence.StandardKey.ZoomOut)
        keys.hint(self.zoom_in_button, QKeySequence.StandardKey.ZoomIn)
        keys.hint(self.fit_button, QKeySequence("Ctrl+0"))
        self.prev_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.page_spin.editingFinished.connect(lambda: self.go_to_page(self.page_spin.value() - 1))
        self.fit_button.clicked.connect(self.fit_width)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        for widget in (self.prev_button, self.next_button, self.page_spin, self.page_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.fit_button, self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            bar.addWidget(widget)
        return bar

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Print…"), clicked=self.print_document)
        self.open_button = QPushButton(self.tr("Open with system viewer"))
        self.save_button = QPushButton(self.tr("Save as..."), clicked=self.save_as)
        self.close_button = QPushButton(self.tr("Close"), clicked=self.accept)
        self.open_button.clicked.connect(self.open_externally)
        keys.mark(self.print_button, keys.PRINT)
        keys.hint(self.save_button, QKeySequence.StandardKey.Save)
        keys.hint(self.close_button, keys.key(keys.CLOSE))
        self.open_button.setToolTip(
            self.tr("Opens the PDF in the program this computer uses for PDF files")
        )
        boxes.fill(
            row, self.open_button, ..., self.print_button, self.save_button, self.close_button
        )
        return row

    def _add_shortcuts(self) -> None:
        """The preview's own keys (Ctrl+P, Ctrl+S and Ctrl+W are every dialog's)."""
        bindings = (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence("Ctrl+0"), self.fit_width),
            (QKeySequence("Ctrl+PgDown"), lambda: self.go_to_page(self.current_page() + 1)),
            (QKeySequence("Ctrl+PgUp"), lambda: self.go_to_page(self.current_page() - 1)),
        )
        for sequence, slot in bindings:
            QShortcut(sequence, self).activated.connect(slot)

    def _load(self) -> None:
        error = self.document.load(str(self.pdf_path))
        if error != QPdfDocument.Error.None_:
            self.page_label.setText(
                self.tr("Cannot open the file: %1").replace("%1", str(self.pdf_path))
            )
            for button in (self.save_button, self.print_button, self.open_button):
                button.setEnabled(False)
        self.page_spin.setMaximum(max(1, self.page_count()))
        self._refresh()

    # --- navigation and zoom --------------------------------------------------------------

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        if self.page_count() == 0:
            return
        page = max(0, min(page, self.page_count() - 1))
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
        self._refresh()

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._refresh()

    def zoom_in(self) -> None:
        self._set_zoom(self._effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self._effective_zoom() / ZOOM_STEP)

    def _effective_zoom(self) -> float:
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.page_count() == 0:
            return self.view.zoomFactor()
        # In fit-width mode the factor the view uses is not exposed; derive it from the page width.
        points = self.document.pagePointSize(self.current_page()).width()
        dpi = self.logicalDpiX() / 72.0
        available = self.view.viewport().width() - 2 * self.view.documentMargins().left()
        return available / max(1.0, points * dpi)

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_MIN, min(ZOOM_MAX, factor)))
        self._refresh()

    def _on_page_changed(self, _page: int) -> None:
        self._refresh()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._refresh()  # fit-width zoom follows the window's width (the % shown too)

    def _refresh(self) -> None:
        count = self.page_count()
        current = self.current_page() + 1 if count else 0
        if count:
            self.page_label.setText(
                self.tr("Page %1 of %2").replace("%1", str(current)).replace("%2", str(count))
            )
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(max(1, current))
        self.page_spin.blockSignals(False)
        self.prev_button.setEnabled(current > 1)
        self.next_button.setEnabled(0 < current < count)
        self.zoom_label.setText(f"{self._effective_zoom() * 100:.0f}%")

    # --- printing -------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # fitted to the screen, sign-only buttons named
        if not event.spontaneous() and keys.take_print_request(self) and self.page_count():
            QTimer.singleShot(0, self.print_document)  # Ctrl+P: straight to the print dialog

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(Path(self.save_suggestion).stem)
        printer.setFullPage(True)  # the document has its own margins: print it at its size
        printer.setFromTo(1, max(1, self.page_count()))
        return printer

    def print_dialog(self, printer: QPrinter) -> QPrintDialog:
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print %1").replace("%1", self.save_suggestion))
        dialog.setMinMax(1, max(1, self.page_count()))
        option = QAbstractPrintDialog.PrintDialogOption
        for wanted in (
            option.PrintPageRange,
            option.PrintCurrentPage,
            option.PrintCollateCopies,
            option.PrintToFile,
            option.PrintShowPageSize,
        ):
            dialog.setOption(wanted, True)
        dialog.setOption(option.PrintSelection, False)
        return dialog

    def print_document(self) -> bool:
        """打印…: the system's print dialog, then the chosen pages on the chosen printer."""
        if self.page_count() == 0:
            return False
        printer = self.make_printer()
        dialog = self.print_dialog(printer)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer) > 0

    def pages_to_print(self, printer: QPrinter) -> list[int]:
        """0-based page numbers in printing order, as the print dialog chose them."""
        count = self.page_count()
        pages = list(range(count))
        ranges = QPrinter.PrintRange
        if printer.printRange() == ranges.CurrentPage:
            pages = [self.current_page()]
        elif printer.printRange() == ranges.PageRange:
            chosen = printer.pageRanges()
            if not chosen.isEmpty():
                pages = [p for p in pages if chosen.contains(p + 1)]
            elif printer.fromPage() > 0:
                last = printer.toPage() or count
                pages = [p for p in pages if printer.fromPage() <= p + 1 <= last]
        if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
            pages.reverse()
        return pages

    def print_to(self, printer: QPrinter) -> int:
        """Prints onto `printer` (set up already); returns the number of sheets sent, 0 when
        the printer refused to start (said to the user)."""
        pages = self.pages_to_print(printer)
        if not pages:
            return 0
        copies = 1
        if not printer.supportsMultipleCopies():  # the driver does not repeat the job itself
            copies = max(1, printer.copyCount())
        if printer.collateCopies():
            order = [p for _ in range(copies) for p in pages]
        else:
            order = [p for p in pages for _ in range(copies)]
        self._orient(printer, order[0])
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(
                self, self.tr("Print"), self.tr("The printer could not start printing.")
            )
            return 0
        try:
            for index, page in enumerate(order):
                if index:
                    self._orient(printer, page)
                    printer.newPage()
                self._paint_page(painter, printer, page)
        finally:
            painter.end()
        return len(order)

    def _orient(self, printer: QPrinter, page: int) -> None:
        size = self.document.pagePointSize(page)
        landscape = size.width() > size.height()
        orientation = QPageLayout.Orientation
        printer.setPageOrientation(orientation.Landscape if landscape else orientation.Portrait)

    def _paint_page(self, painter: QPainter, printer: QPrinter, page: int) -> None:
        """The page scaled to the paper (1:1 when the sizes agree), centred, rendered at the
        printer's resolution band by band."""
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        points = self.document.pagePointSize(page)
        full = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        paper = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        scale = min(paper.width() / full.width(), paper.height() / full.height())
        left = paper.left() + (paper.width() - full.width() * scale) / 2
        top = paper.top() + (paper.height() - full.height() * scale) / 2
        for band in bands(full):
            options = QPdfDocumentRenderOptions()
            options.setScaledSize(full)
            options.setScaledClipRect(band)
            image = self.document.render(page, band.size(), options)
            target = QRectF(
                left + band.x() * scale,
                top + band.y() * scale,
                band.width() * scale,
                band.height() * scale,
            )
            painter.drawImage(target, image)

    # --- the system's viewer --------------------------------------------------------------

    def open_externally(self) -> Path | None:
        """用系统程序打开: a copy named as the document, in this user's private temp folder
        (emptied on exit), opened by the system's PDF program."""
        folder = Path(tempfile.mkdtemp(prefix="open-", dir=private_temp.session_folder("open")))
        name = Path(self.save_suggestion).name
        copy = folder / (name if name.lower().endswith(".pdf") else name + ".pdf")
        try:
            shutil.copyfile(self.pdf_path, copy)
        except OSError as exc:
            show_error(self, exc)
            return None
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy))):
            QMessageBox.warning(
                self,
                self.tr("Open with system viewer"),
                self.tr("No program on this computer opens PDF files. Use Save as… instead."),
            )
            return None
        return copy

    # --- saving ---------------------------------------------------------------------------

    def save_by_key(self) -> None:
        """Ctrl+S: 另存为…"""
        self.save_as()

    def save_as(self) -> None:
        target = user_settings.save_file(
            self, "pdf", self.tr("Save PDF as"), self.save_suggestion, self.tr("PDF files (*.pdf)")
        )
        if target:
            self.save_to(Path(target))

    def save_to(self, target: Path) -> bool:
        """Copies the previewed file to target; tells the user and returns False if that fails."""
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            if target.resolve() != self.pdf_path.resolve():
                shutil.copyfile(self.pdf_path, target)
        except OSError as exc:
            show_error(self, exc)
            return False
        self.saved_to = target
        return True

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.document.close()
        super().closeEvent(event)


def bands(size: QSize, height: int = BAND_PIXELS) -> Iterable[QRect]:
    """Horizontal strips covering a page of `size` pixels, top to bottom."""
    for top in range(0, size.height(), height):
        yield QRect(0, top, size.width(), min(height, size.height() - top))

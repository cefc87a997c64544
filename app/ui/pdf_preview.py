"""The in-app PDF preview: every printable document (tender packet, minutes, letters, the monthly
report) is shown here before it is saved or printed, so nobody has to leave the app."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ui.widgets import show_error

ZOOM_STEP = 1.25
ZOOM_MIN = 0.25
ZOOM_MAX = 5.0


class PdfPreviewDialog(QDialog):
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
        layout.addWidget(self.view, 1)
        layout.addLayout(self._build_buttons())

        self.view.pageNavigator().currentPageChanged.connect(self._on_page_changed)
        self._add_shortcuts()
        self._load()

    # --- building -------------------------------------------------------------------------

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.prev_button = QPushButton(self.tr("Previous page"))
        self.next_button = QPushButton(self.tr("Next page"))
        self.page_spin = QSpinBox()
        self.page_spin.setMinimum(1)
        self.page_label = QLabel()
        self.fit_button = QPushButton(self.tr("Fit width"))
        self.zoom_out_button = QPushButton(self.tr("-"))
        self.zoom_in_button = QPushButton(self.tr("+"))
        self.zoom_label = QLabel()
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
        self.save_button = QPushButton(self.tr("Save as..."))
        self.close_button = QPushButton(self.tr("Close"))
        self.save_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.accept)
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.close_button)
        # Enter in the page box jumps to the page; it must not press a button. Esc closes.
        for button in (
            self.prev_button,
            self.next_button,
            self.fit_button,
            self.zoom_in_button,
            self.zoom_out_button,
            self.save_button,
            self.close_button,
        ):
            button.setAutoDefault(False)
        return row

    def _add_shortcuts(self) -> None:
        keys = (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence.StandardKey.Save, self.save_as),
            (QKeySequence("Ctrl+0"), self.fit_width),
            (QKeySequence("Ctrl+PgDown"), lambda: self.go_to_page(self.current_page() + 1)),
            (QKeySequence("Ctrl+PgUp"), lambda: self.go_to_page(self.current_page() - 1)),
        )
        for key, slot in keys:
            QShortcut(key, self).activated.connect(slot)

    def _load(self) -> None:
        error = self.document.load(str(self.pdf_path))
        if error != QPdfDocument.Error.None_:
            self.page_label.setText(
                self.tr("Cannot open the file: %1").replace("%1", str(self.pdf_path))
            )
            self.save_button.setEnabled(False)
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

    # --- saving ---------------------------------------------------------------------------

    def save_as(self) -> None:
        start = str(Path.home() / self.save_suggestion)
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save PDF as"), start, self.tr("PDF files (*.pdf)")
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

"""`LoadingBar`: what a long list shows at the bottom of its grid while the next window of
rows is read in the background (KeysetModel.fetching): "Loading more rows…" across the width,
after a short delay, so a window that comes at once (a few milliseconds through an index)
never flickers."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

SHOW_AFTER_MS = 150  # a window read faster than this shows nothing
PADDING = 6


class LoadingBar(QLabel):
    """A bar over the bottom of a list's viewport, shown while `set_loading(True)` lasts
    longer than SHOW_AFTER_MS."""

    def __init__(self, viewport: QWidget):
        super().__init__(viewport)
        self.setText(QCoreApplication.translate("LoadingBar", "Loading more rows…"))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "QLabel { background: palette(alternate-base); color: palette(placeholder-text);"
            " border-top: 1px solid palette(mid); font-style: italic; }"
        )
        self._delay = QTimer(self, singleShot=True, interval=SHOW_AFTER_MS)
        self._delay.timeout.connect(self._appear)
        self.hide()

    def set_loading(self, loading: bool) -> None:
        if loading:
            if not self.isVisibleTo(self.parentWidget()) and not self._delay.isActive():
                self._delay.start()
            return
        self._delay.stop()
        self.hide()

    def place(self) -> None:
        """Across the bottom of the viewport (called when the viewport is resized)."""
        area = self.parentWidget().rect()
        height = self.fontMetrics().height() + 2 * PADDING
        self.setGeometry(0, area.height() - height, area.width(), height)

    def _appear(self) -> None:
        self.place()
        self.show()
        self.raise_()

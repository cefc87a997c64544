"""A list above the chosen record's panel, the list given the room.

`ListOverPanel(list_view, panel, "rebates")`: a vertical splitter whose list shows at least
`rows` rows when the window first lays it out (the panel scrolls if it needs more room than is
left, or takes its natural height when it fits); the position the person drags it to is
remembered for this user (QSettings `splitters/<key>`) and used the next time."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QScrollArea, QSplitter, QWidget

from app.ui.kit.tables import SETTINGS_APP, SETTINGS_ORG

LIST_ROWS = 10  # what a person scans without scrolling, also at 1366×768
PANEL_LEAST = 150  # a panel is never squeezed below this by the first layout


def list_height(view: QAbstractItemView, rows: int) -> int:
    """The height `view` needs to show `rows` rows, its header and a horizontal scroll bar."""
    vertical = getattr(view, "verticalHeader", None)
    row = vertical().defaultSectionSize() if vertical else view.fontMetrics().height() + 8
    if view.model() is not None and view.model().rowCount():
        row = max(row, view.sizeHintForRow(0))
    horizontal = getattr(view, "horizontalHeader", None)
    header = horizontal().sizeHint().height() if horizontal and horizontal().isVisible() else 0
    scroll_bar = view.horizontalScrollBar().sizeHint().height()
    return row * rows + header + scroll_bar + 2 * view.frameWidth()


class ListOverPanel(QSplitter):
    """The list on top (it takes what the window grows by), the panel below in a scroll area."""

    def __init__(
        self,
        view: QAbstractItemView,
        panel: QWidget,
        key: str,
        rows: int = LIST_ROWS,
        parent: QWidget | None = None,
    ):
        super().__init__(Qt.Orientation.Vertical, parent)
        self.view, self.key, self.rows = view, key, rows
        self.scroll = QScrollArea()
        self.scroll.setWidget(panel)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.addWidget(view)
        self.addWidget(self.scroll)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 0)
        self.setChildrenCollapsible(False)
        self._placed = False
        self.splitterMoved.connect(self._remember)

    def _settings_name(self) -> str:
        return f"splitters/{self.key}"

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place_once()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._place_once()

    def _place_once(self) -> None:
        """The first layout at the window's size: placed then, and never again."""
        if not self._placed and self.isVisible() and self.height() > self.handleWidth():
            self._placed = True
            self._place()

    def _place(self) -> None:
        saved = QSettings(SETTINGS_ORG, SETTINGS_APP).value(self._settings_name())
        if isinstance(saved, QByteArray) and self.restoreState(saved):
            return
        total = self.height() - self.handleWidth()
        wanted_panel = self.scroll.widget().sizeHint().height()
        room = total - list_height(self.view, self.rows)
        panel = min(wanted_panel, max(room, PANEL_LEAST))
        self.setSizes([total - panel, panel])

    def _remember(self, _pos: int, _index: int) -> None:
        QSettings(SETTINGS_ORG, SETTINGS_APP).setValue(self._settings_name(), self.saveState())

"""The 修改记录 tab of a record's page or dialog: who changed it, when, and what, newest first.

One widget for every kind of record: `HistoryView(ctx, "client")`, then `show_record(id)`. It
refreshes itself when the window says that data changed."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QTabWidget, QVBoxLayout, QWidget

from app.domain.errors import AppError
from app.services import history
from app.services.history import HistoryEntry
from app.ui.context import UiContext
from app.ui.widgets import message_lang

AnyIndex = QModelIndex | QPersistentModelIndex
WHEN, WHO, WHAT, CHANGES = range(4)


class HistoryModel(QAbstractTableModel):
    """The entries of one record (a record's own history stays short: no batches needed)."""

    def __init__(self, headers: list[str], lang: str, parent=None):
        super().__init__(parent)
        self.headers = headers
        self.lang = lang
        self.entries: list[HistoryEntry] = []

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self.headers[section] if 0 <= section < len(self.headers) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.entries):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            return None
        return self.cell(index.row(), index.column())

    def cell(self, row: int, column: int) -> str:
        entry = self.entries[row]
        if column == WHEN:
            return f"{entry.at:%Y-%m-%d %H:%M}"
        if column == WHO:
            return entry.user or "—"
        if column == WHAT:
            return entry.what(self.lang)
        return "\n".join(entry.lines(self.lang))


class HistoryView(QWidget):
    def __init__(self, ctx: UiContext, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.record_id: int | None = None
        headers = [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Changes")]
        self.model = HistoryModel(headers, message_lang(ctx.lang), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in (WHEN, WHO, WHAT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CHANGES, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("No changes recorded yet."), self)
        self.empty.setStyleSheet("color: #777;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        ctx.events.changed.connect(self._on_changed)

    def title(self) -> str:
        """The tab's title (修改记录)."""
        return self.tr("Change history")

    def show_record(self, record_id: int | None) -> None:
        """The history of this record (None: a record not saved yet has none)."""
        self.record_id = record_id
        self.refresh()

    def refresh(self) -> None:
        entries: list[HistoryEntry] = []
        if self.record_id is not None:
            try:
                entries = history.record_history(self.ctx.archive, self.kind, self.record_id)
            except AppError:  # the archive went away under the page: show nothing
                entries = []
        self.model.set_entries(entries)
        self.empty.setVisible(not entries)
        self.table.resizeRowsToContents()

    def rows(self) -> list[tuple[str, str, str, str]]:
        """What the table shows, row by row (for tests and screen readers)."""
        return [
            tuple(self.model.cell(row, column) for column in range(4))
            for row in range(self.model.rowCount())
        ]

    def _on_changed(self, _kind: str) -> None:
        if self.record_id is not None and self.ctx.archive.db is not None:
            self.refresh()


def with_history(
    ctx: UiContext,
    body: QWidget,
    body_title: str,
    kind: str,
    record_id: int | None,
    parent: QWidget,
) -> tuple[QWidget, HistoryView | None]:
    """A dialog's body with a 修改记录 tab beside it, for a record that exists (a new one has
    no history yet: the body stays as it is). Returns (what to lay out, the history view)."""
    if record_id is None:
        return body, None
    view = HistoryView(ctx, kind, parent)
    view.show_record(record_id)
    tabs = QTabWidget(parent)
    tabs.addTab(body, body_title)
    tabs.addTab(view, view.title())
    return tabs, view

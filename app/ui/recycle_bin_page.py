"""The recycle bin (回收站): deleted records by kind with who deleted them and when; 恢复 puts
one back with its links and files, 彻底删除 removes it for good after asking. Deleted records
are kept for the retention period (default 90 days), set here too."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.services import recycle_bin
from app.services.recycle_bin import BinItem
from app.ui.context import UiContext
from app.ui.widgets import confirm, error_text, format_date

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

# The kinds as the window names them, in the order of the filter box.
KIND_NAMES = {
    "client": QT_TRANSLATE_NOOP("RecycleBinPage", "Client"),
    "contact": QT_TRANSLATE_NOOP("RecycleBinPage", "Contact"),
    "activity": QT_TRANSLATE_NOOP("RecycleBinPage", "Activity"),
    "tender": QT_TRANSLATE_NOOP("RecycleBinPage", "Tender"),
    "qualification": QT_TRANSLATE_NOOP("RecycleBinPage", "Qualification"),
    "document": QT_TRANSLATE_NOOP("RecycleBinPage", "Document"),
    "letter": QT_TRANSLATE_NOOP("RecycleBinPage", "Letter"),
    "contract": QT_TRANSLATE_NOOP("RecycleBinPage", "Contract"),
    "receipt": QT_TRANSLATE_NOOP("RecycleBinPage", "Receipt"),
    "minutes": QT_TRANSLATE_NOOP("RecycleBinPage", "Minutes"),
    "rebate": QT_TRANSLATE_NOOP("RecycleBinPage", "Rebate"),
}
COLUMNS = (
    QT_TRANSLATE_NOOP("RecycleBinModel", "Kind"),
    QT_TRANSLATE_NOOP("RecycleBinModel", "Record"),
    QT_TRANSLATE_NOOP("RecycleBinModel", "Deleted by"),
    QT_TRANSLATE_NOOP("RecycleBinModel", "Deleted at"),
)
# What the window's pages listen for (ctx.events.changed) when a kind comes back.
EVENT_KINDS = {
    "client": ("client", "contact", "activity"),
    "minutes": ("meeting", "action"),
}


def kind_name(kind: str) -> str:
    return QCoreApplication.translate("RecycleBinPage", KIND_NAMES.get(kind, kind))


class RecycleBinModel(QAbstractTableModel):
    """The bin's items (one per deleted record, kept for the retention period): one list."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.kind: str | None = None
        self.items: list[BinItem] = []

    def refresh(self) -> None:
        self.beginResetModel()
        self.items = recycle_bin.list_items(self.ctx.archive, self.kind)
        self.endResetModel()

    def item_at(self, row: int) -> BinItem:
        return self.items[row]

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("RecycleBinModel", COLUMNS[section])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: AnyIndex, role: int = 0):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == self.ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return kind_name(item.kind)
            if column == 1:
                return item.title
            if column == 2:
                return item.deleted_by
            return format_date(item.deleted_at)
        return None


class RecycleBinPage(QWidget):
    """The list with a kind filter, 恢复 and 彻底删除, and the retention period."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = RecycleBinModel(ctx, self)
        self._build()
        self.refresh()
        ctx.events.changed.connect(self._on_changed)

    # --- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        bar = QHBoxLayout()
        title = QLabel(self.tr("Recycle bin"), self)
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.kind_box = QComboBox(self)
        self.kind_box.addItem(self.tr("All kinds"), None)
        for kind in recycle_bin.KINDS:
            self.kind_box.addItem(kind_name(kind), kind)
        self.kind_box.currentIndexChanged.connect(self._kind_chosen)
        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        self.purge_button = QPushButton(self.tr("Delete permanently…"), self)
        self.purge_button.clicked.connect(lambda: self.purge_selected())
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Show:"), self))
        bar.addWidget(self.kind_box)
        bar.addWidget(self.restore_button)
        bar.addWidget(self.purge_button)
        layout.addLayout(bar)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._table())
        self.stack.addWidget(self._empty_state())
        layout.addWidget(self.stack, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #555;")
        layout.addWidget(self.message)
        layout.addLayout(self._retention_row())

    def _table(self) -> QTableView:
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 100), (2, 120), (3, 140)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        return self.table

    def _empty_state(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.empty_title = QLabel(self.tr("The recycle bin is empty"), page)
        self.empty_title.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint = QLabel(page)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setStyleSheet("color: #666;")
        layout.addWidget(self.empty_title)
        layout.addWidget(self.empty_hint)
        layout.addStretch(2)
        return page

    def _retention_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Keep deleted records for"), self))
        self.retention = QSpinBox(self)
        self.retention.setRange(1, recycle_bin.MAX_RETENTION_DAYS)
        self.retention.setSuffix(self.tr(" days"))
        self.retention.setValue(recycle_bin.retention_days(self.ctx.archive))
        self.retention.setEnabled(not self.ctx.archive.read_only)
        self.retention.editingFinished.connect(self._save_retention)
        row.addWidget(self.retention)
        row.addWidget(QLabel(self.tr("then they are deleted for good with their files."), self))
        row.addStretch(1)
        return row

    # --- showing ------------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.current_item()
        self.model.refresh()
        self.empty_hint.setText(
            self.tr(
                "Deleted clients, contacts, activities, tenders, documents, letters, contracts, "
                "receipts, minutes and rebates wait here with their attachment files for {0} "
                "days. Restore puts a record back with everything that belonged to it."
            ).format(recycle_bin.retention_days(self.ctx.archive))
        )
        if self.model.kind is not None and not self.model.items:
            self.empty_title.setText(self.tr("Nothing of this kind in the recycle bin"))
        else:
            self.empty_title.setText(self.tr("The recycle bin is empty"))
        self.stack.setCurrentIndex(0 if self.model.items else 1)
        if current is not None:
            self.select_item(current.id)
        self._update_buttons()

    def _kind_chosen(self, _index: int) -> None:
        self.model.kind = self.kind_box.currentData()
        self.refresh()

    def show_kind(self, kind: str | None) -> None:
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(kind)))

    def _on_changed(self, kind: str) -> None:
        # a delete anywhere adds to the bin; restores and purges here change it too
        if kind in recycle_bin.KINDS or kind in ("meeting", "recycle_bin", "all"):
            self.refresh()

    def current_item(self) -> BinItem | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.items):
            return None
        return self.model.item_at(index.row())

    def select_item(self, item_id: int) -> bool:
        for row, item in enumerate(self.model.items):
            if item.id == item_id:
                self.table.selectRow(row)
                return True
        return False

    def find_row(self, title: str) -> int:
        """The row whose record has this title (-1 when none)."""
        return next((r for r, i in enumerate(self.model.items) if i.title == title), -1)

    def _update_buttons(self, *_args) -> None:
        chosen = self.current_item() is not None and not self.ctx.archive.read_only
        self.restore_button.setEnabled(chosen)
        self.purge_button.setEnabled(chosen)

    # --- actions ------------------------------------------------------------------------------
    def restore_selected(self) -> bool:
        """恢复: puts the record back; the message says what came back or why it cannot."""
        item = self.current_item()
        if item is None:
            return False
        self.ctx.runner.submit(
            self.tr("Restoring “{0}”…").format(item.title),
            _restore,
            self.ctx.archive,
            item.id,
            on_done=lambda _restored: self._restored(item),
            on_error=self._failed,
        )
        return True

    def _restored(self, item: BinItem) -> None:
        self._say(self.tr("Restored {0} “{1}”.").format(kind_name(item.kind), item.title))
        for kind in (*EVENT_KINDS.get(item.kind, (item.kind,)), "recycle_bin", "all"):
            self.ctx.events.changed.emit(kind)

    def purge_selected(self) -> bool:
        """彻底删除: asks first, naming the record; its files go unless something else uses them."""
        item = self.current_item()
        if item is None:
            return False
        question = self.tr(
            "Delete {0} “{1}” permanently? It cannot be restored afterwards, and its attachment "
            "files are deleted unless another record uses them."
        ).format(kind_name(item.kind), item.title)
        if not confirm(self, self.tr("Delete permanently"), question):
            return False
        self.ctx.runner.submit(
            self.tr("Deleting “{0}” permanently…").format(item.title),
            _purge,
            self.ctx.archive,
            item.id,
            on_done=lambda _gone: self._purged(item),
            on_error=self._failed,
        )
        return True

    def _purged(self, item: BinItem) -> None:
        text = self.tr("Deleted {0} “{1}” permanently.")
        self._say(text.format(kind_name(item.kind), item.title))
        self.ctx.events.changed.emit("recycle_bin")

    def _failed(self, exc: Exception) -> None:
        self.refresh()  # someone else may have restored or purged it meanwhile
        self._say(error_text(exc, self.ctx.lang), error=True)

    def _save_retention(self) -> None:
        days = self.retention.value()
        if days == recycle_bin.retention_days(self.ctx.archive):
            return
        try:
            recycle_bin.set_retention_days(self.ctx.archive, days)
        except AppError as exc:
            self._say(error_text(exc, self.ctx.lang), error=True)
            return
        self._say(self.tr("Deleted records are now kept for {0} days.").format(days))
        self.refresh()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #d9363e;" if error else "color: #555;")
        self.message.setText(text)


def _restore(archive, item_id: int, task=None):
    return recycle_bin.restore_item(archive, item_id)


def _purge(archive, item_id: int, task=None):
    return recycle_bin.purge_item(archive, item_id)


def _purge_expired(archive, task=None) -> int:
    return recycle_bin.purge_expired(archive)


def purge_expired_on_start(ctx: UiContext) -> None:
    """The retention period at work when the window opens, in the background; a failure is
    only said in the status bar (the bin is emptied the next time)."""
    if ctx.archive.read_only:
        return

    def failed(exc: Exception) -> None:
        ctx.events.status_message.emit(error_text(exc, ctx.lang))

    def done(count: object) -> None:
        if count:
            ctx.events.changed.emit("recycle_bin")

    ctx.runner.submit(
        QCoreApplication.translate("RecycleBinPage", "Emptying old records from the recycle bin…"),
        _purge_expired,
        ctx.archive,
        on_done=done,
        on_error=failed,
    )

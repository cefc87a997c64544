"""The recycle bin (回收站): deleted records by kind with who deleted them and when; 恢复 puts
one back with its links and files, 彻底删除 removes it for good after asking. Deleted records
are kept for the retention period (default 90 days), set here too."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.progress import Progress
from app.services import recycle_bin
from app.services.archive import Archive
from app.services.recycle_bin import BinItem
from app.ui.context import EVERYTHING, Changes, UiContext
from app.ui.kit import boxes, keys, ops
from app.ui.kit.tables import Column, ListModel, ListView, attribute
from app.ui.widgets import confirm, error_text, format_date

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
    "news": QT_TRANSLATE_NOOP("RecycleBinPage", "Client news"),  # issue 13
}
# What the window's pages listen for when a kind comes back (a client brings its contacts
# and activities; minutes are meetings and their action items).
EVENT_KINDS = {
    "client": ("client", "contact", "activity"),
    "minutes": ("meeting", "action"),
}
# A delete anywhere adds to the bin; restores and purges change it too.
LISTENS_TO = (*recycle_bin.KINDS, "meeting", "recycle_bin")


def kind_name(kind: str) -> str:
    return QCoreApplication.translate("RecycleBinPage", KIND_NAMES.get(kind, kind))


def restored_changes(item: BinItem) -> Changes:
    """What a restore changes: the record's kinds, the bin, and (its links and files coming
    back anywhere) everything."""
    return Changes.of((*EVENT_KINDS.get(item.kind, (item.kind,)), "recycle_bin", EVERYTHING))


def bin_columns() -> tuple[Column[BinItem], ...]:
    return (
        Column(
            QCoreApplication.translate("RecycleBinModel", "Kind"),
            lambda item: kind_name(item.kind),
            sort="kind",
            width=100,
        ),
        Column(
            QCoreApplication.translate("RecycleBinModel", "Record"),
            attribute("title"),
            sort="title",
            tooltip=attribute("title"),
            stretch=True,
        ),
        Column(
            QCoreApplication.translate("RecycleBinModel", "Deleted by"),
            attribute("deleted_by"),
            sort="deleted_by",
            width=120,
        ),
        Column(
            QCoreApplication.translate("RecycleBinModel", "Deleted at"),
            lambda item: format_date(item.deleted_at),
            sort="deleted_at",
            width=140,
        ),
    )


def bin_model(parent: QWidget | None = None) -> ListModel[BinItem]:
    """The bin's items, one per deleted record: a short list (the retention period empties it)."""
    return ListModel(bin_columns(), parent=parent)


@dataclass(frozen=True)
class BinContents:
    items: list[BinItem]
    retention_days: int


def load_bin(archive: Archive, kind: str | None, task: Progress | None = None) -> BinContents:
    return BinContents(recycle_bin.list_items(archive, kind), recycle_bin.retention_days(archive))


class RecycleBinPage(QWidget):
    """The list with a kind filter, 恢复 and 彻底删除 (buttons and the right button's menu),
    and the retention period."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = bin_model(self)
        self.kind: str | None = None
        self.retention_days: int | None = None  # as last read from the archive
        self._build()
        self.refresh()
        ops.follow(self, self.refresh, *LISTENS_TO)

    # --- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        bar = QHBoxLayout()
        title = boxes.heading(self.tr("Recycle bin"), self)
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
        self.table = ListView(self.model, settings_key="recycle_bin", parent=self)
        keys.mark(self.purge_button, keys.DELETE, self.table)  # Del: asks first
        self.table.current_changed.connect(self._update_buttons)
        self.table.set_context_menu(self._fill_menu)
        layout.addWidget(self.table, 1)
        self.message = QLabel(self, wordWrap=True, styleSheet="color: #555;")
        layout.addWidget(self.message)
        layout.addLayout(self._retention_row())
        self._update_buttons()

    def _retention_row(self) -> QHBoxLayout:
        row = boxes.row(QLabel(self.tr("Keep deleted records for"), self))
        self.retention = QSpinBox(self)
        self.retention.setRange(1, recycle_bin.MAX_RETENTION_DAYS)
        self.retention.setValue(recycle_bin.DEFAULT_RETENTION_DAYS)
        self.retention.setSuffix(self.tr(" days"))
        self.retention.setEnabled(not self.ctx.archive.read_only)
        self.retention.editingFinished.connect(self._save_retention)
        row.addWidget(self.retention)
        row.addWidget(QLabel(self.tr("then they are deleted for good with their files."), self))
        row.addStretch(1)
        return row

    def _fill_menu(self, menu: QMenu, _item_id: int) -> None:
        if self.ctx.archive.read_only:
            return
        menu.addAction(self.tr("Restore"), self.restore_selected)
        menu.addAction(self.tr("Delete permanently…"), self.purge_selected)

    # --- showing ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reads the bin again (in the background; the newest request wins)."""
        ops.query(
            self,
            load_bin,
            self.ctx.archive,
            self.kind,
            key="items",
            label=self.tr("Loading the recycle bin…"),
            on_done=self._show,
            on_error=lambda exc: self._say(error_text(exc, self.ctx.lang), error=True),
        )

    def _show(self, contents: BinContents) -> None:
        self.retention_days = contents.retention_days
        if not self.retention.hasFocus():
            self.retention.setValue(contents.retention_days)
        hint = self.tr(
            "Deleted clients, contacts, activities, tenders, documents, letters, contracts, "
            "receipts, minutes and rebates wait here with their attachment files for {0} "
            "days. Restore puts a record back with everything that belonged to it."
        ).format(contents.retention_days)
        if self.kind is not None:
            title = self.tr("Nothing of this kind in the recycle bin")
            self.table.empty_state.say(
                title, hint, self.tr("All kinds"), lambda: self.show_kind(None)
            )
        else:
            self.table.empty_state.say(self.tr("The recycle bin is empty"), hint)
        self.model.set_rows(contents.items)  # the view keeps the current item if still there
        self._update_buttons()

    def _kind_chosen(self, _index: int) -> None:
        self.kind = self.kind_box.currentData()
        self.refresh()

    def show_kind(self, kind: str | None) -> None:
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(kind)))

    def current_item(self) -> BinItem | None:
        return self.table.current_row()

    def find_row(self, title: str) -> int:
        """The row whose record has this title (-1 when none)."""
        return next((r for r, item in enumerate(self.model.rows) if item.title == title), -1)

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.current_item() is not None and not self.ctx.archive.read_only
        self.restore_button.setEnabled(chosen)
        self.purge_button.setEnabled(chosen)

    # --- actions ------------------------------------------------------------------------------
    def restore_selected(self) -> bool:
        """恢复: puts the record back; the message says what came back or why it cannot."""
        item = self.current_item()
        if item is None:
            return False
        ops.write(
            self,
            recycle_bin.restore_item,
            self.ctx.archive,
            item.id,
            changes=restored_changes(item),
            label=self.tr("Restoring “{0}”…").format(item.title),
            on_done=lambda _restored: self._say(
                self.tr("Restored {0} “{1}”.").format(kind_name(item.kind), item.title)
            ),
            on_error=self._failed,
        )
        return True

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
        ops.write(
            self,
            recycle_bin.purge_item,
            self.ctx.archive,
            item.id,
            changes={"recycle_bin"},
            label=self.tr("Deleting “{0}” permanently…").format(item.title),
            on_done=lambda _gone: self._say(
                self.tr("Deleted {0} “{1}” permanently.").format(kind_name(item.kind), item.title)
            ),
            on_error=self._failed,
        )
        return True

    def _failed(self, exc: Exception) -> None:
        self.refresh()  # someone else may have restored or purged it meanwhile
        self._say(error_text(exc, self.ctx.lang), error=True)

    def _save_retention(self) -> None:
        days = self.retention.value()
        if self.retention_days is None or days == self.retention_days:
            return
        ops.write(
            self,
            recycle_bin.set_retention_days,
            self.ctx.archive,
            days,
            changes={"recycle_bin"},
            on_done=lambda _days: self._say(
                self.tr("Deleted records are now kept for {0} days.").format(days)
            ),
            on_error=lambda exc: self._say(error_text(exc, self.ctx.lang), error=True),
        )

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #d9363e;" if error else "color: #555;")
        self.message.setText(text)


def purge_expired_on_start(window: QWidget) -> None:
    """The retention period at work when the window opens, in the background; a failure is
    only said in the status bar (the bin is emptied the next time)."""
    ctx = ops.context_of(window)
    if ctx.archive.read_only:
        return
    ops.write(
        window,
        recycle_bin.purge_expired,
        ctx.archive,
        changes=lambda count: {"recycle_bin"} if count else (),
        label=QCoreApplication.translate(
            "RecycleBinPage", "Emptying old records from the recycle bin…"
        ),
        on_error=lambda exc: ctx.events.status_message.emit(error_text(exc, ctx.lang)),
    )

"""督促落实: every open action item across meetings, overdue first in red with the days overdue;
filters by owner, client and overdue only; 完成 asks for the result; 催办摘要 copies or prints
the per-owner overdue digest."""

from __future__ import annotations

import weakref

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import private_temp
from app.domain.errors import AppError
from app.domain.minutes import ActionStatus
from app.services import minutes
from app.services.minutes import ActionRow
from app.ui.context import UiContext
from app.ui.kit import keys
from app.ui.kit.forms import ClientPicker, FormDialog
from app.ui.kit.labels import add_choices, shown
from app.ui.widgets import error_text, format_date, show_error

_ROOT = QModelIndex()
PRINT_DIR = private_temp.session_path("print")
OVERDUE_COLOUR = "#c0392b"
DUE_TODAY_COLOUR = "#d68910"
PAGE = 200

COLUMNS = (
    QT_TRANSLATE_NOOP("ActionTableModel", "Due"),
    QT_TRANSLATE_NOOP("ActionTableModel", "Overdue"),
    QT_TRANSLATE_NOOP("ActionTableModel", "Task"),
    QT_TRANSLATE_NOOP("ActionTableModel", "Owner"),
    QT_TRANSLATE_NOOP("ActionTableModel", "Helpers"),
    QT_TRANSLATE_NOOP("ActionTableModel", "Status"),
    QT_TRANSLATE_NOOP("ActionTableModel", "Meeting"),
    QT_TRANSLATE_NOOP("ActionTableModel", "Held"),
)


class ActionTableModel(QAbstractTableModel):
    """Open action items in pages of 200 (fetchMore), overdue first; overdue rows are red."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.owner: str | None = None
        self.client_id: int | None = None
        self.overdue_only = False
        self._rows: list[ActionRow] = []
        self.total = 0

    def set_filter(self, owner: str | None, client_id: int | None, overdue_only: bool) -> None:
        self.owner, self.client_id, self.overdue_only = owner, client_id, overdue_only
        self.refresh()

    def _page(self, offset: int):
        return minutes.open_actions(
            self.ctx.archive,
            owner=self.owner,
            client_id=self.client_id,
            overdue_only=self.overdue_only,
            limit=PAGE,
            offset=offset,
        )

    def refresh(self) -> None:
        self.beginResetModel()
        page = self._page(0)
        self._rows, self.total = list(page.rows), page.total
        self.endResetModel()

    def set_rows(self, rows: list[ActionRow]) -> None:
        """Shows a fixed list (the home panel) instead of paging through the archive."""
        self.beginResetModel()
        self._rows, self.total = list(rows), len(rows)
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        rows = list(self._page(len(self._rows)).rows)
        if not rows:
            self.total = len(self._rows)
            return
        start = len(self._rows)
        self.beginInsertRows(_ROOT, start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def row_at(self, row: int) -> ActionRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("ActionTableModel", COLUMNS[section])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == self.ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue:
                return QBrush(QColor(OVERDUE_COLOUR))
            if row.due_today:
                return QBrush(QColor(DUE_TODAY_COLOUR))
            return None
        if role == Qt.ItemDataRole.FontRole and row.overdue and index.column() in (0, 1):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return row.task
        return None

    def _cell(self, row: ActionRow, column: int) -> str:
        if row.overdue:
            days = row.days_overdue  # lupdate skips the call when the count is an attribute
            late = QCoreApplication.translate("ActionTableModel", "%n day(s)", "", days)
        elif row.due_today:
            late = QCoreApplication.translate("ActionTableModel", "due today")
        else:
            late = ""
        values = (
            format_date(row.due_on),
            late,
            row.task,
            row.owner,
            row.helpers,
            shown(row.status, self.ctx.lang, ActionStatus),
            row.meeting_title,
            format_date(row.held_at.date()),
        )
        return values[column] if 0 <= column < len(values) else ""


class CloseActionDialog(FormDialog):
    """Asks for the result (落实情况) before an item is closed; an empty result is refused."""

    def __init__(self, ctx: UiContext, row: ActionRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.closed: ActionRow | None = None
        self.setWindowTitle(self.tr("Close action item"))
        self.resize(520, 300)
        self.result_edit = QPlainTextEdit(row.result)
        self.result_edit.setPlaceholderText(self.tr("What was done (required)"))
        self.status = QComboBox()
        closing = (ActionStatus.DONE, ActionStatus.CANCELLED)
        add_choices(self.status, ActionStatus, ctx.lang, closing)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #d9363e;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout()
        task = QLabel(f"{row.task}({row.owner})")
        task.setWordWrap(True)
        form.addRow(self.tr("Task"), task)
        form.addRow(self.tr("Close as"), self.status)
        form.addRow(self.tr("Result"), self.result_edit)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            self.tr("Close item"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.set_form_buttons(self.ok_button)  # Enter closes the item; Esc with a result asks

    def submit(self) -> bool:
        try:
            self.closed = minutes.close_action(
                self.ctx.archive,
                self.row.id,
                self.result_edit.toPlainText(),
                self.status.currentData(),
            )
        except AppError as exc:
            self.error_label.setText(error_text(exc, self.ctx.lang))
            self.error_label.show()
            self.result_edit.setFocus()
            return False
        self.ctx.events.changed.emit("action")
        self.accept()
        return True


class DigestDialog(FormDialog):
    """The per-owner overdue digest: text to paste into a message, 复制 and 打印."""

    def __init__(self, ctx: UiContext, owner: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.owner = owner
        self.preview: QDialog | None = None
        self.digest = minutes.overdue_digest(ctx.archive, owner)
        self.setWindowTitle(self.tr("Overdue digest"))
        self.resize(640, 560)
        self.text = QPlainTextEdit(self.digest.text)
        self.text.setReadOnly(True)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.clicked.connect(self.copy)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self.print_digest)
        keys.mark(self.print_button, keys.PRINT)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        self.status_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.status_label, 1)
        for button in (self.copy_button, self.print_button, self.close_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        self.set_form_buttons(None, guard=False)  # text to read: Enter presses nothing

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.digest.text)
        self.status_label.setText(self.tr("Copied: paste it into a message"))

    def print_digest(self):
        PRINT_DIR.mkdir(parents=True, exist_ok=True)
        out = PRINT_DIR / "overdue-digest.pdf"

        def show(_pages: int) -> None:
            from app.ui.pdf_preview import PdfPreviewDialog

            self.preview = PdfPreviewDialog(out, self, save_suggestion="督促落实催办单.pdf")
            self.preview.open()

        return self.ctx.runner.submit(
            self.tr("Printing the digest…"),
            minutes.digest_pdf,
            self.ctx.archive,
            out,
            self.owner,
            on_done=show,
            on_error=lambda exc: show_error(self, exc, self.ctx.lang),
        )


class FollowUpPage(QWidget):
    """The 督促落实 area."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.active_dialog: QDialog | None = None
        self.model = ActionTableModel(ctx, self)
        self._build()
        ctx.events.changed.connect(self._on_changed)
        self.refresh()

    def _build(self) -> None:
        self.owner_filter = QComboBox()
        self.owner_filter.setMinimumWidth(120)
        self.owner_filter.currentIndexChanged.connect(self.apply_filter)
        self.client_filter = ClientPicker(self.ctx)
        self.client_filter.setPlaceholderText(self.tr("Filter by client"))
        self.client_filter.chosen.connect(lambda _id: self.apply_filter())
        self.client_filter.textChanged.connect(self._on_client_text)
        self.overdue_only = QCheckBox(self.tr("Overdue only"))
        self.overdue_only.toggled.connect(self.apply_filter)
        self.close_button = QPushButton(self.tr("Done…"))
        self.close_button.clicked.connect(self.close_selected)
        self.start_button = QPushButton(self.tr("In progress"))
        self.start_button.clicked.connect(self.start_selected)
        self.open_button = QPushButton(self.tr("Open minutes"))
        self.open_button.clicked.connect(self.open_selected_meeting)
        self.digest_button = QPushButton(self.tr("Overdue digest…"))
        self.digest_button.clicked.connect(lambda: self.show_digest())
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Owner")))
        bar.addWidget(self.owner_filter)
        bar.addWidget(self.client_filter, 1)
        bar.addWidget(self.overdue_only)
        for button in (self.close_button, self.start_button, self.open_button, self.digest_button):
            bar.addWidget(button)
        self.summary = QLabel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _index: self.close_selected())
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)

    def _on_client_text(self, text: str) -> None:
        if not text.strip() and self.client_filter.client_id is not None:
            self.client_filter.client_id = None
            self.apply_filter()

    def _on_changed(self, kind: str) -> None:
        if kind in ("meeting", "action", "client"):
            self.refresh()

    def fill_owners(self) -> None:
        current = self.owner_filter.currentData()
        self.owner_filter.blockSignals(True)
        self.owner_filter.clear()
        self.owner_filter.addItem(self.tr("All"), None)
        for owner in minutes.action_owners(self.ctx.archive):
            self.owner_filter.addItem(owner, owner)
        self.owner_filter.setCurrentIndex(max(0, self.owner_filter.findData(current)))
        self.owner_filter.blockSignals(False)

    def refresh(self) -> None:
        self.fill_owners()
        self.apply_filter()

    def apply_filter(self) -> None:
        self.model.set_filter(
            self.owner_filter.currentData(),
            self.client_filter.client_id,
            self.overdue_only.isChecked(),
        )
        counts = minutes.action_counts(self.ctx.archive)
        text = self.tr("%n open item(s)", "", counts.open)
        text += self.tr(", %n overdue", "", counts.overdue)
        text += self.tr(", %n due today", "", counts.due_today)
        if self.model.total != counts.open:
            text += self.tr("; %n shown by the filter", "", self.model.total)
        self.summary.setText(text)

    def selected_row(self) -> ActionRow | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < self.model.rowCount():
            return None
        return self.model.row_at(rows[0].row())

    def select_action(self, action_id: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == action_id:
                self.view.selectRow(row)
                return

    def close_selected(self) -> CloseActionDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        dialog = CloseActionDialog(self.ctx, row, self)
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def start_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            minutes.start_action(self.ctx.archive, row.id)
            self.ctx.events.changed.emit("action")

    def open_selected_meeting(self):
        row = self.selected_row()
        if row is None:
            return None
        from app.ui.minutes_page import MinutesDialog

        dialog = MinutesDialog(self.ctx, row.meeting_id, parent=self)
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def show_digest(self) -> DigestDialog:
        dialog = DigestDialog(self.ctx, self.owner_filter.currentData(), self)
        self.active_dialog = dialog
        dialog.open()
        return dialog


class DueActionsPanel(QGroupBox):
    """The home page's panel: action items overdue or due today, loaded in the background;
    a double click opens the item's minutes."""

    LIMIT = 50

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self.model = ActionTableModel(ctx, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setShowGrid(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setStretchLastSection(True)
        for column in (4, 7):  # helpers and meeting date: the follow-up page has them
            self.view.hideColumn(column)
        self.view.doubleClicked.connect(self._open)
        self.empty = QLabel(self.tr("No action item is due today or overdue."))
        self.empty.setStyleSheet("color: gray; font-size: 14px; padding: 16px;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.empty)
        ctx.events.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, kind: str) -> None:
        if kind in ("meeting", "action"):
            self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        self.ctx.runner.submit(
            self.tr("Loading due action items"),
            _load_due,
            self.ctx.archive,
            self.LIMIT,
            on_done=_weak(self._loaded, generation),
        )

    def _loaded(self, generation: int, result) -> None:
        if generation != self._generation:
            return
        rows, counts = result
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        title = self.tr("Action items: {0} overdue, {1} due today")
        self.setTitle(title.format(counts.overdue, counts.due_today))

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        self.ctx.events.open_record.emit("action", row.id)


def _weak(method, *first):
    """A callback that lets the panel go when its page closes (the runner keeps handles)."""
    ref = weakref.WeakMethod(method)

    def call(*rest) -> None:
        target = ref()
        if target is not None:
            target(*first, *rest)

    return call


def _load_due(archive, limit: int, task=None):
    return minutes.due_actions(archive, limit), minutes.action_counts(archive)

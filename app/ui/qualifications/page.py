"""The qualification library (资质库): the company's standing documents with expiry dates and
their scans; expired items in red, soon-expiring ones in amber."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
)
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import private_temp
from app.domain.errors import AppError, FieldProblem
from app.domain.messages import problem_text
from app.domain.tenders import QualificationState
from app.services import attachments, qualifications
from app.services.qualifications import (
    KINDS,
    SCAN_SUFFIXES,
    QualificationDraft,
    QualificationRecord,
)
from app.ui import user_settings
from app.ui.context import UiContext
from app.ui.kit import keys
from app.ui.kit.forms import FieldErrors, FormDialog, problems_of
from app.ui.tenders.tender_dialog import OptionalMoment
from app.ui.widgets import confirm, error_text, format_date, format_size, message_lang

AnyIndex = QModelIndex | QPersistentModelIndex
SCAN_DIR = private_temp.session_path("qualifications")
EXPIRED_RED = QColor("#d9363e")
EXPIRING_AMBER = QColor("#c27c0e")
STATE_BACKGROUNDS = {
    QualificationState.EXPIRED: QColor("#fde2e2"),
    QualificationState.EXPIRING: QColor("#fff1d6"),
}
COLUMNS = (
    QT_TRANSLATE_NOOP("QualificationTableModel", "Title"),
    QT_TRANSLATE_NOOP("QualificationTableModel", "Kind"),
    QT_TRANSLATE_NOOP("QualificationTableModel", "Issuer"),
    QT_TRANSLATE_NOOP("QualificationTableModel", "Valid from"),
    QT_TRANSLATE_NOOP("QualificationTableModel", "Expires"),
    QT_TRANSLATE_NOOP("QualificationTableModel", "State"),
    QT_TRANSLATE_NOOP("QualificationTableModel", "Scans"),
)
STATE_COLUMN = 5


def state_colour(state: QualificationState) -> QColor | None:
    if state == QualificationState.EXPIRED:
        return EXPIRED_RED
    if state == QualificationState.EXPIRING:
        return EXPIRING_AMBER
    return None


def is_scan(path: Path) -> bool:
    return path.suffix.lower() in SCAN_SUFFIXES


class QualificationTableModel(QAbstractTableModel):
    """The whole library (dozens of items, not thousands): one cached list."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.records: list[QualificationRecord] = []
        self.today = ctx.archive.today()

    def refresh(self) -> None:
        self.beginResetModel()
        self.today = self.ctx.archive.today()
        self.records = qualifications.list_all(self.ctx.archive)
        self.endResetModel()

    def row_of(self, qualification_id: int) -> int:
        return next((i for i, r in enumerate(self.records) if r.id == qualification_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("QualificationTableModel", COLUMNS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.records):
            return None
        record, column = self.records[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == self.ID_ROLE:
            return record.id
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = state_colour(record.state)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.BackgroundRole and column == STATE_COLUMN:
            background = STATE_BACKGROUNDS.get(record.state)
            return QBrush(background) if background is not None else None
        marked = column == STATE_COLUMN and record.state in STATE_BACKGROUNDS
        if role == Qt.ItemDataRole.FontRole and marked:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == 6:
            return "\n".join(f.original_name for f in record.files) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 6:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, record: QualificationRecord, column: int) -> str:
        if column == 0:
            return record.title
        if column == 1:
            return record.kind
        if column == 2:
            return record.issuer
        if column == 3:
            return format_date(record.valid_from)
        if column == 4:
            return format_date(record.expires_on) or self.tr("Long-term")
        if column == STATE_COLUMN:
            return self.state_text(record)
        return str(len(record.files))

    def state_text(self, record: QualificationRecord) -> str:
        if record.state == QualificationState.EXPIRED:
            return self.tr("Expired")
        if record.state == QualificationState.EXPIRING:
            days = (record.expires_on - self.today).days
            return self.tr("Expires in {0} days").format(days)
        if record.state == QualificationState.NO_EXPIRY:
            return self.tr("No expiry")
        return self.tr("Valid")


class QualificationDialog(FormDialog):
    """Add or edit one qualification with its scans (button or drag and drop; PDF/JPG/PNG)."""

    def __init__(
        self, ctx: UiContext, qualification_id: int | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.qualification_id = qualification_id
        self.record = (
            qualifications.get(ctx.archive, qualification_id) if qualification_id else None
        )
        self.saved: QualificationRecord | None = None
        self.new_files: list[Path] = []
        self.removed_ids: set[int] = set()
        self.errors = FieldErrors(ctx.lang)
        self.setWindowTitle(
            self.tr("New qualification") if self.record is None else self.tr("Edit qualification")
        )
        self.setMinimumWidth(520)
        self.setAcceptDrops(True)
        self._build()
        if self.record is not None:
            self._fill(self.record)
        self.reload_files()
        self.set_form_buttons(self.save_button)  # Enter saves; closing with changes asks

    def extra_state(self) -> object:
        return (tuple(self.new_files), frozenset(self.removed_ids))  # scans added or removed

    def _build(self) -> None:
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #a61b1b; background: #fdecea; padding: 6px;")
        self.banner.hide()
        form = QFormLayout()
        self.title_edit = QLineEdit(self)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setEditable(True)
        self.kind_combo.addItems(KINDS)
        self.kind_combo.setCurrentIndex(-1)
        self.issuer_edit = QLineEdit(self)
        now = self.ctx.archive.now()
        self.valid_from = OptionalMoment(now, False, self)
        self.expires = OptionalMoment(now, False, self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setFixedHeight(50)
        rows = (
            (self.tr("Title *"), "qualification_title", self.title_edit),
            (self.tr("Kind"), "kind", self.kind_combo),
            (self.tr("Issuer"), "issuer", self.issuer_edit),
            (self.tr("Valid from"), "valid_from", self.valid_from),
            (self.tr("Expires on"), "expires_on", self.expires),
            (self.tr("Notes"), "notes", self.notes_edit),
        )
        for label, name, widget in rows:
            form.addRow(label, self.errors.wrap(name, widget))
        form.addRow(self.tr("Scans"), self.errors.wrap("file", self._files_box()))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addLayout(buttons)

    def _files_box(self) -> QWidget:
        box = QWidget(self)
        self.file_list = QListWidget(box)
        self.file_list.setMinimumHeight(90)
        self.file_list.itemDoubleClicked.connect(self._open_item)
        add = QPushButton(self.tr("Add scans…"), box)
        add.clicked.connect(self.choose_files)
        self.open_file_button = QPushButton(self.tr("Open"), box)
        self.open_file_button.clicked.connect(self.open_selected_file)
        self.remove_file_button = QPushButton(self.tr("Remove"), box)
        self.remove_file_button.clicked.connect(self.remove_selected_file)
        column = QVBoxLayout()
        for button in (add, self.open_file_button, self.remove_file_button):
            column.addWidget(button)
        column.addStretch(1)
        hint = QLabel(self.tr("PDF, JPG or PNG; drop files here. Pages are merged in this order."))
        hint.setStyleSheet("color: gray;")
        hint.setWordWrap(True)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.file_list)
        left.addWidget(hint)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left, 1)
        row.addLayout(column)
        return box

    def _fill(self, record: QualificationRecord) -> None:
        self.title_edit.setText(record.title)
        self.kind_combo.setCurrentText(record.kind)
        self.issuer_edit.setText(record.issuer)
        self.valid_from.set_value(record.valid_from)
        self.expires.set_value(record.expires_on)
        self.notes_edit.setPlainText(record.notes)

    # --- scans ----------------------------------------------------------------------------
    def reload_files(self) -> None:
        self.file_list.clear()
        stored = self.record.files if self.record else ()
        for record in stored:
            if record.id in self.removed_ids:
                continue
            item = QListWidgetItem(f"{record.original_name}  ({format_size(record.size)})")
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.file_list.addItem(item)
        for path in self.new_files:
            item = QListWidgetItem(self.tr("{0}  (new)").format(path.name))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.file_list.addItem(item)

    def file_names(self) -> list[str]:
        return [self.file_list.item(i).text() for i in range(self.file_list.count())]

    def choose_files(self) -> None:
        names = user_settings.open_files(
            self, "scans", self.tr("Add scans"), self.tr("Scans (*.pdf *.jpg *.jpeg *.png)")
        )
        self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> list[Path]:
        """Queues scans for saving; returns the files refused (not PDF/JPG/PNG)."""
        refused = [p for p in paths if not is_scan(p) or not p.is_file()]
        self.new_files.extend(p for p in paths if p not in refused and p not in self.new_files)
        self.errors.clear()
        if refused:
            names = "、".join(p.name for p in refused)
            self.errors.show(problems_of_refused(names))
        self.reload_files()
        return refused

    def _selected(self) -> int | str | None:
        item = self.file_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _open_item(self, _item: QListWidgetItem) -> None:
        self.open_selected_file()

    def open_selected_file(self) -> None:
        selected = self._selected()
        if isinstance(selected, int):
            open_attachment(self.ctx, selected)
        elif isinstance(selected, str):
            QDesktopServices.openUrl(QUrl.fromLocalFile(selected))

    def remove_selected_file(self) -> None:
        selected = self._selected()
        if isinstance(selected, int):
            self.removed_ids.add(selected)
        elif isinstance(selected, str):
            self.new_files = [p for p in self.new_files if str(p) != selected]
        self.reload_files()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        self.add_files([Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()])
        event.acceptProposedAction()

    # --- saving ---------------------------------------------------------------------------
    def draft(self) -> QualificationDraft:
        return QualificationDraft(
            title=self.title_edit.text(),
            kind=self.kind_combo.currentText(),
            issuer=self.issuer_edit.text(),
            valid_from=self.valid_from.value(),
            expires_on=self.expires.value(),
            notes=self.notes_edit.toPlainText(),
        )

    def save(self) -> bool:
        self.errors.clear()
        self.banner.hide()
        archive = self.ctx.archive
        try:
            if self.qualification_id is None:
                record = qualifications.add(archive, self.draft(), self.new_files)
            else:
                qualifications.update(archive, self.qualification_id, self.draft())
                for attachment_id in self.removed_ids:
                    attachments.remove(archive, attachment_id)
                record = qualifications.add_files(archive, self.qualification_id, self.new_files)
        except AppError as exc:
            problems = problems_of(exc)
            unplaced = self.errors.show(problems) if problems else []
            if unplaced or not problems:
                lang = message_lang(self.ctx.lang)
                words = [problem_text(p.field, p.code, p.details, lang) for p in unplaced]
                self.banner.setText("\n".join(words) or error_text(exc, self.ctx.lang))
                self.banner.show()
            return False
        self.qualification_id, self.record, self.saved = record.id, record, record
        self.new_files, self.removed_ids = [], set()
        self.ctx.events.changed.emit("qualification")
        self.accept()
        return True

    def field_error(self, name: str) -> str:
        label = self.errors.labels.get(name)
        return label.text() if label is not None and not label.isHidden() else ""


def problems_of_refused(names: str) -> list[FieldProblem]:
    return [FieldProblem("file", "unsupported_scan", {"value": names})]


def open_attachment(ctx: UiContext, attachment_id: int) -> Path:
    """A copy under its original name, shown by the system viewer."""
    copy = attachments.copy_out(ctx.archive, attachment_id, SCAN_DIR)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))
    return copy


class QualificationsPage(QWidget):
    """The library table with add, edit, open a scan and delete."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QualificationDialog | None = None
        self.model = QualificationTableModel(ctx, self)
        self._build()
        self.refresh()
        ctx.events.changed.connect(self._on_changed)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        bar = QHBoxLayout()
        title = QLabel(self.tr("Qualification library"), self)
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.summary = QLabel(self)
        self.new_button = QPushButton(self.tr("Add qualification"), self)
        self.new_button.clicked.connect(self.new_qualification)
        self.edit_button = QPushButton(self.tr("Edit"), self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.open_button = QPushButton(self.tr("Open scan"), self)
        self.open_button.clicked.connect(self.open_scan)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.clicked.connect(self.delete_selected)
        bar.addWidget(title)
        bar.addWidget(self.summary, 1)
        for button in (self.new_button, self.edit_button, self.open_button, self.delete_button):
            bar.addWidget(button)
        layout.addLayout(bar)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._table())
        self.stack.addWidget(self._empty_state())
        layout.addWidget(self.stack, 1)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #555;")
        layout.addWidget(self.message)

    def _table(self) -> QTableView:
        self.table = QTableView(self)
        self.table.setModel(self.model)
        keys.mark(self.new_button, keys.NEW)
        keys.mark(self.delete_button, keys.DELETE, self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 120), (2, 160), (3, 95), (4, 95), (5, 120), (6, 60)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        return self.table

    def _empty_state(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        title = QLabel(self.tr("The library is empty"), page)
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(
            self.tr(
                "Add the company's business licence, certificates, financial reports and "
                "other standing documents with their scans and expiry dates; tender packets "
                "take them from here."
            ),
            page,
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color: #555;")
        button = QPushButton(self.tr("Add qualification"), page)
        button.clicked.connect(self.new_qualification)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        row.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    # --- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.current_id()
        self.model.refresh()
        records = self.model.records
        expired = sum(r.state == QualificationState.EXPIRED for r in records)
        expiring = sum(r.state == QualificationState.EXPIRING for r in records)
        self.summary.setText(
            self.tr("{0} items, {1} expired, {2} expiring within 30 days").format(
                len(records), expired, expiring
            )
        )
        self.stack.setCurrentIndex(0 if records else 1)
        if current is not None:
            self.select_qualification(current)
        self._update_buttons()

    def _on_changed(self, kind: str) -> None:
        if kind in ("qualification", "all"):
            self.refresh()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(QualificationTableModel.ID_ROLE) if index.isValid() else None

    def select_qualification(self, qualification_id: int) -> None:
        row = self.model.row_of(qualification_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.current_id() is not None
        for button in (self.edit_button, self.open_button, self.delete_button):
            button.setEnabled(chosen)

    # --- actions --------------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        self.edit_qualification(index.data(QualificationTableModel.ID_ROLE))

    def new_qualification(self) -> QualificationDialog:
        return self._show(QualificationDialog(self.ctx, parent=self))

    def edit_selected(self) -> None:
        if self.current_id() is not None:
            self.edit_qualification(self.current_id())

    def edit_qualification(self, qualification_id: int) -> QualificationDialog:
        return self._show(QualificationDialog(self.ctx, qualification_id, parent=self))

    def _show(self, dialog: QualificationDialog) -> QualificationDialog:
        if self.dialog is not None and self.dialog.isVisible() and not self.dialog.close_asking():
            dialog.deleteLater()  # 继续编辑: the open dialog stays, with what was typed
            self.dialog.raise_()
            return self.dialog
        self.dialog = dialog
        dialog.show()
        return dialog

    def open_scan(self) -> None:
        """One scan opens at once; with several, a menu names them."""
        row = self.model.row_of(self.current_id()) if self.current_id() is not None else -1
        if row < 0:
            return
        files = self.model.records[row].files
        if not files:
            self.message.setText(self.tr("This qualification has no scan yet."))
            return
        if len(files) == 1:
            self.open_file(files[0].id)
            return
        menu = QMenu(self)
        for record in files:
            action = menu.addAction(record.original_name)
            action.setData(record.id)
        chosen = menu.exec(self.open_button.mapToGlobal(self.open_button.rect().bottomLeft()))
        if chosen is not None:
            self.open_file(chosen.data())

    def open_file(self, attachment_id: int) -> None:
        try:
            open_attachment(self.ctx, attachment_id)
        except AppError as exc:
            self.message.setText(error_text(exc, self.ctx.lang))

    def delete_selected(self) -> None:
        qualification_id = self.current_id()
        if qualification_id is None:
            return
        title = self.model.records[self.model.row_of(qualification_id)].title
        question = self.tr("Delete “{0}” and its scans? Tender packets lose this file.")
        if not confirm(self, self.tr("Delete qualification"), question.format(title)):
            return
        try:
            qualifications.delete(self.ctx.archive, qualification_id)
        except AppError as exc:
            self.message.setText(error_text(exc, self.ctx.lang))
            return
        self.ctx.events.changed.emit("qualification")

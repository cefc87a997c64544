"""来往函: the 收文 and 发文 registers in two tabs, the add/edit dialog with scans (button or drag
and drop), overdue replies in red, .xlsx export and the printed register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import private_temp
from app.domain.documents import LetterDirection, LetterStatus
from app.domain.errors import AppError, FieldProblem, ValidationError
from app.services import attachments, clients, letters
from app.services.letters import LetterDraft, LetterFilter, LetterRow
from app.ui import user_settings
from app.ui.activity_dialog import ClientPicker, OptionalDate
from app.ui.context import UiContext
from app.ui.kit import keys
from app.ui.kit.dates import DateEdit, to_qdate
from app.ui.kit.forms import FieldErrors, FormDialog
from app.ui.kit.labels import add_choices, shown
from app.ui.widgets import confirm, error_text, fit_columns, format_date, format_size, show_error

_ROOT = QModelIndex()
DOCUMENT_CLIENT_COLUMN = 4  # in the documents page's table
SCAN_DIR = private_temp.session_path("attachments")
OVERDUE_COLOUR = "#c0392b"

# (heading source text, LetterRow attribute)
INCOMING_COLUMNS = (
    (QT_TRANSLATE_NOOP("LetterTableModel", "Reg. no."), "number"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Received"), "dated_on"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "From"), "counterpart"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Their ref."), "their_number"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Title / matter"), "title"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Copies"), "copies"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Handler"), "handler"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Handling"), "status"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Reply due"), "reply_due"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Filed"), "archived_on"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Client"), "client_name"),
)
OUTGOING_COLUMNS = (
    (QT_TRANSLATE_NOOP("LetterTableModel", "Number"), "number"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Sent"), "dated_on"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Title"), "title"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "To"), "counterpart"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Copies"), "copies"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Signed off by"), "handler"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Status"), "status"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Reply due"), "reply_due"),
    (QT_TRANSLATE_NOOP("LetterTableModel", "Client"), "client_name"),
)


# The columns that share the width left by the others (elided, the whole text in the tooltip).
TEXT_ATTRIBUTES = ("title", "counterpart")


class LetterTableModel(QAbstractTableModel):
    """One register (incoming or outgoing); overdue reply dates are red and bold."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, ctx: UiContext, direction: LetterDirection, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.direction = direction
        self.columns = (
            INCOMING_COLUMNS if direction == LetterDirection.INCOMING else OUTGOING_COLUMNS
        )
        self.filter = LetterFilter(direction=direction)
        self._rows: list[LetterRow] = []

    def set_filter(self, flt: LetterFilter) -> None:
        self.filter = LetterFilter(
            self.direction,
            flt.client_id,
            flt.statuses,
            flt.text,
            flt.date_from,
            flt.date_to,
            flt.reply_due_before,
        )
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = letters.list_letters(self.ctx.archive, self.filter)
        self.endResetModel()

    def row_at(self, row: int) -> LetterRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return QCoreApplication.translate("LetterTableModel", self.columns[section][0])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        attribute = self.columns[index.column()][1]
        if role == self.ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(row, attribute)
            if attribute == "status":
                return shown(value, self.ctx.lang, LetterStatus)
            return format_date(value) if isinstance(value, date) else str(value or "")
        overdue_cell = row.overdue and attribute == "reply_due"
        if role == Qt.ItemDataRole.ForegroundRole and overdue_cell:
            return QBrush(QColor(OVERDUE_COLOUR))
        if role == Qt.ItemDataRole.FontRole and overdue_cell:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and overdue_cell:
            return QCoreApplication.translate("LetterTableModel", "The reply is overdue")
        if role == Qt.ItemDataRole.ToolTipRole and attribute in TEXT_ATTRIBUTES:
            return str(getattr(row, attribute) or "") or None  # the whole text where elided
        return None


class LetterRegister(QWidget):
    """One tab: filters, the table and the register's buttons."""

    def __init__(
        self,
        ctx: UiContext,
        direction: LetterDirection,
        client_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.direction = direction
        self.client_id = client_id
        self.active_dialog: QDialog | None = None
        self.model = LetterTableModel(ctx, direction, self)
        self._build()
        self.apply_filter()

    def _build(self) -> None:
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText(self.tr("Number, title or counterpart"))
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.textChanged.connect(self.apply_filter)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All"), None)
        add_choices(self.status_filter, LetterStatus, self.ctx.lang)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.year_filter = QComboBox()
        self.fill_years()
        self.year_filter.currentIndexChanged.connect(self.apply_filter)
        self.overdue_only = QCheckBox(self.tr("Reply overdue"))
        self.overdue_only.toggled.connect(self.apply_filter)
        self.add_button = QPushButton(self.tr("Register…"))
        self.add_button.clicked.connect(lambda: self.open_dialog(None))
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button = QPushButton(self.tr("Export .xlsx…"))
        self.export_button.clicked.connect(self.choose_export)
        self.print_button = QPushButton(self.tr("Print register…"))
        self.print_button.clicked.connect(self.print_register)
        bar = QHBoxLayout()
        bar.addWidget(self.text_filter, 1)
        bar.addWidget(self.year_filter)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.overdue_only)
        for button in (
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.export_button,
            self.print_button,
        ):
            bar.addWidget(button)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda index: self.open_dialog(self._id_at(index.row())))
        keys.mark(self.add_button, keys.NEW)
        keys.mark(self.print_button, keys.PRINT)
        keys.mark(self.delete_button, keys.DELETE, self.view)
        self.count_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

    def set_client(self, client_id: int) -> None:
        self.client_id = client_id
        self.apply_filter()

    def fill_years(self) -> None:
        current = self.year_filter.currentData()
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem(self.tr("All years"), None)
        for year in letters.years(self.ctx.archive):
            self.year_filter.addItem(str(year), year)
        self.year_filter.setCurrentIndex(max(0, self.year_filter.findData(current)))
        self.year_filter.blockSignals(False)

    def current_filter(self) -> LetterFilter:
        status = self.status_filter.currentData()
        year = self.year_filter.currentData()
        return LetterFilter(
            self.direction,
            self.client_id,
            (status,) if status else (),
            self.text_filter.text().strip(),
            date(year, 1, 1) if year else None,
            date(year, 12, 31) if year else None,
            reply_due_before=self.ctx.archive.today() if self.overdue_only.isChecked() else None,
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        overdue = sum(1 for i in range(self.model.rowCount()) if self.model.row_at(i).overdue)
        text = self.tr("%n letter(s)", "", self.model.rowCount())
        if overdue:
            text += self.tr(", %n reply(ies) overdue", "", overdue)
        self.count_label.setText(text)

    def _id_at(self, row: int) -> int | None:
        return self.model.row_at(row).id if 0 <= row < self.model.rowCount() else None

    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self._id_at(rows[0].row()) if rows else None

    def open_dialog(self, letter_id: int | None) -> LetterDialog:
        dialog = LetterDialog(
            self.ctx, self.direction, letter_id, client_id=self.client_id or None, parent=self
        )
        dialog.accepted.connect(self.apply_filter)
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def edit_selected(self) -> None:
        letter_id = self.selected_id()
        if letter_id is not None:
            self.open_dialog(letter_id)

    def delete_selected(self) -> None:
        letter_id = self.selected_id()
        if letter_id is None:
            return
        row = letters.get_letter(self.ctx.archive, letter_id)
        question = self.tr("Delete “{0}” ({1}) and its scans?").format(row.title, row.number)
        if not confirm(self, self.tr("Delete letter"), question):
            return
        letters.delete_letter(self.ctx.archive, letter_id)
        self.ctx.events.changed.emit("letter")

    def choose_export(self) -> None:
        path = user_settings.save_file(
            self, "exports", self.tr("Export letters"), self.tr("letters.xlsx"), "Excel (*.xlsx)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path):
        return self.ctx.runner.submit(
            self.tr("Exporting letters…"),
            letters.export_xlsx,
            self.ctx.archive,
            path,
            self.current_filter(),
            on_done=lambda count: self.ctx.events.status_message.emit(
                self.tr("%n letter(s) exported", "", count)
            ),
            on_error=lambda exc: show_error(self, exc, self.ctx.lang),
        )

    def print_register(self):
        SCAN_DIR.mkdir(parents=True, exist_ok=True)
        out = SCAN_DIR / f"letters-{self.direction.value}.pdf"
        return self.ctx.runner.submit(
            self.tr("Printing the register…"),
            letters.register_pdf,
            self.ctx.archive,
            out,
            self.direction,
            self.current_filter(),
            on_done=lambda _pages: self._show_pdf(out),
            on_error=lambda exc: show_error(self, exc, self.ctx.lang),
        )

    def _show_pdf(self, path: Path) -> None:
        from app.ui.pdf_preview import PdfPreviewDialog

        name = "收文登记簿.pdf" if self.direction == LetterDirection.INCOMING else "发文登记簿.pdf"
        self.active_dialog = PdfPreviewDialog(path, self, save_suggestion=name)
        self.active_dialog.open()


class LettersPage(QWidget):
    """The 来往函 area: 收文 and 发文 tabs (or one client's letters on the client page)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, client_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.incoming = LetterRegister(ctx, LetterDirection.INCOMING, client_id, self)
        self.outgoing = LetterRegister(ctx, LetterDirection.OUTGOING, client_id, self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.incoming, self.tr("Incoming (收文)"))
        self.tabs.addTab(self.outgoing, self.tr("Outgoing (发文)"))
        layout = QVBoxLayout(self)
        if client_id is None:
            title = QLabel(self.tr("Letters"))
            title.setStyleSheet("font-size: 18px; font-weight: bold;")
            layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        ctx.events.changed.connect(self._on_changed)

    def set_client(self, client_id: int) -> None:
        self.incoming.set_client(client_id)
        self.outgoing.set_client(client_id)

    def _on_changed(self, kind: str) -> None:
        if kind in ("letter", "document", "client"):
            for register in (self.incoming, self.outgoing):
                register.fill_years()
                register.apply_filter()


class ClientCorrespondence(QWidget):
    """The client page's tab: the client's documents above its letters."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        from app.ui.documents.editor import DocumentsPage

        # Id 0 matches no client until set_client is called.
        self.documents = DocumentsPage(ctx, self, client_id=0)
        self.letters = LettersPage(ctx, self, client_id=0)
        # Every row is this client's: no client column. Dates, numbers and counts fit their
        # contents; titles and correspondents share the rest of the width.
        self.documents.view.hideColumn(DOCUMENT_CLIENT_COLUMN)
        for register in (self.letters.incoming, self.letters.outgoing):
            attributes = [attribute for _heading, attribute in register.model.columns]
            fit_columns(register.view, tuple(attributes.index(a) for a in TEXT_ATTRIBUTES))
            register.view.hideColumn(attributes.index("client_name"))
            register.view.horizontalHeader().setStretchLastSection(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.documents)
        splitter.addWidget(self.letters)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def set_client(self, client_id: int) -> None:
        self.documents.set_client(client_id)
        self.letters.set_client(client_id)


class LetterDialog(FormDialog):
    """Registers or edits one letter; files dropped on the dialog become its scans."""

    saved = Signal(int)

    def __init__(
        self,
        ctx: UiContext,
        direction: LetterDirection,
        letter_id: int | None = None,
        client_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.direction = LetterDirection(direction)
        self.letter_id = letter_id
        self.pending_scans: list[Path] = []
        self.document_id: int | None = None
        self.errors = FieldErrors(ctx.lang)
        incoming = self.direction == LetterDirection.INCOMING
        self.setWindowTitle(self.tr("Incoming letter") if incoming else self.tr("Outgoing letter"))
        self.setAcceptDrops(True)
        self._build(incoming)
        if letter_id is not None:
            self._load(letters.get_letter(ctx.archive, letter_id))
        elif client_id is not None:
            name = clients.get_client(ctx.archive, client_id).name
            self.client_picker.set_client(client_id, name)
            self.counterpart.setText(name)
        self.refresh_scans()
        self.set_form_buttons(self.save_button)  # Enter saves; closing with changes asks

    def extra_state(self) -> object:
        return tuple(self.pending_scans)  # scans dropped on a new letter, attached on save

    def _build(self, incoming: bool) -> None:
        form = QFormLayout()
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("Left empty: the next number of the year"))
        self.dated_on = DateEdit(to_qdate(self.ctx.archive.today()))
        self.dated_on.setCalendarPopup(True)
        self.dated_on.setDisplayFormat("yyyy-MM-dd")
        self.counterpart = QLineEdit()
        self.their_number = QLineEdit()
        self.title_edit = QLineEdit()
        self.copies = QSpinBox()
        self.copies.setRange(1, 999)
        self.handler = QLineEdit()
        self.status = QComboBox()
        statuses = (
            (LetterStatus.PENDING, LetterStatus.IN_PROGRESS, LetterStatus.DONE)
            if incoming
            else (LetterStatus.SENT, LetterStatus.DONE)
        )
        add_choices(self.status, LetterStatus, self.ctx.lang, statuses)
        today = self.ctx.archive.today()
        self.reply_due = OptionalDate(self.tr("Reply needed by"), today)
        self.archived_on = OptionalDate(self.tr("Filed on"), today)
        self.client_picker = ClientPicker(self.ctx)
        self.client_picker.chosen.connect(self._client_chosen)
        self.counterpart.editingFinished.connect(self._counterpart_entered)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        number_label = self.tr("Reg. no.") if incoming else self.tr("Number")
        form.addRow(number_label, self.errors.wrap("letter_number", self.number))
        form.addRow(self.tr("Date"), self.dated_on)
        unit_field = "from_unit" if incoming else "to_unit"
        form.addRow(
            self.tr("From") if incoming else self.tr("To"),
            self.errors.wrap(unit_field, self.counterpart),
        )
        if incoming:
            form.addRow(self.tr("Their ref."), self.errors.wrap("their_number", self.their_number))
        form.addRow(self.tr("Title / matter"), self.errors.wrap("letter_title", self.title_edit))
        form.addRow(self.tr("Copies"), self.errors.wrap("copies", self.copies))
        form.addRow(self.tr("Handler") if incoming else self.tr("Signed off by"), self.handler)
        form.addRow(self.tr("Handling"), self.status)
        form.addRow(self.tr("Reply due"), self.errors.wrap("reply_due", self.reply_due))
        if incoming:
            form.addRow(self.tr("Filed"), self.archived_on)
        form.addRow(self.tr("Client"), self.client_picker)
        form.addRow(self.tr("Notes"), self.notes)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Scans (drop files here):")))
        self.scan_list = QListWidget()
        self.scan_list.setMaximumHeight(90)
        self.scan_list.itemDoubleClicked.connect(self.open_scan)
        layout.addWidget(self.scan_list)
        scan_row = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("Attach scan…"))
        self.attach_button.clicked.connect(self.choose_scans)
        self.remove_scan_button = QPushButton(self.tr("Remove scan"))
        self.remove_scan_button.clicked.connect(self.remove_scan)
        scan_row.addWidget(self.attach_button)
        scan_row.addWidget(self.remove_scan_button)
        scan_row.addStretch(1)
        layout.addLayout(scan_row)
        self.document_button = QPushButton(self.tr("Open the issued document"))
        self.document_button.clicked.connect(self.open_document)
        self.document_button.hide()
        layout.addWidget(self.document_button)
        self.general_error = QLabel()
        self.general_error.setStyleSheet("color: #d9363e;")
        self.general_error.setWordWrap(True)
        layout.addWidget(self.general_error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        from app.ui.history_view import with_history  # issue 9: 修改记录

        shown, self.history = with_history(
            self.ctx, page, self.tr("Letter"), "letter", self.letter_id, self
        )
        outer = QVBoxLayout(self)
        outer.addWidget(shown, 1)
        outer.addWidget(buttons)

    def _client_chosen(self, client_id: int) -> None:
        if not self.counterpart.text().strip():
            self.counterpart.setText(self.client_picker.text())

    def _counterpart_entered(self) -> None:
        """A 来文单位 (or 主送单位) that is exactly a client's name picks that client, unless a
        client is chosen or typed already."""
        if self.client_picker.text().strip():
            return
        found = clients.client_named(self.ctx.archive, self.counterpart.text())
        if found is not None:
            self.client_picker.set_client(*found)

    def open_document(self) -> None:
        if self.document_id is not None:
            self.ctx.events.open_record.emit("document", self.document_id)

    def _load(self, row: LetterRow) -> None:
        self.document_id = row.document_id
        self.document_button.setVisible(row.document_id is not None)
        self.number.setText(row.number)
        self.dated_on.setDate(to_qdate(row.dated_on))
        self.counterpart.setText(row.counterpart)
        self.their_number.setText(row.their_number)
        self.title_edit.setText(row.title)
        self.copies.setValue(row.copies)
        self.handler.setText(row.handler)
        index = self.status.findData(row.status)
        if index < 0:
            self.status.addItem(shown(row.status, self.ctx.lang, LetterStatus), row.status)
            index = self.status.count() - 1
        self.status.setCurrentIndex(index)
        self.reply_due.set_value(row.reply_due)
        self.archived_on.set_value(row.archived_on)
        if row.client_id is not None:
            self.client_picker.set_client(row.client_id, row.client_name)
        self.notes.setPlainText(row.notes)

    def draft(self) -> LetterDraft:
        self._counterpart_entered()
        return LetterDraft(
            direction=self.direction,
            title=self.title_edit.text(),
            counterpart=self.counterpart.text(),
            dated_on=self.dated_on.date().toPython(),
            number=self.number.text(),
            their_number=self.their_number.text(),
            copies=self.copies.value(),
            handler=self.handler.text(),
            status=self.status.currentData(),
            reply_due=self.reply_due.value(),
            archived_on=self.archived_on.value()
            if self.direction == LetterDirection.INCOMING
            else None,
            notes=self.notes.toPlainText(),
            client_id=self.client_picker.resolve(),
        )

    def save(self) -> bool:
        self.errors.clear()
        self.general_error.clear()
        try:
            if self.letter_id is None:
                row = letters.add_letter(self.ctx.archive, self.draft())
            else:
                row = letters.update_letter(self.ctx.archive, self.letter_id, self.draft())
        except ValidationError as exc:
            unplaced = self.errors.show([FieldProblem(exc.field, exc.code, dict(exc.details))])
            if unplaced:
                self.general_error.setText(error_text(exc, self.ctx.lang))
            return False
        except AppError as exc:
            self.general_error.setText(error_text(exc, self.ctx.lang))
            return False
        self.letter_id = row.id
        for path in self.pending_scans:
            letters.attach_scan(self.ctx.archive, row.id, path)
        self.pending_scans = []
        self.saved.emit(row.id)
        self.ctx.events.changed.emit("letter")
        self.accept()
        return True

    # --- scans ----------------------------------------------------------------------------
    def refresh_scans(self) -> None:
        self.scan_list.clear()
        if self.letter_id is not None:
            for record in letters.scans(self.ctx.archive, self.letter_id):
                item = QListWidgetItem(f"{record.original_name}  ({format_size(record.size)})")
                item.setData(Qt.ItemDataRole.UserRole, record.id)
                self.scan_list.addItem(item)
        for path in self.pending_scans:
            item = QListWidgetItem(self.tr("{0}  (attached on save)").format(path.name))
            item.setData(Qt.ItemDataRole.UserRole, None)
            self.scan_list.addItem(item)

    def scan_names(self) -> list[str]:
        return [self.scan_list.item(i).text() for i in range(self.scan_list.count())]

    def add_scans(self, paths: list[Path]) -> None:
        files = [Path(p) for p in paths if Path(p).is_file()]
        if self.letter_id is None:
            self.pending_scans.extend(files)
        else:
            try:
                for path in files:
                    letters.attach_scan(self.ctx.archive, self.letter_id, path)
            except AppError as exc:
                show_error(self, exc, self.ctx.lang)
        self.refresh_scans()

    def choose_scans(self) -> None:
        paths = user_settings.open_files(
            self,
            "scans",
            self.tr("Attach scans"),
            self.tr("Scans (*.pdf *.jpg *.jpeg *.png);;All (*)"),
        )
        if paths:
            self.add_scans([Path(p) for p in paths])

    def _selected_scan(self) -> int | None:
        item = self.scan_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def open_scan(self, *_args: object) -> None:
        attachment_id = self._selected_scan()
        if attachment_id is not None:
            copy = attachments.copy_out(self.ctx.archive, attachment_id, SCAN_DIR)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))

    def remove_scan(self) -> None:
        item = self.scan_list.currentItem()
        if item is None:
            return
        attachment_id = item.data(Qt.ItemDataRole.UserRole)
        if attachment_id is None:
            del self.pending_scans[self.scan_list.row(item) - self._stored_count()]
        else:
            attachments.remove(self.ctx.archive, attachment_id)
        self.refresh_scans()

    def _stored_count(self) -> int:
        return sum(
            1
            for i in range(self.scan_list.count())
            if self.scan_list.item(i).data(Qt.ItemDataRole.UserRole) is not None
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.add_scans(paths)
            event.acceptProposedAction()


def open_letter_dialog(
    ctx: UiContext, letter_id: int, parent: QWidget | None = None
) -> LetterDialog:
    """The dialog for a registered letter (for search hits and links from other pages)."""
    row = letters.get_letter(ctx.archive, letter_id)
    return LetterDialog(ctx, row.direction, letter_id, parent=parent)

"""文书: the list of agreements, notices, letters and faxes with a status filter, and the
DocumentEditor: template, client, the typed values as a form made from the placeholders, the
body text, the live list of missing values, version history with a diff, review buttons and
打印/预览."""

from __future__ import annotations

import html
from decimal import Decimal

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import private_temp
from app.domain import documents as rules
from app.domain.documents import DocStatus, DocumentKind, ReviewAction
from app.domain.errors import AppError
from app.domain.money import parse_yuan
from app.services import clients, documents
from app.services.documents import DocumentFilter, DocumentRow, DraftState, Edit
from app.ui.activity_dialog import ClientPicker
from app.ui.context import UiContext
from app.ui.kit import keys
from app.ui.kit.forms import FormDialog
from app.ui.kit.labels import add_choices, shown
from app.ui.widgets import confirm, error_text, format_date, format_money, show_error

_ROOT = QModelIndex()
PRINT_DIR = private_temp.session_path("documents")
PREVIEW_DELAY_MS = 250
STATUS_COLOURS = {
    DocStatus.DRAFT: "#555555",
    DocStatus.IN_REVIEW: "#d68910",
    DocStatus.APPROVED: "#1e8449",
    DocStatus.SIGNED: "#1a5276",
    DocStatus.RETURNED: "#c0392b",
}
MULTILINE_KEYS = ("body", "payment_terms")
NEW_LINE = ("", "", "1", "", "")  # a line added by 添加一行: its quantity is 1 until changed

COLUMNS = (
    QT_TRANSLATE_NOOP("DocumentTableModel", "Title"),
    QT_TRANSLATE_NOOP("DocumentTableModel", "Kind"),
    QT_TRANSLATE_NOOP("DocumentTableModel", "Status"),
    QT_TRANSLATE_NOOP("DocumentTableModel", "Number"),
    QT_TRANSLATE_NOOP("DocumentTableModel", "Client"),
    QT_TRANSLATE_NOOP("DocumentTableModel", "Updated"),
)


class DocumentTableModel(QAbstractTableModel):
    """The documents matching a filter (a team writes hundreds a year, not millions)."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.filter = DocumentFilter()
        self._rows: list[DocumentRow] = []

    def set_filter(self, flt: DocumentFilter) -> None:
        self.filter = flt
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = documents.list_documents(self.ctx.archive, self.filter)
        self.endResetModel()

    def row_at(self, row: int) -> DocumentRow:
        return self._rows[row]

    def row_of(self, document_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == document_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("DocumentTableModel", COLUMNS[section])
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
            return self._text(row, index.column(), self.ctx.lang)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            return QBrush(QColor(STATUS_COLOURS.get(row.status, "#000000")))
        return None

    @staticmethod
    def _text(row: DocumentRow, column: int, lang: str) -> str:
        values = (
            row.title,
            shown(row.kind, lang, DocumentKind),
            shown(row.status, lang, DocStatus),
            row.doc_number,
            row.client_name,
            format_date(row.updated_at),
        )
        return values[column] if 0 <= column < len(values) else ""


class DocumentsPage(QWidget):
    """The 文书 area: filter by status, kind and text; open, create, delete."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, client_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self.active_dialog: QDialog | None = None
        self.model = DocumentTableModel(ctx, self)
        self._build()
        ctx.events.changed.connect(self._on_changed)
        self.apply_filter()

    def _build(self) -> None:
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All states"), None)
        add_choices(self.status_filter, DocStatus, self.ctx.lang)
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("All kinds"), None)
        add_choices(self.kind_filter, DocumentKind, self.ctx.lang)
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText(self.tr("Title, number or client"))
        self.text_filter.setClearButtonEnabled(True)
        for combo in (self.status_filter, self.kind_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.text_filter.textChanged.connect(self.apply_filter)
        self.new_button = QPushButton(self.tr("New document…"))
        self.new_button.clicked.connect(lambda: self.open_editor(None))
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.prefix_button = QPushButton(self.tr("Number prefixes…"))
        self.prefix_button.clicked.connect(self.edit_prefixes)
        self.templates_button = QPushButton(self.tr("Templates…"))
        self.templates_button.clicked.connect(self.open_templates)
        bar = QHBoxLayout()
        for widget in (self.status_filter, self.kind_filter):
            bar.addWidget(widget)
        bar.addWidget(self.text_filter, 1)
        for button in (
            self.new_button,
            self.open_button,
            self.delete_button,
            self.templates_button,
            self.prefix_button,
        ):
            bar.addWidget(button)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().hide()
        self.view.doubleClicked.connect(lambda index: self.open_editor(self._id_at(index.row())))
        keys.mark(self.new_button, keys.NEW)
        keys.mark(self.delete_button, keys.DELETE, self.view)
        self.count_label = QLabel()
        layout = QVBoxLayout(self)
        if self.client_id is None:
            title = QLabel(self.tr("Documents"))
            title.setStyleSheet("font-size: 18px; font-weight: bold;")
            layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

    def set_client(self, client_id: int) -> None:
        """Shows one client's documents (the tab on the client page)."""
        self.client_id = client_id
        self.apply_filter()

    def apply_filter(self) -> None:
        status = self.status_filter.currentData()
        kind = self.kind_filter.currentData()
        self.model.set_filter(
            DocumentFilter(
                (status,) if status else (),
                (kind,) if kind else (),
                self.client_id,
                self.text_filter.text().strip(),
            )
        )
        self.count_label.setText(self.tr("%n document(s)", "", self.model.rowCount()))

    def _on_changed(self, kind: str) -> None:
        if kind in ("document", "letter", "client"):
            self.apply_filter()

    def _id_at(self, row: int) -> int | None:
        return self.model.row_at(row).id if 0 <= row < self.model.rowCount() else None

    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self._id_at(rows[0].row()) if rows else None

    def open_selected(self) -> None:
        document_id = self.selected_id()
        if document_id is not None:
            self.open_editor(document_id)

    def open_editor(self, document_id: int | None) -> DocumentEditor:
        editor = DocumentEditor(
            self.ctx, document_id, client_id=self.client_id or None, parent=self
        )
        self.active_dialog = editor
        editor.open()
        return editor

    def delete_selected(self) -> None:
        document_id = self.selected_id()
        if document_id is None:
            return
        row = self.model.row_at(self.model.row_of(document_id))
        question = self.tr("Delete “{0}”? Its number is not given out again.").format(row.title)
        if not confirm(self, self.tr("Delete document"), question):
            return
        try:
            documents.delete_document(self.ctx.archive, document_id)
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
            return
        self.ctx.events.changed.emit("document")

    def open_templates(self) -> TemplatesDialog:
        dialog = TemplatesDialog(self.ctx, self)
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def edit_prefixes(self) -> NumberPrefixDialog:
        dialog = NumberPrefixDialog(self.ctx, self)
        self.active_dialog = dialog
        dialog.open()
        return dialog


# What a prefix looks like for each numbered kind (the placeholder of its box).
PREFIX_EXAMPLES = {
    DocumentKind.NOTICE: "华信通",
    DocumentKind.LETTER: "华信函",
    DocumentKind.FAX: "华信传",
}


class NumberPrefixDialog(FormDialog):
    """文号前缀: one box per numbered kind, named, for the 机关代字 printed before 〔year〕, and
    beside it the number the next document would get with what is typed (华信函〔2026〕12号)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Number prefixes"))
        self.setMinimumWidth(480)
        intro = QLabel(
            self.tr(
                "The issuing code printed before 〔year〕 in the number of each kind of "
                "document. Left empty, the number starts with 〔year〕."
            )
        )
        intro.setWordWrap(True)
        self.saved_prefixes = documents.number_prefixes(ctx.archive)
        self.edits: dict[DocumentKind, QLineEdit] = {}
        self.examples: dict[DocumentKind, QLabel] = {}
        form = QFormLayout()
        for kind in (k for k in DocumentKind if k in self.saved_prefixes):
            edit = QLineEdit(self.saved_prefixes[kind])
            edit.setPlaceholderText(self.tr("e.g. {0}").format(PREFIX_EXAMPLES.get(kind, "")))
            example = QLabel()
            example.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            edit.textChanged.connect(lambda _text, k=kind: self.show_example(k))
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(example, 1)
            form.addRow(self.tr("{0}:").format(shown(kind, self.ctx.lang)), row)
            self.edits[kind], self.examples[kind] = edit, example
            self.show_example(kind)
        self.error = QLabel()
        self.error.setStyleSheet("color: #d9363e;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.set_form_buttons(self.save_button)  # Enter saves; closing with changes asks

    def show_example(self, kind: DocumentKind) -> None:
        number = documents.next_doc_number(self.ctx.archive, self.edits[kind].text())
        self.examples[kind].setText(self.tr("Next number: {0}").format(number))

    def save(self) -> bool:
        self.error.clear()
        try:
            for kind, edit in self.edits.items():
                if edit.text().strip() != self.saved_prefixes[kind]:
                    documents.save_number_prefix(self.ctx.archive, kind, edit.text())
                    self.saved_prefixes[kind] = edit.text().strip()
        except AppError as exc:
            self.error.setText(error_text(exc, self.ctx.lang))
            return False
        self.accept()
        return True


class TemplatesDialog(FormDialog):
    """The shipped templates (read-only) and the user's own: copy, edit, delete."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Document templates"))
        self.resize(980, 680)
        self.list = QListWidget()
        self.list.setFixedWidth(240)
        self.list.currentRowChanged.connect(self._show_current)
        self.name_edit = QLineEdit()
        self.body_edit = QPlainTextEdit()
        self.info = QLabel()
        self.info.setStyleSheet("color: #666;")
        self.copy_button = QPushButton(self.tr("Copy as new…"))
        self.copy_button.clicked.connect(self.copy_current)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save_current)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_current)
        keys.mark(self.delete_button, keys.DELETE, self.list)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)  # asks first when the open template has changes
        right = QVBoxLayout()
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        right.addLayout(form)
        right.addWidget(self.body_edit, 1)
        right.addWidget(self.info)
        buttons = QHBoxLayout()
        for button in (self.copy_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        right.addLayout(buttons)
        row = QHBoxLayout(self)
        row.addWidget(self.list)
        row.addLayout(right, 1)
        self.templates: list[documents.TemplateRecord] = []
        self.reload()
        self.set_form_buttons(self.save_button)  # Enter saves the open template

    def has_unsaved_changes(self) -> bool:
        template = self.current()
        return (
            template is not None
            and not template.builtin
            and (
                self.name_edit.text() != template.name
                or self.body_edit.toPlainText() != template.body
            )
        )

    def save_before_closing(self) -> bool:
        return self.save_current()

    def reload(self, select: str | None = None) -> None:
        self.templates = documents.list_templates(self.ctx.archive)
        self.list.clear()
        for t in self.templates:
            origin = self.tr("built-in") if t.builtin else self.tr("own")
            kind = shown(t.kind, self.ctx.lang, DocumentKind)
            self.list.addItem(self.tr("{0} ({1}, {2})").format(t.name, kind, origin))
        keys = [t.key for t in self.templates]
        self.list.setCurrentRow(keys.index(select) if select in keys else 0)

    def current(self) -> documents.TemplateRecord | None:
        row = self.list.currentRow()
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def _show_current(self, _row: int) -> None:
        template = self.current()
        if template is None:
            return
        self.name_edit.setText(template.name)
        self.body_edit.setPlainText(template.body)
        for widget in (self.name_edit, self.body_edit):
            widget.setReadOnly(template.builtin)
        self.save_button.setEnabled(not template.builtin)
        self.delete_button.setEnabled(not template.builtin)
        kind = self.tr("Kind: {0}").format(shown(template.kind, self.ctx.lang, DocumentKind))
        note = self.tr("Built-in: copy it to make your own.") if template.builtin else ""
        self.info.setText(f"{kind}。{note}" if note else f"{kind}。")

    def copy_current(self, key: str | None = None, name: str | None = None) -> bool:
        template = self.current()
        if template is None:
            return False
        if name is None:
            name, ok = QInputDialog.getText(
                self, self.tr("Copy template"), self.tr("Name:"), text=template.name
            )
            if not ok:
                return False
        if key is None:
            key = documents.new_template_key(self.ctx.archive)
        try:
            documents.copy_template(self.ctx.archive, template.key, key, name)
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
            return False
        self.reload(key.strip())
        return True

    def save_current(self) -> bool:
        template = self.current()
        if template is None or template.builtin:
            return False
        try:
            documents.save_template(
                self.ctx.archive, template.key, self.name_edit.text(), self.body_edit.toPlainText()
            )
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
            return False
        self.reload(template.key)
        return True

    def delete_current(self) -> None:
        template = self.current()
        if template is None or template.builtin:
            return
        question = self.tr("Delete the template “{0}”?").format(template.name)
        if confirm(self, self.tr("Delete template"), question):
            documents.delete_template(self.ctx.archive, template.key)
            self.reload()


class DocumentEditor(FormDialog):
    """Drafting one document. Each save is a new version; review buttons follow the state."""

    saved = Signal(int)

    def __init__(
        self,
        ctx: UiContext,
        document_id: int | None = None,
        client_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.document_id = document_id
        self.record: documents.DocumentRecord | None = None
        self.value_inputs: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.last_preview: documents.Preview | None = None
        self.preview_dialog = None
        self._loading = False
        self.setWindowTitle(self.tr("Document"))
        self.resize(1180, 820)
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self._build()
        if document_id is not None:
            self.load(document_id)
        else:
            self._new(client_id)
        self.set_form_buttons(self.save_button)  # Enter saves a version; Esc asks if changed

    def has_unsaved_changes(self) -> bool:
        if self.record is not None:  # saved: compared with its latest version
            return self.record.editable and self.is_dirty()
        return super().has_unsaved_changes()  # new: compared with the form as it opened

    def save_before_closing(self) -> bool:
        return self.save()  # the editor stays open after a save: closed once saved

    # --- building -------------------------------------------------------------------------
    def _build(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(self._header_form())
        self.tabs = QTabWidget()
        self.tabs.addTab(self._values_tab(), self.tr("Values"))
        self.tabs.addTab(self._body_tab(), self.tr("Text"))
        self.preview_view = QTextBrowser()
        self.tabs.addTab(self.preview_view, self.tr("Preview"))
        self.tabs.addTab(self._versions_tab(), self.tr("Versions"))
        self.reviews_table = self._table(
            [self.tr("Time"), self.tr("By"), self.tr("Step"), self.tr("Comment")]
        )
        self.tabs.addTab(self.reviews_table, self.tr("Review"))
        from app.ui.history_view import HistoryView  # issue 9: 修改记录

        self.history = HistoryView(self.ctx, "document", self)
        self.tabs.addTab(self.history, self.history.title())
        left_layout.addWidget(self.tabs, 1)
        splitter.addWidget(left)
        splitter.addWidget(self._side_panel())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._buttons())

    def _header_form(self) -> QFormLayout:
        form = QFormLayout()
        self.kind_combo = QComboBox()
        add_choices(self.kind_combo, DocumentKind, self.ctx.lang)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.template_combo = QComboBox()
        self.template_combo.currentIndexChanged.connect(self._on_template_changed)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_combo)
        kind_row.addWidget(QLabel(self.tr("Template")))
        kind_row.addWidget(self.template_combo, 1)
        self.save_template_button = QPushButton(self.tr("Save as template…"))
        self.save_template_button.clicked.connect(self.save_as_template)
        kind_row.addWidget(self.save_template_button)
        form.addRow(self.tr("Kind"), kind_row)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("Empty: the template's title"))
        self.title_edit.textEdited.connect(self._schedule)
        form.addRow(self.tr("Title"), self.title_edit)
        self.client_picker = ClientPicker(self.ctx)
        self.client_picker.chosen.connect(self._on_client_chosen)
        self.client_picker.textEdited.connect(self._schedule)
        self.contact_combo = QComboBox()
        self.contact_combo.currentIndexChanged.connect(self._schedule)
        client_row = QHBoxLayout()
        client_row.addWidget(self.client_picker, 2)
        client_row.addWidget(QLabel(self.tr("Contact")))
        client_row.addWidget(self.contact_combo, 1)
        form.addRow(self.tr("Client"), client_row)
        return form

    def _values_tab(self) -> QWidget:
        self.values_box = QWidget()
        self.values_form = QFormLayout(self.values_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.values_box)
        self.lines_group = QGroupBox(self.tr("Contract lines"))
        self.lines_table = QTableWidget(0, 5)
        self.lines_table.setHorizontalHeaderLabels(
            [
                self.tr("Product"),
                self.tr("Model/spec"),
                self.tr("Quantity"),
                self.tr("Unit"),
                self.tr("Unit price (yuan)"),
            ]
        )
        self.lines_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines_table.itemChanged.connect(self._on_line_changed)
        add_line = QPushButton(self.tr("Add line"))
        add_line.clicked.connect(lambda: self.add_line())  # not clicked(bool) as the cells
        remove_line = QPushButton(self.tr("Remove line"))
        remove_line.clicked.connect(self.remove_line)
        self.total_label = QLabel()
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(add_line)
        line_buttons.addWidget(remove_line)
        line_buttons.addStretch(1)
        line_buttons.addWidget(self.total_label)
        group_layout = QVBoxLayout(self.lines_group)
        group_layout.addWidget(self.lines_table)
        group_layout.addLayout(line_buttons)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(scroll, 3)
        layout.addWidget(self.lines_group, 2)
        return tab

    def _body_tab(self) -> QWidget:
        self.body_edit = QPlainTextEdit()
        self.body_edit.textChanged.connect(self._on_body_changed)
        hint = QLabel(
            self.tr(
                "# title · ## clause heading · > right-aligned · < flush left · | label | value | · "
                "{{key|label}} a value · {{lines_table}} · {{signature}} · a label ending in "
                "(可选) is optional"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.body_edit, 1)
        layout.addWidget(hint)
        return tab

    def _versions_tab(self) -> QWidget:
        self.versions_table = self._table(
            [self.tr("Version"), self.tr("Time"), self.tr("By"), self.tr("What changed")]
        )
        self.old_version = QComboBox()
        self.new_version = QComboBox()
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.clicked.connect(self.show_diff)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Compare version")))
        row.addWidget(self.old_version)
        row.addWidget(QLabel(self.tr("with")))
        row.addWidget(self.new_version)
        row.addWidget(self.compare_button)
        row.addStretch(1)
        self.diff_view = QTextBrowser()
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.versions_table, 1)
        layout.addLayout(row)
        layout.addWidget(self.diff_view, 2)
        return tab

    def _table(self, headings: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headings))
        table.setHorizontalHeaderLabels(headings)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headings) - 1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        return table

    def _side_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        self.status_label = QLabel()
        self.status_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.number_label = QLabel()
        layout.addWidget(self.status_label)
        layout.addWidget(self.number_label)
        layout.addWidget(QLabel(self.tr("Missing before printing:")))
        self.missing_list = QListWidget()
        self.missing_list.setStyleSheet("color: #c0392b;")
        self.missing_list.setWordWrap(True)  # long labels wrap instead of being cut off
        self.missing_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.missing_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.missing_list.itemDoubleClicked.connect(self._focus_missing)
        layout.addWidget(self.missing_list, 1)
        self.nothing_missing = QLabel(self.tr("None: ready to print"))
        self.nothing_missing.setStyleSheet("color: #1e8449;")
        self.nothing_missing.hide()
        layout.addWidget(self.nothing_missing, 1, Qt.AlignmentFlag.AlignTop)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #c0392b;")
        layout.addWidget(self.problem_label)
        return panel

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Your name")))
        self.actor_edit = QLineEdit(str(QSettings().value("documents/actor", "") or ""))
        self.actor_edit.setFixedWidth(110)
        row.addWidget(self.actor_edit)
        row.addStretch(1)
        self.save_button = QPushButton(self.tr("Save"))  # Ctrl+S: FormDialog
        self.save_button.clicked.connect(self.save)
        self.review_buttons = {
            ReviewAction.SUBMIT: QPushButton(self.tr("Submit for review")),
            ReviewAction.APPROVE: QPushButton(self.tr("Approve")),
            ReviewAction.RETURN: QPushButton(self.tr("Return…")),
            ReviewAction.SIGN: QPushButton(self.tr("Mark signed")),
        }
        for action, button in self.review_buttons.items():
            button.clicked.connect(lambda _c=False, a=action: self.review(a))
        self.issue_button = QPushButton(self.tr("Issue number"))
        self.issue_button.clicked.connect(self.issue)
        self.print_button = keys.mark(QPushButton(self.tr("Print / preview…")), keys.PRINT)
        self.print_button.clicked.connect(self.print_preview)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        for button in (
            self.save_button,
            *self.review_buttons.values(),
            self.issue_button,
            self.print_button,
            close,
        ):
            row.addWidget(button)
        return row

    # --- loading --------------------------------------------------------------------------
    def _new(self, client_id: int | None) -> None:
        self._loading = True
        if client_id is not None:
            self.client_picker.set_client(
                client_id, clients.get_client(self.ctx.archive, client_id).name
            )
        self._fill_templates()
        self._loading = False
        self._on_template_changed()
        self._update_state()

    def load(self, document_id: int) -> None:
        self._loading = True
        try:
            record = documents.get_document(self.ctx.archive, document_id)
            self.record, self.document_id = record, record.id
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(record.kind.value))
            self._fill_templates(record.template_key)
            self.title_edit.setText(record.title)
            if record.client_id is not None:
                self.client_picker.set_client(record.client_id, record.client_name)
            else:
                self.client_picker.clear()
                self.client_picker.client_id = None
            self._fill_contacts(record.client_id, record.contact_id)
            self.body_edit.setPlainText(record.body)
            self._set_lines(record.lines)
            self._rebuild_values_form(record.values)
            self._fill_history(record)
            self.history.show_record(record.id)
        finally:
            self._loading = False
        self.setWindowTitle(self.tr("Document — {0}").format(record.title))
        self._update_state()
        self.refresh_preview()

    def _fill_templates(self, selected: str | None = None) -> None:
        kind = DocumentKind(self.kind_combo.currentData())
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        for template in documents.list_templates(self.ctx.archive, kind):
            self.template_combo.addItem(template.name, template.key)
        if selected is not None:
            index = self.template_combo.findData(selected)
            if index < 0:
                self.template_combo.addItem(selected, selected)
                index = self.template_combo.count() - 1
            self.template_combo.setCurrentIndex(index)
        self.template_combo.blockSignals(False)

    def _fill_contacts(self, client_id: int | None, selected: int | None = None) -> None:
        self.contact_combo.blockSignals(True)
        self.contact_combo.clear()
        self.contact_combo.addItem(self.tr("(none)"), None)
        if client_id is not None:
            for contact in clients.get_client(self.ctx.archive, client_id).contacts:
                self.contact_combo.addItem(f"{contact.name} {contact.title}".strip(), contact.id)
        index = self.contact_combo.findData(selected) if selected is not None else 0
        self.contact_combo.setCurrentIndex(max(index, 0))
        self.contact_combo.blockSignals(False)

    def _fill_history(self, record: documents.DocumentRecord) -> None:
        self.versions_table.setRowCount(len(record.versions))
        for row, v in enumerate(record.versions):
            cells = (f"v{v.version}", format_date(v.created_at), v.author, v.note)
            for column, text in enumerate(cells):
                self.versions_table.setItem(row, column, QTableWidgetItem(text))
        for combo, default in ((self.old_version, -2), (self.new_version, -1)):
            combo.clear()
            for v in record.versions:
                combo.addItem(f"v{v.version}", v.version)
            combo.setCurrentIndex(max(0, combo.count() + default))
        self.reviews_table.setRowCount(len(record.reviews))
        for row, r in enumerate(record.reviews):
            lang = self.ctx.lang
            moved = f"{shown(r.from_status, lang, DocStatus)}→{shown(r.to_status, lang, DocStatus)}"
            step = self.tr("{0} ({1})").format(shown(r.action, lang, ReviewAction), moved)
            for column, text in enumerate((format_date(r.at), r.actor, step, r.comment)):
                self.reviews_table.setItem(row, column, QTableWidgetItem(text))

    # --- the values form ------------------------------------------------------------------
    def _form_keys(self, body: str) -> list[rules.Placeholder]:
        """Free values, plus archive values that are missing or were typed over."""
        found = rules.placeholders(body)
        missing = {p.key for p in self.last_preview.missing} if self.last_preview else set()
        typed = set(self.current_values())
        skip = {
            "lines_table",
            "signature",
            "doc.number",
            "doc.date",
            "amount.figures",
            "amount.capitals",
        }
        keys = [
            p
            for p in found
            if p.key not in skip and (not p.automatic or p.key in missing or p.key in typed)
        ]
        uses_amount = any(p.key.startswith("amount.") for p in found)
        if uses_amount and not any(p.key == "lines_table" for p in found):
            keys.append(rules.Placeholder("amount", self.tr("Amount (yuan)")))
        return keys

    def _rebuild_values_form(self, values: dict[str, str] | None = None) -> None:
        values = dict(self.current_values() if values is None else values)
        body = self.body_edit.toPlainText()
        keys = self._form_keys(body)
        if [p.key for p in keys] == list(self.value_inputs) and values == self.current_values():
            return
        while self.values_form.rowCount():
            self.values_form.removeRow(0)
        self.value_inputs = {}
        for p in keys:
            widget = self._value_input(p, values.get(p.key, ""))
            self.value_inputs[p.key] = widget
            self.values_form.addRow(p.label, widget)
        self.lines_group.setVisible("{{lines_table" in body)
        # Tab goes from the contact through the values (made later than the rest) to the lines
        chain = [self.contact_combo, *self.value_inputs.values(), self.lines_table]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _value_input(self, p: rules.Placeholder, value: str) -> QLineEdit | QPlainTextEdit:
        if p.key in MULTILINE_KEYS or "正文" in p.label:
            widget = QPlainTextEdit(value)
            widget.setFixedHeight(110)
            widget.textChanged.connect(self._schedule)
        else:
            widget = QLineEdit(value)
            widget.textEdited.connect(self._schedule)
        widget.setObjectName(f"value:{p.key}")
        return widget

    def current_values(self) -> dict[str, str]:
        out = {}
        for key, widget in self.value_inputs.items():
            text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
            if text.strip():
                out[key] = text.strip()
        return out

    def set_value(self, key: str, text: str) -> None:
        widget = self.value_inputs[key]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(text)
        else:
            widget.setText(text)
        self._schedule()

    # --- contract lines -------------------------------------------------------------------
    def add_line(self, cells: tuple[str, ...] = NEW_LINE) -> None:
        """Appends a line (a new one is empty but for its quantity 1) and, when it is a new
        one, puts the cursor in its product cell."""
        row = self.lines_table.rowCount()
        self.lines_table.insertRow(row)
        for column, text in enumerate(cells):
            if column == PRICE_COLUMN:
                text = _money_text(text)
            self.lines_table.setItem(row, column, QTableWidgetItem(text))
        if cells == NEW_LINE and not self.lines_table.signalsBlocked():
            self.lines_table.setCurrentCell(row, 0)
            self.lines_table.editItem(self.lines_table.item(row, 0))

    def _on_line_changed(self, item: QTableWidgetItem) -> None:
        """A typed unit price (45800, 45,800.5, ¥45800) is shown as money: ¥45,800.00."""
        if item.column() == PRICE_COLUMN:
            shown = _money_text(item.text())
            if shown != item.text():
                blocked = self.lines_table.blockSignals(True)
                item.setText(shown)
                self.lines_table.blockSignals(blocked)
        self._schedule()

    def remove_line(self) -> None:
        row = self.lines_table.currentRow()
        if row >= 0:
            self.lines_table.removeRow(row)
            self._schedule()

    def _set_lines(self, lines) -> None:
        self.lines_table.blockSignals(True)
        self.lines_table.setRowCount(0)
        for x in lines:
            self.add_line(
                (
                    x.product,
                    x.spec,
                    f"{x.quantity.normalize():f}",
                    x.unit,
                    format_money(x.unit_price),
                )
            )
        self.lines_table.blockSignals(False)

    def _line_cells(self) -> list[list[str]]:
        rows = []
        for row in range(self.lines_table.rowCount()):
            cells = []
            for column in range(5):
                item = self.lines_table.item(row, column)
                cells.append(item.text() if item is not None else "")
            rows.append(cells)
        return rows

    def current_lines(self) -> tuple[documents.ContractLine, ...]:
        """Raises ValidationError for a bad cell."""
        return documents.parse_lines(self._line_cells())

    # --- live preview ---------------------------------------------------------------------
    def _schedule(self, *_args: object) -> None:
        if not self._loading:
            self._timer.start()

    def _on_body_changed(self) -> None:
        if not self._loading:
            self._timer.start()

    def _state(self, lines) -> DraftState:
        record = self.record
        return DraftState(
            kind=self.kind_combo.currentData(),
            title=self.title_edit.text(),
            body=self.body_edit.toPlainText(),
            values=self.current_values(),
            lines=tuple(lines),
            client_id=self.client_picker.client_id,
            contact_id=self.contact_combo.currentData(),
            status=record.status.value if record else DocStatus.DRAFT.value,
            doc_number=record.doc_number if record else None,
            issued_on=record.issued_on if record else None,
            id=record.id if record else None,
        )

    def refresh_preview(self) -> None:
        self._timer.stop()
        problem = ""
        try:
            lines = self.current_lines()
        except AppError as exc:
            lines, problem = (), error_text(exc, self.ctx.lang)
        try:
            self.last_preview = documents.preview(self.ctx.archive, self._state(lines))
        except AppError as exc:  # e.g. the linked client was deleted meanwhile
            self.problem_label.setText(error_text(exc, self.ctx.lang))
            return
        self.problem_label.setText(problem)
        self._rebuild_values_form()
        self.missing_list.clear()
        for p in self.last_preview.missing:
            item = QListWidgetItem(p.label)
            item.setData(Qt.ItemDataRole.UserRole, p.key)
            item.setToolTip(p.label)
            self.missing_list.addItem(item)
        self.missing_list.setVisible(bool(self.last_preview.missing))
        self.nothing_missing.setVisible(not self.last_preview.missing)
        total = sum((x.amount for x in lines), Decimal("0.00"))
        self.total_label.setText(self.tr("Total: ¥{0}").format(f"{total:,.2f}") if lines else "")
        self.preview_view.setHtml(self.last_preview.html)

    def missing_labels(self) -> list[str]:
        return [self.missing_list.item(i).text() for i in range(self.missing_list.count())]

    def _focus_missing(self, item: QListWidgetItem) -> None:
        widget = self.value_inputs.get(item.data(Qt.ItemDataRole.UserRole))
        if widget is not None:
            self.tabs.setCurrentIndex(0)
            widget.setFocus()

    # --- reacting to choices --------------------------------------------------------------
    def _on_kind_changed(self) -> None:
        if self._loading or self.record is not None:
            return
        self._fill_templates()
        self._on_template_changed()

    def _on_template_changed(self) -> None:
        if self._loading or self.record is not None:
            return
        key = self.template_combo.currentData()
        if not key:
            return
        template = documents.get_template(self.ctx.archive, key)
        self._loading = True
        self.body_edit.setPlainText(template.body)
        self._loading = False
        self.refresh_preview()

    def _on_client_chosen(self, client_id: int) -> None:
        self._fill_contacts(client_id)
        self._schedule()

    def _update_state(self) -> None:
        record = self.record
        status = record.status if record else DocStatus.DRAFT
        editable = record is None or record.editable
        self.status_label.setText(self.tr("Status: {0}").format(shown(status, self.ctx.lang)))
        self.status_label.setStyleSheet(
            f"font-size: 16px; font-weight: bold; color: {STATUS_COLOURS[status]};"
        )
        number = record.doc_number if record else ""
        self.number_label.setText(self.tr("Number: {0}").format(number) if number else "")
        self.kind_combo.setEnabled(record is None)
        self.template_combo.setEnabled(record is None)
        for widget in (self.title_edit, self.client_picker, self.body_edit):
            widget.setReadOnly(not editable)
        self.contact_combo.setEnabled(editable)
        self.values_box.setEnabled(editable)
        self.lines_group.setEnabled(editable)
        self.save_button.setEnabled(editable)
        actions = record.actions if record else [ReviewAction.SUBMIT]
        for action, button in self.review_buttons.items():
            button.setEnabled(action in actions)
        self.issue_button.setVisible(
            DocumentKind(self.kind_combo.currentData()) in rules.NUMBERED_KINDS
        )
        self.issue_button.setEnabled(bool(record and record.can_issue))
        self.compare_button.setEnabled(bool(record and len(record.versions) > 1))

    # --- actions --------------------------------------------------------------------------
    def actor(self) -> str:
        name = self.actor_edit.text().strip()
        QSettings().setValue("documents/actor", name)
        return name

    def is_dirty(self) -> bool:
        record = self.record
        if record is None:
            return True
        try:
            lines = self.current_lines()
        except AppError:
            return True
        return (
            self.title_edit.text().strip() != record.title
            or self.body_edit.toPlainText() != record.body
            or self.current_values() != record.values
            or tuple(lines) != record.lines
            or self.client_picker.client_id != record.client_id
            or self.contact_combo.currentData() != record.contact_id
        )

    def save(self) -> bool:
        """Creates the document or saves a new version. False (and a message) on bad input."""
        try:
            lines = self.current_lines()
            client_id = self.client_picker.resolve()
            if self.record is None:
                record = self._create(lines, client_id)
            else:
                record = documents.save_document(
                    self.ctx.archive,
                    self.record.id,
                    Edit(
                        title=self.title_edit.text(),
                        body=self.body_edit.toPlainText(),
                        values=self.current_values(),
                        lines=lines,
                        client_id=client_id,
                        contact_id=self.contact_combo.currentData(),
                        relink=True,
                    ),
                    author=self.actor(),
                )
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
            return False
        self._after_change(record)
        return True

    def _create(self, lines, client_id: int | None) -> documents.DocumentRecord:
        record = documents.create_document(
            self.ctx.archive,
            self.kind_combo.currentData(),
            self.template_combo.currentData(),
            self.title_edit.text(),
            client_id=client_id,
            contact_id=self.contact_combo.currentData(),
            values=self.current_values(),
            lines=lines,
            author=self.actor(),
        )
        body = self.body_edit.toPlainText()
        if body != record.body:
            record = documents.save_document(
                self.ctx.archive, record.id, Edit(body=body), author=self.actor(), note="修改正文"
            )
        return record

    def _after_change(self, record: documents.DocumentRecord) -> None:
        self.load(record.id)
        self.saved.emit(record.id)
        self.ctx.events.changed.emit("document")

    def ask_comment(self, action: ReviewAction) -> str | None:
        """The review comment (required to return); None when the user cancels."""
        title = shown(action, self.ctx.lang, ReviewAction)
        text, ok = QInputDialog.getMultiLineText(self, title, self.tr("Comment:"))
        return text if ok else None

    def review(self, action: ReviewAction) -> bool:
        editable = self.record is None or self.record.editable
        if editable and self.is_dirty() and not self.save():
            return False
        if self.record is None:
            return False
        comment = ""
        if action in (ReviewAction.RETURN, ReviewAction.APPROVE):
            answer = self.ask_comment(action)
            if answer is None:
                return False
            comment = answer
        try:
            record = documents.review(
                self.ctx.archive, self.record.id, action, self.actor(), comment
            )
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
            return False
        self._after_change(record)
        return True

    def issue(self) -> bool:
        if self.record is None:
            return False
        try:
            record = documents.issue_document(self.ctx.archive, self.record.id, self.actor())
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
            return False
        self._after_change(record)
        self.ctx.events.changed.emit("letter")
        self.ctx.events.status_message.emit(self.tr("Issued as {0}").format(record.doc_number))
        return True

    def show_diff(self) -> None:
        if self.record is None:
            return
        old, new = self.old_version.currentData(), self.new_version.currentData()
        lines = documents.diff_versions(self.ctx.archive, self.record.id, old, new)
        self.diff_view.setHtml(_diff_html(lines))

    def print_preview(self):
        """Saves pending edits, refuses with the missing values listed, else prints in the
        background and opens the preview."""
        pending = self.record is None or (self.record.editable and self.is_dirty())
        if pending and not self.save():
            return None
        missing = documents.missing_values(self.ctx.archive, self.record.id)
        if missing:
            self.refresh_preview()
            QMessageBox.warning(
                self,
                self.tr("Cannot print yet"),
                self.tr("Fill in these values first:\n{0}").format(
                    "\n".join(f"• {p.label}" for p in missing)
                ),
            )
            return None
        PRINT_DIR.mkdir(parents=True, exist_ok=True)
        out = PRINT_DIR / f"document-{self.record.id}-v{self.record.version}.pdf"
        return self.ctx.runner.submit(
            self.tr("Printing {0}…").format(self.record.title),
            documents.print_document,
            self.ctx.archive,
            self.record.id,
            out,
            on_done=self._show_pdf,
            on_error=lambda exc: show_error(self, exc, self.ctx.lang),
        )

    def _show_pdf(self, result: documents.PrintResult) -> None:
        from app.ui.pdf_preview import PdfPreviewDialog

        self.preview_dialog = PdfPreviewDialog(
            result.path, self, save_suggestion=f"{self.record.title}.pdf"
        )
        self.preview_dialog.open()

    def save_as_template(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save as template"), self.tr("Name:"))
        if not ok or not name.strip():
            return
        key = documents.new_template_key(self.ctx.archive)
        try:
            documents.save_template(
                self.ctx.archive,
                key,
                name,
                self.body_edit.toPlainText(),
                self.kind_combo.currentData(),
            )
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
            return
        if self.record is None:
            self._fill_templates(key.strip())


PRICE_COLUMN = 4


def _money_text(text: str) -> str:
    """A unit price as money (¥45,800.00); text that is not an amount is left for the check."""
    try:
        value = parse_yuan(text)
    except ValueError:
        return text
    return format_money(value) if value is not None else text


def _diff_html(lines: list[rules.DiffLine]) -> str:
    colours = {"+": "#e6ffed", "-": "#ffeef0", " ": "transparent"}
    ink = {"+": "color:#1f1f1f;", "-": "color:#1f1f1f;", " ": ""}  # dark on the light tints
    rows = [
        f"<div style='background:{colours[d.mark]}; {ink[d.mark]} white-space:pre-wrap'>"
        f"{html.escape(d.mark)} {html.escape(d.text)}</div>"
        for d in lines
    ]
    return "".join(rows) or "<i>—</i>"

"""The DocumentEditor (文书): template, client, the typed values as a form made from the
placeholders, the body text, the live preview and the list of missing values, versions with a
diff, the review steps, 编号 and 打印/预览. Each save is a new version; saving, review steps
and 编号 run in the background (app.ui.kit.ops) and tell every page what changed."""

from __future__ import annotations

import html
from collections.abc import Callable
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
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
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import private_temp
from app.domain import documents as rules
from app.domain import text_diff
from app.domain.conflicts import conflict_lines
from app.domain.documents import DocStatus, DocumentKind, ReviewAction
from app.domain.errors import AppError, ConflictError
from app.domain.money import parse_yuan
from app.domain.pasted_lines import contract_rows, is_rows
from app.services import approvers, clients, documents
from app.services.archive import Archive
from app.services.documents import (
    DocumentRecord,
    DraftState,
    Edit,
    ReviewRecord,
    VersionRecord,
    word,
)
from app.ui import list_printing, user_settings
from app.ui.context import UiContext
from app.ui.documents.review_dialog import ReviewCommentDialog
from app.ui.documents.send_dialog import SendDialog
from app.ui.history.view import HistoryView
from app.ui.kit import boxes, forms, keys, ops
from app.ui.kit.forms import ClientPicker, FormDialog
from app.ui.kit.labels import add_choices, shown
from app.ui.kit.tables import Column, ListModel, ListView
from app.ui.tasks import TaskHandle
from app.ui.widgets import error_text, format_date, format_money, message_lang, show_error

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
COMMENTED = (ReviewAction.RETURN, ReviewAction.APPROVE)  # the steps that ask for a comment


def create_document(archive: Archive, new: dict[str, Any], body: str) -> DocumentRecord:
    """A new document from its template (`new`: documents.create_document's arguments), with
    the body as typed when it differs (a second version, 修改正文)."""
    record = documents.create_document(archive, **new)
    if body != record.body:
        edit, author = Edit(body=body), new["author"]
        record = documents.save_document(archive, record.id, edit, author=author, note="修改正文")
    return record


class DocumentEditor(FormDialog):
    """Drafting one document. Each save is a new version; review buttons follow the state."""

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
        self.record: DocumentRecord | None = None
        self.value_inputs: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.last_preview: documents.Preview | None = None
        self.preview_dialog = None
        self._loading = False
        self._reviewing = False  # a review step is being written (refused_by_conflict)
        self._unsent_comment = ""  # the comment of a step that was refused
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
        self.save(then=lambda _record: self.accept())  # the editor stays open after a save
        return False

    # --- building -------------------------------------------------------------------------
    def _build(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = boxes.column(self._header_form(), parent=left, margin=0)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._values_tab(), self.tr("Values"))
        self.tabs.addTab(self._body_tab(), self.tr("Text"))
        self.preview_view = QTextBrowser()
        self.tabs.addTab(self.preview_view, self.tr("Preview"))
        self.tabs.addTab(self._versions_tab(), self.tr("Versions"))
        self.reviews_model = ListModel(self._review_columns(), parent=self)
        self.reviews_table = ListView(self.reviews_model, settings_key="document_reviews")
        self.tabs.addTab(self.reviews_table, self.tr("Review"))
        self.history = HistoryView(self.ctx, "document", self)  # issue 9: 修改记录
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
        self.template_combo = QComboBox(currentIndexChanged=self._on_template_changed)
        kind_row = boxes.row(self.kind_combo, QLabel(self.tr("Template")), (self.template_combo, 1))
        self.save_template_button = QPushButton(self.tr("Save as template…"))
        self.save_template_button.clicked.connect(self.save_as_template)
        kind_row.addWidget(self.save_template_button)
        form.addRow(self.tr("Kind"), kind_row)
        self.title_edit = QLineEdit(placeholderText=self.tr("Empty: the template's title"))
        self.title_edit.textEdited.connect(self._schedule)
        form.addRow(self.tr("Title"), self.title_edit)
        self.client_picker = ClientPicker(self.ctx)
        self.client_picker.chosen.connect(self._on_client_chosen)
        self.client_picker.textEdited.connect(self._schedule)
        self.contact_combo = QComboBox(currentIndexChanged=self._schedule)
        client_row = boxes.row(
            (self.client_picker, 2), QLabel(self.tr("Contact")), (self.contact_combo, 1)
        )
        form.addRow(self.tr("Client"), client_row)
        return form

    def _values_tab(self) -> QWidget:
        self.values_box = QWidget()
        self.values_form = QFormLayout(self.values_box)
        scroll = QScrollArea(widgetResizable=True)
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
        paste = QShortcut(QKeySequence.StandardKey.Paste, self.lines_table)
        paste.setContext(Qt.ShortcutContext.WidgetShortcut)  # a cell's editor pastes itself
        paste.activated.connect(self.paste_clipboard)
        add_line = QPushButton(self.tr("Add line"))
        add_line.clicked.connect(lambda: self.add_line())  # not clicked(bool) as the cells
        remove_line = QPushButton(self.tr("Remove line"), clicked=self.remove_line)
        self.total_label = QLabel()
        line_buttons = boxes.row(add_line, remove_line, ..., self.total_label)
        boxes.column(self.lines_table, line_buttons, parent=self.lines_group)
        tab = QWidget()
        boxes.column((scroll, 3), (self.lines_group, 2), parent=tab)
        return tab

    def _body_tab(self) -> QWidget:
        self.body_edit = QPlainTextEdit(textChanged=self._schedule)
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
        boxes.column((self.body_edit, 1), hint, parent=tab)
        return tab

    def _versions_tab(self) -> QWidget:
        self.versions_model = ListModel(
            self._version_columns(), row_id=attrgetter("version"), parent=self
        )
        self.versions_table = ListView(self.versions_model, settings_key="document_versions")
        self.old_version = QComboBox()
        self.new_version = QComboBox()
        self.compare_button = QPushButton(self.tr("Compare"), clicked=self.show_diff)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Compare version")))
        row.addWidget(self.old_version)
        row.addWidget(QLabel(self.tr("with")))
        row.addWidget(self.new_version)
        row.addWidget(self.compare_button)
        row.addStretch(1)
        self.diff_view = QTextBrowser()
        tab = QWidget()
        boxes.column((self.versions_table, 1), row, (self.diff_view, 2), parent=tab)
        return tab

    def _version_columns(self) -> tuple[Column[VersionRecord], ...]:
        note = attrgetter("note")
        return (
            Column(self.tr("Version"), lambda v: f"v{v.version}", width=70),
            Column(self.tr("Time"), lambda v: format_date(v.created_at), width=140),
            Column(self.tr("By"), attrgetter("author"), width=100),
            Column(self.tr("What changed"), note, tooltip=note),
        )

    def _review_columns(self) -> tuple[Column[ReviewRecord], ...]:
        lang, step_text, comment = self.ctx.lang, self.tr("{0} ({1})"), attrgetter("comment")

        def step(r: ReviewRecord) -> str:
            moved = f"{shown(r.from_status, lang, DocStatus)}→{shown(r.to_status, lang, DocStatus)}"
            return step_text.format(shown(r.action, lang, ReviewAction), moved)

        return (
            Column(self.tr("Time"), lambda r: format_date(r.at), width=140),
            Column(self.tr("By"), attrgetter("actor"), width=100),
            Column(self.tr("Step"), step, tooltip=step, width=260),
            Column(self.tr("Comment"), comment, tooltip=comment),
        )

    def _side_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        self.status_label = QLabel(styleSheet="font-size: 16px; font-weight: bold;")
        self.number_label = QLabel()
        layout.addWidget(self.status_label)
        layout.addWidget(self.number_label)
        # an approved contract is in the 合同 register: it opens from here
        self.contract_button = QPushButton(clicked=self.open_contract)
        self.contract_button.hide()
        layout.addWidget(self.contract_button)
        layout.addWidget(QLabel(self.tr("Missing before printing:")))
        self.missing_list = QListWidget(styleSheet="color: #c0392b;")
        self.missing_list.setWordWrap(True)  # long labels wrap instead of being cut off
        self.missing_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.missing_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.missing_list.itemDoubleClicked.connect(self._focus_missing)
        layout.addWidget(self.missing_list, 1)
        self.nothing_missing = QLabel(self.tr("None: ready to print"), styleSheet="color: #1e8449;")
        self.nothing_missing.hide()
        layout.addWidget(self.nothing_missing, 1, Qt.AlignmentFlag.AlignTop)
        self.problem_label = QLabel(wordWrap=True, styleSheet="color: #c0392b;")
        layout.addWidget(self.problem_label)
        return panel

    def _buttons(self) -> QHBoxLayout:
        row = boxes.row(QLabel(self.tr("Your name")))
        self.actor_edit = QLineEdit(str(QSettings().value("documents/actor", "") or ""))
        self.actor_edit.setFixedWidth(110)
        from app.ui.team.access import acting_login

        self.login = acting_login(self.ctx.archive)  # issue 14: the login writes and reviews
        if self.login is not None:
            self.actor_edit.setText(self.login.name)
            self.actor_edit.setReadOnly(True)
        boxes.fill(row, self.actor_edit, ...)
        self.save_button = QPushButton(self.tr("Save"))  # Ctrl+S: FormDialog
        self.save_button.clicked.connect(lambda: self.save())  # not clicked(bool)
        self.review_buttons = {
            ReviewAction.SUBMIT: QPushButton(self.tr("Submit for review")),
            ReviewAction.APPROVE: QPushButton(self.tr("Approve")),
            ReviewAction.RETURN: QPushButton(self.tr("Return…")),
            ReviewAction.SIGN: QPushButton(self.tr("Mark signed")),
        }
        for action, button in self.review_buttons.items():
            button.clicked.connect(lambda _c=False, a=action: self.review(a))
        self.issue_button = QPushButton(self.tr("Issue number"), clicked=self.issue)
        self.send_button = QPushButton(self.tr("Register as sent…"), clicked=self.register_sent)
        self.print_button = keys.mark(QPushButton(self.tr("Print / preview…")), keys.PRINT)
        self.print_button.clicked.connect(self.print_preview)
        # the 审批表 to sign by hand (合同审批表 / 发文审批单)
        self.form_button = QPushButton(self.tr("Approval form…"))
        self.form_button.clicked.connect(lambda: self.print_approval_form())
        self.word_button = QPushButton(self.tr("Export Word…"))
        self.word_button.setToolTip(
            self.tr("The filled document as a Word file (.docx), for the other party's redlines")
        )
        self.word_button.clicked.connect(lambda: self.export_word())
        close = QPushButton(self.tr("Close"), clicked=self.reject)
        for button in (
            self.save_button,
            *self.review_buttons.values(),
            self.issue_button,
            self.send_button,
            self.print_button,
            self.form_button,
            self.word_button,
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
        self.show_record(documents.get_document(self.ctx.archive, document_id))

    def show_record(self, record: DocumentRecord) -> None:
        self._loading = True
        try:
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
        self.edits_version(record.record_version)  # a save on an older one is refused
        self._update_state()
        self.refresh_preview()

    def load_latest(self) -> None:
        """载入最新 after a refused save: the document as it is now (the typing is dropped)."""
        if self.record is not None:
            fetch = (documents.get_document, self.ctx.archive, self.record.id)
            ops.query(self, *fetch, on_done=self.show_record, key="latest-version")

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

    def _fill_history(self, record: DocumentRecord) -> None:
        self.versions_model.set_rows(record.versions)
        self.reviews_model.set_rows(record.reviews)
        for combo, default in ((self.old_version, -2), (self.new_version, -1)):
            combo.clear()
            for v in record.versions:
                combo.addItem(f"v{v.version}", v.version)
            combo.setCurrentIndex(max(0, combo.count() + default))

    # --- the values form ------------------------------------------------------------------
    def _form_keys(self, body: str) -> list[rules.Placeholder]:
        """Free values, plus archive values that are missing or were typed over."""
        found = rules.placeholders(body)
        missing = {p.key for p in self.last_preview.missing} if self.last_preview else set()
        typed = set(self.current_values())
        skip = {*rules.BLOCK_KEYS, "doc.number", "doc.date"}  # blocks are not typed in
        skip |= {"amount.figures", "amount.capitals"}
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
        prompts = rules.prompts(body)
        for p in keys:
            widget = self._value_input(p, values.get(p.key, ""))
            self.value_inputs[p.key] = widget
            label = QLabel(p.label)
            sentence = prompts.get(p.key, "")
            if sentence.strip("＿ "):  # the sentence the value goes into: typed once, not twice
                prompt = f"{p.label}：{sentence}"
                label.setToolTip(prompt)
                widget.setToolTip(prompt)
                widget.setPlaceholderText(sentence)
            self.values_form.addRow(label, widget)
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
            widget = QLineEdit(value, textEdited=self._schedule)
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
        """A typed unit price (45800, 45,800.5, ¥45800) is shown as money: ¥45,800.00. Cells
        pasted into one cell (rows copied in Excel) are spread over the lines."""
        if is_rows(item.text()):
            self.paste_lines(item.text(), item.row(), item.column())
            return
        if item.column() == PRICE_COLUMN:
            shown = _money_text(item.text())
            if shown != item.text():
                blocked = self.lines_table.blockSignals(True)
                item.setText(shown)
                self.lines_table.blockSignals(blocked)
        self._schedule()

    def paste_clipboard(self) -> int:
        """Ctrl+V on the lines: rows copied in Excel or Word fill in from the current cell (new
        lines at the end when none is current); one value goes into the current cell."""
        text = QGuiApplication.clipboard().text()
        table = self.lines_table
        row, column = table.currentRow(), max(0, table.currentColumn())
        if row < 0:
            row, column = table.rowCount(), 0
        if is_rows(text) or row >= table.rowCount():
            return self.paste_lines(text, row, column)
        table.setItem(row, column, QTableWidgetItem(text.strip()))
        return 1

    def paste_lines(self, text: str, row: int, column: int = 0) -> int:
        """Rows copied in Excel or Word (tab-separated) filled in from (`row`, `column`): the
        first over that line, the others as new lines after it. Returns the rows pasted."""
        rows = contract_rows(text, len(NEW_LINE) - column)
        table = self.lines_table
        blocked = table.blockSignals(True)
        if row >= table.rowCount():
            self.add_line()
            row = table.rowCount() - 1
        for offset, cells in enumerate(rows or [[""]]):
            if offset:
                table.insertRow(row + offset)
            line = list(NEW_LINE) if offset else [self._cell_text(row, c) for c in range(5)]
            line[column:] = cells
            for at, value in enumerate(line):
                shown = _money_text(value) if at == PRICE_COLUMN else value
                table.setItem(row + offset, at, QTableWidgetItem(shown))
        table.blockSignals(blocked)
        table.setCurrentCell(row, column)
        self._schedule()
        return len(rows)

    def _cell_text(self, row: int, column: int) -> str:
        item = self.lines_table.item(row, column)
        return item.text() if item is not None else ""

    def remove_line(self) -> None:
        row = self.lines_table.currentRow()
        if row >= 0:
            self.lines_table.removeRow(row)
            self._schedule()

    def _set_lines(self, lines) -> None:
        self.lines_table.blockSignals(True)
        self.lines_table.setRowCount(0)
        for x in lines:
            quantity, price = f"{x.quantity.normalize():f}", format_money(x.unit_price)
            self.add_line((x.product, x.spec, quantity, x.unit, price))
        self.lines_table.blockSignals(False)

    def _line_cells(self) -> list[list[str]]:
        table = self.lines_table
        items = [[table.item(r, c) for c in range(5)] for r in range(table.rowCount())]
        return [[item.text() if item is not None else "" for item in row] for row in items]

    def current_lines(self) -> tuple[documents.ContractLine, ...]:
        """Raises ValidationError for a bad cell."""
        return documents.parse_lines(self._line_cells())

    # --- live preview ---------------------------------------------------------------------
    def _schedule(self, *_args: object) -> None:
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
        contract = record.contract_number if record and record.contract_id is not None else ""
        if contract:
            self.contract_button.setText(self.tr("Open contract {0}").format(contract))
        else:  # approved before approving registered it, or unlinked from its contract since
            self.contract_button.setText(self.tr("Put into the contract register"))
        self.contract_button.setVisible(bool(contract) or _registrable(record))
        self.kind_combo.setEnabled(record is None)
        self.template_combo.setEnabled(record is None)
        for widget in (self.title_edit, self.client_picker, self.body_edit):
            widget.setReadOnly(not editable)
        self.contact_combo.setEnabled(editable)
        self.values_box.setEnabled(editable)
        self.lines_group.setEnabled(editable)
        self.save_button.setEnabled(editable)
        actions = record.actions if record else [ReviewAction.SUBMIT]
        refusal = self._review_refusal(record)
        for action, button in self.review_buttons.items():
            decides = action in (ReviewAction.APPROVE, ReviewAction.RETURN)
            button.setEnabled(action in actions and not (decides and refusal))
            button.setToolTip(refusal if decides else "")
        self.issue_button.setVisible(
            DocumentKind(self.kind_combo.currentData()) in rules.NUMBERED_KINDS
        )
        self.issue_button.setEnabled(bool(record and record.can_issue))
        self.form_button.setEnabled(record is not None)
        self.send_button.setVisible(self.issue_button.isVisibleTo(self))
        self.send_button.setEnabled(bool(record and record.can_send))
        self.compare_button.setEnabled(bool(record and len(record.versions) > 1))

    def _review_refusal(self, record) -> str:
        """Why the team archive's login may not approve or return this draft ('' when it may,
        and always on an archive file)."""
        if self.login is None or record is None:
            return ""
        submits = [r.actor for r in record.reviews if r.action == ReviewAction.SUBMIT]
        authors = [record.versions[-1].author if record.versions else "", *submits[-1:]]
        refusal = approvers.document_refusal(self.login, authors)
        return error_text(refusal, self.ctx.lang) if refusal is not None else ""

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

    def save(self, then: Callable[[DocumentRecord], object] | None = None) -> bool:
        """Creates the document or saves a new version (in the background), then shows it and
        calls `then(record)`. False, with the reason shown, when it is refused."""
        try:
            lines = self.current_lines()
            client_id = self.client_picker.resolve()
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
            return False
        links = {
            "client_id": client_id,
            "contact_id": self.contact_combo.currentData(),
            "values": self.current_values(),
            "lines": lines,
        }
        self._reviewing = False  # a save's refusal is a form's (refused_by_conflict)
        title, body, author = self.title_edit.text(), self.body_edit.toPlainText(), self.actor()
        if self.record is None:
            kind, template = self.kind_combo.currentData(), self.template_combo.currentData()
            new = dict(kind=kind, template_key=template, title=title, author=author, **links)
            return self._write(create_document, new, body, then=then)
        edit = Edit(title=title, body=body, relink=True, **links)
        save = self.versioned(documents.save_document)
        return self._write(save, self.record.id, edit, author, then=then)

    def _write(
        self,
        job: Callable[..., DocumentRecord],
        *args: object,
        changes: tuple[str, ...] = ("document",),
        then: Callable[[DocumentRecord], object] | None = None,
    ) -> bool:
        """Runs `job(archive, *args)` in the background, shows the record it gives, then calls
        `then(record)`. False when refused at once (with the synchronous runner: whenever)."""

        def done(record: DocumentRecord) -> None:
            self.show_record(record)
            if then is not None:
                then(record)

        archive = self.ctx.archive
        handle = ops.write(
            self, job, archive, *args, changes=set(changes), on_done=done, on_error=self._failed
        )
        return handle is not None and handle.error is None

    def _failed(self, exc: Exception) -> None:
        self._reviewing = False
        show_error(self, exc, self.ctx.lang)

    def ask_comment(self, action: ReviewAction) -> str | None:
        """The review comment (required to return); None when the user cancels. A comment
        typed for a step that was refused (someone else moved the document on) is offered
        again."""
        title = shown(action, self.ctx.lang, ReviewAction)
        return ReviewCommentDialog.ask(title, self, self._unsent_comment)

    def review(self, action: ReviewAction) -> bool:
        """Saves pending edits first, asks for a comment where the step takes one, then takes
        the step. False when it does not go ahead."""
        if self.record is None or (self.record.editable and self.is_dirty()):
            return self.save(then=lambda _record: self._review(action))
        return self._review(action)

    def _review(self, action: ReviewAction) -> bool:
        comment = self.ask_comment(action) if action in COMMENTED else ""
        if comment is None or self.record is None:
            return False
        self._unsent_comment, self._reviewing = comment, True  # until the step's answer
        return self._write(
            self.versioned(documents.review),  # on the version shown (issue 14 §3)
            self.record.id,
            action,
            self.actor(),
            comment,
            changes=("document", "contract"),  # approving a contract registers it
            then=lambda record: self._reviewed(action, record),
        )

    def _reviewed(self, action: ReviewAction, record: DocumentRecord) -> None:
        self._unsent_comment, self._reviewing = "", False
        self._registered(action, record)

    def refused_by_conflict(self, exc: ConflictError) -> bool:
        """A review step refused because someone else saved or reviewed the document after it
        was shown: says who and when, then shows the document as it is now (the comment
        typed is offered again with the next step). A refused save: as every form."""
        if not self._reviewing:
            return super().refused_by_conflict(exc)
        self._reviewing = False
        *said, _unsaved = conflict_lines(exc, message_lang(self.ctx.lang))
        tail = self.tr("Your step was not taken; the document now shows as it is.")
        self.conflict_text = "\n".join([*said, tail])
        ok = self.tr("OK")
        forms.choose(
            self,
            self.tr("Changed by someone else"),
            self.conflict_text,
            [(forms.KEEP, ok, QMessageBox.ButtonRole.AcceptRole)],
            default=forms.KEEP,
            escape=forms.KEEP,
            icon=QMessageBox.Icon.Warning,
        )
        self.load_latest()
        return True

    def _registered(self, action: ReviewAction, record: DocumentRecord) -> None:
        """Says where an approved (or signed) contract went in the 合同 register."""
        if action not in (ReviewAction.APPROVE, ReviewAction.SIGN):
            return
        if record.kind not in rules.TWO_PARTY_KINDS:
            return
        if record.contract_id is not None:
            text = self.tr("In the contract register as {0}").format(record.contract_number)
        else:
            text = self.tr("Not in the contract register: link a client first")
        self.problem_label.setText("" if record.contract_id is not None else text)
        self.ctx.events.status_message.emit(text)

    def open_contract(self) -> None:
        """Opens the document's contract in the 合同 register; puts an approved contract that is
        not there yet into it (as `document to-contract`)."""
        if self.record is None:
            return
        if self.record.contract_id is not None:
            self.ctx.events.open_record.emit("contract", self.record.contract_id)
            return
        self._write(
            _put_into_register,
            self.record.id,
            changes=("document", "contract"),
            then=lambda record: self._registered(ReviewAction.APPROVE, record),
        )

    def issue(self) -> bool:
        """编号: the document gets its 发文字号 and a line in the 发文 register."""
        if self.record is None:
            return False
        return self._write(
            documents.issue_document,
            self.record.id,
            self.actor(),
            changes=("document", "letter"),
            then=lambda record: self.ctx.events.status_message.emit(
                self.tr("Issued as {0}").format(record.doc_number)
            ),
        )

    def register_sent(self) -> SendDialog | None:
        """登记发文: the dialog for the day it left, its scan and the 收文 it answers."""
        if self.record is None or not self.record.can_send:
            return None
        self.send_dialog = SendDialog(self.ctx, self.record, self.actor(), self)
        self.send_dialog.accepted.connect(lambda: self.load(self.record.id))
        self.send_dialog.open()
        return self.send_dialog

    def show_diff(self) -> None:
        if self.record is None:
            return
        old, new = self.old_version.currentData(), self.new_version.currentData()
        rows = documents.compare_versions(self.ctx.archive, self.record.id, old, new)
        self.diff_view.setHtml(_diff_html(rows))

    def print_preview(self) -> TaskHandle | None:
        """Saves pending edits first, then makes the PDF in the background and opens the
        preview; a document with values missing is refused with them listed."""
        pending = self.record is None or (self.record.editable and self.is_dirty())
        if pending:
            self.save(then=lambda _record: self._print())
            return None
        return self._print()

    def _print(self) -> TaskHandle | None:
        PRINT_DIR.mkdir(parents=True, exist_ok=True)
        out = PRINT_DIR / f"document-{self.record.id}-v{self.record.version}.pdf"
        return ops.query(
            self,
            documents.print_document,
            self.ctx.archive,
            self.record.id,
            out,
            key="print",
            label=self.tr("Printing {0}…").format(self.record.title),
            on_done=self._show_pdf,
            on_error=self._not_printed,
        )

    def print_approval_form(self) -> TaskHandle | None:
        """The saved document's 审批表 in the preview, to print and sign by hand."""
        if self.record is None:
            return None
        from app.services.documents.approval_form import write_approval_form

        document_id, title = self.record.id, self.record.title

        def make(archive: Archive, out, task=None) -> int:
            return write_approval_form(archive, document_id, out, task=task)

        label = self.tr("Printing {0}…").format(title)
        return list_printing.print_list(self, make, f"approval-{document_id}.pdf", label)

    def export_word(self, path: str | None = None) -> TaskHandle | None:
        """Saves pending edits first, then writes the filled .docx (on the Word template the
        document was drafted from, when it has one) where the user chooses."""
        pending = self.record is None or (self.record.editable and self.is_dirty())
        if pending:
            self.save(then=lambda _record: self._export_word(path))
            return None
        return self._export_word(path)

    def _export_word(self, path: str | None) -> TaskHandle | None:
        if path is None:
            path = user_settings.save_file(
                self,
                "documents_word",
                self.tr("Export Word"),
                f"{self.record.title}.docx",
                self.tr("Word documents (*.docx)"),
            )
            if not path:
                return None
        return ops.query(
            self,
            word.document_docx,
            self.ctx.archive,
            self.record.id,
            Path(path),
            key="word",
            label=self.tr("Writing {0}…").format(Path(path).name),
            on_done=lambda result: self.ctx.events.status_message.emit(
                self.tr("Saved {0}").format(result.path)
            ),
            on_error=self._not_printed,
        )

    def _not_printed(self, exc: Exception) -> None:
        if not isinstance(exc, documents.DocumentIncomplete):
            self._failed(exc)
            return
        self.refresh_preview()
        QMessageBox.warning(
            self,
            self.tr("Cannot print yet"),
            self.tr("Fill in these values first:\n{0}").format(
                "\n".join(f"• {p.label}" for p in exc.missing)
            ),
        )

    def _show_pdf(self, result: documents.PrintResult) -> None:
        from app.ui.pdf_preview import PdfPreviewDialog  # QtPdf loads when first needed

        self.preview_dialog = PdfPreviewDialog(
            result.path, self, save_suggestion=f"{self.record.title}.pdf"
        )
        self.preview_dialog.open()

    def save_as_template(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save as template"), self.tr("Name:"))
        if not ok or not name.strip():
            return
        key = documents.new_template_key(self.ctx.archive)
        body, kind = self.body_edit.toPlainText(), self.kind_combo.currentData()
        ops.write(
            self,
            documents.save_template,
            self.ctx.archive,
            key,
            name,
            body,
            kind,
            changes={"template"},
            on_done=lambda template: self._template_saved(template.key),
            on_error=self._failed,
        )

    def _template_saved(self, key: str) -> None:
        if self.record is None:  # a new document offers it at once
            self._fill_templates(key)


PRICE_COLUMN = 4


def _money_text(text: str) -> str:
    """A unit price as money (¥45,800.00); text that is not an amount is left for the check."""
    try:
        value = parse_yuan(text)
    except ValueError:
        return text
    return format_money(value) if value is not None else text


DIFF_BACKGROUNDS = {"+": "#e6ffed", "-": "#ffeef0", "~": "#fffbe6", " ": "transparent"}
REMOVED_STYLE = "background:#fdb8c0; color:#1f1f1f; text-decoration:line-through;"
ADDED_STYLE = "background:#acf2bd; color:#1f1f1f; font-weight:bold;"


def _diff_html(rows: list[text_diff.ChangeRow]) -> str:
    """Changed lines tinted, and within a changed line the characters removed struck through
    in red and those added in green: a one-character edit marks that character."""
    out = []
    for row in rows:
        ink = "" if row.mark == " " else "color:#1f1f1f;"  # dark on the light tints
        out.append(
            f"<div style='background:{DIFF_BACKGROUNDS[row.mark]}; {ink} white-space:pre-wrap'>"
            f"{html.escape(row.mark)} {_diff_text(row)}</div>"
        )
    return "".join(out) or "<i>—</i>"


def _diff_text(row: text_diff.ChangeRow) -> str:
    if row.mark != text_diff.CHANGED:
        return html.escape(row.text)
    styles = {text_diff.REMOVED: REMOVED_STYLE, text_diff.ADDED: ADDED_STYLE}
    return "".join(
        f"<span style='{styles[p.op]}'>{html.escape(p.text)}</span>"
        if p.op in styles
        else html.escape(p.text)
        for p in row.pieces
    )


def _registrable(record: DocumentRecord | None) -> bool:
    """An approved or signed 购销合同/框架协议 not (or no longer) in the 合同 register."""
    return (
        record is not None
        and record.contract_id is None
        and record.kind in rules.TWO_PARTY_KINDS
        and record.status in rules.FINAL_STATUSES
    )


def _put_into_register(archive: Archive, document_id: int) -> DocumentRecord:
    documents.to_contract(archive, document_id)
    return documents.get_document(archive, document_id)

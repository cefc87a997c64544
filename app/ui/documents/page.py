"""文书: the agreements, notices, letters and faxes, filtered by status, kind and text (the area,
and one client's documents on its page). Enter or a double-click opens one in the editor; the
templates and the number prefixes are a button away."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.documents import FINAL_STATUSES, NUMBERED_KINDS, DocStatus, DocumentKind
from app.services import documents
from app.services.documents import DocumentFilter, DocumentRow
from app.ui.context import UiContext
from app.ui.documents.editor import STATUS_COLOURS, DocumentEditor
from app.ui.documents.prefixes_dialog import NumberPrefixDialog
from app.ui.documents.send_dialog import SendDialog
from app.ui.documents.templates_dialog import TemplatesDialog
from app.ui.kit import boxes, keys, ops
from app.ui.kit.labels import add_choices, shown
from app.ui.kit.tables import Column, FilterBox, ListModel, ListView
from app.ui.widgets import confirm, error_text, format_date

# A document saved or deleted; a letter issued from one; a client renamed (a column).
LISTENS_TO = ("document", "letter", "client")


# (heading, DocumentRow attribute, starting width: None takes the room left)
COLUMNS = (
    (QT_TRANSLATE_NOOP("DocumentTableModel", "Title"), "title", None),
    (QT_TRANSLATE_NOOP("DocumentTableModel", "Kind"), "kind", 90),
    (QT_TRANSLATE_NOOP("DocumentTableModel", "Status"), "status", 90),
    (QT_TRANSLATE_NOOP("DocumentTableModel", "Number"), "doc_number", 150),
    (QT_TRANSLATE_NOOP("DocumentTableModel", "Client"), "client_name", 220),
    (QT_TRANSLATE_NOOP("DocumentTableModel", "Updated"), "updated_at", 140),
)


def document_columns(ctx: UiContext) -> tuple[Column[DocumentRow], ...]:
    """The list's columns; each sorts by what it shows (its `sort` names the attribute)."""

    def column(heading: str, name: str, width: int | None) -> Column[DocumentRow]:
        def text(row: DocumentRow) -> str:
            value = getattr(row, name)
            if isinstance(value, DocStatus | DocumentKind):  # in the window's language
                return shown(value, ctx.lang)
            return format_date(value) if isinstance(value, datetime) else value

        return Column(
            QCoreApplication.translate("DocumentTableModel", heading),
            text,
            sort=text if name in ("kind", "status") else name,
            colour=(lambda row: STATUS_COLOURS.get(row.status)) if name == "status" else None,
            tooltip=text if name in ("title", "client_name") else None,
            width=width,
            stretch=width is None,
        )

    return tuple(column(*spec) for spec in COLUMNS)


class DocumentsPage(QWidget):
    """The 文书 area: filter by status, kind and text; open, create, delete; the templates and
    the number prefixes. On a client's page (`client_id`) only that client's documents."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, client_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self.active_dialog: QDialog | None = None
        self.model = ListModel(document_columns(ctx), parent=self)
        self._build()
        self.model.modelReset.connect(self._update_count)
        ops.follow(self, self.apply_filter, *LISTENS_TO)
        self.apply_filter()

    def _build(self) -> None:
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All states"), None)
        add_choices(self.status_filter, DocStatus, self.ctx.lang)
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("All kinds"), None)
        add_choices(self.kind_filter, DocumentKind, self.ctx.lang)
        self.text_filter = FilterBox(self.tr("Title, number or client"), self)
        self.text_filter.settled.connect(self.apply_filter)
        for combo in (self.status_filter, self.kind_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.new_button = keys.mark(QPushButton(self.tr("New document…")), keys.NEW)
        self.new_button.clicked.connect(self.new_document)
        self.open_button = QPushButton(self.tr("Open"), clicked=self.open_selected)
        self.delete_button = QPushButton(self.tr("Delete"), clicked=self.delete_selected)
        self.templates_button = QPushButton(self.tr("Templates…"), clicked=self.open_templates)
        self.prefix_button = QPushButton(self.tr("Number prefixes…"), clicked=self.edit_prefixes)
        bar = boxes.row(self.status_filter, self.kind_filter, (self.text_filter, 1))
        for button in (
            self.new_button,
            self.open_button,
            self.delete_button,
            self.templates_button,
            self.prefix_button,
        ):
            bar.addWidget(button)
        key = "documents" if self.client_id is None else None  # a client's tab: its own widths
        self.view = ListView(self.model, settings_key=key, parent=self)
        self.view.row_activated.connect(self.open_editor)
        self.view.set_context_menu(self._fill_menu)
        self.view.empty_state.say(
            self.tr("No documents yet."),
            self.tr("Draft an agreement, a notice, a letter or a fax from a template."),
            self.tr("New document…"),
            self.new_document,
        )
        self.view.empty_state.say_when_filtered(
            self.is_filtered,
            self.tr("No document matches these filters."),
            self.tr("Clear filters"),
            self.clear_filters,
        )
        keys.mark(self.delete_button, keys.DELETE, self.view)
        self.count_label = QLabel()
        layout = QVBoxLayout(self)
        if self.client_id is None:
            layout.addWidget(boxes.heading(self.tr("Documents")))
        boxes.fill(layout, bar, (self.view, 1), self.count_label)

    def _fill_menu(self, menu: QMenu, document_id: int) -> None:
        menu.addAction(self.tr("Open"), lambda: self.open_editor(document_id))
        row = self.model.row_at(self.model.row_of(document_id))
        if row.kind in NUMBERED_KINDS and row.status in FINAL_STATUSES:
            menu.addAction(self.tr("Register as sent…"), lambda: self.register_sent(document_id))
        menu.addAction(self.tr("Delete"), self.delete_selected)

    # --- the list -------------------------------------------------------------------------
    def set_client(self, client_id: int) -> None:
        """Shows one client's documents (the tab on the client page)."""
        self.client_id = client_id
        self.apply_filter()

    def current_filter(self) -> DocumentFilter:
        status, kind = self.status_filter.currentData(), self.kind_filter.currentData()
        return DocumentFilter(
            (status,) if status else (),
            (kind,) if kind else (),
            self.client_id,
            self.text_filter.text().strip(),
        )

    def is_filtered(self) -> bool:
        flt = self.current_filter()
        return bool(flt.statuses or flt.kinds or flt.text)

    def apply_filter(self, *_args: object) -> None:
        """Reads the list with the filters as they are (in the background; the newest wins)."""
        ops.query(
            self,
            documents.list_documents,
            self.ctx.archive,
            self.current_filter(),
            key="rows",
            label=self.tr("Loading documents…"),
            on_done=self.model.set_rows,
            on_error=lambda exc: self.count_label.setText(error_text(exc, self.ctx.lang)),
        )

    def clear_filters(self) -> None:
        self.text_filter.clear_all(self.status_filter, self.kind_filter)  # then one query

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%n document(s)", "", self.model.rowCount()))

    # --- actions --------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        return self.view.current_id()

    def open_selected(self) -> None:
        document_id = self.selected_id()
        if document_id is not None:
            self.open_editor(document_id)

    def new_document(self) -> DocumentEditor:
        return self.open_editor(None)

    def open_editor(self, document_id: int | None) -> DocumentEditor:
        editor = DocumentEditor(
            self.ctx, document_id, client_id=self.client_id or None, parent=self
        )
        return self._open(editor)

    def delete_selected(self) -> None:
        document_id = self.selected_id()
        if document_id is None:
            return
        row = self.model.row_at(self.model.row_of(document_id))
        question = self.tr("Delete “{0}”? Its number is not given out again.").format(row.title)
        if confirm(self, self.tr("Delete document"), question):
            ops.write(
                self, documents.delete_document, self.ctx.archive, document_id, changes={"document"}
            )

    def register_sent(self, document_id: int) -> SendDialog:
        """登记发文 for the document chosen in the list."""
        record = documents.get_document(self.ctx.archive, document_id)
        return self._open(SendDialog(self.ctx, record, parent=self))

    def open_templates(self) -> TemplatesDialog:
        return self._open(TemplatesDialog(self.ctx, self))

    def edit_prefixes(self) -> NumberPrefixDialog:
        return self._open(NumberPrefixDialog(self.ctx, self))

    def _open(self, dialog: QDialog) -> QDialog:
        self.active_dialog = dialog
        dialog.open()
        return dialog

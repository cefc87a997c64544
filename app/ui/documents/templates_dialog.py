"""文书模板: the shipped templates (read-only) and the user's own: copy one as new, edit, delete;
import a Word template (.docx), export any template as .docx."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import documents as rules
from app.domain.documents import DocumentKind
from app.services import documents
from app.services.documents import TemplateRecord, word
from app.ui import user_settings
from app.ui.context import UiContext
from app.ui.documents.word_import_dialog import WordImportDialog
from app.ui.kit import boxes, keys, ops
from app.ui.kit.forms import FormDialog
from app.ui.kit.labels import shown
from app.ui.widgets import confirm, show_error


class TemplatesDialog(FormDialog):
    """The templates listed on the left, the one chosen on the right; the built-in ones are
    read-only (copy one to make your own)."""

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
        self.info = QLabel(styleSheet="color: #666;")
        self.copy_button = QPushButton(self.tr("Copy as new…"), clicked=lambda: self.copy_current())
        self.save_button = QPushButton(self.tr("Save"), clicked=self.save_current)
        self.delete_button = QPushButton(self.tr("Delete"), clicked=self.delete_current)
        keys.mark(self.delete_button, keys.DELETE, self.list)
        self.import_button = QPushButton(self.tr("Import Word template…"))
        self.import_button.clicked.connect(lambda: self.import_word())
        self.export_button = QPushButton(self.tr("Export Word…"))
        self.export_button.clicked.connect(lambda: self.export_word())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)  # asks first when the open template has changes
        right = QVBoxLayout()
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        boxes.fill(right, form, (self.body_edit, 1), self.info)
        buttons = boxes.row(
            self.copy_button,
            self.save_button,
            self.delete_button,
            self.import_button,
            self.export_button,
            ...,
            close,
        )
        right.addLayout(buttons)
        boxes.row(self.list, (right, 1), parent=self)
        self.templates: list[TemplateRecord] = []
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
            origin = self.tr("Word") if t.docx else origin
            kind = shown(t.kind, self.ctx.lang, DocumentKind)
            self.list.addItem(self.tr("{0} ({1}, {2})").format(t.name, kind, origin))
        keys = [t.key for t in self.templates]
        self.list.setCurrentRow(keys.index(select) if select in keys else 0)

    def current(self) -> TemplateRecord | None:
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
        if template.docx:
            note = self.tr("Imported from Word: drafts are filled into the Word file.")
        labels = "、".join(p.label for p in rules.placeholders(template.body))
        fields = self.tr("Fields: {0}").format(labels or "—")
        self.info.setWordWrap(True)
        self.info.setText(f"{kind}。{note}\n{fields}" if note else f"{kind}。\n{fields}")

    def copy_current(self, key: str | None = None, name: str | None = None) -> bool:
        """Copies the open template under a new name (asked when not given)."""
        template = self.current()
        if template is None:
            return False
        if name is None:
            name, ok = QInputDialog.getText(
                self, self.tr("Copy template"), self.tr("Name:"), text=template.name
            )
            if not ok:
                return False
        key = key or documents.new_template_key(self.ctx.archive)
        return self._write(documents.copy_template, template.key, key, name, then=key.strip())

    def save_current(self) -> bool:
        template = self.current()
        if template is None or template.builtin:
            return False
        name, body = self.name_edit.text(), self.body_edit.toPlainText()
        return self._write(documents.save_template, template.key, name, body, then=template.key)

    def delete_current(self) -> None:
        template = self.current()
        if template is None or template.builtin:
            return
        question = self.tr("Delete the template “{0}”?").format(template.name)
        if confirm(self, self.tr("Delete template"), question):
            self._write(documents.delete_template, template.key, then=None)

    def import_word(
        self, path: str | None = None, kind: DocumentKind | None = None, name: str | None = None
    ) -> bool:
        """Imports a Word template: the file and then its kind and name are asked when not
        given. The new template is listed and opened, its fields shown below it."""
        if path is None:
            filters = self.tr("Word documents (*.docx)")
            path = user_settings.open_file(self, "word_templates", self.tr("Import"), filters)
            if not path:
                return False
        if kind is None or name is None:
            dialog = WordImportDialog(Path(path), self.ctx.lang, self)
            if not dialog.exec():
                return False
            kind, name = dialog.kind(), dialog.name()
        handle = ops.write(
            self,
            word.import_template,
            self.ctx.archive,
            Path(path),
            kind,
            name,
            changes={"template"},
            on_done=self._imported,
            on_error=lambda exc: show_error(self, exc, self.ctx.lang),
        )
        return handle is not None and handle.error is None

    def _imported(self, result: word.ImportResult) -> None:
        self.reload(result.template.key)
        self.ctx.events.status_message.emit(
            self.tr("Imported “{0}” with {1} fields").format(
                result.template.name, len(result.fields)
            )
        )

    def export_word(self, path: str | None = None) -> bool:
        """Writes the open template as a Word file with its placeholders."""
        template = self.current()
        if template is None:
            return False
        if path is None:
            filters = self.tr("Word documents (*.docx)")
            caption = self.tr("Export Word")
            path = user_settings.save_file(
                self, "word_templates", caption, f"{template.name}.docx", filters
            )
            if not path:
                return False
        handle = ops.query(
            self,
            partial(word.export_template, self.ctx.archive, template.key, Path(path)),
            key="export_word",
            label=self.tr("Writing {0}…").format(Path(path).name),
            on_done=lambda out: self.ctx.events.status_message.emit(
                self.tr("Saved {0}").format(out)
            ),
            on_error=lambda exc: show_error(self, exc, self.ctx.lang),
        )
        return handle is not None and handle.error is None

    def _write(self, fn: Callable[..., object], *args: object, then: str | None) -> bool:
        """Runs the write in the background, then lists the templates again with `then`
        chosen. False when refused at once (with the synchronous runner: whenever)."""
        handle = ops.write(
            self,
            fn,
            self.ctx.archive,
            *args,
            changes={"template"},
            on_done=lambda _result: self.reload(then),
            on_error=lambda exc: show_error(self, exc, self.ctx.lang),
        )
        return handle is not None and handle.error is None

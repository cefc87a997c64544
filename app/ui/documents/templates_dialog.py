"""文书模板: the shipped templates (read-only) and the user's own: copy one as new, edit, delete."""

from __future__ import annotations

from collections.abc import Callable

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

from app.domain.documents import DocumentKind
from app.services import documents
from app.services.documents import TemplateRecord
from app.ui.context import UiContext
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
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)  # asks first when the open template has changes
        right = QVBoxLayout()
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        boxes.fill(right, form, (self.body_edit, 1), self.info)
        buttons = boxes.row(self.copy_button, self.save_button, self.delete_button, ..., close)
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
        self.info.setText(f"{kind}。{note}" if note else f"{kind}。")

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

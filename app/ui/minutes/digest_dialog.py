"""催办摘要: the overdue action items per owner, as text to paste into a message (复制) or as a
printed 督促落实催办单 (打印, Ctrl+P)."""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton

from app.services import minutes
from app.services.minutes import Digest
from app.ui import list_printing
from app.ui.context import UiContext
from app.ui.kit import boxes, keys, ops
from app.ui.kit.forms import FormDialog
from app.ui.tasks import TaskHandle

PRINTED_NAME = "督促落实催办单.pdf"


class DigestDialog(FormDialog):
    """The per-owner overdue digest (of one owner when given): 复制 and 打印."""

    def __init__(self, ctx: UiContext, owner: str | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.owner = owner
        self.preview: QDialog | None = None  # the PDF preview last opened
        self.digest: Digest | None = None
        self.setWindowTitle(self.tr("Overdue digest"))
        self.resize(640, 560)
        self.text = QPlainTextEdit(readOnly=True)
        self.copy_button = QPushButton(self.tr("Copy"), clicked=self.copy, enabled=False)
        self.print_button = QPushButton(self.tr("Print…"), clicked=self.print_digest)
        keys.mark(self.print_button, keys.PRINT)
        self.close_button = QPushButton(self.tr("Close"), clicked=self.accept)
        self.status_label = QLabel()
        row = boxes.row(
            (self.status_label, 1), self.copy_button, self.print_button, self.close_button
        )
        boxes.column((self.text, 1), row, parent=self)
        self.set_form_buttons(None, guard=False)  # text to read: Enter presses nothing
        label = self.tr("Overdue digest")
        ops.query(self, minutes.overdue_digest, ctx.archive, owner, label=label, on_done=self._show)

    def _show(self, digest: Digest) -> None:
        self.digest = digest
        self.text.setPlainText(digest.text)
        self.copy_button.setEnabled(True)

    def copy(self) -> None:
        if self.digest is not None:
            QGuiApplication.clipboard().setText(self.digest.text)
            self.status_label.setText(self.tr("Copied: paste it into a message"))

    def print_digest(self) -> TaskHandle | None:
        make = partial(minutes.digest_pdf, owner=self.owner)
        label = self.tr("Printing the digest…")
        return list_printing.print_list(self, make, PRINTED_NAME, label)

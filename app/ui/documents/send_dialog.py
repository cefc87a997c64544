"""登记发文: an approved notice, letter or fax registered as sent, with the day it left, its
scan (a file chosen here, else the printed PDF) and the 收文 it answers. One click: numbered
first when it has no number yet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.services.documents import DocumentRecord
from app.services.letters import LetterRow
from app.services.sending import Sending, send_document
from app.ui import user_settings
from app.ui.context import UiContext
from app.ui.kit import boxes, ops
from app.ui.kit.dates import DateEdit
from app.ui.kit.forms import FieldErrors, FormDialog, error_line, problems_of
from app.ui.letters.reply_picker import ReplyPicker
from app.ui.widgets import error_text


class SendDialog(FormDialog):
    """Date, scan, 所复收文 and 签发人 of one document sent out."""

    def __init__(
        self, ctx: UiContext, record: DocumentRecord, actor: str = "", parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.record = record
        self.sent: LetterRow | None = None
        self.errors = FieldErrors(ctx.lang)
        self.setWindowTitle(self.tr("Register as sent"))
        self.setMinimumWidth(560)
        number = record.doc_number or self.tr("numbered now")
        intro = QLabel(
            self.tr("“{0}” ({1}) goes into the outgoing register.").format(record.title, number)
        )
        intro.setWordWrap(True)
        self.dated_on = DateEdit(ctx.archive.today())
        self.scan_edit = QLineEdit(placeholderText=self.tr("Empty: the printed PDF is kept"))
        choose = QPushButton(self.tr("Choose…"), clicked=self.choose_scan)
        self.reply_picker = ReplyPicker(ctx.archive, self, record.client_id)
        self.handler = QLineEdit(actor)
        form = QFormLayout()
        form.addRow(self.tr("Date sent"), self.dated_on)
        scan_box = QWidget()
        boxes.row((self.scan_edit, 1), choose, parent=scan_box, margin=0)
        form.addRow(self.tr("Scan"), self.errors.wrap("scan", scan_box))
        form.addRow(self.tr("Answers"), self.errors.wrap("reply_to", self.reply_picker))
        form.addRow(self.tr("Signed off by"), self.handler)
        self.error = error_line()
        layout = boxes.column(intro, form, self.error, parent=self)
        layout.addWidget(self.save_buttons(self.save, self.tr("Register")))

    def choose_scan(self) -> None:
        paths = user_settings.open_files(
            self,
            "scans",
            self.tr("Scan as sent"),
            self.tr("Scans (*.pdf *.jpg *.jpeg *.png);;All (*)"),
        )
        if paths:
            self.scan_edit.setText(str(paths[0]))

    def sending(self) -> Sending:
        scan = self.scan_edit.text().strip()
        return Sending(
            dated_on=self.dated_on.value(),
            scan=Path(scan) if scan else None,
            reply_to_id=self.reply_picker.letter_id(),
            handler=self.handler.text(),
        )

    def save(self) -> None:
        """Registers in the background (printing the PDF when no scan is given), then closes;
        a refusal is said under its field."""
        self.errors.clear()
        self.error.clear()
        ops.write(
            self,
            send_document,
            self.ctx.archive,
            self.record.id,
            self.sending(),
            changes={"document", "letter"},
            on_done=self._sent,
            on_error=self._refused,
        )

    def _sent(self, row: LetterRow) -> None:
        self.sent = row
        self.ctx.events.status_message.emit(self.tr("Registered as sent: {0}").format(row.number))
        self.accept()

    def _refused(self, exc: Exception) -> None:
        problems = problems_of(exc) if hasattr(exc, "fields") else []
        if not problems or self.errors.show(problems):
            self.error.setText(error_text(exc, self.ctx.lang))

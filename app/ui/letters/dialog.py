"""A letter of the register (来往函): registers or edits one incoming or outgoing letter with its
scans (a button, or files dropped on the dialog); 打开 a scan, or the document it was issued
from. Saving runs in the background and tells every page (app.ui.kit.ops)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.documents import LetterDirection, LetterStatus
from app.domain.errors import AppError
from app.services import attachments, clients, letters
from app.services.archive import Archive
from app.services.letters import LetterDraft, LetterRow
from app.ui import user_settings
from app.ui.context import UiContext
from app.ui.history.view import with_history
from app.ui.kit import boxes, ops
from app.ui.kit.dates import DateEdit
from app.ui.kit.files import DropsFiles, open_attachment
from app.ui.kit.forms import ClientPicker, FieldErrors, FormDialog, OptionalDate, problems_of
from app.ui.kit.labels import add_choices, shown
from app.ui.letters.reply_picker import ReplyPicker
from app.ui.widgets import error_text, format_size


def attach_scans(archive: Archive, letter_id: int, paths: Sequence[Path]) -> None:
    for path in paths:
        letters.attach_scan(archive, letter_id, path)


def save_letter(
    archive: Archive,
    letter_id: int | None,
    draft: LetterDraft,
    scans: Sequence[Path],
    expected_version: int | None = None,
) -> LetterRow:
    """Registers the letter (or saves its changes, refused when someone else changed it after
    `expected_version`), then attaches the scans dropped on it."""
    if letter_id is None:
        row = letters.add_letter(archive, draft)
    else:
        row = letters.update_letter(archive, letter_id, draft, expected_version)
    attach_scans(archive, row.id, scans)
    return row


class LetterDialog(DropsFiles, FormDialog):
    """Registers or edits one letter; files dropped on the dialog become its scans."""

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

    def extra_state(self) -> object:
        return tuple(self.pending_scans)  # scans dropped on a new letter, attached on save

    def _build(self, incoming: bool) -> None:
        page = QWidget()
        layout = boxes.column(self._form(incoming), parent=page, margin=0)
        self._scans_box(layout)
        self.general_error = QLabel(styleSheet="color: #d9363e;", wordWrap=True)
        layout.addWidget(self.general_error)
        tabs, self.history = with_history(  # issue 9: 修改记录
            self.ctx, page, self.tr("Letter"), "letter", self.letter_id, self
        )
        outer = boxes.column((tabs, 1), parent=self)
        outer.addWidget(self.save_buttons(self.save))  # Enter saves; closing with changes asks

    def _form(self, incoming: bool) -> QFormLayout:
        form = QFormLayout()
        self.number = QLineEdit(placeholderText=self.tr("Left empty: the next number of the year"))
        self.dated_on = DateEdit(self.ctx.archive.today())
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
        self.reply_picker: ReplyPicker | None = None
        if not incoming:  # a 发文 names the 收文 it answers (that one then shows 已复函)
            self.reply_picker = ReplyPicker(self.ctx.archive, self)
            form.addRow(self.tr("Answers"), self.errors.wrap("reply_to", self.reply_picker))
        form.addRow(self.tr("Notes"), self.notes)
        return form

    def _scans_box(self, layout: QVBoxLayout) -> None:
        layout.addWidget(QLabel(self.tr("Scans (drop files here):")))
        self.scan_list = QListWidget(maximumHeight=90, itemDoubleClicked=self.open_scan)
        layout.addWidget(self.scan_list)
        scan_row = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("Attach scan…"), clicked=self.choose_scans)
        self.remove_scan_button = QPushButton(self.tr("Remove scan"), clicked=self.remove_scan)
        boxes.fill(scan_row, self.attach_button, self.remove_scan_button, ...)
        layout.addLayout(scan_row)
        self.document_button = QPushButton(self.tr("Open the issued document"))
        self.document_button.clicked.connect(self.open_document)
        self.document_button.hide()
        layout.addWidget(self.document_button)

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
        self.dated_on.set_value(row.dated_on)
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
        if self.reply_picker is not None:
            self.reply_picker.load(row.reply_to_id)
        fetch = functools.partial(letters.get_letter, self.ctx.archive, row.id)
        self.edits_version(row.version, fetch, self._load)

    def draft(self) -> LetterDraft:
        self._counterpart_entered()
        return LetterDraft(
            direction=self.direction,
            title=self.title_edit.text(),
            counterpart=self.counterpart.text(),
            dated_on=self.dated_on.value(),
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
            reply_to_id=self.reply_picker.letter_id() if self.reply_picker else None,
        )

    def save(self) -> bool:
        """Saves in the background and closes; the scans dropped on a new letter go with it.
        False when refused at once (with the synchronous runner: whenever), the reason shown
        under its field."""
        self.errors.clear()
        self.general_error.clear()
        handle = ops.write(
            self,
            self.versioned(save_letter),
            self.ctx.archive,
            self.letter_id,
            self.draft(),
            tuple(self.pending_scans),
            changes={"letter"},
            on_done=self._saved,
            on_error=self._refused,
        )
        return handle is not None and handle.error is None

    def _refused(self, exc: Exception) -> None:
        problems = problems_of(exc) if isinstance(exc, AppError) else []
        if not problems or self.errors.show(problems):  # some are said under no field
            self.general_error.setText(error_text(exc, self.ctx.lang))

    def _saved(self, row: LetterRow) -> None:
        self.letter_id = row.id
        self.pending_scans = []
        self.accept()

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

    def add_files(self, paths: list[Path]) -> None:
        """Scans of a new letter are attached when it is saved; of a saved one, at once."""
        files = [Path(p) for p in paths if Path(p).is_file()]
        if self.letter_id is None:
            self.pending_scans.extend(files)
            self.refresh_scans()
            return
        ops.write(
            self,
            attach_scans,
            self.ctx.archive,
            self.letter_id,
            files,
            changes={"letter"},
            on_done=lambda _none: self.refresh_scans(),
        )

    def choose_scans(self) -> None:
        paths = user_settings.open_files(
            self,
            "scans",
            self.tr("Attach scans"),
            self.tr("Scans (*.pdf *.jpg *.jpeg *.png);;All (*)"),
        )
        if paths:
            self.add_files([Path(p) for p in paths])

    def _selected_scan(self) -> int | None:
        item = self.scan_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def open_scan(self, *_args: object) -> None:
        """A copy of the scan, in this session's private folder, in the system's viewer."""
        attachment_id = self._selected_scan()
        if attachment_id is not None:
            open_attachment(self, attachment_id, key="scan")

    def remove_scan(self) -> None:
        item = self.scan_list.currentItem()
        if item is None:
            return
        attachment_id = item.data(Qt.ItemDataRole.UserRole)
        if attachment_id is None:
            del self.pending_scans[self.scan_list.row(item) - self._stored_count()]
            self.refresh_scans()
            return
        ops.write(
            self,
            attachments.remove,
            self.ctx.archive,
            attachment_id,
            changes={"letter"},
            on_done=lambda _none: self.refresh_scans(),
        )

    def _stored_count(self) -> int:
        return sum(
            1
            for i in range(self.scan_list.count())
            if self.scan_list.item(i).data(Qt.ItemDataRole.UserRole) is not None
        )


def open_letter_dialog(
    ctx: UiContext, letter_id: int, parent: QWidget | None = None
) -> LetterDialog:
    """The dialog for a registered letter (for search hits and links from other pages)."""
    row = letters.get_letter(ctx.archive, letter_id)
    return LetterDialog(ctx, row.direction, letter_id, parent=parent)

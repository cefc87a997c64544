"""Create or edit one activity of any kind: visit, call, meeting, complaint, maintenance...;
an activity already saved has its files (add, drop, open, remove). Saving, deleting and the
files are writes through app.ui.kit.ops, which tells every page what changed."""

from __future__ import annotations

import functools
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.domain.enums import ActivityKind
from app.domain.errors import AppError, FieldProblem, ValidationErrors
from app.domain.money import AmountError, parse_yuan
from app.domain.records import ActivityDraft, validate_activity
from app.services import activities, attachments, clients
from app.services.archive import Archive
from app.ui import user_settings
from app.ui.context import UiContext
from app.ui.kit import boxes, ops
from app.ui.kit.dates import DateTimeEdit, to_qdatetime
from app.ui.kit.files import DropsFiles, open_attachment
from app.ui.kit.forms import ClientPicker, FieldErrors, FormDialog, OptionalDate, problems_of
from app.ui.kit.labels import add_choices
from app.ui.widgets import confirm, error_text, format_size


def add_files(archive: Archive, kind: str, owner: int, paths: list[Path]) -> list[AppError]:
    """Attaches each file to the record; returns the refusals (the others are attached)."""
    refused = []
    for path in paths:
        try:
            attachments.add(archive, kind, owner, path)
        except AppError as exc:
            refused.append(exc)
    return refused


def _domain_problems(draft: ActivityDraft) -> list[FieldProblem]:
    """The domain's own checks of a draft whose inputs were not all readable, so every wrong
    field is marked at once (the expense, unreadable, is left to the input's problem)."""
    try:
        validate_activity(replace(draft, expense=Decimal("0.00")))
    except ValidationErrors as exc:
        return list(exc.problems)
    return []


class AttachmentPanel(DropsFiles, QWidget):
    """An activity's files: add (button or drop), open with the system viewer, remove."""

    def __init__(self, ctx: UiContext, activity_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.owner = (ctx.archive, "activity", activity_id)  # whose files, for the services
        self.list = QListWidget(maximumHeight=90, itemDoubleClicked=self.open_selected)
        add = QPushButton(self.tr("Add file…"), clicked=self._pick_files)
        self.open_button = QPushButton(self.tr("Open"), clicked=self.open_selected)
        self.remove_button = QPushButton(self.tr("Remove"), clicked=self.remove_selected)
        buttons = boxes.column(add, self.open_button, self.remove_button, ...)
        hint = QLabel(self.tr("Drop files here to attach them."), styleSheet="color: gray;")
        left = boxes.column(self.list, hint)
        boxes.row((left, 1), buttons, parent=self, margin=0)
        self.setAcceptDrops(True)  # DropsFiles: files dropped are attached
        ops.follow(self, self.reload, "attachment")
        self.reload()

    def reload(self) -> None:
        ops.query(self, attachments.list_for, *self.owner, key="files", on_done=self._show)

    def _show(self, records: list[attachments.AttachmentRecord]) -> None:
        self.list.clear()
        for record in records:
            item = QListWidgetItem(f"{record.original_name}  ({format_size(record.size)})")
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.list.addItem(item)

    def add_files(self, paths: list[Path]) -> None:
        """Attaches each file; one refused (missing, unreadable) is said in the status bar."""
        ops.write(self, add_files, *self.owner, paths, changes={"attachment"}, on_done=self._added)

    def _added(self, refused: list[AppError]) -> None:
        for exc in refused:
            self.ctx.events.status_message.emit(error_text(exc, self.ctx.lang))

    def _pick_files(self) -> None:
        names = user_settings.open_files(self, "attachments", self.tr("Attach files"))
        self.add_files([Path(n) for n in names])

    def _selected_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def open_selected(self, *_args: object) -> None:
        """A copy in this user's private folder (decrypted there), opened by the system."""
        chosen = self._selected_id()
        if chosen is not None:
            open_attachment(self, chosen)

    def remove_selected(self) -> None:
        chosen = self._selected_id()
        if chosen is None or not confirm(
            self, self.tr("Remove file"), self.tr("Remove the selected file?")
        ):
            return
        ops.write(self, attachments.remove, self.owner[0], chosen, changes={"attachment"})


class ActivityDialog(FormDialog):
    def __init__(
        self,
        ctx: UiContext,
        client_id: int | None = None,
        activity_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.activity_id = activity_id
        self.record = activities.get_activity(ctx.archive, activity_id) if activity_id else None
        self.saved = None
        self.errors = FieldErrors(ctx.lang)
        self.setWindowTitle(self.tr("Edit activity") if activity_id else self.tr("New activity"))
        self.setMinimumWidth(560)
        self._build(client_id)
        if self.record is not None:
            self._fill(self.record)
        elif client_id is not None:
            self.client_picker.set_client(
                client_id, clients.get_client(ctx.archive, client_id).name
            )
        self._on_kind_changed()

    # -- building the form -------------------------------------------------------------------

    def _build(self, client_id: int | None) -> None:
        now = self.ctx.archive.now()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.kind = QComboBox()
        add_choices(self.kind, ActivityKind, self.ctx.lang)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        form.addRow(self.tr("Kind"), self.errors.wrap("kind", self.kind))
        self.client_picker = ClientPicker(self.ctx)
        self.client_picker.chosen.connect(self._load_contacts)
        self.client_picker.setReadOnly(client_id is not None)
        form.addRow(self.tr("Client"), self.errors.wrap("client", self.client_picker))
        self.subject = QLineEdit()
        form.addRow(self.tr("Subject"), self.errors.wrap("subject", self.subject))
        self.started_at = DateTimeEdit(to_qdatetime(now))
        self.started_at.setCalendarPopup(True)
        self.started_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        form.addRow(self.tr("Start"), self.errors.wrap("started_at", self.started_at))
        self.ended_at = DateTimeEdit(to_qdatetime(now))
        self.ended_at.setCalendarPopup(True)
        self.ended_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.has_end = QCheckBox(self.tr("Record an end time"), toggled=self._on_end_toggled)
        self.ended_at.setEnabled(False)
        end_row = QWidget()
        boxes.row(self.has_end, (self.ended_at, 1), parent=end_row, margin=0)
        form.addRow(self.tr("End"), self.errors.wrap("ended_at", end_row))
        self.contacts = QListWidget(maximumHeight=80)
        form.addRow(self.tr("Contacts"), self.contacts)
        self.participants = QLineEdit(placeholderText=self.tr("Who went, e.g. 张伟, 李娜"))
        form.addRow(self.tr("Participants"), self.participants)
        self.notes = QPlainTextEdit(maximumHeight=80)
        form.addRow(self.tr("Notes"), self.errors.wrap("notes", self.notes))
        self.outcome = QPlainTextEdit(maximumHeight=60)
        form.addRow(self.tr("Outcome"), self.errors.wrap("outcome", self.outcome))
        self.next_step = QLineEdit()
        form.addRow(self.tr("Next step"), self.errors.wrap("next_step", self.next_step))
        self.next_step_due = OptionalDate(self.tr("Due by"), now.date())
        form.addRow("", self.errors.wrap("next_step_due", self.next_step_due))
        self.expense = QLineEdit(placeholderText=self.tr("Amount in yuan, e.g. 1,280.50"))
        form.addRow(self.tr("Expense (¥)"), self.errors.wrap("expense", self.expense))
        self.resolution = QPlainTextEdit(maximumHeight=60)
        self.resolution_label = QLabel(self.tr("Resolution"))
        form.addRow(self.resolution_label, self.errors.wrap("resolution", self.resolution))
        self.closed_on = OptionalDate(self.tr("Closed"), now.date())
        self.closed_label = QLabel(self.tr("Closed on"))
        form.addRow(self.closed_label, self.errors.wrap("closed_on", self.closed_on))
        self.complaint_rows = [
            self.resolution_label,
            self.resolution.parentWidget(),
            self.closed_label,
            self.closed_on.parentWidget(),
        ]
        self.summary = QLabel(styleSheet="color: #d9363e;", wordWrap=True)
        self.summary.hide()
        layout = boxes.column(form, parent=self)
        if self.activity_id is not None:
            self.attachments = AttachmentPanel(self.ctx, self.activity_id)
            form.addRow(self.tr("Attachments"), self.attachments)
        layout.addStretch(1)
        layout.addWidget(self.summary)
        layout.addWidget(self._buttons())

    def _buttons(self) -> QDialogButtonBox:
        box = self.save_buttons(self.save, self.tr("Save"))  # Enter saves; closing asks
        self.delete_button = None
        if self.activity_id is not None:
            self.delete_button = box.addButton(
                self.tr("Delete"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.delete_button.clicked.connect(self.delete)
        return box

    def _fill(self, record: activities.ActivityRecord) -> None:
        self.kind.setCurrentIndex(self.kind.findData(record.kind.value))
        self.client_picker.set_client(record.client_id, record.client_name)
        self._check_contacts(record.contact_ids)
        self.participants.setText(record.participants)
        self.started_at.setDateTime(to_qdatetime(record.started_at))
        self.has_end.setChecked(record.ended_at is not None)
        if record.ended_at is not None:
            self.ended_at.setDateTime(to_qdatetime(record.ended_at))
        self.subject.setText(record.subject)
        self.notes.setPlainText(record.notes)
        self.outcome.setPlainText(record.outcome)
        self.next_step.setText(record.next_step)
        self.next_step_due.set_value(record.next_step_due)
        self.expense.setText("" if not record.expense else f"{record.expense:.2f}")
        self.resolution.setPlainText(record.resolution)
        self.closed_on.set_value(record.closed_on)
        fetch = functools.partial(activities.get_activity, self.ctx.archive, record.id)
        self.edits_version(record.version, fetch, self._fill)

    def _load_contacts(self, client_id: int) -> None:
        self.contacts.clear()
        for contact in clients.get_client(self.ctx.archive, client_id).contacts:
            text = f"{contact.name}  {contact.title}".strip()
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, contact.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.contacts.addItem(item)
        if self.contacts.count() == 0:
            placeholder = QListWidgetItem(self.tr("This client has no contacts yet."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.contacts.addItem(placeholder)

    def _check_contacts(self, ids: tuple[int, ...]) -> None:
        for item in self._contact_items():
            checked = item.data(Qt.ItemDataRole.UserRole) in ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _contact_items(self) -> list[QListWidgetItem]:
        items = (self.contacts.item(i) for i in range(self.contacts.count()))
        return [item for item in items if item.data(Qt.ItemDataRole.UserRole) is not None]

    def _on_end_toggled(self, on: bool) -> None:
        self.ended_at.setEnabled(on)
        if on and self.ended_at.dateTime() <= self.started_at.dateTime():
            self.ended_at.setDateTime(self.started_at.dateTime().addSecs(3600))

    def _on_kind_changed(self) -> None:
        is_complaint = self.kind.currentData() == ActivityKind.COMPLAINT.value
        for widget in self.complaint_rows:
            widget.setVisible(is_complaint)

    # -- saving ---------------------------------------------------------------------------

    def _draft(self) -> tuple[ActivityDraft, list[FieldProblem]]:
        """The form as a draft, plus the problems found while reading the inputs."""
        problems: list[FieldProblem] = []
        client_id = self.client_picker.resolve()
        if client_id is None:
            problems.append(FieldProblem("client", "required"))
        expense = Decimal("0.00")
        try:
            expense = parse_yuan(self.expense.text()) or Decimal("0.00")
        except AmountError as exc:  # "12.345" is refused, never rounded to 12.35
            problems.append(FieldProblem("expense", exc.code, {"value": self.expense.text()}))
        is_complaint = self.kind.currentData() == ActivityKind.COMPLAINT.value
        draft = ActivityDraft(
            client_id=client_id or 0,
            kind=ActivityKind(self.kind.currentData()),
            started_at=self.started_at.dateTime().toPython().replace(second=0, microsecond=0),
            ended_at=(
                self.ended_at.dateTime().toPython().replace(second=0, microsecond=0)
                if self.has_end.isChecked()
                else None
            ),
            subject=self.subject.text(),
            participants=self.participants.text(),
            notes=self.notes.toPlainText().strip(),
            outcome=self.outcome.toPlainText().strip(),
            next_step=self.next_step.text(),
            next_step_due=self.next_step_due.value(),
            expense=expense,
            resolution=self.resolution.toPlainText() if is_complaint else "",
            closed_on=self.closed_on.value() if is_complaint else None,
            contact_ids=tuple(
                item.data(Qt.ItemDataRole.UserRole)
                for item in self._contact_items()
                if item.checkState() == Qt.CheckState.Checked
            ),
        )
        return draft, problems

    def save(self) -> None:
        """Saves in the background; the dialog closes when it is saved, or marks each wrong
        field (every one at once: the inputs' problems and the domain's)."""
        self.errors.clear()
        self.summary.hide()
        draft, problems = self._draft()
        if problems:
            self._show_error(ValidationErrors(problems + _domain_problems(draft)))
            return
        if self.activity_id is None:
            save, args = activities.create_activity, (draft,)
        else:
            save, args = self.versioned(activities.update_activity), (self.activity_id, draft)
        self.write(
            save,
            self.ctx.archive,
            *args,
            changes={"activity"},
            on_done=self._saved,
            on_error=self._show_error,
        )

    def _saved(self, record: activities.ActivityRecord) -> None:
        self.saved = record
        self.accept()

    def _show_error(self, exc: Exception) -> None:
        unplaced = self.errors.show(problems_of(exc))
        if unplaced or not problems_of(exc):
            said = ValidationErrors(unplaced) if unplaced else exc
            self.summary.setText(error_text(said, self.ctx.lang))
            self.summary.show()

    def delete(self) -> None:
        question = self.tr(
            "Delete this activity and its attachments? They go to the recycle bin, where they can "
            "be restored."
        )
        if not confirm(self, self.tr("Delete activity"), question):
            return
        ops.write(
            self,
            self.versioned(activities.delete_activity),
            self.ctx.archive,
            self.activity_id,
            changes={"activity"},
            on_done=lambda _: self.accept(),
            on_error=self._show_error,
        )

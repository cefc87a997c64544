"""The contact form: add or edit one contact of a client. The save runs in the background
(ops.write) and announces the contact changed; a refused one marks the wrong fields."""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.records import ContactDraft
from app.services import clients as client_service
from app.services.clients import ContactRecord
from app.ui.clients.client_dialog import ClientForm
from app.ui.context import UiContext
from app.ui.kit.dates import DateEdit


class ContactDialog(ClientForm):
    """Add (contact_id None) or edit one contact of a client."""

    def __init__(
        self,
        ctx: UiContext,
        client_id: int,
        contact_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(ctx, parent)
        self.client_id = client_id
        self.contact_id = contact_id
        self.setWindowTitle(self.tr("New contact") if contact_id is None else self.tr("Contact"))
        self.setMinimumWidth(420)
        self._build()
        if contact_id is not None:
            self._load(contact_id)

    def _build(self) -> None:
        self.name_edit = QLineEdit(self)
        self.title_edit = QLineEdit(self)
        self.mobile_edit = QLineEdit(self)
        self.phone_edit = QLineEdit(self)
        self.email_edit = QLineEdit(self)
        self.birthday_edit = DateEdit(parent=self, optional=True)  # may stay empty
        self.decision_box = QCheckBox(self.tr("Decision maker"), self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setFixedHeight(60)
        form = QFormLayout()
        for name, widget in (
            ("contact_name", self.name_edit),
            ("title", self.title_edit),
            ("mobile", self.mobile_edit),
            ("phone", self.phone_edit),
            ("email", self.email_edit),
            ("birthday", self.birthday_edit),
            ("is_decision_maker", self.decision_box),
            ("notes", self.notes_edit),
        ):
            label = self.tr("Decision maker") if name == "is_decision_maker" else self.label(name)
            label += " *" if name == "contact_name" else ""
            form.addRow(label, self.errors.wrap(name, widget))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.save_buttons(self.save, self.tr("Save"), self.tr("Cancel")))
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _contact(self, contact_id: int) -> ContactRecord | None:
        client = client_service.get_client(self.ctx.archive, self.client_id)
        return next((c for c in client.contacts if c.id == contact_id), None)

    def _load(self, contact_id: int) -> None:
        contact = self._contact(contact_id)
        if contact is not None:
            self._fill(contact)
            fetch = functools.partial(self._contact, contact_id)
            self.edits_version(contact.version, fetch, self._fill)

    def _fill(self, contact: ContactRecord | None) -> None:
        if contact is None:
            return
        self.name_edit.setText(contact.name)
        self.title_edit.setText(contact.title)
        self.mobile_edit.setText(contact.mobile or "")
        self.phone_edit.setText(contact.phone or "")
        self.email_edit.setText(contact.email or "")
        self.birthday_edit.set_value(contact.birthday)
        self.decision_box.setChecked(contact.is_decision_maker)
        self.notes_edit.setPlainText(contact.notes)

    def draft(self) -> ContactDraft:
        return ContactDraft(
            name=self.name_edit.text(),
            title=self.title_edit.text(),
            mobile=self.mobile_edit.text() or None,
            phone=self.phone_edit.text() or None,
            email=self.email_edit.text() or None,
            birthday=self.birthday_edit.value(),
            is_decision_maker=self.decision_box.isChecked(),
            notes=self.notes_edit.toPlainText(),
        )

    def save(self) -> bool:
        """Saves in the background; the dialog closes when the contact is saved."""
        self.clear_errors()
        if self.contact_id is None:
            job = (client_service.add_contact, self.client_id)
        else:
            job = (self.versioned(client_service.update_contact), self.contact_id)
        return self.write(*job, self.draft(), changes={"contact"})

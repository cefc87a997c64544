"""The client form (create / edit, with an optional first contact).

A failed save keeps everything typed: wrong fields get a red border and a line under them
naming the field and the reason; a duplicate shows the existing client with a button to open it.
The save runs in the background (ops.write) and announces the client changed."""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ClientStatus, Tier
from app.domain.errors import DuplicateError, FieldProblem, ValidationErrors
from app.domain.messages import field_label
from app.domain.records import ClientDraft, ContactDraft, validate_client, validate_contact
from app.services import clients as client_service
from app.services import suggestions
from app.services.clients import ClientRecord, ContactRecord
from app.ui.context import UiContext
from app.ui.kit import boxes, ops
from app.ui.kit.dates import DateEdit
from app.ui.kit.forms import FieldErrors, FormDialog, suggest_values
from app.ui.kit.labels import add_choices
from app.ui.kit.screens import scrolling
from app.ui.widgets import ERROR_STYLE, error_text, message_lang


class ClientForm(FormDialog):
    """What the client and the contact form share: each wrong field marked under it (named),
    a banner above for the rest, 保存 / 取消, and a save that runs in the background."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.saved_record: ClientRecord | ContactRecord | None = None
        self.errors = FieldErrors(ctx.lang, named=True)
        self.banner = QLabel(self, wordWrap=True)
        # light red, so dark text (a dark theme's light text would not read on it)
        self.banner.setStyleSheet("color: #a61b1b; background: #fdecea; padding: 6px;")
        self.banner.hide()

    def save(self) -> bool:
        raise NotImplementedError

    def label(self, field: str) -> str:
        return field_label(field, message_lang(self.ctx.lang))

    def write(self, fn: Callable[..., object], *args: object, changes: set[str]) -> bool:
        """Saves through `fn(archive, *args)` in the background: the dialog closes when it is
        saved and says why when it is not. False when nothing could be sent (a restore runs)."""
        self.save_button.setEnabled(False)  # one save at a time
        handle = ops.write(
            self,
            fn,
            self.ctx.archive,
            *args,
            changes=changes,
            on_done=self._saved,
            on_error=self.refused,
        )
        self.save_button.setEnabled(handle is None or handle.done)
        return handle is not None

    def _saved(self, record: ClientRecord | ContactRecord) -> None:
        self.saved_record = record
        self.accept()

    def refused(self, exc: Exception) -> None:
        if isinstance(exc, ValidationErrors):
            self.mark_problems(list(exc.problems))
        else:
            self.show_banner(error_text(exc, self.ctx.lang))
        self.save_button.setEnabled(True)

    def clear_errors(self) -> None:
        self.errors.clear()
        self.banner.hide()

    def mark_problems(self, problems: list[FieldProblem]) -> None:
        """Each problem under its field (the first one brought into view), the rest above."""
        unplaced = self.errors.show(problems)
        if unplaced:
            self.show_banner("\n".join(self.errors.text_of(p) for p in unplaced))

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def field_error(self, name: str) -> str:
        """The error shown under a field ('' if none), for tests and screen readers."""
        return self.errors.message(name)


class ClientDialog(ClientForm):
    """Create (client_id None) or edit a client; a duplicate shows the client already there."""

    def __init__(self, ctx: UiContext, client_id: int | None = None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.client_id = client_id
        self.duplicate: DuplicateError | None = None
        self.setWindowTitle(self.tr("New client") if client_id is None else self.tr("Edit client"))
        self.setMinimumWidth(560)
        self._build()
        if client_id is not None:
            self._load(client_service.get_client(ctx.archive, client_id))

    # --- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, widget in self._fields():
            label = self.label(name) + (" *" if name == "name" else "")
            form.addRow(label, self.errors.wrap(name, widget))
        # The fields scroll on a small laptop screen; the banner and the buttons stay in view.
        body = QWidget(self)
        body_layout = boxes.column(form, parent=body, margin=0)
        if self.client_id is None:
            body_layout.addWidget(self._first_contact_box())
        scroll = scrolling(body, self)
        scroll.setMinimumHeight(min(body.sizeHint().height(), 560))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self._duplicate_bar())
        layout.addWidget(scroll, 1)
        layout.addWidget(self.save_buttons(self.save, self.tr("Save"), self.tr("Cancel")))
        self.name_edit.setFocus()

    def _fields(self) -> tuple[tuple[str, QWidget], ...]:
        self.name_edit = QLineEdit(self)
        self.uscc_edit = QLineEdit(self, placeholderText=self.tr("18 characters, optional"))
        self.tier_combo = QComboBox(self)
        tier_names = {
            Tier.A: self.tr("A (key)"),
            Tier.B: self.tr("B (major)"),
            Tier.C: self.tr("C (ordinary)"),
            Tier.D: self.tr("D (potential)"),
        }
        for tier in Tier:
            self.tier_combo.addItem(tier_names[tier], tier.value)
        self.tier_combo.setCurrentIndex(self.tier_combo.findData(Tier.C.value))
        self.key_account_box = QCheckBox(self.tr("Key account"), self)
        self.status_combo = QComboBox(self)
        add_choices(self.status_combo, ClientStatus, self.ctx.lang)
        self.status_combo.setCurrentIndex(self.status_combo.findData(ClientStatus.ACTIVE.value))
        self.industry_edit = QLineEdit(self)
        self.region_edit = QLineEdit(self)
        self.address_edit = QLineEdit(self)
        self.owner_edit = QLineEdit(self)
        for field, edit in (
            ("industry", self.industry_edit),
            ("region", self.region_edit),
            ("owner", self.owner_edit),
        ):  # typing 机械 offers 机械制造, from the values already in the archive
            suggest_values(edit, suggestions.client_values, self.ctx.archive, field, ctx=self.ctx)
        self.source_edit = QLineEdit(self)
        self.created_edit = DateEdit(self.ctx.archive.today(), self)
        self.policy_edit = QPlainTextEdit(self)
        self.policy_edit.setPlaceholderText(
            self.tr("Agreed discounts, payment terms, extra visits, supply priority…")
        )
        self.policy_edit.setFixedHeight(70)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setFixedHeight(60)
        # 开票信息 (with the name and the USCC above) for the contracts' invoice block
        invoice_hint = self.tr("Address and phone as printed on invoices")
        self.invoice_address_edit = QLineEdit(self, placeholderText=invoice_hint)
        self.bank_edit = QLineEdit(self)
        self.bank_account_edit = QLineEdit(self, placeholderText=self.tr("6 to 32 digits"))
        return (
            ("name", self.name_edit),
            ("uscc", self.uscc_edit),
            ("tier", self.tier_combo),
            ("is_key_account", self.key_account_box),
            ("status", self.status_combo),
            ("industry", self.industry_edit),
            ("region", self.region_edit),
            ("address", self.address_edit),
            ("owner", self.owner_edit),
            ("source", self.source_edit),
            ("created_on", self.created_edit),
            ("invoice_address", self.invoice_address_edit),
            ("bank", self.bank_edit),
            ("bank_account", self.bank_account_edit),
            ("service_policy", self.policy_edit),
            ("notes", self.notes_edit),
        )

    def _duplicate_bar(self) -> QFrame:
        self.duplicate_bar = QFrame(self)
        # light yellow, so dark text (a dark theme's light text would not read on it)
        self.duplicate_bar.setStyleSheet("QFrame { background: #fff6e0; color: #3d2a00; }")
        row = QHBoxLayout(self.duplicate_bar)
        self.duplicate_label = QLabel(self.duplicate_bar, wordWrap=True)
        self.open_existing_button = QPushButton(self.tr("Open existing client"), self)
        self.open_existing_button.clicked.connect(self._open_existing)
        boxes.fill(row, (self.duplicate_label, 1), self.open_existing_button)
        self.duplicate_bar.hide()
        return self.duplicate_bar

    def _first_contact_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("First contact (optional)"), self)
        form = QFormLayout(box)
        self.contact_name_edit = QLineEdit(box)
        self.contact_title_edit = QLineEdit(box)
        self.contact_mobile_edit = QLineEdit(box)
        self.contact_phone_edit = QLineEdit(box)
        self.contact_email_edit = QLineEdit(box)
        for name, widget in (
            ("contact_name", self.contact_name_edit),
            ("title", self.contact_title_edit),
            ("mobile", self.contact_mobile_edit),
            ("phone", self.contact_phone_edit),
            ("email", self.contact_email_edit),
        ):
            form.addRow(self.label(name), self.errors.wrap(name, widget))
        return box

    def _load(self, record: ClientRecord) -> None:
        self.name_edit.setText(record.name)
        self.uscc_edit.setText(record.uscc or "")
        self.tier_combo.setCurrentIndex(self.tier_combo.findData(record.tier.value))
        self.key_account_box.setChecked(record.is_key_account)
        self.status_combo.setCurrentIndex(self.status_combo.findData(record.status.value))
        self.industry_edit.setText(record.industry)
        self.region_edit.setText(record.region)
        self.address_edit.setText(record.address)
        self.owner_edit.setText(record.owner)
        self.source_edit.setText(record.source)
        self.created_edit.set_value(record.created_on)
        self.policy_edit.setPlainText(record.service_policy)
        self.notes_edit.setPlainText(record.notes)
        self.invoice_address_edit.setText(record.invoice_address)
        self.bank_edit.setText(record.bank)
        self.bank_account_edit.setText(record.bank_account)
        fetch = functools.partial(client_service.get_client, self.ctx.archive, record.id)
        self.edits_version(record.version, fetch, self._load)

    # --- saving -------------------------------------------------------------------------------
    def draft(self) -> ClientDraft:
        return ClientDraft(
            name=self.name_edit.text(),
            uscc=self.uscc_edit.text() or None,
            tier=Tier(self.tier_combo.currentData()),
            is_key_account=self.key_account_box.isChecked(),
            industry=self.industry_edit.text(),
            region=self.region_edit.text(),
            address=self.address_edit.text(),
            owner=self.owner_edit.text(),
            status=ClientStatus(self.status_combo.currentData()),
            source=self.source_edit.text(),
            created_on=self.created_edit.value(),
            service_policy=self.policy_edit.toPlainText(),
            notes=self.notes_edit.toPlainText(),
            bank=self.bank_edit.text(),
            bank_account=self.bank_account_edit.text(),
            invoice_address=self.invoice_address_edit.text(),
        )

    def contact_draft(self) -> ContactDraft | None:
        if self.client_id is None:
            typed = (
                self.contact_name_edit,
                self.contact_title_edit,
                self.contact_mobile_edit,
                self.contact_phone_edit,
                self.contact_email_edit,
            )
            if any(edit.text().strip() for edit in typed):
                return ContactDraft(
                    name=self.contact_name_edit.text(),
                    title=self.contact_title_edit.text(),
                    mobile=self.contact_mobile_edit.text() or None,
                    phone=self.contact_phone_edit.text() or None,
                    email=self.contact_email_edit.text() or None,
                )
        return None

    @staticmethod
    def problems(draft: ClientDraft, contact: ContactDraft | None) -> list[FieldProblem]:
        """Client and contact problems together, so every wrong field is marked at once."""
        problems: list[FieldProblem] = []
        for validate, value in ((validate_client, draft), (validate_contact, contact)):
            if value is not None:
                try:
                    validate(value)
                except ValidationErrors as exc:
                    problems += exc.problems
        return problems

    def save(self) -> bool:
        """Checks the form and saves it in the background (the dialog closes when saved).
        False when the form is refused as it stands (the wrong fields are marked)."""
        self.clear_errors()
        draft, contact = self.draft(), self.contact_draft()
        problems = self.problems(draft, contact)
        if problems:
            self.mark_problems(problems)
            return False
        if self.client_id is None:
            contacts = [contact] if contact else []
            return self.write(client_service.create_client, draft, contacts, changes={"client"})
        update = self.versioned(client_service.update_client)
        return self.write(update, self.client_id, draft, changes={"client"})

    def refused(self, exc: Exception) -> None:
        if isinstance(exc, DuplicateError):
            self.save_button.setEnabled(True)
            self._show_duplicate(exc)
        else:
            super().refused(exc)

    def clear_errors(self) -> None:
        super().clear_errors()
        self.duplicate_bar.hide()

    def _show_duplicate(self, exc: DuplicateError) -> None:
        self.duplicate = exc
        self.duplicate_label.setText(error_text(exc, self.ctx.lang))
        self.duplicate_bar.show()
        widget = self.errors.inputs.get(exc.by)
        if widget is not None:
            widget.setStyleSheet(ERROR_STYLE)

    def _open_existing(self) -> None:
        if self.duplicate is None:
            return
        existing = self.duplicate.existing_id
        self.discard()  # the user chose the existing client over the one typed
        self.ctx.events.open_record.emit("client", existing)

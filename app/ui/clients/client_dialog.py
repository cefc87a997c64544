"""The client form (create / edit, with an optional first contact) and the contact form.

A failed save keeps everything typed: wrong fields get a red border and a line under them
naming the field and the reason; a duplicate shows the existing client with a button to open it."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ClientStatus, Tier
from app.domain.errors import AppError, DuplicateError, FieldProblem, ValidationErrors
from app.domain.messages import field_label, problem_text
from app.domain.records import ClientDraft, ContactDraft, validate_client, validate_contact
from app.services import clients as client_service
from app.services import suggestions
from app.ui.context import UiContext
from app.ui.kit.dates import DateEdit, from_qdate, to_qdate
from app.ui.kit.forms import FormDialog, reveal, suggest_values
from app.ui.kit.labels import add_choices
from app.ui.widgets import ERROR_STYLE, error_text, message_lang

NO_DATE = QDate(1900, 1, 1)


def _optional_date_edit(parent: QWidget) -> DateEdit:
    """A date box that can also be empty (shown blank at its minimum, NO_DATE). A date typed
    into the blank box is kept (a plain QDateEdit dropped it and stayed blank)."""
    return DateEdit(parent=parent, optional=True)


class _FormWithErrors(FormDialog):
    """Shared machinery: field widgets by name, inline error lines, a banner for other errors."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.fields: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #a61b1b; background: #fdecea; padding: 6px;")
        self.banner.hide()

    def _add_field(self, form: QFormLayout, name: str, widget: QWidget, label: str) -> None:
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel(holder)
        error.setStyleSheet("color: #d9363e;")
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        form.addRow(label, holder)
        self.fields[name] = widget
        self.error_labels[name] = error

    def clear_errors(self) -> None:
        self.banner.hide()
        for name, widget in self.fields.items():
            widget.setStyleSheet("")
            self.error_labels[name].hide()

    def mark_problems(self, problems: list[FieldProblem]) -> None:
        lang = message_lang(self.ctx.lang)
        unplaced = []
        for problem in problems:
            text = problem_text(problem.field, problem.code, problem.details, lang)
            if problem.field in self.fields:
                self.fields[problem.field].setStyleSheet(ERROR_STYLE)
                self.error_labels[problem.field].setText(text)
                self.error_labels[problem.field].show()
            else:
                unplaced.append(text)
        # the first wrong field of the form (in its order) is scrolled into view and focused
        first = next((n for n in self.fields if not self.error_labels[n].isHidden()), None)
        if first:
            reveal(self.fields[first])
        if unplaced:
            self.show_banner("\n".join(unplaced))

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def field_error(self, name: str) -> str:
        """The error shown under a field ('' if none), for tests and screen readers."""
        label = self.error_labels.get(name)
        return label.text() if label is not None and label.isVisible() else ""

    def _label(self, field: str) -> str:
        return field_label(field, message_lang(self.ctx.lang))


class ClientDialog(_FormWithErrors):
    """Create (client_id None) or edit a client."""

    def __init__(self, ctx: UiContext, client_id: int | None = None, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.client_id = client_id
        self.saved_record = None
        self.duplicate: DuplicateError | None = None
        self.setWindowTitle(self.tr("New client") if client_id is None else self.tr("Edit client"))
        self.setMinimumWidth(560)
        self._build()
        if client_id is not None:
            self._load(client_service.get_client(ctx.archive, client_id))

    # --- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self._duplicate_bar())
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_edit = QLineEdit(self)
        self.uscc_edit = QLineEdit(self)
        self.uscc_edit.setPlaceholderText(self.tr("18 characters, optional"))
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
        self.created_edit = DateEdit(parent=self)
        self.created_edit.setCalendarPopup(True)
        self.created_edit.setDisplayFormat("yyyy-MM-dd")
        self.created_edit.setDate(to_qdate(self.ctx.archive.today()))
        self.policy_edit = QPlainTextEdit(self)
        self.policy_edit.setPlaceholderText(
            self.tr("Agreed discounts, payment terms, extra visits, supply priority…")
        )
        self.policy_edit.setFixedHeight(70)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setFixedHeight(60)
        rows = (
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
            ("service_policy", self.policy_edit),
            ("notes", self.notes_edit),
        )
        for name, widget in rows:
            label = self._label(name) + (" *" if name == "name" else "")
            self._add_field(form, name, widget, label)
        # The fields scroll on a small laptop screen; the banner and the buttons stay in view.
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(form)
        if self.client_id is None:
            body_layout.addWidget(self._first_contact_box())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.setMinimumHeight(min(body.sizeHint().height(), 560))
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.set_form_buttons(self.save_button)
        self.name_edit.setFocus()

    def _duplicate_bar(self) -> QFrame:
        self.duplicate_bar = QFrame(self)
        # light yellow, so dark text (a dark theme's light text would not read on it)
        self.duplicate_bar.setStyleSheet("QFrame { background: #fff6e0; color: #3d2a00; }")
        row = QHBoxLayout(self.duplicate_bar)
        self.duplicate_label = QLabel(self.duplicate_bar)
        self.duplicate_label.setWordWrap(True)
        self.open_existing_button = QPushButton(self.tr("Open existing client"), self)
        self.open_existing_button.clicked.connect(self._open_existing)
        row.addWidget(self.duplicate_label, 1)
        row.addWidget(self.open_existing_button)
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
            self._add_field(form, name, widget, self._label(name))
        return box

    def _load(self, record) -> None:
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
        self.created_edit.setDate(to_qdate(record.created_on))
        self.policy_edit.setPlainText(record.service_policy)
        self.notes_edit.setPlainText(record.notes)

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
            created_on=from_qdate(self.created_edit.date()),
            service_policy=self.policy_edit.toPlainText(),
            notes=self.notes_edit.toPlainText(),
        )

    def contact_draft(self) -> ContactDraft | None:
        if self.client_id is not None:
            return None
        typed = (
            self.contact_name_edit,
            self.contact_title_edit,
            self.contact_mobile_edit,
            self.contact_phone_edit,
            self.contact_email_edit,
        )
        if not any(edit.text().strip() for edit in typed):
            return None
        return ContactDraft(
            name=self.contact_name_edit.text(),
            title=self.contact_title_edit.text(),
            mobile=self.contact_mobile_edit.text() or None,
            phone=self.contact_phone_edit.text() or None,
            email=self.contact_email_edit.text() or None,
        )

    def _all_problems(self, draft: ClientDraft, contact: ContactDraft | None) -> list:
        """Client and contact problems together, so every wrong field is marked at once."""
        problems: list[FieldProblem] = []
        for validate, value in ((validate_client, draft), (validate_contact, contact)):
            if value is None:
                continue
            try:
                validate(value)
            except ValidationErrors as exc:
                problems += exc.problems
        return problems

    def save(self) -> bool:
        self.clear_errors()
        self.duplicate_bar.hide()
        draft, contact = self.draft(), self.contact_draft()
        problems = self._all_problems(draft, contact)
        if problems:
            self.mark_problems(problems)
            return False
        try:
            if self.client_id is None:
                contacts = [contact] if contact else []
                record = client_service.create_client(self.ctx.archive, draft, contacts)
            else:
                record = client_service.update_client(self.ctx.archive, self.client_id, draft)
        except ValidationErrors as exc:
            self.mark_problems(exc.problems)
            return False
        except DuplicateError as exc:
            self._show_duplicate(exc)
            return False
        except AppError as exc:
            self.show_banner(error_text(exc, self.ctx.lang))
            return False
        self.saved_record = record
        self.ctx.events.changed.emit("client")
        self.accept()
        return True

    def _show_duplicate(self, exc: DuplicateError) -> None:
        self.duplicate = exc
        self.duplicate_label.setText(error_text(exc, self.ctx.lang))
        self.duplicate_bar.show()
        widget = self.fields.get(exc.by)
        if widget is not None:
            widget.setStyleSheet(ERROR_STYLE)

    def _open_existing(self) -> None:
        if self.duplicate is None:
            return
        existing = self.duplicate.existing_id
        self.discard()  # the user chose the existing client over the one typed
        self.ctx.events.open_record.emit("client", existing)


class ContactDialog(_FormWithErrors):
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
        self.saved_record = None
        self.setWindowTitle(self.tr("New contact") if contact_id is None else self.tr("Contact"))
        self.setMinimumWidth(420)
        self._build()
        if contact_id is not None:
            self._load(contact_id)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        form = QFormLayout()
        self.name_edit = QLineEdit(self)
        self.title_edit = QLineEdit(self)
        self.mobile_edit = QLineEdit(self)
        self.phone_edit = QLineEdit(self)
        self.email_edit = QLineEdit(self)
        self.birthday_edit = _optional_date_edit(self)
        self.decision_box = QCheckBox(self.tr("Decision maker"), self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setFixedHeight(60)
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
            label = self.tr("Decision maker") if name == "is_decision_maker" else self._label(name)
            self._add_field(form, name, widget, label + (" *" if name == "contact_name" else ""))
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.set_form_buttons(self.save_button)
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _load(self, contact_id: int) -> None:
        client = client_service.get_client(self.ctx.archive, self.client_id)
        contact = next((c for c in client.contacts if c.id == contact_id), None)
        if contact is None:
            return
        self.name_edit.setText(contact.name)
        self.title_edit.setText(contact.title)
        self.mobile_edit.setText(contact.mobile or "")
        self.phone_edit.setText(contact.phone or "")
        self.email_edit.setText(contact.email or "")
        self.birthday_edit.setDate(to_qdate(contact.birthday))
        self.decision_box.setChecked(contact.is_decision_maker)
        self.notes_edit.setPlainText(contact.notes)

    def draft(self) -> ContactDraft:
        return ContactDraft(
            name=self.name_edit.text(),
            title=self.title_edit.text(),
            mobile=self.mobile_edit.text() or None,
            phone=self.phone_edit.text() or None,
            email=self.email_edit.text() or None,
            birthday=from_qdate(self.birthday_edit.date()),
            is_decision_maker=self.decision_box.isChecked(),
            notes=self.notes_edit.toPlainText(),
        )

    def save(self) -> bool:
        self.clear_errors()
        try:
            if self.contact_id is None:
                record = client_service.add_contact(self.ctx.archive, self.client_id, self.draft())
            else:
                record = client_service.update_contact(
                    self.ctx.archive, self.contact_id, self.draft()
                )
        except ValidationErrors as exc:
            self.mark_problems(exc.problems)
            return False
        except AppError as exc:
            self.show_banner(error_text(exc, self.ctx.lang))
            return False
        self.saved_record = record
        self.ctx.events.changed.emit("contact")
        self.accept()
        return True

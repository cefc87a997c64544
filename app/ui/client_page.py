"""One client: a header, and tabs for the basic information, contacts, attachments, the
timeline (its activities, meetings and tenders in one list, with a quick "add activity"), its
documents and letters, contracts, tenders and meetings, and its change history (修改记录)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import private_temp
from app.domain.enums import ActivityKind
from app.domain.errors import AppError
from app.domain.messages import field_label
from app.domain.tenders import TenderStatus
from app.services import attachments as attachment_service
from app.services import clients as client_service
from app.services import timeline as timeline_service
from app.services.clients import ClientRecord
from app.services.timeline import TimelineEntry
from app.ui import user_settings
from app.ui.client_dialog import ClientDialog, ContactDialog
from app.ui.context import UiContext
from app.ui.kit import keys
from app.ui.kit.labels import shown
from app.ui.widgets import (
    confirm,
    format_date,
    format_size,
    message_lang,
    show_error,
    tier_badge,
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # timeline rows: "activity", "meeting" or "tender"
TIMELINE_LIMIT = 200
# Each kind of timeline entry has its colour: a dot before its label, and the label's text.
KIND_COLOURS = {
    timeline_service.ACTIVITY: "#2e86c1",
    timeline_service.MEETING: "#239b56",
    timeline_service.TENDER: "#ca6f1e",
}
OPEN_ACTIONS_COLOUR = "#c0392b"


def _kind_icon(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


def _table(parent: QWidget, headings: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headings), parent)
    table.setHorizontalHeaderLabels(headings)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def _fill_row(table: QTableWidget, row: int, record_id: int, values: list[str]) -> None:
    for column, value in enumerate(values):
        item = QTableWidgetItem(value)
        item.setData(ID_ROLE, record_id)
        table.setItem(row, column, item)


def _selected_id(table: QTableWidget) -> int | None:
    item = table.item(table.currentRow(), 0) if table.currentRow() >= 0 else None
    return item.data(ID_ROLE) if item is not None else None


class ClientPage(QWidget):
    """Shows one client; files dropped anywhere on the page become its attachments."""

    deleted = Signal(int)
    back_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.client: ClientRecord | None = None
        self.active_dialog = None  # the dialog opened last (kept alive while it is shown)
        self._temp = tempfile.TemporaryDirectory(
            prefix="view-", dir=private_temp.session_folder("view")
        )
        self.setAcceptDrops(True)
        self._build()
        ctx.events.changed.connect(self._on_changed)

    # --- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(self._header())
        self.tabs = QTabWidget(self)
        # short titles: the nine tabs fit a laptop's width in English too (no tab scrolled away)
        self.tabs.addTab(self._info_tab(), self.tr("Details"))
        self.tabs.addTab(self._contacts_tab(), self.tr("Contacts"))
        self.tabs.addTab(self._attachments_tab(), self.tr("Files"))
        self.tabs.addTab(self._timeline_tab(), self.tr("Timeline"))
        self.tabs.addTab(self._correspondence_tab(), self.tr("Documents"))
        from app.ui.contracts.page import ContractsPage  # issue 5

        self.contracts = ContractsPage(self.ctx, self, client_id=0)
        self.tabs.addTab(self.contracts, self.tr("Contracts"))
        # its list is read in the background: the tab's count follows when it arrives
        self.contracts.contracts_model.modelReset.connect(self._show_contract_count)
        from app.ui.tenders_page import ClientTendersTab  # issue 3

        self.tenders_tab = ClientTendersTab(self.ctx, self)
        self.tabs.addTab(self.tenders_tab, self.tr("Tenders"))
        from app.ui.minutes_page import MinutesPage  # issue 4: the client's meetings

        self.meetings_tab = MinutesPage(self.ctx, self, client_id=-1)
        self.tabs.addTab(self.meetings_tab, self.tr("Meetings"))
        from app.ui.history_view import HistoryView  # issue 9: who changed what, when

        self.history = HistoryView(self.ctx, "client", self)
        self.tabs.addTab(self.history, self.tr("History"))
        layout.addWidget(self.tabs, 1)

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← Clients"), self)
        self.back_button.setFlat(True)
        self.back_button.clicked.connect(self.back_requested)
        self.name_label = QLabel(self)
        self.name_label.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tier_holder = QHBoxLayout()
        self.key_label = QLabel(self.tr("★ Key account"), self)
        self.key_label.setStyleSheet("color: #b7950b; font-weight: bold;")
        self.status_label = QLabel(self)
        self.status_label.setStyleSheet("color: #555;")
        self.owner_label = QLabel(self)
        self.owner_label.setStyleSheet("color: #555;")
        self.edit_button = QPushButton(self.tr("Edit"), self)
        self.edit_button.clicked.connect(self.edit_client)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.clicked.connect(self.delete_client)
        self.add_activity_button = QPushButton(self.tr("Add activity"), self)
        self.add_activity_button.clicked.connect(self.add_activity)
        row.addWidget(self.back_button)
        row.addWidget(self.name_label)
        row.addLayout(self.tier_holder)
        for widget in (self.key_label, self.status_label, self.owner_label):
            row.addWidget(widget)
        row.addStretch(1)
        for button in (self.add_activity_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        return row

    def _info_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QHBoxLayout(page)
        form_box = QWidget(page)
        self.info_form = QFormLayout(form_box)
        self.info_values: dict[str, QLabel] = {}
        lang = message_lang(self.ctx.lang)
        for name in (
            "name",
            "uscc",
            "tier",
            "is_key_account",
            "status",
            "industry",
            "region",
            "address",
            "owner",
            "source",
            "created_on",
            "notes",
        ):
            value = QLabel(form_box)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.info_form.addRow(field_label(name, lang) + ":", value)
            self.info_values[name] = value
        self.last_visit_value = QLabel(form_box)
        self.info_form.addRow(self.tr("Last visit:"), self.last_visit_value)
        layout.addWidget(form_box, 3)
        policy_box = QGroupBox(field_label("service_policy", lang), page)
        policy_layout = QVBoxLayout(policy_box)
        self.policy_value = QLabel(policy_box)
        self.policy_value.setWordWrap(True)
        self.policy_value.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.policy_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.policy_hint = QLabel(policy_box)
        self.policy_hint.setWordWrap(True)
        self.policy_hint.setStyleSheet("color: #777;")
        policy_layout.addWidget(self.policy_value)
        policy_layout.addWidget(self.policy_hint)
        policy_layout.addStretch(1)
        layout.addWidget(policy_box, 2)
        return page

    def _contacts_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        lang = message_lang(self.ctx.lang)
        headings = [field_label(f, lang) for f in ("contact_name", "title", "mobile", "phone")]
        headings += [field_label("email", lang), self.tr("Decision maker")]
        headings += [field_label("notes", lang)]
        self.contacts_table = _table(page, headings)
        self._fit_to_contents(self.contacts_table)
        self.contacts_table.doubleClicked.connect(lambda _index: self.edit_contact())
        buttons = QHBoxLayout()
        add = QPushButton(self.tr("Add contact"), page)
        add.clicked.connect(self.add_contact)
        edit = QPushButton(self.tr("Edit"), page)
        edit.clicked.connect(self.edit_contact)
        remove = QPushButton(self.tr("Delete"), page)
        remove.clicked.connect(self.delete_contact)
        keys.mark(remove, keys.DELETE, self.contacts_table)  # asks first
        for button in (add, edit, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.contacts_table)
        return page

    def _attachments_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        headings = [self.tr("File name"), self.tr("Size"), self.tr("Added")]
        self.attachments_table = _table(page, headings)
        self.attachments_table.setColumnWidth(0, 320)
        self.attachments_table.doubleClicked.connect(lambda _index: self.open_attachment())
        buttons = QHBoxLayout()
        add = QPushButton(self.tr("Add files…"), page)
        add.clicked.connect(self.choose_attachments)
        open_button = QPushButton(self.tr("Open"), page)
        open_button.clicked.connect(self.open_attachment)
        remove = QPushButton(self.tr("Remove"), page)
        remove.clicked.connect(self.remove_attachment)
        for button in (add, open_button, remove):
            buttons.addWidget(button)
        hint = QLabel(self.tr("Drag files here to attach them."), page)
        hint.setStyleSheet("color: #777;")
        buttons.addStretch(1)
        buttons.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.attachments_table)
        return page

    def _timeline_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        headings = [self.tr("Date"), self.tr("Kind"), self.tr("Subject"), self.tr("Details")]
        self.timeline_table = _table(page, headings)
        self.timeline_table.setWordWrap(False)
        for column, width in enumerate((130, 130, 360)):
            self.timeline_table.setColumnWidth(column, width)
        self.timeline_table.doubleClicked.connect(lambda _index: self.open_selected_entry())
        buttons = QHBoxLayout()
        add = QPushButton(self.tr("Add activity"), page)
        add.clicked.connect(self.add_activity)
        buttons.addWidget(add)
        buttons.addSpacing(16)
        buttons.addWidget(QLabel(self.tr("Show:"), page))
        # which kinds the timeline shows: all, or only activities, meetings or tenders
        self.timeline_filter = QButtonGroup(page)
        self.timeline_filter_buttons: dict[str | None, QPushButton] = {}
        for kind in (None, *timeline_service.KINDS):
            button = QPushButton(page)
            button.setCheckable(True)
            if kind is not None:
                button.setIcon(_kind_icon(KIND_COLOURS[kind]))
            self.timeline_filter.addButton(button)
            self.timeline_filter_buttons[kind] = button
            buttons.addWidget(button)
        self.timeline_filter_buttons[None].setChecked(True)
        self.timeline_filter.buttonClicked.connect(lambda _button: self.refresh_timeline())
        buttons.addStretch(1)
        self.timeline_note = QLabel(
            self.tr("Showing the latest {0}; the lists on the other tabs have them all.").format(
                TIMELINE_LIMIT
            ),
            page,
        )
        self.timeline_note.setStyleSheet("color: #777;")
        self.timeline_note.hide()
        buttons.addWidget(self.timeline_note)
        layout.addLayout(buttons)
        layout.addWidget(self.timeline_table)
        return page

    def _kind_label(self, kind: str) -> str:
        return {
            timeline_service.ACTIVITY: self.tr("Activity"),
            timeline_service.MEETING: self.tr("Meeting minutes"),
            timeline_service.TENDER: self.tr("Tender"),
        }[kind]

    def timeline_kind(self) -> str | None:
        """The kind the timeline is filtered to (None: all kinds)."""
        for kind, button in self.timeline_filter_buttons.items():
            if button.isChecked():
                return kind
        return None

    def set_timeline_kind(self, kind: str | None) -> None:
        self.timeline_filter_buttons[kind].setChecked(True)
        self.refresh_timeline()

    def _correspondence_tab(self) -> QWidget:
        from app.ui.letters_page import ClientCorrespondence

        self.correspondence = ClientCorrespondence(self.ctx, self)
        return self.correspondence

    # --- showing ------------------------------------------------------------------------------
    def show_client(self, client_id: int) -> None:
        self.client = client_service.get_client(self.ctx.archive, client_id)
        self._show_header()
        self._show_info()
        self._show_contacts()
        self.refresh_attachments()
        self.refresh_timeline()
        self.correspondence.set_client(client_id)
        self.contracts.set_client(client_id, self.client.name)
        self.meetings_tab.set_client(client_id)
        self.history.show_record(client_id)
        self._show_counts()

    def _show_counts(self) -> None:
        """The counts in the titles of the tabs that show other areas' lists of the client."""
        letters = self.correspondence.letters
        papers = sum(
            view.model.rowCount()
            for view in (self.correspondence.documents, letters.incoming, letters.outgoing)
        )
        tenders = self.tenders_tab.show_client(self.client.id)
        titles = (
            (self.correspondence, self.tr("Documents ({0})"), papers),
            (self.contracts, self.tr("Contracts ({0})"), self._contract_count()),
            (self.tenders_tab, self.tr("Tenders ({0})"), tenders),
            (self.meetings_tab, self.tr("Meetings ({0})"), self.meetings_tab.model.rowCount()),
        )
        for widget, title, count in titles:
            self.tabs.setTabText(self.tabs.indexOf(widget), title.format(count))

    def _contract_count(self) -> int:
        return self.contracts.contracts_model.rowCount()

    def _show_contract_count(self) -> None:
        title = self.tr("Contracts ({0})").format(self._contract_count())
        self.tabs.setTabText(self.tabs.indexOf(self.contracts), title)

    @staticmethod
    def _fit_to_contents(table: QTableWidget) -> None:
        """Columns as wide as their contents; the last one takes what is left."""
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(table.columnCount() - 1, QHeaderView.ResizeMode.Stretch)

    def reload(self) -> None:
        if self.client is None:
            return
        try:
            self.show_client(self.client.id)
        except AppError:  # deleted elsewhere
            self.client = None

    def _show_header(self) -> None:
        client = self.client
        self.name_label.setText(client.name)
        while self.tier_holder.count():
            old = self.tier_holder.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        self.tier_holder.addWidget(tier_badge(client.tier.value))
        self.key_label.setVisible(client.is_key_account)
        self.status_label.setText(shown(client.status, self.ctx.lang))
        owner = client.owner or self.tr("no account manager")
        self.owner_label.setText(self.tr("Account manager: {0}").format(owner))

    def _show_info(self) -> None:
        client = self.client
        values = {
            "name": client.name,
            "uscc": client.uscc or "",
            "tier": client.tier.value,
            "is_key_account": self.tr("Yes") if client.is_key_account else self.tr("No"),
            "status": shown(client.status, self.ctx.lang),
            "industry": client.industry,
            "region": client.region,
            "address": client.address,
            "owner": client.owner,
            "source": client.source,
            "created_on": format_date(client.created_on),
            "notes": client.notes,
        }
        for name, value in values.items():
            self.info_values[name].setText(value or "—")
        self.last_visit_value.setText(format_date(client.last_visit_on) or "—")
        self.policy_value.setText(client.service_policy or self.tr("No service policy agreed yet."))
        self.policy_hint.setText(self._policy_guidance())

    def _policy_guidance(self) -> str:
        """The sales handbook's reminders for this kind of client."""
        lines = [
            self.tr(
                "Handbook: large contract and good payment → price discount; high price and "
                "stable contract → relaxed payment terms; good cooperation without quality "
                "disputes → more sales expenses and visits."
            )
        ]
        if self.client.is_key_account or self.client.tier.value == "A":
            lines.append(
                self.tr(
                    "Key accounts get supply priority, new-product trials first, and visits by "
                    "senior management."
                )
            )
        return "\n\n".join(lines)

    def _show_contacts(self) -> None:
        contacts = self.client.contacts
        self.contacts_table.setRowCount(len(contacts))
        for row, contact in enumerate(contacts):
            values = [
                contact.name,
                contact.title,
                contact.mobile or "",
                contact.phone or "",
                contact.email or "",
                "✓" if contact.is_decision_maker else "",
                " ".join(contact.notes.split()),
            ]
            _fill_row(self.contacts_table, row, contact.id, values)
            self.contacts_table.item(row, 5).setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.contacts_table.item(row, 6).setToolTip(contact.notes)
        self.tabs.setTabText(1, self.tr("Contacts ({0})").format(len(contacts)))

    def refresh_attachments(self) -> None:
        files = attachment_service.list_for(self.ctx.archive, "client", self.client.id)
        self.attachments_table.setRowCount(len(files))
        for row, att in enumerate(files):
            values = [att.original_name, format_size(att.size), format_date(att.added_at)]
            _fill_row(self.attachments_table, row, att.id, values)
        self.tabs.setTabText(2, self.tr("Files ({0})").format(len(files)))

    def refresh_timeline(self) -> None:
        kind = self.timeline_kind()
        result = timeline_service.client_timeline(
            self.ctx.archive,
            self.client.id,
            kinds=None if kind is None else (kind,),
            limit=TIMELINE_LIMIT,
        )
        self.timeline_entries = result.entries
        table = self.timeline_table
        table.setRowCount(len(result.entries))
        for row, entry in enumerate(result.entries):
            kind_text, details = self._timeline_texts(entry)
            values = [format_date(entry.when), kind_text, entry.title, details]
            _fill_row(table, row, entry.id, values)
            colour = QColor(KIND_COLOURS[entry.kind])
            kind_item = table.item(row, 1)
            kind_item.setIcon(_kind_icon(KIND_COLOURS[entry.kind]))
            kind_item.setForeground(QBrush(colour))
            for column in range(table.columnCount()):
                table.item(row, column).setData(KIND_ROLE, entry.kind)
            table.item(row, 2).setToolTip(entry.title)
            table.item(row, 3).setToolTip(details)
            if entry.open_actions:
                table.item(row, 3).setForeground(QBrush(QColor(OPEN_ACTIONS_COLOUR)))
        names = {None: self.tr("All"), **{k: self._kind_label(k) for k in result.counts}}
        for button_kind, button in self.timeline_filter_buttons.items():
            count = result.total if button_kind is None else result.counts[button_kind]
            button.setText(self.tr("{0} ({1})").format(names[button_kind], count))
        self.tabs.setTabText(3, self.tr("Timeline ({0})").format(result.total))
        self.timeline_note.setVisible(result.truncated)

    def _timeline_texts(self, entry: TimelineEntry) -> tuple[str, str]:
        """The kind column's text and the details column's text of one entry."""
        if entry.kind == timeline_service.ACTIVITY:
            details = ""
            if entry.next_step:
                details = self.tr("Next step: {0}").format(entry.next_step)
                if entry.next_step_due:
                    details += f" ({format_date(entry.next_step_due)})"
            kind = shown(entry.activity_kind, self.ctx.lang, ActivityKind)
            return f"{self._kind_label(entry.kind)} · {kind}", details
        if entry.kind == timeline_service.MEETING:
            parts = [entry.place] if entry.place else []
            if entry.open_actions:
                parts.append(self.tr("%n open action item(s)", "", entry.open_actions))
            else:
                parts.append(self.tr("no open action items"))
            return self._kind_label(entry.kind), " · ".join(parts)
        parts = [shown(entry.status, self.ctx.lang, TenderStatus)]
        if entry.bid_deadline:
            parts.append(self.tr("bid deadline {0}").format(format_date(entry.bid_deadline)))
        if entry.award_notice_on:
            parts.append(self.tr("result notice {0}").format(format_date(entry.award_notice_on)))
        return self._kind_label(entry.kind), " · ".join(p for p in parts if p)

    def attachment_names(self) -> list[str]:
        table = self.attachments_table
        return [table.item(row, 0).text() for row in range(table.rowCount())]

    def _on_changed(self, kind: str) -> None:
        if self.client is None:
            return
        if kind in ("client", "contact", "activity", "attachment"):
            self.reload()
        elif kind in ("meeting", "action", "tender"):
            self.refresh_timeline()
            self._show_counts()
        elif kind in ("document", "letter", "contract", "receipt"):
            self._show_counts()

    # --- client actions -----------------------------------------------------------------------
    def _open_dialog(self, dialog) -> None:
        """Non-blocking (window-modal) so the window keeps painting and tests can drive it."""
        self.active_dialog = dialog
        dialog.open()

    def edit_client(self) -> None:
        if self.client is not None:
            self._open_dialog(ClientDialog(self.ctx, self.client.id, parent=self))

    def delete_client(self) -> None:
        if self.client is None:
            return
        question = self.tr(
            "Delete “{0}” with its contacts, activities and attachments? They go to the recycle "
            "bin, where they can be restored."
        ).format(self.client.name)
        if not confirm(self, self.tr("Delete client"), question):
            return
        client_id, name = self.client.id, self.client.name
        try:
            client_service.delete_client(self.ctx.archive, client_id)
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
            return
        self.client = None
        self.ctx.events.changed.emit("client")
        self.deleted.emit(client_id)
        moved = self.tr("“{0}” was moved to the recycle bin, where it can be restored.")
        self.ctx.events.status_message.emit(moved.format(name))

    def add_activity(self) -> None:
        if self.client is None:
            return
        from app.ui.activity_dialog import ActivityDialog

        self._open_dialog(ActivityDialog(self.ctx, client_id=self.client.id, parent=self))

    def open_selected_entry(self) -> None:
        """Opens the selected timeline entry where the window opens such records: the activity
        form, the minutes editor or the tender form."""
        row = self.timeline_table.currentRow()
        item = self.timeline_table.item(row, 0) if row >= 0 else None
        if item is not None:
            self.ctx.events.open_record.emit(item.data(KIND_ROLE), item.data(ID_ROLE))

    def open_selected_activity(self) -> None:
        row = self.timeline_table.currentRow()
        item = self.timeline_table.item(row, 0) if row >= 0 else None
        if item is not None and item.data(KIND_ROLE) == timeline_service.ACTIVITY:
            activity_id = item.data(ID_ROLE)
            from app.ui.activity_dialog import ActivityDialog

            self._open_dialog(ActivityDialog(self.ctx, activity_id=activity_id, parent=self))

    # --- contacts -----------------------------------------------------------------------------
    def add_contact(self) -> None:
        if self.client is not None:
            self._open_dialog(ContactDialog(self.ctx, self.client.id, parent=self))

    def edit_contact(self) -> None:
        contact_id = _selected_id(self.contacts_table)
        if self.client is not None and contact_id is not None:
            self._open_dialog(ContactDialog(self.ctx, self.client.id, contact_id, parent=self))

    def delete_contact(self) -> None:
        contact_id = _selected_id(self.contacts_table)
        if contact_id is None:
            return
        name = self.contacts_table.item(self.contacts_table.currentRow(), 0).text()
        if not confirm(self, self.tr("Delete contact"), self.tr("Delete “{0}”?").format(name)):
            return
        try:
            client_service.delete_contact(self.ctx.archive, contact_id)
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
            return
        self.ctx.events.changed.emit("contact")

    # --- attachments --------------------------------------------------------------------------
    def choose_attachments(self) -> None:
        paths = user_settings.open_files(self, "attachments", self.tr("Attach files"))
        self.add_attachments([Path(p) for p in paths])

    def add_attachments(self, paths: list[Path]) -> int:
        """Copies the files into the archive; returns how many were added."""
        if self.client is None:
            return 0
        added = 0
        for path in paths:
            try:
                attachment_service.add(self.ctx.archive, "client", self.client.id, path)
            except AppError as exc:
                show_error(self, exc, self.ctx.lang)
                continue
            added += 1
        if added:
            self.refresh_attachments()
            self.tabs.setCurrentIndex(2)
            self.ctx.events.status_message.emit(self.tr("%n file(s) attached", "", added))
        return added

    def open_attachment(self) -> None:
        attachment_id = _selected_id(self.attachments_table)
        if attachment_id is None:
            return
        try:
            copy = attachment_service.copy_out(
                self.ctx.archive, attachment_id, Path(self._temp.name)
            )
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))

    def remove_attachment(self) -> None:
        attachment_id = _selected_id(self.attachments_table)
        if attachment_id is None:
            return
        name = self.attachments_table.item(self.attachments_table.currentRow(), 0).text()
        if not confirm(self, self.tr("Remove attachment"), self.tr("Remove “{0}”?").format(name)):
            return
        try:
            attachment_service.remove(self.ctx.archive, attachment_id)
        except AppError as exc:
            show_error(self, exc, self.ctx.lang)
            return
        self.refresh_attachments()

    # --- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if self.client is not None and any(url.isLocalFile() for url in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        self.handle_dropped_urls(event.mimeData().urls())
        event.acceptProposedAction()

    def handle_dropped_urls(self, urls: list[QUrl]) -> int:
        files = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
        return self.add_attachments([f for f in files if f.is_file()])

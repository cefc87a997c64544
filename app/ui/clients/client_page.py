"""One client: a header, and tabs for the basic information, contacts, attachments, the
timeline (its activities, meetings and tenders in one list, with a quick "add activity"), its
documents and letters, contracts, tenders and meetings, and its change history (修改记录).

The contacts, files and timeline are the kit's lists (Enter or a double-click opens the row);
every read and write runs in the background (ops), and the page follows what others change."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QIcon,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ActivityKind
from app.domain.errors import AppError
from app.domain.messages import field_label
from app.domain.progress import Progress
from app.domain.tenders import TenderStatus
from app.services import attachments as attachment_service
from app.services import clients as client_service
from app.services import timeline as timeline_service
from app.services.archive import Archive
from app.services.attachments import AttachmentRecord
from app.services.clients import ClientRecord, ContactRecord
from app.services.timeline import Timeline, TimelineEntry
from app.ui import user_settings
from app.ui.clients.client_dialog import ClientDialog
from app.ui.clients.contact_dialog import ContactDialog
from app.ui.context import Changes, UiContext
from app.ui.kit import boxes, keys, ops
from app.ui.kit.files import DropsFiles, open_attachment
from app.ui.kit.labels import shown
from app.ui.kit.tables import CENTER, Column, ListModel, ListView, attribute
from app.ui.widgets import confirm, format_date, format_size, message_lang, show_error, tier_badge

TIMELINE_LIMIT = 200
# Each kind of timeline entry has its colour: a dot before its label, and the label's text.
KIND_COLOURS = {
    timeline_service.ACTIVITY: "#2e86c1",
    timeline_service.MEETING: "#239b56",
    timeline_service.TENDER: "#ca6f1e",
}
OPEN_ACTIONS_COLOUR = "#c0392b"
INFO_FIELDS = ("name", "uscc", "tier", "is_key_account", "status", "industry", "region")
INFO_FIELDS += ("address", "owner", "source", "created_on", "notes")


@cache
def kind_icon(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


def timeline_key(entry: TimelineEntry) -> int:
    """One number per entry (an activity and a meeting may share an id)."""
    return entry.id * len(timeline_service.KINDS) + timeline_service.KINDS.index(entry.kind)


def attach_files(
    archive: Archive, client_id: int, paths: list[Path], task: Progress
) -> tuple[int, list[AppError]]:
    """Copies the files into the archive as the client's attachments (in the background):
    how many were added, and why the others were not."""
    added, refused = 0, []
    for number, path in enumerate(paths, 1):
        try:
            attachment_service.add(archive, "client", client_id, path)
            added += 1
        except AppError as exc:
            refused.append(exc)
        task.step(number, len(paths))
    return added, refused


class ClientPage(DropsFiles, QWidget):
    """Shows one client; files dropped anywhere on the page become its attachments."""

    deleted = Signal(int)
    back_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.client: ClientRecord | None = None
        self.active_dialog = None  # the dialog opened last (kept alive while it is shown)
        self.setAcceptDrops(True)  # DropsFiles: files dropped anywhere are attached
        self._build()
        ctx.events.changes.connect(self._on_changes)

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
        from app.ui.tenders.client_tab import ClientTendersTab  # issue 3

        self.tenders_tab = ClientTendersTab(self.ctx, self)
        self.tabs.addTab(self.tenders_tab, self.tr("Tenders"))
        from app.ui.minutes.list_page import MinutesPage  # issue 4: the client's meetings

        self.meetings_tab = MinutesPage(self.ctx, self, client_id=-1)
        self.tabs.addTab(self.meetings_tab, self.tr("Meetings"))
        from app.ui.history.view import HistoryView  # issue 9: who changed what, when

        self.history = HistoryView(self.ctx, "client", self)
        self.tabs.addTab(self.history, self.tr("History"))
        from app.ui.clients.news_tab import ClientNewsTab  # issue 13: 客户动态

        self.news_tab = ClientNewsTab(self.ctx, self)
        self.tabs.addTab(self.news_tab, self.tr("News"))
        layout.addWidget(self.tabs, 1)
        self._count_in_titles()

    def _count_in_titles(self) -> None:
        """Each tab listing the client's records says how many in its title, kept up to date
        as its lists are read (in the background)."""
        letters = self.correspondence.letters
        papers = (self.correspondence.documents, letters.incoming, letters.outgoing)
        for tab, title, models in (
            (1, self.tr("Contacts ({0})"), (self.contacts_model,)),
            (2, self.tr("Files ({0})"), (self.attachments_model,)),
            (4, self.tr("Documents ({0})"), tuple(paper.model for paper in papers)),
            (5, self.tr("Contracts ({0})"), (self.contracts.contracts_model,)),
            (6, self.tr("Tenders ({0})"), (self.tenders_tab.model,)),
            (7, self.tr("Meetings ({0})"), (self.meetings_tab.model,)),
            (9, self.tr("News ({0})"), (self.news_tab.model,)),
        ):
            for model in models:
                model.modelReset.connect(partial(self._count, tab, title, models))

    def _count(self, tab: int, title: str, models: tuple[ListModel, ...]) -> None:
        self.tabs.setTabText(tab, title.format(sum(model.rowCount() for model in models)))

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← Clients"), self, flat=True)
        self.back_button.clicked.connect(self.back_requested)
        self.name_label = QLabel(self)
        self.name_label.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tier_holder = QHBoxLayout()
        self.key_label = QLabel(self.tr("★ Key account"), self)
        self.key_label.setStyleSheet("color: #b7950b; font-weight: bold;")
        self.status_label = QLabel(self, styleSheet="color: #555;")
        self.owner_label = QLabel(self, styleSheet="color: #555;")
        self.edit_button = QPushButton(self.tr("Edit"), self, clicked=self.edit_client)
        self.delete_button = QPushButton(self.tr("Delete"), self, clicked=self.delete_client)
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
        for name in INFO_FIELDS:
            value = QLabel(form_box)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.info_form.addRow(self.tr("{0}:").format(field_label(name, lang)), value)
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
        self.policy_hint = QLabel(policy_box, wordWrap=True, styleSheet="color: #777;")
        boxes.fill(policy_layout, self.policy_value, self.policy_hint, ...)
        layout.addWidget(policy_box, 2)
        return page

    # --- the lists' columns --------------------------------------------------------------------
    def _contact_columns(self) -> tuple[Column[ContactRecord], ...]:
        lang = message_lang(self.ctx.lang)
        return (
            Column(field_label("contact_name", lang), attribute("name"), sort="name"),
            Column(field_label("title", lang), attribute("title"), sort="title"),
            Column(field_label("mobile", lang), attribute("mobile"), sort="mobile"),
            Column(field_label("phone", lang), attribute("phone"), sort="phone"),
            Column(field_label("email", lang), attribute("email"), sort="email"),
            Column(
                self.tr("Decision maker"),
                lambda contact: "✓" if contact.is_decision_maker else "",
                align=CENTER,
                sort="is_decision_maker",
            ),
            Column(
                field_label("notes", lang),
                lambda contact: " ".join(contact.notes.split()),
                tooltip=attribute("notes"),
                stretch=True,
            ),
        )

    def _file_columns(self) -> tuple[Column[AttachmentRecord], ...]:
        return (
            Column(
                self.tr("File name"), attribute("original_name"), sort="original_name", width=320
            ),
            Column(self.tr("Size"), lambda file: format_size(file.size), sort="size"),
            Column(self.tr("Added"), lambda file: format_date(file.added_at), sort="added_at"),
        )

    def _timeline_columns(self) -> tuple[Column[TimelineEntry], ...]:
        """Newest first, as the service gives them (the list does not sort)."""

        def kind(entry: TimelineEntry) -> str:
            return self._timeline_texts(entry)[0]

        def details(entry: TimelineEntry) -> str:
            return self._timeline_texts(entry)[1]

        return (
            Column(self.tr("Date"), lambda entry: format_date(entry.when), width=130),
            Column(
                self.tr("Kind"),
                kind,
                colour=lambda entry: KIND_COLOURS[entry.kind],
                decoration=lambda entry: kind_icon(KIND_COLOURS[entry.kind]),
                width=130,
            ),
            Column(self.tr("Subject"), attribute("title"), tooltip=attribute("title"), width=360),
            Column(
                self.tr("Details"),
                details,
                tooltip=details,
                colour=lambda entry: OPEN_ACTIONS_COLOUR if entry.open_actions else None,
            ),
        )

    def _kind_label(self, kind: str) -> str:
        return {
            timeline_service.ACTIVITY: self.tr("Activity"),
            timeline_service.MEETING: self.tr("Meeting minutes"),
            timeline_service.TENDER: self.tr("Tender"),
        }[kind]

    def _timeline_texts(self, entry: TimelineEntry) -> tuple[str, str]:
        """The kind column's text and the details column's text of one entry."""
        if entry.kind == timeline_service.ACTIVITY:
            details = ""
            if entry.next_step and entry.next_step_due:
                due = format_date(entry.next_step_due)  # 下一步：寄送样品（2026-12-22）
                details = self.tr("Next step: {0} ({1})").format(entry.next_step, due)
            elif entry.next_step:
                details = self.tr("Next step: {0}").format(entry.next_step)
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

    def _tab_with_buttons(
        self, view: ListView, left: list[QWidget | int], right: QWidget | None = None
    ) -> QWidget:
        """A list under a row of buttons (`left`, an int is a space; `right` at the end)."""
        row = QHBoxLayout()
        for item in left:
            if isinstance(item, int):
                row.addSpacing(item)
            else:
                row.addWidget(item)
        row.addStretch(1)
        if right is not None:
            row.addWidget(right)
        page = QWidget(self)
        boxes.column(row, view, parent=page)
        return page

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        return QPushButton(text, self, clicked=lambda: slot())

    def _contacts_tab(self) -> QWidget:
        self.contacts_model = ListModel(self._contact_columns(), parent=self)
        self.contacts_table = ListView(self.contacts_model, parent=self)
        self.contacts_table.row_activated.connect(lambda _id: self.edit_contact())
        remove = self._button(self.tr("Delete"), self.delete_contact)
        keys.mark(remove, keys.DELETE, self.contacts_table)  # asks first
        add = self._button(self.tr("Add contact"), self.add_contact)
        edit = self._button(self.tr("Edit"), self.edit_contact)
        self.contacts_table.empty_state.say("", "", self.tr("Add contact"), self.add_contact)
        return self._tab_with_buttons(self.contacts_table, [add, edit, remove])

    def _attachments_tab(self) -> QWidget:
        self.attachments_model = ListModel(self._file_columns(), parent=self)
        self.attachments_table = ListView(
            self.attachments_model, settings_key="client_files", parent=self
        )
        self.attachments_table.row_activated.connect(lambda _id: self.open_attachment())
        hint = QLabel(self.tr("Drag files here to attach them."), self)
        self.attachments_table.empty_state.say(
            "", hint.text(), self.tr("Add files…"), self.choose_attachments
        )
        hint.setStyleSheet("color: #777;")
        buttons = [
            self._button(self.tr("Add files…"), self.choose_attachments),
            self._button(self.tr("Open"), self.open_attachment),
            self._button(self.tr("Remove"), self.remove_attachment),
        ]
        return self._tab_with_buttons(self.attachments_table, buttons, hint)

    def _timeline_tab(self) -> QWidget:
        self.timeline_model = ListModel(self._timeline_columns(), row_id=timeline_key, parent=self)
        self.timeline_table = ListView(
            self.timeline_model, settings_key="client_timeline", parent=self
        )
        self.timeline_table.row_activated.connect(lambda _key: self.open_selected_entry())
        add = self._button(self.tr("Add activity"), self.add_activity)
        self.timeline_table.empty_state.say("", "", add.text(), self.add_activity)
        buttons: list[QWidget | int] = [add, 16, QLabel(self.tr("Show:"), self)]
        # which kinds the timeline shows: all, or only activities, meetings or tenders
        self.timeline_filter = QButtonGroup(self)
        self.timeline_filter_buttons: dict[str | None, QPushButton] = {}
        for kind in (None, *timeline_service.KINDS):
            button = QPushButton(self, checkable=True)
            if kind is not None:
                button.setIcon(kind_icon(KIND_COLOURS[kind]))
            self.timeline_filter.addButton(button)
            self.timeline_filter_buttons[kind] = button
            buttons.append(button)
        self.timeline_filter_buttons[None].setChecked(True)
        self.timeline_filter.buttonClicked.connect(lambda _button: self.refresh_timeline())
        self.timeline_note = QLabel(
            self.tr("Showing the latest {0}; the lists on the other tabs have them all.").format(
                TIMELINE_LIMIT
            ),
            self,
        )
        self.timeline_note.setStyleSheet("color: #777;")
        self.timeline_note.hide()
        return self._tab_with_buttons(self.timeline_table, buttons, self.timeline_note)

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
        from app.ui.letters.client_tab import ClientCorrespondence

        self.correspondence = ClientCorrespondence(self.ctx, self)
        return self.correspondence

    # --- showing ------------------------------------------------------------------------------
    def show_client(self, client_id: int) -> None:
        """Shows the client at once (raises AppError when it is gone); its files and timeline
        follow from the background."""
        self._show(client_service.get_client(self.ctx.archive, client_id))

    def reload(self) -> None:
        """Reads the client again in the background (it may have gone meanwhile)."""
        if self.client is not None:
            ops.query(
                self,
                client_service.get_client,
                self.ctx.archive,
                self.client.id,
                key="client",
                label=self.tr("Loading the client"),
                on_done=self._show,
                on_error=self._not_found,
            )

    def _not_found(self, exc: Exception) -> None:
        if isinstance(exc, AppError):  # deleted elsewhere
            self.client = None
        else:
            show_error(self, exc, self.ctx.lang)

    def _show(self, client: ClientRecord) -> None:
        self.client = client
        self._show_header()
        self._show_info()
        self._show_contacts()
        self.refresh_attachments()
        self.refresh_timeline()
        self.correspondence.set_client(client.id)
        self.contracts.set_client(client.id, client.name)
        self.meetings_tab.set_client(client.id)
        self.tenders_tab.show_client(client.id)
        self.history.show_record(client.id)
        self.news_tab.set_client(client.id)

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
        shown_as = {
            "tier": client.tier.value,
            "is_key_account": self.tr("Yes") if client.is_key_account else self.tr("No"),
            "status": shown(client.status, self.ctx.lang),
            "created_on": format_date(client.created_on),
        }
        for name, label in self.info_values.items():
            label.setText(shown_as.get(name, getattr(client, name)) or "—")
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
        self.contacts_model.set_rows(contacts)
        self.contacts_table.resizeColumnsToContents()

    def refresh_attachments(self) -> None:
        ops.query(
            self,
            attachment_service.list_for,
            self.ctx.archive,
            "client",
            self.client.id,
            key="files",
            label=self.tr("Loading the client's files"),
            on_done=self._show_files,
        )

    def _show_files(self, files: list[AttachmentRecord]) -> None:
        self.attachments_model.set_rows(files)

    def refresh_timeline(self) -> None:
        kind = self.timeline_kind()
        ops.query(
            self,
            partial(
                timeline_service.client_timeline,
                kinds=None if kind is None else (kind,),
                limit=TIMELINE_LIMIT,
            ),
            self.ctx.archive,
            self.client.id,
            key="timeline",
            label=self.tr("Loading the timeline"),
            on_done=self._show_timeline,
        )

    def _show_timeline(self, result: Timeline) -> None:
        self.timeline_model.set_rows(result.entries)
        names = {None: self.tr("All"), **{k: self._kind_label(k) for k in result.counts}}
        for button_kind, button in self.timeline_filter_buttons.items():
            count = result.total if button_kind is None else result.counts[button_kind]
            button.setText(self.tr("{0} ({1})").format(names[button_kind], count))
        self.tabs.setTabText(3, self.tr("Timeline ({0})").format(result.total))
        self.timeline_note.setVisible(result.truncated)

    def attachment_names(self) -> list[str]:
        return [file.original_name for file in self.attachments_model.rows]

    def _on_changes(self, changes: Changes) -> None:
        if self.client is None:
            return
        if changes.touches("client", "contact", "activity"):
            self.reload()
            return
        if changes.touches("attachment"):
            self.refresh_attachments()
        if changes.touches("meeting", "action", "tender"):
            self.refresh_timeline()

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
        ops.write(
            self,
            client_service.delete_client,
            self.ctx.archive,
            client_id,
            changes={"client"},
            label=self.tr("Delete client"),
            on_done=lambda _none: self._deleted(client_id, name),
        )

    def _deleted(self, client_id: int, name: str) -> None:
        self.client = None
        self.deleted.emit(client_id)
        moved = self.tr("“{0}” was moved to the recycle bin, where it can be restored.")
        self.ctx.events.status_message.emit(moved.format(name))

    def add_activity(self) -> None:
        if self.client is None:
            return
        from app.ui.activities.dialog import ActivityDialog

        self._open_dialog(ActivityDialog(self.ctx, client_id=self.client.id, parent=self))

    def open_selected_entry(self) -> None:
        """Opens the selected timeline entry where the window opens such records: the activity
        form, the minutes editor or the tender form."""
        entry = self.timeline_table.current_row()
        if entry is not None:
            self.ctx.events.open_record.emit(entry.kind, entry.id)

    def open_selected_activity(self) -> None:
        entry = self.timeline_table.current_row()
        if entry is not None and entry.kind == timeline_service.ACTIVITY:
            from app.ui.activities.dialog import ActivityDialog

            self._open_dialog(ActivityDialog(self.ctx, activity_id=entry.id, parent=self))

    # --- contacts -----------------------------------------------------------------------------
    def add_contact(self) -> None:
        if self.client is not None:
            self._open_dialog(ContactDialog(self.ctx, self.client.id, parent=self))

    def edit_contact(self) -> None:
        contact = self.contacts_table.current_row()
        if self.client is not None and contact is not None:
            self._open_dialog(ContactDialog(self.ctx, self.client.id, contact.id, parent=self))

    def delete_contact(self) -> None:
        contact = self.contacts_table.current_row()
        if contact is None:
            return
        question = self.tr("Delete “{0}”?").format(contact.name)
        if confirm(self, self.tr("Delete contact"), question):
            ops.write(
                self,
                client_service.delete_contact,
                self.ctx.archive,
                contact.id,
                changes={"contact"},
                label=self.tr("Delete contact"),
            )

    # --- attachments --------------------------------------------------------------------------
    def choose_attachments(self) -> None:
        paths = user_settings.open_files(self, "attachments", self.tr("Attach files"))
        self.add_attachments([Path(p) for p in paths])

    def add_attachments(self, paths: list[Path]) -> int:
        """Copies the files into the archive in the background; returns how many it was
        given to add (a file refused is said in a message box)."""
        if self.client is None or not paths:
            return 0
        handle = ops.write(
            self,
            attach_files,
            self.ctx.archive,
            self.client.id,
            list(paths),
            changes=lambda result: {"attachment"} if result[0] else (),
            label=self.tr("Attach files"),
            on_done=self._attached,
        )
        return 0 if handle is None else len(paths)

    add_files = add_attachments  # files dropped on the page (DropsFiles)

    def takes_files(self) -> bool:
        return self.client is not None

    def _attached(self, result: tuple[int, list[AppError]]) -> None:
        added, refused = result
        for exc in refused:
            show_error(self, exc, self.ctx.lang)
        if added:
            self.tabs.setCurrentIndex(2)
            self.ctx.events.status_message.emit(self.tr("%n file(s) attached", "", added))

    def open_attachment(self) -> None:
        file = self.attachments_table.current_row()
        if file is not None:
            open_attachment(self, file.id, label=self.tr("Open"))

    def remove_attachment(self) -> None:
        file = self.attachments_table.current_row()
        if file is None:
            return
        question = self.tr("Remove “{0}”?").format(file.original_name)
        if confirm(self, self.tr("Remove attachment"), question):
            ops.write(
                self,
                attachment_service.remove,
                self.ctx.archive,
                file.id,
                changes={"attachment"},
                label=self.tr("Remove attachment"),
            )

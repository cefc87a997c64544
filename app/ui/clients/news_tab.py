"""客户动态 on the client's page: the client's news newest first, with add, edit and delete (to
the recycle bin), the selected item's link to click and its scans to open."""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.services import news as news_service
from app.services.news import NewsRecord
from app.ui.clients.news_dialog import NewsDialog, link_html
from app.ui.context import Changes, UiContext
from app.ui.kit import boxes, keys, ops
from app.ui.kit.files import open_attachment
from app.ui.kit.tables import CENTER, Column, ListModel, ListView, attribute
from app.ui.widgets import confirm, format_date


class ClientNewsTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.client_id: int | None = None
        self.active_dialog = None
        self.model = ListModel(self._columns(), parent=self)
        self.table = ListView(self.model, settings_key="client_news", parent=self)
        self.table.row_activated.connect(lambda _id: self.edit_news())
        self.table.current_changed.connect(lambda _id: self._show_details())
        self.add_button = QPushButton(self.tr("Add news"), self, clicked=lambda: self.add_news())
        self.edit_button = QPushButton(self.tr("Edit"), self, clicked=lambda: self.edit_news())
        self.delete_button = QPushButton(
            self.tr("Delete"), self, clicked=lambda: self.delete_news()
        )
        keys.mark(self.delete_button, keys.DELETE, self.table)  # asks first
        self.scan_button = QPushButton(self.tr("Open scan"), self, clicked=lambda: self.open_scan())
        self.table.empty_state.say(
            "",
            self.tr("Promotions, procurement notices, reports: what the client publishes."),
            self.add_button.text(),
            self.add_news,
        )
        self.details = QLabel(self, wordWrap=True, openExternalLinks=True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        bar = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button, self.scan_button):
            bar.addWidget(button)
        bar.addStretch(1)
        boxes.column(bar, (self.table, 1), self.details, parent=self)
        ctx.events.changes.connect(self._on_changes)

    def _columns(self) -> tuple[Column[NewsRecord], ...]:
        return (
            Column(
                self.tr("Date"),
                lambda r: format_date(r.published_on),
                sort="published_on",
                width=96,
            ),
            Column(self.tr("Source"), attribute("source"), sort="source", width=90),
            Column(
                self.tr("Title"),
                attribute("title"),
                sort="title",
                stretch=True,
                tooltip=attribute("title"),
            ),
            Column(
                self.tr("Link"),
                lambda r: urlsplit(r.url).hostname or "",
                tooltip=lambda r: r.url or None,
                width=140,
            ),
            Column(self.tr("Scan"), lambda r: "✓" if r.scans else "", align=CENTER, width=44),
            Column(self.tr("Note"), attribute("notes"), width=220, tooltip=attribute("notes")),
        )

    # --- showing ----------------------------------------------------------------------------
    def set_client(self, client_id: int) -> None:
        self.client_id = client_id
        self.reload()

    def reload(self):
        if self.client_id is None:
            return None
        return ops.query(
            self,
            news_service.list_news,
            self.ctx.archive,
            self.client_id,
            key="news",
            label=self.tr("Loading client news"),
            on_done=self._show,
        )

    def _show(self, rows: list[NewsRecord]) -> None:
        self.model.set_rows(rows)  # newest first, as the service gives them
        self._show_details()

    def select_news(self, news_id: int) -> bool:
        """Selects the item (a search hit opens it here)."""
        return self.table.select_id(news_id, when_listed=True)

    def _show_details(self) -> None:
        record = self.table.current_row()
        if record is None:
            self.details.setText("")
            return
        parts = [f"<b>{html.escape(record.title)}</b>"]
        if record.url:
            parts.append(link_html(record.url))
        if record.notes:
            parts.append(html.escape(record.notes).replace("\n", "<br/>"))
        self.details.setText("<br/>".join(parts))

    def _on_changes(self, changes: Changes) -> None:
        if self.client_id is not None and changes.touches("news", "attachment", "client"):
            self.reload()

    # --- actions ----------------------------------------------------------------------------
    def _open_dialog(self, dialog) -> None:
        self.active_dialog = dialog
        dialog.open()

    def add_news(self) -> None:
        if self.client_id is not None:
            self._open_dialog(NewsDialog(self.ctx, self.client_id, parent=self))

    def edit_news(self) -> None:
        record = self.table.current_row()
        if record is not None:
            self._open_dialog(NewsDialog(self.ctx, record.client_id, record.id, parent=self))

    def delete_news(self) -> None:
        record = self.table.current_row()
        if record is None:
            return
        question = self.tr(
            "Delete “{0}”? It goes to the recycle bin, where it can be restored."
        ).format(record.title)
        if confirm(self, self.tr("Delete client news"), question):
            ops.write(
                self,
                news_service.delete_news,
                self.ctx.archive,
                record.id,
                changes={"news", "recycle_bin"},
                label=self.tr("Delete client news"),
            )

    def open_scan(self) -> None:
        record = self.table.current_row()
        if record is None or not record.scans:
            return
        scans = news_service.scans(self.ctx.archive, record.id)
        if scans:
            open_attachment(self, scans[-1].id, label=self.tr("Open scan"))

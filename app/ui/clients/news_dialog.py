"""The 客户动态 form: add or edit one news item of a client (date, source, title, link, a scan,
note). Enter saves, Esc cancels; the link is checked as typed and shown as a link to click; a
refused save marks the field and leaves the archive as it was."""

from __future__ import annotations

import functools
import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import FieldProblem, ValidationError
from app.domain.links import parse_url
from app.services import news as news_service
from app.services.news import NewsDraft
from app.ui import user_settings
from app.ui.clients.client_dialog import ClientForm
from app.ui.context import UiContext
from app.ui.kit.dates import DateEdit


def link_html(url: str) -> str:
    """A link to click (the text elided past 60 characters); '' for no link."""
    if not url:
        return ""
    shown = url if len(url) <= 60 else url[:57] + "…"
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(shown)}</a>'


class NewsDialog(ClientForm):
    """Add (news_id None) or edit one news item of the client."""

    def __init__(
        self,
        ctx: UiContext,
        client_id: int,
        news_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(ctx, parent)
        self.client_id = client_id
        self.news_id = news_id
        self.scan: Path | None = None
        title = self.tr("New client news") if news_id is None else self.tr("Client news")
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._build()
        if news_id is not None:
            self._load(news_id)

    def _build(self) -> None:
        self.date_edit = DateEdit(self.ctx.archive.today(), parent=self)
        self.source_box = QComboBox(self, editable=True)
        self.source_box.addItems(["", *news_service.SOURCES])
        self.title_edit = QLineEdit(self)
        self.url_edit = QLineEdit(self, placeholderText="https://")
        self.url_link = QLabel(self, openExternalLinks=True)
        self.url_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.url_edit.textChanged.connect(self._show_link)
        self.scan_label = QLabel(self.tr("No scan"), self)
        self.scan_button = QPushButton(self.tr("Choose scan…"), self)
        self.scan_button.clicked.connect(lambda: self.choose_scan())
        self.tame_button(self.scan_button)
        scan_row = QWidget(self)
        row = QHBoxLayout(scan_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.scan_label, 1)
        row.addWidget(self.scan_button)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setFixedHeight(70)
        form = QFormLayout()
        for name, widget in (
            ("news_date", self.date_edit),
            ("news_source", self.source_box),
            ("news_title", self.title_edit),
            ("url", self.url_edit),
        ):
            required = " *" if name in ("news_date", "news_title") else ""
            form.addRow(self.label(name) + required, self.errors.wrap(name, widget))
        form.addRow("", self.url_link)
        form.addRow(self.label("file"), self.errors.wrap("file", scan_row))
        form.addRow(self.label("notes"), self.errors.wrap("notes", self.notes_edit))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.save_buttons(self.save, self.tr("Save"), self.tr("Cancel")))
        self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _load(self, news_id: int) -> None:
        self._fill(news_service.get_news(self.ctx.archive, news_id))

    def _fill(self, record: news_service.NewsRecord) -> None:
        self.client_id = record.client_id
        self.date_edit.set_value(record.published_on)
        self.source_box.setCurrentText(record.source)
        self.title_edit.setText(record.title)
        self.url_edit.setText(record.url)
        self.notes_edit.setPlainText(record.notes)
        if record.scans:
            self.scan_label.setText(self.tr("%n scan(s) attached", "", record.scans))
        fetch = functools.partial(news_service.get_news, self.ctx.archive, record.id)
        self.edits_version(record.version, fetch, self._fill)

    def _show_link(self, text: str) -> None:
        """The link as it will be clicked, or nothing while it is not a web link."""
        try:
            self.url_link.setText(link_html(parse_url(text)))
        except ValidationError:
            self.url_link.setText("")

    def choose_scan(self) -> None:
        chosen = user_settings.open_file(
            self, "attachments", self.tr("Choose scan"), "PDF / images (*.pdf *.png *.jpg *.jpeg)"
        )
        if chosen:
            self.set_scan(Path(chosen))

    def set_scan(self, path: Path) -> None:
        self.scan = path
        self.scan_label.setText(path.name)

    def extra_state(self) -> object:
        return self.scan

    def draft(self) -> NewsDraft:
        day = self.date_edit.value()
        return NewsDraft(
            client_id=self.client_id,
            published_on=day if isinstance(day, date) else None,
            title=self.title_edit.text(),
            source=self.source_box.currentText(),
            url=self.url_edit.text(),
            notes=self.notes_edit.toPlainText(),
        )

    def save(self) -> bool:
        """Saves in the background; the dialog closes when the news item is saved."""
        self.clear_errors()
        if self.news_id is None:
            job = (news_service.add_news, self.draft(), self.scan)
        else:
            update = self.versioned(news_service.update_news)
            job = (update, self.news_id, self.draft(), self.scan)
        return self.write(*job, changes={"news", "attachment"})

    def refused(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            self.mark_problems([FieldProblem(exc.field, exc.code, dict(exc.details))])
            self.save_button.setEnabled(True)
        else:
            super().refused(exc)

"""The 修改记录 tab of a record's page or dialog: who changed it, when, and what, newest first.

One widget for every kind of record: `HistoryView(ctx, "client")`, then `show_record(id)`. It
reads the record's history in the background, again whenever a write is announced."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHeaderView, QTabWidget, QVBoxLayout, QWidget

from app.domain.errors import AppError
from app.services import history
from app.services.history import HistoryEntry
from app.ui.context import Changes, UiContext
from app.ui.kit import ops
from app.ui.kit.tables import LEFT, TOP, Column, ListModel, ListView
from app.ui.widgets import message_lang, show_error


def history_columns(ctx: UiContext) -> tuple[Column[HistoryEntry], ...]:
    """When, who, what, and the changes one field a line (the whole cell in its tooltip); a
    record's own history stays short, and comes newest first."""
    lang = message_lang(ctx.lang)
    cells = (
        (QCoreApplication.translate("HistoryView", "When"), lambda e: f"{e.at:%Y-%m-%d %H:%M}"),
        (QCoreApplication.translate("HistoryView", "Who"), lambda e: e.user or "—"),
        (QCoreApplication.translate("HistoryView", "What"), lambda e: e.what(lang)),
        (QCoreApplication.translate("HistoryView", "Changes"), lambda e: "\n".join(e.lines(lang))),
    )
    last = len(cells) - 1
    return tuple(
        Column(title, text, align=LEFT | TOP, tooltip=text, stretch=number == last)
        for number, (title, text) in enumerate(cells)
    )


def record_history(archive, kind: str, record_id: int | None) -> list[HistoryEntry]:
    """A record's history; none for a record not saved yet."""
    return [] if record_id is None else history.record_history(archive, kind, record_id)


class HistoryView(QWidget):
    def __init__(self, ctx: UiContext, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.record_id: int | None = None
        self.model = ListModel(history_columns(ctx), parent=self)
        self.table = ListView(self.model, fit="contents", parent=self)
        self.table.setWordWrap(True)  # the changes, one field a line: rows as tall as theirs
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.empty_state.say("", self.tr("No changes recorded yet."))
        QVBoxLayout(self).addWidget(self.table)
        ctx.events.changes.connect(self._on_changes)

    def title(self) -> str:
        """The tab's title (修改记录)."""
        return self.tr("Change history")

    def show_record(self, record_id: int | None) -> None:
        """The history of this record (None: a record not saved yet has none)."""
        self.record_id = record_id
        self.refresh()

    def refresh(self) -> None:
        ops.query(
            self,
            record_history,
            self.ctx.archive,
            self.kind,
            self.record_id,
            key="history",
            label=self.tr("Change history"),
            on_done=self.model.set_rows,
            on_error=self._unreadable,
        )

    def _unreadable(self, exc: Exception) -> None:
        if not isinstance(exc, AppError):
            show_error(self, exc, self.ctx.lang)
        self.model.set_rows([])  # the archive went away under the page: show nothing

    def rows(self) -> list[tuple[str, ...]]:
        """What the table shows, row by row (for tests and screen readers)."""
        return [
            tuple(self.model.index(row, column).data() for column in range(len(self.model.columns)))
            for row in range(self.model.rowCount())
        ]

    def _on_changes(self, _changes: Changes) -> None:
        # any write may add to this record's history (a contact edited is in its client's)
        if self.record_id is not None:
            self.refresh()


def with_history(
    ctx: UiContext,
    body: QWidget,
    body_title: str,
    kind: str,
    record_id: int | None,
    parent: QWidget,
) -> tuple[QWidget, HistoryView | None]:
    """A dialog's body with a 修改记录 tab beside it, for a record that exists (a new one has
    no history yet: the body stays as it is). Returns (what to lay out, the history view)."""
    if record_id is None:
        return body, None
    view = HistoryView(ctx, kind, parent)
    view.show_record(record_id)
    tabs = QTabWidget(parent)
    tabs.addTab(body, body_title)
    tabs.addTab(view, view.title())
    return tabs, view

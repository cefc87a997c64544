"""督促落实: every open action item across meetings, overdue first in red with the days overdue,
fetched as it scrolls; filters by owner, client and overdue only; 完成 (Enter, a double-click)
asks for the result; 催办摘要 copies or prints the per-owner overdue digest."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QCoreApplication, QSignalBlocker
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QWidget,
)

from app.domain.minutes import ActionStatus
from app.services import minutes
from app.services.archive import Archive
from app.services.minutes import ActionCounts, ActionRow
from app.ui.context import UiContext
from app.ui.kit import boxes, ops
from app.ui.kit.forms import ClientPicker
from app.ui.kit.labels import shown
from app.ui.kit.tables import Column, LazyModel, ListView, attribute
from app.ui.minutes.close_action_dialog import CloseActionDialog
from app.ui.minutes.digest_dialog import DigestDialog
from app.ui.minutes.minutes_dialog import MinutesDialog
from app.ui.widgets import error_text, format_date

OVERDUE_COLOUR = "#c0392b"
DUE_TODAY_COLOUR = "#d68910"
LISTENS_TO = ("meeting", "action", "client")


def action_columns(ctx: UiContext) -> tuple[Column[ActionRow], ...]:
    """The columns of an action-item list (here and on the home page), in the order of the
    query: overdue rows red, rows due today amber."""

    def colour(row: ActionRow) -> str | None:
        return OVERDUE_COLOUR if row.overdue else DUE_TODAY_COLOUR if row.due_today else None

    def late(row: ActionRow) -> str:
        if row.overdue:
            days = row.days_overdue  # lupdate skips the call when the count is an attribute
            return QCoreApplication.translate("ActionTableModel", "%n day(s)", "", days)
        return QCoreApplication.translate("ActionTableModel", "due today") if row.due_today else ""

    column = partial(Column, colour=colour)  # the whole row takes the colour
    return (
        column(
            QCoreApplication.translate("ActionTableModel", "Due"),
            lambda row: format_date(row.due_on),
            width=90,
        ),
        column(QCoreApplication.translate("ActionTableModel", "Overdue"), late),
        column(
            QCoreApplication.translate("ActionTableModel", "Task"),
            attribute("task"),
            tooltip=attribute("task"),
            stretch=True,
        ),
        column(QCoreApplication.translate("ActionTableModel", "Owner"), attribute("owner")),
        column(QCoreApplication.translate("ActionTableModel", "Helpers"), attribute("helpers")),
        column(
            QCoreApplication.translate("ActionTableModel", "Status"),
            lambda row: shown(row.status, ctx.lang, ActionStatus),
        ),
        column(
            QCoreApplication.translate("ActionTableModel", "Meeting"),
            attribute("meeting_title"),
            tooltip=attribute("meeting_title"),
            width=260,
            stretch=True,  # shares the room with the task in a narrow panel (elided, tooltip)
        ),
        column(
            QCoreApplication.translate("ActionTableModel", "Held"),
            lambda row: format_date(row.held_at.date()),
            width=90,
        ),
    )


@dataclass(frozen=True)
class FollowUp:
    """One answer for the page: the items of the filter, the counts and the owners."""

    ids: list[int]
    counts: ActionCounts
    owners: list[str]


def load_follow_up(
    archive: Archive, owner: str | None, client_id: int | None, overdue_only: bool
) -> FollowUp:
    return FollowUp(
        minutes.open_action_ids(archive, owner, client_id, overdue_only),
        minutes.action_counts(archive),
        minutes.action_owners(archive),
    )


class FollowUpPage(QWidget):
    """The 督促落实 area."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.active_dialog: QDialog | None = None
        self.model = LazyModel(
            action_columns(ctx), lambda ids: minutes.action_rows(ctx.archive, ids), parent=self
        )
        self._build()
        ops.follow(self, self.refresh, *LISTENS_TO)
        self.refresh()

    def _build(self) -> None:
        self.owner_filter = QComboBox(self, minimumWidth=120)
        self.owner_filter.addItem(self.tr("All"), None)
        self.owner_filter.currentIndexChanged.connect(self.refresh)
        self.client_filter = ClientPicker(self.ctx, self)
        self.client_filter.setPlaceholderText(self.tr("Filter by client"))
        self.client_filter.chosen.connect(self.refresh)
        self.client_filter.textChanged.connect(self._on_client_text)
        self.overdue_only = QCheckBox(self.tr("Overdue only"), self, toggled=self.refresh)
        self.close_button = QPushButton(self.tr("Done…"), self, clicked=self.close_selected)
        self.start_button = QPushButton(self.tr("In progress"), self, clicked=self.start_selected)
        self.open_button = QPushButton(
            self.tr("Open minutes"), self, clicked=self.open_selected_meeting
        )
        self.digest_button = QPushButton(self.tr("Overdue digest…"), self, clicked=self.show_digest)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Owner"), self))
        bar.addWidget(self.owner_filter)
        bar.addWidget(self.client_filter, 1)
        bar.addWidget(self.overdue_only)
        for button in (self.close_button, self.start_button, self.open_button, self.digest_button):
            bar.addWidget(button)
        self.summary = QLabel(self)
        self.view = ListView(self.model, settings_key="follow_up", parent=self)
        self.view.row_activated.connect(lambda _id: self.close_selected())
        self.view.set_context_menu(self._fill_menu)
        boxes.column(bar, self.summary, (self.view, 1), parent=self)

    def _fill_menu(self, menu: QMenu, _action_id: int) -> None:
        for button in (self.close_button, self.start_button, self.open_button):
            menu.addAction(button.text(), button.click)

    # --- listing ------------------------------------------------------------------------------
    def _on_client_text(self, text: str) -> None:
        if not text.strip() and self.client_filter.client_id is not None:
            self.client_filter.client_id = None
            self.refresh()

    def is_filtered(self) -> bool:
        owner, client_id = self.owner_filter.currentData(), self.client_filter.client_id
        return owner is not None or client_id is not None or self.overdue_only.isChecked()

    def refresh(self, *_args: object) -> None:
        """Lists the open items of the filters (in the background; the newest request wins)."""
        ops.query(
            self,
            load_follow_up,
            self.ctx.archive,
            self.owner_filter.currentData(),
            self.client_filter.client_id,
            self.overdue_only.isChecked(),
            key="items",
            label=self.tr("Loading the action items…"),
            on_done=self._show,
            on_error=lambda exc: self.summary.setText(error_text(exc, self.ctx.lang)),
        )

    def _show(self, answer: FollowUp) -> None:
        self._fill_owners(answer.owners)
        if self.is_filtered():
            self.view.empty_state.say(
                self.tr("No open action item matches the filters"),
                "",
                self.tr("Clear filters"),
                self.clear_filters,
            )
        else:
            self.view.empty_state.say(self.tr("No open action items"))
        self.model.set_ids(answer.ids)
        counts, listed = answer.counts, len(answer.ids)
        text = self.tr("%n open item(s)", "", counts.open)
        text += self.tr(", %n overdue", "", counts.overdue)
        text += self.tr(", %n due today", "", counts.due_today)
        if listed != counts.open:
            text += self.tr("; %n shown by the filter", "", listed)
        self.summary.setText(text)

    def _fill_owners(self, owners: list[str]) -> None:
        current = self.owner_filter.currentData()
        with QSignalBlocker(self.owner_filter):
            while self.owner_filter.count() > 1:  # 全部 stays
                self.owner_filter.removeItem(1)
            for owner in owners:
                self.owner_filter.addItem(owner, owner)
            self.owner_filter.setCurrentIndex(max(0, self.owner_filter.findData(current)))

    def clear_filters(self) -> None:
        with QSignalBlocker(self.owner_filter), QSignalBlocker(self.overdue_only):
            self.owner_filter.setCurrentIndex(0)
            self.overdue_only.setChecked(False)
        self.client_filter.clear()
        self.refresh()

    # --- acting on an item ----------------------------------------------------------------------
    def selected_row(self) -> ActionRow | None:
        return self.view.current_row()

    def _open(self, dialog: QDialog) -> QDialog:
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def close_selected(self) -> CloseActionDialog | None:
        row = self.selected_row()
        return self._open(CloseActionDialog(self.ctx, row, self)) if row is not None else None

    def start_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            label = self.tr("In progress")
            args = (minutes.start_action, self.ctx.archive, row.id)
            ops.write(self, *args, changes={"action"}, label=label)

    def open_selected_meeting(self) -> MinutesDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        return self._open(MinutesDialog(self.ctx, row.meeting_id, parent=self))

    def show_digest(self) -> DigestDialog:
        return self._open(DigestDialog(self.ctx, self.owner_filter.currentData(), self))

"""The home page's 督办事项 panel: action items overdue or due today (the first 50), most overdue
first; Enter or a double-click opens the item's minutes."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QWidget

from app.services import minutes
from app.services.archive import Archive
from app.services.minutes import ActionCounts, ActionRow
from app.ui.context import UiContext
from app.ui.kit import boxes, ops
from app.ui.kit.tables import ListModel, ListView
from app.ui.minutes.followup_page import action_columns

HIDDEN = (4, 7)  # helpers and the meeting's date: the follow-up page has them


def load_due(archive: Archive, limit: int) -> tuple[list[ActionRow], ActionCounts]:
    return minutes.due_actions(archive, limit), minutes.action_counts(archive)


class DueActionsPanel(QGroupBox):
    """The items due, loaded in the background; the title counts them."""

    LIMIT = 50

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = ListModel(action_columns(ctx), parent=self)
        # a home-page panel: columns as wide as their text, the task sharing the rest, never a
        # sideways scroll bar (the panel is half the window wide)
        self.view = ListView(self.model, fit="contents", parent=self)
        self.view.setShowGrid(False)
        for column in HIDDEN:
            self.view.hideColumn(column)
        self.view.row_activated.connect(lambda i: ctx.events.open_record.emit("action", i))
        self.view.empty_state.say(self.tr("No action item is due today or overdue."))
        boxes.column(self.view, parent=self)
        ops.follow(self, self.refresh, "meeting", "action")
        self.refresh()

    def refresh(self) -> None:
        ops.query(
            self,
            load_due,
            self.ctx.archive,
            self.LIMIT,
            key="due",
            label=self.tr("Loading due action items"),
            on_done=self._loaded,
        )

    def _loaded(self, answer: tuple[list[ActionRow], ActionCounts]) -> None:
        rows, counts = answer
        self.model.set_rows(rows)
        title = self.tr("Action items: {0} overdue, {1} due today")
        self.setTitle(title.format(counts.overdue, counts.due_today))

"""The home page: today's due next steps, open complaints, and key clients overdue for a visit."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Tier
from app.services import activities, planning
from app.services.activities import ActivityRow
from app.services.archive import Archive
from app.services.planning import OverdueVisit
from app.ui.activity_dialog import kind_label
from app.ui.context import UiContext
from app.ui.widgets import error_text, format_date

OVERDUE_RED = QColor("#d9363e")
KEY_STAR = "★"
LIST_LIMIT = 200
KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def weak_callback(method: Callable[..., None], *first: object) -> Callable[..., None]:
    """A job callback that does not keep its widget alive: the runner's task handles live on,
    and a page closed meanwhile should simply not hear the answer."""
    ref = weakref.WeakMethod(method)

    def call(*rest: object) -> None:
        target = ref()
        if target is not None:
            target(*first, *rest)

    return call


@dataclass(frozen=True)
class HomeData:
    today: date
    due: list[ActivityRow]
    complaints: list[ActivityRow]
    overdue: list[OverdueVisit]


def load_home(archive: Archive, task=None) -> HomeData:
    """Everything the home page shows, read in one background job."""
    due = activities.due_next_steps(archive, limit=LIST_LIMIT)
    complaints = activities.open_complaints(archive, limit=LIST_LIMIT)
    if task is not None:
        task.raise_if_cancelled()
    overdue = planning.overdue_visits(archive, limit=LIST_LIMIT)
    return HomeData(archive.today(), due, complaints, overdue)


class Panel(QGroupBox):
    """A titled list with a count in its title and a friendly message when it is empty."""

    def __init__(self, title: str, headers: list[str], empty_text: str, parent=None):
        super().__init__(parent)
        self.base_title = title
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(headers)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.empty = QLabel(empty_text)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: gray; font-size: 14px; padding: 24px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        QVBoxLayout(self).addWidget(self.stack)
        self.set_count(0)

    def set_count(self, count: int, more: bool = False) -> None:
        shown = f"{count}+" if more else str(count)
        self.setTitle(f"{self.base_title} ({shown})")
        self.stack.setCurrentWidget(self.tree if count else self.empty)

    def add_item(self, values: list[str], kind: str, record_id: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem(values)
        item.setData(0, KIND_ROLE, kind)
        item.setData(0, ID_ROLE, record_id)
        self.tree.addTopLevelItem(item)
        return item

    def items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]


class HomePage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self.data: HomeData | None = None
        self._build()
        # Coalesces bursts of changes, and never clears a list inside one of its own buttons' clicks.
        self._refresh_soon = QTimer(self, singleShot=True, interval=0)
        self._refresh_soon.timeout.connect(self.refresh)
        ctx.events.changed.connect(self._on_changed)
        self.refresh()

    def _build(self) -> None:
        self.due_panel = Panel(
            self.tr("Due today"),
            [self.tr("Due"), self.tr("Next step"), self.tr("Client"), self.tr("Activity"), ""],
            self.tr("Nothing is due today. Well done!"),
        )
        self.complaint_panel = Panel(
            self.tr("Open complaints"),
            [self.tr("Age"), self.tr("Subject"), self.tr("Client"), self.tr("Received")],
            self.tr("No open complaints."),
        )
        self.overdue_panel = Panel(
            self.tr("Overdue visits"),
            [
                self.tr("Tier"),
                self.tr("Client"),
                self.tr("Last visit"),
                self.tr("Days overdue"),
                self.tr("Account manager"),
            ],
            self.tr("Every client has been visited on schedule."),
        )
        for panel in (self.due_panel, self.complaint_panel, self.overdue_panel):
            panel.tree.itemDoubleClicked.connect(self._open_item)
        self.status = QLabel()
        self.status.setStyleSheet("color: gray;")
        top = QHBoxLayout()
        top.addWidget(self.due_panel, 3)
        top.addWidget(self.complaint_panel, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.overdue_panel, 1)
        layout.addWidget(self.status)

    # -- loading ---------------------------------------------------------------------------

    def _on_changed(self, _kind: str) -> None:
        self._refresh_soon.start()

    def refresh(self) -> None:
        """Reloads in the background; an answer to an older request is dropped."""
        self._generation += 1
        generation = self._generation
        self.status.setText(self.tr("Loading…"))
        self.ctx.runner.submit(
            self.tr("Loading the home page"),
            load_home,
            self.ctx.archive,
            on_done=weak_callback(self._on_loaded, generation),
            on_error=weak_callback(self._on_failed, generation),
        )

    def _on_loaded(self, generation: int, data: HomeData) -> None:
        if generation != self._generation:
            return
        self.data = data
        self.status.clear()
        self._fill_due(data)
        self._fill_complaints(data)
        self._fill_overdue(data)

    def _on_failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self.status.setText(error_text(exc, self.ctx.lang))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.data is not None:
            self.refresh()

    # -- the three panels ------------------------------------------------------------------

    def _fill_due(self, data: HomeData) -> None:
        panel = self.due_panel
        panel.tree.clear()
        for row in data.due:
            late = (data.today - row.next_step_due).days
            when = self.tr("{0} days overdue").format(late) if late > 0 else self.tr("Today")
            values = [when, row.next_step, row.client_name, row.subject, ""]
            item = panel.add_item(values, "activity", row.id)
            item.setToolTip(0, format_date(row.next_step_due))
            if late > 0:
                for column in range(4):
                    item.setForeground(column, QBrush(OVERDUE_RED))
            panel.tree.setItemWidget(item, 4, self._done_button(row.id))
        panel.set_count(len(data.due), more=len(data.due) >= LIST_LIMIT)

    def _done_button(self, activity_id: int) -> QPushButton:
        button = QPushButton(self.tr("Done"))
        button.setToolTip(self.tr("Mark this next step as done"))
        button.setProperty("activity_id", activity_id)
        button.clicked.connect(self._on_done_clicked)
        return button

    def _on_done_clicked(self) -> None:
        self.mark_done(int(self.sender().property("activity_id")))

    def mark_done(self, activity_id: int) -> None:
        activities.mark_next_step_done(self.ctx.archive, activity_id)
        self.ctx.events.changed.emit("activity")

    def _fill_complaints(self, data: HomeData) -> None:
        panel = self.complaint_panel
        panel.tree.clear()
        for row in data.complaints:
            age = (data.today - row.started_at.date()).days
            values = [
                self.tr("{0} days").format(age),
                row.subject,
                row.client_name,
                format_date(row.started_at.date()),
            ]
            item = panel.add_item(values, "activity", row.id)
            item.setToolTip(1, kind_label(row.kind, self.ctx.lang))
        panel.set_count(len(data.complaints), more=len(data.complaints) >= LIST_LIMIT)

    def _fill_overdue(self, data: HomeData) -> None:
        panel = self.overdue_panel
        panel.tree.clear()
        for visit in data.overdue:
            name = f"{KEY_STAR} {visit.name}" if visit.is_key_account else visit.name
            last = format_date(visit.last_visit_on) if visit.last_visit_on else self.tr("Never")
            values = [visit.tier.value, name, last, str(visit.days_overdue), visit.owner]
            item = panel.add_item(values, "client", visit.client_id)
            if visit.tier in (Tier.A, Tier.B):
                item.setForeground(0, QBrush(OVERDUE_RED))
        panel.set_count(len(data.overdue), more=len(data.overdue) >= LIST_LIMIT)

    def _open_item(self, item: QTreeWidgetItem, _column: int) -> None:
        self.ctx.events.open_record.emit(item.data(0, KIND_ROLE), item.data(0, ID_ROLE))

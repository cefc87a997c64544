"""The home page: today's due next steps, open complaints, key clients overdue for a visit,
the tender radar, due action items and letters waiting for a reply."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Tier
from app.services import activities, letters, planning
from app.services.activities import ActivityRow
from app.services.archive import Archive
from app.services.letters import LetterRow
from app.services.planning import OverdueVisit
from app.ui.activity_dialog import kind_label
from app.ui.context import UiContext
from app.ui.tenders.radar_panel import DeadlineRadarPanel
from app.ui.widgets import error_text, fit_columns, format_date

OVERDUE_RED = QColor("#d9363e")
KEY_STAR = "★"
LIST_LIMIT = 200
LINK_BLUE = QColor("#1a6fc9")
DONE_COLUMN = 4
REPLY_WARNING_DAYS = 3  # letters whose reply is due this soon are shown before they are late
AnyIndex = QModelIndex | QPersistentModelIndex


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
    replies: list[LetterRow]


def load_home(archive: Archive, task=None) -> HomeData:
    """Everything the home page shows, read in one background job."""
    due = activities.due_next_steps(archive, limit=LIST_LIMIT)
    complaints = activities.open_complaints(archive, limit=LIST_LIMIT)
    if task is not None:
        task.raise_if_cancelled()
    overdue = planning.overdue_visits(archive, limit=LIST_LIMIT)
    replies = letters.replies_due(archive, within_days=REPLY_WARNING_DAYS, limit=LIST_LIMIT)
    return HomeData(archive.today(), due, complaints, overdue, replies)


@dataclass(frozen=True)
class PanelRow:
    """One line of a home panel: its cells, the record it opens, and which cells are red."""

    values: tuple[str, ...]
    kind: str
    record_id: int
    red_columns: frozenset[int] = frozenset()
    tooltip: str = ""


class PanelModel(QAbstractTableModel):
    """Rows of one panel. A column may act as a link (the 完成 action of due next steps)."""

    def __init__(self, headers: list[str], link_column: int | None = None, parent=None):
        super().__init__(parent)
        self.headers = headers
        self.link_column = link_column
        self.rows: list[PanelRow] = []

    def set_rows(self, rows: list[PanelRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.values[column] if column < len(row.values) else ""
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.link_column:
                return QBrush(LINK_BLUE)
            if column in row.red_columns:
                return QBrush(OVERDUE_RED)
        if role == Qt.ItemDataRole.FontRole and column == self.link_column:
            font = QFont()
            font.setUnderline(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column < len(row.values):
            # the whole text of a cell that may be elided, and the row's own hint if any
            return "\n".join(filter(None, (row.values[column], row.tooltip)))
        return None


class Panel(QGroupBox):
    """A titled list with a count in its title and a friendly message when it is empty."""

    def __init__(
        self,
        title: str,
        headers: list[str],
        empty_text: str,
        link_column: int | None = None,
        elastic_columns: tuple[int, ...] = (1,),
    ):
        super().__init__()
        self.base_title = title
        self.model = PanelModel(headers, link_column, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        fit_columns(self.view, elastic_columns)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setWordWrap(False)
        self.empty = QLabel(empty_text)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: gray; font-size: 14px; padding: 24px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        QVBoxLayout(self).addWidget(self.stack)
        self.set_rows([], more=False)

    def set_rows(self, rows: list[PanelRow], more: bool) -> None:
        self.model.set_rows(rows)
        shown = f"{len(rows)}+" if more else str(len(rows))
        self.setTitle(f"{self.base_title} ({shown})")
        self.stack.setCurrentWidget(self.view if rows else self.empty)

    def row(self, number: int) -> PanelRow:
        return self.model.rows[number]

    def column_texts(self, column: int) -> list[str]:
        return [row.values[column] for row in self.model.rows]


class HomePage(QWidget):
    all_overdue_requested = Signal()  # 全部逾期拜访…: the visit plan's full list

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self.data: HomeData | None = None
        self._build()
        # Coalesces bursts of changes, and never resets a list inside one of its own clicks.
        self._refresh_soon = QTimer(self, singleShot=True, interval=0)
        self._refresh_soon.timeout.connect(self.refresh)
        ctx.events.changed.connect(self._on_changed)
        self.refresh()

    def _build(self) -> None:
        self.due_panel = Panel(
            self.tr("Due today"),
            [self.tr("Due"), self.tr("Next step"), self.tr("Client"), self.tr("Activity"), ""],
            self.tr("Nothing is due today. Well done!"),
            link_column=DONE_COLUMN,
            elastic_columns=(1, 2),
        )
        self.complaint_panel = Panel(
            self.tr("Open complaints"),
            [self.tr("Age"), self.tr("Subject"), self.tr("Client"), self.tr("Received")],
            self.tr("No open complaints."),
            elastic_columns=(1, 2),
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
        self.all_overdue_button = QPushButton(self.tr("All overdue visits…"))
        self.all_overdue_button.clicked.connect(self.all_overdue_requested)
        self.overdue_panel.layout().addWidget(
            self.all_overdue_button, 0, Qt.AlignmentFlag.AlignRight
        )
        self.replies_panel = Panel(
            self.tr("Replies due"),
            [self.tr("Reply due"), self.tr("Letter"), self.tr("From / to"), self.tr("Number")],
            self.tr("No letter is waiting for a reply."),
            elastic_columns=(1, 2),
        )
        panels = (self.due_panel, self.complaint_panel, self.overdue_panel, self.replies_panel)
        for panel in panels:
            panel.view.doubleClicked.connect(self._open_index)
        self.due_panel.view.clicked.connect(self._on_due_clicked)
        self.status = QLabel()
        self.status.setStyleSheet("color: gray;")
        top = QHBoxLayout()
        top.addWidget(self.due_panel, 3)
        top.addWidget(self.complaint_panel, 2)
        layout = QVBoxLayout(self)
        from app.ui.backups.banner import BackupBanner  # issue 9: an old or missing backup

        self.backup_banner = BackupBanner(self.ctx, self)
        layout.addWidget(self.backup_banner)
        layout.addLayout(top, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.overdue_panel, 3)
        self.radar_panel = DeadlineRadarPanel(self.ctx, self, load=False)  # 投标雷达 (issue 3)
        bottom.addWidget(self.radar_panel, 2)
        layout.addLayout(bottom, 1)
        from app.ui.followup_page import DueActionsPanel  # issue 4: 督办事项

        self.actions_panel = DueActionsPanel(self.ctx, self)
        last = QHBoxLayout()
        last.addWidget(self.actions_panel, 3)
        last.addWidget(self.replies_panel, 2)
        layout.addLayout(last, 1)
        layout.addWidget(self.status)

    # -- loading ---------------------------------------------------------------------------

    def _on_changed(self, _kind: str) -> None:
        self._refresh_soon.start()

    def refresh(self) -> None:
        """Reloads in the background; an answer to an older request is dropped."""
        self._generation += 1
        self.radar_panel.refresh()
        self.backup_banner.refresh_if_stale()
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
        more = LIST_LIMIT
        self.due_panel.set_rows(self._due_rows(data), more=len(data.due) >= more)
        self.complaint_panel.set_rows(self._complaint_rows(data), more=len(data.complaints) >= more)
        self.overdue_panel.set_rows(self._overdue_rows(data), more=len(data.overdue) >= more)
        self.replies_panel.set_rows(self._reply_rows(data), more=len(data.replies) >= more)

    def _on_failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self.status.setText(error_text(exc, self.ctx.lang))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.data is not None:
            self.refresh()

    # -- the three panels ------------------------------------------------------------------

    def _due_rows(self, data: HomeData) -> list[PanelRow]:
        rows = []
        done = self.tr("Done")
        for row in data.due:
            late = (data.today - row.next_step_due).days
            when = self.tr("{0} days overdue").format(late) if late > 0 else self.tr("Today")
            values = (when, row.next_step, row.client_name, row.subject, done)
            red = frozenset(range(4)) if late > 0 else frozenset()
            tooltip = format_date(row.next_step_due)
            rows.append(PanelRow(values, "activity", row.id, red, tooltip))
        return rows

    def _complaint_rows(self, data: HomeData) -> list[PanelRow]:
        rows = []
        for row in data.complaints:
            age = (data.today - row.started_at.date()).days
            values = (
                self.tr("{0} days").format(age),
                row.subject,
                row.client_name,
                format_date(row.started_at.date()),
            )
            tooltip = kind_label(row.kind, self.ctx.lang)
            rows.append(PanelRow(values, "activity", row.id, frozenset(), tooltip))
        return rows

    def _overdue_rows(self, data: HomeData) -> list[PanelRow]:
        rows = []
        for visit in data.overdue:
            name = f"{KEY_STAR} {visit.name}" if visit.is_key_account else visit.name
            last = format_date(visit.last_visit_on) if visit.last_visit_on else self.tr("Never")
            values = (visit.tier.value, name, last, str(visit.days_overdue), visit.owner)
            red = frozenset({0}) if visit.tier in (Tier.A, Tier.B) else frozenset()
            rows.append(PanelRow(values, "client", visit.client_id, red))
        return rows

    def _reply_rows(self, data: HomeData) -> list[PanelRow]:
        rows = []
        for letter in data.replies:
            days = (letter.reply_due - data.today).days
            if days < 0:
                when = self.tr("{0} days overdue").format(-days)
            elif days == 0:
                when = self.tr("Today")
            else:
                when = self.tr("In {0} days").format(days)
            values = (when, letter.title, letter.counterpart, letter.number)
            red = frozenset({0}) if days < 0 else frozenset()
            rows.append(PanelRow(values, "letter", letter.id, red, format_date(letter.reply_due)))
        return rows

    # -- actions ---------------------------------------------------------------------------

    def _on_due_clicked(self, index: QModelIndex) -> None:
        if index.column() == DONE_COLUMN:
            self.mark_done(self.due_panel.row(index.row()).record_id)

    def mark_done(self, activity_id: int) -> None:
        activities.mark_next_step_done(self.ctx.archive, activity_id)
        self.ctx.events.changed.emit("activity")

    def _open_index(self, index: QModelIndex) -> None:
        row = index.model().rows[index.row()]
        self.ctx.events.open_record.emit(row.kind, row.record_id)

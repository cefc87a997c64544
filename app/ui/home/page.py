"""The home page: today's due next steps, open complaints, key clients overdue for a visit,
the tender radar, due action items and letters waiting for a reply; the backup warning above
them. Everything it lists is read in one background job (app.ui.kit.ops) when it is built, when
it is shown again and when a write changes what it lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app.domain.enums import ActivityKind, Tier
from app.domain.progress import NO_PROGRESS, Progress
from app.services import activities, letters, planning
from app.services.activities import ActivityRow
from app.services.archive import Archive
from app.services.letters import LetterRow
from app.services.planning import OverdueVisit
from app.ui.backups.banner import BackupBanner
from app.ui.context import UiContext
from app.ui.home.panel import Panel, underlined
from app.ui.kit import boxes, ops
from app.ui.kit.labels import shown
from app.ui.kit.tables import ID_ROLE, Column, attribute
from app.ui.tenders.radar_panel import DeadlineRadarPanel
from app.ui.widgets import error_text, format_date

RED = "#d9363e"
LINK_BLUE = "#1a6fc9"
KEY_STAR = "★"
DONE_COLUMN = 4  # 完成, in the due next steps
LIST_LIMIT = 200
REPLY_WARNING_DAYS = 3  # letters whose reply is due this soon are shown before they are late
# What the page's own panels list (the radar and the action items listen for themselves).
LISTENS_TO = ("activity", "client", "letter", "settings")


@dataclass(frozen=True)
class HomeData:
    due: list[ActivityRow]
    complaints: list[ActivityRow]
    overdue: list[OverdueVisit]
    replies: list[LetterRow]


def load_home(archive: Archive, task: Progress = NO_PROGRESS) -> HomeData:
    """Everything the home page's own panels show, read in one background job."""
    due = activities.due_next_steps(archive, limit=LIST_LIMIT)
    complaints = activities.open_complaints(archive, limit=LIST_LIMIT)
    task.check()
    overdue = planning.overdue_visits(archive, limit=LIST_LIMIT)
    replies = letters.replies_due(archive, within_days=REPLY_WARNING_DAYS, limit=LIST_LIMIT)
    return HomeData(due, complaints, overdue, replies)


class HomePage(QWidget):
    all_overdue_requested = Signal()  # 全部逾期拜访…: the visit plan's full list

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.data: HomeData | None = None
        self._build()
        ops.follow(self, self.refresh, *LISTENS_TO)
        self.refresh()
        self._fresh = True  # read just now: the first show needs no second read (issue 11)

    def _build(self) -> None:
        self.due_panel = Panel(
            self.tr("Due today"),
            "activity",
            self._due_columns(),
            self.tr("Nothing is due today. Well done!"),
            hint=lambda row: format_date(row.next_step_due),
        )
        self.complaint_panel = Panel(
            self.tr("Open complaints"),
            "activity",
            self._complaint_columns(),
            self.tr("No open complaints."),
            hint=lambda row: shown(row.kind, self.ctx.lang, ActivityKind),
        )
        self.overdue_panel = Panel(
            self.tr("Overdue visits"),
            "client",
            self._overdue_columns(),
            self.tr("Every client has been visited on schedule."),
            row_id=lambda visit: visit.client_id,
        )
        self.all_overdue_button = QPushButton(self.tr("All overdue visits…"))
        self.all_overdue_button.clicked.connect(self.all_overdue_requested)
        self.overdue_panel.layout().addWidget(
            self.all_overdue_button, 0, Qt.AlignmentFlag.AlignRight
        )
        self.replies_panel = Panel(
            self.tr("Replies due"),
            "letter",
            self._reply_columns(),
            self.tr("No letter is waiting for a reply."),
            hint=lambda letter: format_date(letter.reply_due),
        )
        for panel in (self.due_panel, self.complaint_panel, self.overdue_panel, self.replies_panel):
            panel.opened.connect(self.ctx.events.open_record)
        self.due_panel.view.clicked.connect(self._on_due_clicked)
        self.backup_banner = BackupBanner(self.ctx, self)  # issue 9: an old or missing backup
        self.radar_panel = DeadlineRadarPanel(self.ctx, self, load=False)  # 投标雷达 (issue 3)
        from app.ui.minutes.due_panel import DueActionsPanel  # issue 4: 督办事项

        self.actions_panel = DueActionsPanel(self.ctx, self)
        self.status = QLabel(styleSheet="color: gray;")
        layout = boxes.column(self.backup_banner, parent=self)
        rows = (
            (self.due_panel, self.complaint_panel),
            (self.overdue_panel, self.radar_panel),
            (self.actions_panel, self.replies_panel),
        )
        for left, right in rows:
            row = boxes.row((left, 3), (right, 2))
            layout.addLayout(row, 1)
        layout.addWidget(self.status)

    # -- the four lists -------------------------------------------------------------------

    def _days_late(self, due: date) -> str:
        late = (self.ctx.archive.today() - due).days
        return self.tr("{0} days overdue").format(late) if late > 0 else self.tr("Today")

    def _due_columns(self) -> tuple[Column[ActivityRow], ...]:
        """Late ones in red; 完成 is a link."""

        def red(row: ActivityRow) -> str | None:
            return RED if row.next_step_due < self.ctx.archive.today() else None

        def done(_row: ActivityRow) -> str:
            return self.tr("Done")

        return (
            Column(self.tr("Due"), lambda row: self._days_late(row.next_step_due), colour=red),
            Column(self.tr("Next step"), attribute("next_step"), colour=red, stretch=True),
            Column(self.tr("Client"), attribute("client_name"), colour=red, stretch=True),
            Column(self.tr("Activity"), attribute("subject"), colour=red),
            Column("", done, colour=lambda _row: LINK_BLUE, font=underlined),
        )

    def _complaint_columns(self) -> tuple[Column[ActivityRow], ...]:
        def age(row: ActivityRow) -> str:
            return self.tr("{0} days").format(
                (self.ctx.archive.today() - row.started_at.date()).days
            )

        return (
            Column(self.tr("Age"), age),
            Column(self.tr("Subject"), attribute("subject"), stretch=True),
            Column(self.tr("Client"), attribute("client_name"), stretch=True),
            Column(self.tr("Received"), lambda row: format_date(row.started_at.date())),
        )

    def _overdue_columns(self) -> tuple[Column[OverdueVisit], ...]:
        """A and B first (their tier in red), key accounts starred; the visit plan has all."""

        def name(visit: OverdueVisit) -> str:
            return f"{KEY_STAR} {visit.name}" if visit.is_key_account else visit.name

        def last(visit: OverdueVisit) -> str:
            return format_date(visit.last_visit_on) or self.tr("Never")

        return (
            Column(
                self.tr("Tier"),
                lambda visit: visit.tier.value,
                colour=lambda visit: RED if visit.tier in (Tier.A, Tier.B) else None,
            ),
            Column(self.tr("Client"), name, stretch=True),
            Column(self.tr("Last visit"), last),
            Column(self.tr("Days overdue"), lambda visit: str(visit.days_overdue)),
            Column(self.tr("Account manager"), attribute("owner")),
        )

    def _reply_columns(self) -> tuple[Column[LetterRow], ...]:
        """Late replies in red; those due within days say when."""

        def when(letter: LetterRow) -> str:
            days = (letter.reply_due - self.ctx.archive.today()).days
            if days < 0:
                return self.tr("{0} days overdue").format(-days)
            return self.tr("In {0} days").format(days) if days else self.tr("Today")

        def red(letter: LetterRow) -> str | None:
            return RED if letter.reply_due < self.ctx.archive.today() else None

        return (
            Column(self.tr("Reply due"), when, colour=red),
            Column(self.tr("Letter"), attribute("title"), stretch=True),
            Column(self.tr("From / to"), attribute("counterpart"), stretch=True),
            Column(self.tr("Number"), attribute("number")),
        )

    # -- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reloads in the background (the newest request wins)."""
        self.radar_panel.refresh()
        self.backup_banner.refresh_if_stale()
        self.status.setText(self.tr("Loading…"))
        ops.query(
            self,
            load_home,
            self.ctx.archive,
            key="home",
            label=self.tr("Loading the home page"),
            on_done=self._show,
            on_error=lambda exc: self.status.setText(error_text(exc, self.ctx.lang)),
        )

    def _show(self, data: HomeData) -> None:
        self.data = data
        self.status.clear()
        for panel, rows in (
            (self.due_panel, data.due),
            (self.complaint_panel, data.complaints),
            (self.overdue_panel, data.overdue),
            (self.replies_panel, data.replies),
        ):
            panel.set_rows(rows, more=len(rows) >= LIST_LIMIT)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        fresh, self._fresh = self._fresh, False
        if self.data is not None and not fresh:
            self.refresh()

    # -- actions ---------------------------------------------------------------------------

    def _on_due_clicked(self, index: QModelIndex) -> None:
        if index.column() == DONE_COLUMN:
            self.mark_done(index.data(ID_ROLE))

    def mark_done(self, activity_id: int) -> None:
        ops.write(
            self,
            activities.mark_next_step_done,
            self.ctx.archive,
            activity_id,
            changes={"activity"},
        )

"""The tender register (投标): a filter bar, the tender list, win/loss statistics, the calendar
export. Enter or a double-click opens a tender."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from operator import attrgetter
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.domain.tenders import TenderMethod, TenderStatus
from app.services import tenders
from app.services.archive import Archive
from app.services.tenders import OutcomeStats, TenderFilter, TenderRow
from app.ui import user_settings
from app.ui.context import UiContext
from app.ui.kit import boxes, keys, ops
from app.ui.kit.forms import OptionalDate, show_instead
from app.ui.kit.labels import add_choices, shown
from app.ui.kit.tables import RIGHT, Column, FilterBox, ListModel, ListView
from app.ui.tenders.columns import DEADLINE_COLUMN, tender_columns
from app.ui.tenders.tender_dialog import TenderDialog
from app.ui.widgets import error_text, show_error

# A saved tender changes the list; so does a client renamed (the purchaser is a column).
LISTENS_TO = ("tender", "client")


@dataclass(frozen=True)
class Register:
    """One answer for the page: the filtered tenders and the win rates over all of them."""

    rows: list[TenderRow]
    by_method: list[OutcomeStats]
    by_purchaser: list[OutcomeStats]


def load_register(archive: Archive, flt: TenderFilter) -> Register:
    return Register(
        tenders.list_tenders(archive, flt),
        tenders.outcome_stats(archive, "method"),
        tenders.outcome_stats(archive, "purchaser"),
    )


def stats_columns(heading: str, group_text) -> tuple[Column[OutcomeStats], ...]:
    """Won, lost, other and the win rate (won / decided) of one group per row."""

    def count(name: str, title: str) -> Column[OutcomeStats]:
        return Column(title, lambda stat: str(getattr(stat, name)), align=RIGHT, width=60)

    return (
        Column(heading, group_text, stretch=True),
        count("won", QCoreApplication.translate("StatsModel", "Won")),
        count("lost", QCoreApplication.translate("StatsModel", "Lost")),
        count("other", QCoreApplication.translate("StatsModel", "Other")),
        Column(
            QCoreApplication.translate("StatsModel", "Win rate"),
            lambda stat: "—" if stat.win_rate is None else f"{stat.win_rate}%",
            align=RIGHT,
            width=70,
        ),
    )


class TendersPage(QWidget):
    """The tender register; Enter or a double-click opens a tender."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: TenderDialog | None = None
        self._ready = False
        self.model = ListModel(tender_columns(ctx), parent=self)
        self._build()
        self._ready = True
        self.apply_filters()
        ops.follow(self, self.apply_filters, *LISTENS_TO)

    # --- building -------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(self._action_bar())
        layout.addLayout(self._filter_bar())
        self.table = ListView(
            self.model,
            settings_key="tenders",
            sort=(DEADLINE_COLUMN, Qt.SortOrder.DescendingOrder),
            parent=self,
        )
        self.table.row_activated.connect(self.open_tender)
        self.table.empty_state.say(
            self.tr("No tenders yet"),
            self.tr(
                "Register a procurement notice you are following: its dates, deposit and "
                "budget. Deadlines and deposit refunds then appear on the home page radar."
            ),
            self.tr("New tender"),
            self.new_tender,
        )
        self.table.empty_state.say_when_filtered(
            lambda: self.current_filter() != TenderFilter(),
            self.tr("No tender matches these filters."),
            self.tr("Clear filters"),
            self.clear_filters,
        )
        # The statistics sit under the list so that all nine columns keep the full width.
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self._stats_panel())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([480, 220])
        layout.addWidget(splitter, 1)
        self.message = QLabel(self, styleSheet="color: #555;")
        layout.addWidget(self.message)

    def _action_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        title = boxes.heading(self.tr("Tenders"), self)
        self.new_button = QPushButton(self.tr("New tender"), self)
        self.new_button.clicked.connect(lambda: self.new_tender())
        keys.mark(self.new_button, keys.NEW)
        self.ics_button = QPushButton(self.tr("Export calendar (.ics)"), self)
        self.ics_button.clicked.connect(lambda: self.export_calendar())
        boxes.fill(bar, title, ..., self.new_button, self.ics_button)
        return bar

    def _filter_bar(self) -> QHBoxLayout:
        self.text_filter = FilterBox(self.tr("Purchaser, project name or number"), self)
        self.text_filter.settled.connect(self.apply_filters)
        self.status_combo = self._choices(self.tr("All statuses"), TenderStatus)
        self.method_combo = self._choices(self.tr("All methods"), TenderMethod)
        today = self.ctx.archive.today()
        self.date_from = OptionalDate("", today, self)
        self.date_to = OptionalDate("", today + timedelta(days=30), self)
        for moment in (self.date_from, self.date_to):
            moment.check.toggled.connect(self.apply_filters)
            moment.edit.dateChanged.connect(self.apply_filters)
        self.count_label = QLabel(self)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar = QHBoxLayout()
        bar.addWidget(self.text_filter, 2)
        bar.addWidget(self.status_combo)
        bar.addWidget(self.method_combo)
        bar.addWidget(QLabel(self.tr("Deadline from"), self))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("to"), self))
        bar.addWidget(self.date_to)
        bar.addWidget(self.count_label, 1)
        return bar

    def _choices(self, everything: str, vocabulary: type) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        add_choices(combo, vocabulary, self.ctx.lang)
        combo.currentIndexChanged.connect(self.apply_filters)
        return combo

    def _stats_panel(self) -> QWidget:
        self.stats_panel = QWidget(self)
        lang = self.ctx.lang
        by_method = stats_columns(
            self.tr("Method"), lambda stat: shown(stat.group, lang, TenderMethod)
        )
        by_purchaser = stats_columns(self.tr("Purchaser"), attrgetter("group"))
        self.method_stats = ListModel(by_method, row_id=attrgetter("group"), parent=self)
        self.purchaser_stats = ListModel(by_purchaser, row_id=attrgetter("group"), parent=self)
        column = QHBoxLayout()
        for title, model in (
            (self.tr("Win rate by method"), self.method_stats),
            (self.tr("Win rate by purchaser"), self.purchaser_stats),
        ):
            box = QGroupBox(title, self.stats_panel)
            view = ListView(model, parent=box)
            view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            QVBoxLayout(box).addWidget(view)
            column.addWidget(box, 1)
        self.overall_label = QLabel(self.stats_panel, styleSheet="font-weight: bold;")
        boxes.column((column, 1), self.overall_label, parent=self.stats_panel, margin=0)
        return self.stats_panel

    # --- filtering ------------------------------------------------------------------------
    def current_filter(self) -> TenderFilter:
        status, method = self.status_combo.currentData(), self.method_combo.currentData()
        start, end = self.date_from.value(), self.date_to.value()
        return TenderFilter(
            statuses=(status,) if status else (),
            methods=(method,) if method else (),
            text=self.text_filter.text().strip(),
            deadline_from=datetime.combine(start, datetime.min.time()) if start else None,
            deadline_to=(
                datetime.combine(end, datetime.min.time()) + timedelta(days=1) if end else None
            ),
        )

    def apply_filters(self, *_args: object) -> None:
        """Reads the register with the filters as they are (in the background; the newest
        request wins)."""
        if not self._ready:
            return
        ops.query(
            self,
            load_register,
            self.ctx.archive,
            self.current_filter(),
            key="register",
            label=self.tr("Loading tenders"),
            on_done=self._show,
            on_error=lambda exc: self.message.setText(error_text(exc, self.ctx.lang)),
        )

    def _show(self, register: Register) -> None:
        self.model.set_rows(register.rows)  # the view keeps the current row if still there
        self.count_label.setText(self.tr("{0} tenders").format(len(register.rows)))
        self._show_stats(register)

    def _show_stats(self, register: Register) -> None:
        self.method_stats.set_rows(register.by_method)
        self.purchaser_stats.set_rows(register.by_purchaser)
        self.stats_panel.setVisible(bool(register.by_method))  # none yet: the empty list says so
        won = sum(s.won for s in register.by_method)
        lost = sum(s.lost for s in register.by_method)
        rate = f"{won * 100 / (won + lost):.1f}%" if won + lost else "—"
        self.overall_label.setText(
            self.tr("Overall: {0} won, {1} lost, win rate {2}").format(won, lost, rate)
        )

    def clear_filters(self) -> None:
        moments = (self.date_from, self.date_to)
        for moment in moments:
            moment.edit.setEnabled(False)
        boxes = (self.status_combo, self.method_combo, *(moment.check for moment in moments))
        self.text_filter.clear_all(*boxes)  # then one query

    def shown_titles(self) -> list[str]:
        return [row.title for row in self.model.rows]

    # --- actions --------------------------------------------------------------------------
    def new_tender(self, client_id: int | None = None) -> TenderDialog:
        return self._show_dialog(TenderDialog(self.ctx, None, client_id, parent=self))

    def open_tender(self, tender_id: int | None) -> TenderDialog | None:
        if tender_id is None:
            return None
        try:
            dialog = TenderDialog(self.ctx, tender_id, parent=self)
        except AppError as exc:  # deleted meanwhile (another window, the command line)
            self.message.setText(error_text(exc, self.ctx.lang))
            self.apply_filters()
            return None
        return self._show_dialog(dialog)

    def _show_dialog(self, dialog: TenderDialog) -> TenderDialog:
        self.dialog = show_instead(self.dialog, dialog)  # asks first if the open one changed
        return self.dialog

    def export_calendar(self, path: Path | str | None = None) -> None:
        """Every tender date (with the computed refund and challenge dates) as an .ics file."""
        if path is None:
            path = user_settings.save_file(
                self,
                "exports",
                self.tr("Export tender calendar"),
                "投标日程.ics",
                self.tr("Calendar (*.ics)"),
            )
            if not path:
                return
        target = Path(path)
        ops.query(
            self,
            tenders.export_ics,
            self.ctx.archive,
            target,
            label=self.tr("Exporting the tender calendar…"),
            on_done=lambda count: self._exported(target, count),
            on_error=self._failed,
        )

    def _exported(self, target: Path, count: int) -> None:
        text = self.tr("{0} dates exported to {1}").format(count, target)
        self.message.setText(text)
        self.ctx.events.status_message.emit(text)

    def _failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc, self.ctx.lang))
        show_error(self, exc, self.ctx.lang)

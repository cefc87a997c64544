"""The tender register: a filter bar, the tender table, win/loss statistics, the calendar export."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.domain.tenders import TenderMethod, TenderStatus
from app.services import tenders
from app.services.tenders import OutcomeStats, Radar, TenderFilter, TenderRow
from app.ui import user_settings
from app.ui.context import UiContext
from app.ui.kit import keys
from app.ui.kit.labels import add_choices, shown
from app.ui.tenders.tender_dialog import OptionalMoment, TenderDialog
from app.ui.widgets import error_text, fit_columns, format_date, format_money, show_error

AnyIndex = QModelIndex | QPersistentModelIndex
URGENT_RED = QColor("#d9363e")
URGENT_DAYS = 3
OPEN_STATUSES = (TenderStatus.TRACKING.value, TenderStatus.PREPARING.value)
STATUS_COLOURS = {
    TenderStatus.WON.value: "#1e8449",
    TenderStatus.LOST.value: "#7f8c8d",
    TenderStatus.VOID.value: "#7f8c8d",
    TenderStatus.ABANDONED.value: "#7f8c8d",
    TenderStatus.SUBMITTED.value: "#2471a3",
}
FILTER_DELAY_MS = 200

# (heading source text, TenderRow attribute)
COLUMNS: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("TenderTableModel", "Project name"), "title"),
    (QT_TRANSLATE_NOOP("TenderTableModel", "Project number"), "number"),
    (QT_TRANSLATE_NOOP("TenderTableModel", "Purchaser"), "client_name"),
    (QT_TRANSLATE_NOOP("TenderTableModel", "Method"), "method"),
    (QT_TRANSLATE_NOOP("TenderTableModel", "Budget"), "budget"),
    (QT_TRANSLATE_NOOP("TenderTableModel", "Bid deadline"), "bid_deadline"),
    (QT_TRANSLATE_NOOP("TenderTableModel", "Status"), "status"),
    (QT_TRANSLATE_NOOP("TenderTableModel", "Our price"), "our_price"),
    (QT_TRANSLATE_NOOP("TenderTableModel", "Winning price"), "winning_price"),
)
MONEY_COLUMNS = {"budget", "our_price", "winning_price"}
LABELLED = {"status": TenderStatus, "method": TenderMethod}
DEADLINE_COLUMN = 5


def weak_callback(method: Callable[..., None], *first: object) -> Callable[..., None]:
    """A job callback that does not keep its widget alive (the task handle outlives a closed
    page, which then simply does not hear the answer)."""
    ref = weakref.WeakMethod(method)

    def call(*rest: object) -> None:
        target = ref()
        if target is not None:
            target(*first, *rest)

    return call


def is_urgent(row: TenderRow, now: datetime) -> bool:
    """Red: the bid deadline is within 3 days (or already passed) and the bid is not in."""
    if row.bid_deadline is None or row.status not in OPEN_STATUSES:
        return False
    return row.bid_deadline <= now + timedelta(days=URGENT_DAYS)


class TenderTableModel(QAbstractTableModel):
    """Tenders are a few hundred at most: one query, a cached list, sorted in memory."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, ctx: UiContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.filter = TenderFilter()
        self.rows: list[TenderRow] = []
        self.now = ctx.archive.now()
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_filter(self, flt: TenderFilter) -> None:
        self.filter = flt
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.now = self.ctx.archive.now()
        self.rows = tenders.list_tenders(self.ctx.archive, self.filter)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def tender_id(self, row: int) -> int:
        return self.rows[row].id

    def row_of(self, tender_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == tender_id), -1)

    # --- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("TenderTableModel", COLUMNS[section][0])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return section + 1
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, attribute = self.rows[index.row()], COLUMNS[index.column()][1]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, attribute, self.ctx.lang)
        if role == self.ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and attribute == "title":
            return row.title
        if role == Qt.ItemDataRole.TextAlignmentRole and attribute in MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row, attribute)
        urgent_font = attribute == "bid_deadline" and is_urgent(row, self.now)
        if role == Qt.ItemDataRole.FontRole and urgent_font:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _colour(self, row: TenderRow, attribute: str) -> QBrush | None:
        if attribute == "bid_deadline" and is_urgent(row, self.now):
            return QBrush(URGENT_RED)
        if attribute == "status" and row.status in STATUS_COLOURS:
            return QBrush(QColor(STATUS_COLOURS[row.status]))
        return None

    @staticmethod
    def _display(row: TenderRow, attribute: str, lang: str) -> str:
        value = getattr(row, attribute)
        if attribute in LABELLED:
            return shown(value, lang, LABELLED[attribute])
        if attribute in MONEY_COLUMNS:
            return format_money(value)
        if attribute == "bid_deadline":
            return format_date(value)
        return str(value or "")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._sort_rows(column, order)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        attribute = COLUMNS[column][1]
        # Empty values last in either direction.
        present = [r for r in self.rows if getattr(r, attribute) not in (None, "")]
        empty = [r for r in self.rows if getattr(r, attribute) in (None, "")]
        present.sort(
            key=lambda r: getattr(r, attribute), reverse=order == Qt.SortOrder.DescendingOrder
        )
        self.rows = present + empty


class StatsModel(QAbstractTableModel):
    """Win/loss counts and the win rate (won / decided) per method or per purchaser."""

    def __init__(
        self, first_heading: str, parent=None, lang: str = "zh_CN", groups: type | None = None
    ):
        super().__init__(parent)
        self.stats: list[OutcomeStats] = []
        self.lang, self.groups = lang, groups  # groups: the vocabulary the groups are from
        self.headers = [
            first_heading,
            self.tr("Won"),
            self.tr("Lost"),
            self.tr("Other"),
            self.tr("Win rate"),
        ]

    def set_stats(self, stats: list[OutcomeStats]) -> None:
        self.beginResetModel()
        self.stats = list(stats)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.stats)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.stats):
            return None
        stat, column = self.stats[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return shown(stat.group, self.lang, self.groups) if self.groups else stat.group
            if column == 4:
                return "—" if stat.win_rate is None else f"{stat.win_rate}%"
            return str((stat.won, stat.lost, stat.other)[column - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class EnterTableView(QTableView):
    """Enter opens the current row, like a double-click (keyboard first)."""

    enter_pressed = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enter_pressed.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


def _small_table(model: QAbstractTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.verticalHeader().hide()
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, model.columnCount()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return view


class TendersPage(QWidget):
    """The tender register; double-click (or Enter) opens a tender."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: TenderDialog | None = None
        self.model = TenderTableModel(ctx, self)
        self._debounce = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filters)
        self._build()
        self.apply_filters()
        ctx.events.changed.connect(self._on_changed)

    # --- building -------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(self._action_bar())
        layout.addLayout(self._filter_bar())
        self.stack = QStackedWidget(self)
        # The statistics sit under the table so that all nine columns keep the full width.
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._table())
        splitter.addWidget(self._stats_panel())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([480, 220])
        self.stack.addWidget(splitter)
        self.stack.addWidget(self._empty_state())
        layout.addWidget(self.stack, 1)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #555;")
        layout.addWidget(self.message)

    def _action_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        title = QLabel(self.tr("Tenders"), self)
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.new_button = QPushButton(self.tr("New tender"), self)
        self.new_button.clicked.connect(self._new_clicked)
        keys.mark(self.new_button, keys.NEW)
        self.ics_button = QPushButton(self.tr("Export calendar (.ics)"), self)
        self.ics_button.clicked.connect(self._ask_export)
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.ics_button)
        return bar

    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.status_combo = QComboBox(self)
        self.status_combo.addItem(self.tr("All statuses"), None)
        add_choices(self.status_combo, TenderStatus, self.ctx.lang)
        self.method_combo = QComboBox(self)
        self.method_combo.addItem(self.tr("All methods"), None)
        add_choices(self.method_combo, TenderMethod, self.ctx.lang)
        for combo in (self.status_combo, self.method_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText(self.tr("Purchaser, project name or number"))
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.textChanged.connect(lambda _text: self._debounce.start())
        now = self.ctx.archive.now()
        self.date_from = OptionalMoment(now, False, self)
        self.date_to = OptionalMoment(now + timedelta(days=30), False, self)
        for moment in (self.date_from, self.date_to):
            moment.check.toggled.connect(self.apply_filters)
            moment.edit.dateChanged.connect(self.apply_filters)
        self.count_label = QLabel(self)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(self.text_filter, 2)
        bar.addWidget(self.status_combo)
        bar.addWidget(self.method_combo)
        bar.addWidget(QLabel(self.tr("Deadline from"), self))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("to"), self))
        bar.addWidget(self.date_to)
        bar.addWidget(self.count_label, 1)
        return bar

    def _table(self) -> QTableView:
        self.table = EnterTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(
            DEADLINE_COLUMN, Qt.SortOrder.DescendingOrder
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((240, 130, 180, 80, 110, 130, 70, 110, 110)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._open_index)
        self.table.enter_pressed.connect(self._open_index)
        return self.table

    def _stats_panel(self) -> QWidget:
        panel = QWidget(self)
        outer = QVBoxLayout(panel)
        outer.setContentsMargins(0, 0, 0, 0)
        column = QHBoxLayout()
        outer.addLayout(column, 1)
        self.method_stats = StatsModel(self.tr("Method"), self, self.ctx.lang, TenderMethod)
        self.purchaser_stats = StatsModel(self.tr("Purchaser"), self)
        for title, model in (
            (self.tr("Win rate by method"), self.method_stats),
            (self.tr("Win rate by purchaser"), self.purchaser_stats),
        ):
            box = QGroupBox(title, panel)
            QVBoxLayout(box).addWidget(_small_table(model, box))
            column.addWidget(box, 1)
        self.overall_label = QLabel(panel)
        self.overall_label.setStyleSheet("font-weight: bold;")
        outer.addWidget(self.overall_label)
        return panel

    def _empty_state(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        title = QLabel(self.tr("No tenders yet"), page)
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(
            self.tr(
                "Register a procurement notice you are following: its dates, deposit and budget. "
                "Deadlines and deposit refunds then appear on the home page radar."
            ),
            page,
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color: #555;")
        button = QPushButton(self.tr("New tender"), page)
        button.clicked.connect(self._new_clicked)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        row.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

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
        self._debounce.stop()
        self.model.set_filter(self.current_filter())
        self.count_label.setText(self.tr("{0} tenders").format(len(self.model.rows)))
        unfiltered = self.current_filter() == TenderFilter()
        self.stack.setCurrentIndex(1 if unfiltered and not self.model.rows else 0)
        self.refresh_stats()

    def refresh_stats(self) -> None:
        by_method = tenders.outcome_stats(self.ctx.archive, "method")
        self.method_stats.set_stats(by_method)
        self.purchaser_stats.set_stats(tenders.outcome_stats(self.ctx.archive, "purchaser"))
        won = sum(s.won for s in by_method)
        lost = sum(s.lost for s in by_method)
        rate = f"{won * 100 / (won + lost):.1f}%" if won + lost else "—"
        self.overall_label.setText(
            self.tr("Overall: {0} won, {1} lost, win rate {2}").format(won, lost, rate)
        )

    def shown_titles(self) -> list[str]:
        return [row.title for row in self.model.rows]

    def _on_changed(self, kind: str) -> None:
        if kind in ("tender", "client", "all"):
            self.apply_filters()

    # --- actions --------------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        self.open_tender(index.data(TenderTableModel.ID_ROLE))

    def _new_clicked(self) -> None:
        self.new_tender()

    def _ask_export(self) -> None:
        self.export_calendar()

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
        if self.dialog is not None and self.dialog.isVisible() and not self.dialog.close_asking():
            dialog.deleteLater()  # 继续编辑: the open tender stays, with what was typed
            self.dialog.raise_()
            return self.dialog
        self.dialog = dialog
        dialog.show()
        return dialog

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
        self.ctx.runner.submit(
            self.tr("Exporting the tender calendar…"),
            tenders.export_ics,
            self.ctx.archive,
            target,
            on_done=weak_callback(self._exported, target),
            on_error=weak_callback(self._failed),
        )

    def _exported(self, target: Path, count: int) -> None:
        text = self.tr("{0} dates exported to {1}").format(count, target)
        self.message.setText(text)
        self.ctx.events.status_message.emit(text)

    def _failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc, self.ctx.lang))
        show_error(self, exc, self.ctx.lang)

    def select_tender(self, tender_id: int) -> None:
        row = self.model.row_of(tender_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))


# --- the deadline radar (home page) -----------------------------------------------------------


@dataclass(frozen=True)
class RadarLine:
    when: str
    what: str
    tender: str
    note: str
    tender_id: int
    alarm: bool  # shown in red: overdue, expiring, or due within 3 days


def radar_lines(radar: Radar, today: date) -> list[RadarLine]:
    """Overdue refunds first, then qualifications that lapse before a bid, then the dates."""
    translate = QCoreApplication.translate  # lupdate reads a bare tr() as self.tr()
    lines = []
    for row, due in radar.refunds_overdue:
        late = (today - due).days
        lines.append(
            RadarLine(
                translate("DeadlineRadar", "{0} days overdue").format(late),
                translate("DeadlineRadar", "Bid deposit refund overdue"),
                row.title,
                translate("DeadlineRadar", "due {0}, ask {1}").format(
                    format_date(due), row.client_name
                ),
                row.id,
                True,
            )
        )
    for row, _qid, title, expires in radar.expiring_qualifications:
        lines.append(
            RadarLine(
                format_date(expires),
                translate("DeadlineRadar", "Qualification expires: {0}").format(title),
                row.title,
                translate("DeadlineRadar", "bid deadline {0}").format(
                    format_date(row.bid_deadline)
                ),
                row.id,
                True,
            )
        )
    for event in radar.upcoming:
        shown = format_date(event.when.date()) if event.all_day else format_date(event.when)
        note = "" if event.official else translate("DeadlineRadar", "holidays not announced yet")
        soon = (event.when.date() - today).days <= URGENT_DAYS
        lines.append(RadarLine(shown, event.label, event.title, note, event.tender_id, soon))
    return lines


def load_radar(archive, task=None) -> Radar:
    """The radar as a background job (the runner passes `task`)."""
    return tenders.deadline_radar(archive)


class RadarModel(QAbstractTableModel):
    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    TEXT_COLUMNS = (1, 2, 3)  # what, tender, note: they share the width, elided

    def __init__(self, parent=None):
        super().__init__(parent)
        self.lines: list[RadarLine] = []
        self.headers = [self.tr("When"), self.tr("What"), self.tr("Tender"), self.tr("Note")]

    def set_lines(self, lines: list[RadarLine]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.lines):
            return None
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (line.when, line.what, line.tender, line.note)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (line.when, line.what, line.tender, line.note)[index.column()] or None
        if role == self.ID_ROLE:
            return line.tender_id
        if role == Qt.ItemDataRole.ForegroundRole and line.alarm and index.column() < 2:
            return QBrush(URGENT_RED)
        return None


class DeadlineRadarPanel(QGroupBox):
    """投标雷达 on the home page: the next 14 days of tender dates, deposit refunds overdue,
    and packet qualifications that expire before the bid deadline. Double-click opens the
    tender (through ctx.events.open_record)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, load: bool = True):
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self.model = RadarModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        fit_columns(self.view, RadarModel.TEXT_COLUMNS)
        self.view.doubleClicked.connect(self._open_index)
        self.empty = QLabel(
            self.tr(
                "No tender dates in the next 14 days, no deposit refund overdue, "
                "no qualification lapsing before a bid."
            ),
            self,
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: gray; font-size: 14px; padding: 24px;")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        QVBoxLayout(self).addWidget(self.stack)
        self._show([])
        ctx.events.changed.connect(self._on_changed)
        if load:  # the home page loads it with its own panels instead
            self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        self.ctx.runner.submit(
            self.tr("Loading the deadline radar"),
            load_radar,
            self.ctx.archive,
            on_done=weak_callback(self._loaded, self._generation),
            on_error=weak_callback(self._failed, self._generation),
        )

    def _loaded(self, generation: int, radar: Radar) -> None:
        if generation == self._generation:
            self._show(radar_lines(radar, self.ctx.archive.today()))

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self.empty.setText(error_text(exc, self.ctx.lang))
            self.stack.setCurrentWidget(self.empty)

    def _show(self, lines: list[RadarLine]) -> None:
        self.model.set_lines(lines)
        self.setTitle(self.tr("Tender radar ({0})").format(len(lines)))
        self.stack.setCurrentWidget(self.view if lines else self.empty)

    def _on_changed(self, kind: str) -> None:
        if kind in ("tender", "qualification", "all"):
            self.refresh()

    def _open_index(self, index: QModelIndex) -> None:
        self.ctx.events.open_record.emit("tender", index.data(RadarModel.ID_ROLE))


# --- a client's tenders (client page tab) -----------------------------------------------------


class ClientTendersTab(QWidget):
    """The tenders where the client is the purchaser; new ones start with the client filled in."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.client_id: int | None = None
        self.dialog: TenderDialog | None = None
        self.model = TenderTableModel(ctx, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((240, 130, 150, 80, 110, 130, 70, 110, 110)):
            self.table.setColumnWidth(column, width)
        self.table.hideColumn(2)  # the purchaser is this client
        self.table.doubleClicked.connect(self._open_index)
        self.new_button = QPushButton(self.tr("New tender"), self)
        self.new_button.clicked.connect(self.new_tender)
        keys.mark(self.new_button, keys.NEW)
        self.summary = QLabel(self)
        self.summary.setStyleSheet("color: #555;")
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        ctx.events.changed.connect(self._on_changed)

    def show_client(self, client_id: int) -> int:
        """Loads the client's tenders; returns how many (for the tab title)."""
        self.client_id = client_id
        self.model.set_filter(TenderFilter(client_id=client_id))
        won = sum(r.status == TenderStatus.WON.value for r in self.model.rows)
        self.summary.setText(
            self.tr("{0} tenders as purchaser, {1} won").format(len(self.model.rows), won)
        )
        return len(self.model.rows)

    def _on_changed(self, kind: str) -> None:
        if self.client_id is not None and kind in ("tender", "all"):
            count = self.show_client(self.client_id)
            tabs = self.parentWidget().parentWidget() if self.parentWidget() else None
            if isinstance(tabs, QTabWidget):  # keep the count in the client page's tab title
                tabs.setTabText(tabs.indexOf(self), self.tr("Tenders ({0})").format(count))

    def _open_index(self, index: QModelIndex) -> None:
        try:
            dialog = TenderDialog(self.ctx, index.data(TenderTableModel.ID_ROLE), parent=self)
        except AppError as exc:  # deleted meanwhile
            self.summary.setText(error_text(exc, self.ctx.lang))
            return
        self._show(dialog)

    def new_tender(self) -> None:
        if self.client_id is not None:
            self._show(TenderDialog(self.ctx, None, self.client_id, parent=self))

    def _show(self, dialog: TenderDialog) -> None:
        if self.dialog is not None and self.dialog.isVisible() and not self.dialog.close_asking():
            dialog.deleteLater()  # 继续编辑: the open tender stays, with what was typed
            self.dialog.raise_()
            return
        self.dialog = dialog
        dialog.show()

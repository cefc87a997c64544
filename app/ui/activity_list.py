"""The activity list: every visit, call, meeting and complaint, filtered and sorted, loaded in pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ActivityKind
from app.domain.queries import ActivityQuery
from app.services import activities
from app.services.activities import ActivityRow
from app.services.archive import Archive
from app.ui.activity_dialog import ActivityDialog, kind_label
from app.ui.context import UiContext
from app.ui.home import weak_callback
from app.ui.kit.dates import DateEdit
from app.ui.widgets import error_text, format_date, format_money

PAGE_SIZE = 200
# column -> ActivityQuery.sort key
SORT_KEYS = (
    "started_at",
    "kind",
    "client",
    "subject",
    "participants",
    "next_step",
    "next_step_due",
    "expense",
    "closed_on",
)
AnyIndex = QModelIndex | QPersistentModelIndex


def query_activity_ids(archive: Archive, query: ActivityQuery, task=None) -> list[int]:
    """The job behind the list (the runner passes `task`; one query has no steps to report)."""
    return activities.list_activity_ids(archive, query)


class ActivityTableModel(QAbstractTableModel):
    """Rows are activity ids from the query; their columns are loaded 200 at a time."""

    # With query_in_background, a header click asks its page to run the new query as a job.
    requery_requested = Signal(object)  # ActivityQuery

    def __init__(self, ctx: UiContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.query_in_background = False
        self.query = ActivityQuery()
        self.ids: list[int] = []
        self.rows: list[ActivityRow] = []
        self.headers = (
            self.tr("Time"),
            self.tr("Kind"),
            self.tr("Client"),
            self.tr("Subject"),
            self.tr("Participants"),
            self.tr("Next step"),
            self.tr("Due"),
            self.tr("Expense"),
            self.tr("Closed"),
        )

    def set_query(self, query: ActivityQuery) -> None:
        """Queries and shows the ids now (on this thread)."""
        self.set_ids(query, activities.list_activity_ids(self.ctx.archive, query))

    def set_ids(self, query: ActivityQuery, ids: list[int]) -> None:
        """Shows ids already queried (for instance by a background job) and their first page."""
        self.beginResetModel()
        self.query = query
        self.ids = ids
        self.rows = activities.activity_rows(self.ctx.archive, self.ids[:PAGE_SIZE])
        self.endResetModel()

    def reload(self) -> None:
        self.set_query(self.query)

    def total(self) -> int:
        return len(self.ids)

    def row_at(self, row: int) -> ActivityRow:
        return self.rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and len(self.rows) < len(self.ids)

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid():
            return
        start = len(self.rows)
        page = activities.activity_rows(self.ctx.archive, self.ids[start : start + PAGE_SIZE])
        if not page:
            return
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 7:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._overdue(row, index.column()):
            return QBrush(QColor("#d9363e"))
        return None

    def _overdue(self, row: ActivityRow, column: int) -> bool:
        return column == 6 and row.next_step_due is not None and row.next_step_due < self.today()

    def today(self):
        return self.ctx.archive.today()

    def _text(self, row: ActivityRow, column: int) -> str:
        if column == 0:
            return format_date(row.started_at)
        if column == 1:
            return kind_label(row.kind, self.ctx.lang)
        if column == 8:
            return self._closed_text(row)
        values = (
            None,
            None,
            row.client_name,
            row.subject,
            row.participants,
            row.next_step,
            format_date(row.next_step_due),
            format_money(row.expense) if row.expense else "",
        )
        return values[column]

    def _closed_text(self, row: ActivityRow) -> str:
        if row.kind != ActivityKind.COMPLAINT:
            return ""
        return format_date(row.closed_on) if row.closed_on else self.tr("Open")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SORT_KEYS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        query = replace(self.query, sort=SORT_KEYS[column], descending=descending)
        if self.query_in_background:
            self.requery_requested.emit(query)
        else:
            self.set_query(query)


class ActivityListPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = ActivityTableModel(ctx, self)
        self.model.query_in_background = True
        self._generation = 0
        self._ready = False
        self._stale = True  # loads when first shown: a million activities need not slow start-up
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.apply_filters)
        self._build()
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.model.requery_requested.connect(self.load)
        ctx.events.changed.connect(self._on_changed)
        self._ready = True

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter by subject, client or participant"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_text_changed)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in ActivityKind:
            self.kind.addItem(kind_label(kind, self.ctx.lang), kind.value)
        self.kind.currentIndexChanged.connect(self.apply_filters)
        self.use_dates = QCheckBox(self.tr("From"))
        today = self.ctx.archive.today()
        self.since = self._date_edit(QDate(today.year, today.month, 1).addMonths(-2))
        self.until = self._date_edit(QDate(today.year, today.month, today.day))
        self.use_dates.toggled.connect(self._on_dates_toggled)
        self.open_only = QCheckBox(self.tr("Open complaints only"))
        self.open_only.toggled.connect(self.apply_filters)
        self.new_button = QPushButton(self.tr("New activity"))
        self.new_button.clicked.connect(self.new_activity)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.kind)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.until)
        filters.addWidget(self.open_only)
        filters.addStretch()
        filters.addWidget(self.new_button)
        self.table = self._table()
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: gray; font-size: 14px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.count_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)

    def _date_edit(self, value: QDate) -> QDateEdit:
        edit = DateEdit(value)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        edit.dateChanged.connect(self.apply_filters)
        return edit

    def _table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        table.doubleClicked.connect(self._open_index)
        for column, width in enumerate((130, 80, 200, 220, 120, 160, 90, 90, 90)):
            table.setColumnWidth(column, width)
        return table

    def _on_text_changed(self, _text: str) -> None:
        self._debounce.start()

    def _on_dates_toggled(self, on: bool) -> None:
        self.since.setEnabled(on)
        self.until.setEnabled(on)
        self.apply_filters()

    def current_query(self) -> ActivityQuery:
        since = until = None
        if self.use_dates.isChecked():
            since = datetime.combine(self.since.date().toPython(), time.min)
            until = datetime.combine(self.until.date().toPython() + timedelta(days=1), time.min)
        kind = self.kind.currentData()
        return replace(
            self.model.query,
            text=self.search.text().strip(),
            kinds=(kind,) if kind else (),
            since=since,
            until=until,
            open_complaints=self.open_only.isChecked(),
        )

    def apply_filters(self) -> None:
        self._debounce.stop()
        self.load(self.current_query())

    def load(self, query: ActivityQuery) -> None:
        """Runs the id query as a job; an answer to an older request is dropped."""
        if not self._ready:
            return  # still building; showEvent loads
        self._stale = False
        self._generation += 1
        generation = self._generation
        self.count_label.setText(self.tr("Loading…"))
        self.ctx.runner.submit(
            self.tr("Loading activities"),
            query_activity_ids,
            self.ctx.archive,
            query,
            on_done=weak_callback(self._on_ids, generation, query),
            on_error=weak_callback(self._on_error, generation),
        )

    def _on_ids(self, generation: int, query: ActivityQuery, ids: list[int]) -> None:
        if generation == self._generation:
            self.model.set_ids(query, ids)

    def _on_error(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self.count_label.setText(error_text(exc, self.ctx.lang))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.apply_filters()

    def _update_count(self) -> None:
        total = self.model.total()
        self.count_label.setText(self.tr("{0} activities").format(total))
        if total:
            self.stack.setCurrentWidget(self.table)
            return
        filtered = self.current_query() != replace(
            ActivityQuery(), sort=self.model.query.sort, descending=self.model.query.descending
        )
        self.empty.setText(
            self.tr("No activity matches these filters.")
            if filtered
            else self.tr("No activities yet. Click “New activity” to record a visit or a call.")
        )
        self.stack.setCurrentWidget(self.empty)

    def _on_changed(self, kind: str) -> None:
        if kind not in ("activity", "client", "contact"):
            return
        if self.isVisible():
            self.load(self.model.query)
        else:
            self._stale = True

    def _open_index(self, index: QModelIndex) -> None:
        self.open_activity(self.model.row_at(index.row()).id)

    def open_activity(self, activity_id: int) -> ActivityDialog:
        return self._open(ActivityDialog(self.ctx, activity_id=activity_id, parent=self))

    def new_activity(self) -> ActivityDialog:
        return self._open(ActivityDialog(self.ctx, parent=self))

    def _open(self, dialog: ActivityDialog) -> ActivityDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

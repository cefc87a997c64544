"""The activity list: every visit, call, meeting and complaint, filtered and sorted by the
query, read a window of 200 rows at a time by keyset as it scrolls (app.ui.kit.keyset over
app.ui.kit.ops), counted apart."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QWidget,
)

from app.domain.enums import ActivityKind
from app.domain.queries import ActivityQuery
from app.services import activities
from app.services.activities import ActivityRow
from app.ui.activities.dialog import ActivityDialog
from app.ui.context import UiContext
from app.ui.kit import boxes, keys, ops
from app.ui.kit.dates import DateEdit
from app.ui.kit.keyset import KeysetModel
from app.ui.kit.labels import add_choices, shown
from app.ui.kit.tables import RIGHT, Column, FilterBox, ListView, attribute
from app.ui.widgets import error_text, format_date, format_money

OVERDUE = "#d9363e"
# A saved activity changes the list; so does a client renamed or deleted (its name is a column).
LISTENS_TO = ("activity", "client", "contact")


def activity_columns(ctx: UiContext) -> tuple[Column[ActivityRow], ...]:
    """The list's columns; each sorts by the query's key of the same name."""

    def overdue(row: ActivityRow) -> str | None:
        late = row.next_step_due is not None and row.next_step_due < ctx.archive.today()
        return OVERDUE if late else None

    def closed(row: ActivityRow) -> str:
        if row.kind != ActivityKind.COMPLAINT:
            return ""
        if row.closed_on:
            return format_date(row.closed_on)
        return QCoreApplication.translate("ActivityTableModel", "Open")

    return (
        Column(
            QCoreApplication.translate("ActivityTableModel", "Time"),
            lambda row: format_date(row.started_at),
            sort="started_at",
            width=130,
        ),
        Column(
            QCoreApplication.translate("ActivityTableModel", "Kind"),
            lambda row: shown(row.kind, ctx.lang, ActivityKind),
            sort="kind",
            width=80,
        ),
        Column(
            QCoreApplication.translate("ActivityTableModel", "Client"),
            attribute("client_name"),
            sort="client",
            width=200,
        ),
        Column(
            QCoreApplication.translate("ActivityTableModel", "Subject"),
            attribute("subject"),
            sort="subject",
            width=220,
        ),
        Column(
            QCoreApplication.translate("ActivityTableModel", "Participants"),
            attribute("participants"),
            sort="participants",
            width=120,
        ),
        Column(
            QCoreApplication.translate("ActivityTableModel", "Next step"),
            attribute("next_step"),
            sort="next_step",
            width=160,
        ),
        Column(
            QCoreApplication.translate("ActivityTableModel", "Due"),
            lambda row: format_date(row.next_step_due),
            sort="next_step_due",
            colour=overdue,
            width=90,
        ),
        Column(
            QCoreApplication.translate("ActivityTableModel", "Expense"),
            lambda row: format_money(row.expense) if row.expense else "",
            align=RIGHT,
            sort="expense",
            width=90,
        ),
        Column(
            QCoreApplication.translate("ActivityTableModel", "Closed"),
            closed,
            sort="closed_on",
            width=90,
        ),
    )


def activity_model(ctx: UiContext, parent: QWidget | None = None) -> KeysetModel[ActivityRow]:
    """The list's model: windows of 200 rows read by keyset as the list scrolls (issue 11:
    never the million ids of the whole archive)."""
    return KeysetModel(activity_columns(ctx), parent=parent)


def show_query(model: KeysetModel[ActivityRow], ctx: UiContext, query: ActivityQuery) -> None:
    """Reads the first window of `query` into `model` at once (tests, a page's first answer)."""
    model.set_page(activities.activity_page(ctx.archive, query), _next_pages(ctx, query))
    model.set_total(activities.count_activities(ctx.archive, query))


def _next_pages(ctx: UiContext, query: ActivityQuery):
    return lambda after, limit: activities.activity_page(ctx.archive, query, after, limit)


class ActivityListPage(QWidget):
    """Filters above the list; Enter or a double-click opens an activity, the right button
    offers it and its client; the list is queried when first shown (a million activities need
    not slow start-up) and again when activities or clients change."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = activity_model(ctx, self)
        self._ready = False
        self._query_failed = False  # the rows of the current filters could not be read
        self._build()
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.model.sort_requested.connect(lambda *_: self.apply_filters())
        # read when first shown (a million activities need not slow start-up), and again when
        # shown after activities or clients changed
        ops.follow(self, self.apply_filters, *LISTENS_TO, lazy=True)
        self._ready = True

    # --- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = FilterBox(self.tr("Filter by subject, client or participant"), self)
        self.search.settled.connect(self.apply_filters)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("All kinds"), None)
        add_choices(self.kind, ActivityKind, self.ctx.lang)
        self.kind.currentIndexChanged.connect(self.apply_filters)
        self.use_dates = QCheckBox(self.tr("From"), self)
        today = self.ctx.archive.today()
        self.since = self._date_edit(QDate(today.year, today.month, 1).addMonths(-2))
        self.until = self._date_edit(QDate(today.year, today.month, today.day))
        self.use_dates.toggled.connect(self._on_dates_toggled)
        self.open_only = QCheckBox(self.tr("Open complaints only"), self)
        self.open_only.toggled.connect(self.apply_filters)
        self.new_button = QPushButton(self.tr("New activity"), self, clicked=self.new_activity)
        keys.mark(self.new_button, keys.NEW)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.kind)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("to"), self))
        filters.addWidget(self.until)
        filters.addWidget(self.open_only)
        filters.addStretch()
        filters.addWidget(self.new_button)
        self.table = ListView(
            self.model,
            settings_key="activities",
            sort=(0, Qt.SortOrder.DescendingOrder),
            parent=self,
        )
        self.table.row_activated.connect(self.open_activity)
        self.table.set_context_menu(self._fill_menu)
        self.table.empty_state.say(
            self.tr("No activities yet. Click “New activity” to record a visit or a call."),
            button=self.tr("New activity"),
            on_click=self.new_activity,
        )
        self.table.empty_state.say_when_filtered(
            self.is_filtered,
            self.tr("No activity matches these filters."),
            self.tr("Clear filters"),
            self.clear_filters,
        )
        self.count_label = QLabel(self)
        boxes.column(filters, (self.table, 1), self.count_label, parent=self)

    def _date_edit(self, value: QDate) -> DateEdit:
        edit = DateEdit(value, self)
        edit.setEnabled(False)
        edit.dateChanged.connect(self.apply_filters)
        return edit

    def _fill_menu(self, menu: QMenu, activity_id: int) -> None:
        menu.addAction(self.tr("Open…"), lambda: self.open_activity(activity_id))
        row = self.model.row_at(self.model.row_of(activity_id))
        if row is not None:
            menu.addAction(
                self.tr("Open client “{0}”").format(row.client_name),
                lambda: self.ctx.events.open_record.emit("client", row.client_id),
            )

    # --- querying -----------------------------------------------------------------------------
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
        return ActivityQuery(
            text=self.search.text().strip(),
            kinds=(kind,) if kind else (),
            since=since,
            until=until,
            open_complaints=self.open_only.isChecked(),
            sort=self.model.sort_key or "started_at",
            descending=self.model.descending,
        )

    def is_filtered(self) -> bool:
        return bool(
            self.search.text().strip()
            or self.kind.currentData()
            or self.use_dates.isChecked()
            or self.open_only.isChecked()
        )

    def apply_filters(self, *_args: object) -> None:
        """Queries the list with the filters as they are (in the background; the newest
        request wins): its first window of rows, then its count."""
        if not self._ready:
            return  # still building; shown, it reads the list
        self.count_label.setText(self.tr("Loading…"))
        self.model.requery()  # a window still being read for the old filters is dropped
        self._query_failed = False
        self.model.set_total(None)
        query = self.current_query()
        ops.query(
            self,
            activities.activity_page,
            self.ctx.archive,
            query,
            key="ids",
            label=self.tr("Loading activities"),
            on_done=lambda page: self.model.set_page(page, _next_pages(self.ctx, query)),
            on_error=self._failed,
        )
        ops.query(
            self,
            activities.count_activities,
            self.ctx.archive,
            query,
            key="count",
            label=self.tr("Loading activities"),
            on_done=self._counted,
            on_error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self._query_failed = True
        self.model.answer_failed()
        self.model.set_total(None)  # a count that came first is not of the rows shown
        self.count_label.setText(error_text(exc, self.ctx.lang))

    def _counted(self, total: int) -> None:
        if self._query_failed:
            return  # the count of rows that are not shown: the label keeps the error
        self.model.set_total(total)
        self._update_count()

    def clear_filters(self) -> None:
        self.since.setEnabled(False)
        self.until.setEnabled(False)
        self.search.clear_all(self.kind, self.use_dates, self.open_only)  # then one query

    def _update_count(self) -> None:
        if not self.model.counted:
            return  # "Loading…" until counted
        self.count_label.setText(self.tr("{0} activities").format(self.model.total()))

    # --- opening ------------------------------------------------------------------------------
    def open_activity(self, activity_id: int) -> ActivityDialog:
        return self._open(ActivityDialog(self.ctx, activity_id=activity_id, parent=self))

    def new_activity(self) -> ActivityDialog:
        return self._open(ActivityDialog(self.ctx, parent=self))

    def _open(self, dialog: ActivityDialog) -> ActivityDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

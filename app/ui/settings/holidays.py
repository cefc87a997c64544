"""Settings → 节假日: a year's holidays and make-up working days with where each comes from
(官方(库) / 已录入 / 法定推算), the working days per month, and the days entered from the State
Council's notice: added, removed and imported from a CSV file. Each change is saved at once and
announced ('calendar'), so the plan, the tender deadlines and the radar count it at once."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.domain.working_days import CalendarDay, DaySource
from app.services import holiday_calendar
from app.services.holiday_calendar import YearCalendar
from app.ui import user_settings
from app.ui.context import UiContext
from app.ui.kit import boxes, ops
from app.ui.kit.dates import DateEdit
from app.ui.kit.forms import from_qdate
from app.ui.kit.tables import Column, ListModel, ListView
from app.ui.widgets import error_text

CALENDAR = "calendar"  # the kind of change every page that counts working days listens for
WEEKDAYS = "一二三四五六日"


def source_name(source: DaySource) -> str:
    if source == DaySource.LIBRARY:
        return QCoreApplication.translate("HolidayCalendarPanel", "Published (library)")
    if source == DaySource.ENTERED:
        return QCoreApplication.translate("HolidayCalendarPanel", "Entered")
    return QCoreApplication.translate("HolidayCalendarPanel", "Statutory (worked out)")


def kind_name(off: bool) -> str:
    if off:
        return QCoreApplication.translate("HolidayCalendarPanel", "Day off (休)")
    return QCoreApplication.translate("HolidayCalendarPanel", "Working day (班)")


def day_columns() -> tuple[Column[CalendarDay], ...]:
    return (
        Column(
            QCoreApplication.translate("HolidayCalendarModel", "Date"),
            lambda d: f"{d.day:%Y-%m-%d}",
            sort="day",
            width=100,
        ),
        Column(
            QCoreApplication.translate("HolidayCalendarModel", "Weekday"),
            lambda d: WEEKDAYS[d.day.weekday()],
            width=60,
        ),
        Column(
            QCoreApplication.translate("HolidayCalendarModel", "Off/work"),
            lambda d: kind_name(d.off),
            colour=lambda d: None if d.off else "#d9363e",
            width=110,
        ),
        Column(
            QCoreApplication.translate("HolidayCalendarModel", "Holiday"),
            lambda d: d.name,
            width=110,
        ),
        Column(
            QCoreApplication.translate("HolidayCalendarModel", "Source"),
            lambda d: source_name(d.source),
            bold=lambda d: d.source == DaySource.ENTERED,
            stretch=True,
        ),
    )


class HolidayCalendarPanel(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.shown: YearCalendar | None = None
        self.model: ListModel[CalendarDay] = ListModel(
            day_columns(), row_id=lambda d: d.day.toordinal(), parent=self
        )
        self.table = ListView(self.model, parent=self)
        self.table.current_changed.connect(lambda _id: self._update_buttons())
        self._build()
        ops.follow(self, self.reload, CALENDAR)
        self.reload()

    def _build(self) -> None:
        self.year = QSpinBox(self)
        self.year.setRange(holiday_calendar.FIRST_YEAR, holiday_calendar.LAST_YEAR)
        self.year.setValue(self.ctx.archive.today().year)
        self.year.valueChanged.connect(self.reload)
        self.status = QLabel(self)
        self.months = QLabel(self)
        self.months.setWordWrap(True)
        self.months.setStyleSheet("color: gray;")
        today = self.ctx.archive.today()
        self.first = DateEdit(today, self)
        self.last = DateEdit(today, self)
        self.first.dateChanged.connect(self._follow_first)
        self.kind = QComboBox(self)
        self.kind.addItem(kind_name(True), True)
        self.kind.addItem(kind_name(False), False)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. 春节"))
        self.name.setMaxLength(30)
        self.add_button = QPushButton(self.tr("Add"), self, clicked=self.add_days)
        self.remove_button = QPushButton(
            self.tr("Remove entered day"), self, clicked=self.remove_day
        )
        self.import_button = QPushButton(self.tr("Import CSV…"), self, clicked=self.choose_csv)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d9363e;")
        self.error.hide()
        hint = QLabel(
            self.tr(
                "Enter the days of the State Council's holiday notice. Entered days count before "
                "the published calendar and the statutory holidays, in every deadline, plan and "
                "report. CSV columns: date, 休/班, holiday name."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: gray;")
        form = QFormLayout()
        dates = QWidget(self)
        boxes.row(self.first, QLabel("—"), self.last, ..., parent=dates, margin=0)
        form.addRow(self.tr("Days"), dates)
        form.addRow(self.tr("Off/work"), self.kind)
        form.addRow(self.tr("Holiday name"), self.name)
        boxes.column(
            boxes.row(QLabel(self.tr("Year")), self.year, self.status, ...),
            (self.table, 1),
            self.months,
            boxes.row(self.remove_button, self.import_button, ...),
            hint,
            form,
            boxes.row(..., self.add_button),
            self.error,
            parent=self,
        )
        self._update_buttons()

    # -- reading -----------------------------------------------------------------------------

    def reload(self, *_args: object) -> None:
        ops.query(
            self,
            holiday_calendar.year_calendar,
            self.ctx.archive,
            self.year.value(),
            key="year",
            on_done=self._show,
        )

    def _show(self, year: YearCalendar) -> None:
        self.shown = year
        self.model.set_rows(year.days)
        status = (
            self.tr("Published (已公布)")
            if year.published
            else self.tr("Make-up days not announced (调休未公布): statutory holidays only")
        )
        self.status.setText(status)
        months = "  ".join(
            self.tr("{0}: {1}").format(self.tr("M{0}").format(m.month), m.working_days)
            for m in year.months
        )
        total = self.tr("Working days per month: {0} (year {1})")
        self.months.setText(total.format(months, year.working_days))
        self._update_buttons()

    def current_day(self) -> CalendarDay | None:
        row_id = self.table.current_id()
        if row_id is None:
            return None
        row = self.model.row_of(row_id)
        return self.model.row_at(row) if row >= 0 else None

    def _update_buttons(self) -> None:
        day = self.current_day()
        self.remove_button.setEnabled(day is not None and day.source == DaySource.ENTERED)

    def _follow_first(self) -> None:
        first = from_qdate(self.first.date())
        if first is not None and from_qdate(self.last.date()) < first:
            self.last.setDate(self.first.date())

    # -- writing -----------------------------------------------------------------------------

    def add_days(self) -> None:
        first, last = from_qdate(self.first.date()), from_qdate(self.last.date())
        self._write(
            holiday_calendar.set_days,
            self.ctx.archive,
            f"{first}..{last}",
            self.kind.currentData(),
            self.name.text(),
            then=lambda _r: self._show_year(first),
        )

    def remove_day(self) -> None:
        day = self.current_day()
        if day is None or day.source != DaySource.ENTERED:
            return
        self._write(holiday_calendar.clear_days, self.ctx.archive, day.day.isoformat())

    def choose_csv(self) -> None:
        path = user_settings.open_file(
            self, "calendar", self.tr("Import holiday days"), self.tr("CSV files (*.csv)")
        )
        if path:
            self.import_csv(path)

    def import_csv(self, path: str) -> None:
        self._write(holiday_calendar.import_csv, self.ctx.archive, path)

    def _write(self, fn, *args: object, then=None) -> None:
        self.error.hide()
        ops.write(self, fn, *args, changes={CALENDAR}, on_done=then, on_error=self._show_error)

    def _show_year(self, day: date) -> None:
        if day.year != self.year.value():
            self.year.setValue(day.year)  # reloads

    def _show_error(self, exc: Exception) -> None:
        self.error.setText(error_text(exc, self.ctx.lang))
        self.error.show()

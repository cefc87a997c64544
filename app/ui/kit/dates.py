"""Date boxes that take a date typed whole.

Qt's QDateEdit types into the section under the cursor: 2024-03-01 typed into a box showing
2026-12-05 became 2026-03-01 (the cursor was past the year) or 2024-12-03 (the year filled up, the
box moved on to the month by itself, and the typed '-' then skipped the month too). Here:

- a date typed in full, anywhere in the box (2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日,
  20240301, and with a time 2024-03-01 14:30 in a date-and-time box), sets every part of it;
- a separator typed just after a section filled up and moved on is not a second move;
- a box that may stay empty (shown blank at its minimum, `optional=True`) starts from a date when
  the first digit is typed instead of dropping what is typed, and Delete or Backspace over all of
  its text empties it again.

Every box shows four-digit years (yyyy-MM-dd, or yyyy-MM-dd HH:mm) whatever the locale.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

DATE_FORMAT = "yyyy-MM-dd"
DATE_TIME_FORMAT = "yyyy-MM-dd HH:mm"
MONTH_FORMAT = "yyyy-MM"
EMPTY_DATE = QDate(1900, 1, 1)

_SEPARATORS = frozenset("-/.年月日 :：T时分")
_CLEARING_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
_TYPED_DATE = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*[ T]\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{2})\s*分?)?$"
)
_TYPED_COMPACT = re.compile(r"(?<!\d)(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")
_TYPED_MONTH = re.compile(r"(?<!\d)(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*月?$")
_TYPED_MONTH_COMPACT = re.compile(r"(?<!\d)(?P<y>\d{4})(?P<m>\d{2})$")


def to_qdate(value: date | None) -> QDate:
    """A date for a date box; None gives EMPTY_DATE (an optional box shows it blank)."""
    if value is None:
        return EMPTY_DATE
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date | None:
    """The date of a date box; None for EMPTY_DATE (blank) or an invalid date."""
    if not value.isValid() or value == EMPTY_DATE:
        return None
    return date(value.year(), value.month(), value.day())


def to_qdatetime(value: datetime) -> QDateTime:
    """A date and time for a date-and-time box (seconds kept)."""
    return QDateTime(to_qdate(value.date()), QTime(value.hour, value.minute, value.second))


class _TypedWhole:
    """What DateEdit and DateTimeEdit share (a mixin before the Qt class)."""

    _typed: str
    _moved_on: bool
    _time_before: QTime

    def _setup(self, display_format: str, optional: bool) -> None:
        self._typed = ""
        self._moved_on = False
        self.setDisplayFormat(display_format)
        self.setCalendarPopup(True)
        if optional:
            self.setMinimumDate(EMPTY_DATE)
            self.setSpecialValueText(" ")
        self.lineEdit().installEventFilter(self)  # a click into the text starts afresh

    # -- empty (optional boxes) -----------------------------------------------------------------

    def is_empty(self) -> bool:
        return bool(self.specialValueText()) and self.date() == self.minimumDate()

    def clear_value(self) -> None:
        self.setDate(self.minimumDate())

    def start_date(self) -> QDate:
        """The date an empty box starts from when typing begins."""
        return QDate.currentDate()

    # -- typing --------------------------------------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self._typed, self._moved_on = "", False
        super().focusInEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._typed, self._moved_on = "", False
        super().mousePressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.MouseButtonPress:
            self._typed, self._moved_on = "", False
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        text = event.text()
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        if (
            event.key() in _CLEARING_KEYS
            and self.specialValueText()
            and self.lineEdit().selectedText() == self.lineEdit().text()
        ):
            self._typed, self._moved_on = "", False
            self.clear_value()
            event.accept()
            return
        if not plain or len(text) != 1 or not (text.isdigit() or text in _SEPARATORS):
            if event.key() == Qt.Key.Key_Backspace:
                self._typed = self._typed[:-1]
            else:
                self._typed = ""
            self._moved_on = False
            super().keyPressEvent(event)
            return
        if not self._typed:
            self._time_before = self.time()  # a date typed alone keeps the time the box had
        self._typed = (self._typed + text)[-40:]
        if not text.isdigit() and self._moved_on:
            self._moved_on = False  # the box already moved on to the next section by itself
            event.accept()
            return
        if text.isdigit() and self.is_empty():
            self.setDate(self.start_date())
            self.setSelectedSection(self.sectionAt(0))
        before = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._moved_on = text.isdigit() and self.currentSectionIndex() > before
        self._take_typed_whole()

    def _take_typed_whole(self) -> None:
        shows_day = bool(self.displayedSections() & QDateTimeEdit.Section.DaySection)
        shows_time = bool(self.displayedSections() & QDateTimeEdit.Section.HourSection)
        match = None
        if shows_day:
            match = _TYPED_DATE.search(self._typed) or _TYPED_COMPACT.search(self._typed)
        else:
            match = _TYPED_MONTH.search(self._typed) or _TYPED_MONTH_COMPACT.search(self._typed)
        if match is None:
            return
        parts = match.groupdict()
        day = QDate(int(parts["y"]), int(parts["m"]), int(parts.get("d") or 1))
        if not day.isValid() or not self.minimumDate() <= day <= self.maximumDate():
            return
        if shows_time and parts.get("H") is not None:
            moment = QTime(int(parts["H"]), int(parts["M"]))
            if not moment.isValid():
                return
            self.setDateTime(QDateTime(day, moment))
            self._select_last(QDateTimeEdit.Section.MinuteSection)
        elif shows_time:
            self.setDateTime(QDateTime(day, self._time_before))
            self._select_last(QDateTimeEdit.Section.DaySection)
        else:
            self.setDate(day)
            self._select_last(
                QDateTimeEdit.Section.DaySection
                if shows_day
                else QDateTimeEdit.Section.MonthSection
            )

    def _select_last(self, section: QDateTimeEdit.Section) -> None:
        self.setCurrentSection(section)
        self.lineEdit().setCursorPosition(len(self.lineEdit().text()))


class DateEdit(_TypedWhole, QDateEdit):
    """A date box (yyyy-MM-dd, or yyyy-MM with `months=True`); `optional` lets it stay empty
    (value() None)."""

    def __init__(
        self,
        value: date | QDate | None = None,
        parent: QWidget | None = None,
        *,
        optional: bool = False,
        months: bool = False,
    ):
        super().__init__(parent)
        self._setup(MONTH_FORMAT if months else DATE_FORMAT, optional)
        if value is not None:
            self.setDate(value if isinstance(value, QDate) else to_qdate(value))
        elif optional:
            self.clear_value()

    def value(self) -> date | None:
        return None if self.is_empty() else self.date().toPython()

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.clear_value()
        else:
            self.setDate(to_qdate(value))


class DateTimeEdit(_TypedWhole, QDateTimeEdit):
    """A date-and-time box (yyyy-MM-dd HH:mm)."""

    def __init__(self, value: datetime | QDateTime | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._setup(DATE_TIME_FORMAT, False)
        if isinstance(value, QDateTime):
            self.setDateTime(value)
        elif value is not None:
            self.set_value(value)

    def value(self) -> datetime:
        return self.dateTime().toPython().replace(second=0, microsecond=0)

    def set_value(self, value: datetime) -> None:
        self.setDateTime(QDateTime(to_qdate(value.date()), QTime(value.hour, value.minute)))

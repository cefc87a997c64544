"""`KeysetModel`: the model for lists too long to hold even their ids (a million activities,
issue 11). It holds the rows shown so far and the key of the last one; scrolling asks for the
next window of rows after that key (`next_page(after, limit)`, a keyset query through an
index), `batch` rows at a time through canFetchMore/fetchMore. The total shown is counted
separately (`set_total`). A header click emits `sort_requested(key, descending)` for the page
to query again, like LazyModel.

The next window is read in the background (ops.query, on the task runner of the page the
model belongs to): fetchMore returns at once, `fetching(True)` says a window is on its way
(the ListView shows "Loading more rows…" at the bottom), the rows are inserted when they come.
A new answer asked for (`requery()`: a header click does it, a page calls it when its filters
change) or shown (`set_page`) drops the window being read for the old one; a window for a
model or window that went is dropped by ops. A model with no UiContext above it (a test's
parentless model) reads inline."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any, Generic, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.ui.kit import ops
from app.ui.kit.tables import _ROOT, BATCH, AnyIndex, Column, SortedByQueryModel
from app.ui.tasks import TaskHandle
from app.ui.widgets import show_error

R = TypeVar("R")


class Page(Protocol[R]):  # app.domain.queries.Page
    rows: Sequence[R]
    after: Any
    more: bool


class KeysetModel(SortedByQueryModel[R], Generic[R]):
    """A list read a window at a time by keyset; see the module's docstring."""

    fetching = Signal(bool)  # a window of rows is being read (True) or came / was dropped

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        batch: int = BATCH,
        row_id: Callable[[R], int] = attrgetter("id"),
        parent: QObject | None = None,
    ):
        super().__init__(columns, row_id, parent)
        self.batch = batch
        self.rows: list[R] = []
        self._where: dict[int, int] = {}
        self._after: Any = None
        self._more = False
        self._next: Callable[[Any, int], Page[R]] | None = None
        self._total: int | None = None
        self._reading: TaskHandle | bool = False  # the window on its way (True: read inline)
        self._asked = False  # a new answer was asked for and has not come yet
        self._paused = False  # the person cancelled a window: none is read until they scroll
        self.sort_requested.connect(self.requery)  # before the page queries again

    def set_page(self, page: Page[R], next_page: Callable[[Any, int], Page[R]]) -> None:
        """Shows a new answer from its first window; `next_page(after, limit)` reads the
        windows that follow as the list scrolls. The count is kept (`set_total`)."""
        self._drop_reading()
        self._asked = self._paused = False
        self.beginResetModel()
        self.rows, self._where = [], {}
        self._append(page)
        self._next = next_page
        self.loaded = True
        self.endResetModel()

    def set_total(self, total: int | None) -> None:
        """The answer's count (None: not counted yet)."""
        self._total = total

    def requery(self, *_args: object) -> None:
        """A new answer is on its way (another sort, other filters): the window being read for
        the old one is dropped, and no other is read until the answer is shown (`set_page`)."""
        self._asked = True
        self._drop_reading()

    def resume(self) -> None:
        """The person scrolled after cancelling a window: reaching the end reads on again."""
        self._paused = False

    def answer_failed(self) -> None:
        """The new answer asked for could not be read (the page said why): the rows shown
        stay, and scrolling reads on after them, instead of the list stopping where it was."""
        self._asked = False

    def is_fetching(self) -> bool:
        """True while a window of rows is being read."""
        return self._reading is not False

    def _drop_reading(self) -> None:
        reading, self._reading = self._reading, False
        if isinstance(reading, TaskHandle) and not reading.done:
            reading.cancel()  # its answer is never delivered (ops: cancelled)
        if reading is not False:
            self.fetching.emit(False)

    @property
    def counted(self) -> bool:
        return self._total is not None

    def _append(self, page: Page[R]) -> None:
        for row in page.rows:
            self._where[self.row_id(row)] = len(self.rows)
            self.rows.append(row)
        self._after, self._more = page.after, page.more

    def total(self) -> int:
        """The counted total once known, else the rows read so far."""
        return len(self.rows) if self._total is None else self._total

    def id_at(self, row: int) -> int:
        return self.row_id(self.rows[row])

    def row_of(self, row_id: int) -> int:
        return self._where.get(row_id, -1)

    def row_at(self, row: int) -> R | None:
        return self.rows[row]

    def expose(self, row: int) -> None:
        """Reads windows until `row` is listed (to select or scroll to it); with a task
        runner that works in the background, asks for the next window and returns."""
        while row >= len(self.rows) and self.canFetchMore() and not self.is_fetching():
            listed = len(self.rows)
            self.fetchMore()
            if len(self.rows) == listed:  # on its way, or not asked (a hidden list)
                return

    # Qt model
    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def canFetchMore(self, parent: AnyIndex = _ROOT) -> bool:  # noqa: N802 - Qt override
        if parent.isValid() or self._asked or self._paused:
            return False
        return self._more and self._next is not None

    def fetchMore(self, parent: AnyIndex = _ROOT) -> None:  # noqa: N802 - Qt override
        """Asks for the next window (once: a view asks again as it scrolls); the rows are
        inserted when they come."""
        if not self.canFetchMore(parent) or self.is_fetching():
            return
        next_page, after = self._next, self._after
        owner = ops.widget_of(self)
        if owner is None:  # no window around the model (a test's own): read now
            self._arrived(next_page, next_page(after, self.batch))
            return
        if not owner.isVisible():  # a list hidden or closed (its archive may be closing)
            return
        self._reading = True
        self.fetching.emit(True)
        handle = ops.query(
            self,
            next_page,
            after,
            self.batch,
            key="next window",
            label=QCoreApplication.translate("KeysetModel", "Loading more rows"),
            on_done=lambda page: self._arrived(next_page, page),
            on_error=lambda exc: self._failed(next_page, exc),
            on_cancelled=lambda: self._cancelled(next_page),
        )
        if handle is None:  # dropped (an exclusive job holds the runner)
            self._drop_reading()
        elif self._reading is True and not handle.done:
            self._reading = handle
            # however it ends (an answer dropped for a closed window too), it is over
            handle.finished.connect(lambda: self._ended(handle))

    def _cancelled(self, next_page: Callable[[Any, int], Page[R]]) -> None:
        """Cancelled while still the window asked for (the status bar's Cancel, not a newer
        answer): Qt asks again whenever the view lays itself out at the end of the list, so
        nothing is read until the person scrolls (ListView calls `resume`)."""
        if not shiboken6.isValid(self):
            return
        if self._reading is not False and next_page is self._next and not self._asked:
            self._paused = True
        self._drop_reading()

    def _ended(self, handle: TaskHandle) -> None:
        if shiboken6.isValid(self) and self._reading is handle:
            self._drop_reading()

    def _arrived(self, next_page: Callable[[Any, int], Page[R]], page: Page[R]) -> None:
        if not shiboken6.isValid(self) or next_page is not self._next or self._asked:
            return  # a window of an answer no longer shown
        self._drop_reading()
        if not page.rows:
            self._more = False
            return
        first = len(self.rows)
        self.beginInsertRows(_ROOT, first, first + len(page.rows) - 1)
        self._append(page)
        self.endInsertRows()

    def _failed(self, next_page: Callable[[Any, int], Page[R]], exc: Exception) -> None:
        """The window could not be read: said in the standard box; scrolling asks again."""
        if not shiboken6.isValid(self) or next_page is not self._next:
            return
        self._drop_reading()
        show_error(ops.widget_of(self), exc, ops.context_of(self).lang)

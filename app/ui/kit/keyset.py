"""`KeysetModel`: the model for lists too long to hold even their ids (a million activities,
issue 11). It holds the rows shown so far and the key of the last one; scrolling asks for the
next window of rows after that key (`next_page(after, limit)`, a keyset query through an
index), `batch` rows at a time through canFetchMore/fetchMore. The total shown is counted
separately (`set_total`). A header click emits `sort_requested(key, descending)` for the page
to query again, like LazyModel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QObject

from app.ui.kit.tables import _ROOT, BATCH, AnyIndex, Column, SortedByQueryModel

R = TypeVar("R")


class Page(Protocol[R]):  # app.domain.queries.Page
    rows: Sequence[R]
    after: Any
    more: bool


class KeysetModel(SortedByQueryModel[R], Generic[R]):
    """A list read a window at a time by keyset; see the module's docstring."""

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

    def set_page(self, page: Page[R], next_page: Callable[[Any, int], Page[R]]) -> None:
        """Shows a new answer from its first window; `next_page(after, limit)` reads the
        windows that follow as the list scrolls. The count is kept (`set_total`)."""
        self.beginResetModel()
        self.rows, self._where = [], {}
        self._append(page)
        self._next = next_page
        self.loaded = True
        self.endResetModel()

    def set_total(self, total: int | None) -> None:
        """The answer's count (None: not counted yet)."""
        self._total = total

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
        """Reads windows until `row` is listed (to select or scroll to it)."""
        while row >= len(self.rows) and self.canFetchMore():
            self.fetchMore()

    # Qt model
    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def canFetchMore(self, parent: AnyIndex = _ROOT) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and self._more and self._next is not None

    def fetchMore(self, parent: AnyIndex = _ROOT) -> None:  # noqa: N802 - Qt override
        if not self.canFetchMore(parent):
            return
        page = self._next(self._after, self.batch)
        if not page.rows:
            self._more = False
            return
        first = len(self.rows)
        self.beginInsertRows(_ROOT, first, first + len(page.rows) - 1)
        self._append(page)
        self.endInsertRows()

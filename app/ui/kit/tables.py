"""Lists: column specs, two models, one view, a filter box. After Anki's browser model (ids plus a
row cache) and Electrum's MyTreeView (one view that every list shares).

- `Column`: a heading, how to get a cell's text from a row, its alignment, the sort key it hands
  to the query (or a key function for in-memory lists), colour/background/bold/decoration/tooltip
  hooks and a width hint. A page keeps its columns in a function of the context (`columns(ctx)`), because
  texts may depend on the language or today's date.
- `LazyModel`: the model for lists that can grow: the ids from one query (`set_ids`), rows
  fetched by id in batches as they scroll into view (`fetch_rows(ids)`, a fast service call by
  primary key), exposed `batch` rows at a time through canFetchMore/fetchMore. A header click
  asks the page for a new query (`sort_requested(key, descending)`); it never sorts in memory.
- `ListModel`: the model for short lists (a client's contracts, the recycle bin): the rows
  themselves (`set_rows`), sorted in memory by the column's `sort`.
- `ListView`: the one QTableView. Enter or a double-click emits `row_activated(id)`; a context
  menu is filled by the page (`set_context_menu`); header clicks sort; the current row is kept
  across reloads; column widths and the sort order are remembered per list (`settings_key`);
  an empty list shows a sentence saying what to do, with a button where useful
  (`empty_state.say(...)`; `say_when_filtered(...)`: what it says while filters hide all).
  `fit="contents"`: every column as wide as its contents, the `stretch` ones sharing what is
  left (a narrow panel, a dialog's short list: never scrolls sideways).
- `FilterBox`: a search box that says `settled(text)` 250 ms after the last key (at once on
  Enter or when cleared); the page reloads through ops.query with a key, so the newest wins.
  `clear_all(*filters)` empties it and resets the page's other filters with one reload.

Both models give the row's id in ID_ROLE and pass pytest-qt's qtmodeltester.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QHideEvent,
    QKeyEvent,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.kit import ops
from app.ui.kit.boxes import HEADING
from app.ui.kit.loading_bar import LoadingBar
from app.ui.widgets import show_error

if TYPE_CHECKING:
    from app.ui.tasks import TaskHandle

R = TypeVar("R")
AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's id, in every model of the kit
BATCH = 200  # rows a lazy list exposes (and fetches) at a time
FILTER_DELAY_MS = 250
FIT_ROWS = 50  # rows measured, beyond those in view, to fit a column to its contents
# A stretch column (a client's name) never narrower than this: when the fixed columns leave it
# less room (a 1366-pixel laptop screen), it keeps this width and the list scrolls sideways.
STRETCH_FLOOR = 180

LEFT = Qt.AlignmentFlag.AlignLeft
RIGHT = Qt.AlignmentFlag.AlignRight  # amounts, counts
CENTER = Qt.AlignmentFlag.AlignCenter  # a letter, a mark
TOP = Qt.AlignmentFlag.AlignTop  # with LEFT: a cell of several lines beside one-line cells

SETTINGS_ORG = SETTINGS_APP = "SalesCompass"  # as app.ui.main_window


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column of a list.

    `title` is shown translated (build columns in a function, after the translator is in);
    `text(row)` the cell; `align` its alignment (centred vertically unless it says otherwise:
    `LEFT | TOP` for cells of several lines); `sort` the sort key handed to the query (LazyModel) or an attribute
    name or key function (ListModel), None when the column does not sort; `colour(row)` a text
    colour ('#d9363e') or None; `decoration(row)` an icon or colour; `tooltip(row)` a tooltip;
    `font(row)` a font (a cell that acts as a link is underlined) or None; `bold(row)` True for
    a bold cell (an overdue date); `background(row)` a cell colour or None; `width` the starting
    width in pixels (None: fits the heading); `stretch` takes the room left (the text is
    elided)."""

    title: str
    text: Callable[[R], str]
    align: Qt.AlignmentFlag = LEFT
    sort: str | Callable[[R], Any] | None = None
    colour: Callable[[R], str | QColor | None] | None = None
    decoration: Callable[[R], Any] | None = None
    tooltip: Callable[[R], str | None] | None = None
    font: Callable[[R], QFont | None] | None = None
    background: Callable[[R], str | QColor | None] | None = None
    width: int | None = None
    stretch: bool = False
    bold: Callable[[R], bool] | None = None


def attribute(name: str, *, fmt: Callable[[Any], str] = str) -> Callable[[Any], str]:
    """A cell text from an attribute of the row ('' for None): `text=attribute("title")`."""

    def text(row: Any) -> str:
        value = getattr(row, name)
        return "" if value is None else fmt(value)

    return text


# -- models -------------------------------------------------------------------------------------


class _ColumnsModel(QAbstractTableModel, Generic[R]):
    """What both models share: headings, cells, roles and the current sort."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        row_id: Callable[[R], int] = attrgetter("id"),
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.columns = tuple(columns)
        self.row_id = row_id
        self.loaded = False  # set_ids/set_rows was called at least once
        self.sort_column = -1
        self.sort_order = Qt.SortOrder.AscendingOrder

    # to be given by each model
    def row_at(self, row: int) -> R | None:
        raise NotImplementedError

    def id_at(self, row: int) -> int:
        raise NotImplementedError

    def shown_row(self, row: int) -> R | None:
        """The row a cell shows (a lazy model may answer None until it is read)."""
        return self.row_at(row)

    def row_of(self, row_id: int) -> int:
        """The row showing `row_id` (-1 when not listed)."""
        raise NotImplementedError

    def total(self) -> int:
        """Rows in the list (a lazy model may expose fewer so far)."""
        return self.rowCount()

    # sorting
    def sortable(self, column: int) -> bool:
        return 0 <= column < len(self.columns) and self.columns[column].sort is not None

    @property
    def sort_key(self) -> str | Callable[[R], Any] | None:
        return self.columns[self.sort_column].sort if self.sortable(self.sort_column) else None

    @property
    def descending(self) -> bool:
        return self.sort_order == Qt.SortOrder.DescendingOrder

    def set_sort(self, column: int, order: Qt.SortOrder) -> None:
        """The sort shown, without asking for a new query (a remembered or default sort)."""
        if self.sortable(column):
            self.sort_column, self.sort_order = column, order

    # Qt model
    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: AnyIndex, role: int = 0):
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if role == ID_ROLE:
            return self.id_at(index.row())
        if role not in _ROLES:
            return None
        row = self.shown_row(index.row())
        if row is None:  # not read yet, or gone from the archive since the ids were read
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.align & Qt.AlignmentFlag.AlignVertical_Mask:  # a cell of many lines: top
                return int(column.align)
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        hook = {
            Qt.ItemDataRole.ForegroundRole: column.colour,
            Qt.ItemDataRole.BackgroundRole: column.background,
            Qt.ItemDataRole.DecorationRole: column.decoration,
            Qt.ItemDataRole.ToolTipRole: column.tooltip,
            Qt.ItemDataRole.FontRole: column.font or _bold_when(column.bold),
        }[role]
        if hook is None:
            return None
        value = hook(row)
        if role in _BRUSHES and value is not None:
            return QBrush(QColor(value))
        return value


_BRUSHES = frozenset({Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole})
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.FontRole,
        *_BRUSHES,
    }
)


def _bold_when(predicate: Callable[[Any], bool] | None) -> Callable[[Any], QFont | None] | None:
    if predicate is None:
        return None

    def font(row: Any) -> QFont | None:
        if not predicate(row):
            return None
        bold = QFont()
        bold.setBold(True)
        return bold

    return font


class SortedByQueryModel(_ColumnsModel[R]):
    """A model whose rows come sorted from a query: a header click emits
    `sort_requested(key, descending)` for the page to query again (LazyModel, KeysetModel)."""

    sort_requested = Signal(object, bool)  # the column's sort key, descending

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self.sortable(column) or (column, order) == (self.sort_column, self.sort_order):
            return  # the view also calls sort() when sorting is switched on
        self.sort_column, self.sort_order = column, order
        self.sort_requested.emit(self.sort_key, self.descending)


class LazyModel(SortedByQueryModel[R]):
    """A list over ids from one query; rows fetched by id, `batch` at a time, when shown.

    `fetch_rows(ids)` returns the rows of those ids (any order; missing ones are left blank).
    The page runs the id query (ops.query) and hands the answer to `set_ids`; a header click
    emits `sort_requested(key, descending)` for the page to query again.

    The rows a shown list paints are read in the background (ops.query on the page's task
    runner): their cells stay blank the few milliseconds until they come, and the window
    never waits for them. `row_at` (a page asking for a row: the current one, a context
    menu's) reads at once when the row is not read yet, as does a model no shown widget holds."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        fetch_rows: Callable[[Sequence[int]], Iterable[R]],
        *,
        batch: int = BATCH,
        row_id: Callable[[R], int] = attrgetter("id"),
        parent: QObject | None = None,
    ):
        super().__init__(columns, row_id, parent)
        self.fetch_rows = fetch_rows
        self.batch = batch
        self.ids: Sequence[int] = array("q")
        self._exposed = 0
        self._cache: dict[int, R] = {}
        self._read: set[int] = set()  # the batches read (by first row): a row not in the cache went
        self._reading: dict[int, TaskHandle | None] = {}  # the batches on their way, by job
        self._answer = 0  # which ids (set_ids) and rows (forget_rows) a batch read belongs to
        self._inline: int | None = None  # the batch whose answer comes while it is asked

    def set_ids(self, ids: Sequence[int]) -> None:
        """Shows a new answer: the first batch exposed, rows fetched as they are shown."""
        self.beginResetModel()
        self.ids = array("q", ids)  # 8 bytes an id: a million activities' ids take 8 MB, not 36
        self._forget()
        self._exposed = min(self.batch, len(self.ids))
        self.loaded = True
        self.endResetModel()

    def extend_ids(self, ids: Sequence[int]) -> None:
        """The whole answer after its first rows were shown (set_ids with them): when `ids`
        begin with the ids shown, the rest comes after them and the rows read stay (the
        screen is not painted blank again); otherwise as set_ids."""
        shown = len(self.ids)
        if shown > len(ids) or self.ids != array("q", ids[:shown]):
            self.set_ids(ids)
            return
        self.ids = array("q", ids)
        partial = shown - shown % self.batch
        if shown % self.batch:  # its batch was read with the first rows only: read it again
            self._read.discard(partial)
            handle = self._reading.pop(partial, None)
            if handle is not None and not handle.done:
                handle.cancel()
        more = min(self.batch, len(self.ids)) - self._exposed
        if more > 0:  # the first rows were fewer than a batch: the batch's rest is shown too
            self.beginInsertRows(_ROOT, self._exposed, self._exposed + more - 1)
            self._exposed += more
            self.endInsertRows()

    def forget_rows(self) -> None:
        """Rows are fetched again when next shown (the same ids, edited records)."""
        self._forget()
        if self._exposed:
            last = self.index(self._exposed - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _forget(self) -> None:
        self._cache.clear()
        self._read.clear()
        for handle in self._reading.values():  # a read for ids or rows no longer shown
            if handle is not None and not handle.done:
                handle.cancel()  # not started yet: never runs; running: its answer dropped
        self._reading.clear()
        self._answer += 1

    def total(self) -> int:
        return len(self.ids)

    def id_at(self, row: int) -> int:
        return self.ids[row]

    def row_of(self, row_id: int) -> int:
        try:
            return self.ids.index(row_id)
        except ValueError:
            return -1

    def row_at(self, row: int) -> R | None:
        row_id = self.ids[row]
        start = row - row % self.batch
        if row_id not in self._cache and start not in self._read:
            self._store(start, self.fetch_rows(self.ids[start : start + self.batch]))
        return self._cache.get(row_id)

    def shown_row(self, row: int) -> R | None:
        """The row for a cell: when not read yet, its batch is asked for in the background
        (None meanwhile: a blank cell, filled when it comes)."""
        row_id = self.ids[row]
        start = row - row % self.batch
        if row_id in self._cache or start in self._read or start in self._reading:
            return self._cache.get(row_id)
        owner = ops.widget_of(self)
        if owner is None or not owner.isVisible():
            return self.row_at(row)
        self._ask(start)
        return self._cache.get(row_id)

    def _ask(self, start: int) -> None:
        answer, ids = self._answer, list(self.ids[start : start + self.batch])
        self._reading[start] = None
        self._inline = start
        handle = ops.query(
            self,
            self.fetch_rows,
            ids,
            label=QCoreApplication.translate("LazyModel", "Loading rows"),
            on_done=lambda rows: self._came(answer, start, rows),
            on_error=lambda exc: self._came(answer, start, (), exc),
        )
        self._inline = None
        if handle is None:  # dropped (an exclusive job holds the runner)
            self._reading.pop(start, None)
        elif not handle.done:  # cancelled or dropped (a window closing): asked again if shown
            if start in self._reading:
                self._reading[start] = handle
            handle.finished.connect(lambda: self._ended(answer, start))

    def _ended(self, answer: int, start: int) -> None:
        if shiboken6.isValid(self) and answer == self._answer:
            self._reading.pop(start, None)

    def _came(
        self, answer: int, start: int, rows: Iterable[R], exc: Exception | None = None
    ) -> None:
        if not shiboken6.isValid(self) or answer != self._answer:
            return  # read for other ids or before an edit: dropped
        self._reading.pop(start, None)
        self._store(start, rows)
        if exc is not None:
            show_error(ops.widget_of(self), exc, ops.context_of(self).lang)
        last = min(start + self.batch, self._exposed) - 1
        if self._inline != start and last >= start:
            self.dataChanged.emit(self.index(start, 0), self.index(last, len(self.columns) - 1))

    def _store(self, start: int, rows: Iterable[R]) -> None:
        for fetched in rows:
            self._cache[self.row_id(fetched)] = fetched
        self._read.add(start)

    def expose(self, row: int) -> None:
        """Exposes rows up to `row` (to select or scroll to a row not shown yet)."""
        while row >= self._exposed and self.canFetchMore():
            self.fetchMore()

    # Qt model
    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else self._exposed

    def canFetchMore(self, parent: AnyIndex = _ROOT) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and self._exposed < len(self.ids)

    def fetchMore(self, parent: AnyIndex = _ROOT) -> None:  # noqa: N802 - Qt override
        more = min(self.batch, len(self.ids) - self._exposed)
        if parent.isValid() or more <= 0:
            return
        self.beginInsertRows(_ROOT, self._exposed, self._exposed + more - 1)
        self._exposed += more
        self.endInsertRows()


class ListModel(_ColumnsModel[R]):
    """A short list held whole (up to a few thousand rows), sorted in memory by the column's
    `sort`: an attribute name of the row or a key function (None values last)."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        row_id: Callable[[R], int] = attrgetter("id"),
        parent: QObject | None = None,
    ):
        super().__init__(columns, row_id, parent)
        self.rows: list[R] = []

    def set_rows(self, rows: Iterable[R]) -> None:
        self.beginResetModel()
        self.rows = self._sorted(list(rows))
        self.loaded = True
        self.endResetModel()

    def id_at(self, row: int) -> int:
        return self.row_id(self.rows[row])

    def row_of(self, row_id: int) -> int:
        return next((r for r, row in enumerate(self.rows) if self.row_id(row) == row_id), -1)

    def row_at(self, row: int) -> R | None:
        return self.rows[row]

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def set_sort(self, column: int, order: Qt.SortOrder) -> None:
        if self.rows:
            self.sort(column, order)
        else:
            super().set_sort(column, order)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self.sortable(column):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self.id_at(index.row()) for index in before]
        self.sort_column, self.sort_order = column, order
        self.rows = self._sorted(self.rows)
        where = {self.row_id(row): number for number, row in enumerate(self.rows)}
        after = [self.index(where[i], index.column()) for i, index in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _sorted(self, rows: list[R]) -> list[R]:
        key = self.sort_key
        if key is None:
            return rows
        value = attrgetter(key) if isinstance(key, str) else key
        present = [row for row in rows if value(row) is not None]
        missing = [row for row in rows if value(row) is None]
        present.sort(key=value, reverse=self.descending)
        return present + missing


# -- the view -----------------------------------------------------------------------------------


class EmptyState(QWidget):
    """What an empty list shows over its grid: a title, a sentence saying what to do, and a
    button where one helps ("New activity", "Clear filters")."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.title = QLabel(self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.title.setStyleSheet(HEADING)
        self.hint = QLabel(self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: gray;")
        self.button = QPushButton(self)
        self.button.hide()
        self._on_click: Callable[[], object] | None = None
        self.button.clicked.connect(self._clicked)
        self.second = QPushButton(self)  # another way to start ("Import from Excel…")
        self.second.hide()
        self._on_second: Callable[[], object] | None = None
        self.second.clicked.connect(lambda: self._on_second and self._on_second())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.button)
        buttons.addWidget(self.second)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self._plain: tuple = ("", "", None, None, None)
        self._filtered: tuple[Callable[[], bool], tuple] | None = None
        self.hide()

    def say(
        self,
        title: str,
        hint: str = "",
        button: str | None = None,
        on_click: Callable[[], object] | None = None,
        second: tuple[str, Callable[[], object]] | None = None,
    ) -> None:
        """What the empty list says (and the button it offers, and a `second` (text, on_click)
        where there are two ways to start) from now on."""
        self._plain = (title, hint, button, on_click, second)
        self.refresh()

    def say_when_filtered(
        self, filtered: Callable[[], bool], title: str, button: str, on_click: Callable[[], object]
    ) -> None:
        """What it says instead when the list is empty while `filtered()` is true: that nothing
        matches the filters, with a button that clears them."""
        self._filtered = (filtered, (title, "", button, on_click, None))

    def refresh(self) -> None:
        """Says what fits the filters as they are now (the view calls it when it shows)."""
        filtered = self._filtered is not None and self._filtered[0]()
        title, hint, button, on_click, second = self._filtered[1] if filtered else self._plain
        self.title.setText(title)
        self.title.setVisible(bool(title))
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self._on_click = on_click
        self.button.setText(button or "")
        self.button.setVisible(bool(button and on_click))
        self.second.setText(second[0] if second else "")
        self._on_second = second[1] if second else None
        self.second.setVisible(second is not None)

    def text(self) -> str:
        return "\n".join(t for t in (self.title.text(), self.hint.text()) if t)

    def _clicked(self) -> None:
        if self._on_click is not None:
            self._on_click()


class ListView(QTableView):
    """The one list view: rows selected whole, read-only, sorted by the header (the model
    hands a lazy list's sort to the query).

    `row_activated(id)` on Enter or a double-click; `current_changed(id or None)` when the
    current row changes or the list is reloaded. `settings_key` remembers the column widths
    and the sort order of this list (QSettings, per user); `sort` is the order before any is
    remembered. `fit="contents"`: the columns fit their contents (the `stretch` ones share
    the rest, elided) and the list never scrolls sideways, instead of the columns' widths."""

    row_activated = Signal(int)
    current_changed = Signal(object)  # the current row's id, None when no row is current

    def __init__(
        self,
        model: _ColumnsModel,
        *,
        settings_key: str | None = None,
        sort: tuple[int, Qt.SortOrder] | None = None,
        fit: Literal["widths", "contents"] = "widths",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.settings_key = settings_key
        self._fill_menu: Callable[[QMenu, int], None] | None = None
        self._current_before_reset: int | None = None
        self._wanted: int | None = None  # to select when the list next shows it
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self._lay_out_columns(model, fit)
        self._sort_first(model, sort)
        self.empty_state = EmptyState(self.viewport())
        self.loading_bar = LoadingBar(self.viewport())
        fetching = getattr(model, "fetching", None)  # a list read a window at a time
        if fetching is not None:
            fetching.connect(self.loading_bar.set_loading)
            model.modelReset.connect(self._read_on_when_at_end)
            self.verticalScrollBar().valueChanged.connect(self._scrolled_off_the_end)
        self.viewport().installEventFilter(self)
        self.doubleClicked.connect(self._activate)
        self.selectionModel().currentRowChanged.connect(lambda *_: self._say_current())
        model.modelAboutToBeReset.connect(self._before_reset)
        model.modelReset.connect(self._after_reset)
        for changed in (model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            changed.connect(self._show_empty_state)
        self.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_changed)
        self._show_empty_state()

    def list_model(self) -> _ColumnsModel:
        return self.model()  # type: ignore[return-value]

    def _scrolled_off_the_end(self, value: int) -> None:
        """Scrolled up from the end after a cancelled window: back at the end reads on."""
        resume = getattr(self.model(), "resume", None)
        if resume is not None and value < self.verticalScrollBar().maximum():
            resume()

    # --- building ---------------------------------------------------------------------------
    def _lay_out_columns(self, model: _ColumnsModel, fit: str) -> None:
        header, mode = self.horizontalHeader(), QHeaderView.ResizeMode
        # a column fitted to its contents measures the rows in view and at most FIT_ROWS
        # others, not a whole long list (issue 11: 45,000 cells measured to show the home page)
        header.setResizeContentsPrecision(FIT_ROWS)
        contents = fit == "contents"
        header.setSectionResizeMode(mode.ResizeToContents if contents else mode.Interactive)
        header.setStretchLastSection(not any(c.stretch for c in model.columns))
        for number, column in enumerate(model.columns):
            if column.stretch:
                header.setSectionResizeMode(number, mode.Stretch)
            elif column.width is not None and not contents:
                self.setColumnWidth(number, column.width)
        if contents:
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _sort_first(self, model: _ColumnsModel, sort: tuple[int, Qt.SortOrder] | None) -> None:
        """The remembered order, else `sort`; set on the model quietly (the page's first query
        uses it), then sorting is switched on (its own sort() call then changes nothing)."""
        header = self.horizontalHeader()
        if sort is not None:
            model.set_sort(*sort)
        state = self._saved_state(model)
        if state is not None and header.restoreState(state):
            section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
            if model.sortable(section):
                model.set_sort(section, order)
        # -1: no column sorted (the rows in the order they came)
        header.setSortIndicator(model.sort_column, model.sort_order)
        if any(model.sortable(c) for c in range(len(model.columns))):
            self.setSortingEnabled(True)
        header.setSortIndicatorShown(model.sort_column >= 0)

    # --- remembered widths and order ----------------------------------------------------------
    def _settings_name(self) -> str:
        return f"lists/{self.settings_key}"

    def _saved_state(self, model: _ColumnsModel) -> QByteArray | None:
        if self.settings_key is None:
            return None
        settings = QSettings(SETTINGS_ORG, SETTINGS_APP)
        state = settings.value(f"{self._settings_name()}/header")
        columns = settings.value(f"{self._settings_name()}/columns")
        if not isinstance(state, QByteArray) or str(columns) != str(len(model.columns)):
            return None  # the columns changed since: start afresh
        return state

    def remember(self) -> None:
        """Keeps the widths and the order for next time (done when the list is hidden: another
        area chosen, the window closed)."""
        if self.settings_key is None:
            return
        settings = QSettings(SETTINGS_ORG, SETTINGS_APP)
        settings.setValue(f"{self._settings_name()}/header", self.horizontalHeader().saveState())
        settings.setValue(f"{self._settings_name()}/columns", len(self.list_model().columns))

    def _sort_indicator_changed(self, section: int, _order: Qt.SortOrder) -> None:
        model = self.list_model()
        if not model.sortable(section) and model.sort_column >= 0:  # back where it was
            header = self.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(model.sort_column, model.sort_order)
            header.blockSignals(False)
        self.horizontalHeader().setSortIndicatorShown(model.sort_column >= 0)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self.remember()
        super().hideEvent(event)

    # --- rows -----------------------------------------------------------------------------------
    def current_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def current_row(self) -> Any:
        """The current row itself (a record of the model's rows), None when none is current."""
        index = self.currentIndex()
        return self.list_model().row_at(index.row()) if index.isValid() else None

    def select_id(self, row_id: int, *, when_listed: bool = False) -> bool:
        """Makes `row_id` the current row and scrolls to it (False when it is not listed).
        `when_listed`: a row not listed yet is selected when the list is next reloaded (the
        answer of a query on its way), instead of the row current before."""
        model = self.list_model()
        row = model.row_of(row_id)
        if row < 0:
            self._wanted = row_id if when_listed else self._wanted
            return False
        expose = getattr(model, "expose", None)  # a lazy list: rows not read yet
        if expose is not None:
            expose(row)
        index = model.index(row, 0)
        self.setCurrentIndex(index)
        self.selectRow(row)
        self.scrollTo(index)
        return True

    def rows_in_view(self) -> int:
        """How many rows fit in the list at its present height (a part row counted)."""
        row = max(self.verticalHeader().defaultSectionSize(), 1)
        return max(-(-self.viewport().height() // row), 1)

    def keeps_row_outside(self, ids: Sequence[int]) -> bool:
        """Whether a reload to `ids` would lose a row the list keeps: the current one, or one
        to be selected when listed (select_id), not among them."""
        current = self.current_id()
        return self._wanted is not None or (current is not None and current not in ids)

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.row_activated.emit(index.data(ID_ROLE))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activate(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _before_reset(self) -> None:
        self._current_before_reset = self.current_id()

    def _after_reset(self) -> None:
        kept, self._current_before_reset = self._current_before_reset, None
        wanted, self._wanted = self._wanted, None
        if wanted is not None and self.select_id(wanted):
            kept = None
        if kept is not None:
            self.select_id(kept)
        self._show_empty_state()
        self._say_current()

    def _say_current(self) -> None:
        self.current_changed.emit(self.current_id())

    # --- context menu ---------------------------------------------------------------------------
    def set_context_menu(self, fill: Callable[[QMenu, int], None]) -> None:
        """`fill(menu, id)` adds the actions for the row under the mouse (made current first);
        an empty menu is not shown."""
        self._fill_menu = fill

    def context_menu_for(self, row: int) -> QMenu | None:
        """The menu a right click on `row` shows (None without a hook); the row becomes current."""
        if self._fill_menu is None or not 0 <= row < self.list_model().rowCount():
            return None
        self.selectRow(row)
        self.setCurrentIndex(self.list_model().index(row, 0))
        menu = QMenu(self)
        self._fill_menu(menu, self.list_model().id_at(row))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        index = self.indexAt(event.pos())
        menu = self.context_menu_for(index.row()) if index.isValid() else None
        if menu is None:
            return
        if not menu.isEmpty():
            menu.exec(event.globalPos())
        menu.deleteLater()

    # --- the empty state ------------------------------------------------------------------------
    def _show_empty_state(self, *_args: object) -> None:
        model = self.list_model()
        empty = model.loaded and model.rowCount() == 0
        if empty:
            self.empty_state.refresh()
        self.empty_state.setGeometry(self.viewport().rect())
        self.empty_state.setVisible(empty)

    def _read_on_when_at_end(self) -> None:
        """Soon: the next window is asked for if the last row is in view (a new answer shown
        while the list was scrolled to its end: no scrolling would ask). A window cancelled
        from the status bar is not asked for again until the list is scrolled."""
        QTimer.singleShot(0, self, self._ask_when_at_end)

    def _ask_when_at_end(self) -> None:
        model = self.list_model()
        last = model.rowCount() - 1
        if last < 0 or not self.isVisible() or not model.canFetchMore(_ROOT):
            return
        if self.viewport().rect().intersects(self.visualRect(model.index(last, 0))):
            model.fetchMore(_ROOT)

    def is_empty_shown(self) -> bool:
        return self.empty_state.isVisibleTo(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.viewport() and event.type() == QEvent.Type.Resize:
            self.empty_state.setGeometry(self.viewport().rect())
            self.loading_bar.place()
            self._keep_stretch_readable()
        return super().eventFilter(watched, event)

    def _keep_stretch_readable(self) -> None:
        """Qt's stretch mode gives a stretch column what the others leave, down to nothing;
        below STRETCH_FLOOR it is held at that width instead (and stretches again when the
        window gives room back)."""
        header, mode = self.horizontalHeader(), QHeaderView.ResizeMode
        stretching = [n for n, c in enumerate(self.list_model().columns) if c.stretch]
        if not stretching or header.sectionResizeMode(0) == mode.ResizeToContents:
            return
        others = sum(
            header.sectionSize(n)
            for n in range(header.count())
            if n not in stretching and not header.isSectionHidden(n)
        )
        room = (self.viewport().width() - others) // len(stretching)
        for number in stretching:
            if room < STRETCH_FLOOR:
                header.setSectionResizeMode(number, mode.Interactive)
                header.resizeSection(number, STRETCH_FLOOR)
            else:
                header.setSectionResizeMode(number, mode.Stretch)


# -- the filter box -----------------------------------------------------------------------------


class FilterBox(QLineEdit):
    """A search box for a list: `settled(text)` once typing pauses (250 ms), at once on Enter
    or when it is cleared. Connect it to the page's reload, which runs through ops.query with
    a key: the newest text wins, older answers are dropped."""

    settled = Signal(str)

    def __init__(
        self, placeholder: str = "", parent: QWidget | None = None, delay_ms: int = FILTER_DELAY_MS
    ):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.flush)
        self._flush_when_shown = False
        self.textChanged.connect(self._typed)
        self.returnPressed.connect(self.flush)

    def _typed(self, text: str) -> None:
        if text:
            self._timer.start()
        else:
            self.flush()

    def pending(self) -> bool:
        return self._timer.isActive()

    def clear_all(self, *others: QWidget) -> None:
        """Clears the box and puts the other filters back to their first state (a check box
        unticked, a combo box on its first item, a text box emptied) without a signal from
        each; then says `settled` once, so the list is read once."""
        for box in (self, *others):
            box.blockSignals(True)
            if isinstance(box, QAbstractButton):
                box.setChecked(False)
            elif isinstance(box, QComboBox):
                box.setCurrentIndex(0)
            elif isinstance(box, QLineEdit):
                box.clear()
            box.blockSignals(False)
        self.flush()

    def flush(self) -> None:
        """Says the text now (a pending delay is cut short)."""
        self._timer.stop()
        self.settled.emit(self.text().strip())

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        if self._timer.isActive():  # what was typed counts when the box is seen again
            self._timer.stop()
            self._flush_when_shown = True
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._flush_when_shown:
            self._flush_when_shown = False
            self.flush()

"""The global search popup under the toolbar search field: results grouped by kind, best first.

The search field keeps the keyboard focus; the popup watches its keys (Up/Down, Enter, Esc)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFocusEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QListView,
    QVBoxLayout,
    QWidget,
)

from app.services import search
from app.services.archive import Archive
from app.services.search import SearchHit
from app.ui.context import UiContext
from app.ui.home.page import weak_callback
from app.ui.widgets import error_text

DEBOUNCE_MS = 150
HITS_PER_KIND = 8
MAX_HEIGHT = 460
POPUP_WIDTH = 420
HIT_ROLE = Qt.ItemDataRole.UserRole
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


def run_search(archive: Archive, text: str, task=None) -> tuple[str, list[SearchHit]]:
    """The job run by the task runner; returns the text it answered, to drop stale answers."""
    return text, search.search(archive, text, limit=HITS_PER_KIND)


@dataclass(frozen=True)
class ResultLine:
    """A line of the popup: a section header, a hit, or a note ("No results")."""

    text: str
    hit: SearchHit | None = None
    is_header: bool = False


class ResultsModel(QAbstractListModel):
    """The popup's lines. Only hits can be selected."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.lines: list[ResultLine] = []

    def set_lines(self, lines: list[ResultLine]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.lines)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if index.isValid() and self.lines[index.row()].hit is not None:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.NoItemFlags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.lines):
            return None
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # Title and snippet as two lines drawn by Qt's own delegate: a delegate painting in
            # Python would make PySide calls on every repaint, and PySide6 6.12 on Python 3.11
            # drops a reference to None on each void call.
            snippet = line.hit.snippet if line.hit is not None else ""
            return f"{line.text}\n{snippet}" if snippet else line.text
        if line.hit is not None:
            return self._hit_data(line.hit, role)
        if role == Qt.ItemDataRole.FontRole and line.is_header:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#555555" if line.is_header else "#888888")
        if role == Qt.ItemDataRole.BackgroundRole and line.is_header:
            return QColor("#f0f0f0")
        if role == Qt.ItemDataRole.TextAlignmentRole and not line.is_header:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _hit_data(hit: SearchHit, role: int):
        if role == HIT_ROLE:
            return (hit.kind, hit.id)
        if role in (SNIPPET_ROLE, Qt.ItemDataRole.ToolTipRole):
            return hit.snippet or None
        return None


class SearchPopup(QFrame):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.anchor: QWidget | None = None
        self.text = ""
        self._generation = 0
        # An overlay inside the main window rather than a window of its own: a separate window
        # would take the keyboard focus away from the search field on some platforms.
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.hide()
        self.model = ResultsModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setUniformItemSizes(False)
        self.list.setStyleSheet(
            "QListView::item { padding: 4px 10px; border-bottom: 1px solid #eeeeee; }"
            "QListView::item:selected { background: #2f7ed8; color: white; }"
        )
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.clicked.connect(self._open_index)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.list)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._run_query)
        self.section_titles = {  # one per kind of app.services.search.KINDS
            "client": self.tr("Clients"),
            "contact": self.tr("Contacts"),
            "activity": self.tr("Activities"),
            "tender": self.tr("Tenders"),
            "qualification": self.tr("Qualifications"),
            "document": self.tr("Documents"),
            "letter": self.tr("Letters"),
            "contract": self.tr("Contracts"),
            "receipt": self.tr("Receipts"),
            "rebate": self.tr("Rebates"),
            "meeting": self.tr("Meeting minutes"),
            "action": self.tr("Action items"),
        }

    # -- what the main window calls --------------------------------------------------------

    def show_for(self, anchor: QWidget, text: str) -> None:
        """Shows the popup under `anchor` (the search field) and searches for `text`."""
        if self.anchor is not anchor:
            if self.anchor is not None:
                self.anchor.removeEventFilter(self)
            self.anchor = anchor
            anchor.installEventFilter(self)
            self.setParent(anchor.window())
            self.hide()
        self.set_query(text)

    def set_query(self, text: str) -> None:
        self.text = text.strip()
        if not self.text:
            self._timer.stop()
            self._generation += 1
            self.hide()
            return
        self._timer.start()

    # -- searching -------------------------------------------------------------------------

    def _run_query(self) -> None:
        self._generation += 1
        generation = self._generation
        self.ctx.runner.submit(
            self.tr("Searching"),
            run_search,
            self.ctx.archive,
            self.text,
            on_done=weak_callback(self._on_results, generation),
            on_error=weak_callback(self._on_error, generation),
        )

    def _search_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        self._fill(run_search(self.ctx.archive, self.text)[1])

    def _on_results(self, generation: int, result: tuple[str, list[SearchHit]]) -> None:
        text, hits = result
        if generation != self._generation or text != self.text:
            return  # the user has typed on since
        self._fill(hits)
        self._place()

    def _on_error(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self.model.set_lines([ResultLine(error_text(exc, self.ctx.lang))])
            self._place()

    def _fill(self, hits: list[SearchHit]) -> None:
        lines = []
        kind = None
        for hit in hits:
            if hit.kind != kind:
                kind = hit.kind
                lines.append(ResultLine(self.section_titles.get(kind, kind), is_header=True))
            lines.append(ResultLine(hit.title, hit))
        lines = lines or [ResultLine(self.tr("No results"))]
        if search.shorten_query(self.text)[1]:
            note = self.tr("Too long: only the first %1 characters are searched")
            lines.insert(0, ResultLine(note.replace("%1", str(search.MAX_QUERY_CHARS))))
        self.model.set_lines(lines)
        rows = self._hit_rows()
        if rows:
            self._select(rows[0])

    def _place(self) -> None:
        rows = sum(self.list.sizeHintForRow(r) for r in range(self.model.rowCount()))
        height = min(rows + 8, MAX_HEIGHT)
        width = max(self.anchor.width() if self.anchor else 0, POPUP_WIDTH)
        host = self.parentWidget()
        if self.anchor is not None and host is not None:
            below = self.anchor.mapTo(host, QPoint(0, self.anchor.height()))
            width = min(width, host.width())
            x = max(0, min(below.x(), host.width() - width))
            height = max(0, min(height, host.height() - below.y()))
            self.move(x, below.y())
        self.resize(width, height)
        self.show()
        self.raise_()

    # -- keyboard and mouse ----------------------------------------------------------------

    def hits(self) -> list[tuple[str, int, str]]:
        """(kind, id, title) of every hit shown, top to bottom."""
        lines = (line for line in self.model.lines if line.hit is not None)
        return [(line.hit.kind, line.hit.id, line.hit.title) for line in lines]

    def line_texts(self) -> list[str]:
        """Every line shown, headers and notes included."""
        return [line.text for line in self.model.lines]

    def _hit_rows(self) -> list[int]:
        return [r for r, line in enumerate(self.model.lines) if line.hit is not None]

    def _select(self, row: int) -> None:
        self.list.setCurrentIndex(self.model.index(row, 0))

    def current_hit(self) -> tuple[str, int] | None:
        index = self.list.currentIndex()
        return index.data(HIT_ROLE) if index.isValid() else None

    def move_selection(self, step: int) -> None:
        rows = self._hit_rows()
        if not rows:
            return
        current = self.list.currentIndex().row()
        position = rows.index(current) + step if current in rows else 0
        self._select(rows[max(0, min(position, len(rows) - 1))])

    def open_current(self) -> bool:
        hit = self.current_hit()
        if hit is None:
            return False
        self.hide()
        self.ctx.events.open_record.emit(*hit)
        return True

    def _open_index(self, index: QModelIndex) -> None:
        if index.data(HIT_ROLE):
            self._select(index.row())
            self.open_current()

    def handle_key(self, event: QKeyEvent) -> bool:
        """Up/Down/Enter/Esc for the popup; True when the key was used."""
        key = event.key()
        if self._timer.isActive() and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._search_now()  # Enter typed faster than the debounce still opens the best hit
            return self.open_current()
        if key == Qt.Key.Key_Escape and (self.isVisible() or self._timer.isActive()):
            self.dismiss()
            return True
        if not self.isVisible():
            return False
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.move_selection(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self.open_current()
        return False

    def dismiss(self) -> None:
        """Hides the popup for good: a search still waiting or running does not bring it back."""
        self._timer.stop()
        self._generation += 1
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.anchor:
            if event.type() == QEvent.Type.KeyPress and self.handle_key(event):
                return True
            if event.type() == QEvent.Type.FocusOut and self._focus_moved_away(event):
                self.dismiss()
        return super().eventFilter(watched, event)

    def _focus_moved_away(self, event: QFocusEvent) -> bool:
        """The user clicked or tabbed elsewhere (not: the window system activated the popup)."""
        reasons = (Qt.FocusReason.MouseFocusReason, Qt.FocusReason.TabFocusReason)
        return event.reason() in reasons and not self.underMouse()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not self.handle_key(event):
            super().keyPressEvent(event)

"""The global search popup under the toolbar search field: results grouped by kind, best first.

The search field keeps the keyboard focus; the popup watches its keys (Up/Down, Enter, Esc).
The lines are items of a QStandardItemModel: bold section headers and notes that cannot be
selected, hits of two lines (title, snippet) drawn by Qt's own delegate. A search runs 150 ms after the last key (ops.query: the
newest request wins); an answer is shown only while it answers the text in the field."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QFocusEvent, QFont, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QFrame, QListView, QWidget

from app.domain.progress import NO_PROGRESS, Progress
from app.services import search
from app.services.archive import Archive
from app.services.search import SearchHit
from app.ui.context import UiContext
from app.ui.kit import boxes, ops
from app.ui.widgets import error_text

DEBOUNCE_MS = 150
HITS_PER_KIND = 8
MAX_HEIGHT = 460
POPUP_WIDTH = 420


def run_search(
    archive: Archive, text: str, task: Progress = NO_PROGRESS
) -> tuple[str, list[SearchHit]]:
    """The search, with the text it answered (an answer to text no longer typed is dropped).
    A newer keystroke cancels `task`, which stops the older search inside SQLite."""
    return text, search.search(archive, text, limit=HITS_PER_KIND, task=task)


@dataclass(frozen=True)
class ResultLine:
    """A line of the popup: a section header, a hit, or a note ("No results")."""

    text: str
    hit: SearchHit | None = None
    is_header: bool = False


def _item(line: ResultLine) -> QStandardItem:
    hit = line.hit
    if hit is not None:  # title and snippet as two lines
        item = QStandardItem(f"{line.text}\n{hit.snippet}" if hit.snippet else line.text)
        item.setToolTip(hit.snippet)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        return item
    item = QStandardItem(line.text)
    item.setFlags(Qt.ItemFlag.NoItemFlags)  # never selected
    item.setForeground(QColor("#555555" if line.is_header else "#888888"))
    if line.is_header:
        font = QFont()
        font.setBold(True)
        item.setFont(font)
        item.setBackground(QColor("#f0f0f0"))
    else:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


class SearchPopup(QFrame):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.anchor: QWidget | None = None
        self.text = ""
        self.lines: list[ResultLine] = []
        # An overlay inside the main window rather than a window of its own: a separate window
        # would take the keyboard focus away from the search field on some platforms.
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.model = QStandardItemModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setStyleSheet(
            "QListView::item { padding: 4px 10px; border-bottom: 1px solid #eeeeee; }"
            "QListView::item:selected { background: #2f7ed8; color: white; }"
        )
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.clicked.connect(self._open_index)
        boxes.column(self.list, parent=self, margin=1)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS, timeout=self._run_query)
        self.hide()
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
            "news": self.tr("Client news"),
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
        if not text.strip():
            self.hide()
            return
        self.text = text.strip()
        self._timer.start()

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt override
        """Hidden (Esc, a click elsewhere, the field cleared, a record opened) is for good: a
        search still waiting or running does not bring the popup back."""
        if not visible:
            self._timer.stop()
            self.text = ""
        super().setVisible(visible)

    # -- searching -------------------------------------------------------------------------

    def _run_query(self) -> None:
        ops.query(
            self,
            run_search,
            self.ctx.archive,
            self.text,
            key="search",
            label=self.tr("Searching"),
            on_done=self._on_results,
            on_error=self._on_error,
        )

    def _search_now(self) -> None:
        self._timer.stop()
        self._fill(run_search(self.ctx.archive, self.text)[1])

    def _on_results(self, result: tuple[str, list[SearchHit]]) -> None:
        text, hits = result
        if text == self.text:  # not typed on since, nor dismissed
            self._fill(hits)
            self._place()

    def _on_error(self, exc: Exception) -> None:
        if self.text:
            self._set_lines([ResultLine(error_text(exc, self.ctx.lang))])
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
        self._set_lines(lines)
        rows = self._hit_rows()
        if rows:
            self._select(rows[0])

    def _set_lines(self, lines: list[ResultLine]) -> None:
        self.lines = lines
        self.model.clear()
        for line in lines:
            self.model.appendRow(_item(line))

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
        return [(line.hit.kind, line.hit.id, line.hit.title) for line in self.lines if line.hit]

    def line_texts(self) -> list[str]:
        """Every line shown, headers and notes included."""
        return [line.text for line in self.lines]

    def _hit_rows(self) -> list[int]:
        return [r for r, line in enumerate(self.lines) if line.hit is not None]

    def _select(self, row: int) -> None:
        self.list.setCurrentIndex(self.model.index(row, 0))

    def current_hit(self) -> tuple[str, int] | None:
        row = self.list.currentIndex().row()
        hit = self.lines[row].hit if 0 <= row < len(self.lines) else None
        return (hit.kind, hit.id) if hit is not None else None

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
        if self.lines[index.row()].hit is not None:  # not a header or a note
            self._select(index.row())
            self.open_current()

    def handle_key(self, event: QKeyEvent) -> bool:
        """Up/Down/Enter/Esc for the popup; True when the key was used."""
        key = event.key()
        if self._timer.isActive() and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._search_now()  # Enter typed faster than the debounce still opens the best hit
            return self.open_current()
        if key == Qt.Key.Key_Escape and (self.isVisible() or self._timer.isActive()):
            self.hide()
            return True
        if not self.isVisible():
            return False
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.move_selection(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self.open_current()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.anchor:
            if event.type() == QEvent.Type.KeyPress and self.handle_key(event):
                return True
            if event.type() == QEvent.Type.FocusOut and self._focus_moved_away(event):
                self.hide()
        return super().eventFilter(watched, event)

    def _focus_moved_away(self, event: QFocusEvent) -> bool:
        """The user clicked or tabbed elsewhere (not: the window system activated the popup)."""
        reasons = (Qt.FocusReason.MouseFocusReason, Qt.FocusReason.TabFocusReason)
        return event.reason() in reasons and not self.underMouse()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if not self.handle_key(event):
            super().keyPressEvent(event)

"""The global search popup under the toolbar search field: results grouped by kind, best first.

The search field keeps the keyboard focus; the popup watches its keys (Up/Down, Enter, Esc)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFocusEvent, QFont, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.services import search
from app.services.archive import Archive
from app.services.search import SearchHit
from app.ui.context import UiContext
from app.ui.home import weak_callback
from app.ui.widgets import error_text

DEBOUNCE_MS = 150
HITS_PER_KIND = 8
MAX_HEIGHT = 460
POPUP_WIDTH = 420
HIT_ROLE = Qt.ItemDataRole.UserRole
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 1


def run_search(archive: Archive, text: str, task=None) -> tuple[str, list[SearchHit]]:
    """The job run by the task runner; returns the text it answered, to drop stale answers."""
    return text, search.search(archive, text, limit=HITS_PER_KIND)


class HitDelegate(QStyledItemDelegate):
    """A hit as two lines: its title, and a grey snippet of where the text was found."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        if index.data(SNIPPET_ROLE):
            size.setHeight(option.fontMetrics.height() * 2 + 10)
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        snippet = index.data(SNIPPET_ROLE)
        if not snippet:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option_text, option.text = option.text, ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect.adjusted(12, 4, -8, -4)
        line = option.fontMetrics.height()
        painter.save()
        palette = option.palette
        painter.setPen(palette.highlightedText().color() if selected else palette.text().color())
        painter.drawText(rect.adjusted(0, 0, 0, -line), Qt.AlignmentFlag.AlignLeft, option_text)
        painter.setPen(palette.highlightedText().color() if selected else QColor("#888888"))
        elided = option.fontMetrics.elidedText(snippet, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect.adjusted(0, line, 0, 0), Qt.AlignmentFlag.AlignLeft, elided)
        painter.restore()


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
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setItemDelegate(HitDelegate(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemClicked.connect(self._open_item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.list)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._run_query)
        self.section_titles = {
            "client": self.tr("Clients"),
            "contact": self.tr("Contacts"),
            "activity": self.tr("Activities"),
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
            self.list.clear()
            self._add_note(error_text(exc, self.ctx.lang))
            self._place()

    def _fill(self, hits: list[SearchHit]) -> None:
        self.list.clear()
        if not hits:
            self._add_note(self.tr("No results"))
            return
        kind = None
        for hit in hits:
            if hit.kind != kind:
                kind = hit.kind
                self._add_header(self.section_titles.get(kind, kind))
            item = QListWidgetItem(hit.title)
            item.setData(HIT_ROLE, (hit.kind, hit.id))
            item.setData(SNIPPET_ROLE, hit.snippet)
            item.setToolTip(hit.snippet)
            self.list.addItem(item)
        self.list.setCurrentRow(self._hit_rows()[0])

    def _add_header(self, title: str) -> None:
        item = QListWidgetItem(title)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont(self.list.font())
        font.setBold(True)
        item.setFont(font)
        item.setForeground(QColor("#555555"))
        item.setBackground(QColor("#f0f0f0"))
        self.list.addItem(item)

    def _add_note(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setForeground(QColor("#888888"))
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list.addItem(item)

    def _place(self) -> None:
        rows = sum(self.list.sizeHintForRow(r) for r in range(self.list.count()))
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
        items = [self.list.item(r) for r in self._hit_rows()]
        return [(*item.data(HIT_ROLE), item.text()) for item in items]

    def _hit_rows(self) -> list[int]:
        return [r for r in range(self.list.count()) if self.list.item(r).data(HIT_ROLE)]

    def current_hit(self) -> tuple[str, int] | None:
        item = self.list.currentItem()
        return item.data(HIT_ROLE) if item is not None else None

    def move_selection(self, step: int) -> None:
        rows = self._hit_rows()
        if not rows:
            return
        current = self.list.currentRow()
        position = rows.index(current) + step if current in rows else 0
        self.list.setCurrentRow(rows[max(0, min(position, len(rows) - 1))])

    def open_current(self) -> bool:
        hit = self.current_hit()
        if hit is None:
            return False
        self.hide()
        self.ctx.events.open_record.emit(*hit)
        return True

    def _open_item(self, item: QListWidgetItem) -> None:
        if item.data(HIT_ROLE):
            self.list.setCurrentItem(item)
            self.open_current()

    def handle_key(self, event: QKeyEvent) -> bool:
        """Up/Down/Enter/Esc for the popup; True when the key was used."""
        key = event.key()
        if self._timer.isActive() and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._search_now()  # Enter typed faster than the debounce still opens the best hit
            return self.open_current()
        if not self.isVisible():
            return False
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.move_selection(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self.open_current()
        if key == Qt.Key.Key_Escape:
            self.hide()
            return True
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

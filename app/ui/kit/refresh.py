"""Pages follow what other people change (issue 14 §3): every few seconds, while the window is
shown and not minimised, a cheap look at the archive's change counter (app.services.refresh) on
the task runner; when others wrote, the kinds they changed are announced through the kit's one
change broadcast, so open lists and the home page reload as they do after the window's own
writes (keeping the current row and the scroll position). The window's own writes are never
announced a second time."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QWidget

from app.services import refresh
from app.ui.context import Changes
from app.ui.kit import ops

INTERVAL_MS = 3000


class OthersChanges(QObject):
    """Watches the archive of `window` for others' writes (see the module's note)."""

    def __init__(self, window: QWidget, interval_ms: int = INTERVAL_MS):
        super().__init__(window)
        self.window = window
        self.counter: refresh.Counter | None = None
        self.busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.look)

    def start(self) -> None:
        self.timer.start()
        self.look()

    def stop(self) -> None:
        self.timer.stop()

    def look(self) -> None:
        """One look (the timer's): skipped while the window is hidden or minimised, or the
        last look has not answered yet."""
        if self.busy or not self.window.isVisible() or self.window.isMinimized():
            return
        ctx = ops.context_of(self.window)
        self.busy = True
        if self.counter is None:
            job = (refresh.change_counter, ctx.archive)
        else:
            job = (refresh.changes_since, ctx.archive, self.counter)
        handle = ops.query(
            self.window,
            *job,
            key="others-changes",
            on_done=self._heard,
            on_error=self._failed,
            on_cancelled=self._idle,
            label=QCoreApplication.translate("OthersChanges", "Checking for others' changes"),
        )
        if handle is None:  # an exclusive job holds the archive: the next tick looks again
            self.busy = False

    def _heard(self, answer: refresh.Counter | tuple[refresh.Counter, frozenset[str]]) -> None:
        self.busy = False
        if isinstance(answer, refresh.Counter):
            self.counter = answer
            return
        self.counter, kinds = answer
        if kinds:
            ops.context_of(self.window).events.announce(Changes(kinds))

    def _failed(self, _exc: Exception) -> None:
        self.busy = False  # a look that failed (the archive busy) is tried again next time

    def _idle(self) -> None:
        self.busy = False

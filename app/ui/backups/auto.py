"""The window backs the archive up by itself: at most once a day while it runs (a timer), and when
it closes after changes. Both go through ops.write, so the window never freezes; closing
waits for the backup with a progress dialog whose 取消 closes at once.

"Changes" are the commits that changed rows since the last good backup of this window
(app.services.backups.watch_changes: SQLite's own count of changed rows, read at each commit)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.errors import AppError, ArchiveError
from app.services import backups as backups_service
from app.ui.backups import problems_text
from app.ui.context import UiContext
from app.ui.kit import ops
from app.ui.tasks import TaskHandle
from app.ui.widgets import TaskProgressDialog, error_text

FIRST_CHECK_MS = 60 * 1000  # a minute after the window opens
CHECK_INTERVAL_MS = 10 * 60 * 1000  # then every ten minutes: is today's backup made?


class AutoBackup(QObject):
    backed_up = Signal(object)  # the BackupReport of an automatic backup

    def __init__(self, ctx: UiContext, window: QWidget):
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.enabled = False
        self.suspended = False  # while a restore replaces the archive
        self.running: TaskHandle | None = None
        self.watch = None
        self.changes_at_last_backup = 0
        self.failed_on: date | None = None  # no retry every ten minutes after a failure
        self.closing_backup_done = False
        self.problem_box: QMessageBox | None = None
        self.progress: TaskProgressDialog | None = None
        self._close_again: Callable[[], object] | None = None
        self.first_check = QTimer(self, singleShot=True)
        self.first_check.timeout.connect(self.check_daily)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check_daily)

    # --- on and off ---------------------------------------------------------------------------
    def start(
        self, first_check_ms: int = FIRST_CHECK_MS, interval_ms: int = CHECK_INTERVAL_MS
    ) -> None:
        """Automatic backups from now on (a read-only window leaves them to the writer's)."""
        if self.enabled or self.ctx.archive.read_only or self.ctx.archive.server is not None:
            return  # a team archive is backed up on its server
        self.watch = backups_service.watch_changes(self.ctx.archive)
        self.changes_at_last_backup = self.watch.count
        self.enabled = True
        self.first_check.start(first_check_ms)
        self.timer.start(interval_ms)

    def stop(self) -> None:
        self.enabled = False
        self.first_check.stop()
        self.timer.stop()
        if self.watch is not None:
            self.watch.detach()
            self.watch = None

    @property
    def busy(self) -> bool:
        return self.running is not None and not self.running.done

    @property
    def changed(self) -> bool:
        """Whether the archive changed since this window's last good backup (or its opening)."""
        return self.watch is not None and self.watch.count != self.changes_at_last_backup

    # --- the daily backup ---------------------------------------------------------------------
    def check_daily(self) -> TaskHandle | None:
        """Makes today's backup unless it is made (the service looks at the backup folder)."""
        if not self.enabled or self.suspended or self.busy:
            return None
        if self.failed_on == self.ctx.archive.today():
            return None
        return self._run(backups_service.back_up_if_due, closing=False)

    # --- closing ------------------------------------------------------------------------------
    def hold_close(self, close_again: Callable[[], object]) -> bool:
        """Asked by the window as it closes. True: wait, a backup runs first (after changes, or
        one is running) and `close_again` is called when it ends."""
        if not self.enabled or self.suspended:
            return False
        if self.busy:
            self._close_again = close_again
            return True
        if self.closing_backup_done or not self.changed:
            return False
        try:
            if not backups_service.backup_settings(self.ctx.archive).automatic:
                return False
        except AppError:
            return False
        self.closing_backup_done = True
        self._close_again = close_again
        handle = self._run(backups_service.back_up, backups_service.AUTO, closing=True)
        if handle is None:  # an exclusive job holds the archive: close without
            self._close_again = None
            return False
        if not handle.done:
            self.progress = TaskProgressDialog(handle, self.window)
        return True

    # --- the job ------------------------------------------------------------------------------
    def _run(self, fn, *args: object, closing: bool) -> TaskHandle | None:
        """The backup through ops.write (it changes no record: nothing to announce). None when
        an exclusive job holds the archive (nothing is backed up)."""
        snapshot = self.watch.count if self.watch is not None else 0
        label = (
            self.tr("Backing up before closing…")
            if closing
            else self.tr("Backing up automatically…")
        )
        handle = ops.write(
            self,
            fn,
            self.ctx.archive,
            *args,
            changes=None,
            label=label,
            on_done=lambda report: self._after(self._done, report, snapshot, closing),
            on_error=lambda exc: self._after(self._failed, exc, closing),
            on_cancelled=self._finished,
        )
        if handle is not None and not handle.done:  # (the tests' synchronous runner: done)
            self.running = handle
        return handle

    def _after(self, handler, *args: object) -> None:
        try:
            handler(*args)
        finally:
            self._finished()

    def _done(self, report, snapshot: int, closing: bool) -> None:
        if report is None:  # today's backup is already made
            return
        self.ctx.events.backups_changed.emit()
        self.backed_up.emit(report)
        if report.ok:
            self.changes_at_last_backup = snapshot
            self.failed_on = None
            self.ctx.events.status_message.emit(
                self.tr("Backed up automatically to {0}").format(report.entry.path.parent)
            )
            return
        self.failed_on = self.ctx.archive.today()
        text = self.tr(
            "The automatic backup failed verification and does not count as a good backup."
            " Run 'Check archive', then back up again from File > Backup and restore."
        )
        self._show_problem(text, problems_text(report), closing)

    def _failed(self, exc: Exception, closing: bool) -> None:
        self.failed_on = self.ctx.archive.today()
        self.ctx.events.backups_changed.emit()
        text = self.tr("The automatic backup was not made: {0}").format(
            error_text(exc, self.ctx.lang)
        )
        self.ctx.events.status_message.emit(text)
        quiet = isinstance(exc, ArchiveError) and exc.code.startswith("backup_folder")
        if closing or not quiet:  # a missing USB disk is on the home page, not in a box each day
            details = "" if isinstance(exc, AppError) else getattr(exc, "traceback_text", "")
            self._show_problem(text, details, closing)

    def _show_problem(self, text: str, details: str, closing: bool) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Backup"), text, parent=self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if details:
            box.setDetailedText(details)
        if closing and self._close_again is not None:
            close_again, self._close_again = self._close_again, None
            box.finished.connect(lambda _result: QTimer.singleShot(0, close_again))
        self.problem_box = box
        box.open()

    def _finished(self) -> None:
        self.running = None
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        if self._close_again is not None:
            close_again, self._close_again = self._close_again, None
            QTimer.singleShot(0, close_again)

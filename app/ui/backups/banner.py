"""The home page's backup warning: shown when the newest good backup is older than the setting,
when the last backup failed verification, or when the backup folder is missing or unusable; with
立即备份 and 选择文件夹…. Hidden while all is well."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.domain.errors import AppError
from app.services import backups as backups_service
from app.services.backups import BackupStatus
from app.ui import user_settings
from app.ui.backups import problems_text
from app.ui.context import UiContext
from app.ui.kit import ops
from app.ui.widgets import error_text, format_date

RECHECK_SECONDS = 60
STYLE = (  # light orange, so dark text whatever the theme's text colour
    "QFrame#backupBanner { background: #fff4e5; border: 1px solid #f0b35a; border-radius: 4px; }"
    "QFrame#backupBanner QLabel { color: #3d2a00; }"
)


def status_text(status: BackupStatus) -> str:
    """What the banner says (empty when there is nothing to say)."""
    if status.folder_problem == "missing":
        return QCoreApplication.translate(
            "BackupBanner",
            "The backup folder {0} cannot be found (is the USB disk plugged in?). No backup can"
            " be made until it is back, or another folder is chosen.",
        ).format(status.folder)
    if status.folder_problem:
        return QCoreApplication.translate(
            "BackupBanner", "The backup folder {0} cannot be written. Choose another folder."
        ).format(status.folder)
    if status.newest_failed:
        return QCoreApplication.translate(
            "BackupBanner",
            "The last backup ({0}) failed verification and does not count. Back up again.",
        ).format(format_date(status.newest.created_at))
    if status.newest_good is None:
        return QCoreApplication.translate(
            "BackupBanner", "There is no verified backup of this archive yet."
        )
    if status.stale:
        return QCoreApplication.translate(
            "BackupBanner", "The newest verified backup is {0} days old ({1})."
        ).format(status.days_since_good, format_date(status.newest_good))
    return ""


class BackupBanner(QFrame):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.status: BackupStatus | None = None
        self._checked_at: float | None = None
        self.setObjectName("backupBanner")
        self.setStyleSheet(STYLE)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.folder_button = QPushButton(self.tr("Choose folder…"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.folder_button.clicked.connect(self.choose_folder)
        self.folder_button.setEnabled(not ctx.archive.read_only)
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.backup_button)
        row.addWidget(self.folder_button)
        self.hide()
        self._refresh_soon = QTimer(self, singleShot=True, interval=0)
        self._refresh_soon.timeout.connect(self.refresh)
        ctx.events.backups_changed.connect(self._refresh_soon.start)

    def refresh_if_stale(self) -> None:
        """The home page reloads on every change; the backup folder (perhaps a USB disk) is read
        again only when a minute has passed (a backup, or new settings, refresh it at once)."""
        if self._checked_at is None or time.monotonic() - self._checked_at > RECHECK_SECONDS:
            self.refresh()

    def refresh(self) -> None:
        self._checked_at = time.monotonic()
        ops.query(
            self,
            backups_service.status,
            self.ctx.archive,
            key="status",
            label=self.tr("Checking the backups"),
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, status: BackupStatus) -> None:
        self.status = status
        text = status_text(status)
        self.label.setText(text)
        self.setVisible(bool(text))

    def _failed(self, exc: Exception) -> None:
        self.label.setText(error_text(exc, self.ctx.lang))
        self.show()

    def back_up_now(self):
        self.backup_button.setEnabled(False)
        self.label.setText(self.tr("Backing up…"))
        return ops.write(  # a backup changes no record: nothing to announce
            self,
            backups_service.back_up,
            self.ctx.archive,
            backups_service.MANUAL,
            changes=None,
            label=self.tr("Backing up…"),
            on_done=self._backed_up,
            on_error=self._backup_failed,
        )

    def _backed_up(self, report) -> None:
        self.backup_button.setEnabled(True)
        if report.ok:
            self.ctx.events.status_message.emit(
                self.tr("Backed up and verified: {0}").format(report.entry.path)
            )
        else:
            self.ctx.events.status_message.emit(problems_text(report).splitlines()[0])
        self.ctx.events.backups_changed.emit()

    def _backup_failed(self, exc: Exception) -> None:
        self.backup_button.setEnabled(True)
        self.label.setText(error_text(exc, self.ctx.lang))
        self.show()

    def choose_folder(self) -> bool:
        folder = user_settings.folder(self, "backups", self.tr("Choose the backup folder"))
        if not folder:
            return False
        return self.use_folder(folder)

    def use_folder(self, folder: str) -> bool:
        try:
            backups_service.save_backup_settings(self.ctx.archive, folder=folder)
        except AppError as exc:
            self.label.setText(error_text(exc, self.ctx.lang))
            return False
        self.ctx.events.backups_changed.emit()
        return True

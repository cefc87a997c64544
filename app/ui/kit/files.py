"""Files the user opens or drops, the same way everywhere: an attachment is copied (decrypted)
into this session's private folder and shown by the system's program for its kind
(`open_attachment`); local files dropped on a page or dialog go to its `add_files(paths)`
(`DropsFiles`, a mixin before the Qt class)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent

from app import private_temp
from app.services import attachments
from app.ui.kit import ops
from app.ui.tasks import TaskHandle

OPEN_DIR = private_temp.session_path("attachments")  # copies opened for viewing


def show_file(path: Path | str) -> bool:
    """Opens `path` with the system's program for its kind."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_attachment(widget: QObject, attachment_id: int, **options: object) -> TaskHandle | None:
    """Copies the attachment into this user's private folder in the background, then shows
    it; `options` as ops.query's (an error is said in the standard box unless `on_error`)."""
    archive = ops.context_of(widget).archive
    copy = (attachments.copy_out, archive, attachment_id, OPEN_DIR)
    return ops.query(widget, *copy, on_done=show_file, **options)


class DropsFiles:
    """Local files dropped on the widget go to its `add_files(paths)` (folders are left out)."""

    def takes_files(self) -> bool:
        """Whether files may be dropped now (a page showing no record says no)."""
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self.takes_files() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        files = [path for path in paths if path.is_file()]
        if files:
            self.add_files(files)
            event.acceptProposedAction()

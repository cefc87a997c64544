"""app.ui.kit.files: an attachment opened from the private folder; files dropped on a widget."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from app import private_temp
from app.domain.records import ClientDraft
from app.services import attachments, clients
from app.ui.context import UiContext, UiEvents
from app.ui.kit import files
from app.ui.tasks import SynchronousTaskRunner


class Target(files.DropsFiles, QWidget):
    def __init__(self):
        super().__init__()
        self.setAcceptDrops(True)
        self.added: list[list[Path]] = []

    def add_files(self, paths: list[Path]) -> None:
        self.added.append(paths)


def _drop(widget: QWidget, paths: list[Path]) -> tuple[bool, bool]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton)
    enter = QDragEnterEvent(QPoint(5, 5), *args, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(QPointF(5, 5), *args, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_files_dropped_are_added_and_folders_left_out(qtbot, tmp_path):
    widget = Target()
    qtbot.addWidget(widget)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4")
    assert _drop(widget, [tmp_path, scan]) == (True, True)
    assert widget.added == [[scan]]
    assert _drop(widget, [tmp_path])[1] is False  # only a folder: nothing added
    assert widget.added == [[scan]]
    widget.takes_files = lambda: False  # e.g. a page showing no record
    assert _drop(widget, [scan])[0] is False


def test_an_attachment_opens_from_the_private_folder(archive, qapp, qtbot, tmp_path, monkeypatch):
    client = clients.create_client(archive, ClientDraft(name="华信科技"))
    note = tmp_path / "纪要.txt"
    note.write_text("纪要", encoding="utf-8")
    stored = attachments.add(archive, "client", client.id, note)
    page = QWidget()
    page.ctx = UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")
    qtbot.addWidget(page)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    files.open_attachment(page, stored.id)
    copy = Path(opened[0].toLocalFile())
    assert copy.read_text(encoding="utf-8") == "纪要"
    assert copy.parent == files.OPEN_DIR and private_temp.root() in copy.parents

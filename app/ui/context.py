"""What every page and dialog is given: the open archive, the task runner, the language, and
the app-wide event hub (so a page can ask to open a record or tell others that data changed)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.services.archive import Archive
from app.ui.tasks import TaskRunner


class UiEvents(QObject):
    open_record = Signal(str, int)  # kind ('client', 'contact', 'activity', ...), id
    changed = Signal(str)  # kind of record that was created, edited or deleted
    status_message = Signal(str)
    backups_changed = Signal()  # a backup was made, verified or removed, or its settings changed


@dataclass
class UiContext:
    archive: Archive
    runner: TaskRunner
    events: UiEvents
    lang: str = "zh_CN"  # 'zh_CN' or 'en'

"""What every page and dialog is given: the open archive, the task runner, the language, and
the app-wide event hub (so a page can ask to open a record or tell others that data changed)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.services.archive import Archive
from app.ui.tasks import TaskRunner

EVERYTHING = "all"  # the kind that means every kind (a restore, the demo, an import of all)


@dataclass(frozen=True)
class Changes:
    """What a write changed: the kinds of record created, edited or deleted ('client',
    'activity', 'recycle_bin', ...; 'all' for everything). Listeners ask `touches()`."""

    kinds: frozenset[str] = frozenset()

    @classmethod
    def of(cls, kinds: Changes | str | Iterable[str] | None) -> Changes:
        if kinds is None:
            return cls()
        if isinstance(kinds, Changes):
            return kinds
        if isinstance(kinds, str):
            return cls(frozenset((kinds,)))
        return cls(frozenset(kinds))

    def touches(self, *kinds: str) -> bool:
        """True when any of `kinds` (or everything) changed."""
        return EVERYTHING in self.kinds or not self.kinds.isdisjoint(kinds)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds)


class UiEvents(QObject):
    open_record = Signal(str, int)  # kind ('client', 'contact', 'activity', ...), id
    # What changed, once per write: a Changes. Every `changed` emitted by hand is heard here too.
    changes = Signal(object)
    changed = Signal(str)  # the former signal: one kind at a time (pages not yet on the kit)
    status_message = Signal(str)
    backups_changed = Signal()  # a backup was made, verified or removed, or its settings changed

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._announcing = False
        self.changed.connect(self._from_old_signal)

    def announce(self, changes: Changes | str | Iterable[str]) -> None:
        """Tells every page what changed: `changes` once, then `changed` for each kind (in
        sorted order, 'all' last) for the listeners not yet on `changes`."""
        changes = Changes.of(changes)
        if not changes:
            return
        self.changes.emit(changes)
        self._announcing = True
        try:
            for kind in sorted(changes.kinds, key=lambda k: (k == EVERYTHING, k)):
                self.changed.emit(kind)
        finally:
            self._announcing = False

    def _from_old_signal(self, kind: str) -> None:
        if not self._announcing:  # emitted by hand: the new listeners hear it as well
            self.changes.emit(Changes.of(kind))


@dataclass
class UiContext:
    archive: Archive
    runner: TaskRunner
    events: UiEvents
    lang: str = "zh_CN"  # 'zh_CN' or 'en'

"""What the tests type and answer as the person at the keyboard would."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


class Answers:
    """Stands in for the question box: records what it said, answers as told."""

    def __init__(self, *answers: str):
        self.answers = list(answers)
        self.asked: list[tuple[str, list[str]]] = []

    def __call__(self, _parent, _title, text, buttons, **_kw) -> str:
        self.asked.append((text, [label for _key, label, _role in buttons]))
        return self.answers.pop(0)

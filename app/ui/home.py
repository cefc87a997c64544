"""First version (contract): HomePage. Being built out."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.context import UiContext


class HomePage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.label = QLabel(self.tr("Home"))
        QVBoxLayout(self).addWidget(self.label)

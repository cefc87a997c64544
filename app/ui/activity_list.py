"""First version (contract): ActivityListPage. Being built out."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.context import UiContext


class ActivityListPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.label = QLabel(self.tr("Activities"))
        QVBoxLayout(self).addWidget(self.label)

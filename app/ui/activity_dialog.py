"""First version (contract): ActivityDialog. Being built out."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from app.ui.context import UiContext


class ActivityDialog(QDialog):
    def __init__(
        self,
        ctx: UiContext,
        client_id: int | None = None,
        activity_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.label = QLabel(self.tr("Activity"))
        QVBoxLayout(self).addWidget(self.label)

"""First version (contract): SettingsDialog. Being built out."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from app.ui.context import UiContext


class SettingsDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.label = QLabel(self.tr("Settings"))
        QVBoxLayout(self).addWidget(self.label)

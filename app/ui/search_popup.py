"""First version (contract): SearchPopup. Being built out."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.ui.context import UiContext


class SearchPopup(QFrame):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.label = QLabel(self.tr("Search"))
        QVBoxLayout(self).addWidget(self.label)

    def show_for(self, anchor: QWidget, text: str) -> None:
        self.set_query(text)

    def set_query(self, text: str) -> None:
        self.label.setText(text)

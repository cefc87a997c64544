"""A client's documents and letters on its page (the 文书 tab of 客户档案): the client's
documents above its 收文 and 发文 registers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from app.ui.context import UiContext
from app.ui.documents.page import DocumentsPage
from app.ui.kit import boxes
from app.ui.kit.tables import ListView
from app.ui.letters.page import LettersPage


def column_of(view: ListView, sort: str) -> int:
    """The column of `view` that sorts by the row attribute `sort`."""
    return [column.sort for column in view.list_model().columns].index(sort)


class ClientCorrespondence(QWidget):
    """Every row is this client's: no client column. Dates, numbers and counts fit their
    contents; titles and correspondents share the rest of the width."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        # Id 0 matches no client until set_client is called.
        self.documents = DocumentsPage(ctx, self, client_id=0)
        self.letters = LettersPage(ctx, self, client_id=0)
        self.documents.view.hideColumn(column_of(self.documents.view, "client_name"))
        for register in (self.letters.incoming, self.letters.outgoing):  # fit to contents
            register.view.hideColumn(column_of(register.view, "client_name"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.documents)
        splitter.addWidget(self.letters)
        boxes.column(splitter, parent=self, margin=0)

    def set_client(self, client_id: int) -> None:
        self.documents.set_client(client_id)
        self.letters.set_client(client_id)

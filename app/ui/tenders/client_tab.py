"""A client's tenders on the client page: those where it is the purchaser; new ones start with
the client filled in."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app.domain.errors import AppError
from app.domain.tenders import TenderStatus
from app.services import tenders
from app.services.tenders import TenderRow
from app.ui.context import Changes, UiContext
from app.ui.kit import boxes, keys, ops
from app.ui.kit.forms import show_instead
from app.ui.kit.tables import ListModel, ListView
from app.ui.tenders.columns import tender_columns
from app.ui.tenders.tender_dialog import TenderDialog
from app.ui.widgets import error_text


class ClientTendersTab(QWidget):
    """The tab; Enter or a double-click opens a tender."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.client_id: int | None = None
        self.dialog: TenderDialog | None = None
        self.model = ListModel(tender_columns(ctx, purchaser=False), parent=self)
        self.table = ListView(self.model, settings_key="client_tenders", parent=self)
        self.table.row_activated.connect(self.open_tender)
        self.new_button = QPushButton(self.tr("New tender"), self, clicked=self.new_tender)
        keys.mark(self.new_button, keys.NEW)
        self.summary = QLabel(self, styleSheet="color: #555;")
        bar = boxes.row(self.new_button, (self.summary, 1))
        boxes.column(bar, (self.table, 1), parent=self)
        ctx.events.changes.connect(self._on_changes)

    def show_client(self, client_id: int) -> int:
        """Reads the client's tenders (in the background); returns how many are shown now,
        for the tab title (kept up to date when the answer comes)."""
        if client_id != self.client_id:
            self.model.set_rows([])
        self.client_id = client_id
        ops.query(
            self,
            tenders.for_client,
            self.ctx.archive,
            client_id,
            key="rows",
            label=self.tr("Loading tenders"),
            on_done=self._show,
            on_error=lambda exc: self.summary.setText(error_text(exc, self.ctx.lang)),
        )
        return self.model.rowCount()

    def _show(self, rows: list[TenderRow]) -> None:
        self.model.set_rows(rows)
        won = sum(r.status == TenderStatus.WON.value for r in rows)
        self.summary.setText(self.tr("{0} tenders as purchaser, {1} won").format(len(rows), won))

    def _on_changes(self, changes: Changes) -> None:
        if self.client_id is not None and changes.touches("tender"):
            self.show_client(self.client_id)

    def open_tender(self, tender_id: int) -> None:
        try:
            dialog = TenderDialog(self.ctx, tender_id, parent=self)
        except AppError as exc:  # deleted meanwhile
            self.summary.setText(error_text(exc, self.ctx.lang))
            return
        self._show_dialog(dialog)

    def new_tender(self) -> None:
        if self.client_id is not None:
            self._show_dialog(TenderDialog(self.ctx, None, self.client_id, parent=self))

    def _show_dialog(self, dialog: TenderDialog) -> None:
        self.dialog = show_instead(self.dialog, dialog)  # asks first if the open one changed

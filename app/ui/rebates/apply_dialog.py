"""Applying for a client's rebate for a period, with the rebate worked out before applying."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.errors import ValidationError
from app.domain.rebates import percent
from app.services import rebates
from app.services.rebates import RebateQuote, RebateRecord
from app.ui.context import UiContext
from app.ui.kit import ops
from app.ui.kit.dates import DateEdit
from app.ui.kit.forms import ClientPicker, FieldErrors, FormDialog
from app.ui.widgets import error_text, format_money


class ApplyDialog(FormDialog):
    """Apply for a client's rebate for a period: shows the computed rebate before applying."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.record: RebateRecord | None = None
        self.setWindowTitle(self.tr("Apply for a rebate"))
        self.setMinimumWidth(480)  # the client box shows its whole hint
        today = ctx.archive.today()
        self.errors = FieldErrors(ctx.lang)
        self.client = ClientPicker(ctx, self)
        self.first = DateEdit(today.replace(month=1, day=1))
        self.last = DateEdit(today)
        self.applicant = QLineEdit()
        self.preview = QLabel(wordWrap=True)
        self.error = QLabel()  # what no field shows
        self.error.setStyleSheet("color: #d9363e;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Client"), self.errors.wrap("client", self.client))
        form.addRow(self.tr("From"), self.first)
        form.addRow(self.tr("To"), self.errors.wrap("period", self.last))
        form.addRow(self.tr("Applicant"), self.applicant)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(self.tr("Nothing may be promised to the client before approval.")))
        layout.addWidget(self.save_buttons(self.submit, self.tr("Apply")))  # Enter applies
        self.ok_button = self.save_button
        self.client.chosen.connect(lambda _id: self.update_preview())
        self.first.dateChanged.connect(lambda _d: self.update_preview())
        self.last.dateChanged.connect(lambda _d: self.update_preview())

    def set_client(self, client_id: int, name: str) -> None:
        self.client.set_client(client_id, name)

    def _period(self) -> tuple[date, date]:
        return self.first.value(), self.last.value()

    def update_preview(self) -> None:
        """Works out the rebate of the client and period chosen (in the background)."""
        client_id = self.client.client_id
        if client_id is None:
            self.preview.clear()
            return
        ops.query(
            self,
            rebates.compute,
            self.ctx.archive,
            client_id,
            *self._period(),
            key="preview",
            on_done=self._show_quote,
            on_error=lambda exc: self.preview.setText(error_text(exc, self.ctx.lang)),
        )

    def _show_quote(self, quote: RebateQuote) -> None:
        self.preview.setText(
            self.tr("Sales {0}, receipts {1}: rate {2}, rebate {3}").format(
                format_money(quote.sales),
                format_money(quote.receipts),
                percent(quote.rate),
                format_money(quote.amount),
            )
        )

    def submit(self) -> None:
        """Applies in the background (Changes 'rebate'); the dialog closes, or the problems
        are shown under their fields."""
        self.errors.clear()
        self.error.clear()
        client_id = self.client.resolve()
        if client_id is None:
            self.show_problems(ValidationError("client", "required"))
            return
        ops.write(
            self,
            rebates.apply,
            self.ctx.archive,
            client_id,
            *self._period(),
            self.applicant.text(),
            changes={"rebate"},
            on_done=self._applied,
            on_error=self.show_problems,
        )

    def _applied(self, record: RebateRecord) -> None:
        self.record = record
        self.accept()

    def show_problems(self, exc: Exception) -> None:
        self.errors.show_failure(exc, self.error)

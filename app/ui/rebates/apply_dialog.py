"""Applying for a client's rebate for a period, with the rebate worked out before applying: on
the period's actual receipts, or in advance (提前申请) on the sales expected for the period, the
handbook's way (the tier and rate are approved up front, the amount settled on actuals later)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.errors import ValidationError
from app.domain.money import AmountError, parse_yuan
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
        self.applicant.setPlaceholderText(self.tr("Blank: your user name"))
        self.advance = QCheckBox(self.tr("Apply in advance on the expected sales"))
        self.expected = QLineEdit(enabled=False)
        self.expected.setPlaceholderText(self.tr("Expected sales of the period, e.g. 500,000"))
        self.preview = QLabel(wordWrap=True)
        self.error = QLabel()  # what no field shows
        self.error.setStyleSheet("color: #d9363e;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Client"), self.errors.wrap("client", self.client))
        form.addRow(self.tr("From"), self.first)
        form.addRow(self.tr("To"), self.errors.wrap("period", self.last))
        form.addRow("", self.advance)
        form.addRow(self.tr("Expected sales"), self.errors.wrap("expected_sales", self.expected))
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
        self.advance.toggled.connect(self._advance_toggled)
        self.expected.textChanged.connect(lambda _t: self.update_preview())

    def _advance_toggled(self, on: bool) -> None:
        self.expected.setEnabled(on)
        if on:
            self.expected.setFocus()
        self.update_preview()

    def expected_sales(self) -> Decimal:
        """The expected sales typed (ValidationError on 'expected_sales' when not an amount)."""
        text = self.expected.text()
        try:
            value = parse_yuan(text)
        except AmountError as exc:
            raise ValidationError("expected_sales", exc.code, value=text) from None
        if value is None:
            raise ValidationError("expected_sales", "required")
        return value

    def set_client(self, client_id: int, name: str) -> None:
        self.client.set_client(client_id, name)

    def _period(self) -> tuple[date, date]:
        return self.first.value(), self.last.value()

    def update_preview(self) -> None:
        """Works out the rebate of the client and period chosen (in the background)."""
        client_id = self.client.client_id
        if self.advance.isChecked():
            self._show_advance()
            return
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

    def _show_advance(self) -> None:
        """The tier and rate the expected sales give, and the amount they would bring."""
        try:
            expected = self.expected_sales()
            quote = rebates.quote(expected, expected, rebates.tiers(self.ctx.archive))
        except ValidationError:
            self.preview.setText(self.tr("Enter the sales expected for the period."))
            return
        self.preview.setText(
            self.tr("Expected sales {0}: rate {1} approved up front, about {2}").format(
                format_money(quote.sales), percent(quote.rate), format_money(quote.amount)
            )
            + "\n"
            + self.tr(
                "Settled on the period's actual receipts; another tier goes back to approval."
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
        if self.advance.isChecked():
            try:
                expected = self.expected_sales()
            except ValidationError as exc:
                self.show_problems(exc)
                return
            apply, figures = rebates.apply_in_advance, (expected,)
        else:
            apply, figures = rebates.apply, ()
        ops.write(
            self,
            apply,
            self.ctx.archive,
            client_id,
            *self._period(),
            *figures,
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

"""A receipt (回款) to book or change, and deleting one after asking."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from app.domain.errors import ValidationError
from app.domain.money import format_yuan
from app.services import contracts
from app.services.contracts import ReceiptRow
from app.ui.context import UiContext
from app.ui.contracts.contract_dialog import SalesForm
from app.ui.kit import boxes, ops
from app.ui.kit.dates import DateEdit
from app.ui.tasks import TaskHandle
from app.ui.widgets import confirm, error_text, format_date, format_money

METHODS = ("银行转账", "承兑汇票", "支票", "现金")


class ReceiptDialog(SalesForm):
    """Book a receipt: client, date, amount, and the contract it pays (or none); or (with
    `receipt_id`) change a booked one, prefilled with what it holds."""

    kind = "receipt"
    create = staticmethod(contracts.add_receipt)
    update = staticmethod(contracts.update_receipt)
    get = staticmethod(contracts.get_receipt)

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, receipt_id: int | None = None
    ):
        # raises NotFoundError for a receipt deleted meanwhile (the page says so)
        original = None if receipt_id is None else contracts.get_receipt(ctx.archive, receipt_id)
        super().__init__(ctx, parent, original)
        self.setWindowTitle(
            self.tr("Book a receipt") if self.original is None else self.tr("Edit receipt")
        )
        self.received = DateEdit(ctx.archive.today())
        self.contract = QComboBox()
        # "HT-202611-0012(未收 ¥12,000.00)" must be readable whole
        self.contract.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.contract.setMinimumContentsLength(30)
        self.method = QComboBox(editable=True)
        self.method.addItems(METHODS)
        self.notes = QLineEdit()
        layout = boxes.column(self._form(), self.error, parent=self)
        layout.addWidget(self.save_buttons(self.submit))  # Enter saves; Esc with changes asks
        self.client.chosen.connect(self.load_contracts)
        self.load_contracts(None)
        if self.original is not None:
            self._fill(self.original)
            self.edits(self.original)

    def refill(self, row: ReceiptRow) -> None:
        self._fill(row)
        self.edits(row)

    @property
    def row(self) -> ReceiptRow | None:
        return self.record  # the receipt as saved

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        for title, field, widget in (
            (self.tr("Client"), "client", self.client),
            (self.tr("Received on"), "received_on", self.received),
            (self.tr("Amount"), "amount", self.amount),
            (self.tr("Contract"), "contract", self.contract),
        ):
            form.addRow(title, self.errors.wrap(field, widget))
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Notes"), self.notes)
        return form

    def _fill(self, row: ReceiptRow) -> None:
        self.set_client(row.client_id, row.client_name)
        self.received.set_value(row.received_on)
        self.amount.setText(format_yuan(row.amount))
        if row.contract_id is not None:
            self.choose_contract(row.contract_id, row.contract_number)
        self.method.setCurrentText(row.method)
        self.notes.setText(row.notes)

    def set_client(self, client_id: int, name: str) -> None:
        self.client.set_client(client_id, name)
        self.load_contracts(client_id)

    def choose_contract(self, contract_id: int, number: str) -> None:
        """Chooses the contract the receipt pays (after set_client with its client)."""
        at = self.contract.findData(contract_id)
        if at < 0:  # not among the client's listed contracts: offered all the same
            self.contract.addItem(number, contract_id)
            at = self.contract.count() - 1
        self.contract.setCurrentIndex(at)

    def load_contracts(self, client_id: int | None) -> None:
        """The client's contracts with what is still open on each (a few: read at once, so the
        choice made next is there to make)."""
        self.contract.clear()
        self.contract.addItem(self.tr("(none: pays the oldest due first)"), None)
        if client_id is None:
            return
        for row in contracts.list_contracts(self.ctx.archive, client_id):
            label = self.tr("{0} (open {1})").format(row.number, format_money(row.outstanding))
            self.contract.addItem(label, row.id)

    def draft(self) -> contracts.ReceiptDraft:
        client_id, amount = self.client_and_amount()
        if amount is None:
            raise ValidationError("amount", "required")
        return contracts.ReceiptDraft(
            client_id=client_id,
            received_on=self.received.value(),
            amount=amount,
            contract_id=self.contract.currentData(),
            method=self.method.currentText(),
            notes=self.notes.text().strip(),
        )


def delete_receipt_asking(
    parent: QWidget, ctx: UiContext, row: ReceiptRow, say: Callable[[str], None]
) -> TaskHandle | None:
    """Asks, then deletes the receipt `row` in the background (Changes 'receipt'); a refusal
    or failure is handed to `say`. None when the answer was No."""
    number = row.contract_number or QCoreApplication.translate("ContractsPage", "no contract")
    question = QCoreApplication.translate(
        "ContractsPage", "Delete the receipt of {0} on {1}, {2} ({3})?"
    ).format(row.client_name, format_date(row.received_on), format_money(row.amount), number)
    if not confirm(parent, QCoreApplication.translate("ContractsPage", "Delete receipt"), question):
        return None
    done = QCoreApplication.translate("ContractsPage", "Receipt deleted: {0} {1}").format(
        row.client_name, format_money(row.amount)
    )
    return ops.write(
        parent,
        contracts.delete_receipt,
        ctx.archive,
        row.id,
        changes={"receipt"},
        on_done=lambda _row: ctx.events.status_message.emit(done),
        on_error=lambda exc: say(error_text(exc, ctx.lang)),
    )

"""A contract to create or edit: number, client, date, payment terms and product lines."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.domain.errors import AppError, ValidationError
from app.domain.money import AmountError, format_yuan, parse_yuan
from app.services import contracts
from app.ui.context import UiContext
from app.ui.kit import boxes, ops
from app.ui.kit.dates import DateEdit
from app.ui.kit.forms import ClientPicker, FieldErrors, FormDialog, error_line
from app.ui.widgets import format_money

LINE_FIELDS = ("line_product", "quantity", "unit_price")  # the cells of the product lines


class SalesForm(FormDialog):
    """What the contract and the receipt form share: the client and the amount, read the same
    way; a line for what no field shows; and a save through one service call (`create`, or
    `update` of the record being edited) that the lists hear of (Changes `kind`)."""

    kind = ""
    create: Callable[..., object]
    update: Callable[..., object]
    get: Callable[..., object]  # the record as it is now (载入最新 after a refused save)

    def __init__(self, ctx: UiContext, parent: QWidget | None, original: object | None):
        super().__init__(parent)
        self.ctx = ctx
        self.original = original  # None: a new one
        self.record: object | None = None  # as saved
        self.errors = FieldErrors(ctx.lang)
        self.client = ClientPicker(ctx, self)
        self.amount = QLineEdit()
        self.error = error_line()  # what no field shows

    def client_and_amount(self) -> tuple[int, Decimal | None]:
        client_id = self.client.resolve()
        if client_id is None:
            raise ValidationError("client", "required")
        try:
            return client_id, parse_yuan(self.amount.text())
        except AmountError as exc:
            raise ValidationError("amount", exc.code, value=self.amount.text()) from None

    def draft(self) -> object:
        raise NotImplementedError

    def submit(self) -> None:
        """Saves in the background; the lists hear of it and the dialog closes, or the
        problems are shown under their fields."""
        self.errors.clear()
        self.error.clear()
        try:
            draft = self.draft()
        except AppError as exc:
            self.show_problems(exc)
            return
        if self.original is None:
            save = partial(self.create, self.ctx.archive)
        else:
            save = partial(self.versioned(self.update), self.ctx.archive, self.original.id)
        ops.write(
            self, save, draft, changes={self.kind}, on_done=self._saved, on_error=self.show_problems
        )

    def _saved(self, record: object) -> None:
        self.record = record
        self.accept()

    def edits(self, record: object) -> None:
        """The form shows `record` (its version is what the save is checked against)."""
        self.original = record
        fetch = partial(self.get, self.ctx.archive, record.id)
        self.edits_version(record.version, fetch, self.refill)

    def refill(self, record: object) -> None:
        raise NotImplementedError

    def show_problems(self, exc: Exception) -> None:
        self.errors.show_failure(exc, self.error)


class ContractDialog(SalesForm):
    kind = "contract"
    create = staticmethod(contracts.create_contract)
    update = staticmethod(contracts.update_contract)
    get = staticmethod(contracts.get_contract)

    """A new contract, or (with `contract_id`) an existing one to edit: number, client, date,
    payment terms and product lines (the total is the sum of the lines; without lines an amount
    is typed). Saving goes through one service call: a refused save changes nothing."""

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, contract_id: int | None = None
    ):
        # raises NotFoundError for a contract deleted meanwhile (the page says so)
        original = contracts.get_contract(ctx.archive, contract_id) if contract_id else None
        super().__init__(ctx, parent, original)
        self.setWindowTitle(self.tr("New contract"))
        self.resize(720, 520)
        self.number = QLineEdit()
        self.signed = DateEdit(ctx.archive.today())
        self.payment_days = QSpinBox()
        self.payment_days.setRange(0, 3650)
        self.payment_days.setValue(30)
        self.terms = QLineEdit()
        self.amount.setPlaceholderText(self.tr("Only when there are no product lines"))
        self.total = QLabel()
        layout = boxes.column(self._form(), parent=self)
        self.setTabOrder(self.number, self.client)  # Tab follows the form from the number down
        layout.addWidget(QLabel(self.tr("Product lines")))
        layout.addWidget(self._lines(), 1)
        layout.addLayout(self._line_buttons())
        amount_row = QFormLayout()
        amount_row.addRow(self.tr("Amount"), self.errors.wrap("amount", self.amount))
        boxes.fill(layout, amount_row, self.error)
        layout.addWidget(self.save_buttons(self.submit))  # Enter saves; Esc with changes asks
        self.add_line()
        if self.original is not None:
            self._fill(self.original)
            self.edits(self.original)

    def refill(self, record: contracts.ContractRecord) -> None:
        self.lines.setRowCount(0)
        self.add_line()
        self.amount.clear()
        self._fill(record)
        self.edits(record)

    # --- building -------------------------------------------------------------------------------
    def _form(self) -> QFormLayout:
        form = QFormLayout()
        for title, field, widget in (
            (self.tr("Contract number"), "contract_number", self.number),
            (self.tr("Client"), "client", self.client),
            (self.tr("Signed on"), "signed_on", self.signed),
            (self.tr("Payment days"), "payment_days", self.payment_days),
        ):
            form.addRow(title, self.errors.wrap(field, widget))
        form.addRow(self.tr("Payment terms"), self.terms)
        return form

    def _lines(self) -> QTableWidget:
        self.lines = QTableWidget(0, 4)
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Product"), self.tr("Quantity"), self.tr("Unit"), self.tr("Unit price")]
        )
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.itemChanged.connect(lambda _item: self.update_total())
        return self.lines

    def _line_buttons(self) -> QHBoxLayout:
        add_line = QPushButton(self.tr("Add line"), clicked=self.add_line)
        remove_line = QPushButton(self.tr("Remove line"), clicked=self.remove_line)
        return boxes.row(add_line, remove_line, ..., self.total)

    def _fill(self, record: contracts.ContractRecord) -> None:
        self.setWindowTitle(self.tr("Edit contract {0}").format(record.number))
        self.number.setText(record.number)
        self.client.set_client(record.client_id, record.client_name)
        if record.received:
            self.client.setEnabled(False)
            self.client.setToolTip(
                self.tr("Receipts are booked to this contract: its client cannot change.")
            )
        self.signed.set_value(record.signed_on)
        self.payment_days.setValue(record.payment_days)
        self.terms.setText(record.payment_terms)
        for row, line in enumerate(record.lines):
            values = (line.product, line.quantity, line.unit, format_yuan(line.unit_price))
            self.set_line(row, values)
        if not record.lines:
            self.amount.setText(format_yuan(record.amount))
        self.update_total()

    # --- product lines --------------------------------------------------------------------------
    def add_line(self) -> None:
        self.lines.insertRow(self.lines.rowCount())

    def remove_line(self) -> None:
        row = self.lines.currentRow()
        self.lines.removeRow(row if row >= 0 else self.lines.rowCount() - 1)
        self.update_total()

    def set_line(self, row: int, values: tuple[str, str, str, str]) -> None:
        while self.lines.rowCount() <= row:
            self.add_line()
        for column, text in enumerate(values):
            self.lines.setItem(row, column, QTableWidgetItem(text))

    def _cell(self, row: int, column: int) -> str:
        item = self.lines.item(row, column)
        return item.text().strip() if item else ""

    def line_drafts(self) -> tuple[contracts.ContractLineDraft, ...]:
        drafts = []
        for row in range(self.lines.rowCount()):
            cells = [self._cell(row, c) for c in range(4)]
            if not any(cells):
                continue
            try:
                price = parse_yuan(cells[3]) or Decimal("0")
            except AmountError as exc:  # not a number, finer than the fen, or too large
                raise ValidationError("unit_price", exc.code, value=cells[3]) from None
            drafts.append(contracts.ContractLineDraft(cells[0], cells[1] or "1", cells[2], price))
        return tuple(drafts)

    def update_total(self) -> None:
        try:
            total = sum((line.amount() for line in self.line_drafts()), Decimal("0.00"))
        except AppError:
            self.total.setText(self.tr("Total: —"))
            return
        self.total.setText(self.tr("Total: {0}").format(format_money(total)))

    # --- saving -----------------------------------------------------------------------------------
    def draft(self) -> contracts.ContractDraft:
        client_id, amount = self.client_and_amount()
        owner, notes = "", ""
        if self.original is not None:  # fields the dialog does not show are kept
            notes = self.original.notes
            if client_id == self.original.client_id:
                owner = self.original.owner
        return contracts.ContractDraft(
            number=self.number.text(),
            client_id=client_id,
            signed_on=self.signed.value(),
            lines=self.line_drafts(),
            amount=amount,
            payment_terms=self.terms.text(),
            payment_days=self.payment_days.value(),
            owner=owner,
            notes=notes,
        )

    def show_problems(self, exc: Exception) -> None:
        self.errors.show_failure(exc, self.error, dict.fromkeys(LINE_FIELDS, self.lines))

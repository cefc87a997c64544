"""合同回款: contracts with their product lines, receipts, receivables per client with ageing,
and importing receipts from a spreadsheet with a row-by-row preview (like the client import)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError, ValidationError
from app.domain.money import AmountError, format_yuan, parse_yuan
from app.domain.plans import AgeBucket
from app.services import contracts, printouts
from app.services.client_transfer import ImportReport
from app.ui import list_printing
from app.ui.activity_dialog import ClientPicker
from app.ui.context import UiContext
from app.ui.import_dialog import ImportDialog, count_statuses
from app.ui.kit import keys
from app.ui.kit.dates import DateEdit, to_qdate
from app.ui.kit.forms import FormDialog, reveal_problem
from app.ui.kit.labels import shown
from app.ui.widgets import confirm, error_text, format_date, format_money

AnyIndex = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
OVERDUE_RED = QColor("#c0392b")
LIST_LIMIT = 2000  # newest contracts / receipts listed; the search finds the others


class RowsModel(QAbstractTableModel):
    """A read-only table over a list of rows; `cells(row)` gives the display texts."""

    money_columns: frozenset[int] = frozenset()

    def __init__(self, headers: list[str], cells, parent=None):
        super().__init__(parent)
        self.headers = headers
        self.cells = cells
        self.rows: list = []
        self.colour = None  # optional row -> QColor | None

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return section + 1
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(row)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.money_columns:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and self.colour is not None:
            colour = self.colour(row, index.column())
            return QBrush(colour) if colour is not None else None
        return None


def _date_edit(value: date) -> QDateEdit:
    edit = DateEdit(value)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class ContractDialog(FormDialog):
    """A new contract, or (with `contract_id`) an existing one to edit: number, client, date,
    payment terms and product lines (the total is the sum of the lines; without lines an amount
    is typed). Saving goes through one service call: a refused save changes nothing."""

    LINE_HEADERS = 4

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, contract_id: int | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.record = None
        self.original = contracts.get_contract(ctx.archive, contract_id) if contract_id else None
        self.setWindowTitle(self.tr("New contract"))
        self.resize(720, 520)
        self.number = QLineEdit()
        self.client = ClientPicker(ctx, self)
        self.signed = _date_edit(ctx.archive.today())
        self.payment_days = QSpinBox()
        self.payment_days.setRange(0, 3650)
        self.payment_days.setValue(30)
        self.terms = QLineEdit()
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("Only when there are no product lines"))
        self.lines = QTableWidget(0, 4)
        self.lines.setHorizontalHeaderLabels(
            [self.tr("Product"), self.tr("Quantity"), self.tr("Unit"), self.tr("Unit price")]
        )
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.itemChanged.connect(lambda _item: self.update_total())
        add_line = QPushButton(self.tr("Add line"))
        add_line.clicked.connect(self.add_line)
        remove_line = QPushButton(self.tr("Remove line"))
        remove_line.clicked.connect(self.remove_line)
        self.total = QLabel()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d9363e;")
        form = QFormLayout()
        form.addRow(self.tr("Contract number"), self.number)
        form.addRow(self.tr("Client"), self.client)
        form.addRow(self.tr("Signed on"), self.signed)
        form.addRow(self.tr("Payment days"), self.payment_days)
        form.addRow(self.tr("Payment terms"), self.terms)
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(add_line)
        line_buttons.addWidget(remove_line)
        line_buttons.addStretch(1)
        line_buttons.addWidget(self.total)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.setTabOrder(self.number, self.client)  # Tab follows the form from the number down
        layout.addWidget(QLabel(self.tr("Product lines")))
        layout.addWidget(self.lines, 1)
        layout.addLayout(line_buttons)
        amount_row = QFormLayout()
        amount_row.addRow(self.tr("Amount"), self.amount)
        layout.addLayout(amount_row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.add_line()
        if self.original is not None:
            self._fill(self.original)
        self.set_form_buttons(self.save_button)  # Enter saves; closing with changes asks

    def _fill(self, record: contracts.ContractRecord) -> None:
        self.setWindowTitle(self.tr("Edit contract {0}").format(record.number))
        self.number.setText(record.number)
        self.client.set_client(record.client_id, record.client_name)
        if record.received:
            self.client.setEnabled(False)
            self.client.setToolTip(
                self.tr("Receipts are booked to this contract: its client cannot change.")
            )
        self.signed.setDate(to_qdate(record.signed_on))
        self.payment_days.setValue(record.payment_days)
        self.terms.setText(record.payment_terms)
        for row, line in enumerate(record.lines):
            values = (line.product, line.quantity, line.unit, format_yuan(line.unit_price))
            self.set_line(row, values)
        if not record.lines:
            self.amount.setText(format_yuan(record.amount))
        self.update_total()

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
            lines = self.line_drafts()
            total = sum((line.amount() for line in lines), Decimal("0.00"))
        except AppError:
            self.total.setText(self.tr("Total: —"))
            return
        self.total.setText(self.tr("Total: {0}").format(format_money(total)))

    def draft(self) -> contracts.ContractDraft:
        client_id = self.client.resolve()
        if client_id is None:
            raise ValidationError("client", "required")
        try:
            amount = parse_yuan(self.amount.text())
        except AmountError as exc:
            raise ValidationError("amount", exc.code, value=self.amount.text()) from None
        owner, notes = "", ""
        if self.original is not None:  # fields the dialog does not show are kept
            notes = self.original.notes
            if client_id == self.original.client_id:
                owner = self.original.owner
        return contracts.ContractDraft(
            number=self.number.text(),
            client_id=client_id,
            signed_on=self.signed.date().toPython(),
            lines=self.line_drafts(),
            amount=amount,
            payment_terms=self.terms.text(),
            payment_days=self.payment_days.value(),
            owner=owner,
            notes=notes,
        )

    def _inputs(self) -> dict[str, QWidget]:
        lines = dict.fromkeys(("line_product", "quantity", "unit_price"), self.lines)
        return {
            "contract_number": self.number,
            "client": self.client,
            "signed_on": self.signed,
            "payment_days": self.payment_days,
            "amount": self.amount,
            **lines,
        }

    def submit(self) -> None:
        try:
            draft = self.draft()
            if self.original is None:
                self.record = contracts.create_contract(self.ctx.archive, draft)
            else:
                self.record = contracts.update_contract(self.ctx.archive, self.original.id, draft)
        except AppError as exc:
            self.error.setText(error_text(exc, self.ctx.lang))
            reveal_problem(exc, self._inputs())
            return
        self.ctx.events.changed.emit("contract")
        self.accept()


class ReceiptDialog(FormDialog):
    """Book a receipt: client, date, amount, and the contract it pays (or none); or (with
    `receipt_id`) change a booked one, prefilled with what it holds."""

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, receipt_id: int | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.row = None
        # raises NotFoundError for a receipt deleted meanwhile (the page says so)
        self.original = (
            None if receipt_id is None else contracts.get_receipt(ctx.archive, receipt_id)
        )
        self.setWindowTitle(
            self.tr("Book a receipt") if self.original is None else self.tr("Edit receipt")
        )
        self.client = ClientPicker(ctx, self)
        self.received = _date_edit(ctx.archive.today())
        self.amount = QLineEdit()
        self.contract = QComboBox()
        # "HT-202611-0012(未收 ¥12,000.00)" must be readable whole
        self.contract.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.contract.setMinimumContentsLength(30)
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems(["银行转账", "承兑汇票", "支票", "现金"])
        self.notes = QLineEdit()
        self.error = QLabel()
        self.error.setStyleSheet("color: #d9363e;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Client"), self.client)
        form.addRow(self.tr("Received on"), self.received)
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow(self.tr("Contract"), self.contract)
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Notes"), self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.client.chosen.connect(self.load_contracts)
        self.load_contracts(None)
        if self.original is not None:
            self._fill(self.original)
        self.set_form_buttons(self.save_button)  # Enter saves; closing with changes asks

    def _fill(self, row: contracts.ReceiptRow) -> None:
        self.set_client(row.client_id, row.client_name)
        self.received.setDate(to_qdate(row.received_on))
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
        self.contract.clear()
        self.contract.addItem(self.tr("(none: pays the oldest due first)"), None)
        if client_id is None:
            return
        for row in contracts.list_contracts(self.ctx.archive, client_id):
            label = self.tr("{0} (open {1})").format(row.number, format_money(row.outstanding))
            self.contract.addItem(label, row.id)

    def submit(self) -> None:
        try:
            client_id = self.client.resolve()
            if client_id is None:
                raise ValidationError("client", "required")
            try:
                amount = parse_yuan(self.amount.text())
            except AmountError as exc:
                raise ValidationError("amount", exc.code, value=self.amount.text()) from None
            if amount is None:
                raise ValidationError("amount", "required")
            draft = contracts.ReceiptDraft(
                client_id=client_id,
                received_on=self.received.date().toPython(),
                amount=amount,
                contract_id=self.contract.currentData(),
                method=self.method.currentText(),
                notes=self.notes.text().strip(),
            )
            if self.original is None:
                self.row = contracts.add_receipt(self.ctx.archive, draft)
            else:
                self.row = contracts.update_receipt(self.ctx.archive, self.original.id, draft)
        except AppError as exc:
            self.error.setText(error_text(exc, self.ctx.lang))
            inputs = {"client": self.client, "amount": self.amount, "contract": self.contract}
            reveal_problem(exc, {**inputs, "received_on": self.received})
            return
        self.ctx.events.changed.emit("receipt")
        self.accept()


class ContractView(FormDialog):
    """One contract as signed: its lines, total, due date and the receipts booked to it; a
    receipt chosen in the list can be edited (button or double-click) or deleted."""

    def __init__(self, ctx: UiContext, contract_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.contract_id = contract_id
        self.resize(680, 460)
        self.head = QLabel()
        self.head.setWordWrap(True)
        self.lines = QTableWidget(0, 5)
        self.lines.setHorizontalHeaderLabels(
            [
                self.tr("Product"),
                self.tr("Quantity"),
                self.tr("Unit"),
                self.tr("Unit price"),
                self.tr("Amount"),
            ]
        )
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.totals = QLabel()
        self.receipts_model = receipts_model(self, with_client=False)
        self.receipts = QTableView()
        self.receipts.setModel(self.receipts_model)
        self.receipts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.receipts.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.receipts.verticalHeader().hide()
        self.receipts.doubleClicked.connect(self._edit_receipt_at)
        self.receipts.setToolTip(self.tr("Double-click a receipt to edit it"))
        self.receipt_dialog: ReceiptDialog | None = None
        self.edit_receipt_button = QPushButton(self.tr("Edit receipt…"))
        self.edit_receipt_button.clicked.connect(lambda: self.edit_receipt())
        self.delete_receipt_button = QPushButton(self.tr("Delete receipt…"))
        self.delete_receipt_button.clicked.connect(lambda: self.delete_receipt())
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d9363e;")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        receipt_bar = QHBoxLayout()
        receipt_bar.addWidget(QLabel(self.tr("Receipts")))
        receipt_bar.addStretch(1)
        receipt_bar.addWidget(self.edit_receipt_button)
        receipt_bar.addWidget(self.delete_receipt_button)
        page = QWidget()
        body = QVBoxLayout(page)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.head)
        body.addWidget(self.lines, 1)
        body.addWidget(self.totals)
        body.addLayout(receipt_bar)
        body.addWidget(self.receipts, 1)
        from app.ui.history_view import with_history  # issue 9: 修改记录

        shown, self.history = with_history(
            ctx, page, self.tr("Contract"), "contract", contract_id, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(shown, 1)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.reload()
        self.set_form_buttons(None, guard=False)  # a record to read: Enter presses nothing

    def reload(self) -> None:
        record = contracts.get_contract(self.ctx.archive, self.contract_id)
        self.setWindowTitle(self.tr("Contract {0}").format(record.number))
        self.head.setText(
            self.tr("{0}, signed {1}, due {2} ({3})").format(
                record.client_name,
                format_date(record.signed_on),
                format_date(record.due_on),
                record.payment_terms or self.tr("{0} days").format(record.payment_days),
            )
        )
        self.lines.setRowCount(len(record.lines))
        for row, line in enumerate(record.lines):
            cells = (
                line.product,
                line.quantity,
                line.unit,
                format_money(line.unit_price),
                format_money(line.amount),
            )
            for column, text in enumerate(cells):
                self.lines.setItem(row, column, QTableWidgetItem(text))
        self.totals.setText(
            self.tr("Total {0}; received {1}; open {2}").format(
                format_money(record.amount),
                format_money(record.received),
                format_money(record.outstanding),
            )
        )
        rows = contracts.list_receipts(self.ctx.archive, contract_id=self.contract_id)
        self.receipts_model.set_rows(rows)
        self.edit_receipt_button.setEnabled(bool(rows))
        self.delete_receipt_button.setEnabled(bool(rows))

    def _edit_receipt_at(self, index: QModelIndex) -> None:
        if index.isValid() and index.row() < len(self.receipts_model.rows):
            self.edit_receipt(self.receipts_model.rows[index.row()].id)

    def _chosen_receipt(self) -> int | None:
        """The id of the receipt chosen in the list; None (said in the view) when none is."""
        row = selected_row(self.receipts, self.receipts_model)
        if row is None:
            self.error.setText(self.tr("Choose a receipt in the list first."))
            return None
        return row.id

    def edit_receipt(self, receipt_id: int | None = None) -> ReceiptDialog | None:
        """Opens the receipt chosen in the list (or `receipt_id`) to edit; the view reloads
        once it is saved."""
        receipt_id = self._chosen_receipt() if receipt_id is None else receipt_id
        if receipt_id is None:
            return None
        try:
            dialog = ReceiptDialog(self.ctx, self, receipt_id)
        except AppError as exc:
            self.error.setText(error_text(exc, self.ctx.lang))
            return None
        self.error.clear()
        dialog.accepted.connect(self.reload)
        self.receipt_dialog = dialog
        dialog.open()
        return dialog

    def delete_receipt(self, receipt_id: int | None = None) -> bool:
        """Deletes the receipt chosen in the list (or `receipt_id`) after asking."""
        receipt_id = self._chosen_receipt() if receipt_id is None else receipt_id
        if receipt_id is None or not ask_delete_receipt(self, self.ctx, receipt_id, self.error):
            return False
        self.error.clear()
        self.reload()
        return True


def selected_row(table: QTableView, model: RowsModel):
    """The row object of the table's current (selected) row, or None."""
    index = table.selectionModel().currentIndex()
    rows = table.selectionModel().selectedRows()
    if rows:
        index = rows[0]
    if not index.isValid() or index.row() >= len(model.rows):
        return None
    return model.rows[index.row()]


def ask_delete_receipt(parent: QWidget, ctx: UiContext, receipt_id: int, error: QLabel) -> bool:
    """Asks, then deletes one receipt; a refusal or failure is written into `error`."""
    try:
        row = contracts.get_receipt(ctx.archive, receipt_id)
        number = row.contract_number or QCoreApplication.translate("ContractsPage", "no contract")
        question = QCoreApplication.translate(
            "ContractsPage", "Delete the receipt of {0} on {1}, {2} ({3})?"
        ).format(row.client_name, format_date(row.received_on), format_money(row.amount), number)
        title = QCoreApplication.translate("ContractsPage", "Delete receipt")
        if not confirm(parent, title, question):
            return False
        contracts.delete_receipt(ctx.archive, receipt_id)
    except AppError as exc:
        error.setText(error_text(exc, ctx.lang))
        return False
    ctx.events.changed.emit("receipt")
    ctx.events.status_message.emit(
        QCoreApplication.translate("ContractsPage", "Receipt deleted: {0} {1}").format(
            row.client_name, format_money(row.amount)
        )
    )
    return True


def receipts_model(parent: QWidget, with_client: bool = True) -> RowsModel:
    """Receipts: date, client (unless one contract's), contract number, amount, method, notes."""
    headers = [
        QCoreApplication.translate("ContractsPage", "Received on"),
        QCoreApplication.translate("ContractsPage", "Client"),
        QCoreApplication.translate("ContractsPage", "Contract number"),
        QCoreApplication.translate("ContractsPage", "Amount"),
        QCoreApplication.translate("ContractsPage", "Method"),
        QCoreApplication.translate("ContractsPage", "Notes"),
    ]
    if not with_client:
        del headers[1:3]
    model = RowsModel(
        headers,
        lambda r: (
            format_date(r.received_on),
            *((r.client_name, r.contract_number) if with_client else ()),
            format_money(r.amount),
            r.method,
            r.notes,
        ),
        parent,
    )
    model.money_columns = frozenset({3 if with_client else 1})
    return model


class ReceiptImportDialog(ImportDialog):
    """The client import's three steps (choose, preview every row, import) for receipts."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Import receipts"))
        self.headings_label.setText("、".join(contracts.RECEIPT_HEADINGS))
        self.intro_label.setText(
            self.tr(
                "Choose an Excel (.xlsx) or CSV file with one receipt per row and these "
                "column headings (客户名称 or 统一社会信用代码 names the client):"
            )
        )
        headers = self.model.headers[:3]
        self.model.headers = [*headers, *contracts.RECEIPT_HEADINGS]

    def save_template(self, path: Path) -> None:
        try:
            contracts.write_receipt_template(path)
        except Exception as exc:  # noqa: BLE001 - any failure is shown, not raised
            self._say(self.choose_message, error_text(exc, self.ctx.lang), error=True)
            return
        self._say(self.choose_message, self.tr("Template saved: {0}").format(path))

    def load_file(self, path: Path) -> None:
        self.path = Path(path)
        self.path_edit.setText(str(self.path))
        self.preview = None
        self.model.set_rows(())
        self.counts.clear()
        self._go_to(1)
        self._start(
            self.tr("Reading {0}").format(self.path.name),
            contracts.preview_receipts,
            on_done=self._on_preview,
        )

    def start_import(self) -> None:
        if self.path is None or self.preview is None:
            return
        self._start(
            self.tr("Importing {0}").format(self.path.name),
            contracts.import_receipts,
            on_done=self._on_imported,
        )

    def _on_imported(self, report: ImportReport) -> None:
        super()._on_imported(report)
        counts = count_statuses(report)
        self.result_label.setText(
            "\n".join(
                [
                    self.tr("{0} receipts imported.").format(report.imported),
                    self.tr(
                        "{0} rows rejected, {1} duplicate rows, {2} blank rows skipped."
                    ).format(counts["rejected"], counts["duplicate"], report.blank_rows),
                ]
            )
        )
        self.ctx.events.changed.emit("receipt")

    def save_rejects(self, out_path: Path) -> None:
        report = self.result_report or self.preview
        try:
            written = contracts.write_receipt_rejects(report, self.path, out_path)
        except Exception as exc:  # noqa: BLE001 - any failure is shown, not raised
            self._say(self.rejects_message, error_text(exc, self.ctx.lang), error=True)
            return
        self._say(self.rejects_message, self.tr("{0} rows saved to {1}").format(written, out_path))


class ContractsPage(QWidget):
    """Three tabs: contracts, receipts, receivables with ageing. `client_id` narrows all three
    to one client (the client page embeds it that way)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, client_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self.client_name = ""
        self.dialog: QDialog | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Contract number or client"))
        self.search.textChanged.connect(lambda _t: self.reload_contracts())
        self.new_contract_button = QPushButton(self.tr("New contract…"))
        self.new_contract_button.clicked.connect(lambda: self.open_contract_dialog())
        self.new_receipt_button = QPushButton(self.tr("Book receipt…"))
        self.new_receipt_button.clicked.connect(lambda: self.open_receipt_dialog())
        self.import_button = QPushButton(self.tr("Import receipts…"))
        self.import_button.clicked.connect(lambda: self.open_import_dialog())
        self.import_button.setVisible(client_id is None)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setToolTip(self.tr("Edit the selected contract or receipt"))
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setToolTip(self.tr("Delete the selected contract or receipt"))
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.new_contract_button)
        bar.addWidget(self.new_receipt_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.delete_button)
        bar.addWidget(self.import_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #d9363e;")
        self.message.hide()
        self.contracts_model = self._contracts_model()
        self.receipts_model = receipts_model(self)
        self.receivables_model = self._receivables_model()
        self.ageing_total = QLabel()
        self.ageing_total.setWordWrap(True)
        self.tabs = QTabWidget()
        keys.mark(self.new_contract_button, keys.NEW)
        keys.mark(self.delete_button, keys.DELETE, self.tabs)  # the contract or the receipt list
        self.contracts_table = self._table(self.contracts_model, 1)
        self.contracts_table.doubleClicked.connect(self._edit_contract_at)
        self.contracts_table.setToolTip(self.tr("Double-click a contract to edit it"))
        self.contracts_table.customContextMenuRequested.connect(self._contract_menu)
        self.receipts_table = self._table(self.receipts_model, 1)
        self.receipts_table.customContextMenuRequested.connect(self._receipt_menu)
        self.receipts_table.doubleClicked.connect(self._edit_receipt_at)
        self.receipts_table.setToolTip(self.tr("Double-click a receipt to edit it"))
        self.tabs.addTab(self.contracts_table, self.tr("Contracts"))
        self.tabs.addTab(self.receipts_table, self.tr("Receipts"))
        receivables = QWidget()
        box = QVBoxLayout(receivables)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(self._ageing_bar(client_id is None))
        box.addWidget(self._table(self.receivables_model, 0), 1)
        self.tabs.addTab(receivables, self.tr("Receivables ageing"))
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        ctx.events.changed.connect(self._on_changed)
        self.reload()
        self._update_buttons()

    def _ageing_bar(self, outputs: bool) -> QHBoxLayout:
        """The ageing totals, and for the whole archive 打印 and 导出 Excel."""
        self.preview = None  # the PDF preview last opened (app.ui.list_printing)
        self.print_ageing_button = QPushButton(self.tr("Print…"))
        self.print_ageing_button.setToolTip(self.tr("The receivables ageing as a PDF"))
        self.print_ageing_button.clicked.connect(self.print_receivables)
        self.export_ageing_button = QPushButton(self.tr("Export Excel…"))
        self.export_ageing_button.clicked.connect(lambda: self.export_receivables())
        row = QHBoxLayout()
        row.addWidget(self.ageing_total, 1)
        for button in (self.print_ageing_button, self.export_ageing_button):
            button.setVisible(outputs)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def print_receivables(self):
        """Every client's receivable with its ageing, as of today, as a PDF in the preview."""
        job = self.tr("Printing the receivables ageing…")
        name = f"应收账款账龄表{self.ctx.archive.today():%Y-%m-%d}.pdf"
        return list_printing.print_list(self, printouts.receivables_pdf, name, job)

    def export_receivables(self, path: Path | None = None):
        job = self.tr("Exporting the receivables ageing…")
        name = f"应收账款账龄表{self.ctx.archive.today():%Y-%m-%d}.xlsx"
        return list_printing.export_list(
            self, printouts.receivables_xlsx, name, job, self._ageing_exported, path
        )

    def _ageing_exported(self, path: Path, count: int) -> None:
        text = self.tr("Receivables of %n client(s) exported to {0}", "", count).format(path)
        self.ctx.events.status_message.emit(text)

    # --- models ------------------------------------------------------------------------------

    def _contracts_model(self) -> RowsModel:
        headers = [
            self.tr("Contract number"),
            self.tr("Client"),
            self.tr("Signed on"),
            self.tr("Amount"),
            self.tr("Received"),
            self.tr("Open"),
            self.tr("Due on"),
            self.tr("Products"),
            self.tr("Owner"),
        ]
        model = RowsModel(
            headers,
            lambda r: (
                r.number,
                r.client_name,
                format_date(r.signed_on),
                format_money(r.amount),
                format_money(r.received),
                format_money(r.outstanding),
                format_date(r.due_on),
                str(r.products),
                r.owner,
            ),
            self,
        )
        model.money_columns = frozenset({3, 4, 5})
        today = self.ctx.archive.today()
        model.colour = lambda r, c: (
            OVERDUE_RED if c in (5, 6) and r.outstanding > 0 and r.due_on < today else None
        )
        return model

    def _receivables_model(self) -> RowsModel:
        headers = [self.tr("Client"), self.tr("Owner"), self.tr("Open in total")]
        headers += [shown(b, self.ctx.lang) for b in AgeBucket]
        headers.append(self.tr("Paid ahead"))
        model = RowsModel(
            headers,
            lambda r: (
                r.client_name,
                r.owner,
                format_money(r.outstanding),
                *(format_money(r.buckets[b]) if r.buckets[b] else "" for b in AgeBucket),
                format_money(r.credit) if r.credit else "",
            ),
            self,
        )
        model.money_columns = frozenset(range(2, 4 + len(AgeBucket)))
        model.colour = lambda r, c: OVERDUE_RED if c == 2 + len(AgeBucket) else None
        return model

    def _table(self, model: RowsModel, stretch: int) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(200)  # sized from the first rows: fast on long lists
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return table

    # --- loading -----------------------------------------------------------------------------

    def set_client(self, client_id: int | None, name: str = "") -> None:
        self.client_id = client_id
        self.client_name = name
        self.reload()

    def reload(self) -> None:
        self.reload_contracts()
        limit = None if self.client_id is not None else LIST_LIMIT
        receipts = contracts.list_receipts(self.ctx.archive, self.client_id, limit=limit)
        self.receipts_model.set_rows(receipts)
        if self.client_id is None:
            # every client's ageing takes a moment on a large archive: off the window's thread
            self.ctx.runner.submit(
                self.tr("Working out receivables…"),
                contracts.receivables,
                self.ctx.archive,
                on_done=self._show_receivables,
                on_error=lambda exc: self.ageing_total.setText(error_text(exc, self.ctx.lang)),
            )
        else:
            one = contracts.client_receivable(self.ctx.archive, self.client_id)
            self._show_receivables([one] if one.outstanding else [])

    def _show_receivables(self, rows: list) -> None:
        self.receivables_model.set_rows(rows)
        totals = {b: sum((r.buckets[b] for r in rows), Decimal("0.00")) for b in AgeBucket}
        parts = [f"{shown(b, self.ctx.lang)} {format_money(totals[b])}" for b in AgeBucket]
        self.ageing_total.setText(
            self.tr("Open in total {0}: {1}. Age counts from the due date.").format(
                format_money(sum(totals.values(), Decimal("0.00"))), ";".join(parts)
            )
        )

    def reload_contracts(self) -> None:
        limit = None if self.client_id is not None else LIST_LIMIT
        rows = contracts.list_contracts(
            self.ctx.archive, self.client_id, self.search.text(), limit=limit
        )
        self.contracts_model.set_rows(rows)
        if limit is not None and len(rows) >= limit:
            total, _ = contracts.counts(self.ctx.archive)
            self.search.setToolTip(
                self.tr("Showing the newest {0} of {1} contracts; type to find others.").format(
                    limit, total
                )
            )

    def _on_changed(self, kind: str) -> None:
        if kind in ("contract", "receipt", "client"):
            self.reload()
            self._update_buttons()

    # --- selection, edit and delete ----------------------------------------------------------

    def _update_buttons(self) -> None:
        on_receipts = self.tabs.currentWidget() is self.receipts_table
        on_contracts = self.tabs.currentWidget() is self.contracts_table
        self.edit_button.setEnabled(on_contracts or on_receipts)
        self.delete_button.setEnabled(on_contracts or on_receipts)

    def selected_contract(self):
        return selected_row(self.contracts_table, self.contracts_model)

    def selected_receipt(self):
        return selected_row(self.receipts_table, self.receipts_model)

    def select_receipt(self, receipt_id: int) -> bool:
        """Shows the receipts tab with `receipt_id` selected (the global search opens it)."""
        self.tabs.setCurrentWidget(self.receipts_table)
        for row, receipt in enumerate(self.receipts_model.rows):
            if receipt.id == receipt_id:
                index = self.receipts_model.index(row, 0)
                self.receipts_table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.receipts_table.scrollTo(index)
                return True
        return False

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def edit_selected(self) -> ContractDialog | ReceiptDialog | None:
        if self.tabs.currentWidget() is self.receipts_table:
            receipt = self.selected_receipt()
            if receipt is None:
                self._say(self.tr("Choose a receipt in the list first."))
                return None
            return self.open_receipt_dialog(receipt.id)
        row = self.selected_contract()
        if row is None:
            self._say(self.tr("Choose a contract in the list first."))
            return None
        return self.open_contract_dialog(row.id)

    def delete_selected(self) -> bool:
        if self.tabs.currentWidget() is self.receipts_table:
            receipt = self.selected_receipt()
            if receipt is None:
                self._say(self.tr("Choose a receipt in the list first."))
                return False
            return self.delete_receipt(receipt.id)
        row = self.selected_contract()
        if row is None:
            self._say(self.tr("Choose a contract in the list first."))
            return False
        return self.delete_contract(row.id)

    def delete_contract(self, contract_id: int) -> bool:
        """Asks, then deletes the contract and its lines. A contract with receipts is refused
        (the message names how many); nothing changes then."""
        self._say("")
        try:
            record = contracts.get_contract(self.ctx.archive, contract_id)
            question = self.tr(
                "Delete contract {0} of {1} ({2})? Its product lines are deleted with it."
            ).format(record.number, record.client_name, format_money(record.amount))
            if not confirm(self, self.tr("Delete contract"), question):
                return False
            contracts.delete_contract(self.ctx.archive, contract_id)
        except AppError as exc:
            self._say(error_text(exc, self.ctx.lang))
            return False
        self.ctx.events.changed.emit("contract")
        self.ctx.events.status_message.emit(self.tr("Contract {0} deleted.").format(record.number))
        return True

    def delete_receipt(self, receipt_id: int) -> bool:
        self._say("")
        if ask_delete_receipt(self, self.ctx, receipt_id, self.message):
            return True
        self.message.setVisible(bool(self.message.text()))
        return False

    def _contract_menu(self, pos: QPoint) -> None:
        index = self.contracts_table.indexAt(pos)
        if not index.isValid():
            return
        contract_id = self.contracts_model.rows[index.row()].id
        menu = QMenu(self)
        menu.addAction(
            self.tr("View lines and receipts"), lambda: self.open_contract_view(contract_id)
        )
        menu.addAction(self.tr("Edit…"), lambda: self.open_contract_dialog(contract_id))
        menu.addAction(self.tr("Delete…"), lambda: self.delete_contract(contract_id))
        menu.popup(self.contracts_table.viewport().mapToGlobal(pos))

    def _receipt_menu(self, pos: QPoint) -> None:
        index = self.receipts_table.indexAt(pos)
        if not index.isValid():
            return
        receipt = self.receipts_model.rows[index.row()]
        menu = QMenu(self)
        if receipt.contract_id is not None:
            contract_id = receipt.contract_id
            menu.addAction(self.tr("Open contract"), lambda: self.open_contract_view(contract_id))
        menu.addAction(self.tr("Edit…"), lambda: self.open_receipt_dialog(receipt.id))
        menu.addAction(self.tr("Delete…"), lambda: self.delete_receipt(receipt.id))
        menu.popup(self.receipts_table.viewport().mapToGlobal(pos))

    # --- dialogs -----------------------------------------------------------------------------

    def _edit_contract_at(self, index: QModelIndex) -> None:
        if index.isValid() and index.row() < len(self.contracts_model.rows):
            self.open_contract_dialog(self.contracts_model.rows[index.row()].id)

    def _edit_receipt_at(self, index: QModelIndex) -> None:
        if index.isValid() and index.row() < len(self.receipts_model.rows):
            self.open_receipt_dialog(self.receipts_model.rows[index.row()].id)

    def _open(self, make) -> QDialog | None:
        """Opens the dialog `make()` builds; a record deleted meanwhile is said on the page."""
        self._say("")
        try:
            dialog = make()
        except AppError as exc:
            self._say(error_text(exc, self.ctx.lang))
            return None
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_contract_view(self, contract_id: int) -> ContractView | None:
        return self._open(lambda: ContractView(self.ctx, contract_id, self))

    def open_contract_dialog(self, contract_id: int | None = None) -> ContractDialog | None:
        """A new contract, or the contract `contract_id` to edit."""

        def make() -> ContractDialog:
            dialog = ContractDialog(self.ctx, self, contract_id)
            if contract_id is None and self.client_id is not None:
                dialog.client.set_client(self.client_id, self.client_name)
            return dialog

        return self._open(make)

    def open_receipt_dialog(self, receipt_id: int | None = None) -> ReceiptDialog | None:
        """A new receipt, or the receipt `receipt_id` to edit."""

        def make() -> ReceiptDialog:
            dialog = ReceiptDialog(self.ctx, self, receipt_id)
            contract = (
                self.selected_contract()
                if receipt_id is None and self.tabs.currentWidget() is self.contracts_table
                else None
            )
            if contract is not None:  # booked from the contract chosen in the list
                dialog.set_client(contract.client_id, contract.client_name)
                dialog.choose_contract(contract.id, contract.number)
            elif receipt_id is None and self.client_id is not None:
                dialog.set_client(self.client_id, self.client_name)
            return dialog

        return self._open(make)

    def open_import_dialog(self) -> ReceiptImportDialog:
        dialog = ReceiptImportDialog(self.ctx, self)
        self.dialog = dialog
        dialog.open()
        return dialog

"""合同回款: contracts with their product lines, receipts, receivables per client with ageing,
and importing receipts from a spreadsheet with a row-by-row preview (like the client import)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
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
from app.domain.money import parse_yuan
from app.domain.plans import AGE_BUCKET_LABELS, AgeBucket
from app.services import contracts
from app.services.client_transfer import ImportReport
from app.ui.activity_dialog import ClientPicker
from app.ui.context import UiContext
from app.ui.import_dialog import ImportDialog, count_statuses
from app.ui.widgets import error_text, format_date, format_money

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


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(_qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class ContractDialog(QDialog):
    """A new contract: number, client, date, payment terms and product lines (the total is the
    sum of the lines; without lines an amount is typed)."""

    LINE_HEADERS = 4

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.record = None
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
        layout.addWidget(QLabel(self.tr("Product lines")))
        layout.addWidget(self.lines, 1)
        layout.addLayout(line_buttons)
        amount_row = QFormLayout()
        amount_row.addRow(self.tr("Amount"), self.amount)
        layout.addLayout(amount_row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.add_line()

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
            except ValueError:
                raise ValidationError("unit_price", "bad_amount", value=cells[3]) from None
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
        except ValueError:
            raise ValidationError("amount", "bad_amount", value=self.amount.text()) from None
        return contracts.ContractDraft(
            number=self.number.text(),
            client_id=client_id,
            signed_on=self.signed.date().toPython(),
            lines=self.line_drafts(),
            amount=amount,
            payment_terms=self.terms.text(),
            payment_days=self.payment_days.value(),
        )

    def submit(self) -> None:
        try:
            self.record = contracts.create_contract(self.ctx.archive, self.draft())
        except AppError as exc:
            self.error.setText(error_text(exc, self.ctx.lang))
            return
        self.ctx.events.changed.emit("contract")
        self.accept()


class ReceiptDialog(QDialog):
    """Book a receipt: client, date, amount, and the contract it pays (or none)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.row = None
        self.setWindowTitle(self.tr("Book a receipt"))
        self.client = ClientPicker(ctx, self)
        self.received = _date_edit(ctx.archive.today())
        self.amount = QLineEdit()
        self.contract = QComboBox()
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems(["银行转账", "承兑汇票", "支票", "现金"])
        self.error = QLabel()
        self.error.setStyleSheet("color: #d9363e;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Client"), self.client)
        form.addRow(self.tr("Received on"), self.received)
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow(self.tr("Contract"), self.contract)
        form.addRow(self.tr("Method"), self.method)
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

    def set_client(self, client_id: int, name: str) -> None:
        self.client.set_client(client_id, name)
        self.load_contracts(client_id)

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
            except ValueError:
                raise ValidationError("amount", "bad_amount", value=self.amount.text()) from None
            if amount is None:
                raise ValidationError("amount", "required")
            draft = contracts.ReceiptDraft(
                client_id=client_id,
                received_on=self.received.date().toPython(),
                amount=amount,
                contract_id=self.contract.currentData(),
                method=self.method.currentText(),
            )
            self.row = contracts.add_receipt(self.ctx.archive, draft)
        except AppError as exc:
            self.error.setText(error_text(exc, self.ctx.lang))
            return
        self.ctx.events.changed.emit("receipt")
        self.accept()


class ContractView(QDialog):
    """One contract as signed: its lines, total, due date and the receipts booked to it."""

    def __init__(self, ctx: UiContext, contract_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        record = contracts.get_contract(ctx.archive, contract_id)
        self.setWindowTitle(self.tr("Contract {0}").format(record.number))
        self.resize(680, 460)
        head = QLabel(
            self.tr("{0}, signed {1}, due {2} ({3})").format(
                record.client_name,
                format_date(record.signed_on),
                format_date(record.due_on),
                record.payment_terms or self.tr("{0} days").format(record.payment_days),
            )
        )
        head.setWordWrap(True)
        self.lines = QTableWidget(len(record.lines), 5)
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
        self.totals = QLabel(
            self.tr("Total {0}; received {1}; open {2}").format(
                format_money(record.amount),
                format_money(record.received),
                format_money(record.outstanding),
            )
        )
        receipts = contracts.list_receipts(ctx.archive, contract_id=contract_id)
        self.receipts = QLabel(
            "\n".join(
                f"{format_date(r.received_on)}  {format_money(r.amount)}  {r.method}"
                for r in receipts
            )
            or self.tr("No receipts yet.")
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.totals)
        layout.addWidget(QLabel(self.tr("Receipts")))
        layout.addWidget(self.receipts)
        layout.addWidget(close)


class ReceiptImportDialog(ImportDialog):
    """The client import's three steps (choose, preview every row, import) for receipts."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Import receipts"))
        for label in self.findChildren(QLabel):
            if label.text().startswith("客户名称、"):
                label.setText("、".join(contracts.RECEIPT_HEADINGS))
            elif label.wordWrap() and label.text().startswith(("Choose an Excel", "选择")):
                label.setText(
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
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.new_contract_button)
        bar.addWidget(self.new_receipt_button)
        bar.addWidget(self.import_button)
        self.contracts_model = self._contracts_model()
        self.receipts_model = self._receipts_model()
        self.receivables_model = self._receivables_model()
        self.ageing_total = QLabel()
        self.ageing_total.setWordWrap(True)
        self.tabs = QTabWidget()
        self.contracts_table = self._table(self.contracts_model, 1)
        self.contracts_table.doubleClicked.connect(self._open_contract)
        self.contracts_table.setToolTip(self.tr("Double-click a contract to see its lines"))
        self.tabs.addTab(self.contracts_table, self.tr("Contracts"))
        self.tabs.addTab(self._table(self.receipts_model, 1), self.tr("Receipts"))
        receivables = QWidget()
        box = QVBoxLayout(receivables)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.ageing_total)
        box.addWidget(self._table(self.receivables_model, 0), 1)
        self.tabs.addTab(receivables, self.tr("Receivables ageing"))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        ctx.events.changed.connect(self._on_changed)
        self.reload()

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

    def _receipts_model(self) -> RowsModel:
        headers = [
            self.tr("Received on"),
            self.tr("Client"),
            self.tr("Contract number"),
            self.tr("Amount"),
            self.tr("Method"),
            self.tr("Notes"),
        ]
        model = RowsModel(
            headers,
            lambda r: (
                format_date(r.received_on),
                r.client_name,
                r.contract_number,
                format_money(r.amount),
                r.method,
                r.notes,
            ),
            self,
        )
        model.money_columns = frozenset({3})
        return model

    def _receivables_model(self) -> RowsModel:
        headers = [self.tr("Client"), self.tr("Owner"), self.tr("Open in total")]
        headers += [AGE_BUCKET_LABELS[b] for b in AgeBucket]
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
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
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
        parts = [f"{AGE_BUCKET_LABELS[b]} {format_money(totals[b])}" for b in AgeBucket]
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

    # --- dialogs -----------------------------------------------------------------------------

    def _open_contract(self, index: QModelIndex) -> None:
        if index.isValid() and index.row() < len(self.contracts_model.rows):
            self.open_contract_view(self.contracts_model.rows[index.row()].id)

    def open_contract_view(self, contract_id: int) -> ContractView:
        dialog = ContractView(self.ctx, contract_id, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_contract_dialog(self) -> ContractDialog:
        dialog = ContractDialog(self.ctx, self)
        if self.client_id is not None:
            dialog.client.set_client(self.client_id, self.client_name)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_receipt_dialog(self) -> ReceiptDialog:
        dialog = ReceiptDialog(self.ctx, self)
        if self.client_id is not None:
            dialog.set_client(self.client_id, self.client_name)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_import_dialog(self) -> ReceiptImportDialog:
        dialog = ReceiptImportDialog(self.ctx, self)
        self.dialog = dialog
        dialog.open()
        return dialog

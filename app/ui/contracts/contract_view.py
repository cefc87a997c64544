"""One contract as signed, to read: its lines, total, due date, the receipts booked to it (to
edit or delete) and its change history."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.services import contracts
from app.services.contracts import ContractRecord, ReceiptRow
from app.ui.context import Changes, UiContext
from app.ui.contracts.columns import receipt_columns
from app.ui.contracts.receipt_dialog import ReceiptDialog, delete_receipt_asking
from app.ui.kit import boxes, keys
from app.ui.kit.forms import FormDialog
from app.ui.kit.tables import ListModel, ListView
from app.ui.tasks import TaskHandle
from app.ui.widgets import error_text, format_date, format_money

# A receipt booked or changed, the contract edited, or its client renamed.
LISTENS_TO = ("receipt", "contract", "client")


class ContractView(FormDialog):
    """One contract as signed: its lines, total, due date and the receipts booked to it; a
    receipt chosen in the list can be edited (button, Enter or double-click) or deleted. The
    view follows every change made meanwhile (Changes)."""

    def __init__(self, ctx: UiContext, contract_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.contract_id = contract_id
        self.document_id: int | None = None
        self.receipt_dialog: ReceiptDialog | None = None
        self.resize(680, 460)
        self.head = QLabel(wordWrap=True)
        self.totals = QLabel()
        self.error = QLabel(wordWrap=True, styleSheet="color: #d9363e;")
        self.receipts_model = ListModel(receipt_columns(with_client=False), parent=self)
        self.receipts = ListView(self.receipts_model, settings_key="contract_receipts")
        self.receipts.row_activated.connect(self.edit_receipt)
        self.receipts.setToolTip(self.tr("Double-click a receipt to edit it"))
        from app.ui.history.view import with_history  # issue 9: 修改记录

        shown, self.history = with_history(
            ctx, self._body(), self.tr("Contract"), "contract", contract_id, self
        )
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, rejected=self.reject)
        boxes.column((shown, 1), self.error, close, parent=self)
        self.reload()
        ctx.events.changes.connect(self._on_changes)
        self.set_form_buttons(None, guard=False)  # a record to read: Enter presses nothing

    def _body(self) -> QWidget:
        self.lines = QTableWidget(0, 5)
        headers = [self.tr("Product"), self.tr("Quantity"), self.tr("Unit")]
        self.lines.setHorizontalHeaderLabels([*headers, self.tr("Unit price"), self.tr("Amount")])
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.edit_receipt_button = QPushButton(self.tr("Edit receipt…"))
        self.edit_receipt_button.clicked.connect(lambda: self.edit_receipt())
        self.delete_receipt_button = QPushButton(self.tr("Delete receipt…"))
        self.delete_receipt_button.clicked.connect(lambda: self.delete_receipt())
        keys.mark(self.delete_receipt_button, keys.DELETE, self.receipts)  # Del: asks first
        receipt_bar = boxes.row(
            QLabel(self.tr("Receipts")), ..., self.edit_receipt_button, self.delete_receipt_button
        )
        # the approved 购销合同/框架协议 this contract was made from, when it was
        self.source_label = QLabel(wordWrap=True)
        self.source_button = QPushButton(self.tr("Open document…"), clicked=self.open_document)
        self.source_bar = QWidget()
        boxes.row((self.source_label, 1), self.source_button, parent=self.source_bar, margin=0)
        page = QWidget()
        body = QVBoxLayout(page)
        body.setContentsMargins(0, 0, 0, 0)
        boxes.fill(
            body,
            self.head,
            self.source_bar,
            (self.lines, 1),
            self.totals,
            receipt_bar,
            (self.receipts, 1),
        )
        return page

    def open_document(self) -> None:
        """Opens the document the contract was made from (文书)."""
        if self.document_id is not None:
            self.ctx.events.open_record.emit("document", self.document_id)

    # --- showing --------------------------------------------------------------------------------
    def reload(self) -> None:
        """Reads the contract and its receipts again (one contract: at once)."""
        record = contracts.get_contract(self.ctx.archive, self.contract_id)
        self._show_record(record)
        rows = contracts.list_receipts(self.ctx.archive, contract_id=self.contract_id)
        self.receipts_model.set_rows(rows)
        self.edit_receipt_button.setEnabled(bool(rows))
        self.delete_receipt_button.setEnabled(bool(rows))

    def _show_record(self, record: ContractRecord) -> None:
        self.setWindowTitle(self.tr("Contract {0}").format(record.number))
        terms = record.payment_terms or self.tr("{0} days").format(record.payment_days)
        self.head.setText(
            self.tr("{0}, signed {1}, due {2} ({3})").format(
                record.client_name, format_date(record.signed_on), format_date(record.due_on), terms
            )
        )
        self.document_id = record.document_id
        self.source_bar.setVisible(record.document_id is not None)
        self.source_label.setText(
            self.tr("Made from the approved document 《{0}》").format(record.document_title)
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

    def _on_changes(self, changes: Changes) -> None:
        if not self.isVisible() or not changes.touches(*LISTENS_TO):
            return
        try:
            self.reload()
        except AppError as exc:  # the contract deleted meanwhile
            self.error.setText(error_text(exc, self.ctx.lang))

    # --- the receipts -------------------------------------------------------------------------
    def _chosen_receipt(self) -> ReceiptRow | None:
        """The receipt chosen in the list; None (said in the view) when none is."""
        receipt_id = self.receipts.current_id()
        if receipt_id is None:
            self.error.setText(self.tr("Choose a receipt in the list first."))
            return None
        return self.receipts_model.row_at(self.receipts_model.row_of(receipt_id))

    def edit_receipt(self, receipt_id: int | None = None) -> ReceiptDialog | None:
        """Opens the receipt chosen in the list (or `receipt_id`) to edit; the view follows
        once it is saved."""
        if receipt_id is None:
            chosen = self._chosen_receipt()
            if chosen is None:
                return None
            receipt_id = chosen.id
        try:
            dialog = ReceiptDialog(self.ctx, self, receipt_id)
        except AppError as exc:
            self.error.setText(error_text(exc, self.ctx.lang))
            return None
        self.error.clear()
        self.receipt_dialog = dialog
        dialog.open()
        return dialog

    def delete_receipt(self) -> TaskHandle | None:
        """Deletes the receipt chosen in the list after asking; the view follows."""
        chosen = self._chosen_receipt()
        if chosen is None:
            return None
        self.error.clear()
        return delete_receipt_asking(self, self.ctx, chosen, self.error.setText)

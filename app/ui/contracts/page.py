"""合同回款: contracts with their product lines, receipts, receivables per client with ageing,
and importing receipts from a spreadsheet. Each list is read in the background (the newest
request wins) and follows every change made anywhere (Changes 'contract', 'receipt', 'client')."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial
from operator import attrgetter
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.domain.plans import AgeBucket
from app.services import contracts, printouts
from app.services.archive import Archive
from app.services.contracts import ClientReceivable, ContractRow, ReceiptRow
from app.ui import list_printing
from app.ui.context import UiContext
from app.ui.contracts.columns import contract_columns, receipt_columns, receivable_columns
from app.ui.contracts.contract_dialog import ContractDialog
from app.ui.contracts.contract_view import ContractView
from app.ui.contracts.receipt_dialog import ReceiptDialog, delete_receipt_asking
from app.ui.contracts.receipt_import_dialog import ReceiptImportDialog
from app.ui.kit import boxes, keys, ops
from app.ui.kit.labels import shown
from app.ui.kit.tables import FilterBox, ListModel, ListView
from app.ui.tasks import TaskHandle
from app.ui.widgets import confirm, error_text, format_money

LIST_LIMIT = 2000  # newest contracts / receipts listed; the search finds the others
LISTENS_TO = ("contract", "receipt", "client")  # a client renamed shows in every list


def load_contracts(
    archive: Archive, client_id: int | None, text: str, limit: int | None
) -> tuple[list[ContractRow], int | None]:
    """The newest contracts matching `text`, and how many the archive holds when cut short."""
    rows = contracts.list_contracts(archive, client_id, text, limit=limit)
    cut = limit is not None and len(rows) >= limit
    return rows, contracts.counts(archive)[0] if cut else None


def load_receivables(archive: Archive, client_id: int | None, task=None) -> list[ClientReceivable]:
    """Every client that owes or paid ahead; one client's only when it owes."""
    rows = contracts.receivables(archive, client_id=client_id, task=task)
    return rows if client_id is None else [r for r in rows if r.outstanding]


def _row(model: ListModel, row_id: int | None):
    """The row of `row_id` in the list, None when it is not listed (any more)."""
    at = -1 if row_id is None else model.row_of(row_id)
    return model.row_at(at) if at >= 0 else None


class ContractsPage(QWidget):
    """Three tabs: contracts, receipts, receivables with ageing. `client_id` narrows all three
    to one client (the client page embeds it that way)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, client_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self.client_name = ""
        self.dialog: QDialog | None = None
        self.preview = None  # the PDF preview last opened (app.ui.list_printing)
        self.contracts_model = ListModel(contract_columns(ctx.archive.today()), parent=self)
        self.receipts_model = ListModel(receipt_columns(), parent=self)
        self.receivables_model = ListModel(
            receivable_columns(ctx.lang), row_id=attrgetter("client_id"), parent=self
        )
        self.message = QLabel(wordWrap=True, styleSheet="color: #d9363e;")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(self._bar())
        layout.addWidget(self.message)
        layout.addWidget(self._tabs(), 1)
        keys.mark(self.new_contract_button, keys.NEW)
        keys.mark(self.delete_button, keys.DELETE, self.tabs)  # the contract or the receipt list
        ops.follow(self, self.reload, *LISTENS_TO)
        self.reload()
        self._update_buttons()

    # --- building -------------------------------------------------------------------------------
    def _button(self, text: str, on_click: Callable[[], object], tip: str = "") -> QPushButton:
        button = QPushButton(text, toolTip=tip, clicked=lambda: on_click())
        return button

    def _bar(self) -> QHBoxLayout:
        self.search = FilterBox(self.tr("Contract number or client"), self)
        self.search.settled.connect(lambda _text: self.reload_contracts())
        self.new_contract_button = self._button(self.tr("New contract…"), self.open_contract_dialog)
        self.new_receipt_button = self._button(self.tr("Book receipt…"), self.open_receipt_dialog)
        tip = self.tr("Edit the selected contract or receipt")
        self.edit_button = self._button(self.tr("Edit…"), self.edit_selected, tip)
        tip = self.tr("Delete the selected contract or receipt")
        self.delete_button = self._button(self.tr("Delete…"), self.delete_selected, tip)
        self.import_button = self._button(self.tr("Import receipts…"), self.open_import_dialog)
        self.import_button.setVisible(self.client_id is None)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        for button in (self.new_contract_button, self.new_receipt_button, self.edit_button):
            bar.addWidget(button)
        bar.addWidget(self.delete_button)
        bar.addWidget(self.import_button)
        return bar

    def _tabs(self) -> QTabWidget:
        self.tabs = QTabWidget()
        self.contracts_table = self._list(
            self.contracts_model, "contracts", self.open_contract_dialog, self._contract_menu
        )
        self.contracts_table.setToolTip(self.tr("Double-click a contract to edit it"))
        self.receipts_table = self._list(
            self.receipts_model, "receipts", self.open_receipt_dialog, self._receipt_menu
        )
        self.receipts_table.setToolTip(self.tr("Double-click a receipt to edit it"))
        self._say_when_empty()
        self.tabs.addTab(self.contracts_table, self.tr("Contracts"))
        self.tabs.addTab(self.receipts_table, self.tr("Receipts"))
        self.ageing_tab = self._receivables_tab()
        self.tabs.addTab(self.ageing_tab, self.tr("Receivables ageing"))
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        self.tabs.currentChanged.connect(lambda _i: self._load_ageing_if_shown())
        return self.tabs

    def _say_when_empty(self) -> None:
        """What the empty lists say: how to start, and for a search that finds no contract,
        that nothing matches, with a button that clears the search."""
        self.contracts_table.empty_state.say(
            self.tr("No contracts yet"),
            self.tr("Record each signed contract with its amount or its lines."),
            self.tr("New contract…"),
            self.open_contract_dialog,
        )
        self.contracts_table.empty_state.say_when_filtered(
            self.is_filtered,
            self.tr("No contract matches the search."),
            self.tr("Clear filters"),
            self.clear_filters,
        )
        whole = self.client_id is None  # the import is offered for the whole archive only
        self.receipts_table.empty_state.say(
            self.tr("No receipts yet"),
            self.tr("Book each payment received, or import the bank's list from Excel.")
            if whole
            else self.tr("Book each payment received from this client."),
            self.tr("Book receipt…"),
            self.open_receipt_dialog,
            second=(self.tr("Import receipts…"), self.open_import_dialog) if whole else None,
        )

    def is_filtered(self) -> bool:
        return bool(self.search.text().strip())

    def clear_filters(self) -> None:
        """Empties the search, and the list shows every contract again (read once)."""
        self.search.clear_all()

    def _list(self, model: ListModel, key: str, open_row: Callable, menu: Callable) -> ListView:
        view = ListView(model, settings_key=key, parent=self)
        view.row_activated.connect(open_row)  # Enter, double-click
        view.set_context_menu(menu)
        return view

    def _receivables_tab(self) -> QWidget:
        """The ageing totals, and for the whole archive 打印 (Ctrl+P) and 导出 Excel, over the list."""
        self.ageing_total = QLabel(wordWrap=True)
        tip = self.tr("The receivables ageing as a PDF")
        self.print_ageing_button = self._button(self.tr("Print…"), self.print_receivables, tip)
        keys.mark(self.print_ageing_button, keys.PRINT)
        self.export_ageing_button = self._button(self.tr("Export Excel…"), self.export_receivables)
        row = boxes.row((self.ageing_total, 1))
        for button in (self.print_ageing_button, self.export_ageing_button):
            button.setVisible(self.client_id is None)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.receivables_table = ListView(self.receivables_model, settings_key="receivables")
        tab = QWidget()
        boxes.column(row, (self.receivables_table, 1), parent=tab, margin=0)
        return tab

    # --- loading --------------------------------------------------------------------------------
    def set_client(self, client_id: int | None, name: str = "") -> None:
        self.client_id = client_id
        self.client_name = name
        self.reload()

    def _limit(self) -> int | None:
        return None if self.client_id is not None else LIST_LIMIT

    def reload(self) -> None:
        """Reads the three lists again (in the background; the newest request wins)."""
        self.reload_contracts()
        receipts = partial(contracts.list_receipts, limit=self._limit())
        archive, client_id = self.ctx.archive, self.client_id
        show = self.receipts_model.set_rows
        ops.query(self, receipts, archive, client_id, key="receipts", on_done=show)
        self.ageing_stale = True
        self._load_ageing_if_shown()

    def _load_ageing_if_shown(self) -> None:
        """The ageing reads every client's contracts and receipts (100,000 clients: seconds and
        80 MB), so it is worked out when its tab is shown, and again after changes only then."""
        if not self.ageing_stale or self.tabs.currentWidget() is not self.ageing_tab:
            return
        self.ageing_stale = False
        ops.query(
            self,
            load_receivables,
            self.ctx.archive,
            self.client_id,
            key="receivables",
            label=self.tr("Working out receivables…"),
            on_done=self._receivables,
            on_error=lambda exc: self.ageing_total.setText(error_text(exc, self.ctx.lang)),
        )

    def reload_contracts(self) -> None:
        text = self.search.text().strip()
        where = (self.ctx.archive, self.client_id, text, self._limit())
        ops.query(self, load_contracts, *where, key="contracts", on_done=self._contracts)

    def _contracts(self, found: tuple[list[ContractRow], int | None]) -> None:
        rows, total = found
        self.contracts_model.set_rows(rows)
        tip = self.tr("Showing the newest {0} of {1} contracts; type to find others.")
        self.search.setToolTip("" if total is None else tip.format(LIST_LIMIT, total))

    def _receivables(self, rows: list[ClientReceivable]) -> None:
        self.receivables_model.set_rows(rows)
        totals = {b: sum((r.buckets[b] for r in rows), Decimal("0.00")) for b in AgeBucket}
        parts = [f"{shown(b, self.ctx.lang)} {format_money(totals[b])}" for b in AgeBucket]
        self.ageing_total.setText(
            self.tr("Open in total {0}: {1}. Age counts from the due date.").format(
                format_money(sum(totals.values(), Decimal("0.00"))), self.tr("; ").join(parts)
            )
        )

    # --- printing and exporting the ageing ------------------------------------------------------
    def print_receivables(self) -> TaskHandle | None:
        """Every client's receivable with its ageing, as of today, as a PDF in the preview."""
        job = self.tr("Printing the receivables ageing…")
        name = f"应收账款账龄表{self.ctx.archive.today():%Y-%m-%d}.pdf"
        return list_printing.print_list(self, printouts.receivables_pdf, name, job)

    def export_receivables(self, path: Path | None = None) -> TaskHandle | None:
        job = self.tr("Exporting the receivables ageing…")
        name = f"应收账款账龄表{self.ctx.archive.today():%Y-%m-%d}.xlsx"
        return list_printing.export_list(
            self, printouts.receivables_xlsx, name, job, self._ageing_exported, path
        )

    def _ageing_exported(self, path: Path, count: int) -> None:
        text = self.tr("Receivables of %n client(s) exported to {0}", "", count).format(path)
        self.ctx.events.status_message.emit(text)

    # --- selection, edit and delete -----------------------------------------------------------
    def _on_receipts(self) -> bool:
        return self.tabs.currentWidget() is self.receipts_table

    def _update_buttons(self) -> None:
        on_a_list = self._on_receipts() or self.tabs.currentWidget() is self.contracts_table
        self.edit_button.setEnabled(on_a_list)
        self.delete_button.setEnabled(on_a_list)

    def selected_contract(self) -> ContractRow | None:
        return self.contracts_table.current_row()

    def selected_receipt(self) -> ReceiptRow | None:
        return self.receipts_table.current_row()

    def select_receipt(self, receipt_id: int) -> bool:
        """Shows the receipts tab with `receipt_id` selected (the global search opens it); a
        receipt not listed yet is selected once the list is read."""
        self.tabs.setCurrentWidget(self.receipts_table)
        return self.receipts_table.select_id(receipt_id, when_listed=True)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _chosen(self) -> ContractRow | ReceiptRow | None:
        """The contract or receipt chosen on the tab shown; said on the page when none is."""
        chosen = (
            self.receipts_table if self._on_receipts() else self.contracts_table
        ).current_row()
        if chosen is None and self._on_receipts():
            self._say(self.tr("Choose a receipt in the list first."))
        elif chosen is None:
            self._say(self.tr("Choose a contract in the list first."))
        return chosen

    def edit_selected(self) -> ContractDialog | ReceiptDialog | None:
        chosen = self._chosen()
        if chosen is None:
            return None
        edit = self.open_receipt_dialog if self._on_receipts() else self.open_contract_dialog
        return edit(chosen.id)

    def delete_selected(self) -> TaskHandle | None:
        chosen = self._chosen()
        if chosen is None:
            return None
        delete = self.delete_receipt if self._on_receipts() else self.delete_contract
        return delete(chosen.id)

    def delete_contract(self, contract_id: int) -> TaskHandle | None:
        """Asks, then deletes the contract and its lines. A contract with receipts is refused
        (the message names how many); nothing changes then."""
        self._say("")
        row = _row(self.contracts_model, contract_id)
        if row is None:
            return None
        question = self.tr(
            "Delete contract {0} of {1} ({2})? Its product lines are deleted with it."
        ).format(row.number, row.client_name, format_money(row.amount))
        if not confirm(self, self.tr("Delete contract"), question):
            return None
        done = self.tr("Contract {0} deleted.").format(row.number)
        return ops.write(
            self,
            contracts.delete_contract,
            self.ctx.archive,
            contract_id,
            changes={"contract"},
            on_done=lambda _none: self.ctx.events.status_message.emit(done),
            on_error=lambda exc: self._say(error_text(exc, self.ctx.lang)),
        )

    def delete_receipt(self, receipt_id: int) -> TaskHandle | None:
        self._say("")
        row = _row(self.receipts_model, receipt_id)
        return None if row is None else delete_receipt_asking(self, self.ctx, row, self._say)

    def _contract_menu(self, menu: QMenu, contract_id: int) -> None:
        menu.addAction(
            self.tr("View lines and receipts"), lambda: self.open_contract_view(contract_id)
        )
        menu.addAction(self.tr("Edit…"), lambda: self.open_contract_dialog(contract_id))
        menu.addAction(self.tr("Delete…"), lambda: self.delete_contract(contract_id))

    def _receipt_menu(self, menu: QMenu, receipt_id: int) -> None:
        contract_id = getattr(_row(self.receipts_model, receipt_id), "contract_id", None)
        if contract_id is not None:
            menu.addAction(self.tr("Open contract"), lambda: self.open_contract_view(contract_id))
        menu.addAction(self.tr("Edit…"), lambda: self.open_receipt_dialog(receipt_id))
        menu.addAction(self.tr("Delete…"), lambda: self.delete_receipt(receipt_id))

    # --- dialogs ----------------------------------------------------------------------------------
    def _open(self, make: Callable[[], QDialog]) -> QDialog | None:
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
        """A new receipt (for the contract chosen on the contracts tab, else the page's client),
        or the receipt `receipt_id` to edit."""

        def make() -> ReceiptDialog:
            dialog = ReceiptDialog(self.ctx, self, receipt_id)
            on_contracts = self.tabs.currentWidget() is self.contracts_table
            contract = self.selected_contract() if receipt_id is None and on_contracts else None
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

"""Importing receipts from a spreadsheet: the client import's three steps (choose a file, check
every row in the preview, import), with the receipts' own services, template and headings."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.services import contracts
from app.services.client_transfer import ImportReport
from app.ui.clients.import_dialog import ImportDialog
from app.ui.context import UiContext


class ReceiptImportDialog(ImportDialog):
    """The client import's three steps (choose, preview every row, import) for receipts."""

    previewer = staticmethod(contracts.preview_receipts)
    importer = staticmethod(contracts.import_receipts)
    rejects_writer = staticmethod(contracts.write_receipt_rejects)
    template_writer = staticmethod(contracts.write_receipt_template)
    changes = frozenset({"receipt"})

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

    def cancelled_text(self) -> str:
        return self.tr("Import cancelled. The archive is unchanged: no receipt was imported.")

    def imported_text(self, report: ImportReport) -> str:
        return self.tr("{0} receipts imported.").format(report.imported)

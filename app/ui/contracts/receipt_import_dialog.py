"""Importing receipts from a spreadsheet: the client import's three steps (choose a file, check
every row in the preview, import), with the receipts' own template and headings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.services import contracts
from app.services.client_transfer import ImportReport
from app.ui.clients.import_dialog import ImportDialog, count_statuses
from app.ui.context import UiContext
from app.ui.widgets import error_text


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
        self.ctx.events.announce("receipt")  # ImportDialog runs its own jobs

    def save_rejects(self, out_path: Path) -> None:
        report = self.result_report or self.preview
        try:
            written = contracts.write_receipt_rejects(report, self.path, out_path)
        except Exception as exc:  # noqa: BLE001 - any failure is shown, not raised
            self._say(self.rejects_message, error_text(exc, self.ctx.lang), error=True)
            return
        self._say(self.rejects_message, self.tr("{0} rows saved to {1}").format(written, out_path))

"""Printing the tender packet (投标文件): the print row of the packet builder (正本/副本, 草稿,
水印, 生成并预览 on Ctrl+P, 另存PDF…). A packet the checklist says would be rejected prints only as
a draft, after asking; the PDF is made in the background with a progress dialog that cancels."""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app import private_temp
from app.domain.progress import Progress
from app.services import tender_packet
from app.services.archive import Archive
from app.ui import user_settings
from app.ui.context import UiContext
from app.ui.kit import boxes, keys, ops
from app.ui.kit.forms import choose
from app.ui.pdf_preview import PdfPreviewDialog
from app.ui.tasks import TaskHandle
from app.ui.widgets import TaskProgressDialog, show_error

Options = dict  # copy ('正本'/'副本'), draft, watermark: build_pdf's keywords
# the dialog's: save what is typed, check the packet, then call back with the blocking problems
Prepare = Callable[[Callable[[list[str]], None]], None]
translate = QCoreApplication.translate  # lupdate reads a bare tr() as self.tr()
ACCEPT, REJECT = QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.RejectRole


def build_packet(
    archive: Archive, tender_id: int, out: Path, options: Options, task: Progress
) -> Path:
    """The packet's PDF, on a worker thread; a packet stopped half-way leaves no file behind."""
    try:
        tender_packet.build_pdf(archive, tender_id, out, task=task, **options)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return out


class PacketPrinter(QWidget):
    """The print row: the options, 生成并预览 (Ctrl+P: made, then printed) and 另存PDF…."""

    def __init__(
        self,
        ctx: UiContext,
        tender_id: int,
        title: Callable[[], str],
        prepare: Prepare,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.tender_id = tender_id
        self.title, self.prepare = title, prepare
        self.last_pdf: Path | None = None
        self.last_preview: PdfPreviewDialog | None = None
        self.print_handle: TaskHandle | None = None
        self.progress_dialog: TaskProgressDialog | None = None
        self.printing = False
        self._temp_dir: Path | None = None  # made on the first print, removed on close
        self._build()

    def _build(self) -> None:
        self.copy_combo = QComboBox(self)
        self.copy_combo.addItem(translate("PacketBuilderDialog", "Original (正本)"), "正本")
        self.copy_combo.addItem(translate("PacketBuilderDialog", "Copy (副本)"), "副本")
        self.draft_box = QCheckBox(translate("PacketBuilderDialog", "Draft"), self)
        self.watermark_box = QCheckBox(translate("PacketBuilderDialog", "Watermark scans"), self)
        self.preview_button = QPushButton(
            translate("PacketBuilderDialog", "Generate and preview"), self
        )
        self.preview_button.clicked.connect(self.generate_preview)
        keys.mark(self.preview_button, keys.PRINT)  # Ctrl+P: make it, then print
        self.save_pdf_button = QPushButton(translate("PacketBuilderDialog", "Save PDF…"), self)
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(QLabel(translate("PacketBuilderDialog", "Print:"), self))
        for widget in (self.copy_combo, self.draft_box, self.watermark_box):
            self.row.addWidget(widget)
        boxes.fill(self.row, ..., self.preview_button, self.save_pdf_button)

    def options(self) -> Options:
        return {
            "copy": self.copy_combo.currentData(),
            "draft": self.draft_box.isChecked(),
            "watermark": self.watermark_box.isChecked(),
        }

    def suggested_name(self, options: Options) -> str:
        suffix = "-草稿" if options["draft"] else ""
        return f"{self.title()}-投标文件-{options['copy']}{suffix}.pdf".replace("/", "-")

    # --- what to print ----------------------------------------------------------------------
    def generate_preview(self) -> None:
        self.prepare(lambda errors: self._print(errors, self._preview))

    def save_pdf(self) -> None:
        self.prepare(lambda errors: self._print(errors, self._save))

    def _print(self, errors: list[str], where: Callable[[Options], None]) -> None:
        options = self._ready_options(errors)
        if options is not None:
            where(options)

    def _ready_options(self, errors: list[str]) -> Options | None:
        """The options to print with; with errors on the checklist, a draft if the user agrees."""
        options = self.options()
        if not errors or options["draft"]:
            return options
        text = (
            translate(
                "PacketBuilderDialog", "The checklist has problems that would get the bid rejected:"
            )
            + "\n\n• "
            + "\n• ".join(errors)
            + "\n\n"
            + translate("PacketBuilderDialog", "Print a draft (marked 草稿 on every page) instead?")
        )
        buttons = [  # named by what they do: 打印草稿 / 返回修改
            ("draft", translate("PacketBuilderDialog", "Print a draft"), ACCEPT),
            ("back", translate("PacketBuilderDialog", "Go back and fix"), REJECT),
        ]
        title = translate("PacketBuilderDialog", "Packet not ready")
        if choose(self.window(), title, text, buttons, default="draft", escape="back") != "draft":
            return None
        return {**options, "draft": True}

    def _preview(self, options: Options) -> None:
        out = self._print_dir() / self.suggested_name(options)
        self._build_pdf(out, options, lambda: self._show_preview(out, options))

    def _save(self, options: Options) -> None:
        target = user_settings.save_file(
            self.window(),
            "pdf",
            translate("PacketBuilderDialog", "Save PDF"),
            self.suggested_name(options),
            translate("PacketBuilderDialog", "PDF files (*.pdf)"),
        )
        if target:
            out = Path(target) if target.lower().endswith(".pdf") else Path(target + ".pdf")
            self._build_pdf(out, options, lambda: self._saved(out))

    # --- making it --------------------------------------------------------------------------
    def _build_pdf(self, out: Path, options: Options, then: Callable[[], None]) -> None:
        def built(_out: Path) -> None:
            self._set_printing(False)
            self.last_pdf = out
            then()

        self._set_printing(True)
        self.print_handle = ops.query(
            self,
            partial(build_packet, options=options),
            self.ctx.archive,
            self.tender_id,
            out,
            label=translate("PacketBuilderDialog", "Printing the tender packet…"),
            on_done=built,
            on_error=self._failed,
            on_cancelled=self._cancelled,
        )
        if self.print_handle is None:  # another operation holds the archive
            self._set_printing(False)
        else:
            self.progress_dialog = TaskProgressDialog(self.print_handle, self.window())

    def _failed(self, exc: Exception) -> None:
        self._set_printing(False)
        show_error(self.window(), exc, self.ctx.lang)

    def _cancelled(self) -> None:
        self._set_printing(False)
        self.ctx.events.status_message.emit(translate("PacketBuilderDialog", "Printing cancelled"))

    def _set_printing(self, busy: bool) -> None:
        # Only the print buttons: the progress dialog (a child window) must stay usable to cancel.
        self.printing = busy
        for button in (self.preview_button, self.save_pdf_button):
            button.setEnabled(not busy)

    def _show_preview(self, out: Path, options: Options) -> None:
        self.last_preview = PdfPreviewDialog(
            out, self.window(), save_suggestion=self.suggested_name(options)
        )
        self.last_preview.exec()

    def _saved(self, out: Path) -> None:
        self.ctx.events.status_message.emit(
            translate("PacketBuilderDialog", "Saved %1").replace("%1", str(out))
        )

    def _print_dir(self) -> Path:
        if self._temp_dir is None:
            self._temp_dir = Path(
                tempfile.mkdtemp(prefix="packet-", dir=private_temp.session_folder("print"))
            )
            # also gone when the dialog is dropped without being closed, or at exit
            weakref.finalize(self, shutil.rmtree, self._temp_dir, True)
        return self._temp_dir

    def stop(self) -> None:
        """The dialog closes: a packet being made is stopped (its file removed), the preview's
        working copies go."""
        if self.printing and self.print_handle is not None:
            self.print_handle.cancel()
        elif self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)

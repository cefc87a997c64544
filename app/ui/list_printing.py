"""Printing and exporting a full list the same way wherever one is shown (the overdue visits,
the monthly plan, the receivables ageing): 打印 makes the PDF in the background and shows it in
the PDF preview (print, save or open it from there); 导出 Excel asks where (the last folder
used for exports, the documents folder at first) and writes the workbook in the background.

`make` is a service of the form `make(archive, out, task=None)` (functools.partial fills in the
rest: the filter, the month, the day); both jobs are bound to the page (app.ui.kit.ops)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app import private_temp
from app.ui import user_settings
from app.ui.kit import ops
from app.ui.tasks import TaskHandle

PRINT_DIR = private_temp.session_path("lists")
EXPORTS = "exports"  # the purpose whose last folder the export dialog opens in


def print_list(
    page: QWidget, make: Callable[..., int], name: str, label: str, suggestion: str = ""
) -> TaskHandle | None:
    """Makes the PDF `name` (in this session's private folder) and opens it in the preview,
    kept on `page.preview`; 另存为 suggests `suggestion` (else `name`)."""
    PRINT_DIR.mkdir(parents=True, exist_ok=True)
    out = PRINT_DIR / name
    job = (make, ops.context_of(page).archive, out)
    done = partial(show, page, out, suggestion)  # with the page count, which it leaves
    return ops.query(page, *job, key="print", label=label, on_done=done)


def show(page: QWidget, pdf: Path, suggestion: str = "", *_pages: object):
    from app.ui.pdf_preview import PdfPreviewDialog

    page.preview = PdfPreviewDialog(pdf, page, save_suggestion=suggestion or pdf.name)
    page.preview.open()
    return page.preview


def export_list(
    page: QWidget,
    make: Callable[..., int],
    name: str,
    label: str,
    done: Callable[[Path, int], None],
    path: Path | None = None,
) -> TaskHandle | None:
    """Asks where to save `name` (unless `path` is given) and writes the workbook there; then
    `done(path, count)`."""
    if path is None:
        chosen = user_settings.save_file(
            page,
            EXPORTS,
            QCoreApplication.translate("list_printing", "Export to Excel"),
            name,
            QCoreApplication.translate("list_printing", "Excel workbook (*.xlsx)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    archive = ops.context_of(page).archive
    return ops.query(
        page, make, archive, path, key="export", label=label, on_done=lambda n: done(path, n)
    )

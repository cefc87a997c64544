"""Import the client list from Excel or CSV: choose a file, preview every row, then import.

The preview, the import and the saving of the rejected rows run in the background (ops) with
progress and cancel; the import is one transaction, so a cancelled import leaves the archive
unchanged. The receipts import (app/ui/contracts/receipt_import_dialog.py) is this dialog for receipts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from operator import attrgetter
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services import client_transfer
from app.services.client_transfer import (
    PREVIEW_HEADINGS,
    TEMPLATE_HEADINGS,
    ImportReport,
    PreviewRow,
)
from app.ui import user_settings
from app.ui.context import UiContext
from app.ui.kit import ops
from app.ui.kit.forms import FormDialog
from app.ui.kit.ops import ChangesSpec
from app.ui.kit.tables import AnyIndex, Column, ListModel, ListView, attribute
from app.ui.tasks import TaskHandle
from app.ui.widgets import error_text

STATUS_COLOURS = {"ok": "#2e9d4f", "rejected": "#d9363e", "duplicate": "#d68910"}
STATUS_BACKGROUNDS = {"rejected": "#fdecec", "duplicate": "#fdf3e1"}
TINTED_TEXT = "#1f1f1f"  # on a light tint, in a dark theme too
REASON_COLUMN = 2
FIRST_VALUE_COLUMN = 3


def status_text(status: str) -> str:
    return {
        "ok": QCoreApplication.translate("PreviewModel", "Import"),
        "rejected": QCoreApplication.translate("PreviewModel", "Rejected"),
        "duplicate": QCoreApplication.translate("PreviewModel", "Duplicate"),
    }[status]


def preview_columns(headings: Sequence[str]) -> tuple[Column[PreviewRow], ...]:
    """Number, status and reason (seen without scrolling), then the row's values under the
    file's `headings`; a row's problem is its tooltip everywhere."""

    def value(position: int) -> Callable[[PreviewRow], str]:
        return lambda row: row.values[position] if position < len(row.values) else ""

    def status_colour(row: PreviewRow) -> str:
        return STATUS_COLOURS[row.status]

    def ink(row: PreviewRow) -> str | None:
        return TINTED_TEXT if row.status in STATUS_BACKGROUNDS else None

    def problem(row: PreviewRow) -> str | None:
        return row.message or None

    return (
        Column(
            QCoreApplication.translate("PreviewModel", "Row"),
            lambda row: str(row.row),
            colour=ink,
            tooltip=problem,
        ),
        Column(
            QCoreApplication.translate("PreviewModel", "Status"),
            lambda row: status_text(row.status),
            colour=status_colour,
            decoration=lambda row: QColor(status_colour(row)),
            tooltip=problem,
        ),
        Column(
            QCoreApplication.translate("PreviewModel", "Reason"),
            attribute("message"),
            colour=status_colour,
            tooltip=problem,
        ),
        *(Column(h, value(i), colour=ink, tooltip=problem) for i, h in enumerate(headings)),
    )


class PreviewModel(ListModel[PreviewRow]):
    """Every row of the file as the import sees it: number, status, reason, values; rows with a
    problem are tinted. `set_problems_only` hides the good rows."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(preview_columns(PREVIEW_HEADINGS), row_id=attrgetter("row"), parent=parent)
        self.all_rows: tuple[PreviewRow, ...] = ()
        self.problems_only = False

    @property
    def headers(self) -> list[str]:
        return [column.title for column in self.columns]

    @headers.setter
    def headers(self, headers: Sequence[str]) -> None:
        """Other headings for the values (the receipts import's)."""
        self.beginResetModel()
        self.columns = preview_columns(headers[FIRST_VALUE_COLUMN:])
        self.endResetModel()

    def set_rows(self, rows: Iterable[PreviewRow]) -> None:
        self.all_rows = tuple(rows)
        super().set_rows(r for r in self.all_rows if not self.problems_only or r.status != "ok")

    def set_problems_only(self, on: bool) -> None:
        self.problems_only = on
        self.set_rows(self.all_rows)

    def data(self, index: AnyIndex, role: int = 0):
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            tint = STATUS_BACKGROUNDS.get(self.rows[index.row()].status)
            return QBrush(QColor(tint)) if tint else None
        return super().data(index, role)


def count_statuses(report: ImportReport) -> dict[str, int]:
    counts = {"ok": 0, "rejected": 0, "duplicate": 0}
    for row in report.rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return counts


class ImportDialog(FormDialog):
    """Choose a file, check the preview of every row, import; the rejected rows can be saved
    to fix them. Another import (receipts) names its own services and changes here: the
    preview `previewer(archive, path, task=)` (a query), the import `importer(archive, path,
    task=)` (a write announcing `changes`), `rejects_writer(report, path, out_path)` (in the
    background) and `template_writer(out_path)`."""

    previewer = staticmethod(client_transfer.preview_import)
    importer = staticmethod(client_transfer.import_clients)
    rejects_writer = staticmethod(client_transfer.write_rejects)
    template_writer = staticmethod(client_transfer.write_template)
    changes = frozenset({"client"})  # what an import changes

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.path: Path | None = None
        self.preview: ImportReport | None = None
        self.result_report: ImportReport | None = None
        self.handle: TaskHandle | None = None
        self.setWindowTitle(self.tr("Import clients"))
        self.resize(980, 620)
        self.steps = QLabel()
        self.stack = QStackedWidget()
        self.stack.addWidget(self._choose_page())
        self.stack.addWidget(self._preview_page())
        self.stack.addWidget(self._result_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addWidget(self.stack, 1)
        self._go_to(0)
        # Enter imports once the preview shows (and presses no other button); nothing typed
        # here is lost on closing, so closing never asks.
        self.set_form_buttons(self.import_button, guard=False)

    # -- step 1: choose ---------------------------------------------------------------------

    def _choose_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            self.tr(
                "Choose an Excel (.xlsx) or CSV file with one client per row and these column "
                "headings (English headings are accepted too):"
            )
        )
        intro.setWordWrap(True)
        headings = QLabel("、".join(TEMPLATE_HEADINGS))
        headings.setWordWrap(True)
        self.intro_label, self.headings_label = intro, headings  # other imports reword them
        headings.setStyleSheet("font-weight: bold;")
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("No file chosen"))
        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.clicked.connect(self._pick_file)
        template = QPushButton(self.tr("Save an empty template…"))
        template.clicked.connect(self._pick_template_target)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        self.choose_message = QLabel()
        self.choose_message.setWordWrap(True)
        note = QLabel(
            self.tr("Nothing is written until you have seen the preview and clicked Import.")
        )
        note.setStyleSheet("color: gray;")
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(headings)
        layout.addLayout(row)
        layout.addWidget(template, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.choose_message)
        layout.addStretch()
        layout.addWidget(note)
        return page

    def _pick_file(self) -> None:
        name = user_settings.open_file(
            self,
            "imports",
            self.tr("Choose the client list"),
            self.tr("Spreadsheets (*.xlsx *.csv)"),
        )
        if name:
            self.load_file(Path(name))

    def _pick_template_target(self) -> None:
        name = user_settings.save_file(
            self,
            "exports",
            self.tr("Save an empty template"),
            self.tr("client-import-template.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if name:
            self.save_template(Path(name))

    def save_template(self, path: Path) -> None:
        try:
            self.template_writer(path)
        except Exception as exc:  # noqa: BLE001 - any failure is shown, not raised
            self._say(self.choose_message, error_text(exc, self.ctx.lang), error=True)
            return
        self._say(self.choose_message, self.tr("Template saved: {0}").format(path))

    def load_file(self, path: Path) -> None:
        """Step 2: reads the file in the background and shows what an import would do."""
        self.path = Path(path)
        self.path_edit.setText(str(self.path))
        self.preview = None
        self.model.set_rows(())
        self.counts.clear()
        self.preview_rejects_button.hide()
        self._go_to(1)
        self._start(
            self.tr("Reading {0}").format(self.path.name),
            self.previewer,
            on_done=self._on_preview,
        )

    # -- step 2: preview --------------------------------------------------------------------

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.model = PreviewModel(self)
        self.table = ListView(self.model, parent=page)
        self.filter = QComboBox()
        self.filter.addItem(self.tr("All rows"), False)
        self.filter.addItem(self.tr("Only problems"), True)
        self.filter.currentIndexChanged.connect(self._on_filter_changed)
        self.counts = QLabel()
        self.counts.setStyleSheet("font-weight: bold;")
        self.ignored = QLabel()
        self.ignored.setStyleSheet("color: gray;")
        self.progress = QProgressBar()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_task)
        self.task_message = QLabel()
        self.task_message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(QLabel(self.tr("Show")))
        top.addWidget(self.filter)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        self.back_button = QPushButton(self.tr("Choose another file"))
        self.back_button.clicked.connect(self._back_to_start)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        # The rows to fix can be saved before anything is imported (nothing is committed yet).
        self.preview_rejects_button = QPushButton(self.tr("Save rejected rows…"))
        self.preview_rejects_button.clicked.connect(self._pick_rejects_target)
        self.preview_rejects_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch()
        buttons.addWidget(self.preview_rejects_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.ignored)
        layout.addLayout(running)
        layout.addWidget(self.task_message)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        return page

    def _on_filter_changed(self, _index: int) -> None:
        self.model.set_problems_only(bool(self.filter.currentData()))

    def _on_preview(self, report: ImportReport) -> None:
        self.preview = report
        self.model.set_rows(report.rows)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(REASON_COLUMN, min(self.table.columnWidth(REASON_COLUMN), 360))
        self.counts.setText(self.counts_text(report))
        ignored = self.tr(", ").join(report.ignored_columns)  # 、 in Chinese
        self.ignored.setText(
            self.tr("Columns not in the template are ignored: {0}").format(ignored)
            if ignored
            else ""
        )
        self.ignored.setVisible(bool(ignored))
        counts = count_statuses(report)
        to_import = counts["ok"]
        self.preview_rejects_button.setVisible(counts["rejected"] + counts["duplicate"] > 0)
        self.import_button.setText(self.tr("Import {0} rows").format(to_import))
        self.import_button.setEnabled(to_import > 0)
        if not report.rows:
            self._say(self.task_message, self.tr("The file has no client rows."), error=True)

    def counts_text(self, report: ImportReport) -> str:
        counts = count_statuses(report)
        return self.tr(
            "Will import {0} rows, reject {1} rows, {2} duplicate rows, {3} blank rows"
        ).format(counts["ok"], counts["rejected"], counts["duplicate"], report.blank_rows)

    # -- step 3: import ---------------------------------------------------------------------

    def start_import(self) -> None:
        if self.path is None or self.preview is None:
            return
        self._start(
            self.tr("Importing {0}").format(self.path.name),
            self.importer,
            on_done=self._on_imported,
            changes=self.changes,
        )

    def imported_text(self, report: ImportReport) -> str:
        """The result's first line (another import names what it imported)."""
        return self.tr("{0} clients imported.").format(report.imported)

    def _on_imported(self, report: ImportReport) -> None:
        self.result_report = report
        counts = count_statuses(report)
        lines = [
            self.imported_text(report),
            self.tr("{0} rows rejected, {1} duplicate rows, {2} blank rows skipped.").format(
                counts["rejected"], counts["duplicate"], report.blank_rows
            ),
        ]
        self.result_label.setText("\n".join(lines))
        problems = counts["rejected"] + counts["duplicate"]
        self.rejects_button.setVisible(problems > 0)
        self.rejects_hint.setVisible(problems > 0)
        self._go_to(2)

    def _result_page(self) -> QWidget:
        page = QWidget()
        self.result_label = QLabel()
        self.result_label.setStyleSheet("font-size: 15px;")
        self.result_label.setWordWrap(True)
        self.rejects_hint = QLabel(
            self.tr(
                "Save the rejected and duplicate rows, with the reason in a 错误原因 column, "
                "fix them and import that file again."
            )
        )
        self.rejects_hint.setWordWrap(True)
        self.rejects_button = QPushButton(self.tr("Save rejected rows…"))
        self.rejects_button.clicked.connect(self._pick_rejects_target)
        self.rejects_message = QLabel()
        self.rejects_message.setWordWrap(True)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.addWidget(self.result_label)
        layout.addWidget(self.rejects_hint)
        layout.addWidget(self.rejects_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.rejects_message)
        layout.addStretch()
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _pick_rejects_target(self) -> None:
        suggested = str(self.path.with_name(f"{self.path.stem}-rejected.xlsx")) if self.path else ""
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save rejected rows"), suggested, self.tr("Excel workbook (*.xlsx)")
        )
        if name:
            self.save_rejects(Path(name))

    def save_rejects(self, out_path: Path) -> None:
        """Writes the rejected and duplicate rows (the file is read again) in the background."""
        ops.query(
            self,
            self.rejects_writer,
            self.result_report or self.preview,
            self.path,
            Path(out_path),
            key="rejects",
            label=self.tr("Save rejected rows"),
            on_done=lambda written: self._say(
                self.rejects_message, self.tr("{0} rows saved to {1}").format(written, out_path)
            ),
            on_error=lambda exc: self._say(
                self.rejects_message, error_text(exc, self.ctx.lang), error=True
            ),
        )

    # -- running jobs ------------------------------------------------------------------------

    def _start(
        self, label: str, fn: Callable[..., object], on_done, changes: ChangesSpec = None
    ) -> None:
        """Runs `fn(archive, path)` with the progress bar and 取消: a preview (a query: the
        newest wins), or with `changes` an import (a write that announces them)."""
        self._set_running(True)
        self.task_message.clear()
        self.progress.setRange(0, 0)
        run = (
            partial(ops.query, key="job")
            if changes is None
            else partial(ops.write, changes=changes)
        )
        self.handle = run(
            self,
            fn,
            self.ctx.archive,
            self.path,
            label=label,
            on_done=on_done,
            on_error=self._on_task_error,
            on_progress=self._on_progress,
            on_cancelled=self._on_cancelled,
        )
        if self.handle is None or self.handle.done:
            self._set_running(False)
        else:
            self.handle.finished.connect(self._on_task_finished)

    def _on_task_finished(self) -> None:
        self._set_running(False)

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _on_task_error(self, exc: Exception) -> None:
        self._say(self.task_message, error_text(exc, self.ctx.lang), error=True)

    def _on_cancelled(self) -> None:
        text = self.tr("Preview cancelled.") if self.preview is None else self.cancelled_text()
        self._say(self.task_message, text, error=True)

    def cancelled_text(self) -> str:
        """What a cancelled import says (a subclass words it for its records)."""
        return self.tr("Import cancelled. The archive is unchanged: no client was imported.")

    def cancel_task(self) -> None:
        if self.handle is not None and not self.handle.done:
            self.handle.cancel()
            self.cancel_button.setEnabled(False)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.back_button.setEnabled(not running)
        self.preview_rejects_button.setEnabled(not running)
        self.filter.setEnabled(not running)
        has_rows = self.preview is not None and count_statuses(self.preview)["ok"] > 0
        self.import_button.setEnabled(not running and has_rows)

    def reject(self) -> None:
        self.cancel_task()
        super().reject()

    # -- helpers -----------------------------------------------------------------------------

    def _back_to_start(self) -> None:
        self._go_to(0)

    def _go_to(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        names = [self.tr("1. Choose a file"), self.tr("2. Check the preview"), self.tr("3. Done")]
        parts = [f"<b>{n}</b>" if i == step else n for i, n in enumerate(names)]
        self.steps.setText("  →  ".join(parts))

    def _say(self, label: QLabel, text: str, error: bool = False) -> None:
        """`text` in `label` (red for an error); what saving the rejected rows says is said on
        the preview too while it shows."""
        shown = [label]
        if label is self.rejects_message and self.stack.currentIndex() == 1:
            shown.append(self.task_message)
        for each in shown:
            each.setStyleSheet("color: #d9363e;" if error else "color: #2e9d4f;")
            each.setText(text)

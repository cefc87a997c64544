"""文件 → 备份与恢复…: the backups of this archive (when, kind, size, verified) with 立即备份, 验证,
恢复 (asks first) and 打开文件夹, and the backup folder and rotation settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.services import backups as backups_service
from app.services.backups import BackupEntry
from app.ui import user_settings
from app.ui.backups import kind_label, problems_text, size_label, verified_label
from app.ui.context import Changes, UiContext
from app.ui.kit import ops
from app.ui.kit.forms import FieldErrors, FormDialog, problems_of
from app.ui.kit.tables import RIGHT, Column, ListModel, ListView
from app.ui.widgets import confirm, error_text, format_date

FAILED_RED = "#d9363e"
PENDING_GREY = "#777777"


def backup_columns() -> tuple[Column[BackupEntry], ...]:
    """The backups, newest first (as listed): when, kind, size, verified; the file and any
    problem in every cell's tooltip."""

    def tooltip(entry: BackupEntry) -> str:
        lines = [str(entry.path)]
        if entry.location == "archive":
            lines.append(
                QCoreApplication.translate(
                    "BackupTableModel",
                    "Beside the archive: moved into the folder at the next backup",
                )
            )
        return "\n".join([*lines, *entry.problems])

    def verified_colour(entry: BackupEntry) -> str | None:
        return {False: FAILED_RED, None: PENDING_GREY}.get(entry.verified)

    return (
        Column(
            QCoreApplication.translate("BackupTableModel", "When"),
            lambda entry: format_date(entry.created_at),
            tooltip=tooltip,
        ),
        Column(
            QCoreApplication.translate("BackupTableModel", "Kind"),
            lambda entry: kind_label(entry.kind),
            tooltip=tooltip,
            stretch=True,
        ),
        Column(
            QCoreApplication.translate("BackupTableModel", "Size"),
            lambda entry: size_label(entry.size),
            align=RIGHT,
            tooltip=tooltip,
        ),
        Column(
            QCoreApplication.translate("BackupTableModel", "Verified"),
            lambda entry: verified_label(entry.verified),
            colour=verified_colour,
            tooltip=tooltip,
        ),
    )


def backups_changed(ctx: UiContext) -> Callable[[object], Changes]:
    """What a backup or a verification changes: no record (nothing for the pages), but the
    backups, said through `backups_changed` even when this dialog was closed meanwhile."""

    def changed(_result: object) -> Changes:
        ctx.events.backups_changed.emit()
        return Changes()

    return changed


def load_entries(archive, task=None) -> tuple[backups_service.BackupSettings, list[BackupEntry]]:
    settings = backups_service.backup_settings(archive)
    return settings, backups_service.list_backups(archive.path, settings.folder)


class BackupDialog(FormDialog):
    restore_requested = Signal(object)  # the BackupEntry to restore (the window does it)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.errors = FieldErrors(ctx.lang)
        self.setWindowTitle(self.tr("Backup and restore"))
        self.setMinimumSize(640, 520)
        self.settings = backups_service.backup_settings(ctx.archive)
        self._numbers: dict[Path, int] = {}  # a backup's number in this list: its row's id
        self.model = ListModel(backup_columns(), row_id=self._number, parent=self)
        self.last_message = ""
        self.result_box: QMessageBox | None = None
        self._build()
        self._fill_settings(self.settings)
        self.set_form_buttons(self.save_button)
        ctx.events.backups_changed.connect(self._on_backups_changed)
        self.reload()

    # --- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.view = ListView(self.model, fit="contents", parent=self)
        self.view.setShowGrid(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # verify
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.view.empty_state.say("", self.tr("No backups yet."))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.verify_button = QPushButton(self.tr("Verify"))
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.open_button = QPushButton(self.tr("Open folder"))
        self.close_button = QPushButton(self.tr("Close"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.open_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)
        actions = QHBoxLayout()
        for button in (self.backup_button, self.verify_button, self.restore_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.open_button)

        self.folder_edit = QLineEdit()
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.default_button = QPushButton(self.tr("Default"))
        self.default_button.setToolTip(str(backups_service.default_folder()))
        self.default_button.clicked.connect(
            lambda: self.folder_edit.setText(str(backups_service.default_folder()))
        )
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.errors.wrap("backup_folder", self.folder_edit), 1)
        folder_row.addWidget(self.choose_button)
        folder_row.addWidget(self.default_button)
        self.auto_box = QCheckBox(
            self.tr("Back up automatically (once a day, and when the window closes after changes)")
        )
        self.daily_spin, self.weekly_spin, self.monthly_spin = (
            self._spin(0, backups_service.MAX_KEEP) for _ in range(3)
        )
        self.warn_spin = self._spin(1, backups_service.MAX_WARN_DAYS)
        keep_row = QHBoxLayout()
        for label, spin, field in (
            (self.tr("Daily"), self.daily_spin, "keep_daily"),
            (self.tr("Weekly"), self.weekly_spin, "keep_weekly"),
            (self.tr("Monthly"), self.monthly_spin, "keep_monthly"),
        ):
            keep_row.addWidget(QLabel(label))
            keep_row.addWidget(self.errors.wrap(field, spin))
        keep_row.addStretch(1)
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.clicked.connect(self.save_settings)
        warn_row = QHBoxLayout()
        warn_row.addWidget(QLabel(self.tr("when the newest good backup is older than")))
        warn_row.addWidget(self.errors.wrap("warn_after_days", self.warn_spin))
        warn_row.addWidget(QLabel(self.tr("days")))
        warn_row.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Backup folder"), folder_row)
        form.addRow(self.auto_box)
        form.addRow(self.tr("Keep"), keep_row)
        form.addRow(self.tr("Warn"), warn_row)
        settings_row = QHBoxLayout()
        settings_row.addStretch(1)
        settings_row.addWidget(self.save_button)
        form.addRow(settings_row)
        group = QGroupBox(self.tr("Settings"))
        group.setLayout(form)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(group)
        layout.addLayout(bottom)
        read_only = self.ctx.archive.read_only
        for widget in (self.folder_edit, self.choose_button, self.default_button, self.auto_box):
            widget.setEnabled(not read_only)
        for widget in (self.daily_spin, self.weekly_spin, self.monthly_spin, self.warn_spin):
            widget.setEnabled(not read_only)
        self.save_button.setEnabled(not read_only)

    def _spin(self, low: int, high: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setMinimumWidth(70)
        return spin

    def _fill_settings(self, settings: backups_service.BackupSettings) -> None:
        self.folder_edit.setText(str(settings.folder))
        self.auto_box.setChecked(settings.automatic)
        self.daily_spin.setValue(settings.keep_daily)
        self.weekly_spin.setValue(settings.keep_weekly)
        self.monthly_spin.setValue(settings.keep_monthly)
        self.warn_spin.setValue(settings.warn_after_days)

    # --- the list -----------------------------------------------------------------------------
    def reload(self) -> None:
        ops.query(
            self,
            load_entries,
            self.ctx.archive,
            key="entries",
            label=self.tr("Listing the backups"),
            on_done=self._loaded,
            on_error=self._show_status_error,
        )

    def _on_backups_changed(self) -> None:
        self.reload()

    def _number(self, entry: BackupEntry) -> int:
        return self._numbers.setdefault(entry.path, len(self._numbers))

    def _loaded(self, loaded) -> None:
        settings, entries = loaded
        self.settings = settings
        self.model.set_rows(entries)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected_entries()
        self.restore_button.setEnabled(len(chosen) == 1 and not self.ctx.archive.read_only)
        self.verify_button.setEnabled(bool(self.model.rows))

    def selected_entries(self) -> list[BackupEntry]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.model.rows[row] for row in rows if row < len(self.model.rows)]

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)

    # --- actions ------------------------------------------------------------------------------
    def back_up_now(self):
        self.status.setText(self.tr("Backing up…"))
        self.backup_button.setEnabled(False)
        return ops.write(
            self,
            backups_service.back_up,
            self.ctx.archive,
            backups_service.MANUAL,
            changes=backups_changed(self.ctx),
            label=self.tr("Backing up…"),
            on_done=self._backed_up,
            on_error=self._action_failed,
        )

    def _backed_up(self, report) -> None:
        self.backup_button.setEnabled(True)
        if report.ok:
            self._say(
                self.tr("Backed up and verified: {0} ({1} new attachment files)").format(
                    report.entry.path.name, report.copied_attachments
                )
            )
        else:
            self._say(self.tr("The backup failed verification and does not count."), error=True)
            self._show_result(self.tr("The backup failed verification."), problems_text(report))

    def verify_selected(self):
        chosen = self.selected_entries() or list(self.model.rows)
        ids = [entry.id for entry in chosen]
        self.status.setText(self.tr("Verifying…"))

        def job(archive, folder, ids, task=None):
            results = []
            for number, backup_id in enumerate(ids):
                if task is not None:
                    task.raise_if_cancelled()
                    task.progress(number, len(ids))
                results += backups_service.verify(archive.path, folder, backup_id)
            return results

        return ops.write(
            self,
            job,
            self.ctx.archive,
            self.settings.folder,
            ids,
            changes=backups_changed(self.ctx),
            label=self.tr("Verifying the backups…"),
            on_done=self._verified,
            on_error=self._action_failed,
        )

    def _verified(self, results) -> None:
        bad = [r for r in results if not r.good]
        if not bad:
            self._say(self.tr("%n backup(s) verified: all good.", "", len(results)))
            return
        self._say(self.tr("%n backup(s) failed verification.", "", len(bad)), error=True)
        details = "\n".join(f"{r.entry.id}:\n  " + "\n  ".join(r.problems) for r in bad)
        self._show_result(self.tr("%n backup(s) failed verification.", "", len(bad)), details)

    def restore_selected(self) -> None:
        chosen = self.selected_entries()
        if len(chosen) != 1:
            return
        entry = chosen[0]
        question = self.tr(
            "Restoring replaces the current archive with the backup of {0} ({1}). The current"
            " archive is kept as a backup too. The application will close; start it again"
            " afterwards. Continue?"
        ).format(format_date(entry.created_at), kind_label(entry.kind))
        if confirm(self, self.tr("Restore"), question):
            self.restore_requested.emit(entry)
            self.discard()

    def open_folder(self) -> bool:
        folder = Path(self.settings.folder)
        if not folder.is_dir():
            self._say(self.tr("The backup folder {0} cannot be found.").format(folder), error=True)
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def choose_folder(self) -> None:
        start = self.folder_edit.text() or str(user_settings.last_folder("backups"))
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the backup folder"), start)
        if folder:
            user_settings.remember_folder("backups", folder)
            self.folder_edit.setText(folder)

    # --- settings -----------------------------------------------------------------------------
    def save_settings(self) -> bool:
        self.errors.clear()
        text = self.folder_edit.text().strip()
        default = text == str(backups_service.default_folder())
        try:
            saved = backups_service.save_backup_settings(
                self.ctx.archive,
                folder=None if default else text,
                default_folder=default,
                keep_daily=self.daily_spin.value(),
                keep_weekly=self.weekly_spin.value(),
                keep_monthly=self.monthly_spin.value(),
                warn_after_days=self.warn_spin.value(),
                automatic=self.auto_box.isChecked(),
            )
        except AppError as exc:
            problems = problems_of(exc)
            if problems:
                self.errors.show(problems)
                self.errors.reveal_first()
            self._say(error_text(exc, self.ctx.lang), error=True)
            return False
        self.settings = saved
        self._fill_settings(saved)
        self.mark_clean()
        self._say(self.tr("Backup settings saved."))
        self.ctx.events.backups_changed.emit()
        return True

    def save_before_closing(self) -> bool:
        return self.save_settings()

    # --- words --------------------------------------------------------------------------------
    def _say(self, text: str, error: bool = False) -> None:
        self.last_message = text
        self.status.setText(text)
        self.status.setStyleSheet("color: #d9363e;" if error else "")

    def _show_status_error(self, exc: Exception) -> None:
        self._say(error_text(exc, self.ctx.lang), error=True)

    def _action_failed(self, exc: Exception) -> None:
        self.backup_button.setEnabled(True)
        self.ctx.events.backups_changed.emit()
        self._say(error_text(exc, self.ctx.lang), error=True)

    def _show_result(self, text: str, details: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(), text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if details:
            box.setDetailedText(details)
        self.result_box = box
        box.open()

"""文件 → 同步到团队档案…: an offline copy synced with its team archive (issue 14 §4).

The sync runs alone through the task runner (ops.exclusive: the window's connections are
closed while it works, every page reloads afterwards). Records changed on both sides are listed
field by field, each with 用我的 / 用服务器的; 同步 again sends the choices."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import team_transfer
from app.ui.kit import ops
from app.ui.widgets import message_lang, show_error

VALUE_WIDTH = 220  # the widest a column of values gets


class TeamSyncDialog(QDialog):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync with the team archive"))
        self.resize(1000, 460)
        self.ctx = ops.context_of(parent)
        self.conflicts: list[team_transfer.Conflict] = []
        self.choices: list[QButtonGroup] = []
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr("Sends this copy's changes and brings the others' back."))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 6)
        headers = [
            self.tr("Record"),
            self.tr("Field"),
            self.tr("Before"),
            self.tr("Mine"),
            self.tr("The server's"),
            self.tr("Keep"),
        ]
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.sync_button = buttons.addButton(self.tr("Sync"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.sync_button.clicked.connect(self.start_sync)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def resolutions(self) -> dict:
        chosen: dict = {}
        for conflict, group in zip(self.conflicts, self.choices, strict=True):
            picked = group.checkedId()
            if picked in (0, 1):
                side = "mine" if picked == 0 else "theirs"
                chosen[(conflict.table, conflict.record, conflict.field)] = side
        return chosen

    def start_sync(self) -> None:
        self.sync_button.setEnabled(False)
        self.summary.setText(self.tr("Syncing…"))
        ops.exclusive(
            self,
            _sync_job,
            self.ctx.archive,
            self.resolutions(),
            label=self.tr("Syncing with the team archive"),
            on_done=self.show_result,
            on_error=self.show_failure,
            ctx=self.ctx,
        )

    def show_failure(self, exc: Exception) -> None:
        self.sync_button.setEnabled(True)
        show_error(self, exc, self.ctx.lang)
        self.summary.setText(self.tr("The sync did not finish; it is safe to run it again."))

    def show_result(self, result: team_transfer.SyncResult) -> None:
        self.sync_button.setEnabled(True)
        sent, got = result.sent, result.received
        template = self.tr(
            "Sent {0} new, {1} edited, {2} deleted; received {3} new, {4} edited, {5} deleted."
        )
        text = template.format(
            sent["new"], sent["edit"], sent["delete"], got["new"], got["edit"], got["delete"]
        )
        if result.conflicts:
            more = self.tr(
                "{0} fields changed on both sides: choose for each, then Sync again."
            ).format(len(result.conflicts))
            text = f"{text}\n{more}"
        self.summary.setText(text)
        self.fill(result.conflicts)

    def fill(self, conflicts: list[team_transfer.Conflict]) -> None:
        self.conflicts, self.choices = list(conflicts), []
        self.table.setRowCount(len(conflicts))
        deleted = self.tr("(deleted)")
        for row, conflict in enumerate(conflicts):
            kind, field = team_transfer.conflict_words(conflict, message_lang(self.ctx.lang))
            values = [
                f"{kind} #{conflict.record} {conflict.title}".strip(),
                field,
                _shown(conflict.base),
                deleted
                if conflict.mine is None and conflict.field == "*"
                else _shown(conflict.mine),
                deleted
                if conflict.theirs is None and conflict.field == "*"
                else _shown(conflict.theirs),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(f"{value}\n{conflict.table}:{conflict.record}:{conflict.field}")
                self.table.setItem(row, column, item)
            self.table.setCellWidget(row, 5, self._choice_cell())
        self.table.resizeColumnsToContents()
        for column in (2, 3, 4):  # long values are read in full in the cell's tooltip
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), VALUE_WIDTH))
        if conflicts:
            self.table.setColumnWidth(5, self.table.cellWidget(0, 5).sizeHint().width())

    def _choice_cell(self) -> QWidget:
        cell = QWidget()
        line = QHBoxLayout(cell)
        line.setContentsMargins(4, 0, 4, 0)
        group = QButtonGroup(cell)
        for number, label in enumerate((self.tr("Use mine"), self.tr("Use the server's"))):
            button = QRadioButton(label)
            group.addButton(button, number)
            line.addWidget(button)
        self.choices.append(group)
        return cell


def _sync_job(archive, resolutions: dict, task=None) -> team_transfer.SyncResult:
    steps = ("connect", "sync", "index")

    def progress(step: str) -> None:
        if task is not None and step in steps:
            task.step(steps.index(step), len(steps))

    return team_transfer.sync(archive, resolutions, progress=progress)


def _shown(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dict):
        return QCoreApplication.translate("TeamSyncDialog", "(changed)")
    return str(value)

"""完成 an action item: its result (落实情况) is asked for first; an empty result is refused."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.minutes import ActionStatus
from app.services import minutes
from app.services.minutes import ActionRow
from app.ui.context import UiContext
from app.ui.kit import ops
from app.ui.kit.forms import FormDialog
from app.ui.kit.labels import add_choices
from app.ui.widgets import error_text


class CloseActionDialog(FormDialog):
    """Closes an item as 已完成 or 已取消 with its result; Enter closes it, Esc with a result
    typed asks first."""

    def __init__(self, ctx: UiContext, row: ActionRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.closed: ActionRow | None = None
        self.setWindowTitle(self.tr("Close action item"))
        self.resize(520, 300)
        self.result_edit = QPlainTextEdit(row.result)
        self.result_edit.setPlaceholderText(self.tr("What was done (required)"))
        self.status = QComboBox()
        closing = (ActionStatus.DONE, ActionStatus.CANCELLED)
        add_choices(self.status, ActionStatus, ctx.lang, closing)
        self.error_label = QLabel(styleSheet="color: #d9363e;", wordWrap=True, visible=False)
        form = QFormLayout()
        task = QLabel(self.tr("{0} ({1})").format(row.task, row.owner), wordWrap=True)
        form.addRow(self.tr("Task"), task)
        form.addRow(self.tr("Close as"), self.status)
        form.addRow(self.tr("Result"), self.result_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.save_buttons(self.submit, self.tr("Close item"), self.tr("Cancel")))
        self.ok_button = self.save_button  # Enter closes the item

    def submit(self) -> None:
        """Closes the item in the background; a refusal (no result) is shown above the buttons."""
        self.error_label.hide()
        self.ok_button.setEnabled(False)
        ops.write(
            self,
            minutes.close_action,
            self.ctx.archive,
            self.row.id,
            self.result_edit.toPlainText(),
            self.status.currentData(),
            changes={"action"},
            label=self.tr("Close action item"),
            on_done=self._closed,
            on_error=self._refused,
        )

    def _closed(self, row: ActionRow) -> None:
        self.closed = row
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self.ok_button.setEnabled(True)
        self.error_label.setText(error_text(exc, self.ctx.lang))
        self.error_label.show()
        self.result_edit.setFocus()

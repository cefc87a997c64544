"""The comment of a review step (退回 needs one, 批准 may have one): a form of its own, so a
comment typed is never lost to Esc without asking, and Ctrl+S takes the step."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPlainTextEdit, QWidget

from app.ui.kit import boxes
from app.ui.kit.forms import FormDialog


class ReviewCommentDialog(FormDialog):
    """A multi-line comment with OK and Cancel; Enter in the comment is a new line."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(420, 240)
        label = QLabel(QCoreApplication.translate("DocumentEditor", "Comment:"))
        self.comment = QPlainTextEdit()
        label.setBuddy(self.comment)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)  # asks first when a comment was typed
        boxes.column(label, (self.comment, 1), buttons, parent=self)
        self.set_form_buttons(self.ok_button)

    def text(self) -> str:
        return self.comment.toPlainText()

    @classmethod
    def ask(cls, title: str, parent: QWidget | None = None, text: str = "") -> str | None:
        """The comment typed (starting from `text`); None when the step is cancelled."""
        dialog = cls(title, parent)
        dialog.comment.setPlainText(text)
        dialog.mark_clean()  # a comment offered again is not new typing
        accepted = dialog.exec() == cls.DialogCode.Accepted
        text = dialog.text()
        dialog.deleteLater()
        return text if accepted else None

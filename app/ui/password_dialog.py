"""The password of an encrypted archive, asked for when the window opens it.

A wrong password says so and asks again; 记住密码 keeps it in the system keyring (where there
is one). Nothing is opened or written until the password is proved on the archive."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.services import archive as archive_service
from app.services import saved_passwords
from app.ui.kit.forms import FormDialog
from app.ui.widgets import error_text


class PasswordDialog(FormDialog):
    """Asks until `unlock(password)` accepts one (it raises AppError 'wrong_password' when not),
    or the user cancels. Enter opens; Esc cancels without asking (a password is not a form's
    unsaved change)."""

    def __init__(
        self, path: Path, unlock: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._unlock = unlock
        self.password_value = ""
        self.setWindowTitle(self.tr("Encrypted archive"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The archive {0} is encrypted. Enter its password:").format(path))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.password = QLineEdit(self, objectName="password", echoMode=QLineEdit.EchoMode.Password)
        layout.addWidget(self.password)
        self.error = QLabel(self, objectName="error", styleSheet="color: #c0392b;", wordWrap=True)
        self.error.hide()
        layout.addWidget(self.error)
        self.remember = QCheckBox(self.tr("Remember password"), self)
        self.remember.setObjectName("remember")
        self.remember.setToolTip(self.tr("Keep the password in this computer's keyring"))
        layout.addWidget(self.remember)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.open_button.setText(self.tr("Open"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.set_form_buttons(self.open_button, guard=False)
        self.password.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.password.selectAll()
        self.password.setFocus()

    def accept(self) -> None:
        text = self.password.text()
        if not text:
            self.show_error(self.tr("Please enter the password."))
            return
        try:
            self._unlock(text)
        except AppError as exc:
            if exc.code in ("wrong_password", "password_empty"):
                self.show_error(self.tr("Wrong password. Please try again."))
            else:
                self.show_error(error_text(exc))
            return
        self.password_value = text
        super().accept()


def unlock_archive(path: Path, parent: QWidget | None = None) -> bool:
    """Makes the archive at `path` openable: nothing to do when it is plain (or unlocked);
    the password kept in the keyring when there is a right one; otherwise the dialog. False
    when the user cancelled."""
    if not archive_service.needs_password(path):
        return True
    kept = saved_passwords.remembered(path)
    if kept:
        try:
            archive_service.unlock(path, kept)
            return True
        except AppError:
            saved_passwords.forget(path)  # changed since (passwd): ask, and keep the new one
    dialog = PasswordDialog(path, lambda password: archive_service.unlock(path, password), parent)
    dialog.remember.setChecked(bool(kept))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    if dialog.remember.isChecked():
        saved_passwords.remember(path, dialog.password_value)
    else:
        saved_passwords.forget(path)
    return True

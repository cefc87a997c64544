"""文件 → 连接团队档案…: the department's archive on its PostgreSQL server.

The person types the server, the database and their login; the password is typed here (or
comes from the system keyring when they asked to keep it) and never becomes part of the
address. The dialog connects before it closes: a refused login or an unreachable server is said
inside it, with everything typed kept, and only an archive that opened is handed to the window."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.domain.locations import is_server_address
from app.services import team_logins
from app.ui import user_settings
from app.ui.kit.forms import FormDialog
from app.ui.widgets import error_text

LAST_ADDRESS = "team/last_address"


def address_of(server: str, database: str, user: str) -> str:
    """postgresql://user@server/database (a socket folder on this computer, /run/postgresql,
    as ?host=); a whole address pasted into 服务器 is taken as it is."""
    server, database, user = server.strip(), database.strip(), user.strip()
    if is_server_address(server):
        return server
    if server.startswith("/"):
        return f"postgresql://{user}@/{database}?host={server}"
    return f"postgresql://{user}@{server}/{database}"


class ConnectTeamDialog(FormDialog):
    """Enter connects; Esc closes. `archive` is the opened team archive after exec()."""

    def __init__(
        self, parent: QWidget | None = None, opener=None, address: str | None = None
    ) -> None:
        super().__init__(parent)
        self._open = opener or _open_in_background
        self.archive = None
        self.setWindowTitle(self.tr("Connect to team archive"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The department's shared archive on its server. Your administrator gives you"
                " the server, the archive's name and your login."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.server_edit = QLineEdit(self)
        self.server_edit.setPlaceholderText(self.tr("e.g. db.office.lan or db.office.lan:5432"))
        self.database_edit = QLineEdit(self)
        self.database_edit.setPlaceholderText("compass")
        self.user_edit = QLineEdit(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_box = QCheckBox(self.tr("Remember the password in the system keyring"), self)
        self.labels = {
            self.server_edit: self.tr("Server:"),
            self.database_edit: self.tr("Archive name:"),
            self.user_edit: self.tr("Login:"),
        }
        for edit, label in self.labels.items():
            form.addRow(label, edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow("", self.remember_box)
        layout.addLayout(form)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addWidget(self.save_buttons(self.try_connect, self.tr("Connect")))
        self.set_form_buttons(self.save_button, guard=False)
        self._fill(address or str(user_settings.store().value(LAST_ADDRESS) or ""))
        self.setMinimumWidth(460)

    def _fill(self, last: str) -> None:
        if not last:
            return
        try:
            parsed = team_logins.parse(str(last))
        except AppError:
            return
        port = f":{parsed.port}" if parsed.port else ""
        self.server_edit.setText(parsed.socket_folder or f"{parsed.host}{port}")
        self.database_edit.setText(parsed.database)
        self.user_edit.setText(parsed.user)
        saved = team_logins.saved_password(str(last))
        if saved:
            self.password_edit.setText(saved)
            self.remember_box.setChecked(True)

    def address(self) -> str:
        return address_of(self.server_edit.text(), self.database_edit.text(), self.user_edit.text())

    def _missing(self) -> QLineEdit | None:
        if is_server_address(self.server_edit.text().strip()):
            return None
        for edit in (self.server_edit, self.database_edit, self.user_edit):
            if not edit.text().strip():
                return edit
        return None

    def try_connect(self) -> None:
        missing = self._missing()
        if missing is not None:
            name = self.labels[missing].rstrip(":：")
            self._say(self.tr("Please fill in “{0}”.").format(name))
            missing.setFocus()
            return
        address = self.address()
        password = self.password_edit.text() or None
        try:
            self.archive = self._open(address, password)
        except AppError as exc:
            self._say(error_text(exc))
            self.password_edit.setFocus()
            self.password_edit.selectAll()
            return
        user_settings.store().setValue(LAST_ADDRESS, address)
        if self.remember_box.isChecked() and password:
            team_logins.save_password(address, password)
        elif not self.remember_box.isChecked():
            team_logins.forget_password(address)
        self.discard()
        self.accept()

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()


def _open_in_background(address: str, password: str | None):
    from app.ui.application import open_with_progress

    return open_with_progress(address, password=password)

"""The 管理 page's dialogs: a new user (login, name, role, password typed twice) and another
role for a user. Both save through the kit; a refusal is shown under the field it concerns."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.domain.errors import ValidationError
from app.domain.team_roles import ROLE_LABELS, ROLE_LABELS_EN, AppRole
from app.services import team_users
from app.services.team_users import TeamUserRecord
from app.ui.context import UiContext
from app.ui.kit import ops
from app.ui.kit.forms import FieldErrors, FormDialog, problems_of
from app.ui.widgets import error_text


def role_name(role: AppRole, lang: str) -> str:
    return (ROLE_LABELS_EN if lang == "en" else ROLE_LABELS)[role]


def role_box(lang: str, parent: QWidget, current: AppRole | None = None) -> QComboBox:
    box = QComboBox(parent)
    for role in AppRole:
        box.addItem(role_name(role, lang), role.value)
    if current is not None:
        box.setCurrentIndex(box.findData(current.value))
    return box


class AddUserDialog(FormDialog):
    """新用户: the login the person types when connecting, the name records carry, the role,
    and the first password (the person changes it with their database tools)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("New user"))
        self.errors = FieldErrors(ctx.lang)
        self.login = QLineEdit(self)
        self.login.setPlaceholderText(self.tr("e.g. wangfang"))
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. 王芳, as on the clients they look after"))
        self.role = role_box(ctx.lang, self, AppRole.ACCOUNT_MANAGER)
        self.password = QLineEdit(self, echoMode=QLineEdit.EchoMode.Password)
        self.again = QLineEdit(self, echoMode=QLineEdit.EchoMode.Password)
        self.message = QLabel(self, wordWrap=True, styleSheet="color: #d9363e;")
        form = QFormLayout(self)
        form.addRow(self.tr("Login"), self.errors.wrap("login", self.login))
        form.addRow(self.tr("Name"), self.errors.wrap("display_name", self.name))
        form.addRow(self.tr("Role"), self.errors.wrap("role", self.role))
        form.addRow(self.tr("Password"), self.errors.wrap("password", self.password))
        form.addRow(self.tr("Password again"), self.errors.wrap("password_again", self.again))
        form.addRow(self.message)
        form.addRow(self.save_buttons(self.save, self.tr("Add user")))

    def save(self) -> None:
        self.errors.clear()
        self.message.clear()
        if self.password.text() != self.again.text():
            self.errors.show(problems_of(ValidationError("password_again", "passwords_differ")))
            return
        ops.write(
            self,
            team_users.add_user,
            self.ctx.archive,
            self.login.text(),
            self.name.text(),
            AppRole(self.role.currentData()),
            self.password.text(),
            changes={"team_user"},
            on_done=lambda _user: self.accept(),
            on_error=self._refused,
        )

    def _refused(self, exc: Exception) -> None:
        problems = problems_of(exc)
        if not problems:
            self.message.setText(error_text(exc, self.ctx.lang))
        for problem in self.errors.show(problems):  # a problem with no field of its own here
            self.message.setText(self.errors.text_of(problem))


class RoleDialog(FormDialog):
    """Another role for one user: from now on the server gives them that role's rights."""

    def __init__(self, ctx: UiContext, user: TeamUserRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self.setWindowTitle(self.tr("Change role"))
        self.errors = FieldErrors(ctx.lang)
        self.role = role_box(ctx.lang, self, user.role)
        self.message = QLabel(self, wordWrap=True, styleSheet="color: #d9363e;")
        form = QFormLayout(self)
        form.addRow(self.tr("User"), QLabel(f"{user.name}（{user.login}）", self))
        form.addRow(self.tr("Role"), self.errors.wrap("role", self.role))
        form.addRow(self.message)
        form.addRow(self.save_buttons(self.save))

    def save(self) -> None:
        self.errors.clear()
        ops.write(
            self,
            team_users.set_role,
            self.ctx.archive,
            self.user.login,
            AppRole(self.role.currentData()),
            changes={"team_user"},
            on_done=lambda _user: self.accept(),
            on_error=lambda exc: self.message.setText(error_text(exc, self.ctx.lang)),
        )

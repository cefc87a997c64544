"""管理 (the administrator's page of a team archive): every user with their role and state;
新用户…, 更改角色…, 停用 / 启用. Shown only to a 管理员 on a team archive; the server refuses
anyone else anyway."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from app.services import team_users
from app.services.team_users import TeamUserRecord
from app.ui.context import UiContext
from app.ui.kit import boxes, ops
from app.ui.kit.tables import Column, ListModel, ListView, attribute
from app.ui.team.user_dialogs import AddUserDialog, RoleDialog, role_name
from app.ui.widgets import confirm, format_date


def user_columns(lang: str) -> tuple[Column[TeamUserRecord], ...]:
    def state(user: TeamUserRecord) -> str:
        if user.disabled:
            return QCoreApplication.translate("TeamUsersModel", "Disabled")
        return QCoreApplication.translate("TeamUsersModel", "Active")

    return (
        Column(
            QCoreApplication.translate("TeamUsersModel", "Login"),
            attribute("login"),
            sort="login",
            width=180,
        ),
        Column(
            QCoreApplication.translate("TeamUsersModel", "Name"),
            attribute("name"),
            sort="name",
            width=120,
        ),
        Column(
            QCoreApplication.translate("TeamUsersModel", "Role"),
            lambda u: role_name(u.role, lang),
            sort="role",
            width=140,
        ),
        Column(
            QCoreApplication.translate("TeamUsersModel", "State"), state, sort="disabled", width=80
        ),
        Column(
            QCoreApplication.translate("TeamUsersModel", "Added"),
            lambda u: format_date(u.created_at),
            sort="created_at",
            stretch=True,
        ),
    )


class UsersPage(QWidget):
    """The list of users above the buttons that change them."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog = None
        self.model = ListModel(user_columns(ctx.lang), row_id=_login_key, parent=self)
        self.add_button = QPushButton(self.tr("New user…"), clicked=self.add_user)
        self.role_button = QPushButton(self.tr("Change role…"), clicked=self.change_role)
        self.disable_button = QPushButton(self.tr("Disable"), clicked=self.toggle_disabled)
        bar = boxes.row(
            boxes.heading(self.tr("Users and roles"), self),
            ...,
            self.add_button,
            self.role_button,
            self.disable_button,
        )
        self.table = ListView(self.model, settings_key="team_users", parent=self)
        self.table.row_activated.connect(lambda _id: self.change_role())
        self.table.current_changed.connect(lambda _id: self._update_buttons())
        self.table.set_context_menu(self._fill_menu)
        note = QLabel(
            self.tr(
                "Each person connects with their own login and password; what they see and may"
                " change is enforced by the server. A disabled user cannot connect; what they"
                " recorded stays under their name."
            ),
            self,
            wordWrap=True,
        )
        layout = QVBoxLayout(self)
        boxes.fill(layout, bar, (self.table, 1), note, margin=12)
        ops.follow(self, self.reload, "team_user")
        self.reload()

    def reload(self, *_args) -> None:
        ops.query(self, team_users.list_users, self.ctx.archive, key="users", on_done=self._show)

    def _show(self, users: list[TeamUserRecord]) -> None:
        self.model.set_rows(users)
        self._update_buttons()

    def current_user(self) -> TeamUserRecord | None:
        row_id = self.table.current_id()
        row = -1 if row_id is None else self.model.row_of(row_id)
        return None if row < 0 else self.model.row_at(row)

    def _update_buttons(self) -> None:
        user = self.current_user()
        self.role_button.setEnabled(user is not None)
        self.disable_button.setEnabled(user is not None)
        enabling = user is not None and user.disabled
        self.disable_button.setText(self.tr("Enable") if enabling else self.tr("Disable"))

    def _fill_menu(self, menu: QMenu, _row_id: int) -> None:
        menu.addAction(self.role_button.text(), self.change_role)
        menu.addAction(self.disable_button.text(), self.toggle_disabled)

    def add_user(self) -> AddUserDialog:
        self.dialog = AddUserDialog(self.ctx, self)
        self.dialog.open()
        return self.dialog

    def change_role(self) -> RoleDialog | None:
        user = self.current_user()
        if user is None:
            return None
        self.dialog = RoleDialog(self.ctx, user, self)
        self.dialog.open()
        return self.dialog

    def toggle_disabled(self) -> None:
        user = self.current_user()
        if user is None:
            return
        if user.disabled:
            change = team_users.enable_user
        else:
            question = self.tr(
                "Disable {0} ({1})? They can no longer connect; their records stay."
            ).format(user.name, user.login)
            if not confirm(self, self.tr("Disable user"), question):
                return
            change = team_users.disable_user
        ops.write(self, change, self.ctx.archive, user.login, changes={"team_user"})


def _login_key(user: TeamUserRecord) -> int:
    """ListModel wants an int id per row: a stable one from the login."""
    import zlib

    return zlib.crc32(user.login.encode())

"""The team archive's users (issue 14 §2): who logs in as whom, with which app role.

Only a 管理员 adds, disables or changes a user (or, before there is one, the server's
administrator who ran `team init`); the server refuses anyone else too (they may not create
roles nor write team_users). Each user logs in as their own PostgreSQL role with a password set
here; the name given is the one records carry (clients.owner, approvals, the history)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.db.repositories import settings as settings_repo
from app.db.repositories import team_users as repo
from app.domain.errors import AppError, ValidationError
from app.domain.team_roles import (
    MANAGERS_READ_ALL_KEY,
    ROLE_LABELS,
    AppRole,
    check_login,
    parse_role,
)
from app.domain.text import clean
from app.services.archive import Archive


@dataclass(frozen=True)
class TeamUserRecord:
    login: str
    name: str
    role: AppRole
    disabled: bool
    created_at: datetime

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


@dataclass(frozen=True)
class Login:
    """Who is using a team archive: the login, the name records carry, the app role (None for
    the archive's owner or the server's superuser, who are no user of the app)."""

    login: str
    name: str
    role: AppRole | None
    may_manage_users: bool


def _record(row) -> TeamUserRecord:
    return TeamUserRecord(
        row.login, row.display_name, AppRole(row.app_role), bool(row.disabled), row.created_at
    )


def _team(archive: Archive) -> None:
    if archive.server is None:
        raise AppError("team_only", path=archive.label)


def current_login(archive: Archive) -> Login | None:
    """The login of a team archive (None on an archive file)."""
    if archive.server is None:
        return None
    with archive.db.read() as session:
        login = repo.login_name(session)
        user = repo.me(session) if repo.has_roles(session) else None
        superuser, creates_roles = repo.server_powers(session)
        if user is None:
            return Login(login, login, None, superuser or creates_roles)
        role = AppRole(user.app_role)
        return Login(login, user.display_name, role, role is AppRole.ADMIN)


def _check_admin(session) -> None:
    if not repo.has_roles(session):
        raise AppError("team_roles_missing")
    user = repo.me(session)
    superuser, creates_roles = repo.server_powers(session)
    if user is not None and user.app_role == AppRole.ADMIN.value and not user.disabled:
        return
    if user is None and (superuser or creates_roles):
        return  # the server's administrator, before the first 管理员 exists
    raise AppError("not_permitted", reason="只有管理员可以管理用户")


def list_users(archive: Archive) -> list[TeamUserRecord]:
    _team(archive)
    with archive.db.read() as session:
        return [_record(u) for u in repo.all_users(session)]


def add_user(
    archive: Archive, login: str, name: str, role: AppRole | str, password: str | None
) -> TeamUserRecord:
    """A new user: a login (made on the server when it has none yet; one that exists keeps its
    password), its group role, and its row in team_users."""
    _team(archive)
    login = check_login(login)
    name = clean(name)
    if not name:
        raise ValidationError("display_name", "required")
    if len(name) > 100:
        raise ValidationError("display_name", "too_long", limit=100)
    role = parse_role(str(role)) if not isinstance(role, AppRole) else role
    with archive.db.session() as session:
        _check_admin(session)
        if repo.get(session, login) is not None:
            raise ValidationError("login", "login_taken", value=login)
        if repo.by_name(session, name) is not None:
            raise ValidationError("display_name", "name_taken", value=name)
        if not repo.login_exists(session, login):
            if not password:
                raise ValidationError("password", "required")
            repo.create_login(session, login, password)
        repo.grant_role(session, login, role)
        return _record(repo.add(session, login, name, role, archive.now()))


def disable_user(archive: Archive, login: str) -> TeamUserRecord:
    """The login can no longer connect; everything they recorded stays, under their name."""
    return _change(archive, login, disabled=True)


def enable_user(archive: Archive, login: str) -> TeamUserRecord:
    return _change(archive, login, disabled=False)


def set_role(archive: Archive, login: str, role: AppRole | str) -> TeamUserRecord:
    role = parse_role(str(role)) if not isinstance(role, AppRole) else role
    return _change(archive, login, role=role)


def _change(
    archive: Archive, login: str, *, disabled: bool | None = None, role: AppRole | None = None
) -> TeamUserRecord:
    _team(archive)
    with archive.db.session() as session:
        _check_admin(session)
        user = repo.get(session, login.strip())
        if user is None:
            raise ValidationError("login", "no_such_login", value=login)
        if disabled is not None and disabled != user.disabled:
            if disabled and user.login == repo.login_name(session):
                raise ValidationError("login", "cannot_disable_self", value=login)
            repo.set_can_login(session, user.login, not disabled)
            user.disabled = disabled
        if role is not None and role.value != user.app_role:
            repo.revoke_role(session, user.login, AppRole(user.app_role))
            repo.grant_role(session, user.login, role)
            user.app_role = role.value
        session.flush()
        return _record(user)


def managers_read_all(archive: Archive) -> bool:
    """Whether 客户经理 read the other managers' clients (they write only their own)."""
    with archive.db.read() as session:
        return settings_repo.get(session, MANAGERS_READ_ALL_KEY) is True


def set_managers_read_all(archive: Archive, value: bool) -> None:
    """管理员 only (team.* settings are written by no one else: the database refuses)."""
    _team(archive)
    with archive.db.session() as session:
        _check_admin(session)
        settings_repo.put(session, MANAGERS_READ_ALL_KEY, bool(value))

"""The team archive's logins (PostgreSQL roles) and team_users, in one unit of work.

A password never travels in clear: the login is created with its SCRAM-SHA-256 verifier,
computed here (RFC 5802/7677, as PostgreSQL stores it), so neither the server's statement log
nor pg_stat_activity ever holds the password itself."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.db.models import TeamUser
from app.db.team_roles import group_role, quoted
from app.domain.team_roles import AppRole

SCRAM_ITERATIONS = 4096


def scram_verifier(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    salted = hashlib.pbkdf2_hmac(
        "sha256", unicodedata.normalize("NFKC", password).encode(), salt, SCRAM_ITERATIONS
    )
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode()

    return f"SCRAM-SHA-256${SCRAM_ITERATIONS}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def database(session: Session) -> str:
    return session.execute(text("SELECT current_database()")).scalar()


def me(session: Session) -> TeamUser | None:
    """The team_users row of the login this session runs as (None: not a registered login)."""
    return session.get(TeamUser, session.execute(text("SELECT current_user")).scalar())


def current_name(session: Session) -> str:
    """The name the login's records and history carry: its display name, else the login."""
    row = session.execute(
        text(
            "SELECT coalesce((SELECT display_name FROM team_users WHERE login = current_user),"
            " current_user::text)"
        )
    ).scalar()
    return str(row or "")


def login_name(session: Session) -> str:
    return session.execute(text("SELECT current_user")).scalar()


def server_powers(session: Session) -> tuple[bool, bool]:
    """(superuser, may create roles) of the login this session runs as."""
    row = session.execute(
        text("SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user")
    ).one()
    return bool(row[0]), bool(row[1])


def has_roles(session: Session) -> bool:
    """Whether team init has made this database's roles and policies."""
    return bool(
        session.execute(text("SELECT to_regprocedure('compass_login_name()') IS NOT NULL")).scalar()
    )


def all_users(session: Session) -> list[TeamUser]:
    return list(session.scalars(select(TeamUser).order_by(TeamUser.disabled, TeamUser.login)))


def get(session: Session, login: str) -> TeamUser | None:
    return session.get(TeamUser, login)


def by_name(session: Session, display_name: str) -> TeamUser | None:
    return session.scalars(select(TeamUser).where(TeamUser.display_name == display_name)).first()


def login_exists(session: Session, login: str) -> bool:
    return bool(
        session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login}).scalar()
    )


def create_login(session: Session, login: str, password: str | None) -> None:
    secret = f" PASSWORD {_literal(scram_verifier(password))}" if password else ""
    # the verifier holds ':' (which text() would read as a parameter) and never '%'
    session.connection().exec_driver_sql(f"CREATE ROLE {quoted(login)} LOGIN{secret}")


def set_can_login(session: Session, login: str, can: bool) -> None:
    session.execute(text(f"ALTER ROLE {quoted(login)} {'LOGIN' if can else 'NOLOGIN'}"))


def grant_role(session: Session, login: str, role: AppRole) -> None:
    group = quoted(group_role(database(session), role))
    session.execute(text(f"GRANT {group} TO {quoted(login)}"))
    if role is AppRole.ADMIN:  # an administrator adds and changes the others' logins
        session.execute(text(f"ALTER ROLE {quoted(login)} CREATEROLE"))
        for other in AppRole:
            other_group = quoted(group_role(database(session), other))
            session.execute(text(f"GRANT {other_group} TO {quoted(login)} WITH ADMIN OPTION"))


def revoke_role(session: Session, login: str, role: AppRole) -> None:
    db = database(session)
    if role is AppRole.ADMIN:
        session.execute(text(f"ALTER ROLE {quoted(login)} NOCREATEROLE"))
        for other in AppRole:
            session.execute(text(f"REVOKE {quoted(group_role(db, other))} FROM {quoted(login)}"))
        return
    session.execute(text(f"REVOKE {quoted(group_role(db, role))} FROM {quoted(login)}"))


def add(session: Session, login: str, display_name: str, role: AppRole, at: datetime) -> TeamUser:
    user = TeamUser(
        login=login, display_name=display_name, app_role=role.value, disabled=False, created_at=at
    )
    session.add(user)
    session.flush()
    return user

"""Who is using the app: the name recorded in the history and the recycle bin.

On a team archive it is the login's name (app.services.team_users), never a setting.

The name chosen in settings, or else the operating system's login name (read inside a unit of
work by app.services.change_tracking, which records every change under it)."""

from __future__ import annotations

from app.db.repositories import settings as settings_repo
from app.domain.errors import AppError, ValidationError
from app.domain.text import clean
from app.services.archive import Archive
from app.services.change_tracking import USER_NAME_KEY, USER_NAME_LIMIT, os_login, user_in

__all__ = ["USER_NAME_KEY", "USER_NAME_LIMIT", "os_login"]


def current_user(archive: Archive) -> str:
    plain = archive.plain()  # a read-only archive file: read without SQLAlchemy (issue 11)
    if plain is not None:
        with plain.connection() as connection:
            chosen = settings_repo.get_prefix_plain(connection, USER_NAME_KEY).get(USER_NAME_KEY)
        return str(chosen).strip() if chosen else os_login()
    with archive.db.read() as session:
        return user_in(session)


def chosen_user_name(archive: Archive) -> str:
    """The name chosen in settings ('' when none is, and the login name is used). On a team
    archive: the login's name (team_users), which no setting changes."""
    if archive.server is not None:
        return current_user(archive)
    with archive.db.read() as session:
        chosen = settings_repo.get(session, USER_NAME_KEY)
    return str(chosen).strip() if chosen else ""


def set_user_name(archive: Archive, name: str) -> None:
    """'' goes back to the operating system's login name."""
    name = clean(name)
    if archive.server is not None:  # the login decides; nothing to choose
        if name and name != current_user(archive):
            raise AppError("team_user_name", name=current_user(archive))
        return
    if len(name) > USER_NAME_LIMIT:
        raise ValidationError("user_name", "too_long", limit=USER_NAME_LIMIT)
    with archive.db.session() as session:
        settings_repo.put(session, USER_NAME_KEY, name)

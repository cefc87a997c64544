"""Who is using the app: the name recorded in the history and the recycle bin.

The name chosen in settings, or else the operating system's login name."""

from __future__ import annotations

import getpass

from app.db.repositories import settings as settings_repo
from app.domain.errors import ValidationError
from app.domain.text import clean
from app.services.archive import Archive

USER_NAME_KEY = "user.name"
USER_NAME_LIMIT = 100  # change_log.user and recycle_bin.deleted_by hold this many


def os_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers and services)
        return ""


def current_user(archive: Archive) -> str:
    with archive.db.read() as session:
        chosen = settings_repo.get(session, USER_NAME_KEY)
    return str(chosen).strip() if chosen else os_login()


def chosen_user_name(archive: Archive) -> str:
    """The name chosen in settings ('' when none is, and the login name is used)."""
    with archive.db.read() as session:
        chosen = settings_repo.get(session, USER_NAME_KEY)
    return str(chosen).strip() if chosen else ""


def set_user_name(archive: Archive, name: str) -> None:
    """'' goes back to the operating system's login name."""
    name = clean(name)
    if len(name) > USER_NAME_LIMIT:
        raise ValidationError("user_name", "too_long", limit=USER_NAME_LIMIT)
    with archive.db.session() as session:
        settings_repo.put(session, USER_NAME_KEY, name)

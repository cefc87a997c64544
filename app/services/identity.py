"""Who is using the app: the name recorded in the history and the recycle bin.

The name chosen in settings, or else the operating system's login name."""

from __future__ import annotations

import getpass

from app.db.repositories import settings as settings_repo
from app.services.archive import Archive

USER_NAME_KEY = "user.name"


def os_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers and services)
        return ""


def current_user(archive: Archive) -> str:
    with archive.db.read() as session:
        chosen = settings_repo.get(session, USER_NAME_KEY)
    return str(chosen).strip() if chosen else os_login()


def set_user_name(archive: Archive, name: str) -> None:
    """'' goes back to the operating system's login name."""
    with archive.db.session() as session:
        settings_repo.put(session, USER_NAME_KEY, name.strip())

"""Who and when every change is recorded under (修改记录), below the Archive.

Opening an archive for writing installs the history's change tracker (app.db.history) on its
database: the user is the name chosen in settings, read in the unit of work being recorded,
else the operating system's login; the time is the archive's clock. Reading the history back
is app.services.history; choosing the name is app.services.identity. On a team archive the
user is the login's name (app.services.team_users), and the database refuses an entry under
any other name."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from app.db.repositories import settings as settings_repo

if TYPE_CHECKING:
    from app.db.engine import Database

USER_NAME_KEY = "user.name"
USER_NAME_LIMIT = 100  # change_log.user and recycle_bin.deleted_by hold this many


def os_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers and services)
        return ""


def user_in(session) -> str:
    """The name chosen in settings, read in the unit of work being recorded; else the login.
    On a team archive: the login's name from team_users (current_user, which the person cannot
    change), never the setting."""
    if session.get_bind().dialect.name == "postgresql":
        from app.db.repositories import team_users as team_users_repo  # the ORM: servers only

        return team_users_repo.current_name(session)
    chosen = settings_repo.get(session, USER_NAME_KEY)
    return str(chosen).strip() if chosen else os_login()


def track_changes(db: Database, clock: Callable[[], datetime]) -> None:
    """Records every change made through `db` from now on (done when an archive is opened
    for writing); `clock` gives the time of each entry."""
    if getattr(db, "change_tracker", None) is not None:
        return
    from app.db import history as tracking  # the ORM models: only a writer tracks changes

    db.change_tracker = tracking.ChangeTracker(user_in, clock).attach(db.listen)

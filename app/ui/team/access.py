"""Who the window's login is on a team archive, read once per open archive (the server checks
every write again, so a role changed meanwhile is still held to)."""

from __future__ import annotations

from app.services import team_users
from app.services.archive import Archive
from app.services.team_users import Login

_KEY = "_team_login"


def team_login(archive: Archive) -> Login | None:
    """The login of a team archive; None on an archive file."""
    if archive.server is None:
        return None
    known = vars(archive).get(_KEY)
    if known is None:
        known = team_users.current_login(archive)
        vars(archive)[_KEY] = known
    return known


def manages_users(archive: Archive) -> bool:
    """Whether the 管理 page is shown: a team archive's 管理员 (or the server's administrator)."""
    login = team_login(archive)
    return login is not None and login.may_manage_users


def acting_login(archive: Archive) -> Login | None:
    """The login whose name approvals and reviews carry (None on a file, and for the server's
    owner or superuser, who type names as on a file)."""
    login = team_login(archive)
    return login if login is not None and login.role is not None else None

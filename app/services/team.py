"""The team archive: a department's one archive on a PostgreSQL server (issue 14).

`init` makes a new team database ready: schema at head, then the app's group roles, grants and
row-level security policies (app.db.team_roles; repeated, it remakes them as they should be).
After an app update only the archive's owner may upgrade it (init, or opening it): the upgrade
remakes the grants and policies too, so tables of the new revisions are covered; anyone else
opening it first is told who must (app.db.server.migrate). Everything else is the same
services over the same Archive: open_archive takes the server's address."""

from __future__ import annotations

from dataclasses import dataclass

from app.db import server, team_roles
from app.services.archive import open_team_archive


@dataclass(frozen=True)
class TeamArchiveInfo:
    address: str  # user@host/dbname, without a password
    revision: str | None
    upgraded: bool


def init(address: str, password: str | None) -> TeamArchiveInfo:
    """Brings the database at `address` to the current schema (creating every table in an empty
    one). Repeating it changes nothing. The database itself must exist (`createdb` by the
    server's administrator): the app never creates databases or server-wide roles for itself."""
    parsed = server.parse_address(address)
    engine = server.make_engine(parsed, password, pool_size=1)
    try:
        before = _revision(engine, parsed)
    finally:
        engine.dispose()
    archive = open_team_archive(address, password)
    try:
        after = server.current_revision(archive.db.engine)
        _make_roles(archive, parsed)
    finally:
        archive.close()
    return TeamArchiveInfo(parsed.display, after, before != after)


def _make_roles(archive, parsed: server.ServerAddress) -> None:
    """The app's group roles, grants and row-level security (app.db.team_roles)."""
    try:
        with archive.db.engine.begin() as conn:
            team_roles.apply(conn)
    except Exception as exc:
        meaning = server.translate_error(exc, parsed)
        if meaning is not None:
            raise meaning from exc
        raise


def _revision(engine, parsed: server.ServerAddress) -> str | None:
    try:
        return server.current_revision(engine)
    except Exception as exc:
        meaning = server.translate_error(exc, parsed)
        if meaning is not None:
            raise meaning from exc
        raise

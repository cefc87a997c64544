"""Where an archive is: a file, or a team archive on a PostgreSQL server."""

from __future__ import annotations

SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def is_server_address(value: object) -> bool:
    """Whether `value` names a server (postgresql://...) rather than an archive file."""
    scheme, sep, _rest = str(value).partition("://")
    return bool(sep) and scheme.lower() in SERVER_SCHEMES

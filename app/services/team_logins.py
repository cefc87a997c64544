"""A team archive's login password kept in the operating system's keyring, under the server's
address (never in settings, a file or a command line), when the person asks for it."""

from __future__ import annotations

from app.db.server import parse_address
from app.services.saved_passwords import drop_secret, keep_secret, read_secret


def _account(address: str) -> str:
    return "team:" + parse_address(address).keyring_name()


def parse(address: str):
    """The address's parts (user, host, port, database, socket_folder); ArchiveError when it
    is not one."""
    return parse_address(address)


def display_name(address: str) -> str:
    """user@host/dbname, for a prompt or a title bar."""
    return parse_address(address).display


def saved_password(address: str) -> str | None:
    return read_secret(_account(address))


def save_password(address: str, password: str) -> bool:
    """True when the keyring took it."""
    return keep_secret(_account(address), password)


def forget_password(address: str) -> None:
    drop_secret(_account(address))

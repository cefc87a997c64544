"""A team archive's login password kept in the operating system's keyring, under the server's
address (never in settings, a file or a command line), when the person asks for it."""

from __future__ import annotations

import contextlib

from app.db.server import parse_address
from app.services.saved_passwords import SERVICE, _keyring


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
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(SERVICE, _account(address))
    except Exception:  # noqa: BLE001 - no backend, a locked or broken keyring: ask instead
        return None


def save_password(address: str, password: str) -> bool:
    """True when the keyring took it."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(SERVICE, _account(address), password)
    except Exception:  # noqa: BLE001 - nothing kept; the person is asked next time
        return False
    return True


def forget_password(address: str) -> None:
    keyring = _keyring()
    if keyring is not None:
        with contextlib.suppress(Exception):
            keyring.delete_password(SERVICE, _account(address))

"""An encrypted archive's password kept in the operating system's keyring (记住密码), when the
user asks for it: the Windows Credential Manager, the macOS Keychain, the Secret Service on
Linux. Where no keyring is available (a bare Linux session, a locked keychain) nothing is kept,
nothing fails: the window simply asks for the password next time."""

from __future__ import annotations

import contextlib
from pathlib import Path

SERVICE = "SalesCompass"


def _account(path: Path) -> str:
    return str(Path(path).expanduser().resolve())


def _keyring():
    try:
        import keyring
    except Exception:  # noqa: BLE001 - an optional convenience, never a reason to fail
        return None
    return keyring


def remembered(path: Path) -> str | None:
    return read_secret(_account(path))


def remember(path: Path, password: str) -> bool:
    """True when the keyring took it."""
    return keep_secret(_account(path), password)


def forget(path: Path) -> None:
    drop_secret(_account(path))


def read_secret(account: str) -> str | None:
    """The password kept under `account`; None when none is, or there is no keyring."""
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(SERVICE, account)
    except Exception:  # noqa: BLE001 - no backend, a locked or broken keyring: ask instead
        return None


def keep_secret(account: str, password: str) -> bool:
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(SERVICE, account, password)
        return True
    except Exception:  # noqa: BLE001 - nothing kept; the person is asked next time
        return False


def drop_secret(account: str) -> None:
    keyring = _keyring()
    if keyring is None:
        return
    # nothing kept, or no keyring: nothing to forget
    with contextlib.suppress(Exception):
        keyring.delete_password(SERVICE, account)

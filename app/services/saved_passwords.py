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
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(SERVICE, _account(path))
    except Exception:  # noqa: BLE001 - no backend, a locked or broken keyring: ask instead
        return None


def remember(path: Path, password: str) -> bool:
    """True when the keyring took it."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(SERVICE, _account(path), password)
        return True
    except Exception:  # noqa: BLE001
        return False


def forget(path: Path) -> None:
    keyring = _keyring()
    if keyring is None:
        return
    # nothing kept, or no keyring: nothing to forget
    with contextlib.suppress(Exception):
        keyring.delete_password(SERVICE, _account(path))

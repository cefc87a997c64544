"""Where the command line gets an encrypted archive's password: never from an argument.

`--password-file FILE` (its first line), else the SALES_COMPASS_PASSWORD environment variable,
else, in a terminal, a prompt that does not echo. A new password (`passwd`) comes likewise from
`--new-password-file` or SALES_COMPASS_NEW_PASSWORD, or is typed twice."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from app.domain.errors import AppError, ArchiveError

PASSWORD_ENV = "SALES_COMPASS_PASSWORD"
NEW_PASSWORD_ENV = "SALES_COMPASS_NEW_PASSWORD"
TRIES = 3


def add_password_file_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-file",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="FILE",
        help=f"an encrypted archive's password, on the first line of FILE (or set {PASSWORD_ENV})",
    )


def _zh() -> bool:
    return not os.environ.get("SALES_COMPASS_LANG", "").startswith("en")


def _from_file(path: Path) -> str:
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise AppError("password_file_unreadable", path=str(path), reason=reason) from None
    lines = text.splitlines()
    return lines[0] if lines else ""


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def given_password(args: argparse.Namespace, new: bool = False) -> str | None:
    """The password given without a terminal (file, then environment), or None."""
    file = getattr(args, "new_password_file" if new else "password_file", None)
    if file is not None:
        return _from_file(file)
    return os.environ.get(NEW_PASSWORD_ENV if new else PASSWORD_ENV) or None


def unlock(args: argparse.Namespace, path: Path) -> None:
    """Unlocks the encrypted archive (or backup) at `path` for this command; nothing to do for
    a plain one. A wrong password is refused (three tries at a terminal)."""
    from app.services import archive as archive_service  # the database layer, when it is used

    path = Path(path).expanduser()
    if not archive_service.needs_password(path):
        return
    password = given_password(args)
    if password is not None:
        archive_service.unlock(path, password)
        return
    if not _interactive():
        raise AppError("password_missing", path=str(path))
    prompt = f"“{path.name}”的密码：" if _zh() else f"Password for {path.name}: "
    for attempt in range(TRIES):
        try:
            archive_service.unlock(path, getpass.getpass(prompt))
            return
        except ArchiveError as exc:
            if exc.code != "wrong_password" or attempt == TRIES - 1:
                raise
            print(
                "密码不正确，请重试。" if _zh() else "Wrong password, try again.", file=sys.stderr
            )


def new_password(args: argparse.Namespace, *, env_new: bool) -> str:
    """A password to encrypt with: given (file or environment; for `passwd` the NEW ones), or
    typed twice at a terminal."""
    password = given_password(args, new=env_new)
    if password is not None:
        return password
    if not _interactive():
        raise AppError("new_password_missing" if env_new else "encrypt_password_missing")
    first = getpass.getpass("新密码：" if _zh() else "New password: ")
    again = getpass.getpass("再输入一次新密码：" if _zh() else "New password again: ")
    if first != again:
        raise AppError("password_mismatch")
    return first


def open_team_archive(args: argparse.Namespace, address: str, read_only: bool = False):
    """Opens the team archive at `address` as its login (see with_server_login; the password
    given by --password-file or SALES_COMPASS_PASSWORD comes first)."""
    from app.services import archive as archive_service

    def opened(password: str | None):
        return archive_service.open_archive(address, password=password, read_only=read_only)

    return with_server_login(address, opened, given_password(args))


def with_server_login(address: str, work, password: str | None = None):
    """work(password) as the login of the team archive at `address`: with `password`, else the
    one saved in the keyring for this address, else none (a server that trusts this login); a
    refused login is asked for at a terminal (three tries)."""
    from app.services import team_logins

    password = password or team_logins.saved_password(address)
    for attempt in range(TRIES + 1):
        try:
            return work(password)
        except ArchiveError as exc:
            if exc.code != "server_login_failed" or not _interactive() or attempt == TRIES:
                raise
            if attempt:
                print(
                    "密码不正确，请重试。" if _zh() else "Wrong password, try again.",
                    file=sys.stderr,
                )
            where = team_logins.display_name(address)
            password = getpass.getpass(f"{where} 的密码：" if _zh() else f"Password for {where}: ")
    raise AssertionError("unreachable")

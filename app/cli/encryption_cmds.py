"""encrypt, decrypt, passwd: an archive's encryption, converted in place."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli import command, lang
from app.cli.passwords import new_password
from app.services import encryption


def register(subparsers) -> None:
    p = command(
        subparsers,
        "encrypt",
        _encrypt,
        "encrypt the archive and its attachments with a password (SALES_COMPASS_PASSWORD,"
        " --password-file, or typed twice)",
        opens_archive=False,
    )
    p.add_argument(
        "--keep-backup",
        action="store_true",
        help="keep the (unencrypted) backup made first instead of removing it once all is done",
    )
    command(
        subparsers,
        "decrypt",
        _decrypt,
        "remove the archive's encryption (its password as for any command)",
        opens_archive=False,
    )
    p = command(
        subparsers,
        "passwd",
        _passwd,
        "change the archive's password (the new one from SALES_COMPASS_NEW_PASSWORD,"
        " --new-password-file, or typed twice)",
        opens_archive=False,
    )
    p.add_argument(
        "--new-password-file",
        type=Path,
        metavar="FILE",
        help="the new password, on the first line of FILE",
    )
    p.add_argument(
        "--keep-backup",
        action="store_true",
        help="keep the backup made first (it opens with the old password)",
    )


def _zh(en: str, zh: str) -> str:
    return en if lang() == "en" else zh


def _report(result: encryption.ConversionResult, done_en: str, done_zh: str) -> None:
    print(_zh(f"{done_en}: {result.path}", f"{done_zh}：{result.path}"))
    print(_zh(f"attachments: {result.attachments}", f"附件：{result.attachments} 个"))
    if result.backup is not None:
        print(_zh(f"backup made first: {result.backup}", f"转换前的备份：{result.backup}"))
    for copy in result.plain_copies:
        print(
            _zh(
                f"note: this older copy is not encrypted: {copy}",
                f"注意：这份旧副本没有加密：{copy}",
            ),
            file=sys.stderr,
        )


def _encrypt(args: argparse.Namespace, db_path: Path) -> int:
    password = new_password(args, env_new=False)
    result = encryption.encrypt(db_path, password, keep_backup=args.keep_backup)
    _report(result, "encrypted", "档案已加密")
    return 0


def _decrypt(args: argparse.Namespace, db_path: Path) -> int:
    result = encryption.decrypt(db_path)
    _report(result, "decrypted", "档案已解密")
    return 0


def _passwd(args: argparse.Namespace, db_path: Path) -> int:
    password = new_password(args, env_new=True)
    result = encryption.change_password(db_path, password, keep_backup=args.keep_backup)
    _report(result, "password changed", "密码已更改")
    return 0

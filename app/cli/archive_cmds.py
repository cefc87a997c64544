"""backup, restore, check."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import command, fail, lang
from app.domain.errors import AppError
from app.domain.messages import describe
from app.services import archive as archive_service
from app.services.archive import Archive


def register(subparsers) -> None:
    p = command(subparsers, "backup", _backup, "copy the archive and its attachments to DEST")
    p.add_argument("dest", type=Path, help="a file, or a folder to put a dated copy in")
    p = command(
        subparsers, "restore", _restore, "replace the archive by a backup", opens_archive=False
    )
    p.add_argument("source", type=Path)
    p.add_argument("--yes", action="store_true", help="confirm replacing the archive")
    command(subparsers, "check", _check, "check the database, its links and attachment files")


def _backup(args: argparse.Namespace, archive: Archive) -> int:
    dest = archive_service.backup(archive, args.dest)
    print(dest)
    return 0


def _restore(args: argparse.Namespace, db_path: Path) -> int:
    """Runs without opening the archive first: the one being replaced may be the broken one."""
    if not args.yes:
        return fail(describe(AppError("restore_needs_yes"), lang()))
    kept = archive_service.restore(args.source, db_path)
    archive_service.open_archive(db_path).close()  # brings an older backup up to date
    if kept:
        print(f"{'previous archive kept as' if lang() == 'en' else '原档案已保留为'} {kept}")
    print(db_path)
    return 0


def _check(args: argparse.Namespace, archive: Archive) -> int:
    problems = archive_service.check(archive)
    for line in problems:
        print(line)
    if problems:
        return 1
    print("ok")
    return 0

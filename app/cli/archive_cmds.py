"""backup, restore, check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli import command, fail, lang
from app.domain.errors import AppError
from app.domain.messages import describe
from app.services import archive as archive_service
from app.services import backups as backups_service
from app.services.archive import Archive


def register(subparsers) -> None:
    p = command(
        subparsers,
        "backup",
        _backup,
        "copy the archive and its attachments to DEST",
        writes=False,
    )
    p.add_argument(
        "dest",
        help="a file, or a folder (created if missing) to put a dated copy in",
    )
    p = command(
        subparsers,
        "restore",
        _restore,
        "replace the archive by a backup: a file, or an ID from `backups list`",
        opens_archive=False,
    )
    p.add_argument("source", metavar="SOURCE", help="a backup file, or a backup's ID")
    p.add_argument("--yes", action="store_true", help="confirm replacing the archive")
    p = command(
        subparsers,
        "check",
        _check,
        "check the database, its links and attachment files",
        opens_archive=False,
    )
    p.add_argument(
        "--fix-search",
        action="store_true",
        help="rebuild the search index when it is out of step with the records",
    )
    p.set_defaults(team_archive_too=True)  # a team archive is opened and checked as it is


def _zh(en: str, zh: str) -> str:
    return en if lang() == "en" else zh


def _backup(args: argparse.Namespace, archive: Archive) -> int:
    result = archive_service.backup(archive, args.dest)
    print(result.path)
    if result.damaged:
        print(
            _zh(
                f"{len(result.damaged)} damaged attachment file(s) were not copied:",
                f"有 {len(result.damaged)} 个附件文件已损坏，未能备份：",
            ),
            file=sys.stderr,
        )
        for sha in result.damaged:
            print(f"  {sha}", file=sys.stderr)
        return 1
    return 0


def _restore(args: argparse.Namespace, db_path: Path) -> int:
    """Runs without opening the archive first: the one being replaced may be the broken one."""
    if not args.yes:
        return fail(describe(AppError("restore_needs_yes"), lang()))
    from app.cli.passwords import unlock

    unlock(args, Path(args.source))  # an encrypted backup of another password asks for its own
    source = Path(args.source).expanduser()
    if backups_service.looks_like_id(args.source) and not source.exists():
        result = backups_service.restore_backup(db_path, args.source)
    else:
        store = backups_service.attachments_for_file(source)  # a file in the backup folder
        result = archive_service.restore(source, db_path, attachments_from=store)
    archive_service.open_archive(db_path).close()  # brings an older backup up to date
    if result.kept:
        print(f"{_zh('previous archive kept as', '原档案已保留为')} {result.kept}")
    print(db_path)
    return 0


def _check(args: argparse.Namespace, db_path: Path | Archive) -> int:
    """Checks the file as it is: a missing file is reported, never created. A team archive
    comes opened (app.services.archive.check_team_archive)."""
    if isinstance(db_path, Archive):
        problems = _check_team(args, db_path)
    else:
        problems = archive_service.check_path(db_path)
        if problems and args.fix_search:
            problems = _fix_search(db_path, problems)
    for line in problems:
        print(line)
    if problems:
        return 1
    print("ok")
    return 0


def _check_team(args: argparse.Namespace, archive: Archive) -> list[str]:
    """A team archive's check; --fix-search rebuilds its index when only that is out of step."""
    from app.services import search

    problems = archive_service.check(archive)
    if problems and args.fix_search and all(search.index_out_of_step([p]) for p in problems):
        count = search.rebuild_index(archive)
        print(_zh(f"search index rebuilt: {count} documents", f"搜索索引已重建：{count} 条"))
        problems = archive_service.check(archive)
    return problems


def _fix_search(db_path: Path, problems: list[str]) -> list[str]:
    """Rebuilds the search index when only it is out of step; other problems are left to the
    user (a damaged file is not written to)."""
    from app.services import search

    if not search.index_out_of_step(problems):
        return problems
    if any(not search.index_out_of_step([p]) for p in problems):
        return problems
    archive = archive_service.open_archive(db_path)
    try:
        count = search.rebuild_index(archive)
    finally:
        archive.close()
    print(_zh(f"search index rebuilt: {count} documents", f"搜索索引已重建：{count} 条"))
    return archive_service.check_path(db_path)

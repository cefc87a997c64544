"""team push, team checkout, team sync: a laptop's archive into the team archive, and an
offline copy of the team archive for the road (issue 14 §4)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli import command, lang
from app.cli.passwords import new_password, unlock, with_server_login
from app.domain.errors import AppError, ArchiveError


def register_transfer(sub) -> None:
    p = command(
        sub,
        "push",
        _push,
        "move a laptop's archive file (records, attachments, history) into a team archive",
        opens_archive=False,
    )
    p.add_argument("archive", metavar="ARCHIVE", type=Path, help="the archive file to move")
    p.add_argument("address", metavar="URL", help="postgresql://user@host/dbname")
    p = command(
        sub,
        "checkout",
        _checkout,
        "take an offline copy of what this login may see, to work on without a network",
        opens_archive=False,
    )
    p.add_argument("address", metavar="URL", help="postgresql://user@host/dbname")
    p.add_argument("archive", metavar="ARCHIVE", type=Path, help="the new archive file")
    p.add_argument("--encrypt", action="store_true", help="encrypt the copy (asks for a password)")
    p = command(
        sub,
        "sync",
        _sync,
        "send an offline copy's changes to its team archive and bring the others' back",
        opens_archive=False,
    )
    p.add_argument("archive", metavar="ARCHIVE", type=Path, help="the offline copy")
    p.add_argument(
        "--take",
        nargs=2,
        action="append",
        default=[],
        metavar=("mine|theirs", "TABLE:ID:FIELD"),
        help="settle a conflict: keep my value or the server's (FIELD * = the whole record)",
    )
    p.add_argument(
        "--resolutions",
        type=Path,
        metavar="FILE",
        help="conflicts settled in a file, one per line: mine clients:12:notes",
    )


def _zh(en, zh):
    return en if lang() == "en" else zh


def _say(step: str) -> None:
    words = {
        "copy": ("copying records…", "正在复制记录……"),
        "index": ("updating the search index…", "正在更新搜索索引……"),
        "connect": ("connecting to the team archive…", "正在连接团队档案……"),
        "sync": ("comparing and sending changes…", "正在比对并同步改动……"),
    }
    en, zh = words.get(step, (step, step))
    print(_zh(en, zh), file=sys.stderr)


def _push(args: argparse.Namespace, _db: Path) -> int:
    from app.services import team_transfer

    if not args.archive.exists():  # named before any server is asked
        raise ArchiveError("archive_missing", path=str(args.archive))
    unlock(args, args.archive)
    result = with_server_login(
        args.address,
        lambda pw: team_transfer.push(args.archive, args.address, pw, progress=_say),
    )
    headings = _zh(
        ("table", "in the file", "added", "already there", "found on the server"),
        ("表", "档案中", "新增", "原已在服务器", "服务器核对"),
    )
    print(f"{headings[0]:<20}" + "".join(f"{h:>14}" for h in headings[1:]))
    for count in result.counts:
        if count.local:
            figures = (count.local, count.added, count.matched, count.on_server)
            print(f"{count.table:<20}" + "".join(f"{n:>14}" for n in figures))
    print(
        _zh(
            f"Attachment files: {result.files} checked by SHA-256 ({result.files_added} new).",
            f"附件文件：{result.files} 个已按 SHA-256 核对（新增 {result.files_added} 个）。",
        )
    )
    print(
        _zh(
            f"Pushed: {result.added} records added; every row and file is on the server.",
            f"推送完成：新增 {result.added} 条记录；每一行和每个文件都已在服务器上核对无误。",
        )
    )
    if result.index_problem:
        print(
            _zh(
                f"The search index of the team archive could not be rebuilt ({result.index_problem});"
                " the records are in. Run `check --fix-search` on the team archive later.",
                f"团队档案的搜索索引未能重建（{result.index_problem}）；记录已全部推送。"
                "请稍后对团队档案运行 check --fix-search。",
            ),
            file=sys.stderr,
        )
    return 0


def _checkout(args: argparse.Namespace, _db: Path) -> int:
    from app.services import team_transfer

    secret = new_password(args, env_new=False) if args.encrypt else None
    result = with_server_login(
        args.address,
        lambda pw: team_transfer.checkout(
            args.address, args.archive, pw, encrypt_password=secret, progress=_say
        ),
    )
    state = _zh(" (encrypted)", "（已加密）") if secret else ""
    print(
        _zh(
            f"Offline copy {result.path}{state}: {result.records} records from {result.address}.",
            f"离线副本 {result.path}{state}：取出 {result.address} 的 {result.records} 条记录。",
        )
    )
    return 0


def _resolutions(args: argparse.Namespace) -> dict:
    from app.services import team_transfer

    found: dict = {}
    if args.resolutions is not None:
        found.update(team_transfer.read_resolution_file(args.resolutions))
    for choice, reference in args.take:
        found.update(team_transfer.parse_resolution(choice, reference))
    return found


def _sync(args: argparse.Namespace, _db: Path) -> int:
    from app.services import team_transfer
    from app.services.archive import open_archive

    resolutions = _resolutions(args)
    unlock(args, args.archive)
    archive = open_archive(args.archive, create=False)
    try:
        address = team_transfer.team_address_of(archive)
        if address is None:
            raise AppError("not_a_team_copy", path=archive.label)
        result = with_server_login(
            address,
            lambda pw: team_transfer.sync(archive, resolutions, pw, progress=_say),
        )
    finally:
        archive.close()
    _print_sync(result)
    return 1 if result.conflicts else 0


def _print_sync(result) -> None:
    sent, got = result.sent, result.received
    print(
        _zh(
            f"Sent: {sent['new']} new, {sent['edit']} edited, {sent['delete']} deleted."
            f" Received: {got['new']} new, {got['edit']} edited, {got['delete']} deleted.",
            f"已上传：新增 {sent['new']}、修改 {sent['edit']}、删除 {sent['delete']}。"
            f"已取回：新增 {got['new']}、修改 {got['edit']}、删除 {got['delete']}。",
        )
    )
    if result.index_problem:
        print(
            _zh(
                f"The team archive's search index could not follow ({result.index_problem}).",
                f"团队档案的搜索索引未能更新（{result.index_problem}）。",
            ),
            file=sys.stderr,
        )
    if result.resolved:
        print(
            _zh(
                f"Conflicts settled: {result.resolved}.",
                f"已按您的选择处理冲突 {result.resolved} 处。",
            )
        )
    if not result.conflicts:
        return
    print(
        _zh(
            f"{len(result.conflicts)} conflicts: these records changed on both sides and were"
            " left as they are on both. Settle each with --take mine|theirs TABLE:ID:FIELD:",
            f"有 {len(result.conflicts)} 处冲突：以下记录两边都改过，两边都暂未改动。"
            "请逐项用 --take mine|theirs 表:编号:字段 选择：",
        )
    )
    from app.services.team_transfer import conflict_words

    print(
        _zh(
            "TABLE:ID:FIELD | record | base | mine | theirs",
            "表:编号:字段 | 记录 | 原值 | 我的 | 服务器的",
        )
    )
    for c in result.conflicts:
        kind, field = conflict_words(c, lang())
        record = f"{kind}“{c.title}”·{field}" if c.title else f"{kind} #{c.record}·{field}"
        values = (_shown(c.base), _shown(c.mine, c.field), _shown(c.theirs, c.field))
        print(" | ".join((c.ref, record, *values)))


def _shown(value: object, field: str = "") -> str:
    if value is None or value == "":
        return _zh("(deleted)", "（已删除）") if field == "*" else _zh("(empty)", "（空）")
    if isinstance(value, dict):
        return _zh("(changed)", "（有改动）")
    return str(value)

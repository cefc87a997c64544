"""backups now/list/verify/prune/settings: the automatic backups in the backup folder."""

from __future__ import annotations

import argparse
import sys

from app.cli import command, lang, print_json
from app.services import backups
from app.services.archive import Archive

KIND_LABELS = {
    backups.AUTO: ("自动", "auto"),
    backups.MANUAL: ("手动", "manual"),
    backups.BEFORE_UPGRADE: ("升级前", "before-upgrade"),
    backups.BEFORE_RESTORE: ("恢复前", "before-restore"),
}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "backups",
        help="automatic backups: now, list, verify, prune, settings",
        description="The backups in the backup folder (see `backups settings`).",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    command(sub, "now", _now, "back up into the backup folder now, verify, prune", writes=False)
    p = command(sub, "list", _list, "list the backups (newest first)", writes=False)
    p.add_argument("--json", action="store_true")
    p.add_argument("--all", action="store_true", help="every archive's backups in the folder")
    p = command(
        sub,
        "verify",
        _verify,
        "check a backup again (all when no ID): exit 1 when one is bad",
        writes=False,
    )
    p.add_argument("backup_id", nargs="?", metavar="ID")
    command(sub, "prune", _prune, "remove the backups the rotation no longer keeps", writes=False)
    p = command(sub, "settings", _settings, "show or change the backup folder and rotation")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--folder", help="the backup folder (a USB disk, a synced folder...)")
    where.add_argument(
        "--default-folder", action="store_true", help="back to the per-user default folder"
    )
    p.add_argument("--keep-daily", type=int, metavar="N")
    p.add_argument("--keep-weekly", type=int, metavar="N")
    p.add_argument("--keep-monthly", type=int, metavar="N")
    p.add_argument(
        "--warn-days", type=int, metavar="N", help="warn when the newest good backup is older"
    )
    p.add_argument("--auto", choices=["on", "off"], help="automatic backups from the window")
    p.add_argument("--json", action="store_true")


def _zh(en: str, zh: str) -> str:
    return en if lang() == "en" else zh


def kind_label(kind: str) -> str:
    zh, en = KIND_LABELS.get(kind, (kind, kind))
    return _zh(en, zh)


def verified_label(verified: bool | None) -> str:
    if verified is None:
        return _zh("not yet", "待验证")
    return _zh("verified", "已验证") if verified else _zh("FAILED", "未通过")


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    if size < 1024**3:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{size / 1024**3:.2f} GB"


def _entry_json(entry: backups.BackupEntry) -> dict:
    return {
        "id": entry.id,
        "when": entry.created_at.isoformat(sep=" ", timespec="seconds"),
        "kind": entry.kind,
        "size": entry.size,
        "verified": entry.verified,
        "path": str(entry.path),
        "location": entry.location,
        "attachments": entry.attachments,
        "attachments_size": entry.attachments_size,
        "app_version": entry.app_version,
        "schema_revision": entry.schema_revision,
        "counts": entry.counts,
        "problems": list(entry.problems),
    }


def _print_problems(entry: backups.BackupEntry, problems) -> None:
    print(
        _zh(
            f"backup {entry.id} failed verification:",
            f"备份 {entry.id} 未通过验证：",
        ),
        file=sys.stderr,
    )
    for line in problems:
        print(f"  {line}", file=sys.stderr)


def _now(args: argparse.Namespace, archive: Archive) -> int:
    report = backups.back_up(archive, backups.MANUAL)
    entry = report.entry
    print(entry.path)
    print(
        _zh(
            f"id {entry.id}, {verified_label(entry.verified)}; {report.copied_attachments} new"
            f" attachment file(s) copied ({size_text(report.copied_bytes)}), {report.seconds:.1f} s",
            f"编号 {entry.id}，{verified_label(entry.verified)}；新复制附件 "
            f"{report.copied_attachments} 个（{size_text(report.copied_bytes)}），用时 "
            f"{report.seconds:.1f} 秒",
        )
    )
    for adopted in report.adopted:
        print(
            _zh(
                f"moved into the backup folder: {kind_label(adopted.kind)} copy {adopted.id}",
                f"已移入备份文件夹：{kind_label(adopted.kind)}副本 {adopted.id}",
            )
        )
    if report.removed:
        print(
            _zh(
                f"{len(report.removed)} old backup(s) removed by the rotation",
                f"按保留规则删除旧备份 {len(report.removed)} 份",
            )
        )
    for failed in report.failed:
        _print_problems(failed, failed.problems)
    return 0 if report.ok else 1


def _list(args: argparse.Namespace, archive: Archive) -> int:
    entries = backups.backups_of(archive, everything=args.all)
    if args.json:
        print_json([_entry_json(e) for e in entries])
        return 0
    folder = backups.backup_settings(archive).folder
    print(_zh(f"backup folder: {folder}", f"备份文件夹：{folder}"))
    if not entries:
        print(_zh("no backups yet", "还没有备份"))
        return 0
    header = _zh("id / when / kind / size / verified", "编号 / 时间 / 类型 / 大小 / 验证")
    print(header)
    for entry in entries:
        where = "" if entry.location == "folder" else _zh("  (beside the archive)", "（在档案旁）")
        print(
            f"{entry.id:<18} {entry.created_at:%Y-%m-%d %H:%M}  {kind_label(entry.kind):<6}"
            f" {size_text(entry.size):>9}  {verified_label(entry.verified)}{where}"
        )
    return 0


def _verify(args: argparse.Namespace, archive: Archive) -> int:
    folder = backups.backup_settings(archive).folder
    results = backups.verify(archive.file_path(), folder, args.backup_id)
    if not results:
        print(
            _zh(f"no backups of this archive in {folder}", f"备份文件夹“{folder}”中还没有备份"),
            file=sys.stderr,
        )
        return 1
    for result in results:
        if result.good:
            print(f"{result.entry.id}  {verified_label(True)}")
        else:
            print(f"{result.entry.id}  {verified_label(False)}")
            _print_problems(result.entry, result.problems)
    return 0 if all(r.good for r in results) else 1


def _prune(args: argparse.Namespace, archive: Archive) -> int:
    report = backups.prune(archive)
    for entry in report.adopted:
        print(
            _zh(
                f"moved into the backup folder: {kind_label(entry.kind)} copy {entry.id}",
                f"已移入备份文件夹：{kind_label(entry.kind)}副本 {entry.id}",
            )
        )
    for entry in report.removed:
        print(
            _zh(
                f"removed {entry.id} ({kind_label(entry.kind)})",
                f"已删除 {entry.id}（{kind_label(entry.kind)}）",
            )
        )
    print(
        _zh(
            f"{len(report.removed)} backup(s) and {report.attachments_removed} attachment file(s)"
            f" removed, {size_text(report.bytes_freed)} freed",
            f"共删除备份 {len(report.removed)} 份、附件文件 {report.attachments_removed} 个，"
            f"释放 {size_text(report.bytes_freed)}",
        )
    )
    return 0


def _settings(args: argparse.Namespace, archive: Archive) -> int:
    changes = {
        "keep_daily": args.keep_daily,
        "keep_weekly": args.keep_weekly,
        "keep_monthly": args.keep_monthly,
        "warn_after_days": args.warn_days,
    }
    if args.auto is not None:
        changes["automatic"] = args.auto == "on"
    if args.folder is not None:
        changes["folder"] = args.folder
    if args.default_folder:
        changes["default_folder"] = True
    if any(value is not None for value in changes.values()):
        current = backups.save_backup_settings(archive, **changes)
    else:
        current = backups.backup_settings(archive)
    if args.json:
        print_json(
            {
                "folder": str(current.folder),
                "default_folder": not current.custom_folder,
                "keep_daily": current.keep_daily,
                "keep_weekly": current.keep_weekly,
                "keep_monthly": current.keep_monthly,
                "warn_after_days": current.warn_after_days,
                "automatic": current.automatic,
            }
        )
        return 0
    default = _zh(" (default)", "（默认）") if not current.custom_folder else ""
    on = _zh("on", "开") if current.automatic else _zh("off", "关")
    print(
        _zh(f"backup folder: {current.folder}{default}", f"备份文件夹：{current.folder}{default}")
    )
    print(
        _zh(
            f"keep: {current.keep_daily} daily, {current.keep_weekly} weekly,"
            f" {current.keep_monthly} monthly",
            f"保留：每日 {current.keep_daily} 份，每周 {current.keep_weekly} 份，"
            f"每月 {current.keep_monthly} 份",
        )
    )
    print(
        _zh(
            f"warn when the newest good backup is older than {current.warn_after_days} days",
            f"最新的有效备份超过 {current.warn_after_days} 天时提醒",
        )
    )
    print(_zh(f"automatic backups: {on}", f"自动备份：{on}"))
    return 0

"""bin list / restore / purge / retention: the recycle bin (回收站) from the command line."""

from __future__ import annotations

import argparse

from app.cli import command, fail, lang, print_json
from app.cli.lazy import lazy
from app.domain.errors import AppError, ValidationError
from app.domain.messages import describe, record_name
from app.services import bin_list
from app.services.archive import Archive

# imported by the commands that restore or purge: `bin list` reads without SQLAlchemy (issue 11)
recycle_bin = lazy("app.services.recycle_bin")

KIND_HELP = ", ".join(bin_list.KINDS)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "bin",
        help="the recycle bin (回收站): list, restore or purge deleted records",
        description="Deleted records wait in the recycle bin (回收站) until they are restored,"
        " purged, or older than the retention period (default 90 days).",
    )
    sub = parser.add_subparsers(dest="bin_cmd", metavar="ACTION", required=True)
    p = command(sub, "list", _list, "what is in the recycle bin, newest first", writes=False)
    p.add_argument("--kind", help=f"only this kind: {KIND_HELP}")
    p.add_argument("--json", action="store_true")

    p = command(sub, "restore", _restore, "put a deleted record back, with its links and files")
    p.add_argument("kind", metavar="KIND", help=KIND_HELP)
    p.add_argument("record_id", type=int, metavar="ID")

    p = command(
        sub,
        "purge",
        _purge,
        "delete for good: one record (KIND ID), those older than --older-than DAYS, or all",
    )
    p.add_argument("kind", nargs="?", metavar="KIND", help=KIND_HELP)
    p.add_argument("record_id", nargs="?", type=int, metavar="ID")
    p.add_argument("--older-than", type=int, metavar="DAYS", help="deleted more than DAYS ago")
    p.add_argument("--yes", action="store_true", help="confirm: purged records cannot come back")

    p = command(sub, "retention", _retention, "show or set how many days deleted records are kept")
    p.add_argument("days", nargs="?", type=int, metavar="DAYS")
    p.add_argument("--json", action="store_true")


def restore_hint(kind: str, record_id: int) -> str:
    """What a delete command adds to its (Chinese) line: where the record went and how it
    comes back."""
    return f"；已移入回收站，如需恢复：sales-compass bin restore {kind} {record_id}"


def _english() -> bool:
    return lang() == "en"


def _kind_label(kind: str) -> str:
    return record_name("meeting" if kind == "minutes" else kind, lang())


def _list(args: argparse.Namespace, archive: Archive) -> int:
    kind = bin_list.kind_of(args.kind) if args.kind else None
    items = bin_list.list_items(archive, kind)
    if args.json:
        print_json(
            {
                "total": len(items),
                "retention_days": bin_list.retention_days(archive),
                "items": [
                    {
                        "kind": i.kind,
                        "id": i.record_id,
                        "title": i.title,
                        "deleted_by": i.deleted_by,
                        "deleted_at": i.deleted_at,
                        "item": i.id,
                    }
                    for i in items
                ],
            }
        )
        return 0
    for i in items:
        when = i.deleted_at.strftime("%Y-%m-%d %H:%M")
        print(f"{i.kind:<13} #{i.record_id:<7} {i.title}  {i.deleted_by}  {when}".rstrip())
    if _english():
        print(f"({len(items)} in the recycle bin; put one back with: bin restore KIND ID)")
    else:
        print(f"（回收站中共 {len(items)} 项；恢复：bin restore 类型 编号）")
    return 0


def _restore(args: argparse.Namespace, archive: Archive) -> int:
    kind = bin_list.kind_of(args.kind)
    restored = recycle_bin.restore(archive, kind, args.record_id)
    label = _kind_label(restored.kind)
    if _english():
        print(f"Restored {label.lower()} #{restored.record_id} {restored.title}")
    else:
        print(f"已恢复{label} #{restored.record_id}“{restored.title}”")
    return 0


def _purge(args: argparse.Namespace, archive: Archive) -> int:
    if args.kind is not None and args.record_id is None:
        raise ValidationError("kind", "bin_kind_without_id", value=args.kind)
    if args.kind is not None and args.older_than is not None:
        raise ValidationError("older_than", "bin_one_or_older")
    if args.kind is not None:
        item = recycle_bin.find_item(archive, bin_list.kind_of(args.kind), args.record_id)
        label = _kind_label(item.kind)
        what = (f"{label}“{item.title}”", f"the {label.lower()} '{item.title}'")
        if not args.yes:
            return _needs_yes(what)
        recycle_bin.purge_item(archive, item.id)
        done = 1
    else:
        days = 0 if args.older_than is None else args.older_than
        count = len(recycle_bin.older_than(archive, days))
        if days:
            what = (
                f"回收站中 {days} 天前删除的 {count} 项",
                f"the {count} item(s) deleted over {days} days ago",
            )
        else:
            what = (f"回收站中的全部 {count} 项", f"all {count} item(s) in the recycle bin")
        if count and not args.yes:
            return _needs_yes(what)
        done = recycle_bin.purge_older_than(archive, days)
    if _english():
        print(f"Purged {done} item(s) for good")
    else:
        print(f"已彻底删除 {done} 项")
    return 0


def _needs_yes(what: tuple[str, str]) -> int:
    shown = what[1] if _english() else what[0]
    return fail(describe(AppError("purge_needs_yes", what=shown), lang()))


def _retention(args: argparse.Namespace, archive: Archive) -> int:
    if args.days is not None:
        recycle_bin.set_retention_days(archive, args.days)
    days = bin_list.retention_days(archive)
    if args.json:
        print_json({"retention_days": days})
    elif _english():
        print(f"Deleted records are kept {days} days in the recycle bin")
    else:
        print(f"回收站保留 {days} 天")
    return 0

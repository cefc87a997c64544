"""history: the change history (修改记录) of one record, or the latest changes of the archive."""

from __future__ import annotations

import argparse

from app.cli import add_limit_argument, command, lang, limit_of, print_json
from app.domain import history as words
from app.domain.errors import ValidationError
from app.services import history
from app.services.archive import Archive
from app.services.history import HistoryEntry


def register(subparsers) -> None:
    p = command(
        subparsers,
        "history",
        _history,
        "who changed a record, when, field by field (修改记录); without KIND ID the latest"
        " changes of the archive, imports included",
        writes=False,
    )
    p.add_argument(
        "kind", nargs="?", metavar="KIND", help="/".join(history.KINDS) + " (or 客户, 投标项目…)"
    )
    p.add_argument("record_id", nargs="?", type=int, metavar="ID")
    add_limit_argument(p, 50, "latest changes shown without KIND ID")
    p.add_argument("--json", action="store_true")


def kind_of(text: str) -> str:
    """'client', 'Client' or 客户 -> 'client' ('meeting' is 'minutes', as in the bin)."""
    wanted = text.strip()
    if wanted.lower() in ("meeting", "meetings"):
        return "minutes"
    for kind in history.KINDS:
        zh, en = words.KIND_LABELS[kind]
        if wanted.lower() in (kind, en.lower()) or wanted == zh:
            return kind
    raise ValidationError("kind", "unknown_sort", value=text, choices="/".join(history.KINDS))


def _history(args: argparse.Namespace, archive: Archive) -> int:
    language = lang()
    if args.kind is None:
        entries = history.recent_history(archive, limit_of(args))
    else:
        if args.record_id is None:
            raise ValidationError("record_id", "required")
        entries = history.record_history(archive, kind_of(args.kind), args.record_id)
    if args.json:
        print_json([_jsonable(e, language) for e in entries])
        return 0
    if not entries:
        print(_nothing(args, language))
        return 0
    for entry in entries:
        print(_heading(entry, language, with_record=args.kind is None))
        for line in entry.lines(language):
            print(f"  {line}")
    return 0


def _heading(entry: HistoryEntry, language: str, with_record: bool) -> str:
    """'2026-11-26 10:30  王芳  修改' (with the record, or the count of a bulk entry)."""
    parts = [f"{entry.at:%Y-%m-%d %H:%M}", entry.user or "—", entry.what(language)]
    if entry.action == "bulk":
        kind = words.kind_name(entry.kind, language)
        count = f"{entry.count} records" if language == "en" else f"{entry.count} 条"
        parts.append(f"{kind} {count} {entry.title}".strip())
    elif with_record:
        parts.append(f"{words.kind_name(entry.kind, language)} #{entry.record_id} {entry.title}")
    return "  ".join(parts)


def _nothing(args: argparse.Namespace, language: str) -> str:
    if args.kind is None:
        return "No changes recorded yet." if language == "en" else "还没有修改记录。"
    kind = words.kind_name(kind_of(args.kind), language)
    if language == "en":
        return f"No changes recorded for {kind} #{args.record_id}."
    return f"{kind} #{args.record_id} 没有修改记录。"


def _jsonable(entry: HistoryEntry, language: str) -> dict:
    return {
        "id": entry.id,
        "at": entry.at,
        "user": entry.user,
        "action": entry.action,
        "action_label": entry.what(language),
        "kind": entry.kind,
        "record_id": entry.record_id,
        "title": entry.title,
        "count": entry.count,
        "changes": [
            {
                "field": change.field,
                "label": words.field_name(entry.kind, change.field, language),
                "old": change.old,
                "new": change.new,
            }
            for change in entry.changes
        ],
        "lines": entry.lines(language),
    }

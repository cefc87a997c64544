"""A save refused because someone else changed the record first, in words (issue 14 §3):
「此记录已被 王五 于 2026-12-06 10:05 修改：电话 由“010-1”改为“010-2”；您的修改尚未保存。」"""

from __future__ import annotations

from datetime import datetime

from app.domain import history as words
from app.domain.errors import ConflictError, MissedChange


def _when(at: object) -> str:
    return at.strftime("%Y-%m-%d %H:%M") if isinstance(at, datetime) else str(at or "")


def _value(value: str | None, lang: str) -> str:
    if value in (None, ""):
        return words.EMPTY[1] if lang == "en" else words.EMPTY[0]
    return f"“{value}”"


def _change(kind: str, change: MissedChange, lang: str) -> str:
    name = words.field_name(kind, change.field, lang)
    then, now = _value(change.then, lang), _value(change.now, lang)
    if lang == "en":
        return f"{name} from {then} to {now}"
    return f"{name} 由{then}改为{now}"


def conflict_lines(error: ConflictError, lang: str = "zh") -> list[str]:
    """Who and when (ending in ':' when fields follow), one line per field changed, and that
    nothing was saved: for a message box."""
    who, when = error.who, _when(error.at)
    changes = [_change(error.kind, c, lang) for c in error.changes]
    if lang == "en":
        head = f"{who or 'Someone else'} changed this record" + (f" at {when}" if when else "")
        return [head + (":" if changes else "."), *changes, "Your changes are not saved yet."]
    head = f"此记录已被 {who or '他人'} " + (f"于 {when} 修改" if when else "修改")
    return [head + ("：" if changes else "；"), *changes, "您的修改尚未保存。"]


def conflict_text(error: ConflictError, lang: str = "zh") -> str:
    """The same in one line (the command line, a status bar)."""
    head, *changes, tail = conflict_lines(error, lang)
    if lang == "en":
        body = "; ".join(changes)
        return f"{head} {body}; your changes are not saved yet." if changes else f"{head} {tail}"
    return f"{head}{'；'.join(changes)}；{tail}" if changes else f"{head}{tail}"

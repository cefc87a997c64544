"""A save refused because someone else changed the record first, in words (issue 14 §3):
「此记录已被 王五 于 2026-12-06 10:05 修改：电话 由“010-1”改为“010-2”；您的修改尚未保存。」"""

from __future__ import annotations

from datetime import datetime

from app.domain import history as words
from app.domain.errors import ConflictError, MissedChange


def _when(at: object) -> str:
    return at.strftime("%Y-%m-%d %H:%M") if isinstance(at, datetime) else str(at or "")


def _change(kind: str, change: MissedChange, lang: str) -> str:
    name = words.field_name(kind, change.field, lang)
    then, now = change.then or "", change.now or ""
    if lang == "en":
        return f"{name} from “{then}” to “{now}”"
    return f"{name} 由“{then}”改为“{now}”"


def conflict_text(error: ConflictError, lang: str = "zh") -> str:
    who, when = error.who, _when(error.at)
    changes = [_change(error.kind, c, lang) for c in error.changes]
    if lang == "en":
        head = f"{who or 'Someone else'} changed this record"
        head += f" at {when}" if when else ""
        body = f": {'; '.join(changes)}" if changes else ""
        return f"{head}{body}; your changes are not saved yet."
    head = f"此记录已被 {who or '他人'} "
    head += f"于 {when} 修改" if when else "修改"
    body = f"：{'；'.join(changes)}" if changes else ""
    return f"{head}{body}；您的修改尚未保存。"

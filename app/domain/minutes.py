"""Meeting minutes (会议纪要) and their follow-up (督促落实): drafts, validation, action-item
statuses, the 一、二、三 numbering of decisions and the overdue rules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from app.domain.cn_numbers import an2cn
from app.domain.errors import FieldProblem, ValidationError, ValidationErrors
from app.domain.parsing import parse_date
from app.domain.text import clean, clean_multiline


class ActionStatus(StrEnum):
    """未开始 and 进行中 are open and chased; 已完成 and 已取消 are closed and need a result
    (what was done, or why it was dropped), so the follow-up report never has a silent gap."""

    NOT_STARTED = "未开始"
    IN_PROGRESS = "进行中"
    DONE = "已完成"
    CANCELLED = "已取消"


OPEN_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)
CLOSED_STATUSES = (ActionStatus.DONE, ActionStatus.CANCELLED)

TITLE_LIMIT = 300
NAME_LIMIT = 100
LIST_LIMIT = 500  # 分送 / 抄送


def is_open(status: str) -> bool:
    return status in OPEN_STATUSES


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 20 -> 二十, 101 -> 一百零一."""
    if n < 1:
        raise ValueError(f"not a positive ordinal: {n}")
    return an2cn(n)


def chinese_ordinal(n: int) -> str:
    """The heading number of the n-th decision: 一、 二、 … 十一、"""
    return f"{chinese_numeral(n)}、"


def minutes_number(year: int | None, seq: int | None) -> str:
    """The 纪要编号 as printed: (2026, 3) -> 〔2026〕第3期; '' for minutes without one."""
    if not year or not seq:
        return ""
    return f"〔{year}〕第{seq}期"


def cn_date(day: date) -> str:
    """Dates as every printed document has them, unpadded: 2026年3月5日."""
    return f"{day.year}年{day.month}月{day.day}日"


def meeting_time_text(held_at: datetime) -> str:
    """2026年3月5日 9:00 (the minutes' 时间; 00:00 is a meeting without a time of day)."""
    if held_at.hour == 0 and held_at.minute == 0:
        return cn_date(held_at)
    return f"{cn_date(held_at)} {held_at.hour}:{held_at.minute:02d}"


def days_overdue(due_on: date | None, status: str, today: date) -> int:
    """Whole days past the due day for an open item; 0 when not overdue."""
    if due_on is None or not is_open(status) or due_on >= today:
        return 0
    return (today - due_on).days


def is_overdue(due_on: date | None, status: str, today: date) -> bool:
    return days_overdue(due_on, status, today) > 0


def is_due_today(due_on: date | None, status: str, today: date) -> bool:
    return due_on == today and is_open(status)


@dataclass(frozen=True)
class ActionItemDraft:
    task: str
    owner: str
    helpers: str = ""
    due_on: date | None = None
    status: str = ActionStatus.NOT_STARTED
    result: str = ""
    id: int | None = None  # an existing item keeps its id (and its place in the follow-up)


@dataclass(frozen=True)
class MeetingDraft:
    title: str
    held_at: datetime | None
    place: str = ""
    host: str = ""
    attendees: str = ""  # 出席
    observers: str = ""  # 列席
    absentees: str = ""  # 请假
    recorder: str = ""
    reviewer: str = ""
    agenda: str = ""
    discussion: str = ""
    decisions: tuple[str, ...] = ()
    actions: tuple[ActionItemDraft, ...] = ()
    other_matters: str = ""
    next_meeting: str = ""
    client_ids: tuple[int, ...] = ()
    tender_id: int | None = None
    distribution: str = ""  # 分送: who receives the minutes (people or departments)
    copies_to: str = ""  # 抄送


def check_closing(status: str, result: str) -> None:
    """Closing an item (已完成 or 已取消) needs its result written down."""
    if status in CLOSED_STATUSES and not (result or "").strip():
        raise ValidationError("action_result", "result_required")


def parse_action_due(text: str, row: int) -> date | None:
    """The 完成时限 typed for the `row`-th item ('' -> None); a wrong one is refused naming its
    item (完成时限：第 2 项的日期“2026-02-30”不存在), as the item's other fields are."""
    try:
        return parse_date(text, "action_due") if (text or "").strip() else None
    except ValidationError as error:
        details = {"row": row, **error.details}
        problem = FieldProblem("action_due", f"row_{error.code}", details)
        raise ValidationErrors([problem]) from None


def validate_action(item: ActionItemDraft) -> ActionItemDraft:
    task, owner = clean_multiline(item.task), clean(item.owner)
    if not task:
        raise ValidationError("action_task", "required")
    if not owner:
        raise ValidationError("action_owner", "required")
    if len(owner) > NAME_LIMIT:
        raise ValidationError("action_owner", "too_long", limit=NAME_LIMIT)
    if len(clean(item.helpers)) > TITLE_LIMIT:
        raise ValidationError("action_helpers", "too_long", limit=TITLE_LIMIT)
    status = clean(str(item.status)) or ActionStatus.NOT_STARTED
    if status not in {s.value for s in ActionStatus}:
        raise ValidationError("action_status", "unknown_kind", value=status)
    result = clean_multiline(item.result)
    check_closing(status, result)
    return replace(
        item,
        task=task,
        owner=owner,
        helpers=clean(item.helpers),
        status=ActionStatus(status),
        result=result,
    )


def validate_meeting(draft: MeetingDraft) -> MeetingDraft:
    """A cleaned copy of the draft, or ValidationErrors naming every wrong field (the action
    items' fields carry their row: action_task[2])."""
    problems: list[FieldProblem] = []
    title = clean(draft.title)
    if not title:
        problems.append(FieldProblem("meeting_title", "required"))
    elif len(title) > TITLE_LIMIT:
        problems.append(FieldProblem("meeting_title", "too_long", {"limit": TITLE_LIMIT}))
    if draft.held_at is None:
        problems.append(FieldProblem("held_at", "required"))
    for name in ("host", "recorder", "reviewer"):
        if len(clean(getattr(draft, name))) > NAME_LIMIT:
            problems.append(FieldProblem(f"meeting_{name}", "too_long", {"limit": NAME_LIMIT}))
    for name in ("distribution", "copies_to"):
        if len(_names(getattr(draft, name))) > LIST_LIMIT:
            problems.append(FieldProblem(f"meeting_{name}", "too_long", {"limit": LIST_LIMIT}))
    actions = []
    for row, item in enumerate(draft.actions, start=1):
        try:
            actions.append(validate_action(item))
        except ValidationError as error:
            details = {"row": row, **error.details}
            problems.append(FieldProblem(error.field, f"row_{error.code}", details))
    if problems:
        raise ValidationErrors(problems)
    return replace(
        draft,
        title=title,
        place=clean(draft.place),
        host=clean(draft.host),
        attendees=_names(draft.attendees),
        observers=_names(draft.observers),
        absentees=_names(draft.absentees),
        recorder=clean(draft.recorder),
        reviewer=clean(draft.reviewer),
        agenda=clean_multiline(draft.agenda),
        discussion=clean_multiline(draft.discussion),
        decisions=tuple(d for d in map(clean_multiline, draft.decisions) if d),
        actions=tuple(actions),
        other_matters=clean_multiline(draft.other_matters),
        next_meeting=clean(draft.next_meeting),
        client_ids=tuple(dict.fromkeys(draft.client_ids)),
        distribution=_names(draft.distribution),
        copies_to=_names(draft.copies_to),
    )


def _names(text: str) -> str:
    """Attendee lists are kept as '张三、李四' whatever the separators typed."""
    parts = [p.strip() for p in _split_names(text or "") if p.strip()]
    return "、".join(dict.fromkeys(parts))


def _split_names(text: str) -> list[str]:
    for sep in (",", ",", ";", ";", "\n", " ", "、"):
        text = text.replace(sep, "\u0000")
    return text.split("\u0000")


def split_names(text: str) -> list[str]:
    return [p for p in _names(text).split("、") if p]

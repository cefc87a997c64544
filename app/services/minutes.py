"""Meeting minutes (会议纪要) and follow-up (督促落实): meetings with decisions and action items,
linked to clients and a tender; the follow-up list of open items, closing with a result, the
per-owner overdue digest, and the printed minutes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from app.db.list_filters import MeetingFilter
from app.db.models import ActionItem, Meeting
from app.db.repositories import minutes as repo
from app.domain.blocks import Block, Fields, Gap, Grid, Heading, NewPage, Para, Signature
from app.domain.errors import CancelledError, NotFoundError, ValidationError
from app.domain.handwriting import HAND_DATE, SIGN_LINE
from app.domain.minutes import (
    ActionItemDraft,
    ActionStatus,
    MeetingDraft,
    check_closing,
    chinese_ordinal,
    cn_date,
    is_open,
    meeting_time_text,
    parse_action_due,
    split_names,
    validate_meeting,
)
from app.domain.text import clean_multiline
from app.domain.typography import chinese_punctuation
from app.exports.document_pdf import render_document
from app.services import indexing, record_versions, recycle_bin, settings
from app.services.archive import Archive
from app.services.minutes_list import (  # noqa: F401 - the records' names, used through this module
    OPEN,
    PAGE,
    ActionPage,
    ActionRow,
    ClientRef,
    MeetingDetail,
    MeetingRow,
    action_row,
    get_meeting,
    list_meetings,
    meeting_detail,
    minutes_title,
    open_actions,
    refs,
)
from app.services.minutes_list import (
    action_filter as _filter,
)

__all__ = ["ActionItemDraft", "ActionStatus", "MeetingDraft", "MeetingFilter"]


@dataclass(frozen=True)
class ActionCounts:
    open: int
    due_today: int
    overdue: int


@dataclass(frozen=True)
class OwnerDigest:
    owner: str
    items: tuple[ActionRow, ...]


@dataclass(frozen=True)
class Digest:
    today: date
    owners: tuple[OwnerDigest, ...]
    text: str

    @property
    def total(self) -> int:
        return sum(len(o.items) for o in self.owners)


# --- rows ------------------------------------------------------------------------------------


# --- meetings --------------------------------------------------------------------------------


def _check_links(session, draft: MeetingDraft) -> None:
    missing = set(draft.client_ids) - repo.existing_client_ids(session, draft.client_ids)
    if missing:
        raise NotFoundError("client", min(missing))
    if draft.tender_id is not None and repo.tender_title(session, draft.tender_id) is None:
        raise NotFoundError("tender", draft.tender_id)


def _apply(meeting: Meeting, draft: MeetingDraft) -> None:
    for name in (
        "title",
        "held_at",
        "place",
        "host",
        "attendees",
        "observers",
        "absentees",
        "recorder",
        "reviewer",
        "agenda",
        "discussion",
        "other_matters",
        "next_meeting",
        "tender_id",
        "distribution",
        "copies_to",
    ):
        setattr(meeting, name, getattr(draft, name))


def _number(session, meeting: Meeting, year: int) -> None:
    """New minutes take the next 纪要编号 of their meeting's year; minutes moved to another year
    take that year's next number (the old one is not given out again). Taken before anything
    else of the minutes changes (the counter's flush would write them twice: two versions)."""
    if meeting.number_year != year or not meeting.number_seq:
        seq = repo.next_minutes_number(session, year)
        meeting.number_year = year
        meeting.number_seq = seq


def _write_actions(session, meeting_id: int, items, today: date) -> tuple[list, list[int]]:
    """Updates kept items in place (ids stay), adds new ones, deletes dropped ones."""
    existing = {a.id: a for a in repo.actions(session, meeting_id)}
    written = []
    for position, item in enumerate(items, start=1):
        action = existing.pop(item.id, None) if item.id is not None else None
        if action is None:
            action = ActionItem(meeting_id=meeting_id)
            session.add(action)
        _apply_action(action, item, position, today)
        written.append(action)
    for action in existing.values():
        session.delete(action)
    return written, list(existing)


def _apply_action(action: ActionItem, item: ActionItemDraft, position: int, today: date) -> None:
    was_open = action.status is None or is_open(action.status)
    action.position = position
    action.task = item.task
    action.owner = item.owner
    action.helpers = item.helpers
    action.due_on = item.due_on
    action.status = str(item.status)
    action.result = item.result
    if is_open(action.status):
        action.closed_on = None
    elif was_open or action.closed_on is None:
        action.closed_on = today


def _save(
    archive: Archive, meeting_id: int | None, draft: MeetingDraft, expected: int | None = None
) -> MeetingDetail:
    draft = validate_meeting(draft)
    now, today = archive.now(), archive.today()
    with archive.db.session() as session:
        _check_links(session, draft)
        if meeting_id is None:
            meeting = Meeting(created_at=now)
        else:
            meeting = _get(session, meeting_id)
            record_versions.check(session, "minutes", meeting, expected)
        _number(session, meeting, draft.held_at.year)
        _apply(meeting, draft)
        meeting.updated_at = now
        session.add(meeting)
        session.flush()
        repo.set_decisions(session, meeting.id, draft.decisions)
        repo.set_clients(session, meeting.id, draft.client_ids)
        actions, dropped = _write_actions(session, meeting.id, draft.actions, today)
        session.flush()
        _reindex(session, meeting, draft, actions, dropped)
        return meeting_detail(repo, session, meeting, today)


def _reindex(session, meeting, draft: MeetingDraft, actions, dropped: list[int]) -> None:
    names = [n for _, n in repo.clients_of(session, [meeting.id]).get(meeting.id, [])]
    docs = [indexing.meeting_document(meeting, list(draft.decisions), names)]
    docs += [indexing.action_document(a, meeting.title) for a in actions]
    indexing.reindex(session, docs)
    if dropped:
        indexing.unindex(session, "action", dropped)


def create_meeting(archive: Archive, draft: MeetingDraft) -> MeetingDetail:
    return _save(archive, None, draft)


def update_meeting(
    archive: Archive, meeting_id: int, draft: MeetingDraft, expected_version: int | None = None
) -> MeetingDetail:
    """Saves the minutes with their decisions and action items; refused when they changed
    after `expected_version` (ConflictError, nothing saved; None: no check)."""
    return _save(archive, meeting_id, draft, expected_version)


def delete_meeting(archive: Archive, meeting_id: int) -> None:
    """Moves the minutes, with their decisions and action items, to the recycle bin."""

    with archive.db.session() as session:
        _get(session, meeting_id)
        recycle_bin.move_to_bin(archive, session, "minutes", meeting_id)


def _get(session, meeting_id: int) -> Meeting:
    meeting = repo.get(session, meeting_id)
    if meeting is None:
        raise NotFoundError("meeting", meeting_id)
    return meeting


def meetings_for_client(archive: Archive, client_id: int) -> list[MeetingRow]:
    """The client's meetings, newest first (for the client's timeline)."""
    return list_meetings(archive, MeetingFilter(client_id=client_id))


def meeting_of_action(archive: Archive, action_id: int) -> int:
    with archive.db.read() as session:
        return _get_action(session, action_id).meeting_id


# --- follow-up -------------------------------------------------------------------------------


def open_action_ids(
    archive: Archive,
    owner: str | None = None,
    client_id: int | None = None,
    overdue_only: bool = False,
) -> Sequence[int]:
    """The ids of every item `open_actions` lists, in its order (overdue first)."""
    with archive.db.read() as session:
        return repo.open_action_ids(session, _filter(archive, owner, client_id, overdue_only))


def action_rows(archive: Archive, action_ids: Sequence[int]) -> list[ActionRow]:
    """The rows of these action items (any order; an id no longer there is left out)."""
    today = archive.today()
    with archive.db.read() as session:
        return [action_row(a, t, h, today) for a, t, h in repo.actions_by_ids(session, action_ids)]


def all_open_actions(archive: Archive, **filters) -> list[ActionRow]:
    out: list[ActionRow] = []
    while True:
        page = open_actions(archive, limit=2000, offset=len(out), **filters)
        out.extend(page.rows)
        if len(page.rows) < 2000:
            return out


def action_owners(archive: Archive) -> list[str]:
    with archive.db.read() as session:
        return repo.open_owners(session, OPEN)


def _get_action(session, action_id: int) -> ActionItem:
    action = repo.get_action(session, action_id)
    if action is None:
        raise NotFoundError("action", action_id)
    return action


def get_action(archive: Archive, action_id: int) -> ActionRow:
    with archive.db.read() as session:
        action = _get_action(session, action_id)
        meeting = _get(session, action.meeting_id)
        return action_row(action, meeting.title, meeting.held_at, archive.today())


def _set_status(archive: Archive, action_id: int, status: str, result: str | None) -> ActionRow:
    today = archive.today()
    with archive.db.session() as session:
        action = _get_action(session, action_id)
        meeting = _get(session, action.meeting_id)
        new_result = action.result if result is None else clean_multiline(result)
        check_closing(status, new_result)
        item = ActionItemDraft(
            action.task, action.owner, action.helpers, action.due_on, status, new_result
        )
        _apply_action(action, item, action.position, today)
        meeting.updated_at = archive.now()  # the minutes moved on: a dialog open on them is stale
        session.flush()
        indexing.reindex(session, [indexing.action_document(action, meeting.title)])
        return action_row(action, meeting.title, meeting.held_at, today)


def close_action(
    archive: Archive, action_id: int, result: str, status: str = ActionStatus.DONE
) -> ActionRow:
    """Closes an item as 已完成 (or 已取消); refused without its result written down."""
    if status not in (ActionStatus.DONE, ActionStatus.CANCELLED):
        raise ValidationError("action_status", "unknown_kind", value=status)
    return _set_status(archive, action_id, str(status), result or "")


def start_action(archive: Archive, action_id: int) -> ActionRow:
    return _set_status(archive, action_id, ActionStatus.IN_PROGRESS, None)


def reopen_action(archive: Archive, action_id: int) -> ActionRow:
    """Back to 进行中; the earlier result is kept for the record."""
    return _set_status(archive, action_id, ActionStatus.IN_PROGRESS, None)


def action_counts(archive: Archive) -> ActionCounts:
    today = archive.today()
    with archive.db.read() as session:
        return ActionCounts(
            repo.count_actions(session, _filter(archive, None, None, False)),
            repo.count_actions(session, replace(_filter(archive, None, None, False), due_by=today))
            - repo.count_actions(session, _filter(archive, None, None, True)),
            repo.count_actions(session, _filter(archive, None, None, True)),
        )


def due_actions(archive: Archive, limit: int = 20) -> list[ActionRow]:
    """Open items that are overdue or due today, most overdue first (the home page panel)."""
    flt = _filter(archive, None, None, False, due_by=archive.today())
    today = archive.today()
    with archive.db.read() as session:
        rows = repo.open_actions(session, flt, limit, 0)
        return [action_row(a, t, h, today) for a, t, h in rows]


# --- overdue digest --------------------------------------------------------------------------


def overdue_digest(archive: Archive, owner: str | None = None) -> Digest:
    """Overdue items grouped per owner, as text a user can paste into a message."""
    today = archive.today()
    items = all_open_actions(archive, owner=owner, overdue_only=True)
    groups: dict[str, list[ActionRow]] = {}
    for row in items:
        groups.setdefault(row.owner, []).append(row)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    owners = tuple(OwnerDigest(name, tuple(rows)) for name, rows in ordered)
    return Digest(today, owners, digest_text(today, owners))


def digest_text(today: date, owners: tuple[OwnerDigest, ...]) -> str:
    head = f"督促落实催办({today:%Y-%m-%d})"
    if not owners:
        return f"{head}\n目前没有逾期事项。"
    total = sum(len(o.items) for o in owners)
    lines = [f"{head}:共 {len(owners)} 人 {total} 项逾期"]
    for group in owners:
        lines.append("")
        lines.append(f"{group.owner}:{len(group.items)} 项逾期")
        for n, row in enumerate(group.items, start=1):
            lines.append(
                f"{n}. {row.task}(《{row.meeting_title}》,"
                f"完成时限 {row.due_on:%Y-%m-%d},已逾期 {row.days_overdue} 天)"
            )
    lines.append("")
    lines.append("请尽快落实并反馈落实情况。")
    # pasted into a chat message as it is: set in Chinese punctuation like the printed digest
    return "\n".join(chinese_punctuation(line) for line in lines)


def digest_pdf(archive: Archive, out: Path, owner: str | None = None, task=None) -> int:
    """The overdue digest printed as 催办单: one page per owner (责任人), each item with a
    签收 / 反馈 column to fill in by hand and the owner's signature and date below. Returns the
    page count."""
    digest = overdue_digest(archive, owner)
    if task is not None and task.cancelled():
        raise CancelledError()
    company = settings.company(archive).name
    if not digest.owners:
        blocks = [*_digest_head(company, digest.today), Para("目前没有逾期事项。", indent=False)]
    else:
        blocks = []
        for n, group in enumerate(digest.owners):
            blocks += [NewPage()] if n else []
            blocks += digest_page(group, digest.today, company)
    return render_document(blocks, Path(out), title="督促落实催办单", font_path=_font(archive))


def _digest_head(company: str, today: date) -> list[Block]:
    head: list[Block] = [Para(company, indent=False, align="center", size=15)] if company else []
    return [*head, Heading("督促落实催办单", 1)]


def digest_page(group: OwnerDigest, today: date, company: str = "") -> list[Block]:
    """One owner's 催办单: who, as of when, the overdue items, then 签收 and 反馈 by hand."""
    return [
        *_digest_head(company, today),
        Fields(
            (
                ("责任人:", group.owner),
                ("截至:", cn_date(today)),
                ("逾期事项:", f"{len(group.items)} 项"),
            )
        ),
        Gap(3),
        _digest_grid(group),
        Gap(3),
        Para(
            "请于收到本单后签收,并在“反馈”栏写明落实情况或预计完成日期,交回会议记录人。", size=10.5
        ),
        Gap(4),
        Signature((f"责任人签收:{SIGN_LINE}", f"日期:{HAND_DATE}")),
    ]


def _digest_grid(group: OwnerDigest) -> Grid:
    rows = [
        (
            str(n),
            row.task,
            f"{row.meeting_title}\n{cn_date(row.held_at)}",
            cn_date(row.due_on),
            f"{row.days_overdue} 天",
            "",
            "\n\n",  # room to write by hand
        )
        for n, row in enumerate(group.items, start=1)
    ]
    return Grid(
        ("序号", "事项", "会议", "完成时限", "逾期", "签收", "反馈"),
        rows,
        widths=(0.06, 0.22, 0.2, 0.17, 0.08, 0.1, 0.17),
        align_right=(4,),
    )


# --- printed minutes -------------------------------------------------------------------------


def _font(archive: Archive) -> Path | None:
    return settings.print_font(archive)


def minutes_blocks(detail: MeetingDetail, company: str = "") -> list[Block]:
    """The customary layout: the company and the 纪要编号 over the title; the header block
    (时间, 地点, 主持人, 出席, 列席, 请假, 记录) on the first page; 议题, 讨论要点, 议定事项
    一、二、三, action items, 其他事项 / 下次会议; the 记录人 / 审核人 signature lines; 分送 /
    抄送 last."""
    blocks: list[Block] = []
    if company:
        blocks.append(Para(company, indent=False, align="center", size=15))
    blocks.append(Heading(minutes_title(detail.title), 1))
    if detail.number:
        blocks.append(Para(detail.number, indent=False, align="center"))
    blocks.append(Fields(_header(detail)))
    for heading, text in (("议题", detail.agenda), ("讨论要点", detail.discussion)):
        if text:
            blocks += [Heading(heading, 2), *_paras(text)]
    if detail.decisions:
        blocks.append(Heading("议定事项", 2))
        blocks += [
            Para(f"{chinese_ordinal(n)}{text}") for n, text in enumerate(detail.decisions, start=1)
        ]
    if detail.actions:
        blocks += [Heading("落实事项", 2), _action_grid(detail.actions)]
    if detail.other_matters:
        blocks += [Heading("其他事项", 2), *_paras(detail.other_matters)]
    if detail.next_meeting:
        blocks += [Heading("下次会议", 2), Para(detail.next_meeting)]
    return [*blocks, *_signatures(detail), *_distribution(detail)]


def _header(detail: MeetingDetail) -> list[tuple[str, str]]:
    def names(text: str) -> str:
        return "、".join(split_names(text)) or "无"

    items = [
        ("时间:", meeting_time_text(detail.held_at)),
        ("地点:", detail.place),
        ("主持人:", detail.host),
        ("出席:", names(detail.attendees)),
        ("列席:", names(detail.observers)),
        ("请假:", names(detail.absentees)),
        ("记录:", detail.recorder),
        ("相关客户:", "、".join(c.name for c in detail.clients)),
        ("相关项目:", detail.tender_title),
    ]
    required = {"时间:", "出席:", "列席:", "请假:"}
    return [(label, value) for label, value in items if value or label in required]


def _signatures(detail: MeetingDetail) -> list[Block]:
    """记录人 and 审核人, each with a line to sign on by hand."""
    return [
        Gap(6),
        Signature(
            (
                f"记录人:{detail.recorder or SIGN_LINE}\u3000签字:{SIGN_LINE}",
                f"审核人:{detail.reviewer or SIGN_LINE}\u3000签字:{SIGN_LINE}",
            )
        ),
    ]


def _distribution(detail: MeetingDetail) -> list[Block]:
    lines = [
        f"{label}:{'、'.join(split_names(names))}"
        for label, names in (("分送", detail.distribution), ("抄送", detail.copies_to))
        if names
    ]
    return [Gap(6), *(Para(line, indent=False) for line in lines)] if lines else []


def _paras(text: str) -> list[Block]:
    return [Para(line.strip()) for line in text.splitlines() if line.strip()]


def _action_grid(actions) -> Grid:
    rows = [
        (
            str(n),
            a.task,
            a.owner,
            a.helpers,
            cn_date(a.due_on) if a.due_on else "",
            a.status + (f"\n逾期{a.days_overdue}天" if a.overdue else ""),
            a.result,
        )
        for n, a in enumerate(actions, start=1)
    ]
    return Grid(
        ("序号", "事项", "责任人", "协办", "完成时限", "状态", "落实情况"),
        rows,
        widths=(0.06, 0.25, 0.09, 0.09, 0.175, 0.09, 0.245),
    )


def print_minutes(archive: Archive, meeting_id: int, out: Path, task=None) -> int:
    """The minutes as a PDF; returns the page count."""
    detail = get_meeting(archive, meeting_id)
    if task is not None and task.cancelled():
        raise CancelledError()
    title = minutes_title(detail.title)
    blocks = minutes_blocks(detail, settings.company(archive).name)
    return render_document(blocks, Path(out), title=title, font_path=_font(archive))


# --- command-line helpers --------------------------------------------------------------------


def parse_action(text: str, row: int = 1) -> ActionItemDraft:
    """'事项|责任人|YYYY-MM-DD' (the date may be left out) as the `row`-th action item's draft."""

    parts = [p.strip() for p in (text or "").split("|")]
    if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
        raise ValidationError("action_task", "bad_action", value=text)
    due = parse_action_due(parts[2], row) if len(parts) == 3 else None
    return ActionItemDraft(parts[0], parts[1], due_on=due)

"""minutes list/add/show/delete/digest; actions (the follow-up list); action close/reopen;
pdf minutes (registered from pdf_cmds)."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import datetime

from app.cli import add_if_version, add_limit_argument, command, print_json, said
from app.cli.lazy import lazy
from app.domain.minutes import ActionStatus, chinese_ordinal
from app.services import minutes_list
from app.services.archive import Archive
from app.services.minutes_list import ActionRow, MeetingDraft, MeetingFilter

# the writing and printing service, imported by the commands that write or print: the commands
# that only read (minutes list/show, actions) start without SQLAlchemy (issue 11)
minutes = lazy("app.services.minutes")
bin_cmds = lazy("app.cli.bin_cmds")


def register(subparsers) -> None:
    _register_minutes(subparsers.add_parser("minutes", help="meeting minutes (会议纪要)"))
    p = command(
        subparsers, "actions", _actions, "open action items, overdue first (督促落实)", writes=False
    )
    p.add_argument("--overdue", action="store_true", help="only overdue items")
    p.add_argument("--owner", help="责任人")
    p.add_argument("--client", type=int, help="client id")
    add_limit_argument(p, 500, "items to print")
    p.add_argument("--json", action="store_true")
    _register_action(subparsers.add_parser("action", help="close or reopen an action item"))


def _register_minutes(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = command(sub, "list", _minutes_list, "list meetings, newest first", writes=False)
    p.add_argument("--client", type=int)
    p.add_argument("--text", default="")
    p.add_argument("--json", action="store_true")
    p = command(sub, "add", _minutes_add, "write minutes")
    p.add_argument("--title", required=True)
    p.add_argument("--time", help="YYYY-MM-DD HH:MM (default: now)")
    p.add_argument("--place", default="")
    p.add_argument("--host", default="", help="主持人")
    p.add_argument("--attendees", default="", help="出席, e.g. 张三、李四")
    p.add_argument("--observers", default="", help="列席")
    p.add_argument("--absentees", default="", help="请假")
    p.add_argument("--recorder", default="", help="记录人")
    p.add_argument("--reviewer", default="", help="审核人")
    p.add_argument("--agenda", default="", help="议题")
    p.add_argument("--discussion", default="", help="讨论要点")
    p.add_argument("--decision", action="append", default=[], help="议定事项 (repeatable)")
    p.add_argument(
        "--action", action="append", default=[], help="事项|责任人|YYYY-MM-DD (repeatable)"
    )
    p.add_argument("--client", type=int, action="append", default=[], help="client id")
    p.add_argument("--tender", type=int, help="tender id")
    p.add_argument("--other", default="", help="其他事项")
    p.add_argument("--next", default="", help="下次会议")
    _distribution_arguments(p, "")
    p.add_argument("--json", action="store_true")
    p = command(sub, "edit", _minutes_edit, "change the header and distribution of minutes")
    p.add_argument("meeting_id", type=int)
    add_if_version(p)
    p.add_argument("--title")
    p.add_argument("--time", help="YYYY-MM-DD HH:MM")
    for name, help_text in EDITABLE:
        p.add_argument(f"--{name}", help=help_text)
    _distribution_arguments(p, None)
    p = command(
        sub, "show", _minutes_show, "one meeting with decisions and action items", writes=False
    )
    p.add_argument("meeting_id", type=int)
    p.add_argument("--json", action="store_true")
    p = command(sub, "delete", _minutes_delete, "delete a meeting and its action items")
    p.add_argument("meeting_id", type=int)
    p = command(
        sub, "digest", _minutes_digest, "the overdue digest per owner, as text", writes=False
    )
    p.add_argument("--owner")


# the header fields `minutes edit` changes (option, help); a field left out stays as it is
EDITABLE = (
    ("place", "地点"),
    ("host", "主持人"),
    ("attendees", "出席"),
    ("observers", "列席"),
    ("absentees", "请假"),
    ("recorder", "记录人"),
    ("reviewer", "审核人"),
)


def _distribution_arguments(p: argparse.ArgumentParser, default: str | None) -> None:
    p.add_argument(
        "--distribution", default=default, help="分送, e.g. 公司领导、大客户部 (printed last)"
    )
    p.add_argument("--cc", default=default, help="抄送")


def _register_action(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = command(sub, "close", _action_close, "close an item; its result is required")
    p.add_argument("action_id", type=int)
    p.add_argument("--result", required=True, help="落实情况")
    p.add_argument("--cancel", action="store_true", help="close as 已取消 instead of 已完成")
    p = command(sub, "reopen", _action_reopen, "reopen a closed item (进行中)")
    p.add_argument("action_id", type=int)


def _action_line(r: ActionRow) -> str:
    due = f"{r.due_on}" if r.due_on else "无期限"
    late = f"\t逾期 {r.days_overdue} 天" if r.overdue else ("\t今日到期" if r.due_today else "")
    helpers = f"（协办：{r.helpers}）" if r.helpers else ""
    status = said(r.status, ActionStatus)
    return f"#{r.id}\t{r.owner}{helpers}\t{due}\t{status}\t{r.task}\t《{r.meeting_title}》{late}"


def _actions(args: argparse.Namespace, archive: Archive) -> int:
    page = minutes_list.open_actions(
        archive,
        owner=args.owner,
        client_id=args.client,
        overdue_only=args.overdue,
        limit=args.limit or minutes_list.PAGE,
    )
    rows = list(page.rows)
    while not args.limit and len(rows) < page.total and page.rows:  # 0: all, a page at a time
        page = minutes_list.open_actions(
            archive,
            owner=args.owner,
            client_id=args.client,
            overdue_only=args.overdue,
            offset=len(rows),
        )
        rows.extend(page.rows)
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        print(_action_line(row))
    shown = f"（显示前 {len(rows)} 项；--limit 0 显示全部）" if page.total > len(rows) else ""
    print(f"共 {page.total} 项未完成{shown}")
    return 0


def _action_close(args: argparse.Namespace, archive: Archive) -> int:
    status = ActionStatus.CANCELLED if args.cancel else ActionStatus.DONE
    row = minutes.close_action(archive, args.action_id, args.result, status)
    print(f"#{row.id} {said(row.status, ActionStatus)}：{row.result}")
    return 0


def _action_reopen(args: argparse.Namespace, archive: Archive) -> int:
    row = minutes.reopen_action(archive, args.action_id)
    print(f"#{row.id} {said(row.status, ActionStatus)}")
    return 0


def _minutes_list(args: argparse.Namespace, archive: Archive) -> int:
    rows = minutes_list.list_meetings(archive, MeetingFilter(text=args.text, client_id=args.client))
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        clients = "、".join(c.name for c in r.clients)
        print(
            f"#{r.id}\t{r.number or '-'}\t{r.held_at:%Y-%m-%d %H:%M}\t{r.title}\t{r.place}\t{clients}"
            f"\t事项 {r.actions_total}（未完成 {r.actions_open}）"
        )
    print(f"共 {len(rows)} 次会议")
    return 0


def _held_at(text: str | None, archive: Archive) -> datetime:
    if not text:
        return archive.now().replace(second=0, microsecond=0)
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
    from app.domain.parsing import refuse_moment  # python-stdnum: only for a refusal

    refuse_moment(text, "held_at")


def _minutes_add(args: argparse.Namespace, archive: Archive) -> int:
    draft = MeetingDraft(
        title=args.title,
        held_at=_held_at(args.time, archive),
        place=args.place,
        host=args.host,
        attendees=args.attendees,
        observers=args.observers,
        absentees=args.absentees,
        recorder=args.recorder,
        reviewer=args.reviewer,
        agenda=args.agenda,
        discussion=args.discussion,
        decisions=tuple(args.decision),
        actions=tuple(minutes.parse_action(t, n) for n, t in enumerate(args.action, start=1)),
        other_matters=args.other,
        next_meeting=args.next,
        client_ids=tuple(args.client),
        tender_id=args.tender,
        distribution=args.distribution,
        copies_to=args.cc,
    )
    detail = minutes.create_meeting(archive, draft)
    if args.json:
        print_json(detail)
    else:
        print(detail.id)
    return 0


def _minutes_edit(args: argparse.Namespace, archive: Archive) -> int:
    detail = minutes_list.get_meeting(archive, args.meeting_id)
    changes = {name: getattr(args, name) for name, _ in EDITABLE if getattr(args, name) is not None}
    if args.title is not None:
        changes["title"] = args.title
    if args.time is not None:
        changes["held_at"] = _held_at(args.time, archive)
    if args.distribution is not None:
        changes["distribution"] = args.distribution
    if args.cc is not None:
        changes["copies_to"] = args.cc
    draft = replace(detail.draft(), **changes)
    saved = minutes.update_meeting(archive, detail.id, draft, args.if_version)
    print(f"已修改会议纪要 #{saved.id} {saved.number}")
    return 0


def _minutes_show(args: argparse.Namespace, archive: Archive) -> int:
    d = minutes_list.get_meeting(archive, args.meeting_id)
    if args.json:
        print_json(d)
        return 0
    print(minutes_list.minutes_title(d.title))
    if d.number:
        print(f"纪要编号：{d.number}")
    print(f"时间：{d.held_at:%Y-%m-%d %H:%M}\t地点：{d.place}\t主持人：{d.host}")
    if d.clients:
        print(f"相关客户：{'、'.join(c.name for c in d.clients)}")
    for n, text in enumerate(d.decisions, start=1):
        print(f"{chinese_ordinal(n)}{text}")
    for row in d.actions:
        print(_action_line(row))
    print(f"出席：{d.attendees}\n列席：{d.observers}\n请假：{d.absentees}")
    print(f"记录人：{d.recorder}\t审核人：{d.reviewer}")
    for label, names in (("分送", d.distribution), ("抄送", d.copies_to)):
        if names:
            print(f"{label}：{names}")
    return 0


def _minutes_delete(args: argparse.Namespace, archive: Archive) -> int:
    minutes.delete_meeting(archive, args.meeting_id)
    print(f"已删除会议 #{args.meeting_id}" + bin_cmds.restore_hint("minutes", args.meeting_id))
    return 0


def _minutes_digest(args: argparse.Namespace, archive: Archive) -> int:
    print(minutes.overdue_digest(archive, args.owner).text)
    return 0


def _pdf_minutes(args: argparse.Namespace, archive: Archive) -> int:
    pages = minutes.print_minutes(archive, args.meeting_id, args.out)
    print(f"{args.out}（{pages} 页）")
    return 0


def _pdf_digest(args: argparse.Namespace, archive: Archive) -> int:
    pages = minutes.digest_pdf(archive, args.out, args.owner)
    print(f"{args.out}（{pages} 页）")
    return 0

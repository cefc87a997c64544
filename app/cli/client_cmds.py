"""clients list / client add / client show."""

from __future__ import annotations

import argparse

from app.cli import add_limit_argument, command, lang, limit_of, print_json, said
from app.domain.enums import ActivityKind, ClientStatus, Tier
from app.domain.errors import ValidationError
from app.domain.parsing import parse_date, parse_tier
from app.domain.queries import ClientQuery
from app.domain.records import ClientDraft, ContactDraft
from app.domain.tenders import TenderStatus
from app.services import client_list, timeline
from app.services.archive import Archive


def register(subparsers) -> None:
    p = command(
        subparsers, "clients", _list, "list clients (filter like the window's list)", writes=False
    )
    p.add_argument("--text", default="")
    p.add_argument("--tier", action="append", default=[], help="A/B/C/D, repeatable")
    p.add_argument("--owner")
    p.add_argument("--region")
    p.add_argument("--status", choices=[s.value for s in ClientStatus])
    p.add_argument("--key", action="store_true", help="key accounts only")
    p.add_argument(
        "--sort",
        default="name",
        help="one of: " + ", ".join(client_list.SORT_KEYS) + " (default name)",
    )
    p.add_argument("--desc", action="store_true")
    add_limit_argument(p, 50, "rows to print")
    p.add_argument("--json", action="store_true")

    p = command(subparsers, "client", _show, "show one client with its contacts", writes=False)
    p.add_argument("client_id", type=int)
    p.add_argument(
        "--timeline",
        action="store_true",
        help="the client's activities, meetings and tenders instead, newest first",
    )
    p.add_argument(
        "--kind",
        action="append",
        choices=timeline.KINDS,
        help="with --timeline: only this kind (repeatable)",
    )
    add_limit_argument(p, timeline.DEFAULT_LIMIT, "with --timeline: entries to print")
    p.add_argument("--json", action="store_true")

    p = command(subparsers, "add-client", _add, "add a client (and optionally one contact)")
    p.add_argument("--name", required=True)
    p.add_argument("--uscc")
    p.add_argument("--tier", default="C")
    p.add_argument("--key", action="store_true", help="key account (大客户)")
    p.add_argument("--industry", default="")
    p.add_argument("--region", default="")
    p.add_argument("--address", default="")
    p.add_argument("--owner", default="")
    p.add_argument("--created-on")
    p.add_argument("--contact", help="the contact's name; needed with the options below")
    p.add_argument("--contact-title", default="", help="the contact's position")
    p.add_argument("--mobile", help="the contact's mobile")
    p.add_argument("--email", help="the contact's e-mail")
    p.add_argument("--json", action="store_true")


def _list(args: argparse.Namespace, archive: Archive) -> int:
    if args.sort not in client_list.SORT_KEYS:
        choices = ", ".join(client_list.SORT_KEYS)
        raise ValidationError("sort", "unknown_sort", value=args.sort, choices=choices)
    tiers = tuple(t.value for t in (parse_tier(text) for text in args.tier) if t is not None)
    query = ClientQuery(
        text=args.text,
        tiers=tiers,
        owner=args.owner,
        region=args.region,
        status=args.status,
        key_account=True if args.key else None,
        sort=args.sort,
        descending=args.desc,
    )
    ids = client_list.list_client_ids(archive, query)
    rows = client_list.client_rows(archive, ids[: limit_of(args)])
    if args.json:
        print_json({"total": len(ids), "clients": rows})
        return 0
    for r in rows:
        star = "★" if r.is_key_account else " "
        status = said(r.status, ClientStatus)
        print(f"#{r.id:<7} {r.tier}{star} {r.name}  {r.owner}  {r.region}  {status}")
    print(f"({len(ids)})")
    return 0


def _show(args: argparse.Namespace, archive: Archive) -> int:
    if args.timeline:
        return _timeline(args, archive)
    record = client_list.get_client(archive, args.client_id)
    if args.json:
        print_json(record)
        return 0
    print(
        f"#{record.id} {record.name}  [{record.tier.value}{' 大客户' if record.is_key_account else ''}]"
    )
    for label, value in (
        ("统一社会信用代码", record.uscc),
        ("客户经理", record.owner),
        ("地区", record.region),
        ("地址", record.address),
        ("开票地址、电话", record.invoice_address),
        ("开户行及账号", " ".join(x for x in (record.bank, record.bank_account) if x)),
        ("状态", said(record.status)),
        ("建档日期", record.created_on),
        ("最近拜访", record.last_visit_on),
    ):
        if value:
            print(f"  {label}：{value}")
    for c in record.contacts:
        print(f"  联系人：{c.name} {c.title} {c.mobile or ''} {c.email or ''}".rstrip())
    return 0


TIMELINE_KINDS = {
    timeline.ACTIVITY: ("活动", "Activity"),
    timeline.MEETING: ("会议", "Meeting"),
    timeline.TENDER: ("投标", "Tender"),
}


def _timeline_kind(kind: str) -> str:
    return TIMELINE_KINDS[kind][1 if lang() == "en" else 0]


def _timeline(args: argparse.Namespace, archive: Archive) -> int:
    """The same merged timeline as the client page's 时间线 tab."""
    limit = args.limit
    if not limit:  # all: as many as the client has
        counts = timeline.client_timeline(archive, args.client_id, args.kind, 0).counts
        limit = max(1, sum(counts.values()))
    result = timeline.client_timeline(archive, args.client_id, args.kind, limit)
    if args.json:
        print_json(
            {
                "client_id": result.client_id,
                "counts": result.counts,
                "truncated": result.truncated,
                "entries": result.entries,
            }
        )
        return 0
    for entry in result.entries:
        when = entry.when.strftime("%Y-%m-%d %H:%M")
        print(f"{when}  {_timeline_kind(entry.kind)} #{entry.id:<7} {_detail(entry)}".rstrip())
    counts = "  ".join(f"{_timeline_kind(k)} {n}" for k, n in result.counts.items())
    print(f"({counts})")
    return 0


def _detail(entry: timeline.TimelineEntry) -> str:
    if entry.kind == timeline.ACTIVITY:
        kind = said(entry.activity_kind, ActivityKind)
        text = f"[{kind}] {entry.title}"
        return f"{text}  下一步：{entry.next_step}" if entry.next_step else text
    if entry.kind == timeline.MEETING:
        return f"{entry.title}  未办结事项 {entry.open_actions}"
    text = f"[{said(entry.status, TenderStatus)}] {entry.title}"
    if entry.bid_deadline:
        text += f"  投标截止 {entry.bid_deadline:%Y-%m-%d %H:%M}"
    if entry.award_notice_on:
        text += f"  结果公告 {entry.award_notice_on.isoformat()}"
    return text


def _add(args: argparse.Namespace, archive: Archive) -> int:
    # Contact details without a contact's name were dropped without a word; say so instead.
    if not (args.contact or "").strip() and (args.mobile or args.email or args.contact_title):
        raise ValidationError("contact_name", "contact_details_without_name")
    draft = ClientDraft(
        name=args.name,
        uscc=args.uscc,
        tier=parse_tier(args.tier) or Tier.C,
        is_key_account=args.key,
        industry=args.industry,
        region=args.region,
        address=args.address,
        owner=args.owner,
        created_on=parse_date(args.created_on, "created_on"),
    )
    contacts = (
        [
            ContactDraft(
                name=args.contact, title=args.contact_title, mobile=args.mobile, email=args.email
            )
        ]
        if args.contact
        else []
    )
    from app.services import clients  # writing: the ORM models

    record = clients.create_client(archive, draft, contacts)
    if args.json:
        print_json(record)
    else:
        print(record.id)
    return 0

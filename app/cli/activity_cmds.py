"""contact add; activity add/list/close/done; attach add/list/remove; visits overdue."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from app.cli import (
    add_limit_argument,
    add_output_argument,
    command,
    lang,
    limit_of,
    print_json,
    said,
)
from app.domain.enums import ACTIVITY_KIND_ZH, ActivityKind, Tier, activity_kind_from_text
from app.domain.errors import ValidationError
from app.domain.money import AmountError, parse_yuan
from app.domain.parsing import parse_date, parse_tier
from app.domain.queries import ActivityQuery
from app.domain.records import ActivityDraft, ContactDraft
from app.services import activity_list, attachment_list, planning
from app.services.archive import Archive

WINDOW = 1000  # activities read at a time when many are listed


def register(subparsers) -> None:
    p = command(subparsers, "add-contact", _add_contact, "add a contact to a client")
    p.add_argument("client_id", type=int)
    p.add_argument("--name", required=True)
    p.add_argument("--title", default="")
    p.add_argument("--mobile")
    p.add_argument("--phone")
    p.add_argument("--email")
    p.add_argument("--decision-maker", action="store_true")

    p = command(subparsers, "add-activity", _add_activity, "record a visit, call, complaint ...")
    p.add_argument("client_id", type=int)
    p.add_argument(
        "--kind", required=True, help="拜访/电话/会议/技术交流/投诉/售后维护/其他 or visit/call/..."
    )
    p.add_argument("--subject", required=True)
    p.add_argument("--at", help='start "YYYY-MM-DD HH:MM" (default now)')
    p.add_argument("--participants", default="")
    p.add_argument("--notes", default="")
    p.add_argument("--outcome", default="")
    p.add_argument("--next-step", default="")
    p.add_argument("--due", help="next step due date")
    p.add_argument("--expense", default="0", help="yuan, at most two decimals, e.g. 1,280.50")
    p.add_argument("--json", action="store_true")

    p = command(
        subparsers, "activities", _list_activities, "list activities, newest first", writes=False
    )
    p.add_argument("--client", type=int)
    p.add_argument("--kind")
    p.add_argument("--open-complaints", action="store_true")
    p.add_argument("--text", default="")
    add_limit_argument(p, 50, "activities to print")
    p.add_argument("--json", action="store_true")

    p = command(
        subparsers, "close-complaint", _close_complaint, "close a complaint with its resolution"
    )
    p.add_argument("activity_id", type=int)
    p.add_argument("--resolution", required=True)

    p = command(subparsers, "done", _done, "mark an activity's next step done")
    p.add_argument("activity_id", type=int)

    p = command(subparsers, "attach", _attach, "attach files to a client or an activity")
    p.add_argument("kind", choices=("client", "activity"))
    p.add_argument("record_id", type=int)
    p.add_argument("files", nargs="+", type=Path)

    p = command(
        subparsers, "attachments", _attachments, "list a record's attachments", writes=False
    )
    p.add_argument("kind", choices=("client", "activity"))
    p.add_argument("record_id", type=int)
    p.add_argument("--json", action="store_true")

    p = command(subparsers, "detach", _detach, "remove an attachment")
    p.add_argument("attachment_id", type=int)

    p = command(
        subparsers, "overdue", _overdue, "clients overdue for a visit, A and B first", writes=False
    )
    p.add_argument("--key", action="store_true", help="key accounts only")
    p.add_argument("--owner", metavar="NAME", help='one account manager ("" for none)')
    p.add_argument(
        "--tier", action="append", default=[], metavar="TIER", help="A, B, C or D; repeat or A,B"
    )
    add_limit_argument(p, 50, "lines printed (the files have all)")
    add_output_argument(p, "xlsx", "--xlsx", metavar="OUT", help="the full list as .xlsx")
    add_output_argument(p, "pdf", "--pdf", metavar="OUT", help="the full list as a PDF")
    p.add_argument("--json", action="store_true")


def _add_contact(args: argparse.Namespace, archive: Archive) -> int:
    from app.services import clients  # writing: the ORM models

    record = clients.add_contact(
        archive,
        args.client_id,
        ContactDraft(
            name=args.name,
            title=args.title,
            mobile=args.mobile,
            phone=args.phone,
            email=args.email,
            is_decision_maker=args.decision_maker,
        ),
    )
    print(record.id)
    return 0


def _moment(text: str | None, archive: Archive) -> datetime:
    if not text:
        return archive.now()
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
    raise ValidationError("started_at", "bad_date", value=text)


def _add_activity(args: argparse.Namespace, archive: Archive) -> int:
    from app.services import activities  # writing: the ORM models

    kind = activity_kind_from_text(args.kind)
    if kind is None:
        raise ValidationError("kind", "unknown_kind", value=args.kind)
    try:
        expense = parse_yuan(args.expense)
    except AmountError as exc:
        raise ValidationError("expense", exc.code, value=args.expense) from None
    record = activities.create_activity(
        archive,
        ActivityDraft(
            client_id=args.client_id,
            kind=kind,
            started_at=_moment(args.at, archive),
            subject=args.subject,
            participants=args.participants,
            notes=args.notes,
            outcome=args.outcome,
            next_step=args.next_step,
            next_step_due=parse_date(args.due, "next_step_due"),
            expense=expense or 0,
        ),
    )
    if args.json:
        print_json(record)
    else:
        print(record.id)
    return 0


def _list_activities(args: argparse.Namespace, archive: Archive) -> int:
    kinds = ()
    if args.kind:
        kind = activity_kind_from_text(args.kind)
        if kind is None:
            raise ValidationError("kind", "unknown_kind", value=args.kind)
        kinds = (kind.value,)
    query = ActivityQuery(
        text=args.text, kinds=kinds, client_id=args.client, open_complaints=args.open_complaints
    )
    rows = _activities(archive, query, limit_of(args))
    total = activity_list.count_activities(archive, query)
    if args.json:
        print_json({"total": total, "activities": rows})
        return 0
    for r in rows:
        due = f"  下一步：{r.next_step}（{r.next_step_due}）" if r.next_step else ""
        print(
            f"#{r.id} {r.started_at:%Y-%m-%d %H:%M} [{said(r.kind, ActivityKind)}] {r.client_name} {r.subject}{due}"
        )
    print(f"({total})")
    return 0


def _activities(archive: Archive, query: ActivityQuery, limit: int | None) -> list:
    """The first `limit` rows, or all of them (None), read window by window by keyset."""
    rows: list = []
    after = None
    while limit is None or len(rows) < limit:
        window = WINDOW if limit is None else min(WINDOW, limit - len(rows))
        page = activity_list.activity_page(archive, query, after, window)
        rows.extend(page.rows)
        if not page.more:
            break
        after = page.after
    return rows


def _close_complaint(args: argparse.Namespace, archive: Archive) -> int:
    from app.services import activities  # writing: the ORM models

    record = activities.get_activity(archive, args.activity_id)
    if record.kind != ActivityKind.COMPLAINT:
        raise ValidationError("kind", "not_a_complaint", value=ACTIVITY_KIND_ZH[record.kind])
    activities.update_activity(
        archive,
        args.activity_id,
        replace(record.draft(), resolution=args.resolution, closed_on=archive.today()),
    )
    return 0


def _done(args: argparse.Namespace, archive: Archive) -> int:
    from app.services import activities  # writing: the ORM models

    activities.mark_next_step_done(archive, args.activity_id)
    return 0


def _attach(args: argparse.Namespace, archive: Archive) -> int:
    from app.services import attachments  # writing: the ORM models

    attachment_list.check_owner(archive, args.kind, args.record_id)
    for path in args.files:
        print(attachments.add(archive, args.kind, args.record_id, path).id)
    return 0


def _attachments(args: argparse.Namespace, archive: Archive) -> int:
    attachment_list.check_owner(archive, args.kind, args.record_id)
    records = attachment_list.list_for(archive, args.kind, args.record_id)
    if args.json:
        print_json(records)
        return 0
    for a in records:
        print(f"#{a.id} {a.original_name} {a.size} 字节 {a.added_at:%Y-%m-%d %H:%M}")
    return 0


def _detach(args: argparse.Namespace, archive: Archive) -> int:
    from app.services import attachments  # writing: the ORM models

    attachments.remove(archive, args.attachment_id)
    return 0


def _tiers(values: list[str]) -> tuple[Tier, ...]:
    """--tier A --tier B, or --tier A,B (A类, 重点 and the like too)."""
    words = [w for value in values for w in value.replace("，", ",").split(",") if w.strip()]
    return tuple(dict.fromkeys(t for t in (parse_tier(w) for w in words) if t is not None))


def _overdue(args: argparse.Namespace, archive: Archive) -> int:
    flt = planning.OverdueFilter(_tiers(args.tier), args.owner, args.key)
    rows = planning.overdue_visits(
        archive, flt.key_accounts_only, limit_of(args), owner=flt.owner, tiers=flt.tiers
    )
    total = planning.overdue_count(archive, flt.key_accounts_only, flt.owner, flt.tiers)
    written = []
    if args.xlsx is not None or args.pdf is not None:
        from app.services import printouts  # the files' libraries and the full list's queries
    if args.xlsx is not None:
        count = printouts.overdue_xlsx(archive, args.xlsx, flt)
        written.append(_wrote(args.xlsx, f"{count} 行", f"{count} rows"))
    if args.pdf is not None:
        pages = printouts.overdue_pdf(archive, args.pdf, flt)
        written.append(_wrote(args.pdf, f"{pages} 页", f"{pages} pages"))
    if args.json:
        print_json({"total": total, "clients": rows})
        return 0
    english = lang() == "en"
    for r in rows:
        star = "★" if r.is_key_account else " "
        never = "never visited" if english else "从未拜访"
        last = r.last_visit_on or never
        if english:
            print(
                f"{r.tier.value}{star} #{r.client_id} {r.name}  {r.owner}  last visit {last}  "
                f"{r.days_overdue} days overdue"
            )
        else:
            print(
                f"{r.tier.value}{star} #{r.client_id} {r.name}  {r.owner}  上次拜访 {last}  "
                f"逾期 {r.days_overdue} 天"
            )
    print(f"({total} overdue)" if english else f"（共 {total} 家逾期）")
    for line in written:
        print(line)
    return 0


def _wrote(path: Path, zh: str, en: str) -> str:
    return f"Wrote {path} ({en})" if lang() == "en" else f"已写入 {path}（{zh}）"

"""edit-client / delete-client, edit-contact / delete-contact, edit-activity / delete-activity:
the command line changes and deletes what it can add. An edit keeps every option not given; a
delete moves the record to the recycle bin (回收站) and says how to get it back."""

from __future__ import annotations

import argparse
from dataclasses import replace

from app.cli import add_if_version, command, fail, lang, print_json
from app.cli.activity_cmds import _moment
from app.domain.enums import ClientStatus, activity_kind_from_text
from app.domain.errors import AppError, NotFoundError, ValidationError
from app.domain.messages import describe
from app.domain.money import AmountError, parse_yuan
from app.domain.parsing import parse_date, parse_tier
from app.services import activities, clients
from app.services.archive import Archive

_DELETE_HELP = "move {0} to the recycle bin (回收站); bin restore puts it back"


def register(subparsers) -> None:
    p = command(
        subparsers, "edit-client", _edit_client, "change a client; options not given are kept"
    )
    p.add_argument("client_id", type=int)
    p.add_argument("--name")
    p.add_argument("--uscc", help='统一社会信用代码 ("" clears it)')
    p.add_argument("--tier", help="A/B/C/D")
    p.add_argument("--key", action=argparse.BooleanOptionalAction, help="key account (大客户)")
    p.add_argument("--industry")
    p.add_argument("--region")
    p.add_argument("--address")
    p.add_argument("--owner")
    p.add_argument("--created-on")
    p.add_argument("--status", choices=[s.value for s in ClientStatus])
    p.add_argument("--source")
    p.add_argument("--service-policy")
    p.add_argument("--notes")
    p.add_argument("--bank", help="开户行 for the 开票信息 of contracts")
    p.add_argument("--bank-account", help="银行账号, 6-32 digits")
    p.add_argument("--invoice-address", help="开票地址、电话, e.g. '北京市… 010-12345678'")
    p.add_argument("--json", action="store_true")
    add_if_version(p)

    p = command(subparsers, "delete-client", _delete_client, _DELETE_HELP.format("a client"))
    p.add_argument("client_id", type=int)
    p.add_argument("--yes", action="store_true", help="confirm the deletion")

    p = command(
        subparsers, "edit-contact", _edit_contact, "change a contact; options not given are kept"
    )
    p.add_argument("contact_id", type=int)
    p.add_argument("--name")
    p.add_argument("--title")
    p.add_argument("--mobile")
    p.add_argument("--phone")
    p.add_argument("--email")
    p.add_argument("--birthday", metavar="YYYY-MM-DD")
    p.add_argument("--decision-maker", action=argparse.BooleanOptionalAction)
    p.add_argument("--notes")
    p.add_argument("--json", action="store_true")
    add_if_version(p)

    p = command(subparsers, "delete-contact", _delete_contact, _DELETE_HELP.format("a contact"))
    p.add_argument("contact_id", type=int)
    p.add_argument("--yes", action="store_true", help="confirm the deletion")

    p = command(
        subparsers,
        "edit-activity",
        _edit_activity,
        "change a visit, call, complaint ...; options not given are kept",
    )
    p.add_argument("activity_id", type=int)
    p.add_argument("--client", type=int, metavar="CLIENT_ID", help="move it to another client")
    p.add_argument("--kind", help="拜访/电话/会议/技术交流/投诉/售后维护/其他 or visit/call/...")
    p.add_argument("--subject")
    p.add_argument("--at", help='start "YYYY-MM-DD HH:MM"')
    p.add_argument("--participants")
    p.add_argument("--notes")
    p.add_argument("--outcome")
    p.add_argument("--next-step")
    p.add_argument("--due", help='next step due date ("" clears it)')
    p.add_argument("--expense", help="yuan, at most two decimals, e.g. 1,280.50")
    p.add_argument("--resolution", help="a complaint's resolution")
    p.add_argument("--json", action="store_true")
    add_if_version(p)

    p = command(subparsers, "delete-activity", _delete_activity, _DELETE_HELP.format("an activity"))
    p.add_argument("activity_id", type=int)
    p.add_argument("--yes", action="store_true", help="confirm the deletion")


def _given(args: argparse.Namespace, names: dict[str, str]) -> dict[str, object]:
    """{draft field: value} of the options given (None means not given)."""
    return {
        field: getattr(args, opt) for opt, field in names.items() if getattr(args, opt) is not None
    }


def _edit_client(args: argparse.Namespace, archive: Archive) -> int:
    record = clients.get_client(archive, args.client_id)
    changes = _given(
        args,
        {
            "name": "name",
            "industry": "industry",
            "region": "region",
            "address": "address",
            "owner": "owner",
            "source": "source",
            "service_policy": "service_policy",
            "notes": "notes",
            "key": "is_key_account",
            "bank": "bank",
            "bank_account": "bank_account",
            "invoice_address": "invoice_address",
        },
    )
    if args.uscc is not None:
        changes["uscc"] = args.uscc.strip() or None
    if args.tier is not None:
        tier = parse_tier(args.tier)
        if tier is None:
            raise ValidationError("tier", "unknown_tier", value=args.tier)
        changes["tier"] = tier
    if args.status is not None:
        changes["status"] = ClientStatus(args.status)
    if args.created_on is not None:
        changes["created_on"] = parse_date(args.created_on, "created_on") or record.created_on
    draft = replace(record.draft(), **changes)
    updated = clients.update_client(archive, record.id, draft, args.if_version)
    return _changed(args, updated, ("客户", "client"), updated.name)


def _delete_client(args: argparse.Namespace, archive: Archive) -> int:
    record = clients.get_client(archive, args.client_id)
    return _delete(
        args,
        "client",
        record.id,
        (f"客户“{record.name}”", f"the client '{record.name}'"),
        lambda: clients.delete_client(archive, record.id),
    )


def _contact(archive: Archive, contact_id: int):
    client_id = clients.client_id_of_contact(archive, contact_id)
    if client_id is not None:
        for contact in clients.get_client(archive, client_id).contacts:
            if contact.id == contact_id:
                return contact
    raise NotFoundError("contact", contact_id)


def _edit_contact(args: argparse.Namespace, archive: Archive) -> int:
    record = _contact(archive, args.contact_id)
    changes = _given(
        args,
        {
            "name": "name",
            "title": "title",
            "mobile": "mobile",
            "phone": "phone",
            "email": "email",
            "decision_maker": "is_decision_maker",
            "notes": "notes",
        },
    )
    for name in ("mobile", "phone", "email"):
        if name in changes:
            changes[name] = str(changes[name]).strip() or None
    if args.birthday is not None:
        changes["birthday"] = parse_date(args.birthday, "birthday")
    draft = replace(record.draft(), **changes)
    updated = clients.update_contact(archive, record.id, draft, args.if_version)
    return _changed(args, updated, ("联系人", "contact"), updated.name)


def _delete_contact(args: argparse.Namespace, archive: Archive) -> int:
    record = _contact(archive, args.contact_id)
    return _delete(
        args,
        "contact",
        record.id,
        (f"联系人“{record.name}”", f"the contact '{record.name}'"),
        lambda: clients.delete_contact(archive, record.id),
    )


def _edit_activity(args: argparse.Namespace, archive: Archive) -> int:
    record = activities.get_activity(archive, args.activity_id)
    changes = _given(
        args,
        {
            "client": "client_id",
            "subject": "subject",
            "participants": "participants",
            "notes": "notes",
            "outcome": "outcome",
            "next_step": "next_step",
            "resolution": "resolution",
        },
    )
    if args.kind is not None:
        kind = activity_kind_from_text(args.kind)
        if kind is None:
            raise ValidationError("kind", "unknown_kind", value=args.kind)
        changes["kind"] = kind
    if args.at is not None:
        changes["started_at"] = _moment(args.at, archive)
    if args.due is not None:
        changes["next_step_due"] = parse_date(args.due, "next_step_due")
    if args.expense is not None:
        try:
            changes["expense"] = parse_yuan(args.expense) or 0
        except AmountError as exc:
            raise ValidationError("expense", exc.code, value=args.expense) from None
    draft = replace(record.draft(), **changes)
    updated = activities.update_activity(archive, record.id, draft, args.if_version)
    return _changed(args, updated, ("活动", "activity"), updated.subject)


def _delete_activity(args: argparse.Namespace, archive: Archive) -> int:
    record = activities.get_activity(archive, args.activity_id)
    return _delete(
        args,
        "activity",
        record.id,
        (f"活动“{record.subject}”", f"the activity '{record.subject}'"),
        lambda: activities.delete_activity(archive, record.id),
    )


def _changed(args: argparse.Namespace, updated: object, kind: tuple[str, str], name: str) -> int:
    """The changed record as JSON, or '已修改客户 #12“名称”' / 'Changed client #12 name'."""
    if args.json:
        print_json(updated)
    elif lang() == "en":
        print(f"Changed {kind[1]} #{updated.id} {name}")
    else:
        print(f"已修改{kind[0]} #{updated.id}“{name}”")
    return 0


def _delete(args, kind: str, record_id: int, what: tuple[str, str], delete) -> int:
    """Runs `delete` only with --yes (exit 1 saying so without), then says where it went."""
    english = lang() == "en"
    if not args.yes:
        return fail(describe(AppError("delete_needs_yes", what=what[english]), lang()))
    delete()
    print(moved_to_bin(what, kind, record_id))
    return 0


def moved_to_bin(what: tuple[str, str], kind: str, record_id: int) -> str:
    """'客户“X”已移入回收站……' with the command that puts it back."""
    if lang() == "en":
        return (
            f"Moved {what[1]} to the recycle bin. To put it back: "
            f"sales-compass bin restore {kind} {record_id}"
        )
    return f"{what[0]}已移入回收站。如需恢复：sales-compass bin restore {kind} {record_id}"

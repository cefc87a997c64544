"""qualification add/list; tender add/edit/list/show/attach/item/deposit/status/stats/checklist/ics
(and packet-file, deviation-import: app/cli/packet_cmds.py)."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from app.cli import (
    add_if_version,
    add_output_argument,
    command,
    lang,
    packet_cmds,
    print_json,
    said,
)
from app.cli.lazy import lazy
from app.domain.errors import ValidationError
from app.domain.messages import field_label, warning_text
from app.domain.money import format_yuan
from app.domain.parsing import parse_date, parse_money, refuse_moment
from app.domain.tenders import (
    ANNOUNCEMENT_WORKING_DAYS,
    DEPOSIT_WAIVED,
    DEPOSIT_WAIVED_WORDS,
    Deadline,
    TenderDraft,
    TenderMethod,
    TenderStatus,
    deposit_text,
)
from app.services import tender_list, tender_view
from app.services.archive import Archive

# imported by the commands that use them: `tender list` reads without SQLAlchemy (issue 11)
qualifications = lazy("app.services.qualifications")
tender_packet = lazy("app.services.tender_packet")
tenders = lazy("app.services.tenders")


def register(subparsers) -> None:
    _register_qualification(
        subparsers.add_parser("qualification", help="the qualification library")
    )
    _register_tender(subparsers.add_parser("tender", help="the tender register"))


def _register_qualification(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = command(sub, "add", _qualification_add, "add a qualification with its scans (PDF/JPG/PNG)")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--title", required=True)
    p.add_argument("--kind", default="")
    p.add_argument("--issuer", default="")
    p.add_argument("--expires")
    p.add_argument("--json", action="store_true")
    p = command(
        sub, "list", _qualification_list, "list the library with expiry states", writes=False
    )
    p.add_argument("--json", action="store_true")


def _register_tender(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = command(sub, "add", _tender_add, "register a tender")
    p.add_argument("--title", required=True)
    p.add_argument("--number", default="")
    p.add_argument("--purchaser", required=True, help="purchaser name (a client, created if new)")
    p.add_argument("--agency", default="")
    p.add_argument("--budget")
    p.add_argument("--deadline", help='bid deadline "YYYY-MM-DD HH:MM"')
    _deposit_options(p, "bid deposit in yuan, or 免收 when the tender asks none")
    p.add_argument(
        "--method", default=TenderMethod.OPEN.value, choices=[m.value for m in TenderMethod]
    )
    _result_date_options(p)
    p.add_argument("--json", action="store_true")
    p = command(sub, "edit", _tender_edit, "change a tender's details (only the options given)")
    p.add_argument("tender_id", type=int)
    add_if_version(p)
    p.add_argument("--title")
    p.add_argument("--number")
    p.add_argument("--agency")
    p.add_argument("--budget")
    p.add_argument("--deadline", help='bid deadline "YYYY-MM-DD HH:MM"')
    _result_date_options(p)
    p.add_argument("--json", action="store_true")
    p = command(sub, "list", _tender_list, "list tenders", writes=False)
    p.add_argument("--status", action="append", default=[], choices=[s.value for s in TenderStatus])
    p.add_argument("--json", action="store_true")
    p = command(
        sub, "show", _tender_show, "one tender with its computed dates and checklist", writes=False
    )
    p.add_argument("tender_id", type=int)
    p.add_argument("--json", action="store_true")
    p = command(
        sub,
        "attach",
        _tender_attach,
        "add qualifications from the library, or a scan file, to a section of the tender's packet",
    )
    p.add_argument("tender_id", type=int)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--qualification", type=int, action="append", help="library item id")
    what.add_argument("--file", type=Path, help="a scan (PDF, JPG, PNG) added to --section")
    p.add_argument(
        "--section",
        help="section title, e.g. 业绩证明 (default for --qualification: 资格证明文件)",
    )
    p.add_argument(
        "--title",
        help="the file's title in the section and the 目录 (default: its name without extension)",
    )
    p = command(sub, "item", _tender_item, "add a priced line to the 投标分项报价表")
    p.add_argument("tender_id", type=int)
    p.add_argument("--name", required=True)
    p.add_argument("--model", default="")
    p.add_argument("--quantity", required=True)
    p.add_argument("--unit", default="")
    p.add_argument("--price", required=True, help="unit price in yuan")
    p = command(
        sub, "deposit", _tender_deposit, "record the bid deposit (or that the tender waives it)"
    )
    p.add_argument("tender_id", type=int)
    _deposit_options(p, "amount in yuan, or 免收 when the tender asks none", name="--amount")
    p.add_argument("--paid-on", help="required with an amount")
    p.add_argument("--refunded-on")
    p = command(sub, "status", _tender_status, "move a tender along its pipeline")
    p.add_argument("tender_id", type=int)
    p.add_argument("status", choices=[s.value for s in TenderStatus])
    p.add_argument("--award-notice", help="award notice date (for 中标/未中标)")
    p = command(sub, "stats", _tender_stats, "win/loss counts and win rate", writes=False)
    p.add_argument("--by", choices=("method", "purchaser"), default="method")
    p.add_argument("--json", action="store_true")
    p = command(sub, "ics", _tender_ics, "export tender dates as an .ics calendar", writes=False)
    add_output_argument(p)
    packet_cmds.register(sub)


def _result_date_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--award-notice", help="award notice (中标通知书/结果公告) date")
    parser.add_argument(
        "--contract-signed",
        help="contract signed date: the winner's deposit is due back 5 working days after it",
    )
    parser.add_argument(
        "--announcement-days",
        help="result announcement period in working days (default 1): 质疑 counts from its end",
    )


def _announcement_days(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text.strip())
    except ValueError:
        raise ValidationError("announcement_days", "bad_announcement_days", value=text) from None


def _result_dates(args: argparse.Namespace, draft: TenderDraft) -> TenderDraft:
    """The award notice, contract signed date and announcement period given on the command line
    (an empty value clears a date); those not given are kept."""
    changes: dict = {}
    if args.award_notice is not None:
        changes["award_notice_on"] = parse_date(args.award_notice, "award_notice_on")
    if args.contract_signed is not None:
        changes["contract_signed_on"] = parse_date(args.contract_signed, "contract_signed_on")
    days = _announcement_days(args.announcement_days)
    if days is not None:
        changes["announcement_days"] = days
    return replace(draft, **changes)


def _deposit_options(
    parser: argparse.ArgumentParser, help_text: str, name: str = "--deposit"
) -> None:
    group = parser.add_mutually_exclusive_group(required=name == "--amount")
    group.add_argument(name, dest="deposit", help=help_text)
    group.add_argument(
        "--no-deposit",
        dest="deposit",
        action="store_const",
        const=DEPOSIT_WAIVED,
        help="the tender asks no bid deposit (免收)",
    )


def _deposit(text: str | None) -> Decimal | None:
    """--deposit/--amount: an amount, or 免收 (--no-deposit), stored as a deposit of 0."""
    if text is not None and text.strip().lower() in DEPOSIT_WAIVED_WORDS:
        return Decimal("0.00")
    return _money(text, "bid_deposit")


def _money(text: str | None, field: str) -> Decimal | None:
    return parse_money(text, field)  # not a number, finer than the fen, or too large: refused


_DEADLINE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S")


def _deadline(text: str | None) -> datetime | None:
    """A bid deadline is a moment: 'YYYY-MM-DD HH:MM'. A date alone is refused rather than
    read as midnight (openings are at 09:30, not 00:00)."""
    if not text or not text.strip():
        return None
    value = text.strip()
    for fmt in _DEADLINE_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        refuse_moment(value, "bid_deadline")
    raise ValidationError("bid_deadline", "time_required", value=text)


def _qualification_add(args: argparse.Namespace, archive: Archive) -> int:
    draft = qualifications.QualificationDraft(
        args.title, args.kind, args.issuer, expires_on=parse_date(args.expires, "expires_on")
    )
    record = qualifications.add(archive, draft, args.files)
    if args.json:
        print_json(record)
    else:
        print(record.id)
    return 0


def _qualification_list(args: argparse.Namespace, archive: Archive) -> int:
    records = qualifications.list_all(archive)
    if args.json:
        print_json(records)
        return 0
    marks = {"expired": "已过期", "expiring": "即将过期", "valid": "有效", "no_expiry": "长期"}
    for q in records:
        print(
            f"#{q.id} {q.title} [{q.kind}] 有效期至 {q.expires_on or '长期'} {marks[q.state.value]} "
            f"（{len(q.files)} 个文件）"
        )
    return 0


def _tender_add(args: argparse.Namespace, archive: Archive) -> int:
    draft = TenderDraft(
        title=args.title,
        number=args.number,
        purchaser_name=args.purchaser,
        agency=args.agency,
        method=TenderMethod(args.method),
        budget=_money(args.budget, "budget"),
        bid_deadline=_deadline(args.deadline),
        bid_deposit=_deposit(args.deposit),
    )
    record = tenders.create_tender(archive, _result_dates(args, draft))
    if args.json:
        print_json(_tender_json(record))
    else:
        print(record.id)
        for warning in record.warnings:
            print(f"{field_label('warnings', lang())}：{warning_text(warning, lang())}")
    return 0


def _tender_edit(args: argparse.Namespace, archive: Archive) -> int:
    draft = tenders.get_tender(archive, args.tender_id).draft
    changes: dict = {
        name: getattr(args, name)
        for name in ("title", "number", "agency")
        if getattr(args, name) is not None
    }
    if args.budget is not None:
        changes["budget"] = _money(args.budget, "budget")
    if args.deadline is not None:
        changes["bid_deadline"] = _deadline(args.deadline)
    draft = _result_dates(args, replace(draft, **changes))
    record = tenders.update_tender(archive, args.tender_id, draft, args.if_version)
    if args.json:
        print_json(_tender_json(record))
        return 0
    _print_tender(record, frozenset())
    return 0


def deadline_json(deadline: Deadline) -> dict:
    return {
        "key": deadline.key,
        "label": deadline.label,
        "date": deadline.day,
        "official": deadline.official,
        "rule": deadline.rule,
        "waiting_for": deadline.waiting_for or None,
    }


def _tender_json(record: tenders.TenderRecord) -> dict:
    d = record.draft
    return {
        "id": record.id,
        "version": record.version,
        "title": d.title,
        "number": d.number,
        "purchaser": record.client_name,
        "client_id": d.client_id,
        "method": d.method.value,
        "status": d.status.value,
        "budget": d.budget,
        "bid_deadline": d.bid_deadline,
        "bid_deposit": d.bid_deposit,
        "deposit_waived": d.deposit_waived,
        "deposit_paid_on": d.deposit_paid_on,
        "award_notice_on": d.award_notice_on,
        "contract_signed_on": d.contract_signed_on,
        "announcement_days": d.announcement_days,
        "refund_due": record.refund_due,
        "challenge_until": record.challenge_until,
        "contract_due": record.contract_due,
        "calendar_official": record.calendar_official,
        "items_total": record.items_total,
        "warnings": list(record.warnings),
        "deadlines": [deadline_json(x) for x in record.deadlines],
    }


def tender_lines(
    record: tenders.TenderRecord, language: str = "zh", shown: frozenset[str] = frozenset()
) -> list[tuple[str, str]]:
    """The tender for people: a '#id title' line, then (label, value) with the word catalogue's
    labels, money as ¥1,234.00, times to the minute, yes/no; empty values left out, and the
    warnings in `shown` too (the checklist prints them)."""
    d = record.draft
    en = language == "en"

    def money(value: Decimal | None) -> str | None:
        return None if value is None else f"¥{format_yuan(value)}"

    def day(value) -> str | None:
        return None if value is None else f"{value:%Y-%m-%d}"

    purchaser = record.client_name
    if d.client_id is not None:
        purchaser += f" (client #{d.client_id})" if en else f"（客户 #{d.client_id}）"
    official = (
        ("yes" if en else "是")
        if record.calendar_official
        else ("no, statutory holidays only" if en else "否（按法定假日推算）")
    )
    values = [
        ("number", d.number),
        ("purchaser", purchaser),
        ("agency", d.agency),
        ("tender_method", d.method.value),
        ("tender_status", d.status.value),
        ("budget", money(d.budget)),
        ("ceiling", money(d.ceiling)),
        ("bid_deadline", f"{d.bid_deadline:%Y-%m-%d %H:%M}" if d.bid_deadline else None),
        ("bid_deposit", ("waived" if en and d.deposit_waived else deposit_text(d.bid_deposit))),
        ("deposit_paid_on", day(d.deposit_paid_on)),
        ("deposit_refunded_on", day(d.deposit_refunded_on)),
        ("award_notice_on", day(d.award_notice_on)),
        ("contract_signed_on", day(d.contract_signed_on)),
        ("announcement_days", _announcement_text(d, en)),
        ("calendar_official", official),
        ("items_total", money(record.items_total) if record.items else None),
        ("our_price", money(d.our_price)),
        ("winner", d.winner),
        ("winning_price", money(d.winning_price)),
    ]
    lines = [("", f"#{record.id} {d.title}")]
    lines += [(field_label(key, language), text) for key, text in values if text]
    lines += [(field_label(x.key, language), deadline_text(x, en)) for x in record.deadlines]
    warning = field_label("warnings", language)
    lines += [(warning, warning_text(w, language)) for w in record.warnings if w not in shown]
    return lines


def _announcement_text(draft: TenderDraft, en: bool) -> str | None:
    if draft.award_notice_on is None and draft.announcement_days == ANNOUNCEMENT_WORKING_DAYS:
        return None
    days = draft.announcement_days
    return f"{days} working day{'s' if days > 1 else ''}" if en else f"{days} 个工作日"


def deadline_text(deadline: Deadline, en: bool = False) -> str:
    """'2026-10-13 (依据 …)', or what the date waits for."""
    if deadline.day is None:
        waiting = field_label(deadline.waiting_for, "en" if en else "zh")
        when = f"waits for: {waiting}" if en else f"待录入{waiting}后计算"
    else:
        when = f"{deadline.day:%Y-%m-%d}"
    return f"{when} (rule: {deadline.rule})" if en else f"{when}（依据：{deadline.rule}）"


def _tender_list(args: argparse.Namespace, archive: Archive) -> int:
    rows = tender_list.list_tenders(archive, tender_list.TenderFilter(statuses=tuple(args.status)))
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        deadline = f"{r.bid_deadline:%Y-%m-%d %H:%M}" if r.bid_deadline else "—"
        status = said(r.status, TenderStatus)
        number = f"（{r.number}）" if r.number else ""
        print(f"#{r.id} [{status}] {r.title}{number} 采购人 {r.client_name} 截止 {deadline}")
    return 0


def _tender_show(args: argparse.Namespace, archive: Archive) -> int:
    record, checks = tender_view.show(archive, args.tender_id)
    if args.json:
        print_json({**_tender_json(record), "checklist": checks})
        return 0
    _print_tender(record, frozenset(c.code for c in checks))
    for check in checks:
        print(
            f"[{ {'error': '问题', 'warning': '注意', 'info': '提示'}[check.level] }] {check.text}"
        )
    return 0


def _print_tender(record: tenders.TenderRecord, shown: frozenset[str]) -> None:
    for label, text in tender_lines(record, lang(), shown):
        print(f"  {label}{': ' if lang() == 'en' else '：'}{text}" if label else text)


def _tender_attach(args: argparse.Namespace, archive: Archive) -> int:
    tenders.get_tender(archive, args.tender_id)  # an unknown tender is named first
    if args.file is None:
        if args.title is not None:
            raise ValidationError("file", "required_with_title")
        section_id = None
        if args.section is not None:
            section_id = tender_packet.find_file_section(archive, args.tender_id, args.section).id
        for qid in args.qualification:
            tender_packet.attach_qualification(archive, args.tender_id, qid, section_id)
        return 0
    if args.section is None:
        raise ValidationError("section_title", "required_with_file")
    section = tender_packet.find_file_section(archive, args.tender_id, args.section)
    updated = tender_packet.attach_file(archive, section.id, args.file, args.title)
    added = updated.files[-1]
    if lang() == "en":
        print(f"#{added.id} {added.label} added to {updated.title} ({len(updated.files)} files)")
    else:
        print(
            f"#{added.id} {added.label} 已添加到“{updated.title}”（本章节共 {len(updated.files)} 个文件）"
        )
    return 0


def _tender_item(args: argparse.Namespace, archive: Archive) -> int:
    record = tenders.get_tender(archive, args.tender_id)
    line = tenders.TenderItemLine(
        args.name,
        args.model,
        tenders.parse_quantity(args.quantity),
        args.unit,
        _money(args.price, "unit_price") or Decimal("0"),
    )
    updated = tenders.set_items(archive, args.tender_id, [*record.items, line])
    print(f"{updated.items_total:.2f}")
    return 0


def _tender_deposit(args: argparse.Namespace, archive: Archive) -> int:
    record = tenders.get_tender(archive, args.tender_id)
    deposit = _deposit(args.deposit)
    if deposit and not args.paid_on:  # an amount is recorded when it is paid
        raise ValidationError("deposit_paid_on", "required")
    draft = replace(
        record.draft,
        bid_deposit=deposit,
        deposit_paid_on=parse_date(args.paid_on, "deposit_paid_on"),
        deposit_refunded_on=parse_date(args.refunded_on, "deposit_refunded_on"),
    )
    tenders.update_tender(archive, args.tender_id, draft)
    return 0


def _tender_status(args: argparse.Namespace, archive: Archive) -> int:
    record = tenders.get_tender(archive, args.tender_id)
    draft = replace(record.draft, status=TenderStatus(args.status))
    if args.award_notice:
        draft = replace(draft, award_notice_on=parse_date(args.award_notice, "award_notice_on"))
    tenders.update_tender(archive, args.tender_id, draft)
    return 0


def _tender_stats(args: argparse.Namespace, archive: Archive) -> int:
    stats = tenders.outcome_stats(archive, args.by)
    if args.json:
        print_json([{**s.__dict__, "win_rate": s.win_rate} for s in stats])
        return 0
    for s in stats:
        rate = f"{s.win_rate}%" if s.win_rate is not None else "—"
        group = said(s.group, TenderMethod) if args.by == "method" else s.group
        print(f"{group}：中标 {s.won} 未中标 {s.lost} 其他 {s.other} 中标率 {rate}")
    return 0


def _tender_ics(args: argparse.Namespace, archive: Archive) -> int:
    count = tenders.export_ics(archive, args.out)
    print(f"{count} {args.out}")
    return 0

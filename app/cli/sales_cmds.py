"""rebate / plan / contracts / contract / receipt: issue 5 on the command line (receivables:
app.cli.receivable_cmds)."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from decimal import Decimal

from app.cli import (
    add_if_version,
    add_output_argument,
    command,
    fail,
    lang,
    print_json,
    said,
    year_cmds,
)
from app.cli.bin_cmds import restore_hint
from app.domain.errors import AppError, ValidationError
from app.domain.labels import PLAN_METRIC
from app.domain.messages import describe
from app.domain.money import format_yuan, parse_yuan
from app.domain.parsing import parse_date, parse_money, parse_percent
from app.domain.plans import PlanTargets
from app.domain.rebates import (
    ApprovalStep,
    Basis,
    RebateStatus,
    RebateTier,
    Settlement,
    StepState,
    TierChange,
    percent,
)
from app.domain.typography import chinese_punctuation
from app.services import contracts, plans, rebates
from app.services.archive import Archive

# --- parsing helpers -------------------------------------------------------------------------


def _money(text: str, field: str) -> Decimal:
    return parse_money(text, field, required=True)  # "1.005" is refused, never rounded


def _date(text: str, field: str) -> date:
    value = parse_date(text, field)
    if value is None:
        raise ValidationError(field, "required")
    return value


def _yuan(amount: Decimal) -> str:
    return f"¥{format_yuan(amount)}"


# --- rebate ----------------------------------------------------------------------------------


def _register_rebate(subparsers) -> None:
    parser = subparsers.add_parser("rebate", help="sales rebates (销售返点) and their approval")
    sub = parser.add_subparsers(dest="rebate_cmd", metavar="ACTION", required=True)
    p = command(
        sub, "quote", _rebate_quote, "the tier rate and rebate for sales and receipts", writes=False
    )
    p.add_argument("--sales", required=True, help="the period's signed amount, e.g. 250000")
    p.add_argument("--receipts", required=True, help="the period's receipts")
    p.add_argument("--json", action="store_true")
    p = command(
        sub, "list", _rebate_list, "rebates, newest first, with their approval state", writes=False
    )
    p.add_argument("--client", type=int, metavar="CLIENT_ID")
    p.add_argument("--json", action="store_true")
    p = command(sub, "show", _rebate_show, "one rebate with every approval step", writes=False)
    p.add_argument("rebate_id", type=int)
    p.add_argument("--json", action="store_true")
    p = command(sub, "apply", _rebate_apply, "apply for a client's rebate for a period")
    p.add_argument("client_id", type=int)
    p.add_argument("--from", dest="first", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", required=True, metavar="YYYY-MM-DD")
    p.add_argument(
        "--by", default="", metavar="NAME", help="the applicant (default: the app's user name)"
    )
    p.add_argument(
        "--expected-sales",
        metavar="AMOUNT",
        help="apply in advance (提前申请) on the sales expected for the period; settle later",
    )
    p = command(
        sub,
        "settle",
        _rebate_settle,
        "settle an advance rebate on the period's actual receipts (another tier: re-approval)",
    )
    p.add_argument("rebate_id", type=int)
    p.add_argument("--by", default="", metavar="NAME", help="who settles (default: the user)")
    add_if_version(p)
    p = command(sub, "approve", _rebate_approve, "approve the step that is due")
    p.add_argument("rebate_id", type=int)
    p.add_argument(
        "--step",
        choices=("manager", "marketing", "gm"),
        help="optional: the step that is due (a check; another step is refused)",
    )
    p.add_argument("--by", required=True, metavar="NAME")
    p.add_argument("--comment", default="")
    _add_step_version(p)
    p = command(sub, "reject", _rebate_reject, "reject at the step that is due, with a reason")
    p.add_argument("rebate_id", type=int)
    p.add_argument("--by", required=True, metavar="NAME")
    p.add_argument("--reason", required=True)
    p.add_argument(
        "--step",
        choices=("manager", "marketing", "gm"),
        help="optional: the step that is due (a check; another step is refused)",
    )
    _add_step_version(p)
    p = command(sub, "tiers", _rebate_tiers, "show or set the tiers (default: the handbook's)")
    p.add_argument(
        "--set",
        nargs="+",
        metavar="TIER",
        help="e.g. '>=0:5%%' '>200000:8%%' '>=1000000:10%%'",
    )
    p.add_argument("--json", action="store_true")


def _add_step_version(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--if-version",
        type=int,
        metavar="N",
        help="take the step only if the rebate is still at version N (the 'version' of show"
        " --json); otherwise exit 3 naming who decided or changed it since",
    )


def _rebate_quote(args: argparse.Namespace, archive: Archive) -> int:
    sales, receipts = _money(args.sales, "sales"), _money(args.receipts, "receipts")
    quote = rebates.quote(sales, receipts, rebates.tiers(archive))
    if args.json:
        print_json({**quote.__dict__, "rate_text": percent(quote.rate), "tier": quote.tier})
        return 0
    print(f"销售额 {_yuan(sales)} 适用返点比例 {percent(quote.rate)}")
    print(f"回款 {_yuan(receipts)} × {percent(quote.rate)} = 返点 {_yuan(quote.amount)}")
    return 0


def _rebate_list(args: argparse.Namespace, archive: Archive) -> int:
    rows = rebates.list_rebates(archive, args.client)
    if args.json:
        print_json([{**r.__dict__, "status_label": r.status_label} for r in rows])
        return 0
    if not rows:
        print("没有返点记录。")
    for r in rows:
        print(
            f"#{r.id} {r.client_name} {r.period_start}至{r.period_end} "
            f"销售额 {_yuan(r.sales)} 回款 {_yuan(r.receipts)} {percent(r.rate)} "
            f"返点 {_yuan(r.amount)} [{said(r.status, RebateStatus)}]"
            + ("" if r.basis is Basis.ACTUAL else f"[{said(r.settlement, Settlement)}]")
        )
    return 0


def _print_rebate(record: rebates.RebateRecord) -> None:
    print(f"返点 #{record.id} {record.client_name} {record.period_start}至{record.period_end}")
    if record.basis is Basis.ADVANCE:
        print(
            f"提前申请：预计销售额 {_yuan(record.expected_sales or Decimal(0))}，批准比例 "
            f"{percent(record.approved_rate or Decimal(0))}，预计返点 {_yuan(record.approved_amount or Decimal(0))}"
            f"（{chinese_punctuation(said(record.settlement, Settlement))}）"
        )
    if record.settlement is not Settlement.OPEN:
        print(
            f"销售额 {_yuan(record.sales)}，回款 {_yuan(record.receipts)}，比例 "
            f"{percent(record.rate)}，返点 {_yuan(record.amount)}"
        )
    _print_difference(record.tier_change)
    print(f"状态：{said(record.status, RebateStatus)}")
    for s in record.steps:
        verdict = {"apply": "申请", "approve": "同意", "reject": "驳回"}[s.decision]
        note = f"：{s.comment}" if s.comment else ""
        step = s.step_label if s.step in ("apply", "settle") else said(s.step, ApprovalStep)
        print(f"  {s.at:%Y-%m-%d %H:%M} {step} {s.actor} {verdict}{note}")
    states = record.step_states()
    print(
        "本轮审批："
        + "；".join(f"{said(k, ApprovalStep)} {said(v, StepState)}" for k, v in states.items())
    )


def _print_difference(change: TierChange | None) -> None:
    if change is None:
        return
    verdict = "同档，直接结算" if change.same_tier else "档位不同，须重新经三级审批"
    print(
        f"结算对照（{verdict}）：批准 {percent(change.approved_rate)} "
        f"{_yuan(change.approved_amount)}；实际 {percent(change.actual_rate)} "
        f"{_yuan(change.actual_amount)}；差额 {_signed(change.difference)}"
    )


def _signed(amount: Decimal) -> str:
    return ("+" if amount > 0 else "-" if amount < 0 else "") + _yuan(abs(amount))


def _rebate_json(record: rebates.RebateRecord) -> dict:
    change = record.tier_change
    return {
        **record.__dict__,
        "status_label": record.status_label,
        "settlement_label": record.settlement_label,
        "step_states": {k.value: v.value for k, v in record.step_states().items()},
        "tier_change": None
        if change is None
        else {**change.__dict__, "same_tier": change.same_tier, "difference": change.difference},
    }


def _rebate_show(args: argparse.Namespace, archive: Archive) -> int:
    record = rebates.get_rebate(archive, args.rebate_id)
    if args.json:
        print_json(_rebate_json(record))
    else:
        _print_rebate(record)
    return 0


def _rebate_apply(args: argparse.Namespace, archive: Archive) -> int:
    first, last = _date(args.first, "period"), _date(args.last, "period")
    if args.expected_sales is not None:
        expected = _money(args.expected_sales, "expected_sales")
        record = rebates.apply_in_advance(archive, args.client_id, first, last, expected, args.by)
    else:
        record = rebates.apply(archive, args.client_id, first, last, args.by)
    _print_rebate(record)
    return 0


def _rebate_settle(args: argparse.Namespace, archive: Archive) -> int:
    record = rebates.settle(archive, args.rebate_id, args.by, args.if_version)
    _print_rebate(record)
    if record.settlement is Settlement.REVIEW:
        print("实际销售额落入另一档位：已退回大客户部经理重新审批（三级审批全部重走）。")
    return 0


def _rebate_approve(args: argparse.Namespace, archive: Archive) -> int:
    record = rebates.approve(
        archive, args.rebate_id, args.step, args.by, args.comment, args.if_version
    )
    _print_rebate(record)
    return 0


def _rebate_reject(args: argparse.Namespace, archive: Archive) -> int:
    record = rebates.reject(
        archive, args.rebate_id, args.step, args.by, args.reason, args.if_version
    )
    _print_rebate(record)
    return 0


def parse_tier(text: str) -> RebateTier:
    """'>=0:5%', '>200000:8%', '≥1,000,000:10%' -> a tier."""
    spec = text.replace("≥", ">=").replace(" ", "")
    inclusive = spec.startswith(">=")
    if not spec.startswith(">"):
        raise ValidationError("rebate_tiers", "bad_key_value", value=text)
    bound, _, rate = spec.lstrip(">=").partition(":")
    try:
        minimum = parse_yuan(bound)
        rate_value = parse_percent(rate, "rebate_tiers")
    except (ValueError, ArithmeticError, ValidationError):
        raise ValidationError("rebate_tiers", "bad_key_value", value=text) from None
    if minimum is None or rate_value is None:
        raise ValidationError("rebate_tiers", "bad_key_value", value=text)
    return RebateTier(minimum, inclusive, rate_value)


def _rebate_tiers(args: argparse.Namespace, archive: Archive) -> int:
    tiers = rebates.tiers(archive)
    if args.set:
        tiers = rebates.save_tiers(archive, tuple(parse_tier(t) for t in args.set))
    if args.json:
        print_json(tiers)
        return 0
    for t in tiers:
        print(f"销售额 {'≥' if t.inclusive else '>'} {_yuan(t.min_sales)}：{percent(t.rate)}")
    return 0


# --- plan ------------------------------------------------------------------------------------

_PLAN_OPTIONS = (
    ("clients", "--clients", int),
    ("visits", "--visits", int),
    ("signings", "--signings", int),
    ("signed_products", "--signed-products", int),
    ("signed_amount", "--signed-amount", str),
    ("receipts", "--receipts", str),
)


def _register_plan(subparsers) -> None:
    parser = subparsers.add_parser(
        "plan", help="monthly and annual plan (月计划, 年度计划): targets, progress, forecast"
    )
    sub = parser.add_subparsers(dest="plan_cmd", metavar="ACTION", required=True)
    p = command(
        sub, "show", _plan_show, "targets, 旬/week/day split and working days", writes=False
    )
    p.add_argument("month", metavar="YYYY-MM")
    p.add_argument("--json", action="store_true")
    _plan_outputs(p)
    p = command(sub, "set", _plan_set, "set a month's targets (the team's, or --owner's)")
    p.add_argument("month", metavar="YYYY-MM")
    p.add_argument("--owner", default="", metavar="NAME", help="an account manager")
    for _name, flag, kind in _PLAN_OPTIONS:
        p.add_argument(flag, type=kind)
    p = command(
        sub, "progress", _plan_progress, "plan vs actual by 旬, week and owner", writes=False
    )
    p.add_argument("month", metavar="YYYY-MM")
    p.add_argument("--as-of", metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true")
    _plan_outputs(p, as_of=False)
    year_cmds.register_plan_year(sub)  # plan year / plan year-set: the annual plan (issue 13)


def _plan_outputs(p: argparse.ArgumentParser, as_of: bool = True) -> None:
    """--pdf and --xlsx: the month's plan (targets, split, plan vs actual) as files."""
    if as_of:
        p.add_argument("--as-of", metavar="YYYY-MM-DD", help="plan vs actual as of (the files)")
    add_output_argument(p, "pdf", "--pdf", metavar="OUT", help="the plan as a PDF")
    add_output_argument(p, "xlsx", "--xlsx", metavar="OUT", help="the plan as .xlsx")


def _write_plan(args: argparse.Namespace, archive: Archive, year: int, month: int) -> None:
    from app.services import printouts

    as_of = _date(args.as_of, "as_of") if args.as_of else None
    if args.pdf is not None:
        pages = printouts.plan_pdf(archive, args.pdf, year, month, as_of)
        _wrote(args, args.pdf, f"{pages} 页", f"{pages} pages")
    if args.xlsx is not None:
        printouts.plan_xlsx(archive, args.xlsx, year, month, as_of)
        _wrote(args, args.xlsx, "月计划", "monthly plan")


def _wrote(args: argparse.Namespace, path: object, zh: str, en: str) -> None:
    """Says which file was written (not with --json: its output is the JSON alone)."""
    if not getattr(args, "json", False):
        print(f"Wrote {path} ({en})" if lang() == "en" else f"已写入 {path}（{zh}）")


def _targets_text(t: PlanTargets) -> str:
    parts = []
    for name, value in t.values().items():
        shown = _yuan(value) if isinstance(value, Decimal) else str(value)
        parts.append(f"{said(name, PLAN_METRIC)} {shown}")
    return "，".join(parts)


def _plan_show(args: argparse.Namespace, archive: Archive) -> int:
    year, month = plans.parse_month(args.month)
    plan = plans.get_plan(archive, year, month)
    cal = plan.split.calendar
    _write_plan(args, archive, year, month)
    if args.json:
        print_json(
            {
                "month": f"{year:04d}-{month:02d}",
                "team": plan.team,
                "owners": plan.owners,
                "working_days": cal.working_days,
                "makeup_days": cal.makeup_days,
                "holidays": cal.holidays,
                "official": cal.official,
                "note": cal.note,
                "decades": _parts_json(plan.split.decades),
                "weeks": _parts_json(plan.split.weeks),
                "days": _parts_json(plan.split.days),
            }
        )
        return 0
    note = f"（{cal.note}，按法定假日推算）" if cal.note else ""
    print(f"{year}年{month}月 工作日 {len(cal.working_days)} 天{note}")
    if cal.makeup_days:
        print("调休上班：" + "、".join(f"{d:%m-%d}" for d in cal.makeup_days))
    if cal.holidays:
        print("节假日（工作日放假）：" + "、".join(f"{d:%m-%d}" for d in cal.holidays))
    source = "" if plan.team.explicit else "（各客户经理目标合计）"
    print(f"团队目标{source}：{_targets_text(plan.team.targets)}")
    for o in plan.owners:
        print(f"  {o.owner}：{_targets_text(o.targets)}")
    for title, parts in (("按旬", plan.split.decades), ("按周", plan.split.weeks)):
        print(title + "：")
        for part in parts:
            days = len(part.period.working_days)
            print(
                f"  {chinese_punctuation(part.period.label)} {days} 个工作日：{_targets_text(part.targets)}"
            )
    print("每个工作日：")
    for part in plan.split.days:
        print(f"  {part.period.first:%m-%d}：{_targets_text(part.targets)}")
    return 0


def _parts_json(parts) -> list[dict]:
    return [
        {
            "key": p.period.key,
            "label": p.period.label,
            "first": p.period.first,
            "last": p.period.last,
            "working_days": len(p.period.working_days),
            "targets": p.targets,
        }
        for p in parts
    ]


def _plan_set(args: argparse.Namespace, archive: Archive) -> int:
    year, month = plans.parse_month(args.month)
    current = plans.get_plan(archive, year, month)
    found = next((o for o in current.owners if o.owner == args.owner.strip()), None)
    base = current.team if not args.owner.strip() and current.team.explicit else found
    values = (base.targets if base else PlanTargets()).values()
    for name, flag, _kind in _PLAN_OPTIONS:
        given = getattr(args, flag[2:].replace("-", "_"))
        if given is None:
            continue
        if name in ("signed_amount", "receipts"):
            values[name] = _money(given, name)
        elif given < 0:
            raise ValidationError(name, "bad_count", value=given)
        else:
            values[name] = given
    plan = plans.set_targets(archive, year, month, PlanTargets(**values), args.owner)
    who = args.owner.strip() or "团队"
    stored = next((o for o in plan.owners if o.owner == who), plan.team)
    print(f"已保存 {year}年{month}月 {who} 目标：{_targets_text(stored.targets)}")
    return 0


def _plan_progress(args: argparse.Namespace, archive: Archive) -> int:
    year, month = plans.parse_month(args.month)
    as_of = _date(args.as_of, "as_of") if args.as_of else None
    result = plans.progress(archive, year, month, as_of)
    _write_plan(args, archive, year, month)
    if args.json:
        print_json(result)
        return 0
    print(
        f"{year}年{month}月 截至 {result.as_of}：已过工作日 {result.working_days_elapsed}/"
        f"{result.working_days} {result.calendar_note}"
    )
    sections = (
        ("全月", (result.month_line,)),
        ("按旬", result.decades),
        ("按周", result.weeks),
        ("按客户经理", result.owners),
    )
    for title, lines in sections:
        print(title + "：")
        for line in lines:
            print(f"  {chinese_punctuation(line.label)}")
            for name, target in line.target.values().items():
                actual = line.actual.values()[name]
                due = line.due.values()[name]
                rate = plans.achievement(actual, target)
                shown = f"{rate}%" if rate is not None else "-"
                fmt = _yuan if isinstance(target, Decimal) else str
                print(
                    f"    {said(name, PLAN_METRIC)}：实际 {fmt(actual)} / 目标 {fmt(target)}"
                    f"（完成 {shown}，按进度应完成 {fmt(due)}）"
                )
    return 0


# --- contracts, receipts, receivables --------------------------------------------------------


def _register_contracts(subparsers) -> None:
    parser = subparsers.add_parser("contracts", help="list contracts (合同)")
    sub = parser.add_subparsers(dest="contracts_cmd", metavar="ACTION", required=True)
    p = command(
        sub, "list", _contracts_list, "contracts, newest first, with what is received", writes=False
    )
    p.add_argument("--client", type=int, metavar="CLIENT_ID")
    p.add_argument("--search", default="", metavar="TEXT")
    p.add_argument("--json", action="store_true")
    parser = subparsers.add_parser("contract", help="add, show, edit or delete a contract")
    sub = parser.add_subparsers(dest="contract_cmd", metavar="ACTION", required=True)
    _contract_options(command(sub, "add", _contract_add, "a contract with product lines"), True)
    p = command(sub, "edit", _contract_edit, "change a contract; options not given are kept")
    p.add_argument("contract_id", type=int)
    add_if_version(p)
    _contract_options(p, False)
    p = command(sub, "show", _contract_show, "one contract with lines and receipts", writes=False)
    p.add_argument("contract_id", type=int)
    p.add_argument("--json", action="store_true")
    p = command(sub, "delete", _contract_delete, "delete a contract that has no receipts")
    p.add_argument("contract_id", type=int)
    p.add_argument("--yes", action="store_true", help="confirm the deletion")
    parser = subparsers.add_parser("receipt", help="book, edit or delete a receipt (回款)")
    sub = parser.add_subparsers(dest="receipt_cmd", metavar="ACTION", required=True)
    p = command(sub, "add", _receipt_add, "book a receipt")
    p.add_argument("--client", type=int, required=True, metavar="CLIENT_ID")
    p.add_argument("--amount", required=True)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--contract", metavar="NUMBER", help="合同编号")
    p.add_argument("--method", default="")
    p = command(sub, "edit", _receipt_edit, "change a receipt; options not given are kept")
    p.add_argument("receipt_id", type=int)
    add_if_version(p)
    p.add_argument("--date", metavar="YYYY-MM-DD", help="回款日期 (default: unchanged)")
    p.add_argument("--amount", help="金额 (default: unchanged)")
    p.add_argument(
        "--contract",
        metavar="NUMBER",
        help="合同编号, or none for no contract (default: unchanged)",
    )
    p.add_argument("--method", help="回款方式 (default: unchanged)")
    p.add_argument("--notes", help="备注 (default: unchanged)")
    p = command(sub, "delete", _receipt_delete, "delete a receipt")
    p.add_argument("receipt_id", type=int)
    p.add_argument("--yes", action="store_true", help="confirm the deletion")
    p = command(
        subparsers, "receipts", _receipts_list, "receipts (回款), newest first", writes=False
    )
    p.add_argument("--client", metavar="NAME", help="a client's name (or id)")
    p.add_argument("--json", action="store_true")


def _contract_options(p: argparse.ArgumentParser, adding: bool) -> None:
    """The options of `contract add`; for `contract edit` every one is optional."""
    keep = "" if adding else " (default: unchanged)"
    p.add_argument("--number", required=adding, help="合同编号" + keep)
    p.add_argument("--client", type=int, required=adding, metavar="CLIENT_ID")
    p.add_argument("--signed", required=adding, metavar="YYYY-MM-DD")
    p.add_argument(
        "--line",
        action="append",
        default=[],
        metavar="产品|数量|单位|单价",
        help="a product line, fields separated by | like document --line (a comma, as before, "
        "still works when no | is given); repeat for more"
        + ("" if adding else " (replaces all lines)"),
    )
    p.add_argument("--amount", help="the amount, when there are no lines")
    p.add_argument("--payment-days", type=int, default=30 if adding else None)
    p.add_argument(
        "--terms", default="" if adding else None, help="payment terms as written" + keep
    )
    p.add_argument(
        "--owner", default="" if adding else None, help="default: the client's account manager"
    )


def _contracts_list(args: argparse.Namespace, archive: Archive) -> int:
    rows = contracts.list_contracts(archive, args.client, args.search)
    if args.json:
        print_json([{**r.__dict__, "outstanding": r.outstanding} for r in rows])
        return 0
    if not rows:
        print("没有合同。")
    for r in rows:
        print(
            f"#{r.id} {r.number} {r.client_name} {r.signed_on} 金额 {_yuan(r.amount)} "
            f"已回款 {_yuan(r.received)} 未回款 {_yuan(r.outstanding)} 到期 {r.due_on} {r.owner}"
        )
    return 0


def _line(text: str) -> contracts.ContractLineDraft:
    """'产品|数量|单位|单价' (the separator of `document --line`) or the older '产品,数量,单位,单价'."""
    text = text.replace("，", ",").replace("｜", "|")
    separator = "|" if "|" in text else ","
    parts = [p.strip() for p in text.split(separator)]
    if len(parts) != 4:
        raise ValidationError("line_product", "bad_key_value", value=text)
    product, quantity, unit, price = parts
    return contracts.ContractLineDraft(product, quantity, unit, _money(price, "unit_price"))


def _contract_add(args: argparse.Namespace, archive: Archive) -> int:
    draft = contracts.ContractDraft(
        number=args.number,
        client_id=args.client,
        signed_on=_date(args.signed, "signed_on"),
        lines=tuple(_line(t) for t in args.line),
        amount=_money(args.amount, "amount") if args.amount else None,
        payment_terms=args.terms,
        payment_days=args.payment_days,
        owner=args.owner,
    )
    record = contracts.create_contract(archive, draft)
    print(
        f"已添加合同 #{record.id} {record.number} {record.client_name} 金额 {_yuan(record.amount)}"
        f"（到期日 {record.due_on}）"
    )
    return 0


def _contract_edit(args: argparse.Namespace, archive: Archive) -> int:
    record = contracts.get_contract(archive, args.contract_id)
    draft = contracts.draft_of(record)
    changes: dict = {}
    if args.number is not None:
        changes["number"] = args.number
    if args.client is not None and args.client != record.client_id:
        changes["client_id"] = args.client
        changes["owner"] = ""  # the new client's account manager unless --owner says
    if args.signed is not None:
        changes["signed_on"] = _date(args.signed, "signed_on")
    if args.line:
        changes["lines"] = tuple(_line(t) for t in args.line)
        changes["amount"] = None
    elif args.amount is not None:
        if record.lines:
            raise ValidationError("amount", "amount_of_lines")
        changes["amount"] = _money(args.amount, "amount")
    for name, given in (
        ("payment_days", args.payment_days),
        ("payment_terms", args.terms),
        ("owner", args.owner),
    ):
        if given is not None:
            changes[name] = given
    draft = replace(draft, **changes)
    record = contracts.update_contract(archive, record.id, draft, args.if_version)
    print(
        f"已修改合同 #{record.id} {record.number} {record.client_name} 金额 {_yuan(record.amount)}"
        f"（到期日 {record.due_on}）"
    )
    return 0


def _delete(args: argparse.Namespace, what: tuple[str, str], delete, done: str) -> int:
    """Runs `delete` only with --yes (exit 1 saying so without); `what` is (zh, en)."""
    if not args.yes:
        shown = what[1] if lang() == "en" else what[0]
        return fail(describe(AppError("delete_needs_yes", what=shown), lang()))
    delete()
    print(done)
    return 0


def _contract_delete(args: argparse.Namespace, archive: Archive) -> int:
    record = contracts.get_contract(archive, args.contract_id)
    return _delete(
        args,
        (f"合同“{record.number}”", f"contract '{record.number}'"),
        lambda: contracts.delete_contract(archive, record.id),
        f"已删除合同 #{record.id} {record.number} {record.client_name}"
        + restore_hint("contract", record.id),
    )


def _receipt_delete(args: argparse.Namespace, archive: Archive) -> int:
    row = contracts.get_receipt(archive, args.receipt_id)
    return _delete(
        args,
        (f"回款“#{row.id}”", f"receipt #{row.id}"),
        lambda: contracts.delete_receipt(archive, row.id),
        f"已删除回款 #{row.id} {row.client_name} {row.received_on} {_yuan(row.amount)}"
        + restore_hint("receipt", row.id),
    )


def _receipts_list(args: argparse.Namespace, archive: Archive) -> int:
    client_id = contracts.find_client_id(archive, args.client) if args.client else None
    rows = contracts.list_receipts(archive, client_id)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("没有回款。")
    for r in rows:
        contract = f"合同 {r.contract_number}" if r.contract_number else "未指定合同"
        print(f"#{r.id} {r.received_on} {r.client_name} {_yuan(r.amount)} {contract} {r.method}")
    return 0


def _contract_show(args: argparse.Namespace, archive: Archive) -> int:
    record = contracts.get_contract(archive, args.contract_id)
    receipts = contracts.list_receipts(archive, contract_id=record.id)
    if args.json:
        print_json({**record.__dict__, "outstanding": record.outstanding, "receipts": receipts})
        return 0
    print(f"合同 {record.number} {record.client_name} 签订 {record.signed_on} 到期 {record.due_on}")
    for line in record.lines:
        print(
            f"  {line.product} {line.quantity}{line.unit} × {_yuan(line.unit_price)} "
            f"= {_yuan(line.amount)}"
        )
    print(f"合计 {_yuan(record.amount)}，已回款 {_yuan(record.received)}")
    for r in receipts:
        print(f"  回款 {r.received_on} {_yuan(r.amount)} {r.method}")
    return 0


def _receipt_add(args: argparse.Namespace, archive: Archive) -> int:
    contract_id = contracts.find_contract_id(archive, args.contract) if args.contract else None
    row = contracts.add_receipt(
        archive,
        contracts.ReceiptDraft(
            client_id=args.client,
            received_on=_date(args.date, "received_on"),
            amount=_money(args.amount, "amount"),
            contract_id=contract_id,
            method=args.method,
        ),
    )
    print(f"已登记回款 #{row.id} {row.client_name} {row.received_on} {_yuan(row.amount)}")
    return 0


def _receipt_edit(args: argparse.Namespace, archive: Archive) -> int:
    row = contracts.get_receipt(archive, args.receipt_id)
    changes: dict = {}
    if args.date is not None:
        changes["received_on"] = _date(args.date, "received_on")
    if args.amount is not None:
        changes["amount"] = _money(args.amount, "amount")
    if args.contract is not None:
        text = args.contract.strip()
        none = text.lower() in ("none", "无", "")
        changes["contract_id"] = None if none else contracts.find_contract_id(archive, text)
    if args.method is not None:
        changes["method"] = args.method
    if args.notes is not None:
        changes["notes"] = args.notes
    draft = replace(contracts.draft_of_receipt(row), **changes)
    row = contracts.update_receipt(archive, row.id, draft, args.if_version)
    contract = f"合同 {row.contract_number}" if row.contract_number else "未指定合同"
    print(
        f"已修改回款 #{row.id} {row.client_name} {row.received_on} {_yuan(row.amount)} {contract}"
    )
    return 0


# --- PDFs (registered by pdf_cmds) ----------------------------------------------------------


def _pdf_form(args: argparse.Namespace, archive: Archive) -> int:
    pages = rebates.write_form(archive, args.rebate_id, args.out)
    print(f"{args.out}（{pages} 页）")
    return 0


def _pdf_letter(args: argparse.Namespace, archive: Archive) -> int:
    pages = rebates.write_letter(archive, args.rebate_id, args.out)
    number = rebates.issue_letter(archive, args.rebate_id)  # taken by the print: read back
    print(f"{args.out}（{pages} 页）发文字号 {number}，已登记发文")
    return 0


def register(subparsers) -> None:
    _register_rebate(subparsers)
    _register_plan(subparsers)
    _register_contracts(subparsers)

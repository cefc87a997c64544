"""budget set/list/delete/show: the expense budget (费用预算) per month, account manager and
activity kind, and the budget against the expenses recorded on activities."""

from __future__ import annotations

import argparse

from app.cli import command, lang, print_json
from app.domain.budgets import BudgetLine
from app.domain.enums import ACTIVITY_KIND_ZH, ActivityKind
from app.domain.typography import chinese_punctuation
from app.services import budgets
from app.services.archive import Archive

KIND_HELP = "activity kind: " + " ".join(ACTIVITY_KIND_ZH[k] for k in ActivityKind)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "budget", help="expense budget (费用预算) per month, owner and kind, against the spent"
    )
    sub = parser.add_subparsers(dest="budget_cmd", metavar="ACTION", required=True)
    p = command(sub, "set", _set, "set a month's budget for an account manager and a kind")
    p.add_argument("month", metavar="YYYY-MM")
    _key_options(p)
    p.add_argument("--amount", required=True, help="yuan, at most two decimals, e.g. 5,000")
    p = command(sub, "list", _list, "budget lines of a year or a month", writes=False)
    p.add_argument("period", nargs="?", metavar="YYYY[-MM]")
    p.add_argument("--owner", metavar="NAME")
    p.add_argument("--json", action="store_true")
    p = command(sub, "delete", _delete, "remove a month's budget line")
    p.add_argument("month", metavar="YYYY-MM")
    _key_options(p)
    p = command(
        sub,
        "show",
        _show,
        "budget vs spent (remaining, % used) for a month or a year",
        writes=False,
    )
    p.add_argument("period", metavar="YYYY-MM|YYYY")
    p.add_argument("--json", action="store_true")


def _key_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--owner", required=True, metavar="NAME", help="the account manager")
    p.add_argument("--kind", required=True, help=KIND_HELP)


def _kind(value: str) -> str:
    kind = ActivityKind(value)
    return kind.value if lang() == "en" else ACTIVITY_KIND_ZH[kind]


def _yuan(amount) -> str:
    return f"{amount:,.2f}"


def _set(args: argparse.Namespace, archive: Archive) -> int:
    r = budgets.set_budget(archive, args.month, args.owner, args.kind, args.amount)
    if lang() == "en":
        print(f"Budget {r.month} {r.owner} {r.kind}: {_yuan(r.amount)} yuan")
    else:
        print(f"已设预算 {r.month} {r.owner} {_kind(r.kind)}：{_yuan(r.amount)} 元")
    return 0


def _list(args: argparse.Namespace, archive: Archive) -> int:
    rows = budgets.list_budgets(archive, args.period, args.owner)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No budgets." if lang() == "en" else "没有预算。")
        return 0
    for r in rows:
        print(f"{r.month}\t{r.owner}\t{_kind(r.kind)}\t{_yuan(r.amount)}")
    total = sum(r.amount for r in rows)
    print(f"{'Total' if lang() == 'en' else '合计'}\t{_yuan(total)}")
    return 0


def _delete(args: argparse.Namespace, archive: Archive) -> int:
    r = budgets.delete_budget(archive, args.month, args.owner, args.kind)
    if lang() == "en":
        print(f"Budget {r.month} {r.owner} {r.kind} removed ({_yuan(r.amount)} yuan)")
    else:
        print(f"已删除预算 {r.month} {r.owner} {_kind(r.kind)}（{_yuan(r.amount)} 元）")
    return 0


def _line_json(x: BudgetLine) -> dict:
    return {
        "owner": x.owner,
        "kind": x.kind,
        "budget": str(x.budget),
        "spent": str(x.spent),
        "remaining": str(x.remaining),
        "used_percent": None if x.used is None else str(x.used),
    }


def _show(args: argparse.Namespace, archive: Archive) -> int:
    report = budgets.month_report(archive, args.period)
    if args.json:
        print_json(
            {
                "first": report.first,
                "last": report.last,
                "months": list(report.months),
                "lines": [_line_json(x) for x in report.lines],
                "total": _line_json(report.total),
            }
        )
        return 0
    english = lang() == "en"
    print(f"{'Expense budget' if english else '费用预算'} {report.label}")
    if not report.lines:
        print("No budget and no expenses." if english else "本期无预算，也无费用。")
        return 0
    head = ("Owner", "Kind", "Budget", "Spent", "Remaining", "Used")
    print("\t".join(head if english else ("客户经理", "类型", "预算", "已用", "剩余", "使用率")))
    for x in (*report.lines, report.total):
        kind = x.kind_label if not x.kind or not english else x.kind
        used = "—" if x.used is None else f"{x.used}%"
        owner = chinese_punctuation(x.owner) if x.owner == budgets.NO_OWNER else x.owner
        cells = (owner, kind, _yuan(x.budget), _yuan(x.spent), _yuan(x.remaining), used)
        print("\t".join(cells))
    return 0

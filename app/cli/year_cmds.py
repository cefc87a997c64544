"""plan year / plan year-set / forecast: the annual sales plan and the sales forecast (issue 13)
on the command line."""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal

from app.cli import command, print_json
from app.domain.annual_plans import SPLIT_LABELS, parse_split
from app.domain.errors import ValidationError
from app.domain.forecasts import KIND_LABELS
from app.domain.money import fen_to_yuan, format_yuan
from app.domain.parsing import parse_money
from app.domain.periods import parse_month
from app.services import annual_plans, forecasts
from app.services.archive import Archive

SOURCE_LABELS = {
    "actual": "实际",
    "entered": "填报",
    "suggested": "建议",
    "mixed": "部分填报",
    "": "",
}


def _money(text: str, field: str) -> Decimal:
    return parse_money(text, field, required=True)


def _yuan(amount: Decimal) -> str:
    return f"¥{format_yuan(amount)}"


def _year(text: str) -> int:
    value = text.strip()
    if not value.isdigit() or len(value) != 4:
        raise ValidationError("year", "bad_year", value=text)
    return annual_plans.check_year(int(value))


def _month_value(text: str, year: int) -> tuple[int, Decimal]:
    """'3=50000' or '2027-03=50000' -> (3, 50000.00)."""
    month, sep, amount = text.partition("=")
    if not sep:
        raise ValidationError("month", "bad_month", value=text)
    month = month.strip()
    if month.isdigit() and 1 <= int(month) <= 12:
        number = int(month)
    else:
        y, number = parse_month(month)
        if y != year:
            raise ValidationError("month", "bad_month", value=text)
    return number, _money(amount, "receipts")


# --- plan year / year-set --------------------------------------------------------------------


def register_plan_year(sub) -> None:
    """`plan year` and `plan year-set`, in the plan command's family."""
    p = command(
        sub,
        "year",
        _plan_year,
        "annual plan: plan vs actual vs forecast by quarter and month",
        writes=False,
    )
    p.add_argument("year", metavar="YYYY")
    p.add_argument(
        "--owner", default="", metavar="NAME", help="an account manager (default: the team)"
    )
    p.add_argument("--json", action="store_true")
    p = command(
        sub,
        "year-set",
        _plan_year_set,
        "set a year's 回款 target and split it into months (months entered by hand are kept)",
    )
    p.add_argument("year", metavar="YYYY")
    p.add_argument(
        "--owner", default="", metavar="NAME", help="an account manager (default: the team)"
    )
    p.add_argument("--amount", metavar="X", help="the year's 回款 target in yuan")
    p.add_argument(
        "--split",
        metavar="even|seasonal",
        help="even: equal months; seasonal: by last year's receipts (default: as stored, else even)",
    )
    p.add_argument(
        "--month",
        action="append",
        default=[],
        metavar="MM=X",
        help="enter a month by hand (kept when the rest re-balances); repeatable",
    )
    p.add_argument(
        "--unpin",
        action="append",
        default=[],
        type=int,
        metavar="MM",
        help="a month entered by hand goes back to the split; repeatable",
    )


def _plan_year(args: argparse.Namespace, archive: Archive) -> int:
    view = annual_plans.year_view(archive, _year(args.year), args.owner)
    if args.json:
        print_json(view)
        return 0
    _print_year(view)
    return 0


def _print_year(view: annual_plans.YearView) -> None:
    who = view.owner or "团队"
    if view.explicit:
        how = SPLIT_LABELS.get(view.split, view.split)
        head = f"年度回款目标 {_yuan(view.target)}（分解方式：{how}）"
    else:
        head = "未设年度目标（计划为各月目标合计）"
    print(f"{view.year}年 {who} 年度销售计划：{head}")
    print(f"{'':8}{'计划':>16}{'实际':>16}{'预测':>16}  完成率")
    for quarter, months in zip(view.quarters, _chunks(view.months), strict=True):
        for m in months:
            mark = "（手工）" if m.pinned else ""
            source = SOURCE_LABELS.get(m.source, "")
            print(_row(f"  {m.label}{mark}", m, source))
        print(_row(quarter.label, quarter))
    print(_row("全年合计", view.total))


def _chunks(months):
    return [months[i : i + 3] for i in range(0, 12, 3)]


def _row(label: str, f: annual_plans.Figures, source: str = "") -> str:
    rate = f"{f.percent}%" if f.percent is not None else "-"
    extra = f"（{source}）" if source else ""
    return (
        f"{label:<8}{_yuan(f.plan):>16}{_yuan(f.actual):>16}{_yuan(f.forecast):>16}  {rate}{extra}"
    )


def _plan_year_set(args: argparse.Namespace, archive: Archive) -> int:
    year = _year(args.year)
    amount = _money(args.amount, "annual_receipts") if args.amount is not None else None
    split = parse_split(args.split) if args.split is not None else None
    months = dict(_month_value(text, year) for text in args.month)
    view = annual_plans.set_year_plan(
        archive, year, amount, args.owner, split, months, tuple(args.unpin)
    )
    print(f"已保存 {year}年 {view.owner or '团队'} 年度回款目标 {_yuan(view.target)}")
    _print_year(view)
    return 0


# --- forecast --------------------------------------------------------------------------------


def _register_forecast(subparsers) -> None:
    parser = subparsers.add_parser(
        "forecast", help="sales forecast (销售预测): entered and suggested from the pipeline"
    )
    sub = parser.add_subparsers(dest="forecast_cmd", metavar="ACTION", required=True)
    p = command(sub, "show", _forecast_show, "each account manager's coming months", writes=False)
    _window_options(p)
    p = command(sub, "set", _forecast_set, "enter the forecast of an account manager's month")
    p.add_argument("owner", metavar="OWNER")
    p.add_argument("month", metavar="YYYY-MM")
    p.add_argument("amount", metavar="AMOUNT", help="yuan; 'none' clears the figure entered")
    p.add_argument("--note", default="", help="what the figure rests on")
    p = command(
        sub,
        "suggest",
        _forecast_suggest,
        "the suggested forecast and the receivables and tenders it is made of",
        writes=False,
    )
    _window_options(p)


def _window_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--owner", metavar="NAME", help="one account manager")
    p.add_argument(
        "--from", dest="first", metavar="YYYY-MM", help="first month (default: this one)"
    )
    p.add_argument("--months", type=int, default=forecasts.DEFAULT_MONTHS, metavar="N")
    p.add_argument("--json", action="store_true")


def _first(args: argparse.Namespace) -> date | None:
    return date(*parse_month(args.first), 1) if args.first else None


def _forecast_show(args: argparse.Namespace, archive: Archive) -> int:
    view = forecasts.show(archive, _first(args), forecasts.check_months(args.months), args.owner)
    if args.json:
        print_json({"months": [f"{y:04d}-{m:02d}" for y, m in view.months], "cells": view.cells})
        return 0
    heads = "".join(f"{y:04d}-{m:02d}".rjust(18) for y, m in view.months)
    print(f"{'客户经理':<10}{heads}")
    for owner in view.owners:
        cells = [c for c in view.cells if c.owner == owner]
        text = "".join(
            (_yuan(c.forecast) + ("*" if c.entered is not None else " ")).rjust(18) for c in cells
        )
        print(f"{owner or '（未分配）':<10}{text}")
    total = "".join((_yuan(view.total(y, m)) + " ").rjust(18) for y, m in view.months)
    print(f"{'合计':<10}{total}")
    print("* 为填报数，其余为按在手项目建议的预测（forecast suggest 查看构成）")
    return 0


def _forecast_set(args: argparse.Namespace, archive: Archive) -> int:
    year, month = parse_month(args.month)
    clear = args.amount.strip().lower() in ("none", "clear", "-")
    amount = None if clear else _money(args.amount, "forecast")
    cell = forecasts.set_forecast(archive, args.owner, year, month, amount, args.note)
    if clear:
        print(f"已清除 {cell.owner} {year}年{month}月 的预测，改用建议数 {_yuan(cell.suggested)}")
    else:
        print(
            f"已保存 {cell.owner} {year}年{month}月 预测 {_yuan(cell.forecast)}"
            f"（建议数 {_yuan(cell.suggested)}）"
        )
    return 0


def _forecast_suggest(args: argparse.Namespace, archive: Archive) -> int:
    months = forecasts.check_months(args.months)
    found = forecasts.suggest(archive, _first(args), months, args.owner)
    if args.json:
        print_json(found)
        return 0
    for year, month in found.months:
        print(f"{year}年{month}月 建议预测 {_yuan(fen_to_yuan(found.fen(None, year, month)))}")
        for i in found.items:
            if (i.expected_on.year, i.expected_on.month) != (year, month):
                continue
            how = (
                f"未收 {_yuan(fen_to_yuan(i.basis_fen))}"
                if i.kind == "contract"
                else f"预算 {_yuan(fen_to_yuan(i.basis_fen))} × {i.percent}%"
            )
            print(
                f"  {i.expected_on} {KIND_LABELS[i.kind]} {i.label}（{i.client}，"
                f"{i.owner or '未分配'}，{i.stage}）：{how} = {_yuan(fen_to_yuan(i.amount_fen))}"
            )
    for i in found.undated:
        print(f"  未计入（无开标/评标/中标日期）：{i.label}（{i.client}，{i.stage}）")
    print(
        "计算方法：应收合同按到期日（签订日+付款天数）全额计入，逾期的计入本月；"
        "在投项目按预算（无预算用最高限价）×中标概率（跟踪中10%、准备投标30%、已投标50%、"
        "中标未签合同90%），于中标通知（无则评标日、投标截止日）后60天"
        "（30天内签合同，政府采购法第四十六条；再加30天付款期）计入。"
    )
    return 0


def register(subparsers) -> None:
    _register_forecast(subparsers)

"""analysis VIEW: the handbook's six analyses (发展 服务 流失 费用 价值 客户经理) for a month or a
range, as a table, JSON or .xlsx."""

from __future__ import annotations

import argparse
from datetime import date

from app.cli import add_limit_argument, add_output_argument, command, limit_of, print_json
from app.domain.errors import ValidationError
from app.domain.typography import chinese_punctuation as zh  # labels as the window shows them
from app.services import analysis
from app.services.archive import Archive

VIEW_HELP = ", ".join(f"{k} ({v})" for k, v in analysis.VIEWS.items())


def register(subparsers) -> None:
    p = command(
        subparsers,
        "analysis",
        _analysis,
        "the six analyses: development, service, churn, cost, value, owners",
        writes=False,
    )
    p.add_argument("view", help=VIEW_HELP)
    p.add_argument("--month", help="YYYY-MM (default: this month)")
    p.add_argument("--from", dest="first", help="first day YYYY-MM-DD (instead of --month)")
    p.add_argument("--to", dest="last", help="last day YYYY-MM-DD (with --from)")
    p.add_argument(
        "--churn-days",
        type=int,
        default=analysis.DEFAULT_CHURN_DAYS,
        help="no visit or order for this many days counts as churn risk (default 90)",
    )
    add_limit_argument(p, 50, "rows to print")
    p.add_argument("--json", action="store_true")
    add_output_argument(p, "xlsx", "--xlsx", metavar="OUT", help="write every row to OUT.xlsx")


def _period(args: argparse.Namespace, archive: Archive) -> tuple[date, date]:
    if args.first or args.last:
        if args.month:
            raise ValidationError("month", "bad_month", value=f"{args.month} + --from/--to")
        return _day(args.first, "period"), _day(args.last, "period")
    if args.month:
        return analysis.month_bounds(*analysis.parse_month(args.month))
    today = archive.today()
    return analysis.month_bounds(today.year, today.month)


def _day(text: str | None, field: str) -> date:
    try:
        return date.fromisoformat(str(text or "").strip())
    except ValueError:
        raise ValidationError(field, "bad_date", value=text or "") from None


def _analysis(args: argparse.Namespace, archive: Archive) -> int:
    first, last = _period(args, archive)
    if args.xlsx:
        count = analysis.export_full_view(
            archive, args.view, first, last, args.xlsx, churn_days=args.churn_days
        )
        print(f"{args.xlsx}（{count} 行）")
        return 0
    limit = limit_of(args)
    table = analysis.analysis_view(
        archive, args.view, first, last, churn_days=args.churn_days, limit=limit
    )
    if args.json:
        print_json(analysis.json_ready(table))
        return 0
    _print_table(table)
    return 0


def _print_table(table: analysis.AnalysisTable) -> None:
    print(f"{table.title} {table.period_label}")
    for label, value in table.summary:
        print(f"  {label}：{zh(value)}")
    print()
    print("\t".join(zh(c.label) for c in table.columns))
    for row in table.rows:
        cells = (analysis.cell_text(v, c.kind) for v, c in zip(row, table.columns, strict=False))
        print("\t".join(cells))
    if len(table.rows) < table.total_rows:
        print(f"（共 {table.total_rows} 行，显示前 {len(table.rows)} 行；--limit 0 显示全部）")
    for part in table.parts:  # the 费用 view's budget against spent
        print()
        print(f"{part.title} {part.period_label}")
        if not part.rows:
            print("本期无预算，也无费用。")
            continue
        print("\t".join(zh(c.label) for c in part.columns))
        for row in part.rows:
            cells = zip(row, part.columns, strict=True)
            print("\t".join(analysis.cell_text(v, c.kind) for v, c in cells))

"""The analysis views with a row per account manager: 服务 (visits and complaints against the
plan) and 客户经理 (signings, receipts, receivables and expenses against the plan)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

from app.db.repositories import analysis as repo
from app.domain.ratios import percent
from app.services.analysis.figures import as_of_for, owners_and_total, read
from app.services.analysis.tables import AnalysisTable, table, yuan


def service_view(archive, session, first, last, _days, _limit) -> AnalysisTable:
    lines, total = owners_and_total(session, first, last, as_of_for(archive, last), full=False)
    rows = [
        (
            x.owner,
            x.visits,
            x.visits_target,
            percent(x.visits, x.visits_target),
            x.complaints,
            x.complaints_closed,
            x.complaints - x.complaints_closed,
            x.response_days,
            x.slowest_days,
        )
        for x in (*lines, total)
    ]
    columns = (
        ("owner", "客户经理"),
        ("visits", "拜访次数", "int"),
        ("visits_target", "拜访目标", "int"),
        ("visits_pct", "完成率(%)", "percent"),
        ("complaints", "投诉", "int"),
        ("closed", "已办结", "int"),
        ("open", "未办结", "int"),
        ("response", "平均响应(天)", "days"),
        ("slowest", "最长响应(天)", "int"),
    )
    as_of = as_of_for(archive, last)
    open_then, _oldest = repo.open_complaints(session, as_of)
    summary = (
        ("拜访", f"{total.visits} 次"),
        ("投诉", f"{total.complaints} 起,已办结 {total.complaints_closed} 起"),
        ("平均响应", f"{total.response_days} 天" if total.response_days is not None else "—"),
        (f"截至 {as_of:%Y-%m-%d} 未办结投诉", f"{open_then} 起"),
    )
    chart = tuple((x.owner, Decimal(x.visits)) for x in lines)
    return table(
        "service",
        first,
        last,
        columns,
        rows,
        len(rows),
        summary=summary,
        chart=chart,
        chart_title="各客户经理拜访次数",
    )


def owners_view(archive, session, first, last, _days, _limit) -> AnalysisTable:
    as_of = as_of_for(archive, last)
    with ThreadPoolExecutor(max_workers=2) as pool:
        # the two heaviest queries on their own connections while this one reads the rest
        ageing = pool.submit(read, archive, lambda s: repo.ageing(s, as_of))
        activity = pool.submit(
            read, archive, lambda s: repo.activity_by_owner(s, first, last, as_of)
        )
        lines, total = owners_and_total(session, first, last, as_of, ageing, activity=activity)
    rows = [
        (
            x.owner,
            x.clients,
            x.new_clients,
            x.visits,
            x.signings,
            x.signed,
            x.signed_target,
            percent(x.signed, x.signed_target),
            x.receipts,
            x.receipts_target,
            percent(x.receipts, x.receipts_target),
            x.receivable,
            x.overdue_90,
            x.expenses,
        )
        for x in (*lines, total)
    ]
    columns = (
        ("owner", "客户经理"),
        ("clients", "客户数", "int"),
        ("new_clients", "新客户", "int"),
        ("visits", "拜访", "int"),
        ("signings", "签约数", "int"),
        ("signed", "签约额", "money"),
        ("signed_target", "签约目标", "money"),
        ("signed_pct", "签约完成率(%)", "percent"),
        ("receipts", "回款", "money"),
        ("receipts_target", "回款目标", "money"),
        ("receipts_pct", "回款完成率(%)", "percent"),
        ("receivable", "应收余额", "money"),
        ("overdue_90", "超90天应收", "money"),
        ("expenses", "费用", "money"),
    )
    summary = (
        ("签约额", f"{yuan(total.signed)} 元"),
        ("回款", f"{yuan(total.receipts)} 元"),
        ("应收余额", f"{yuan(total.receivable)} 元"),
    )
    chart = tuple((x.owner, x.signed) for x in lines)
    return table(
        "owners",
        first,
        last,
        columns,
        rows,
        len(rows),
        summary=summary,
        chart=chart,
        chart_title="各客户经理签约额(元)",
    )

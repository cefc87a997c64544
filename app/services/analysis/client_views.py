"""The analysis views with a row per client: 发展 (new and growing clients), 流失 (churn risks),
费用 (expenses against revenue) and 价值 (the Pareto curve of revenue)."""

from __future__ import annotations

from decimal import Decimal

from app.db.repositories import analysis as repo
from app.domain.periods import last_twelve_months, period_label, previous_range
from app.domain.ratios import percent
from app.services import budgets
from app.services.analysis.figures import (
    ZERO,
    ParetoShares,
    as_of_for,
    churn_risks,
    money,
    owner_name,
    pareto_curve,
    pareto_shares,
    to_date,
)
from app.services.analysis.tables import AnalysisTable, Column, table, yuan


def development_view(archive, session, first, last, _days, limit) -> AnalysisTable:
    before = previous_range(first, last)
    new, growing = repo.growth_counts(session, first, last, before[0])
    rows = []
    for cid, name, owner, created, now_fen, before_fen in repo.growth(
        session, first, last, before[0], limit
    ):
        created_on = to_date(created)
        is_new = first <= created_on <= last
        now, prev = money(now_fen), money(before_fen)
        rows.append(
            (
                cid,
                name,
                owner_name(owner),
                "新客户" if is_new else "增长",
                created_on,
                prev,
                now,
                now - prev,
                percent(now - prev, prev),
            )
        )
    columns = (
        ("client_id", "客户编号", "int"),
        ("client", "客户名称"),
        ("owner", "客户经理"),
        ("kind", "类别"),
        ("created_on", "建档日期", "date"),
        ("before", "上期销售额", "money"),
        ("now", "本期销售额", "money"),
        ("growth", "增长额", "money"),
        ("growth_pct", "增长率(%)", "percent"),
    )
    summary = (
        ("新客户", f"{new} 家"),
        ("销售增长的客户", f"{growing} 家"),
        ("对比期间", period_label(*before)),
    )
    chart = tuple(
        (owner_name(o), Decimal(n))
        for o, n in sorted(repo.new_clients_by_owner(session, first, last))
    )
    return table(
        "development",
        first,
        last,
        columns,
        rows,
        new + growing,
        summary=summary,
        chart=chart,
        chart_title="各客户经理新客户数",
    )


def churn_view(archive, session, first, last, days, limit) -> AnalysisTable:
    churn = churn_risks(session, as_of_for(archive, last), days, limit)
    rows = [
        (
            r.client_id,
            r.client,
            r.owner,
            r.tier,
            r.last_visit,
            r.last_order,
            *r.monthly_sales,
            r.reasons(),
        )
        for r in churn.rows
    ]
    columns = (
        ("client_id", "客户编号", "int"),
        ("client", "客户名称"),
        ("owner", "客户经理"),
        ("tier", "等级"),
        ("last_visit", "最近拜访", "date"),
        ("last_order", "最近签约", "date"),
        *((f"m{i}", f"{m} 销售额", "money") for i, m in enumerate(churn.months)),
        ("reasons", "风险原因"),
    )
    summary = (
        ("流失风险客户", f"{churn.total} 家"),
        (f"{days} 天未拜访", f"{churn.no_visit} 家"),
        (f"{days} 天未下单", f"{churn.no_order} 家"),
        ("销售额连续三个月下降", f"{churn.falling} 家"),
    )
    chart = (
        ("未拜访", Decimal(churn.no_visit)),
        ("未下单", Decimal(churn.no_order)),
        ("连续下降", Decimal(churn.falling)),
    )
    return table(
        "churn",
        first,
        last,
        columns,
        rows,
        churn.total,
        summary=summary,
        chart=chart,
        chart_title="流失风险(家)",
    )


def cost_view(archive, session, first, last, _days, limit) -> AnalysisTable:
    found = repo.expenses_vs_revenue(session, first, last, limit)
    rows = [
        (cid, name, owner_name(owner), money(e), money(s), percent(money(e), money(s)))
        for cid, name, owner, e, s, *_totals in found
    ]
    total, expenses, revenue = (
        (found[0][5], money(found[0][6]), money(found[0][7])) if found else (0, ZERO, ZERO)
    )
    columns = (
        ("client_id", "客户编号", "int"),
        ("client", "客户名称"),
        ("owner", "客户经理"),
        ("expense", "费用", "money"),
        ("revenue", "销售额", "money"),
        ("ratio", "费用率(%)", "percent"),
    )
    ratio = percent(expenses, revenue)
    summary = (
        ("费用合计", f"{yuan(expenses)} 元"),
        ("销售额合计", f"{yuan(revenue)} 元"),
        ("费用率", f"{ratio}%" if ratio is not None else "—"),
        ("有费用或销售额的客户", f"{total} 家"),
    )
    chart = tuple((r[1][:8], r[3]) for r in rows[:10] if r[3])
    budget = budget_part(budgets.report_in(session, first, last))
    return table(
        "cost",
        first,
        last,
        columns,
        rows,
        total,
        summary=summary + budget.summary,
        chart=chart,
        chart_title="费用最高的客户(元)",
        parts=(budget,),
    )


def _budget_left(t) -> tuple[str, str]:
    """预算剩余 (or 预算超支 when more was spent than budgeted), with the share used."""
    used = f",已用 {t.used}%" if t.used is not None else ""
    if t.remaining < 0:
        return "预算超支", f"{yuan(-t.remaining)} 元{used}"
    return "预算剩余", f"{yuan(t.remaining)} 元{used}"


def budget_part(report: budgets.BudgetReport) -> AnalysisTable:
    """费用预算执行: budget, spent, remaining and % used per account manager and activity kind
    (issue 13), the total last; its key figures join the 费用 view's."""
    rows = (
        [
            (x.owner, x.kind_label, x.budget, x.spent, x.remaining, x.used)
            for x in (*report.lines, report.total)
        ]
        if report.lines
        else []
    )
    columns = (
        ("owner", "客户经理"),
        ("kind", "费用类型"),
        ("budget", "预算", "money"),
        ("spent", "已用", "money"),
        ("remaining", "剩余", "money"),
        ("used", "使用率(%)", "percent"),
    )
    t = report.total
    summary = (
        ("费用预算", f"{yuan(t.budget)} 元(计入 {report.label} 的预算)"),
        _budget_left(t),
    )
    return AnalysisTable(
        view="budget",
        title="费用预算执行",
        first=report.first,
        last=report.last,
        period_label=report.label,
        columns=tuple(Column(*c) for c in columns),
        rows=tuple(rows),
        total_rows=len(rows),
        summary=summary,
    )


def _top_fifth(shares: ParetoShares) -> tuple[tuple[str, str], ...]:
    """The handbook's 80/20: the top 20% of all active clients and their share of revenue,
    beside the top 20% of the clients with revenue."""
    return (
        (
            "前20%活跃客户的销售额占比",
            f"{shares.active_share or 0}%(活跃客户 {shares.active} 家中的前 "
            f"{shares.top_active} 家)",
        ),
        (
            "前20%有销售额客户的销售额占比",
            f"{shares.with_revenue_share or 0}%(有销售额客户 {shares.with_revenue} 家中的前 "
            f"{shares.top_with_revenue} 家)",
        ),
    )


def value_view(archive, session, first, last, _days, limit) -> AnalysisTable:
    window = last_twelve_months(first, last)
    pareto, ranked = pareto_curve(session, *window, rows=limit)
    rows = []
    for rank, cid, name, owner, tier, rev, cum in ranked:
        rows.append(
            (
                rank,
                cid,
                name,
                owner_name(owner),
                tier,
                money(rev),
                percent(money(rev), pareto.revenue),
                percent(money(cum), pareto.revenue),
                "是" if rank <= pareto.cut else "",
            )
        )
    columns = (
        ("rank", "排名", "int"),
        ("client_id", "客户编号", "int"),
        ("client", "客户名称"),
        ("owner", "客户经理"),
        ("tier", "等级"),
        ("revenue", "销售额", "money"),
        ("share", "占比(%)", "percent"),
        ("cumulative", "累计占比(%)", "percent"),
        ("core", "贡献80%", "text"),
    )
    shares = pareto_shares(session, *window)
    of_active = percent(pareto.cut, shares.active) or 0
    summary = (
        ("统计期间", period_label(*window)),
        ("有销售额的客户", f"{pareto.clients} 家"),
        ("销售额合计", f"{yuan(pareto.revenue)} 元"),
        (
            "贡献80%销售额的客户",
            f"{pareto.cut} 家(占有销售额客户的 {pareto.cut_share_of_clients or 0}%,"
            f"占全部活跃客户的 {of_active}%)",
        ),
        *_top_fifth(shares),
    )
    chart = (
        tuple(
            (str(rank), (cum / pareto.revenue * 100).quantize(Decimal("0.1")))
            for rank, cum in pareto.curve
        )
        if pareto.revenue
        else ()
    )
    return table(
        "value",
        first,
        last,
        columns,
        rows,
        pareto.clients,
        summary=summary,
        chart=chart,
        chart_title="帕累托曲线(累计占比%)",
    )

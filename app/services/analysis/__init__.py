"""The monthly key-account report (大客户月报) and the handbook's six analyses (动态分析).

One service computes both, from the same aggregate queries, so the report and the analysis
views agree to the fen. Money is Decimal yuan; every figure is grouped inside SQLite.

Rules where the handbook is silent:
- Revenue (销售额) is the signed contract amount, as for the rebate tiers; receipts are 回款.
- Signed amounts count for the contract's owner, receipts/visits/complaints for the client's.
- The report is "as of" the month's last day, or today while the month is still running (数据截至),
  and so is every figure in it and in the views: nothing dated after that day counts. Last visit:
  the last visit dated on or before it; complaints: open if opened by then and not closed by then
  (closed_on); tier: from the dated tier changes (client_tier_changes: the old tier of the first
  change after the day, else the tier now); clients: those created by then; rebates: applied by
  then, at the approval step their dated steps had reached. Printing a past month again after
  entering records dated later gives the same figures. Not dated, so as now: a client's owner,
  status (合作中) and key-account flag, and a rebate's amount.
- 价值 (Pareto) looks at the 12 months ending with the period, so a single month's few
  contracts do not make the curve.
- 流失 (churn): clients 合作中 created before the quiet window, with no visit in N days, or
  orders before but none in N days, or sales falling three months running (each of the last
  three months below the month before).
- 发展 (development): clients created in the period, and clients selling more than in the
  equally long period before.

The package, one module per use case: figures (what the report and the views share), report
(the month's figures) and report_pdf (the month's PDF), tables (what a view gives), client_views
and owner_views (the six views), views (choosing a view, exporting it). Months and periods are
app.domain.periods; this package re-exports what the front ends use."""

from __future__ import annotations

from app.domain.periods import month_bounds, parse_month, period_label, previous_range
from app.services.analysis.figures import (
    DEFAULT_CHURN_DAYS,
    NO_OWNER,
    PARETO_SHARE,
    Churn,
    ChurnRisk,
    OwnerLine,
    Pareto,
    as_of_for,
)
from app.services.analysis.report import (
    KeyAccountLine,
    MonthlyReport,
    MonthPoint,
    NextPlan,
    PlanLine,
    RebateLine,
    Rebates,
    Receivable,
    Signing,
    TierChange,
    monthly_report,
)
from app.services.analysis.report_pdf import write_monthly_report
from app.services.analysis.tables import (
    VIEW_ALIASES,
    VIEWS,
    AnalysisTable,
    Column,
    cell_text,
    json_ready,
)
from app.services.analysis.views import analysis_view, export_full_view, export_view, view_name

__all__ = [
    "DEFAULT_CHURN_DAYS",
    "NO_OWNER",
    "PARETO_SHARE",
    "VIEWS",
    "VIEW_ALIASES",
    "AnalysisTable",
    "Churn",
    "ChurnRisk",
    "Column",
    "KeyAccountLine",
    "MonthPoint",
    "MonthlyReport",
    "NextPlan",
    "OwnerLine",
    "Pareto",
    "PlanLine",
    "RebateLine",
    "Rebates",
    "Receivable",
    "Signing",
    "TierChange",
    "analysis_view",
    "as_of_for",
    "cell_text",
    "export_full_view",
    "export_view",
    "json_ready",
    "month_bounds",
    "monthly_report",
    "parse_month",
    "period_label",
    "previous_range",
    "view_name",
    "write_monthly_report",
]

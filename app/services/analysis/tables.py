"""What an analysis view gives: a table of typed columns with its key figures and a chart, and
how its cells read on screen, in the command line and in JSON."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from app.domain.periods import period_label
from app.domain.typography import chinese_punctuation
from app.services.analysis.figures import NO_OWNER

VIEWS: dict[str, str] = {
    "development": "发展分析",
    "service": "服务分析",
    "churn": "流失分析",
    "cost": "费用分析",
    "value": "价值分析",
    "owners": "客户经理分析",
}
VIEW_ALIASES = {
    "发展": "development",
    "服务": "service",
    "流失": "churn",
    "费用": "cost",
    "价值": "value",
    "客户经理": "owners",
    "owner": "owners",
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text | int | money | percent | days | date


@dataclass(frozen=True)
class AnalysisTable:
    """One analysis view: rows and columns, plus the key figures above the table. `rows` may be
    cut to a limit; `total_rows` says how many there are in all."""

    view: str
    title: str
    first: date
    last: date
    period_label: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    total_rows: int
    summary: tuple[tuple[str, str], ...] = ()
    chart: tuple[tuple[str, Decimal], ...] = ()  # (label, value) bars worth drawing
    chart_title: str = ""
    # smaller tables shown under the view's own (the 费用 view: budget against spent)
    parts: tuple[AnalysisTable, ...] = ()


def table(name: str, first: date, last: date, columns, rows, total: int, **extra) -> AnalysisTable:
    return AnalysisTable(
        view=name,
        title=VIEWS[name],
        first=first,
        last=last,
        period_label=period_label(first, last),
        columns=tuple(Column(*c) for c in columns),
        rows=tuple(rows),
        total_rows=total,
        **extra,
    )


def yuan(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def cell_text(value: object, kind: str = "text") -> str:
    """How a cell reads on screen, in the CLI and in the PDF."""
    if value is None:
        return "—" if kind in ("percent", "days", "date", "money") else ""
    if kind == "money" and isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, date):
        return value.isoformat()
    if value == NO_OWNER:
        return chinese_punctuation(NO_OWNER)  # （未分配）; the data (and --json) keep the key
    return str(value)


def json_ready(table: AnalysisTable) -> dict:
    def plain(v: object) -> object:
        if isinstance(v, Decimal):
            return str(v)
        if isinstance(v, (date, datetime)):
            return v.isoformat()
        return v

    return {
        "view": table.view,
        "title": table.title,
        "first": table.first.isoformat(),
        "last": table.last.isoformat(),
        "period": table.period_label,
        "columns": [{"key": c.key, "label": c.label, "kind": c.kind} for c in table.columns],
        "rows": [[plain(v) for v in row] for row in table.rows],
        "total_rows": table.total_rows,
        "summary": [list(s) for s in table.summary],
        "parts": [json_ready(part) for part in table.parts],
    }

"""The six analyses of the handbook (动态分析) for any period, and their export to .xlsx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.domain.errors import ValidationError
from app.domain.periods import check_period
from app.domain.typography import chinese_punctuation
from app.services.analysis import client_views, owner_views
from app.services.analysis.figures import DEFAULT_CHURN_DAYS, step
from app.services.analysis.tables import VIEW_ALIASES, VIEWS, AnalysisTable
from app.services.archive import Archive
from app.services.readers import reading

_BUILDERS = {
    "development": client_views.development_view,
    "service": owner_views.service_view,
    "churn": client_views.churn_view,
    "cost": client_views.cost_view,
    "value": client_views.value_view,
    "owners": owner_views.owners_view,
}


def view_name(text: str) -> str:
    name = VIEW_ALIASES.get(text.strip(), text.strip().lower())
    if name not in VIEWS:
        raise ValidationError("analysis_view", "unknown_view", value=text, views="、".join(VIEWS))
    return name


def analysis_view(
    archive: Archive,
    view: str,
    first: date,
    last: date,
    *,
    churn_days: int = DEFAULT_CHURN_DAYS,
    limit: int | None = 500,
    task=None,
) -> AnalysisTable:
    """One of the six views for the period (rows cut to `limit`; None: every row)."""
    name = view_name(view)
    check_period(first, last)
    step(task, 0, 1)
    with reading(archive) as session:
        table = _BUILDERS[name](archive, session, first, last, churn_days, limit)
    step(task, 1, 1)
    return table


def export_view(table: AnalysisTable, out: Path) -> int:
    """Writes the view as .xlsx; returns the number of rows written."""
    from app.exports.analysis_xlsx import write_analysis

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise ValidationError("file", "not_xlsx", value=out.name)
    zh = chinese_punctuation  # labels and summary as the window shows them: 增长率（%）
    return write_analysis(
        out,
        title=table.title,
        period=table.period_label,
        columns=[(zh(c.label), c.kind) for c in table.columns],
        rows=table.rows,
        summary=[(zh(label), zh(value)) for label, value in table.summary],
        parts=[
            (zh(part.title), [(zh(c.label), c.kind) for c in part.columns], part.rows)
            for part in table.parts
        ],
    )


def export_full_view(
    archive: Archive,
    view: str,
    first: date,
    last: date,
    out: Path,
    *,
    churn_days: int = DEFAULT_CHURN_DAYS,
    task=None,
) -> int:
    """Every row of the view (not just the first screenful) to .xlsx."""
    step(task, 0, 2)
    table = analysis_view(archive, view, first, last, churn_days=churn_days, limit=None)
    step(task, 1, 2)
    count = export_view(table, out)
    step(task, 2, 2)
    return count

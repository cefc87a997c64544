"""The full lists printed and exported: the overdue visits (逾期拜访清单), the monthly plan
(月计划) and the receivables ageing (应收账款账龄). Each is a PDF in Chinese with the embedded
CJK font and "第 X 页 共 Y 页", and an .xlsx with real numbers and dates; the window shows the
PDF in its preview, the command line writes both (--pdf, --xlsx)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.domain.enums import Tier
from app.domain.labels import label
from app.domain.money import format_yuan
from app.domain.plans import METRIC_LABELS, MONEY_METRICS, AgeBucket, PlanTargets
from app.domain.progress import NO_PROGRESS, Progress
from app.services import contracts, planning, plans, settings
from app.services.archive import Archive
from app.services.planning import OverdueFilter, OverdueVisit

BATCH = 2000  # overdue rows read at a time
METRICS = tuple(METRIC_LABELS)
# Column widths (fractions of the text width) of the plan's tables: the label column wider.
LABEL_WIDTHS = (0.16, *(0.84 / len(METRICS),) * len(METRICS))
PROGRESS_WIDTHS = (0.22, *(0.78 / len(METRICS),) * len(METRICS))
SPLIT_WIDTHS = (0.28, 0.07, *(0.65 / len(METRICS),) * len(METRICS))
NEVER_VISITED = "从未拜访"


def _font(archive: Archive) -> Path | None:
    return settings.print_font(archive)


# --- the overdue visits --------------------------------------------------------------------------

OVERDUE_HEADINGS = (
    "等级",
    "大客户",
    "客户名称",
    "客户经理",
    "上次拜访",
    "拜访间隔(天)",
    "逾期天数",
)


def overdue_rows(
    archive: Archive, flt: OverdueFilter | None = None, task: Progress = NO_PROGRESS
) -> Iterator:
    """Every overdue client of the filter, in visit-plan order, read a batch at a time."""
    ids = planning.overdue_ids(archive, flt)
    for start in range(0, len(ids), BATCH):
        task.check()
        task.step(start, len(ids))
        yield from planning.overdue_rows(archive, ids[start : start + BATCH])


def overdue_filter_text(flt: OverdueFilter | None) -> str:
    """The filter in words for a heading: A、B 级 · 客户经理 王芳 · 仅大客户 (or 全部)."""
    flt = flt or OverdueFilter()
    parts = []
    if flt.tiers:
        parts.append("、".join(Tier(t).value for t in flt.tiers) + " 级")
    if flt.owner is not None:
        parts.append(f"客户经理 {flt.owner or '（未指定）'}")
    if flt.key_accounts_only:
        parts.append("仅大客户")
    return " · ".join(parts) or "全部客户"


def _overdue_cells(visit: OverdueVisit) -> tuple:
    return (
        visit.tier.value,
        "★" if visit.is_key_account else "",
        visit.name,
        visit.owner,
        visit.last_visit_on or NEVER_VISITED,
        visit.interval_days,
        visit.days_overdue,
    )


def overdue_pdf(
    archive: Archive, out: Path, flt: OverdueFilter | None = None, task: Progress = NO_PROGRESS
) -> int:
    """逾期拜访清单 on A4 landscape, the header row on every page; returns the page count."""
    from app.exports.register_pdf import Column, render_register

    rows = [tuple(str(c) for c in _overdue_cells(v)) for v in overdue_rows(archive, flt, task)]
    columns = (
        Column("等级", whole=True, align="CENTER"),
        Column("大客户", whole=True, align="CENTER"),
        Column("客户名称"),
        Column("客户经理", whole=True),
        Column("上次拜访", whole=True),
        Column("拜访间隔(天)", whole=True, align="RIGHT"),
        Column("逾期天数", whole=True, align="RIGHT"),
    )
    subtitle = f"{overdue_filter_text(flt)} · 截至 {archive.today():%Y-%m-%d},共 {len(rows)} 家"
    return render_register(
        "逾期拜访清单", subtitle, columns, rows, Path(out), font_path=_font(archive), task=task
    )


def overdue_xlsx(
    archive: Archive, out: Path, flt: OverdueFilter | None = None, task: Progress = NO_PROGRESS
) -> int:
    """The same list as a workbook (dates as dates, days as numbers); returns the row count."""
    from app.exports.spreadsheet import write_table

    rows = (_overdue_cells(v) for v in overdue_rows(archive, flt, task))
    return write_table(Path(out), OVERDUE_HEADINGS, rows, sheet_title="逾期拜访", kind="xlsx")


# --- the monthly plan ----------------------------------------------------------------------------


def _shown(value: int | Decimal) -> str:
    return format_yuan(value) if isinstance(value, Decimal) else str(value)


def _metric_heading(name: str) -> str:
    return f"{METRIC_LABELS[name]}(元)" if name in MONEY_METRICS else METRIC_LABELS[name]


def _target_cells(targets: PlanTargets) -> list[str]:
    values = targets.values()
    return [_shown(values[m]) for m in METRICS]


def _short(value: int | Decimal) -> str:
    """Amounts in 万元 with one decimal (3,855,600.00 -> 385.6) so a progress cell stays narrow."""
    return f"{value / 10000:,.1f}" if isinstance(value, Decimal) else str(value)


def _progress_cell(line: plans.ProgressLine, name: str) -> str:
    """实际 / 目标 over 完成率 (— without a target)."""
    target, actual = line.target.values()[name], line.actual.values()[name]
    rate = plans.achievement(actual, target)
    return f"{_short(actual)} / {_short(target)}\n{rate if rate is not None else '—'}%"


def plan_pdf(
    archive: Archive,
    out: Path,
    year: int,
    month: int,
    as_of: date | None = None,
    task: Progress = NO_PROGRESS,
) -> int:
    """The month's plan on A4: the calendar, the targets per account manager and for the team,
    their split by 旬 and week, and plan vs actual as of `as_of`; returns the page count."""
    from app.domain.blocks import Gap, Grid, Heading, Para
    from app.exports.document_pdf import render_document

    plan = plans.get_plan(archive, year, month)
    result = plans.progress(archive, year, month, as_of)
    task.check()
    headings = [_metric_heading(m) for m in METRICS]
    numbers = tuple(range(1, len(METRICS) + 1))
    team = "团队" if plan.team.explicit else "团队(各客户经理合计)"
    target_rows = [[o.owner, *_target_cells(o.targets)] for o in plan.owners]
    target_rows.append([team, *_target_cells(plan.team.targets)])

    def split_rows(parts) -> list[list[str]]:
        return [
            [p.period.label, str(len(p.period.working_days)), *_target_cells(p.targets)]
            for p in parts
        ]

    def progress_rows(lines) -> list[list[str]]:
        return [[line.label, *(_progress_cell(line, m) for m in METRICS)] for line in lines]

    split_numbers = tuple(range(1, len(METRICS) + 2))
    blocks = [
        Heading(f"{year}年{month}月 月计划"),
        Para(_calendar_text(plan), indent=False, size=10.5),
        Heading("目标", 2),
        Grid(["", *headings], target_rows, LABEL_WIDTHS, numbers, total_row=True),
        Heading("按旬分解(团队)", 2),
        Grid(
            ["旬", "工作日", *headings], split_rows(plan.split.decades), SPLIT_WIDTHS, split_numbers
        ),
        Heading("按周分解(团队)", 2),
        Grid(
            ["周", "工作日", *headings], split_rows(plan.split.weeks), SPLIT_WIDTHS, split_numbers
        ),
        Heading(
            f"计划完成情况(截至 {result.as_of:%Y-%m-%d},已过工作日 "
            f"{result.working_days_elapsed}/{result.working_days})",
            2,
        ),
        Para("每格为 实际 / 目标,其下为完成率。", indent=False, size=10),
        Grid(
            [
                "",
                *(
                    f"{METRIC_LABELS[m]}(万元)" if m in MONEY_METRICS else METRIC_LABELS[m]
                    for m in METRICS
                ),
            ],
            progress_rows((result.month_line, *result.decades, *result.owners)),
            PROGRESS_WIDTHS,
            numbers,
        ),
        Gap(4),
    ]
    return render_document(
        blocks, Path(out), title=f"{year}年{month}月 月计划", font_path=_font(archive)
    )


def _calendar_text(plan: plans.MonthPlan) -> str:
    cal = plan.split.calendar
    text = f"工作日 {len(cal.working_days)} 天"
    if cal.makeup_days:
        text += ";调休上班:" + "、".join(f"{d:%m-%d}" for d in cal.makeup_days)
    if cal.holidays:
        text += ";节假日:" + "、".join(f"{d:%m-%d}" for d in cal.holidays)
    if cal.note:
        text += f";{cal.note},按法定假日推算"
    return text


def plan_xlsx(
    archive: Archive,
    out: Path,
    year: int,
    month: int,
    as_of: date | None = None,
    task: Progress = NO_PROGRESS,
) -> int:
    """The plan as a workbook: 目标 (per account manager and team), 按旬, 按周, 按工作日 and
    完成情况 (one line per period and metric: target, due by now, actual, rate); returns the
    number of target rows."""
    from app.exports.spreadsheet import ExtraSheet, write_table

    plan = plans.get_plan(archive, year, month)
    result = plans.progress(archive, year, month, as_of)
    task.check()
    headings = tuple(_metric_heading(m) for m in METRICS)

    def values(targets: PlanTargets) -> tuple:
        return tuple(targets.values()[m] for m in METRICS)

    rows = [(o.owner, *values(o.targets)) for o in plan.owners]
    rows.append(("团队" if plan.team.explicit else "团队(合计)", *values(plan.team.targets)))

    def split(title: str, first: str, parts) -> ExtraSheet:
        return ExtraSheet(
            title,
            (first, "开始", "结束", "工作日", *headings),
            tuple(
                (p.period.label, p.period.first, p.period.last, len(p.period.working_days))
                + values(p.targets)
                for p in parts
            ),
        )

    progress = []
    for section, lines in (
        ("全月", (result.month_line,)),
        ("按旬", result.decades),
        ("按周", result.weeks),
        ("按客户经理", result.owners),
    ):
        for line in lines:
            for m in METRICS:
                target, actual = line.target.values()[m], line.actual.values()[m]
                rate = plans.achievement(actual, target)
                due = line.due.values()[m]
                progress.append((section, line.label, METRIC_LABELS[m], target, due, actual, rate))
    sheets = (
        split("按旬", "旬", plan.split.decades),
        split("按周", "周", plan.split.weeks),
        split("按工作日", "日期", plan.split.days),
        ExtraSheet(
            f"完成情况(截至{result.as_of:%m-%d})",
            ("分组", "期间/客户经理", "指标", "目标", "按进度应完成", "实际", "完成率(%)"),
            tuple(progress),
        ),
    )
    return write_table(
        Path(out),
        ("客户经理", *headings),
        rows,
        sheet_title=f"目标{year}-{month:02d}",
        extra_sheets=sheets,
        kind="xlsx",
    )


# --- the receivables ageing -----------------------------------------------------------------------

RECEIVABLE_HEADINGS = (
    "客户",
    "客户经理",
    "未回款合计",
    *(label(b) for b in AgeBucket),
    "预收(多付)",
)


def _receivable_rows(
    archive: Archive, as_of: date | None, task: Progress
) -> tuple[list[tuple], tuple]:
    rows = contracts.receivables(archive, as_of)
    task.check()
    body = [
        (r.client_name, r.owner, r.outstanding, *(r.buckets[b] for b in AgeBucket), r.credit)
        for r in rows
    ]
    zero = Decimal("0.00")
    totals = tuple(sum((row[i] for row in body), zero) for i in range(2, len(RECEIVABLE_HEADINGS)))
    return body, ("合计", "", *totals)


def receivables_pdf(
    archive: Archive, out: Path, as_of: date | None = None, task: Progress = NO_PROGRESS
) -> int:
    """应收账款账龄表 on A4 landscape, a total line at the end; returns the page count."""
    from app.exports.register_pdf import Column, render_register

    as_of = as_of or archive.today()
    body, total = _receivable_rows(archive, as_of, task)
    money = [Column(h, whole=True, align="RIGHT") for h in RECEIVABLE_HEADINGS[2:]]
    columns = (Column("客户"), Column("客户经理", whole=True), *money)

    def text(row: Sequence) -> tuple[str, ...]:
        return (row[0], row[1], *(format_yuan(v) if v else "" for v in row[2:]))

    subtitle = f"截至 {as_of:%Y-%m-%d},共 {len(body)} 家客户;账龄自应收日起算,金额单位:元"
    return render_register(
        "应收账款账龄表",
        subtitle,
        columns,
        [*(text(r) for r in body), text(total)],
        Path(out),
        font_path=_font(archive),
        task=task,
    )


def receivables_xlsx(
    archive: Archive, out: Path, as_of: date | None = None, task: Progress = NO_PROGRESS
) -> int:
    """The same table as a workbook (amounts as numbers), the total on the last line; returns the
    number of clients."""
    from app.exports.spreadsheet import write_table

    as_of = as_of or archive.today()
    body, total = _receivable_rows(archive, as_of, task)
    write_table(
        Path(out),
        RECEIVABLE_HEADINGS,
        [*body, total],
        sheet_title=f"账龄{as_of:%Y-%m-%d}",
        kind="xlsx",
    )
    return len(body)

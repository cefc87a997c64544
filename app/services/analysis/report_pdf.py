"""The 大客户月报 laid out as chapters (blocks, tables, charts) from a MonthlyReport and printed
as PDF: every figure printed comes from app.services.analysis.report, so the PDF and the
analysis views agree to the fen."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from app.domain.blocks import (
    BarChart,
    Block,
    Chapter,
    Fields,
    Gap,
    Heading,
    Para,
    ParetoChart,
    SmallGrid,
    TrendChart,
)
from app.domain.budgets import BudgetLine
from app.domain.documents import format_cn_date as cn_date
from app.domain.handwriting import SIGN_LINE
from app.domain.periods import month_bounds
from app.domain.plans import METRIC_LABELS, PlanTargets
from app.domain.ratios import percent
from app.domain.rebates import rebate_number
from app.services import budgets, identity
from app.services import settings as settings_service
from app.services.analysis.figures import DEFAULT_CHURN_DAYS, OwnerLine, step
from app.services.analysis.report import MonthlyReport, report_and_spent
from app.services.archive import Archive

DEPARTMENT = "大客户部"


CHAPTERS = (
    "概要",
    "大客户明细",
    "签约额与目标",
    "回款与应收账龄",
    "拜访与投诉",
    "新签合同",
    "客户等级变动",
    "流失风险",
    "客户价值(帕累托)",
    "返点",
    "下月计划",
    "费用预算",  # issue 13
)


def yuan(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def pct(part: Decimal | int, whole: Decimal | int) -> str:
    ratio = percent(part, whole)
    return "—" if ratio is None else f"{ratio}%"


def write_monthly_report(
    archive: Archive,
    year: int,
    month: int,
    out: Path,
    *,
    churn_days: int = DEFAULT_CHURN_DAYS,
    task=None,
) -> int:
    """Writes the month's report PDF; returns its page count."""
    step(task, 0, 3)
    font = _font(archive)
    renderer = _load_renderer(font)
    try:
        # the budget chapter's expenses come with the report's activity figures (one read of
        # the month's activities for both)
        report, spent = report_and_spent(archive, year, month, churn_days=churn_days)
        step(task, 1, 3)
        head = ReportHead(settings_service.company(archive).name, identity.current_user(archive))
        budget = budgets.budget_report(archive, *month_bounds(year, month), spent)
        chapters = report_chapters(report, head, budget)
    finally:
        renderer.join()
    pages = write_report(chapters, report.title, Path(out), font)
    step(task, 3, 3)
    return pages


def _load_renderer(font: Path | None) -> threading.Thread:
    """Imports the PDF and chart libraries and loads the fonts on a thread of their own while
    the figures are worked out: SQLite lets go of the interpreter while it runs a query, so the
    0.2-0.3 s this takes is hidden behind the report's queries (issue 11). A failure here is
    left for write_report to meet and report."""

    def load() -> None:
        try:
            from app.exports.monthly_report import load_fonts

            load_fonts(font)
        except Exception:  # noqa: BLE001, S110 - write_report loads them again and says why
            pass

    thread = threading.Thread(target=load, name="report-renderer", daemon=True)
    thread.start()
    return thread


def _font(archive: Archive) -> Path | None:
    return settings_service.print_font(archive)


def write_report(chapters: Sequence[Chapter], title: str, out: Path, font: Path | None) -> int:
    from app.exports.monthly_report import render_report  # the PDF and chart libraries, now

    return render_report(chapters, out, title=title, font_path=font)


@dataclass(frozen=True)
class ReportHead:
    """Who the report is from: the company (with the department, 大客户部) and who compiled it."""

    company: str = ""
    compiler: str = ""
    department: str = DEPARTMENT


def report_chapters(
    report: MonthlyReport,
    head: ReportHead | None = None,
    budget: budgets.BudgetReport | None = None,
) -> list[Chapter]:
    return [
        _summary(report, head or ReportHead()),
        _key_accounts(report),
        _signed(report),
        _receipts(report),
        _service(report),
        _signings(report),
        _tiers(report),
        _churn(report),
        _value(report),
        _rebates(report),
        _next_plan(report),
        budget_chapter(budget),
    ]


def _title_blocks(r: MonthlyReport, head: ReportHead) -> list[Block]:
    """{company} 大客户部 / 2026年11月大客户月报 / 编制 … 审核 … 报送日期."""
    issuer = " ".join(filter(None, (head.company, head.department)))
    compiler = head.compiler or SIGN_LINE
    return [
        Para(issuer, indent=False, align="center", size=14),
        Heading(f"{r.year}年{r.month}月大客户月报"),
        Para(
            f"编制:{compiler}\u3000\u3000审核:{SIGN_LINE}\u3000\u3000报送日期:{cn_date(r.as_of)}",
            indent=False,
            align="center",
            size=10.5,
        ),
        Gap(3),
    ]


def _summary(r: MonthlyReport, head: ReportHead) -> Chapter:
    t = r.total
    churn = r.churn
    items = [
        ("统计月份", f"{r.year}年{r.month}月({r.first:%Y-%m-%d} 至 {r.last:%Y-%m-%d})"),
        ("数据截至", f"{r.as_of:%Y-%m-%d}"),
        (
            "签约额",
            f"{yuan(t.signed)} 元(目标 {yuan(t.signed_target)} 元,完成 {pct(t.signed, t.signed_target)})",
        ),
        ("签约合同", f"{r.signings_count} 份,其中首次签约客户 {r.first_signings} 家"),
        (
            "回款",
            f"{yuan(t.receipts)} 元(目标 {yuan(t.receipts_target)} 元,完成 {pct(t.receipts, t.receipts_target)})",
        ),
        ("应收余额", f"{yuan(r.receivable)} 元,其中超过 90 天 {yuan(t.overdue_90)} 元"),
        ("拜访", f"{t.visits} 次(目标 {t.visits_target} 次)"),
        (
            "投诉",
            f"{t.complaints} 起,已办结 {t.complaints_closed} 起,平均响应 {_days(t.response_days)};截至 {r.as_of:%Y-%m-%d} 未办结 {r.open_complaints} 起",
        ),
        ("新客户", f"{t.new_clients} 家;销售额比上月增长的客户 {r.growing_clients} 家"),
        ("客户等级变动", f"{len(r.tier_changes)} 次"),
        (
            "流失风险客户",
            f"{churn.total} 家({churn.days} 天未拜访 {churn.no_visit} 家,{churn.days} 天未下单 {churn.no_order} 家,销售额连续三个月下降 {churn.falling} 家)",
        ),
        (
            "返点计提",
            f"{yuan(r.rebates.accrued)} 元({r.rebates.accrued_count} 笔);待审批 {r.rebates.pending_count} 笔 {yuan(r.rebates.pending_amount)} 元",
        ),
        ("费用", f"{yuan(t.expenses)} 元(费用率 {pct(t.expenses, t.signed)})"),
        (
            "下月签约目标",
            f"{yuan(r.next_plan.team.signed_amount)} 元,回款目标 {yuan(r.next_plan.team.receipts)} 元",
        ),
    ]
    blocks = [
        *_title_blocks(r, head),
        Fields(items),
        BarChart(
            "本月目标与实际",
            ["签约额", "回款"],
            [("目标", [t.signed_target, t.receipts_target]), ("实际", [t.signed, t.receipts])],
            "元",
        ),
    ]
    return Chapter(CHAPTERS[0], blocks)


def _key_accounts(r: MonthlyReport) -> Chapter:
    rows = [
        [
            k.client,
            k.owner,
            k.tier,
            str(k.contracts),
            yuan(k.signed),
            yuan(k.receipts),
            str(k.visits),
            str(k.complaints),
        ]
        for k in r.key_accounts
    ]
    if not rows:
        return Chapter(
            CHAPTERS[1], [Heading("大客户明细", 2), _none("本月无有签约或回款的大客户。")]
        )
    blocks = [
        Heading("大客户明细", 2),
        Para(f"本月有签约或回款的大客户,按签约额排列(前 {len(rows)} 家)。", indent=False, size=10),
        SmallGrid(
            ["客户", "客户经理", "等级", "合同", "签约额(元)", "回款(元)", "拜访", "投诉"],
            rows,
            None,
            (3, 4, 5, 6, 7),
            keep_whole=(1, 2),
        ),
    ]
    return Chapter(CHAPTERS[1], blocks)


def _none(text: str) -> Para:
    """An empty section in one line (本月无…), never an empty table."""
    return Para(text, indent=False, size=10)


def _days(value: Decimal | None) -> str:
    return "—" if value is None else f"{value} 天"


def _owner_rows(lines: Sequence[OwnerLine], total: OwnerLine, cells) -> list[list[str]]:
    return [cells(x) for x in (*lines, total)]


def _signed(r: MonthlyReport) -> Chapter:
    rows = _owner_rows(
        r.owners,
        r.total,
        lambda x: [
            x.owner,
            str(x.signings),
            yuan(x.signed),
            yuan(x.signed_target),
            pct(x.signed, x.signed_target),
        ],
    )
    blocks = [
        Heading("签约额与目标", 2),
        BarChart(
            "各客户经理签约额:目标与实际",
            [x.owner for x in r.owners],
            [("目标", [x.signed_target for x in r.owners]), ("实际", [x.signed for x in r.owners])],
            "元",
        ),
        SmallGrid(
            ["客户经理", "签约数", "签约额(元)", "目标(元)", "完成率"],
            rows,
            None,
            (1, 2, 3, 4),
            True,
            keep_whole=(0,),
        ),
        TrendChart(
            "近12个月签约额与回款",
            [p.month for p in r.trend],
            [("签约额", [p.signed for p in r.trend]), ("回款", [p.receipts for p in r.trend])],
            "元",
        ),
        SmallGrid(
            ["月份", "签约额(元)", "回款(元)"],
            [[p.month, yuan(p.signed), yuan(p.receipts)] for p in r.trend],
            None,
            (1, 2),
            keep_whole=(0,),
        ),
    ]
    return Chapter(CHAPTERS[2], blocks)


def _receipts(r: MonthlyReport) -> Chapter:
    ageing_rows = [[label, yuan(amount), pct(amount, r.receivable)] for label, amount in r.ageing]
    ageing_rows.append(["合计", yuan(r.receivable), "100%" if r.receivable else "—"])
    owner_rows = _owner_rows(
        r.owners,
        r.total,
        lambda x: [
            x.owner,
            yuan(x.receipts),
            yuan(x.receipts_target),
            pct(x.receipts, x.receipts_target),
            yuan(x.receivable),
            yuan(x.overdue_90),
        ],
    )
    top = [
        [
            c.client,
            c.owner,
            yuan(c.outstanding),
            str(c.oldest_days) if c.oldest_days >= 0 else "未到期",
            yuan(c.over_90),
        ]
        for c in r.top_receivables
    ]
    blocks = [
        Heading("回款与应收账龄", 2),
        Para(
            f"应收余额按到期日(签订日期加付款期限)计算账龄,截至 {r.as_of:%Y-%m-%d}。",
            indent=False,
            size=10,
        ),
        BarChart(
            "应收账龄分布",
            [label for label, _ in r.ageing],
            [("应收", [a for _, a in r.ageing])],
            "元",
        ),
        SmallGrid(["账龄", "金额(元)", "占比"], ageing_rows, None, (1, 2), True, keep_whole=(0,)),
        Heading("各客户经理回款", 2),
        SmallGrid(
            ["客户经理", "回款(元)", "目标(元)", "完成率", "应收余额(元)", "超90天(元)"],
            owner_rows,
            None,
            (1, 2, 3, 4, 5),
            True,
            keep_whole=(0,),
        ),
    ]
    if not top:
        return Chapter(CHAPTERS[3], [*blocks, _none("本月无应收余额。")])
    blocks += [
        Heading(f"应收余额最多的客户(前 {len(top)} 家)", 2),
        SmallGrid(
            ["客户", "客户经理", "应收余额(元)", "最长逾期(天)", "超90天(元)"],
            top,
            None,
            (2, 3, 4),
            keep_whole=(1,),
        ),
    ]
    return Chapter(CHAPTERS[3], blocks)


def _service(r: MonthlyReport) -> Chapter:
    rows = _owner_rows(
        r.owners,
        r.total,
        lambda x: [
            x.owner,
            str(x.visits),
            str(x.visits_target),
            pct(x.visits, x.visits_target),
            str(x.complaints),
            str(x.complaints_closed),
            str(x.complaints - x.complaints_closed),
            _days(x.response_days),
            "—" if x.slowest_days is None else f"{x.slowest_days} 天",
        ],
    )
    blocks = [
        Heading("拜访与投诉", 2),
        BarChart(
            "各客户经理拜访:目标与实际",
            [x.owner for x in r.owners],
            [
                ("目标", [Decimal(x.visits_target) for x in r.owners]),
                ("实际", [Decimal(x.visits) for x in r.owners]),
            ],
            "次",
        ),
        SmallGrid(
            [
                "客户经理",
                "拜访",
                "拜访目标",
                "完成率",
                "投诉",
                "已办结",
                "未办结",
                "平均响应",
                "最长响应",
            ],
            rows,
            None,
            (1, 2, 3, 4, 5, 6, 7, 8),
            True,
            keep_whole=(0,),
        ),
        Para(
            f"响应时间为投诉登记日至办结日的天数;截至 {r.as_of:%Y-%m-%d} 未办结的按未办结计。截至 {r.as_of:%Y-%m-%d} 全部未办结投诉 {r.open_complaints} 起;此后登记或办结的不影响本月数字。",
            indent=False,
            size=10,
        ),
    ]
    return Chapter(CHAPTERS[4], blocks)


def _signings(r: MonthlyReport) -> Chapter:
    rows = [
        [
            s.number,
            s.client,
            s.owner,
            f"{s.signed_on:%Y-%m-%d}",
            yuan(s.amount),
            "是" if s.first_contract else "",
        ]
        for s in r.signings
    ]
    shown = "" if len(rows) >= r.signings_count else ""
    if len(rows) < r.signings_count:
        shown = f",下表列出金额最大的 {len(rows)} 份"
    if not rows:
        return Chapter(CHAPTERS[5], [Heading("新签合同", 2), _none("本月无新签合同。")])
    blocks = [
        Heading("新签合同", 2),
        Para(
            f"本月签约 {r.signings_count} 份,合计 {yuan(r.total.signed)} 元;首次签约的客户 {r.first_signings} 家{shown}。",
            indent=False,
            size=10,
        ),
        SmallGrid(
            ["合同编号", "客户", "客户经理", "签订日期", "金额(元)", "首次签约"],
            rows,
            None,
            (4,),
            keep_whole=(0, 2, 3, 5),
        ),
    ]
    return Chapter(CHAPTERS[5], blocks)


def _tiers(r: MonthlyReport) -> Chapter:
    rows = [
        [
            f"{t.changed_on:%Y-%m-%d}",
            t.client,
            t.owner,
            t.old_tier,
            t.new_tier,
            _direction(t.old_tier, t.new_tier),
        ]
        for t in r.tier_changes
    ]
    up = sum(1 for t in r.tier_changes if t.new_tier < t.old_tier)
    if not rows:
        return Chapter(CHAPTERS[6], [Heading("客户等级变动", 2), _none("本月无客户等级变动。")])
    blocks = [
        Heading("客户等级变动", 2),
        Para(
            f"本月等级变动 {len(rows)} 次,其中升级 {up} 次、降级 {len(rows) - up} 次。",
            indent=False,
            size=10,
        ),
        SmallGrid(
            ["日期", "客户", "客户经理", "原等级", "新等级", "变动"],
            rows,
            None,
            keep_whole=(0, 2, 3, 4, 5),
        ),
    ]
    return Chapter(CHAPTERS[6], blocks)


def _direction(old: str, new: str) -> str:
    return "升级" if new < old else "降级"


def _churn(r: MonthlyReport) -> Chapter:
    c = r.churn
    rows = [
        [
            x.client,
            x.owner,
            x.tier,
            _date(x.last_visit),
            _date(x.last_order),
            *(yuan(v) for v in x.monthly_sales),
            x.reasons(),
        ]
        for x in c.rows
    ]
    if not rows:
        return Chapter(CHAPTERS[7], [Heading("流失风险", 2), _none("本月无流失风险客户。")])
    blocks = [
        Heading("流失风险", 2),
        Para(
            f"截至 {r.as_of:%Y-%m-%d},合作中的客户里,{c.days} 天(自 {c.quiet_since:%Y-%m-%d} 起)"
            f"未拜访 {c.no_visit} 家,有过订单但 {c.days} 天未下单 {c.no_order} 家,"
            f"销售额连续三个月下降 {c.falling} 家,共 {c.total} 家。"
            f"下表按风险与销售额排列前 {len(rows)} 家;等级与最近拜访均为截至该日的。",
            indent=False,
            size=10,
        ),
        SmallGrid(
            [
                "客户",
                "客户经理",
                "等级",
                "最近拜访",
                "最近签约",
                *(f"{m}" for m in c.months),
                "风险原因",
            ],
            rows,
            [0.17, 0.08, 0.05, 0.09, 0.09, 0.1, 0.1, 0.1, 0.1, 0.12],
            (5, 6, 7, 8),
            size=7,
            keep_whole=(1, 2, 3, 4),
        ),
    ]
    return Chapter(CHAPTERS[7], blocks)


def _date(value) -> str:
    return "—" if value is None else f"{value:%Y-%m-%d}"


def _value(r: MonthlyReport) -> Chapter:
    p = r.pareto
    points = (
        [
            (
                (Decimal(rank) / p.clients * 100).quantize(Decimal("0.1")),
                (cum / p.revenue * 100).quantize(Decimal("0.1")),
            )
            for rank, cum in p.curve
        ]
        if p.revenue
        else []
    )
    blocks = [
        Heading("客户价值(帕累托)", 2),
        Para(
            f"统计期间 {p.first:%Y-%m-%d} 至 {p.last:%Y-%m-%d}:有销售额的客户 {p.clients} 家,销售额合计 {yuan(p.revenue)} 元;"
            f"贡献 80% 销售额的客户 {p.cut} 家,占有销售额客户的 {p.cut_share_of_clients or 0}%。",
            indent=False,
            size=10,
        ),
        ParetoChart("帕累托曲线:客户累计销售额占比", points, p.cut_share_of_clients),
    ]
    return Chapter(CHAPTERS[8], blocks)


def _rebates(r: MonthlyReport) -> Chapter:
    b = r.rebates
    status_rows = [[label, str(count), yuan(amount)] for label, count, amount in b.by_status]
    pending_rows = [
        [
            rebate_number(x.rebate_id),
            x.client,
            f"{x.period_start:%Y-%m-%d} 至 {x.period_end:%Y-%m-%d}",
            yuan(x.amount),
            x.status,
        ]
        for x in b.pending
    ]
    blocks = [
        Heading("返点", 2),
        Para(
            f"期间截至本月的返点计提 {yuan(b.accrued)} 元({b.accrued_count} 笔,已驳回的不计)。返点须经大客户部经理、市场营销中心、总经理审批后方可向客户承诺。",
            indent=False,
            size=10,
        ),
    ]
    if status_rows:
        blocks.append(
            SmallGrid(["状态", "笔数", "金额(元)"], status_rows, None, (1, 2), keep_whole=(0,))
        )
    else:
        blocks.append(_none("本月无返点。"))
    if not pending_rows:
        return Chapter(CHAPTERS[9], [*blocks, _none("目前无待审批返点。")])
    blocks += [
        Heading(f"待审批返点({b.pending_count} 笔,{yuan(b.pending_amount)} 元)", 2),
        SmallGrid(
            ["编号", "客户", "期间", "金额(元)", "状态"],
            pending_rows,
            None,
            (3,),
            keep_whole=(0, 2, 4),
        ),
    ]
    return Chapter(CHAPTERS[9], blocks)


def _plan_cells(t: PlanTargets) -> list[str]:
    return [
        str(t.clients),
        str(t.visits),
        str(t.signings),
        str(t.signed_products),
        yuan(t.signed_amount),
        yuan(t.receipts),
    ]


def _next_plan(r: MonthlyReport) -> Chapter:
    n = r.next_plan
    heads = [
        METRIC_LABELS[k]
        for k in ("clients", "visits", "signings", "signed_products", "signed_amount", "receipts")
    ]
    owner_rows = [[x.owner, *_plan_cells(x.targets)] for x in n.owners]
    owner_rows.append(["团队" + ("" if n.team_explicit else "(各人合计)"), *_plan_cells(n.team)])
    decade_rows = [[label, str(days), *_plan_cells(t)] for label, days, t in n.decades]
    note = f"({n.calendar_note})" if n.calendar_note else ""
    blocks = [
        Heading(f"下月计划:{n.year}年{n.month}月", 2),
        Para(
            f"工作日 {n.working_days} 天{note}。"
            + ("" if not n.team.is_zero() else "下月目标尚未录入。"),
            indent=False,
            size=10,
        ),
        SmallGrid(
            ["客户经理", *heads],
            owner_rows,
            None,
            (1, 2, 3, 4, 5, 6),
            True,
            keep_whole=(0,),
        ),
        Heading("按旬分解(按工作日)", 2),
        SmallGrid(
            ["旬", "工作日", *heads],
            decade_rows,
            None,
            (1, 2, 3, 4, 5, 6, 7),
            keep_whole=(0,),
        ),
    ]
    return Chapter(CHAPTERS[10], blocks)


# --- 费用预算 (issue 13) ---------------------------------------------------------------------


def budget_chapter(report: budgets.BudgetReport | None) -> Chapter:
    """The month's expense budget against the spent, one row per account manager (the kinds
    summed) and the total; the lines over budget named below. No budget: one line."""
    blocks: list[Block] = [Heading("费用预算", 2)]
    if report is None or not any(x.budget for x in report.lines):
        spent = report.total.spent if report is not None else Decimal(0)
        tail = f";本月费用合计 {yuan(spent)} 元" if spent else ""
        return Chapter(CHAPTERS[11], [*blocks, _none(f"本月无预算{tail}。")])
    rows = [
        [x.owner, yuan(x.budget), yuan(x.spent), yuan(x.remaining), pct(x.spent, x.budget)]
        for x in (*_per_owner(report.lines), report.total)
    ]
    blocks.append(
        SmallGrid(
            ["客户经理", "预算(元)", "已用(元)", "剩余(元)", "使用率"],
            rows,
            None,
            (1, 2, 3, 4),
            True,
            keep_whole=(0,),
        )
    )
    over = sorted((x for x in report.lines if x.remaining < 0), key=lambda x: x.remaining)
    if over:
        named = ";".join(f"{x.owner}{x.kind_label}超支 {yuan(-x.remaining)} 元" for x in over[:5])
        more = f"等 {len(over)} 项" if len(over) > 5 else ""
        text = f"已用为本月活动登记的费用(按客户的客户经理、活动类型计)。超支:{named}{more}。"
    else:
        text = "已用为本月活动登记的费用(按客户的客户经理、活动类型计)。本月无超支。"
    blocks.append(Para(text, indent=False, size=10))
    return Chapter(CHAPTERS[11], blocks)


def _per_owner(lines: Sequence[BudgetLine]) -> list[BudgetLine]:
    """The lines of each account manager summed over the kinds, in the lines' order."""
    owners: dict[str, list[BudgetLine]] = {}
    for x in lines:
        owners.setdefault(x.owner, []).append(x)
    return [
        BudgetLine(
            owner,
            "",
            sum((x.budget for x in group), Decimal(0)),
            sum((x.spent for x in group), Decimal(0)),
        )
        for owner, group in owners.items()
    ]

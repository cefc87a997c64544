"""The 大客户月报's 费用预算 section read back from the PDF: the budget, spent, remaining and
share used per account manager (worked out by hand), the lines over budget named, and one line
when the month has no budget."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pdf_checks import assert_cjk_font_embedded
from pypdf import PdfReader

from app.domain.enums import ActivityKind
from app.domain.records import ActivityDraft, ClientDraft
from app.services import activities, analysis, budgets, clients
from app.services.analysis.report_pdf import CHAPTERS


def _text(path) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(str(path)).pages)


def _spend(archive, owner: str, name: str, *expenses: tuple[ActivityKind, str]) -> None:
    client_id = clients.create_client(archive, ClientDraft(name, owner=owner)).id
    for day, (kind, expense) in enumerate(expenses, 2):
        draft = ActivityDraft(
            client_id, kind, datetime(2026, 11, day, 10), "拜访", expense=Decimal(expense)
        )
        activities.create_activity(archive, draft)


def test_the_report_prints_budget_against_spent(archive, tmp_path):
    _spend(
        archive,
        "王芳",
        "北京华信科技有限公司",
        (ActivityKind.VISIT, "1280.50"),
        (ActivityKind.MEETING, "300"),
    )
    _spend(archive, "李强", "上海恒通电子有限公司", (ActivityKind.VISIT, "450"))
    budgets.set_budget(archive, "2026-11", "王芳", "拜访", "1,000")
    budgets.set_budget(archive, "2026-11", "王芳", "会议", "500")
    budgets.set_budget(archive, "2026-11", "李强", "拜访", "600")
    budgets.set_budget(archive, "2026-12", "李强", "拜访", "9,999")  # another month: not counted
    out = tmp_path / "月报.pdf"
    analysis.write_monthly_report(archive, 2026, 11, out)
    reader = PdfReader(str(out))
    assert [item.title for item in reader.outline] == list(CHAPTERS)
    assert CHAPTERS[-1] == "费用预算"
    text = _text(out)
    section = text[text.rindex("费用预算客户经理") :]
    # 王芳: budget 1,000 + 500 = 1,500.00; spent 1,280.50 + 300 = 1,580.50; -80.50; 105.4%
    assert "王芳1,500.001,580.50-80.50105.4%" in section
    # 李强: 600.00 budget, 450.00 spent, 150.00 left, 75.0%
    assert "李强600.00450.00150.0075.0%" in section
    # total: 2,100.00 budget, 2,030.50 spent, 69.50 left, 96.7% (2,030.5 / 2,100 = 0.96690…)
    assert "合计2,100.002,030.5069.5096.7%" in section
    # the visits of 王芳 are over: 1,280.50 - 1,000.00 = 280.50
    assert "超支：王芳拜访超支280.50元" in section
    assert_cjk_font_embedded(out)


def test_a_month_without_budget_says_so_in_one_line(archive, tmp_path):
    _spend(archive, "王芳", "北京华信科技有限公司", (ActivityKind.VISIT, "88"))
    out = tmp_path / "月报.pdf"
    analysis.write_monthly_report(archive, 2026, 11, out)
    text = _text(out)
    assert text[text.rindex("费用预算") :].startswith("费用预算本月无预算；本月费用合计88.00元。")

"""The 大客户月报 PDF read back: chapters as bookmarks, the service's totals printed, the CJK font
embedded, "第 X 页 共 Y 页" on every page."""

from __future__ import annotations

import analysis_samples as S
import pytest
from pdf_checks import assert_cjk_font_embedded
from pypdf import PdfReader

from app.services import analysis
from app.services.analysis.report_pdf import CHAPTERS


@pytest.fixture
def report_pdf(archive, tmp_path):
    S.build(archive)
    out = tmp_path / "月报.pdf"
    pages = analysis.write_monthly_report(archive, 2026, 11, out)
    return archive, out, pages


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_chapters_are_bookmarks_in_order(report_pdf):
    _archive, out, pages = report_pdf
    reader = PdfReader(str(out))
    assert len(reader.pages) == pages >= len(CHAPTERS)
    titles = [item.title for item in reader.outline]
    assert titles == list(CHAPTERS)
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    assert starts == sorted(starts) and starts[0] == 0
    assert reader.metadata.title == "大客户月报 2026年11月"


def test_totals_printed_are_the_services(report_pdf):
    archive, out, _pages = report_pdf
    report = analysis.monthly_report(archive, 2026, 11)
    text = _text(PdfReader(str(out)))
    for amount in (
        report.total.signed,
        report.total.receipts,
        report.receivable,
        report.total.expenses,
        report.rebates.accrued,
        report.pareto.revenue,
        report.next_plan.team.signed_amount,
        *(a for _, a in report.ageing),
    ):
        assert f"{amount:,.2f}" in text
    assert "1,050,100.00" in text and "750,550.00" in text
    joined = text.replace("\n", "")  # narrow table cells wrap
    for name in (
        "甲方科技有限公司",
        "丙方电力有限公司",
        "销售额连续三个月下降",
        "待大客户部经理审批",
    ):
        assert name in joined
    assert "2026年12月" in text  # next month's plan
    assert "大客户明细" in text and "500,000.00" in text


def test_font_embedded_and_footer_on_every_page(report_pdf):
    _archive, out, pages = report_pdf
    reader = PdfReader(str(out))
    assert_cjk_font_embedded(out)  # the charts too
    for number, page in enumerate(reader.pages, start=1):
        assert f"第 {number} 页 共 {pages} 页" in page.extract_text()


def test_charts_are_drawn(report_pdf):
    _archive, out, _pages = report_pdf
    reader = PdfReader(str(out))
    first = reader.pages[0].extract_text()
    assert "本月目标与实际" in first
    text = _text(reader)
    assert "近12个月签约额与回款" in text and "帕累托曲线" in text


def test_amounts_and_dates_keep_one_line_and_names_get_the_rest():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from app.exports.monthly_report import SmallGrid, _tight_widths
    from app.exports.pdf_fonts import register_font

    font = register_font()
    rows = [["乌鲁木齐通航机械制造有限公司", "2026-11-17", "12,345,678.90", "久未拜访、久未下单"]]
    grid = SmallGrid(["客户", "最近拜访", "签约额", "风险原因"], rows, [0.3, 0.1, 0.1, 0.5], (2,))
    grid = SmallGrid(**{**grid.__dict__, "size": 7, "keep_whole": (1,)})
    widths = _tight_widths(grid, grid.widths, font, 400)
    assert abs(sum(widths) - 400) < 0.01
    for column in (1, 2):  # the padded cell holds the whole line
        assert widths[column] - 6 >= stringWidth(rows[0][column], font, 7)
    # the name (the leftmost text) gets its whole line first; the reasons take what is left
    assert widths[0] - 6 >= stringWidth(rows[0][0], font, 7)
    assert widths[3] == pytest.approx(400 - sum(widths[:3]))

    narrow = _tight_widths(grid, grid.widths, font, 260)  # not enough room for the whole name
    assert narrow[3] >= 4 * 7 + 8 and abs(sum(narrow) - 260) < 0.01

"""The 大客户月报 PDF read back: chapters as bookmarks, the service's totals printed, the CJK font
embedded, "第 X 页 共 Y 页" on every page."""

from __future__ import annotations

import analysis_samples as S
import pytest
from pdf_checks import assert_cjk_font_embedded, page_text
from pypdf import PdfReader

from app.services import analysis, identity, settings
from app.services.analysis.report_pdf import CHAPTERS

COMPANY = "广州罗盘科技有限公司"


@pytest.fixture
def report_pdf(archive, tmp_path):
    S.build(archive)
    settings.save_company(archive, settings.CompanySettings(name=COMPANY))
    identity.set_user_name(archive, "刘洋")
    out = tmp_path / "月报.pdf"
    pages = analysis.write_monthly_report(archive, 2026, 11, out)
    return archive, out, pages


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_chapters_are_bookmarks_in_order(report_pdf):
    _archive, out, pages = report_pdf
    reader = PdfReader(str(out))
    assert len(reader.pages) == pages
    assert pages < len(CHAPTERS)  # chapters run on; a short one takes no page of its own
    titles = [item.title for item in reader.outline]
    assert titles == list(CHAPTERS)
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    assert starts == sorted(starts) and starts[0] == 0
    for title, start in list(zip(titles, starts, strict=True))[1:]:
        heading = "客户价值" if title.startswith("客户价值") else title[:4]
        assert heading in page_text(reader.pages[start]), title
    assert reader.metadata.title == "大客户月报 2026年11月"


def test_title_names_company_department_and_who_compiled(report_pdf):
    archive, out, _pages = report_pdf
    first = "".join(page_text(PdfReader(str(out)).pages[0]).split())
    assert first.startswith(f"{COMPANY}大客户部2026年11月大客户月报编制:刘洋")
    assert "审核:______" in first and "报送日期:2026年11月26日" in first  # the data's as-of day


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
    # a chart's title and unit in Chinese punctuation, as the tables and paragraphs are
    assert "各客户经理签约额：目标与实际" in text and "单位：" in text
    assert "签约额:目标" not in text and "单位:" not in text


FONT_SIZE = 8.5


def _widths(headers, rows, whole, width=480.0):
    from app.exports.monthly_report import column_widths
    from app.exports.pdf_fonts import register_font

    return column_widths(headers, rows, whole, register_font(), FONT_SIZE, width)


def _text_width(text: str) -> float:
    """As printed: in Chinese punctuation (签约额（元）)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from app.domain.typography import chinese_punctuation
    from app.exports.pdf_fonts import register_font

    return stringWidth(chinese_punctuation(text), register_font(), FONT_SIZE)


def test_a_table_without_text_columns_is_not_one_wide_column():
    """The 12-month trend: 月份 took 75% of the width and the amounts' headings wrapped a
    character per line. Now every column holds its heading and cells on one line."""
    headers = ["月份", "签约额(元)", "回款(元)"]
    rows = [
        ["2026-11", "1,975,877.00", "4,157,573.10"],
        ["2026-10", "3,598,573.00", "6,034,054.60"],
    ]
    widths = _widths(headers, rows, (0, 1, 2))
    assert sum(widths) == pytest.approx(480)
    assert widths[0] < 0.3 * 480
    for i, heading in enumerate(headers):
        assert widths[i] - 6 >= _text_width(heading)
        assert widths[i] - 6 >= max(_text_width(row[i]) for row in rows)


def test_the_widest_text_column_takes_what_is_left():
    headers = ["客户", "客户经理", "签约额(元)", "风险原因"]
    rows = [["北京恒信医疗器械有限公司", "王芳", "12,345.00", "久未拜访"]]
    widths = _widths(headers, rows, (1, 2))
    assert sum(widths) == pytest.approx(480)
    natural = [
        max(_text_width(h), _text_width(c)) + 6 for h, c in zip(headers, rows[0], strict=True)
    ]
    assert widths[1] == pytest.approx(natural[1]) and widths[2] == pytest.approx(natural[2])
    assert widths[3] == pytest.approx(natural[3], abs=1)  # 风险原因 keeps its own width
    assert widths[0] == pytest.approx(480 - sum(widths[1:]))  # the client's name takes the rest


def test_long_text_columns_share_the_room_and_amounts_stay_whole():
    headers = ["客户", "最近拜访", "签约额", "风险原因"]
    rows = [
        [
            "乌鲁木齐通航机械制造有限公司" * 2,
            "2026-11-17",
            "12,345,678.90",
            "久未拜访、久未下单" * 3,
        ]
    ]
    widths = _widths(headers, rows, (1, 2), width=300)
    assert sum(widths) == pytest.approx(300)
    for column in (1, 2):
        assert widths[column] - 6 >= _text_width(rows[0][column])
    assert min(widths[0], widths[3]) >= 4 * FONT_SIZE + 6
    assert widths[0] > widths[3]  # in proportion to their length


def _render(tmp_path, chapters):
    from app.exports.monthly_report import render_report

    out = tmp_path / "r.pdf"
    pages = render_report(chapters, out, title="t")
    return [page_text(p) for p in PdfReader(str(out)).pages[:pages]]


def test_a_heading_keeps_two_rows_and_a_split_table_repeats_its_header(tmp_path):
    from app.domain.blocks import Chapter, Heading, Para, SmallGrid

    for filler in range(26, 40, 2):  # moves the heading and table over the end of page 1
        rows = [[f"客户{n:02d}", f"{n},000.00"] for n in range(1, 41)]
        chapters = [
            Chapter("甲", [Para(f"第{n}段正文内容。") for n in range(filler)]),
            Chapter(
                "乙", [Heading("大客户明细", 2), SmallGrid(["客户", "金额(元)"], rows, None, (1,))]
            ),
        ]
        pages = _render(tmp_path, chapters)
        for number, text in enumerate(pages):
            body = [n for n in range(1, 41) if f"客户{n:02d}" in text]
            if "大客户明细" in text:
                assert len(body) >= 2, (filler, number)  # never a heading alone at the foot
            if body:
                assert "客户" in text.split(f"客户{body[0]:02d}")[0], (filler, number)
                assert "金额(元)" in text, (filler, number)  # the header row on every page
                assert len(body) >= 2 or body == [], (filler, number)


def test_a_split_never_leaves_one_row_alone(tmp_path):
    from app.domain.blocks import Chapter, Heading, SmallGrid

    for count in range(44, 56):  # around one page of rows
        rows = [[f"客户{n:02d}", f"{n},000.00"] for n in range(1, count + 1)]
        chapters = [
            Chapter("甲", [Heading("明细", 2), SmallGrid(["客户", "金额(元)"], rows, None, (1,))])
        ]
        pages = _render(tmp_path, chapters)
        for text in pages:
            shown = sum(f"客户{n:02d}" in text for n in range(1, count + 1))
            assert shown >= 2, count


def test_an_empty_section_takes_one_line(tmp_path, archive):
    S.build(archive)
    report = analysis.monthly_report(archive, 2026, 11)
    from app.services.analysis.report_pdf import report_chapters

    chapters = {c.title: c for c in report_chapters(report)}
    if not report.tier_changes:
        tiers = chapters["客户等级变动"].blocks
        assert [type(b).__name__ for b in tiers] == ["Heading", "Para"]
        assert tiers[1].text == "本月无客户等级变动。"
    empty = report.__class__(**{**report.__dict__, "signings": (), "signings_count": 0})
    blocks = {c.title: c for c in report_chapters(empty)}["新签合同"].blocks
    assert [type(b).__name__ for b in blocks] == ["Heading", "Para"]
    assert blocks[1].text == "本月无新签合同。"


def test_the_demo_month_is_fewer_pages_and_no_page_ends_on_a_heading(archive, tmp_path):
    from app.demo import generate_demo

    generate_demo(archive)
    out = tmp_path / "demo.pdf"
    pages = analysis.write_monthly_report(archive, 2026, 11, out)
    assert pages <= 9  # 13 mostly white pages before
    headings = (
        *CHAPTERS,
        "各客户经理回款",
        "应收余额最多的客户",
        "待审批返点",
        "按旬分解",
        "下月计划",
    )
    for page in PdfReader(str(out)).pages:
        lines = [line.strip() for line in page_text(page).splitlines() if line.strip()]
        content = [line for line in lines if not line.startswith("第 ")]
        assert not any(content[-1].startswith(h) for h in headings), content[-3:]

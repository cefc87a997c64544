"""A 通知 and a 函 to GB/T 9704-2012, measured on the produced PDF: the text positions are read
back with pypdf (a visitor over the page content), then lines per page, characters per line,
the margins, the red 版头 and the page numbers are checked against the standard."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain import gongwen as gw
from app.domain.gongwen import Gongwen, Paragraph, Style
from app.exports.gongwen_pdf import render
from tests.pdf_checks import assert_cjk_font_embedded

MM = 72 / 25.4
CLOSING = "，。、；：！？）》」』】〕"
# Pure Chinese text (no half-width runs), so that a full line holds exactly 28 characters.
SENTENCE = "为进一步做好大客户服务工作，提高客户满意度，经公司研究决定开展年度大客户回访活动。"


def notice(**changes) -> Gongwen:
    values = dict(
        style=Style.NOTICE,
        masthead="北京华信科技有限公司文件",
        number="华信通〔2026〕12号",
        title="关于开展年度大客户回访活动的通知",
        addressee="各销售部门、客户服务中心：",
        paragraphs=[Paragraph(SENTENCE * 12), Paragraph(SENTENCE * 9), Paragraph("特此通知。")],
        attachments=["回访客户名单", "回访记录表"],
        signer="北京华信科技有限公司",
        date="2026年12月6日",
        cc="市场营销中心，财务部。",
        print_office="北京华信科技有限公司办公室",
        print_date="2026年12月6日",
    )
    values.update(changes)
    return Gongwen(**values)


def glyphs(page) -> list[tuple[str, float, float, float]]:
    """(text, x, y from the page's top, font size) of every text run drawn on the page, the
    colour in force (r, g, b fill) kept in `colors`."""
    height = float(page.mediabox.height)
    out: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, _font, size):
        text = text.strip("\n")
        if text.strip():
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            out.append((text, x, height - y, size * tm[0] * cm[0] or size))

    page.extract_text(visitor_text=visit)
    return list(dict.fromkeys(out))  # pypdf may report a run twice (at Tj and at ET)


def body_lines(page) -> list[list[tuple[str, float, float, float]]]:
    """The 3号 text of a page grouped into lines by baseline, top to bottom."""
    rows: dict[float, list] = defaultdict(list)
    for g in glyphs(page):
        if abs(g[3] - gw.SIZE_BODY) < 0.01:
            rows[round(g[2], 1)].append(g)
    return [sorted(rows[y], key=lambda g: g[1]) for y in sorted(rows)]


@pytest.fixture(scope="module")
def notice_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gongwen") / "notice.pdf"
    render(notice(), out)
    return out


def test_a_full_page_holds_22_lines_of_28_characters_on_the_standard_grid(notice_pdf):
    reader = PdfReader(str(notice_pdf))
    page = reader.pages[1]  # the first page holds the 版头; the second is all text
    lines = body_lines(page)
    assert len(lines) == gw.LINES_PER_PAGE
    counts = [sum(len(g[0]) for g in line) for line in lines]
    assert max(counts) == gw.CHARS_PER_LINE
    # A line is one short only where a closing mark would have started the next line.
    assert counts.count(gw.CHARS_PER_LINE) >= 5
    assert sum(1 for c in counts if c >= gw.CHARS_PER_LINE - 1) >= 18

    tops = [line[0][2] for line in lines]
    leading = (tops[-1] - tops[0]) / (len(tops) - 1)
    assert leading == pytest.approx(225 * MM / 22, abs=0.05)
    full = next(line for line in lines if sum(len(g[0]) for g in line) == 28)
    pitch = (full[-1][1] - full[0][1]) / 27
    assert pitch == pytest.approx(156 * MM / 28, abs=0.05)

    # 版心: each line is centred in its row of the grid, so the grid's top edge lies half the
    # spare leading above the first line's em box (which starts 0.88 em above the baseline).
    em_top = tops[0] - 0.88 * gw.SIZE_BODY
    top_margin = em_top - (leading - gw.SIZE_BODY) / 2
    assert top_margin / MM == pytest.approx(37, abs=1)  # 天头 37 mm ± 1
    left = min(line[0][1] for line in lines if line[0][1] < 30 * MM)
    assert left / MM == pytest.approx(28, abs=1)  # 订口 28 mm ± 1
    bottom = tops[-1] - 0.88 * gw.SIZE_BODY + gw.SIZE_BODY + (leading - gw.SIZE_BODY) / 2
    assert (bottom - top_margin) / MM == pytest.approx(225, abs=1)  # 版心 height
    right = full[-1][1] + gw.SIZE_BODY
    assert (right - left) / MM == pytest.approx(156, abs=1)  # 版心 width


def test_no_line_starts_with_closing_punctuation(notice_pdf):
    for page in PdfReader(str(notice_pdf)).pages:
        for line in body_lines(page):
            assert line[0][0][0] not in CLOSING, "".join(g[0] for g in line)


def test_first_line_indent_and_attachment_line(notice_pdf):
    reader = PdfReader(str(notice_pdf))
    first = body_lines(reader.pages[0])
    addressee = next(line for line in first if line[0][0] == "各")
    opening = first[first.index(addressee) + 1]
    assert opening[0][1] - addressee[0][1] == pytest.approx(2 * 156 * MM / 28, abs=0.1)
    texts = [
        "".join(g[0] for g in line).replace(" ", "") for p in reader.pages for line in body_lines(p)
    ]
    attachment = next(t for t in texts if t.startswith("附件"))
    assert attachment == "附件：1.回访客户名单"
    assert "2.回访记录表" in texts


def test_the_masthead_is_red_and_centred_and_the_title_is_2hao(notice_pdf):
    content = PdfReader(str(notice_pdf)).pages[0].get_contents().get_data().decode("latin-1")
    # The 标志 is drawn in red (rg with red 0.87, no green or blue), before any black text.
    assert re.search(r"\.87 0 0 rg", content)
    assert re.search(r"\.87 0 0 RG", content)  # the red separator rule
    page = PdfReader(str(notice_pdf)).pages[0]
    runs = glyphs(page)
    title = [g for g in runs if abs(g[3] - gw.SIZE_TITLE) < 0.01]
    assert "".join(g[0] for g in title) == "关于开展年度大客户回访活动的通知"
    head = max(runs, key=lambda g: g[3])
    assert head[0] == "北京华信科技有限公司文件"
    assert head[2] / MM < 100  # in the upper third of the page


def test_page_numbers_and_colophon(notice_pdf):
    reader = PdfReader(str(notice_pdf))
    assert len(reader.pages) % 2 == 0  # the 版记 is on the back of a sheet
    first = glyphs(reader.pages[0])
    number = next(g for g in first if g[0].startswith("—"))
    assert number[0] == "— 1 —"
    assert abs(number[3] - gw.SIZE_SMALL) < 0.01  # 4号
    assert number[1] > 105 * MM  # odd page: on the right
    second = next(g for g in glyphs(reader.pages[1]) if g[0].startswith("—"))
    assert second[0] == "— 2 —"
    assert second[1] < 105 * MM  # even page: on the left
    assert (second[1] - 28 * MM) == pytest.approx(gw.SIZE_SMALL, abs=0.5)  # 空一字
    last = "".join(g[0] for g in glyphs(reader.pages[-1]))
    assert "抄送：市场营销中心，财务部。" in last
    assert "北京华信科技有限公司办公室" in last and "2026年12月6日印发" in last
    assert_cjk_font_embedded(notice_pdf)


def test_signature_date_right_four_characters_with_room_for_the_seal(notice_pdf):
    reader = PdfReader(str(notice_pdf))
    for page in reader.pages:
        lines = body_lines(page)
        texts = ["".join(g[0] for g in line) for line in lines]
        if "2026年12月6日" in texts:
            date = lines[texts.index("2026年12月6日")]
            end = date[-1][1] + (gw.SIZE_BODY if date[-1][0] == "日" else 0)
            assert (28 * MM + 156 * MM - end) == pytest.approx(4 * 156 * MM / 28, abs=0.5)
            signer = lines[texts.index("北京华信科技有限公司")]
            leading = 225 * MM / 22
            assert date[0][2] - signer[0][2] == pytest.approx(leading, abs=0.1)
            above = lines[texts.index("北京华信科技有限公司") - 1]
            assert signer[0][2] - above[0][2] == pytest.approx(3 * leading, abs=0.1)
            return
    pytest.fail("no 成文日期")


def test_letter_format_double_rules_number_right_and_first_page_unnumbered(tmp_path):
    out = tmp_path / "letter.pdf"
    doc = notice(style=Style.LETTER, masthead="北京华信科技有限公司", number="华信函〔2026〕3号")
    render(doc, out)
    reader = PdfReader(str(out))
    first = glyphs(reader.pages[0])
    assert not any(g[0].startswith("—") for g in first)  # 首页不显示页码
    number = next(g for g in first if g[0] == "华信函〔2026〕3号")
    assert number[1] > 105 * MM
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert content.count(".87 0 0 RG") >= 2  # the red double rules, top and foot
    assert any(g[0] == "— 2 —" for g in glyphs(reader.pages[1]))
    text = "".join(g[0] for g in glyphs(reader.pages[-1]))
    assert "抄送：" in text and "印发" not in text  # 信函格式: no 印发机关 and 印发日期

"""ReportLab's paragraphs and table cells break lines by the domain rule (app.exports.pdf_text),
and body lines are justified to a straight right edge."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from app.domain.line_breaking import violations
from app.exports.pdf_fonts import register_font
from app.exports.pdf_text import text_paragraph, wrap_text

SIZE = 12


@pytest.fixture(scope="module")
def font() -> str:
    return register_font(None)


def _lines(paragraph, width: float) -> list[str]:
    paragraph.wrap(width, 10_000)
    return [words[0] for _extra, words in paragraph.blPara.lines]


def _style(font: str, **kw) -> ParagraphStyle:
    return ParagraphStyle("t", fontName=font, fontSize=SIZE, leading=SIZE * 1.75, **kw)


def test_a_paragraph_pushes_the_character_before_a_comma_down(font):
    p = text_paragraph("甲方应于合同签订之日起，三十日内付款。", _style(font))
    assert _lines(p, 10.5 * SIZE) == ["甲方应于合同签订之日", "起，三十日内付款。"]


def test_the_first_line_indent_and_hard_breaks_are_kept(font):
    p = text_paragraph("一二三四五六七八\n九十", _style(font, firstLineIndent=2 * SIZE))
    assert _lines(p, 6.2 * SIZE) == ["一二三四", "五六七八", "九十"]


def test_ascii_punctuation_typed_in_chinese_text_is_printed_full_width_and_never_starts_a_line(
    font,
):
    p = text_paragraph("签订地点:北京市海淀区中关村大街,详见附件(一)", _style(font))
    lines = _lines(p, 8.5 * SIZE)
    assert "".join(lines) == "签订地点：北京市海淀区中关村大街，详见附件（一）"
    assert violations(lines) == []


def test_a_table_cell_hangs_a_closing_mark_rather_than_leave_an_opening_one_alone(font):
    assert wrap_text("金额(元)", 2.5 * SIZE, font, SIZE) == "金额\n（元）"


def test_amounts_are_never_broken(font):
    cell = wrap_text("¥12,345,678.90", 20 * SIZE, font, SIZE)
    assert cell == "¥12,345,678.90"


def _content(flowables) -> str:
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(flowables)
    page = PdfReader(BytesIO(buffer.getvalue())).pages[0]
    return page.get_contents().get_data().decode("latin-1")


def test_a_shortened_line_is_spread_to_the_full_measure_and_the_last_line_is_not(font):
    text = "甲方应于合同签订之日起，三十日内付款。" * 3
    content = _content([text_paragraph(text, _style(font))])
    spacings = [float(v) for v in re.findall(r"([-\d.]+) Tc", content)]
    assert spacings[0] > 0 and spacings[-1] == 0  # spread, then back to none for the last line
    assert all(s <= 2 * SIZE for s in spacings)


def test_centred_text_is_not_spread(font):
    text = "关于二〇二七年春节放假安排及节前产品发货、回款对账等有关事项的通知"
    content = _content([text_paragraph(text, _style(font, alignment=TA_CENTER))])
    assert not [v for v in re.findall(r"([-\d.]+) Tc", content) if float(v)]


def test_a_paragraph_split_over_two_frames_keeps_its_lines(font):
    text = (
        "合同约定的付款期限届满后，甲方应于十日内付清余款；逾期超过三十日的，乙方有权解除合同。" * 6
    )
    p = text_paragraph(text, _style(font))
    width = 15.5 * SIZE
    whole = _lines(p, width)
    first, second = p.split(width, 4 * SIZE * 1.75)
    parts = _lines(first, width) + _lines(second, width)
    assert parts == whole and violations(parts) == []

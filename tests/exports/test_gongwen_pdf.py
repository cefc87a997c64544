"""A 通知 and a 函 to GB/T 9704-2012, measured on the produced PDF: the text positions are read
back with pypdf (a visitor over the page content), then lines per page, characters per line,
the margins, the red 版头 and the page numbers are checked against the standard."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from pdf_checks import assert_cjk_font_embedded
from pypdf import PdfReader

from app.domain import gongwen as gw
from app.domain.gongwen import Gongwen, Paragraph, Style
from app.exports.gongwen_pdf import render

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


@dataclass(frozen=True)
class Char:
    text: str
    x: float  # the glyph's origin, from the page's left edge
    y: float  # its baseline, from the page's top
    size: float
    color: tuple


def page_chars(path: Path, index: int) -> list[Char]:
    """Every character drawn on a page with its own position (pdfminer applies the character
    spacing that sets full-width text on the grid's pitch)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = pdf.pages[index]
        return [
            Char(
                c["text"],
                c["matrix"][4],
                page.height - c["matrix"][5],
                round(c["size"], 2),
                tuple(c["non_stroking_color"] or ()),
            )
            for c in page.chars
            if c["text"].strip()
        ]


def lines_of(chars: list[Char], size: float | None = gw.SIZE_BODY) -> list[list[Char]]:
    """Characters of one size grouped into lines by baseline, top to bottom."""
    rows: dict[float, list[Char]] = defaultdict(list)
    for c in chars:
        if size is None or abs(c.size - size) < 0.01:
            rows[round(c.y, 1)].append(c)
    return [sorted(rows[y], key=lambda c: c.x) for y in sorted(rows)]


def text(line: list[Char]) -> str:
    return "".join(c.text for c in line)


def page_count(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


@pytest.fixture(scope="module")
def notice_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gongwen") / "notice.pdf"
    render(notice(), out)
    return out


def test_a_full_page_holds_22_lines_of_28_characters_on_the_standard_grid(notice_pdf):
    lines = lines_of(page_chars(notice_pdf, 1))  # page 1 holds the 版头; page 2 is all text
    assert len(lines) == gw.LINES_PER_PAGE
    counts = [len(line) for line in lines]
    assert max(counts) == gw.CHARS_PER_LINE
    # A line is one short only where a closing mark would have started the next line.
    assert counts.count(gw.CHARS_PER_LINE) >= 5
    assert sum(1 for c in counts if c >= gw.CHARS_PER_LINE - 1) >= 18

    leading = (lines[-1][0].y - lines[0][0].y) / (len(lines) - 1)
    assert leading == pytest.approx(225 * MM / 22, abs=0.05)
    assert all(
        b[0].y - a[0].y == pytest.approx(leading, abs=0.05)
        for a, b in zip(lines, lines[1:], strict=False)
    )
    full = next(line for line in lines if len(line) == 28)
    pitch = (full[-1].x - full[0].x) / 27
    assert pitch == pytest.approx(156 * MM / 28, abs=0.05)

    # 版心: each line is centred in its row of the grid, so the grid's top edge lies half the
    # spare leading above the first line's em box (which rises 0.88 em above the baseline).
    em_top = lines[0][0].y - 0.88 * gw.SIZE_BODY
    top_margin = em_top - (leading - gw.SIZE_BODY) / 2
    assert top_margin / MM == pytest.approx(37, abs=1)  # 天头 37 mm ± 1
    left = min(line[0].x for line in lines)
    assert left / MM == pytest.approx(28, abs=1)  # 订口 28 mm ± 1
    assert 22 * leading / MM == pytest.approx(225, abs=1)  # 版心 height
    right = full[-1].x + gw.SIZE_BODY
    assert (right - left) / MM == pytest.approx(156, abs=1)  # 版心 width


def test_no_line_starts_with_closing_punctuation(notice_pdf):
    for index in range(page_count(notice_pdf)):
        for line in lines_of(page_chars(notice_pdf, index), None):
            assert line[0].text not in CLOSING, text(line)
            assert line[-1].text not in "（《「『【〔“", text(line)


def test_first_line_indent_and_attachment_line(notice_pdf):
    first = lines_of(page_chars(notice_pdf, 0))
    addressee = next(line for line in first if line[0].text == "各")
    opening = first[first.index(addressee) + 1]
    assert opening[0].x - addressee[0].x == pytest.approx(2 * 156 * MM / 28, abs=0.1)
    texts = [
        text(line)
        for i in range(page_count(notice_pdf))
        for line in lines_of(page_chars(notice_pdf, i))
    ]
    attachment = next(
        line
        for i in range(page_count(notice_pdf))
        for line in lines_of(page_chars(notice_pdf, i))
        if text(line).startswith("附件")
    )
    assert text(attachment) == "附件：1.回访客户名单"
    assert attachment[0].x - 28 * MM == pytest.approx(2 * 156 * MM / 28, abs=0.1)  # 左空二字
    assert "2.回访记录表" in texts


def test_the_masthead_is_red_and_centred_and_the_title_is_2hao(notice_pdf):
    chars = page_chars(notice_pdf, 0)
    red = [c for c in chars if c.color == (0.87, 0, 0)]
    assert text(red) == "北京华信科技有限公司文件"
    middle = (red[0].x + red[-1].x + red[-1].size) / 2
    assert middle / MM == pytest.approx(105, abs=0.5)  # centred
    assert red[0].y / MM < 100  # in the upper third of the page
    content = PdfReader(str(notice_pdf)).pages[0].get_contents().get_data().decode("latin-1")
    assert re.search(r"\.87 0 0 RG", content)  # the red separator rule
    title = lines_of(chars, gw.SIZE_TITLE)
    assert [text(line) for line in title] == ["关于开展年度大客户回访活动的通知"]


def test_page_numbers_and_colophon(notice_pdf):
    pages = page_count(notice_pdf)
    assert pages % 2 == 0  # the 版记 is on the back of a sheet
    number = lines_of(page_chars(notice_pdf, 0), gw.SIZE_SMALL)[-1]
    assert text(number) == "—1—"  # "— 1 —", its spaces not being characters drawn
    assert number[0].x > 105 * MM  # odd page: on the right, 空一字
    assert 28 * MM + 156 * MM - (number[-1].x + gw.SIZE_SMALL) == pytest.approx(
        gw.SIZE_SMALL, abs=1
    )
    second = lines_of(page_chars(notice_pdf, 1), gw.SIZE_SMALL)[-1]
    assert text(second) == "—2—"
    assert second[0].x - 28 * MM == pytest.approx(gw.SIZE_SMALL, abs=1)  # even: left, 空一字
    raw = PdfReader(str(notice_pdf)).pages[0].extract_text()
    assert "— 1 —" in raw
    last = [text(line) for line in lines_of(page_chars(notice_pdf, pages - 1), gw.SIZE_SMALL)]
    assert "抄送：市场营销中心，财务部。" in last
    assert any(
        line.startswith("北京华信科技有限公司办公室") and line.endswith("2026年12月6日印发")
        for line in last
    )
    small = lines_of(page_chars(notice_pdf, pages - 1), gw.SIZE_SMALL)
    issued = next(line for line in small if text(line).endswith("印发"))
    assert issued[0].x - 28 * MM == pytest.approx(gw.SIZE_SMALL, abs=0.5)  # 印发机关 左空一字
    right = 28 * MM + 156 * MM - (issued[-1].x + gw.SIZE_SMALL)
    assert right == pytest.approx(gw.SIZE_SMALL, abs=0.5)  # 印发日期 右空一字
    assert_cjk_font_embedded(notice_pdf)


def test_signature_date_right_four_characters_with_room_for_the_seal(notice_pdf):
    leading = 225 * MM / 22
    for index in range(page_count(notice_pdf)):
        lines = lines_of(page_chars(notice_pdf, index))
        texts = [text(line) for line in lines]
        if "2026年12月6日" not in texts:
            continue
        date = lines[texts.index("2026年12月6日")]
        end = date[-1].x + gw.SIZE_BODY
        assert (28 * MM + 156 * MM - end) == pytest.approx(4 * 156 * MM / 28, abs=1)
        signer = lines[texts.index("北京华信科技有限公司")]
        assert date[0].y - signer[0].y == pytest.approx(leading, abs=0.1)
        above = lines[texts.index("北京华信科技有限公司") - 1]
        assert signer[0].y - above[0].y == pytest.approx(3 * leading, abs=0.1)
        return
    pytest.fail("no 成文日期")


def test_letter_format_double_rules_number_right_and_first_page_unnumbered(tmp_path):
    out = tmp_path / "letter.pdf"
    doc = notice(style=Style.LETTER, masthead="北京华信科技有限公司", number="华信函〔2026〕3号")
    render(doc, out)
    first = page_chars(out, 0)
    assert not lines_of(first, gw.SIZE_SMALL)  # 首页不显示页码
    number = next(line for line in lines_of(first) if text(line) == "华信函〔2026〕3号")
    assert number[-1].x / MM > 170  # flush with the 版心's right edge
    content = PdfReader(str(out)).pages[0].get_contents().get_data().decode("latin-1")
    assert content.count(".87 0 0 RG") >= 2  # the red double rules, top and foot
    assert text(lines_of(page_chars(out, 1), gw.SIZE_SMALL)[-1]) == "—2—"
    last = "".join(text(line) for line in lines_of(page_chars(out, page_count(out) - 1), None))
    assert "抄送：" in last and "印发" not in last  # 信函格式: no 印发机关 and 印发日期


def test_the_colophon_goes_on_an_even_page_and_a_blank_page_before_it_is_unnumbered():
    from app.exports.gongwen_pdf import Page, Row, place_colophon

    doc = notice()
    rows = [Row(), Row()]
    odd = [Page(rows={0: Row()}, used=5)]  # the text ends on page 1: the 版记 goes on page 2
    place_colophon(odd, doc, rows)
    assert len(odd) == 2 and odd[1].numbered and sorted(odd[1].rows) == [20, 21]
    room = [Page(rows={0: Row()}), Page(rows={0: Row()}, used=10)]  # room on page 2
    place_colophon(room, doc, rows)
    assert len(room) == 2 and sorted(room[1].rows) == [0, 20, 21]
    full = [Page(rows={0: Row()}), Page(rows={0: Row()}, used=21)]  # page 2 is full
    place_colophon(full, doc, rows)
    assert len(full) == 4 and not full[2].numbered and not full[3].numbered
    assert not full[2].rows and sorted(full[3].rows) == [20, 21]
    letter = [Page(rows={0: Row()}, used=5)]  # a 函: at the foot of its last page, any page
    place_colophon(letter, notice(style=Style.LETTER), rows[:1])
    assert len(letter) == 1 and 21 in letter[0].rows


def test_a_gongwen_is_set_in_the_document_faces_and_never_prints_a_missing_glyph():
    from app.exports.gongwen_pdf import document_faces
    from app.exports.pdf_fonts import covers, document_fonts

    fonts = document_fonts()
    faces = document_faces(None, "北京华信科技有限公司文件关于调整价格的通知")
    assert faces["heading"] == fonts.heading != fonts.sans  # the bold Song for 标志 and 标题
    assert faces["fangsong"] == fonts.fangsong and faces["song"] == fonts.song
    rare = "关于张喆同志的通知"  # 喆 is not in GB 2312, which the bold face covers
    if not covers(fonts.heading, rare):
        assert document_faces(None, rare)["heading"] == fonts.song


def test_the_body_prints_in_fangsong_and_a_character_it_lacks_in_the_song_face(tmp_path):
    """GB/T 9704-2012 7.3.5: 正文 "一般用3号仿宋体字". With no system 仿宋 (this machine, CI)
    the bundled Compass FangSong SC sets it; 喆, which that face lacks, prints in the Song face
    and nothing else of its line changes face."""
    import pdfplumber

    from app.exports.pdf_fonts import covers, document_fonts

    fonts = document_fonts()
    if fonts.fangsong == fonts.song:
        pytest.skip("a system font replaced the bundled 仿宋 on this machine")
    assert not covers(fonts.fangsong, "喆") and covers(fonts.song, "喆")
    out = tmp_path / "rare.pdf"
    render(notice(paragraphs=[Paragraph("请王喆同志于本周内完成回访。")]), out)
    with pdfplumber.open(out) as pdf:
        chars = [c for c in pdf.pages[0].chars if round(c["size"]) == gw.SIZE_BODY]
    faces = {c["text"]: c["fontname"].split("+")[-1] for c in chars}
    assert faces["喆"] == "CompassSerifSC-Regular"
    assert {faces[c] for c in "请王同志于本周内完成回访"} == {"CompassFangSongSC-Regular"}
    assert "请王喆同志于本周内完成回访。" in PdfReader(str(out)).pages[0].extract_text()

"""A PDF of generated pages only gets its footer, 草稿 mark, bookmarks and metadata from ReportLab
while the pages are written (app.exports.pdf_stamp), not from pypdf afterwards (issue 11): the
same text in the same order on the same pages, the same bookmarks, the fonts embedded, and the
pages look the same as the stamped-afterwards ones."""

from __future__ import annotations

import pytest
from pdf_checks import assert_cjk_font_embedded, page_fonts
from pypdf import PdfReader

from app.domain.blocks import Grid, Heading, NewPage, Para
from app.exports.document_pdf import render_document
from app.exports.pdf_assembly import Part, assemble
from app.exports.pdf_blocks import render_blocks
from app.exports.pdf_fonts import heading_font, register_font
from app.exports.pdf_stamp import page_footer

BLOCKS = [
    Heading("销售合同"),
    Para("甲方：北京华信科技有限公司，乙方：上海恒达电子有限公司。" * 6),
    Grid(("品名", "数量", "金额"), [("服务器", "2", "¥12,345.60")] * 60, align_right=(2,)),
    NewPage(),
    Para("（以下无正文）"),
]


def stamped_afterwards(out, title: str, draft_mark: str | None) -> None:
    """The way a document was printed before: laid out, then stamped and bookmarked with pypdf."""
    font = register_font(None)
    pdf, _pages = render_blocks(BLOCKS, font, title, heading_font(font))
    assemble(
        [Part(title, pdf=pdf)], out, font, title=title, footer=page_footer, draft_mark=draft_mark
    )


def outline(reader: PdfReader) -> list[tuple[str, int]]:
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]


@pytest.mark.parametrize("draft_mark", [None, "草稿"])
def test_the_same_pages_text_and_bookmarks_as_stamped_afterwards(tmp_path, draft_mark):
    before, after = tmp_path / "before.pdf", tmp_path / "after.pdf"
    stamped_afterwards(before, "销售合同", draft_mark)
    pages = render_document(BLOCKS, after, title="销售合同", draft_mark=draft_mark)
    old, new = PdfReader(before), PdfReader(after)
    assert pages == len(new.pages) == len(old.pages) >= 3
    assert [p.extract_text() for p in new.pages] == [p.extract_text() for p in old.pages]
    last = new.pages[-1].extract_text()
    assert f"第 {pages} 页 共 {pages} 页" in last
    assert ("草稿" in last) == bool(draft_mark)
    assert outline(new) == outline(old) == [("销售合同", 0)]
    assert new.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    assert new.metadata.title == "销售合同"
    assert new.metadata.creator == "销售罗盘 Sales Compass"
    assert new.metadata.subject == "销售合同"  # not ReportLab's "(unspecified)"
    assert_cjk_font_embedded(after)
    assert set(page_fonts(after)) <= set(page_fonts(before))  # the footer's subset is the body's


def test_the_pages_look_the_same(tmp_path):
    """Rendered with PDFium (pypdfium2, which pdfplumber brings): no program to install, so the
    test runs on every machine."""
    import pypdfium2
    from PIL import Image, ImageChops

    before, after = tmp_path / "before.pdf", tmp_path / "after.pdf"
    stamped_afterwards(before, "销售合同", "草稿")
    render_document(BLOCKS, after, title="销售合同", draft_mark="草稿")
    old_pdf, new_pdf = pypdfium2.PdfDocument(before), pypdfium2.PdfDocument(after)
    assert len(old_pdf) == len(new_pdf) > 0
    for number in range(len(old_pdf)):
        old = old_pdf[number].render(scale=40 / 72).to_pil().convert("RGB")
        new = new_pdf[number].render(scale=40 / 72).to_pil().convert("RGB")
        blank = Image.new("RGB", old.size, "white")
        assert ImageChops.difference(old, blank).getbbox() is not None  # something printed
        assert ImageChops.difference(old, new).getbbox() is None, number

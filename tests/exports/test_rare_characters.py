"""A rare character of a name that no bundled face has (𠮷 U+20BB7, CJK Extension B) prints in
a fallback font: the 补充字体 chosen in settings (here a TrueType font made by the test), else
one found on the machine (the tests find none: tests/conftest.py). The fallback is embedded
(listed in the page's fonts), the text copies back as written, and the character sits on the
line of its neighbours. Without any font for it, it prints as a box, as before, and the
characters are told (`take_boxed`)."""

from __future__ import annotations

from datetime import datetime

import pytest
from pypdf import PdfReader
from rare_font import NAME, write_rare_font

from app.domain.blocks import Grid, Heading, Para
from app.domain.errors import ValidationError
from app.domain.gongwen import Gongwen, Paragraph, Style
from app.domain.minutes import MeetingDraft
from app.exports import pdf_rare
from app.exports.document_pdf import render_document
from app.exports.gongwen_pdf import render as render_gongwen
from app.services import minutes, settings

NAME_TEXT = "张𠮷"


@pytest.fixture
def rare_font(tmp_path, monkeypatch):
    return write_rare_font(tmp_path / "rare.ttf", monkeypatch)


def _text(path) -> str:
    return "".join("".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def _fonts(path) -> set[str]:
    """The fonts the pages list in their resources (BaseFont names, subset tag dropped)."""
    names = set()
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def _blocks():
    return [
        Heading(f"{NAME_TEXT}的委托书"),
        Para(f"委托人：{NAME_TEXT}，身份证号码见附件。"),
        Grid(("姓名", "职务"), ((NAME_TEXT, "经理"),)),
    ]


def test_the_chosen_font_draws_a_rare_name_in_a_document(tmp_path, rare_font):
    pdf_rare.choose_rare_font(rare_font)
    out = tmp_path / "document.pdf"
    render_document(_blocks(), out, title=f"{NAME_TEXT}的委托书")
    assert NAME in _fonts(out)  # embedded and listed on the page
    text = _text(out)
    assert f"委托人：{NAME_TEXT}，" in text and text.count(NAME_TEXT) == 3
    assert "\x00" not in text  # no .notdef box drawn
    assert pdf_rare.take_boxed() == ("", "")


def test_the_rare_character_sits_on_the_line_at_the_size_of_its_neighbours(tmp_path, rare_font):
    import pdfplumber

    pdf_rare.choose_rare_font(rare_font)
    out = tmp_path / "document.pdf"
    render_document([Para(f"委托人：{NAME_TEXT}，经理。")], out, title="委托书")
    with pdfplumber.open(out) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"] in "张𠮷经"]
    by_text = {c["text"]: c for c in chars}
    rare, before, after = by_text["𠮷"], by_text["张"], by_text["经"]
    assert rare["size"] == before["size"] == after["size"]
    assert abs(rare["bottom"] - before["bottom"]) < 0.5  # one baseline
    assert abs(rare["x0"] - before["x1"]) < 1  # right after 张, a full em wide
    assert rare["x1"] - rare["x0"] == pytest.approx(before["x1"] - before["x0"], abs=0.5)


def test_without_any_font_for_it_the_character_prints_as_a_box_and_is_told(tmp_path):
    out = tmp_path / "document.pdf"
    render_document(_blocks(), out, title="委托书")
    assert NAME not in _fonts(out)
    text = _text(out)
    assert "委托人：张\x00，" in text or f"委托人：{NAME_TEXT}，" in text  # a box, in place
    assert pdf_rare.take_boxed() == ("𠮷", "")
    assert pdf_rare.take_boxed() == ("", "")  # told once


def test_a_chosen_file_that_cannot_be_read_prints_boxes_and_is_named(tmp_path):
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00 not really a font")
    for chosen in (broken, tmp_path / "missing.ttf"):
        pdf_rare.choose_rare_font(chosen)
        out = tmp_path / "document.pdf"
        render_document(_blocks(), out, title="委托书")
        assert "委托人" in _text(out)
        assert pdf_rare.take_boxed() == ("𠮷", str(chosen))


def test_a_letter_draws_the_rare_name_in_its_fangsong_body(tmp_path, rare_font):
    pdf_rare.choose_rare_font(rare_font)
    letter = Gongwen(
        style=Style.LETTER,
        masthead="北京华信科技有限公司",
        number="华信函〔2026〕3号",
        title="关于确认授权代表的函",
        addressee="北京恒信医疗器械有限公司：",
        paragraphs=[Paragraph(f"我司授权代表为{NAME_TEXT}同志。"), Paragraph("特此函告。")],
        signer="北京华信科技有限公司",
        date="2026年12月6日",
    )
    out = tmp_path / "letter.pdf"
    render_gongwen(letter, out)
    assert NAME in _fonts(out)
    assert f"我司授权代表为{NAME_TEXT}同志" in _text(out)
    # one cell of the 28-a-line grid, as every hanzi: no gap after the name
    import pdfplumber

    with pdfplumber.open(out) as pdf:
        line = [c for c in pdf.pages[0].chars if c["text"] in "为张𠮷同志"]
    x = [c["x0"] for c in sorted(line, key=lambda c: c["x0"])]
    steps = [b - a for a, b in zip(x, x[1:], strict=False)]
    assert max(steps) - min(steps) < 0.5, steps


def test_minutes_print_with_the_font_of_the_settings(archive, tmp_path, rare_font):
    archive.rare_font = str(rare_font)  # as the window hands it over
    detail = minutes.create_meeting(
        archive, MeetingDraft("项目推进会", datetime(2026, 11, 20, 9, 0), host=NAME_TEXT)
    )
    out = tmp_path / "minutes.pdf"
    minutes.print_minutes(archive, detail.id, out)
    assert NAME in _fonts(out)
    assert f"主持人{NAME_TEXT}" in _text(out).replace("：", "").replace(":", "")


def test_the_normal_path_looks_for_no_font(tmp_path, monkeypatch):
    """A text whose characters the faces have never asks for a fallback."""
    monkeypatch.setattr(pdf_rare, "_font_for", lambda *_: pytest.fail("looked for a font"))
    render_document([Para("委托人：张吉，经理。")], tmp_path / "plain.pdf", title="委托书")


def test_settings_refuse_a_font_file_naming_the_field(archive, tmp_path, rare_font):
    otf = tmp_path / "cff.otf"
    otf.write_bytes(b"OTTO" + bytes(100))
    for path, code in ((tmp_path / "none.ttf", "font_missing"), (otf, "font_not_truetype")):
        with pytest.raises(ValidationError) as refused:
            settings.save_fonts(archive, None, str(path))
        assert refused.value.field == "rare_font" and refused.value.code == code
    assert settings.save_fonts(archive, None, str(rare_font)).rare_font == str(rare_font)
    assert settings.save_fonts(archive, None, "").rare_font == ""

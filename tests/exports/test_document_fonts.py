"""Documents print in a document face (宋体 for the body, a bold Song for titles, 仿宋 for 公文
bodies), embedded as a subset; a system 宋体/仿宋 is used when present, and a face that is missing
or broken falls back (the bundled serif or 仿宋, then the bundled sans the screen uses)."""

from __future__ import annotations

import re

import pytest
from pdf_checks import page_fonts
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from app.domain.blocks import Grid, Heading, Para, Signature
from app.exports import pdf_fonts
from app.exports.document_pdf import render_document
from app.exports.pdf_fonts import Candidate, DocumentFonts, document_fonts
from app.paths import CJK_FONT

CONTRACT = [
    Heading("购销合同"),
    Para("需方（甲方）：北京华信科技有限公司，供方（乙方）：上海恒达电子有限公司。"),
    Heading("第一条 标的、数量及价款", 2),
    Grid(("品名", "金额（元）"), [("服务器", "12,345.60")], align_right=(1,)),
    Signature(("甲方（盖章）：", "乙方（盖章）：")),
]


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """Nothing registered yet, no system font on this machine, a private font cache."""
    monkeypatch.setattr(pdf_fonts, "_registered", {})
    # ReportLab keeps the first font registered under a name for the process: forget ours.
    fonts = {k: v for k, v in pdfmetrics._fonts.items() if not k.startswith("SC")}
    monkeypatch.setattr(pdfmetrics, "_fonts", fonts)
    monkeypatch.setattr(pdf_fonts, "SYSTEM_SONG", ())
    monkeypatch.setattr(pdf_fonts, "SYSTEM_FANGSONG", ())
    monkeypatch.setattr(pdf_fonts, "SYSTEM_HEADING", ())
    monkeypatch.setattr(pdf_fonts, "cache_folder", lambda: tmp_path / "cache")
    return monkeypatch


def _face(name: str) -> str:
    return pdf_fonts.pdfmetrics.getFont(name).face.name.decode()


def test_without_system_fonts_the_bundled_serif_prints_body_and_titles(fresh):
    fonts = document_fonts(None)
    assert isinstance(fonts, DocumentFonts)
    assert _face(fonts.song) == "CompassSerifSC-Regular"
    assert _face(fonts.heading) == "CompassSerifSC-Bold"
    assert _face(fonts.fangsong) == "CompassFangSongSC-Regular"  # no system 仿宋: the bundled one
    assert fonts.sans == pdf_fonts.BUNDLED and "WenQuanYi" in _face(fonts.sans)
    assert pdf_fonts.register_font(None) == fonts.song


def test_a_contract_embeds_the_document_faces_as_subsets_and_no_sans(fresh, tmp_path):
    out = tmp_path / "contract.pdf"
    render_document(CONTRACT, out, title="购销合同")
    fonts = page_fonts(out)
    assert all(fonts.values()), f"not embedded: {fonts}"
    names = sorted(fonts)
    assert any(re.fullmatch(r"/[A-Z]{6}\+CompassSerifSC-Regular", n) for n in names), names
    assert any(re.fullmatch(r"/[A-Z]{6}\+CompassSerifSC-Bold", n) for n in names), names
    assert not [n for n in names if "WenQuanYi" in n or "Helvetica" in n], names
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "购销合同" in text and "北京华信科技有限公司" in text


def test_the_screen_keeps_the_sans():
    assert CJK_FONT.name == "wqy-microhei.ttc"  # what app.ui.application registers with Qt


def test_a_system_font_is_used_when_present(fresh):
    # The bundled sans stands in for an installed 仿宋 (any TrueType collection will do).
    fresh.setattr(pdf_fonts, "SYSTEM_FANGSONG", (Candidate(CJK_FONT, ("WenQuanYiMicroHeiMono",)),))
    fonts = document_fonts(None)
    assert fonts.fangsong == "SCFangSong" and fonts.fangsong != fonts.song
    assert _face(fonts.fangsong) == "WenQuanYiMicroHeiMono"  # the subfont asked for by name


def test_a_missing_or_broken_system_font_falls_back_to_the_bundled_serif(fresh, tmp_path):
    broken = tmp_path / "simsun.ttc"
    broken.write_bytes(b"ttcf" + b"\x00" * 64)
    cff = tmp_path / "NotoSerifCJK-Regular.otf"
    cff.write_bytes(b"OTTO" + b"\x00" * 200)
    fresh.setattr(
        pdf_fonts,
        "SYSTEM_SONG",
        (Candidate(tmp_path / "missing.ttc"), Candidate(broken, ("SimSun",)), Candidate(cff)),
    )
    fresh.setattr(pdf_fonts, "SYSTEM_FANGSONG", (Candidate(broken),))
    fonts = document_fonts(None)
    assert _face(fonts.song) == "CompassSerifSC-Regular"
    assert _face(fonts.fangsong) == "CompassFangSongSC-Regular"


def test_without_any_fangsong_the_gongwen_body_prints_in_the_song_face(fresh, tmp_path):
    fresh.setattr(pdf_fonts, "BUNDLED_FANGSONG", Candidate(tmp_path / "gone.ttf"))
    fonts = document_fonts(None)
    assert fonts.fangsong == fonts.song and _face(fonts.song) == "CompassSerifSC-Regular"


def test_the_bundled_fangsong_covers_gb2312_and_office_punctuation(fresh):
    fonts = document_fonts(None)
    gb2312 = "".join(
        chr(c) for c in range(0x4E00, 0x9FA6) if len(chr(c).encode("gb2312", "ignore")) == 2
    )
    assert pdf_fonts.covers(fonts.fangsong, gb2312)
    assert pdf_fonts.covers(
        fonts.fangsong, "，。、；：？！“”‘’（）《》〔〕【】—…·％0123456789ABCxyz"
    )


def test_the_bundled_fonts_carry_their_licences():
    folder = pdf_fonts.BUNDLED_FANGSONG.path.parent
    fangsong = (folder / "LICENSE-compass-fangsong.txt").read_text(encoding="utf-8")
    assert "Fandol" in fangsong and "font exception" in fangsong.lower()
    assert "GNU GENERAL PUBLIC LICENSE" in fangsong and "Version 3" in fangsong


def test_without_the_bundled_serif_everything_falls_back_to_the_sans(fresh, tmp_path):
    fresh.setattr(pdf_fonts, "BUNDLED_SONG", Candidate(tmp_path / "gone.ttf"))
    fresh.setattr(pdf_fonts, "BUNDLED_HEADING", Candidate(tmp_path / "gone-bold.ttf"))
    fresh.setattr(pdf_fonts, "BUNDLED_FANGSONG", Candidate(tmp_path / "gone-fang.ttf"))
    fonts = document_fonts(None)
    assert fonts.song == fonts.fangsong == fonts.heading == fonts.sans == pdf_fonts.BUNDLED


def test_the_font_chosen_in_settings_overrides_the_body_face_only(fresh, tmp_path):
    fonts = document_fonts(CJK_FONT)
    assert fonts.song.startswith("SCUser") and "WenQuanYi" in _face(fonts.song)
    assert _face(fonts.heading) == "CompassSerifSC-Bold"
    broken = tmp_path / "mine.ttf"
    broken.write_bytes(b"not a font")
    assert _face(document_fonts(broken).song) == "CompassSerifSC-Regular"


def test_a_title_the_heading_face_lacks_a_character_of_prints_in_the_body_face(fresh, tmp_path):
    # 喆 is GBK, not GB 2312: the bundled bold face (GB 2312 only) has no glyph for it.
    fonts = document_fonts(None)
    assert not pdf_fonts.covers(fonts.heading, "王喆") and pdf_fonts.covers(fonts.song, "王喆")
    out = tmp_path / "letter.pdf"
    render_document([Heading("致王喆先生的函"), Para("正文。")], out, title="函")
    assert not [n for n in page_fonts(out) if "Bold" in n]
    assert "致王喆先生的函" in PdfReader(str(out)).pages[0].extract_text()


def test_the_parsed_faces_are_cached_per_subfont(fresh, tmp_path):
    pdf_fonts.load_font("SubfontZero", CJK_FONT, 0)
    pdf_fonts.load_font("SubfontOne", CJK_FONT, 1)
    assert len(list((tmp_path / "cache" / "fonts").glob("*.face"))) == 2
    again = pdf_fonts.load_font("SubfontOneAgain", CJK_FONT, 1)
    assert again.face.name.decode() == "WenQuanYiMicroHeiMono"

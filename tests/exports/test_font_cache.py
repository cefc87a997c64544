"""The document font is parsed once and then read from the user's cache (issue 11), and a PDF
made from the cached face is the same as one made from a fresh parse."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_checks import assert_cjk_font_embedded
from pypdf import PdfReader
from reportlab.pdfbase import ttfonts

from app.domain.blocks import Grid, Heading, Para
from app.exports import pdf_fonts
from app.exports.document_pdf import render_document
from app.paths import CJK_FONT

BLOCKS = [
    Heading("销售合同"),
    Para("甲方：北京华信科技有限公司，乙方：上海恒达电子有限公司。"),
    Grid(("品名", "金额"), [("服务器", "¥12,345.60")], align_right=(1,)),
]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setattr(pdf_fonts, "cache_folder", lambda: folder)
    return folder


def test_the_second_load_reads_the_cache_without_parsing(cache, monkeypatch):
    first = pdf_fonts.load_font("CacheTestA", CJK_FONT)
    assert list((cache / "fonts").glob("*.face"))

    def no_parse(*_args, **_kwargs):
        raise AssertionError("the font was parsed again")

    monkeypatch.setattr(ttfonts.TTFontFile, "extractInfo", no_parse)
    second = pdf_fonts.load_font("CacheTestB", CJK_FONT)
    assert second.face.charToGlyph == first.face.charToGlyph
    assert second.face.charWidths == first.face.charWidths
    assert second.stringWidth("北京华信 ABC", 12) == first.stringWidth("北京华信 ABC", 12)


def test_a_damaged_cache_is_parsed_again(cache):
    pdf_fonts.load_font("CacheTestC", CJK_FONT)
    for face in (cache / "fonts").glob("*.face"):
        face.write_bytes(b"not a pickle")
    font = pdf_fonts.load_font("CacheTestD", CJK_FONT)
    assert font.face.charToGlyph


def test_a_pdf_from_the_cached_face_is_the_same(cache, tmp_path, monkeypatch):
    fresh, cached = tmp_path / "fresh.pdf", tmp_path / "cached.pdf"
    monkeypatch.setattr(pdf_fonts, "_registered", {})
    monkeypatch.setattr(pdf_fonts, "BUNDLED", "CacheFresh")
    render_document(BLOCKS, fresh, title="合同")
    monkeypatch.setattr(pdf_fonts, "_registered", {})
    monkeypatch.setattr(pdf_fonts, "BUNDLED", "CacheWarm")  # a new name: registered from cache
    render_document(BLOCKS, cached, title="合同")
    assert_cjk_font_embedded(cached)
    texts = [PdfReader(p).pages[0].extract_text() for p in (fresh, cached)]
    assert "北京华信科技有限公司" in texts[1]
    assert texts[0] == texts[1]


@pytest.mark.parametrize("path", [CJK_FONT, pdf_fonts.BUNDLED_SONG.path])
def test_the_cache_holds_the_parse_not_the_font_file(cache, path):
    """The font's bytes are mapped from the font file and the glyph-to-characters map is made
    when read (issue 11): the cache is a fraction of the font, and the face is the same."""
    first = pdf_fonts.load_font(f"CacheParse{path.stem}", path)
    [stored] = (cache / "fonts").glob("*.face")
    assert stored.stat().st_size < path.stat().st_size / 2  # it held a whole copy before
    second = pdf_fonts.load_font(f"CacheRead{path.stem}", path)
    assert second.face._ttf_data[:] == first.face._ttf_data
    assert dict(second.face.glyphToChar) == first.face.glyphToChar
    assert second.face.glyphToChar[second.face.charToGlyph[ord("华")]] == [ord("华")]


def test_the_cache_keeps_only_the_newest_faces(cache):
    """A face is stored again whenever the font, ReportLab or the cache layout changes: the
    folder keeps the newest CACHED_FACES, so it does not grow with every update."""
    import os

    folder = cache / "fonts"
    folder.mkdir(parents=True)
    old = []
    for number in range(pdf_fonts.CACHED_FACES + 5):
        face = folder / f"old{number:02d}.face"
        face.write_bytes(b"x")
        os.utime(face, ns=(number * 10**9, number * 10**9))
        old.append(face)
    pdf_fonts.load_font("CachePruneTest", CJK_FONT)  # parses and stores a new face
    kept = sorted(folder.glob("*.face"))
    assert len(kept) == pdf_fonts.CACHED_FACES
    assert not any(face.name.startswith("old") for face in kept if face in old[:6])
    assert [f for f in kept if not f.name.startswith("old")]  # the new face is kept
    assert old[-1] in kept  # and the newest older ones

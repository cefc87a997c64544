"""A small TrueType font made in the test (fontTools), with a glyph for 𠮷 (U+20BB7, CJK
Extension B: in no bundled face) and for 𡒄 (U+21484): the 补充字体 a person would choose."""

from __future__ import annotations

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

RARE = "𠮷𡒄"
NAME = "CompassTestRare"


def _box(inset: int):
    pen = TTGlyphPen(None)
    # a square frame of the ideographic em box (0.12 em below the baseline to 0.88 above)
    for left, bottom, right, top in ((inset, -120, 1000 - inset, 880),):
        pen.moveTo((left, bottom))
        pen.lineTo((left, top))
        pen.lineTo((right, top))
        pen.lineTo((right, bottom))
        pen.closePath()
        pen.moveTo((left + 80, bottom + 80))
        pen.lineTo((right - 80, bottom + 80))
        pen.lineTo((right - 80, top - 80))
        pen.lineTo((left + 80, top - 80))
        pen.closePath()
    return pen.glyph()


def write_rare_font(path: Path, monkeypatch=None) -> Path:
    """Writes the font to `path` (a .ttf) and returns it; with `monkeypatch`, its parsed face
    is cached beside it, not in this user's cache folder (app.exports.pdf_fonts)."""
    if monkeypatch is not None:
        from app.exports import pdf_fonts

        monkeypatch.setattr(pdf_fonts, "cache_folder", lambda: path.parent / "cache")
    order = [".notdef", "rare1", "rare2"]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({ord(RARE[0]): "rare1", ord(RARE[1]): "rare2"})
    fb.setupGlyf({".notdef": _box(100), "rare1": _box(40), "rare2": _box(60)})
    fb.setupHorizontalMetrics({name: (1000, 40) for name in order})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": NAME, "styleName": "Regular", "psName": NAME})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.save(str(path))
    return path

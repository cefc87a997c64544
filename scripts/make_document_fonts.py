"""Makes the bundled document faces (resources/fonts/CompassSerif-*.ttf) from Noto Serif CJK SC.

ReportLab embeds TrueType (glyf) outlines only; Noto Serif CJK is CFF-flavoured OpenType. This
script subsets the SC face of Debian's fonts-noto-cjk (NotoSerifCJK-Regular.ttc, -Bold.ttc;
SIL Open Font License 1.1) to what Chinese office documents print, converts its cubic outlines to
quadratic ones (fontTools' cu2qu) and renames the family (a Modified Version under the OFL):

- CompassSerif-Regular.ttf: the body face (宋体 style): every GBK hanzi (U+4E00..U+9FA5),
  CJK punctuation, full-width forms, Latin-1 and general punctuation.
- CompassSerif-Bold.ttf: the heading face (bold Song, close to 小标宋): GB 2312 hanzi only.

Run it once when the faces change (needs fonttools: `pip install fonttools`):

    apt-get download fonts-noto-cjk && dpkg -x fonts-noto-cjk_*.deb noto
    python scripts/make_document_fonts.py noto/usr/share/fonts/opentype/noto resources/fonts
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

FAMILY = "Compass Serif SC"
MAX_ERROR = 1.0  # font units (of 1000): the largest distance of a quadratic from its cubic

COMMON = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x180),  # Latin-1 and Latin Extended-A (names, ×, ÷, ·)
    *range(0x2000, 0x2070),  # general punctuation: — ‘ ’ “ ” … ‰ ※
    *range(0x2100, 0x2200),  # letterlike forms and number forms: ℃ № Ⅰ Ⅱ ← →
    *range(0x2200, 0x2300),  # mathematical operators: ≤ ≥ ≈ ∶
    *range(0x2460, 0x2500),  # enclosed alphanumerics: ① ⑴ ⒈
    *range(0x2500, 0x2600),  # box drawing, blocks, shapes: ■ □ ▲ ○ ● ◎ ★
    *range(0x2600, 0x2700),  # ☆ ☎ ✓ (what the font has)
    *range(0x3000, 0x3040),  # CJK symbols and punctuation: 、。〈〉《》「」『』【】〔〕
    *range(0x3200, 0x3300),  # enclosed CJK: ㈠ ㊣
    *range(0xFE30, 0xFE50),  # CJK compatibility forms
    *range(0xFF00, 0xFFF0),  # full-width forms: ，：；！？（）￥
]


def gb2312_hanzi() -> list[int]:
    return [c for c in range(0x4E00, 0x9FA6) if len(chr(c).encode("gb2312", "ignore")) == 2]


def gbk_hanzi() -> list[int]:
    return list(range(0x4E00, 0x9FA6))


def sc_face(path: Path) -> TTFont:
    for font in TTCollection(str(path)).fonts:
        if font["name"].getDebugName(1).endswith(" SC"):
            return font
    raise SystemExit(f"{path}: no SC face")


def make(source: Path, out: Path, codepoints: list[int], style: str) -> None:
    font = sc_face(source)
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.drop_tables += ["GSUB", "GPOS", "BASE", "VORG", "vhea", "vmtx", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    to_truetype(font)
    rename(font, style)
    font.save(str(out))
    print(f"{out}: {len(font.getGlyphOrder())} glyphs, {out.stat().st_size / 1e6:.1f} MB")


def to_truetype(font: TTFont) -> None:
    """CFF outlines -> glyf (quadratic), the tables a TrueType font has instead of CFF."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, and ReportLab needs none
    font["head"].indexToLocFormat = 1
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True


def rename(font: TTFont, style: str) -> None:
    """A Modified Version under the OFL carries its own name (Noto has no Reserved Font Name;
    Source Han's is 'Source', which this name does not use)."""
    full = f"{FAMILY} {style}"
    postscript = f"CompassSerifSC-{style}"
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17):
            names.removeNames(nameID=record.nameID)
    for nid, value in ((1, FAMILY), (2, style), (3, f"{postscript};subset"), (4, full)):
        names.setName(value, nid, 3, 1, 0x409)
        names.setName(value, nid, 1, 0, 0)
    names.setName(postscript, 6, 3, 1, 0x409)
    names.setName(postscript, 6, 1, 0, 0)
    names.setName("Subset of Noto Serif CJK SC, converted to TrueType outlines", 5, 3, 1, 0x409)


def main(source: str, out: str) -> None:
    folder, target = Path(source), Path(out)
    common = COMMON
    make(
        folder / "NotoSerifCJK-Regular.ttc",
        target / "CompassSerif-Regular.ttf",
        common + gbk_hanzi(),
        "Regular",
    )
    make(
        folder / "NotoSerifCJK-Bold.ttc",
        target / "CompassSerif-Bold.ttf",
        common + gb2312_hanzi(),
        "Bold",
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])

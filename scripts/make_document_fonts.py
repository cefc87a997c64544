"""Makes the bundled document faces (resources/fonts/Compass*.ttf) from free CJK fonts.

ReportLab embeds TrueType (glyf) outlines only; the sources are CFF-flavoured OpenType. This
script subsets each source to what Chinese office documents print, converts its cubic outlines
to quadratic ones (fontTools' cu2qu) and renames the family:

- CompassSerif-Regular.ttf: the body face (宋体 style): every GBK hanzi (U+4E00..U+9FA5),
  CJK punctuation, full-width forms, Latin-1 and general punctuation.
- CompassSerif-Bold.ttf: the heading face (bold Song, close to 小标宋): GB 2312 hanzi only.

  Both from the SC face of Debian's fonts-noto-cjk (NotoSerifCJK-Regular.ttc, -Bold.ttc; SIL Open
  Font License 1.1: a Modified Version under the OFL).

- CompassFangSong-Regular.ttf: the 仿宋 of 公文 bodies (GB/T 9704), every hanzi the source has
  (GB 2312 and more), from FandolFang-Regular.otf of the Fandol fonts (GPL with the GPL font
  exception, as shipped in Debian's texlive-lang-chinese): a modified version under the GPL,
  whose corresponding source is the original .otf and this script.

Run it once when the faces change (needs fonttools: `pip install fonttools`):

    apt-get download fonts-noto-cjk texlive-lang-chinese
    dpkg -x fonts-noto-cjk_*.deb src && dpkg -x texlive-lang-chinese_*.deb src
    python scripts/make_document_fonts.py src resources/fonts
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

NOTO = "usr/share/fonts/opentype/noto"
FANDOL = "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
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
    if path.suffix.lower() == ".otf":
        return TTFont(str(path))
    for font in TTCollection(str(path)).fonts:
        if font["name"].getDebugName(1).endswith(" SC"):
            return font
    raise SystemExit(f"{path}: no SC face")


def make(source: Path, out: Path, codepoints: list[int], family: str, style: str) -> None:
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
    rename(font, family, style, source.name)
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


def rename(font: TTFont, family: str, style: str, source: str) -> None:
    """A modified version carries its own name (Noto has no Reserved Font Name; Source Han's is
    'Source', which these names do not use; the GPL reserves none)."""
    full = f"{family} {style}"
    postscript = f"{family.replace(' ', '')}-{style}"
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17):
            names.removeNames(nameID=record.nameID)
    for nid, value in ((1, family), (2, style), (3, f"{postscript};subset"), (4, full)):
        names.setName(value, nid, 3, 1, 0x409)
        names.setName(value, nid, 1, 0, 0)
    names.setName(postscript, 6, 3, 1, 0x409)
    names.setName(postscript, 6, 1, 0, 0)
    names.setName(f"Subset of {source}, converted to TrueType outlines", 5, 3, 1, 0x409)


def main(source: str, out: str) -> None:
    root, target = Path(source), Path(out)
    noto, fandol, serif = root / NOTO, root / FANDOL, "Compass Serif SC"
    make(
        noto / "NotoSerifCJK-Regular.ttc",
        target / "CompassSerif-Regular.ttf",
        COMMON + gbk_hanzi(),
        serif,
        "Regular",
    )
    make(
        noto / "NotoSerifCJK-Bold.ttc",
        target / "CompassSerif-Bold.ttf",
        COMMON + gb2312_hanzi(),
        serif,
        "Bold",
    )
    make(
        fandol / "FandolFang-Regular.otf",
        target / "CompassFangSong-Regular.ttf",
        COMMON + gbk_hanzi(),
        "Compass FangSong SC",
        "Regular",
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])

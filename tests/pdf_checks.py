"""What a PDF viewer or a print shop's preflight sees of a produced PDF's fonts."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader

EMBEDDED_KEYS = ("/FontFile", "/FontFile2", "/FontFile3")


def page_fonts(path: Path | str) -> dict[str, bool]:
    """Every font the pages use, by its base name: True when the font program is embedded."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(str(path)).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in EMBEDDED_KEYS
            )
            name = str(target["/BaseFont"])
            fonts[name] = fonts.get(name, True) and embedded
    return fonts


DOCUMENT_FACES = ("CompassSerifSC", "WenQuanYi")  # app.exports.pdf_fonts: serif, then sans


def assert_cjk_font_embedded(path: Path | str) -> None:
    """A bundled CJK face is embedded as a subset, and no font is left to the viewer."""
    fonts = page_fonts(path)
    cjk = [name for name in fonts if any(face in name for face in DOCUMENT_FACES)]
    assert cjk, f"no CJK font in {sorted(fonts)}"
    assert all(re.match(r"/[A-Z]{6}\+", name) for name in cjk), "not a subset"
    missing = sorted(name for name, embedded in fonts.items() if not embedded)
    assert not missing, f"fonts not embedded: {missing}"


def page_text(page) -> str:
    """A page's text as a reader compares it: the full-width punctuation the PDFs are set in
    (，：（）, see app.domain.typography) folded back to the ASCII the tests are written in."""
    return unicodedata.normalize("NFKC", page.extract_text())

"""The CJK font for every PDF: the bundled WenQuanYi Micro Hei (TrueType, embedded as a subset),
or a TrueType font the user chose in settings (宋体/仿宋 on Windows) with the bundled one as fallback.

ReportLab's CID fonts (STSong-Light) are never used: they are not embedded and print as boxes on
machines without Adobe's Asian font packs."""

from __future__ import annotations

from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus.tables import CellStyle

from app.paths import CJK_FONT

BUNDLED = "SCBundled"
_registered: dict[str, str] = {}


def register_font(path: Path | str | None = None) -> str:
    """Registers the document font and returns its ReportLab name (bundled if `path` fails)."""
    key = str(path or "")
    if key in _registered:
        _make_default(_registered[key])
        return _registered[key]
    name = _register_bundled()
    if path:
        try:
            custom = f"SCUser{len(_registered)}"
            pdfmetrics.registerFont(TTFont(custom, str(path), subfontIndex=0))
            name = custom
        except (TTFError, OSError, ValueError):
            name = _register_bundled()
    _registered[key] = name
    _make_default(name)
    return name


def _make_default(name: str) -> None:
    """A canvas starts in its base font and a table cell in Helvetica, even when nothing is
    written in them: Helvetica would then be listed, not embedded, in every PDF, which print
    shops' preflight checks flag. The document font takes their place."""
    rl_config.canvas_basefontname = name
    CellStyle.fontname = name


def _register_bundled() -> str:
    if BUNDLED not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(BUNDLED, str(CJK_FONT), subfontIndex=0))
    return BUNDLED

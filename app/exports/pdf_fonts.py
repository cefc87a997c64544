"""The CJK font for every PDF: the bundled WenQuanYi Micro Hei (TrueType, embedded as a subset),
or a TrueType font the user chose in settings (宋体/仿宋 on Windows) with the bundled one as fallback.

ReportLab's CID fonts (STSong-Light) are never used: they are not embedded and print as boxes on
machines without Adobe's Asian font packs."""

from __future__ import annotations

import hashlib
import pickle
import threading
from pathlib import Path

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus.tables import CellStyle

from app.paths import CJK_FONT, cache_folder
from app.safe_files import atomic_output

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
            pdfmetrics.registerFont(load_font(custom, Path(path)))
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
    # Binary streams: ASCII85 grows every embedded scan by a quarter and, without rl_accel, runs
    # a pure-Python encoder over every byte of it (69% of a 50-scan packet's time, issue 11).
    rl_config.useA85 = 0


def _register_bundled() -> str:
    if BUNDLED not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(load_font(BUNDLED, CJK_FONT))
    return BUNDLED


# --- the parsed font, cached --------------------------------------------------------------------
# Parsing the 5 MB bundled face takes 0.12-0.2 s, which every document command paid. The parsed
# face (its tables, widths and glyph map, with the font's bytes the subsetter embeds from) is kept
# in the user's cache folder, keyed by the file's path, size and time and ReportLab's version; a
# cache that is missing, stale or unreadable is simply made again.

_cache_lock = threading.Lock()


def load_font(name: str, path: Path) -> TTFont:
    """The TrueType font at `path` as ReportLab's TTFont, parsed once per font file."""
    cached = _cached_face(path)
    if cached is not None:
        try:
            return _font_with_face(name, path, cached)
        except Exception:  # a face from another ReportLab layout: parse it again
            pass
    font = TTFont(name, str(path), subfontIndex=0)
    _store_face(path, font.face)
    return font


def _cache_file(path: Path) -> Path | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{reportlab.Version}"
    return cache_folder() / "fonts" / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".face")


def _cached_face(path: Path) -> dict | None:
    cache = _cache_file(path)
    if cache is None or not cache.is_file():
        return None
    try:
        with open(cache, "rb") as fh:
            state = pickle.load(fh)  # noqa: S301 - our own file in the user's private cache
    except Exception:
        return None
    return state if isinstance(state, dict) and "charToGlyph" in state else None


def _store_face(path: Path, face: ttfonts.TTFontFace) -> None:
    cache = _cache_file(path)
    if cache is None:
        return
    state = {k: v for k, v in vars(face).items() if k != "_pdfScale"}  # a lambda: made on load
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(cache) as tmp, open(tmp, "wb") as fh:
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass  # a read-only or full disk: the next run parses the font again


def _font_with_face(name: str, path: Path, state: dict) -> TTFont:
    """TTFont(name, path) with the face taken from the cache instead of parsed: TTFont builds
    its face through the module's TTFontFace, which stands in for it while the font is made."""
    face = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    vars(face).update(state)
    per_unit = 1000 / face.unitsPerEm
    face._pdfScale = (lambda x: x) if face.unitsPerEm == 1000 else (lambda x: x * per_unit)
    real = ttfonts.TTFontFace
    with _cache_lock:
        ttfonts.TTFontFace = lambda *_args, **_kwargs: face
        try:
            return TTFont(name, str(path), subfontIndex=0)
        finally:
            ttfonts.TTFontFace = real

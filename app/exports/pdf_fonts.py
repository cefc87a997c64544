"""The faces PDFs print in, each a TrueType font embedded as a subset (`document_fonts`):

- song: the body text, 宋体: the system's SimSun/宋体 (Windows) or Songti (macOS) when present,
  else the bundled Compass Serif SC (Noto Serif CJK SC as TrueType); a TrueType font the user
  chose in settings takes its place.
- fangsong: the body of 公文 (GB/T 9704), 仿宋: the system's FangSong/仿宋 when present, else the
  bundled Compass FangSong SC (Fandol Fang as TrueType), else song.
- heading: titles, a bold Song (方正小标宋 when installed, else the bundled Compass Serif SC Bold).
- sans: the bundled WenQuanYi Micro Hei, the screen's face, and what any face that cannot be
  loaded falls back to.

ReportLab's CID fonts (STSong-Light) are never used: they are not embedded and print as boxes on
machines without Adobe's Asian font packs."""

from __future__ import annotations

import contextlib
import hashlib
import mmap
import os
import pickle
import struct
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus.tables import CellStyle

from app.paths import CJK_FONT, RESOURCES, cache_folder
from app.safe_files import atomic_output

BUNDLED = "SCBundled"
_registered: dict[str, str] = {}  # a face's name, or a user font's path: its name ("": failed)
_register_lock = threading.RLock()  # print jobs run on worker threads


@dataclass(frozen=True)
class DocumentFonts:
    """Registered ReportLab font names, one per role (see the module's docstring)."""

    song: str
    fangsong: str
    heading: str
    sans: str


@dataclass(frozen=True)
class Candidate:
    """A font file that may hold a face; in a collection (.ttc), the first subfont whose
    PostScript name is one of `names` (none given: the first subfont)."""

    path: Path
    names: tuple[str, ...] = ()


_FONTS = RESOURCES / "fonts"
BUNDLED_SONG = Candidate(_FONTS / "CompassSerif-Regular.ttf")
BUNDLED_HEADING = Candidate(_FONTS / "CompassSerif-Bold.ttf")
BUNDLED_FANGSONG = Candidate(_FONTS / "CompassFangSong-Regular.ttf")
_WINDOWS = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
_MAC = Path("/System/Library/Fonts/Supplemental")
SYSTEM_SONG: tuple[Candidate, ...] = (
    Candidate(_WINDOWS / "simsun.ttc", ("SimSun",)),
    Candidate(_MAC / "Songti.ttc", ("STSongti-SC-Regular", "STSong")),
    Candidate(Path("/Library/Fonts/Songti.ttc"), ("STSongti-SC-Regular", "STSong")),
)
SYSTEM_FANGSONG: tuple[Candidate, ...] = (
    Candidate(_WINDOWS / "simfang.ttf"),
    Candidate(_MAC / "STFangsong.ttf"),
    Candidate(Path("/Library/Fonts/STFangsong.ttf")),
    Candidate(Path("/Library/Fonts/华文仿宋.ttf")),
)
SYSTEM_HEADING: tuple[Candidate, ...] = (Candidate(_WINDOWS / "FZXBSJW.TTF"),)  # 方正小标宋简体


def document_fonts(path: Path | str | None = None) -> DocumentFonts:
    """Registers the document faces and returns their names; `path` is the TrueType font the
    user chose in settings for the body (None or "": none). A face that cannot be loaded falls
    back (fangsong to song, the others to the bundled sans); this never fails."""
    with _register_lock:
        sans = _register_bundled()
        song = _song(path) or sans
        fangsong = _first("SCFangSong", (*SYSTEM_FANGSONG, BUNDLED_FANGSONG)) or song
        heading = _heading() or song
        _make_default(song)
    return DocumentFonts(song=song, fangsong=fangsong, heading=heading, sans=sans)


def register_font(path: Path | str | None = None) -> str:
    """Registers the body face (as `document_fonts(path).song`, without the other faces) and
    returns its ReportLab name."""
    with _register_lock:
        name = _song(path) or _register_bundled()
        _make_default(name)
    return name


def heading_font(body: str) -> str:
    """Registers the heading face (as `document_fonts().heading`) and returns its name; `body`
    when no heading face loads."""
    with _register_lock:
        return _heading() or body


def _song(path: Path | str | None) -> str | None:
    """The body face: the user's font, else the system's Song, else the bundled serif."""
    return _custom(path) or _first("SCSong", (*SYSTEM_SONG, BUNDLED_SONG))


def _heading() -> str | None:
    return _first("SCHeading", (*SYSTEM_HEADING, BUNDLED_HEADING))


def covers(font: str, text: str) -> bool:
    """Whether the registered `font` has a glyph for every character of `text` but spaces (its
    own, or a rare character's from its fallback, app.exports.pdf_rare)."""
    face = pdfmetrics.getFont(font)
    glyphs, rare = face.face.charToGlyph, getattr(face, "rare_glyphs", {})
    return all(ord(c) in glyphs or ord(c) in rare for c in text if not c.isspace())


def _custom(path: Path | str | None) -> str | None:
    """The user's font from settings, registered once per path (None when it cannot be read)."""
    if not path:
        return None
    key = str(path)
    if key not in _registered:
        _registered[key] = _first(f"SCUser{len(_registered)}", (Candidate(Path(path)),)) or ""
    return _registered[key] or None


def _first(name: str, candidates: Sequence[Candidate]) -> str | None:
    """Registers the first candidate that loads as `name` (once per process and name)."""
    if name in _registered:
        return _registered[name] or None
    _registered[name] = ""
    for candidate in candidates:
        try:
            if not candidate.path.is_file():
                continue
            index = subfont_index(candidate.path, candidate.names)
            pdfmetrics.registerFont(load_font(name, candidate.path, index))
        except Exception:  # noqa: BLE001 - damaged, truncated or PostScript-flavoured: the next
            continue
        _registered[name] = name
        return name
    return None


def subfont_index(path: Path, names: Sequence[str]) -> int:
    """The index of the first subfont of a collection whose PostScript name is in `names`
    (0 for a single font, or when none matches)."""
    if not names:
        return 0
    with open(path, "rb") as fh:
        if fh.read(4) != b"ttcf":
            return 0
        _version, count = struct.unpack(">II", fh.read(8))
        offsets = struct.unpack(f">{count}I", fh.read(4 * count))
        for index, offset in enumerate(offsets):
            if _postscript_name(fh, offset) in names:
                return index
    return 0


def _postscript_name(fh, offset: int) -> str:
    fh.seek(offset + 4)
    (tables,) = struct.unpack(">H", fh.read(2))
    fh.seek(offset + 12)
    for _ in range(tables):
        tag, _checksum, start, _length = struct.unpack(">4sIII", fh.read(16))
        if tag == b"name":
            break
    else:
        return ""
    fh.seek(start)
    _format, count, strings = struct.unpack(">HHH", fh.read(6))
    records = [struct.unpack(">HHHHHH", fh.read(12)) for _ in range(count)]
    for platform, _encoding, _language, name_id, length, at in records:
        if name_id == 6:
            fh.seek(start + strings + at)
            raw = fh.read(length)
            return raw.decode("utf-16-be" if platform in (0, 3) else "latin-1", "replace")
    return ""


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
    """The bundled sans (the screen's face), the fallback of every face."""
    if BUNDLED not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(load_font(BUNDLED, CJK_FONT))
    return BUNDLED


# --- the parsed font, cached --------------------------------------------------------------------
# Parsing the 5 MB bundled face takes 0.12-0.2 s, which every document command paid. The parsed
# face (its tables, widths and glyph map) is kept in the user's cache folder, keyed by the file's
# path, size and time, the subfont, ReportLab's version and the cache's layout; a cache that is
# missing, stale or unreadable is simply made again. The font's bytes, which the subsetter embeds
# from, are not copied into the cache but mapped from the font file itself, and the glyph-to-
# characters map (used only by HarfBuzz shaping) is made from the characters' map when first
# read (stored only when a character is mapped twice, as in the bundled sans): unpickling
# those two was 45 ms of the 75 ms that loading the two faces of a document took (issue 11).

CACHE_LAYOUT = "2"  # what _store_face leaves out; a cache of another layout is made again
_NOT_STORED = ("_pdfScale", "_ttf_data", "glyphToChar")  # a lambda, the file, made from others

_cache_lock = threading.Lock()


def load_font(name: str, path: Path, subfont: int = 0) -> TTFont:
    """The TrueType font at `path` (subfont `subfont` of a collection) as ReportLab's TTFont,
    parsed once per font file."""
    cached = _cached_face(path, subfont)
    if cached is not None:
        try:
            return _font_with_face(name, path, cached, subfont)
        except Exception:  # a face from another ReportLab layout: parse it again
            pass
    font = TTFont(name, str(path), subfontIndex=subfont)
    _store_face(path, font.face, subfont)
    return font


def _cache_file(path: Path, subfont: int = 0) -> Path | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{reportlab.Version}|{CACHE_LAYOUT}"
    key += f"|{subfont}" if subfont else ""
    return cache_folder() / "fonts" / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".face")


def _cached_face(path: Path, subfont: int) -> dict | None:
    cache = _cache_file(path, subfont)
    if cache is None or not cache.is_file():
        return None
    try:
        # from bytes: unpickling from the file object reads it in small pieces, twice as slow
        state = pickle.loads(cache.read_bytes())  # noqa: S301 - our own file, in a private cache
    except Exception:
        return None
    return state if isinstance(state, dict) and "charToGlyph" in state else None


def _store_face(path: Path, face: ttfonts.TTFontFace, subfont: int) -> None:
    cache = _cache_file(path, subfont)
    if cache is None:
        return
    state = {k: v for k, v in vars(face).items() if k not in _NOT_STORED}
    if glyph_to_char(face.charToGlyph) != face.glyphToChar:  # a character mapped twice: keep it
        state["glyphToChar"] = face.glyphToChar
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(cache) as tmp, open(tmp, "wb") as fh:
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
        prune_cache(cache.parent)
    except OSError:
        pass  # a read-only or full disk: the next run parses the font again


# Parsed faces kept: a face is stored again whenever its font file, ReportLab or the cache's
# layout changes, so without a bound the folder grows by megabytes with each update.
CACHED_FACES = 12


def prune_cache(folder: Path, keep: int = CACHED_FACES) -> None:
    """Deletes all but the `keep` most recently written faces of the cache folder."""
    faces = []
    for face in folder.glob("*.face"):
        with contextlib.suppress(OSError):
            faces.append((face.stat().st_mtime_ns, face))
    for _written, face in sorted(faces, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            face.unlink()


def _font_with_face(name: str, path: Path, state: dict, subfont: int) -> TTFont:
    """TTFont(name, path) with the face taken from the cache instead of parsed: TTFont builds
    its face through the module's TTFontFace, which stands in for it while the font is made."""
    face = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    vars(face).update(state)
    face._ttf_data = _font_bytes(path)
    if "glyphToChar" not in state:
        face.glyphToChar = GlyphToChar(dict(face.charToGlyph))
    per_unit = 1000 / face.unitsPerEm
    face._pdfScale = (lambda x: x) if face.unitsPerEm == 1000 else (lambda x: x * per_unit)
    real = ttfonts.TTFontFace
    with _cache_lock:
        ttfonts.TTFontFace = lambda *_args, **_kwargs: face
        try:
            return TTFont(name, str(path), subfontIndex=subfont)
        finally:
            ttfonts.TTFontFace = real


def _font_bytes(path: Path) -> bytes | mmap.mmap:
    """The font file's bytes as ReportLab's parser holds them (it slices and indexes them), mapped
    rather than read: the subsetter touches only the glyphs a document uses."""
    with open(path, "rb") as fh:
        try:
            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # a file system without mapping: read it
            return fh.read()


def glyph_to_char(char_to_glyph: dict[int, int]) -> dict[int, list[int]]:
    """ReportLab's glyphToChar (each glyph's characters, in the order of the font's map)."""
    out: dict[int, list[int]] = {}
    for char, glyph in char_to_glyph.items():
        out.setdefault(glyph, []).append(char)
    return out


class GlyphToChar(dict):
    """glyph_to_char(char_to_glyph), made when first read: only HarfBuzz shaping reads it, and
    making it for a CJK face (22,000 lists) takes 10-60 ms."""

    def __init__(self, char_to_glyph: dict[int, int]) -> None:
        super().__init__()
        self._source: dict[int, int] | None = char_to_glyph

    def _made(self) -> GlyphToChar:
        if self._source is not None:
            source, self._source = self._source, None
            super().update(glyph_to_char(source))
        return self

    def __getitem__(self, glyph: int) -> list[int]:
        return super(GlyphToChar, self._made()).__getitem__(glyph)

    def __contains__(self, glyph: object) -> bool:
        return super(GlyphToChar, self._made()).__contains__(glyph)

    def __iter__(self):
        return super(GlyphToChar, self._made()).__iter__()

    def __len__(self) -> int:
        return super(GlyphToChar, self._made()).__len__()

    def __eq__(self, other: object) -> bool:
        return super(GlyphToChar, self._made()).__eq__(other)

    __hash__ = None  # type: ignore[assignment]

    def get(self, glyph, default=None):
        return super(GlyphToChar, self._made()).get(glyph, default)

    def setdefault(self, glyph, default=None):
        return super(GlyphToChar, self._made()).setdefault(glyph, default)

    def keys(self):
        return super(GlyphToChar, self._made()).keys()

    def values(self):
        return super(GlyphToChar, self._made()).values()

    def items(self):
        return super(GlyphToChar, self._made()).items()

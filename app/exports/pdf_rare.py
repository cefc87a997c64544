"""Rare characters (a name in CJK Extension B-G: 𠮷 U+20BB7, 𡒄, 𨭉) that none of the bundled
faces has are drawn in a font found on the person's machine, as desktop word processors do:
the file chosen in 设置 → 补充字体 first, then the known TrueType faces with Extension B
(SimSun-ExtB on Windows, fontconfig's answer on Linux, the system's faces on macOS).

Nothing of this runs for a text whose characters the document faces have: `cover_rare` is
called with what a PDF will print, and looks for a font only when a character is missing (a
fontconfig query runs once per character and process). A face that gets a fallback draws the
missing characters from it (`_Covered`: its own glyphs for everything else, widths measured
from the glyph that is drawn, so lines break right); the fallback is embedded as a subset like
every face, with a ToUnicode map so the text copies back as written. Where no font has the
character, it prints as a box, as before (see app.exports.pdf_glyphs), and `take_boxed` tells
the front end which characters they were."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from app.exports.pdf_fonts import load_font
from app.exports.pdf_glyphs import PICTURES, texts_of
from app.exports.pdf_text import measure

_WINDOWS = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
# TrueType faces with CJK Extension B (and later) characters that come with the system.
SYSTEM_RARE: tuple[Path, ...] = (
    _WINDOWS / "simsunb.ttf",  # SimSun-ExtB, every Windows since Vista
    _WINDOWS / "SimsunExtG.ttf",  # SimSun-ExtG, Windows 11: Extensions G and H
    _WINDOWS / "mingliub.ttc",  # MingLiU-ExtB
    Path("/System/Library/Fonts/PingFang.ttc"),  # macOS: the HKSCS characters of Extension B
    Path("/System/Library/Fonts/Supplemental/Songti.ttc"),
    Path("/Library/Fonts/HanaMinB.ttf"),
    Path.home() / "Library" / "Fonts" / "HanaMinB.ttf",
)
SUBSETS = 1 << 20  # a fallback's subsets are numbered from k * SUBSETS (k: its place, from 1)

_lock = threading.RLock()  # print jobs run on worker threads
_loaded: dict[str, TTFont | None] = {}  # a font file's path: its font (None: ReportLab refused it)
_fc_answers: dict[tuple[int, ...], tuple[str, ...]] = {}  # characters: the files that have all
_boxed: dict[str, None] = {}  # characters printed as boxes since take_boxed (in order)
_chosen_failed: list[str] = []  # the chosen file, when it could not be used
_choice = [""]  # the 补充字体 file chosen in settings (the services hand it over)


@dataclass(frozen=True)
class _Cover:
    """The characters the document faces lack that a fallback draws, and which one."""

    choice: str = ""
    owner: dict[int, TTFont] | None = None
    pattern: re.Pattern[str] | None = None


_cover = _Cover()


def choose_rare_font(path: Path | str | None) -> None:
    """The 补充字体 file for the prints that follow ("" or None: none chosen)."""
    _choice[0] = str(path or "")


def cover_rare(value: object, fonts: Sequence[str]) -> str:
    """Makes the registered `fonts` (the body face first) draw the characters of `value` (a
    string, or blocks, records and sequences holding strings) that the body face lacks in a
    fallback font, the 补充字体 file chosen (choose_rare_font) first; returns the characters no
    font has (they print as boxes, and are kept for `take_boxed`)."""
    glyphs = pdfmetrics.getFont(fonts[0]).face.charToGlyph
    lacking = _lacking(texts_of(value), glyphs)
    if not lacking:
        return ""
    with _lock:
        cover = _cover_for(_choice[0], lacking)
        owner = cover.owner or {}
        for name in fonts:
            _attach(pdfmetrics.getFont(name))
        boxed = "".join(c for c in lacking if ord(c) not in owner)
        _boxed.update(dict.fromkeys(boxed))
    return boxed


def take_boxed() -> tuple[str, str]:
    """The characters printed as boxes since the last call, and the chosen 补充字体 file when
    it could not be read ("" when it could); both forgotten."""
    with _lock:
        boxed, failed = "".join(_boxed), (_chosen_failed[-1] if _chosen_failed else "")
        _boxed.clear()
        _chosen_failed.clear()
    return boxed, failed


def _lacking(texts: Iterable[str], glyphs: dict[int, int]) -> str:
    """The characters (once each, in the order they come) of `texts` that are not in `glyphs`,
    leaving out spaces and picture characters (app.exports.pdf_glyphs): the distinct characters
    are looked up, not every character of the text (a 20-page agreement: 17,000 and 400)."""
    text = "".join(texts)
    found = [
        c
        for c in set(text)
        if ord(c) not in glyphs and not c.isspace() and unicodedata.category(c) not in PICTURES
    ]
    return "".join(sorted(found, key=text.index))


def _cover_for(choice: str, lacking: str) -> _Cover:
    """The cover with a fallback for each character of `lacking` that a font has (made anew
    when the chosen file changed)."""
    global _cover
    cover = _cover if _cover.choice == choice else _Cover(choice)
    owner = dict(cover.owner or {})
    missing = [c for c in lacking if ord(c) not in owner]
    if not missing:
        return cover
    together = [f for f in map(_load, _fontconfig(*map(ord, missing))) if f] if missing[1:] else []
    for c in missing:
        font = _font_for(ord(c), choice, [*owner.values(), *together])
        if font is not None:
            owner[ord(c)] = font
    if cover is _cover and len(owner) == len(cover.owner or {}):
        return cover  # still no font for them: they print as boxes
    chars = "".join(chr(code) for code in owner)
    pattern = re.compile(f"[{re.escape(chars)}]+") if chars else None
    _cover = _Cover(choice, owner, pattern)
    measure.cache_clear()  # widths measured before, with a box for a character now drawn
    return _cover


def _font_for(code: int, choice: str, used: Iterable[TTFont] = ()) -> TTFont | None:
    """The first candidate font with a glyph for `code`: the chosen file, a fallback `used`
    already, the system's."""
    if choice:
        font = _load(choice)
        if font is None:
            if choice not in _chosen_failed:
                _chosen_failed.append(choice)
        elif code in font.face.charToGlyph:
            return font
    for font in dict.fromkeys(used):  # a fallback already drawing others: one font less
        if code in font.face.charToGlyph:
            return font
    for path in (*SYSTEM_RARE, *_fontconfig(code)):
        if str(path) in _loaded or Path(path).is_file():
            font = _load(str(path))
            if font is not None and code in font.face.charToGlyph:
                return font
    return None


def _load(path: str) -> TTFont | None:
    """The TrueType font at `path` (the first subfont of a collection), registered once per
    process; None when the file is missing or ReportLab cannot embed it (CFF outlines)."""
    if path not in _loaded:
        try:
            font = load_font(f"SCRare{len(_loaded)}", Path(path))
            font.__class__ = _FallbackFont
            _loaded[path] = font
        except Exception:  # noqa: BLE001 - missing, damaged, PostScript outlines: not a fallback
            _loaded[path] = None
    return _loaded[path]


def _fontconfig(*codes: int) -> tuple[str, ...]:
    """The TrueType files fontconfig knows with a glyph for every one of `codes` (Linux and
    BSD; asked once per set of characters and process)."""
    if sys.platform in ("win32", "darwin"):
        return ()
    if codes not in _fc_answers:
        _fc_answers[codes] = _ask_fontconfig(codes)
    return _fc_answers[codes]


def _ask_fontconfig(codes: Sequence[int]) -> tuple[str, ...]:
    program = shutil.which("fc-list")
    if not program:
        return ()
    try:
        answer = subprocess.run(  # noqa: S603 - fc-list from PATH, a fixed pattern
            [program, "--format", "%{file}\\n", ":charset=" + " ".join(f"{c:x}" for c in codes)],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    files = [line.strip() for line in answer.splitlines()]
    found = {str(Path(f).resolve()) for f in files if f.lower().endswith((".ttf", ".ttc"))}
    return tuple(sorted(found))  # a font linked under two names is tried once


def _attach(font: TTFont) -> None:
    """Makes the registered face draw the covered characters from their fallbacks."""
    if isinstance(font, TTFont) and not isinstance(font, _Covered):
        font.__class__ = _Covered


class _Covered(TTFont):
    """A registered face that draws the characters the cover holds from their fallback fonts:
    widths are the fallback's glyphs', and its subsets are numbered from k * SUBSETS."""

    @property
    def rare_glyphs(self) -> dict[int, TTFont]:
        """The characters this face draws from a fallback (app.exports.pdf_fonts.covers)."""
        return _cover.owner or {}

    def stringWidth(self, text, size, encoding="utf8"):  # noqa: N802 - ReportLab's name
        pattern = _cover.pattern
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if pattern is None or not pattern.search(text):
            return super().stringWidth(text, size, encoding)
        own = super().stringWidth
        return sum(
            font.stringWidth(piece, size, encoding) if font else own(piece, size, encoding)
            for font, piece in _pieces(text, pattern)
        )

    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 - ReportLab's name
        pattern = _cover.pattern
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if pattern is None or not pattern.search(text):
            return super().splitString(text, doc, encoding)
        fallbacks = self._fallbacks(doc)
        out = []
        for font, piece in _pieces(text, pattern):
            if font is None:
                out += super().splitString(piece, doc, encoding)
                continue
            if font not in fallbacks:
                fallbacks.append(font)
            base = (fallbacks.index(font) + 1) * SUBSETS
            out += [(base + n, chunk) for n, chunk in font.splitString(piece, doc, encoding)]
        return out

    def getSubsetInternalName(self, subset, doc):  # noqa: N802 - ReportLab's name
        if subset < SUBSETS:
            return super().getSubsetInternalName(subset, doc)
        place, subset = divmod(subset, SUBSETS)
        return self._fallbacks(doc)[place - 1].getSubsetInternalName(subset, doc)

    def _fallbacks(self, doc) -> list[TTFont]:
        """The fallbacks this face drew from in `doc`, in the order of their subset numbers."""
        per_doc = vars(self).setdefault("_rare_per_doc", WeakKeyDictionary())
        return per_doc.setdefault(doc, [])


def _pieces(text: str, pattern: re.Pattern[str]) -> list[tuple[TTFont | None, str]]:
    """`text` in runs of one font: None for the face's own, else the fallback drawing them."""
    owner = _cover.owner or {}
    out: list[tuple[TTFont | None, str]] = []
    at = 0
    for match in pattern.finditer(text):
        if match.start() > at:
            out.append((None, text[at : match.start()]))
        for c in match.group():
            font = owner.get(ord(c))
            if out and out[-1][0] is font and font is not None:
                out[-1] = (font, out[-1][1] + c)
            else:
                out.append((font, c))
        at = match.end()
    if at < len(text):
        out.append((None, text[at:]))
    return out


class _FallbackFont(TTFont):
    """A fallback font (not registered: only the faces it covers draw from it). ReportLab
    writes a subset's ToUnicode map with four hex digits a character, so a character past
    U+FFFF (all of Extension B-G) would copy back wrong: the maps of such subsets are written
    again in UTF-16 (pairs past U+FFFF) once ReportLab has made them."""

    def addObjects(self, doc):  # noqa: N802 - ReportLab's name
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            if all(code <= 0xFFFF for code in subset):
                continue
            base = b"".join((ttfonts.SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            name = base.decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + name)
            if stream is not None:
                stream.content = _to_unicode(name, subset)


def _to_unicode(name: str, subset: Sequence[int]) -> str:
    """ReportLab's ToUnicode map of a subset, each character in UTF-16 (pairs past U+FFFF)."""
    text = ttfonts.makeToUnicodeCMap(name, [0] * len(subset))
    head, _, tail = text.partition(f"{len(subset)} beginbfchar")
    _, _, tail = tail.partition("endbfchar")
    pairs = [
        f"<{i:02X}> <{chr(c).encode('utf-16-be').hex().upper()}>" for i, c in enumerate(subset)
    ]
    return "\n".join([head.rstrip("\n"), f"{len(subset)} beginbfchar", *pairs, "endbfchar"]) + tail

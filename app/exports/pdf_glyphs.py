"""Text as a face can print it: a picture character the face has no glyph for (an emoji 👍,
✅, a flag, and the joiners and variation selectors that build them) is left out, since it
would print as an empty box (.notdef), which in a Chinese office document reads as a fault in
the printing, not as a picture. What a face can draw is never touched, and neither is any
letter, digit or punctuation mark it lacks (a rare name in CJK Extension B, 𠮷): that is drawn
from a font that has it (app.exports.pdf_rare), and where no font has it a box says that a
character of a name is missing and must be written in by hand; leaving it out would print
another name.

Every text of a document's blocks or of a 公文 goes through `printable_record` before it is
laid out, so the layout measures what is printed."""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from typing import TypeVar

from reportlab.pdfbase import pdfmetrics

T = TypeVar("T")

# Unicode categories of characters that are pictures or invisible marks, not writing: symbols
# (So: emoji, dingbats, regional indicators; Sk: skin-tone modifiers), format characters (Cf:
# the zero-width joiner, tags), combining marks (Mn, Me: variation selectors, the keycap),
# private use, surrogates and unassigned code points (an emoji newer than Python's tables).
PICTURES = frozenset({"So", "Sk", "Cf", "Mn", "Me", "Co", "Cs", "Cn"})


def printable(text: str, font: str) -> str:
    """`text` without the picture characters that the registered `font` cannot draw."""
    glyphs = pdfmetrics.getFont(font).face.charToGlyph
    if all(ord(c) in glyphs or c.isspace() for c in text):
        return text
    return "".join(
        c
        for c in text
        if ord(c) in glyphs or c.isspace() or unicodedata.category(c) not in PICTURES
    )


def printable_record(value: T, font: str) -> T:
    """`value` (a block, a 公文, a sequence of them, a string) with every text in it made
    `printable` in `font`; anything else is returned as it is."""
    if isinstance(value, str):
        return printable(value, font)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: printable_record(getattr(value, f.name), font)
            for f in dataclasses.fields(value)
            if f.init
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple | list):
        return type(value)(printable_record(v, font) for v in value)  # type: ignore[return-value]
    return value


def texts_of(value: object) -> list[str]:
    """Every string in `value` (a string, a block, a 公文, a sequence or mapping of them), as
    `printable_record` walks them."""
    out: list[str] = []
    _collect(value, out)
    return out


def _collect(value: object, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, tuple | list):
        for v in value:
            _collect(v, out)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for name in _field_names(type(value)):
            _collect(getattr(value, name), out)
    elif isinstance(value, dict):
        for k, v in value.items():
            _collect(k, out)
            _collect(v, out)


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))

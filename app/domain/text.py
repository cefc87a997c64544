"""Text folding used for duplicate detection, sorting and search, and the cleaning every saved
text goes through (forms, command line and imports alike)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

_SPACES = re.compile(r"\s+")

# Characters nobody means to type that change what text shows or how it compares: control
# characters (C0 and C1, DEL), bidirectional embeddings, overrides, isolates and marks (the
# "Trojan Source" trick), zero-width characters and the byte-order mark, soft hyphen, invisible
# operators, non-characters and lone surrogates (which no file format can store).
_INVISIBLE_CLASS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff"
)
_INVISIBLE = re.compile(f"[{_INVISIBLE_CLASS}]")
_LINE_BREAKS = re.compile(r"\r\n?|\u2028|\u2029|\x85")


def strip_invisible(text: str) -> str:
    """`text` without control, bidirectional-override and zero-width characters (tab, line feed
    and carriage return stay: whoever calls decides what they mean)."""
    return _INVISIBLE.sub("", text)


def fold(text: str) -> str:
    """NFKC (full-width brackets, digits, letters become half-width), no spaces, no invisible
    characters, case-folded."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", strip_invisible(text or ""))).casefold()


def name_key(name: str) -> str:
    """The key two client names must share to be the same client."""
    return fold(name)


def clean(text: object) -> str:
    """A one-line cell or field as tidy text: NFKC-normalised, invisible characters removed,
    whitespace (line breaks and tabs too) collapsed to one space, trimmed; None -> ''."""
    if text is None:
        return ""
    text = strip_invisible(str(text))
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def clean_multiline(text: object) -> str:
    """A multi-line field (notes, outcome, service policy) as typed, without invisible characters:
    line breaks become '\\n', tabs and line breaks stay, the whole is trimmed; None -> ''."""
    if text is None:
        return ""
    text = _LINE_BREAKS.sub("\n", str(text))
    return strip_invisible(text).strip()


@lru_cache(maxsize=65536)
def pinyin_keys(text: str) -> tuple[str, str]:
    """(sort key, initials) from one pypinyin pass: '北京华信' -> ('bei jing hua xin', 'bjhx').

    Latin letters and digits are kept as they are, lower-cased."""
    text = text or ""
    syllables, initials = [], []
    position = 0
    for piece in _pinyin().lazy_pinyin(text, errors="default"):
        if text.startswith(piece, position):  # not Chinese: returned as written
            position += len(piece)
            initials.extend(ch for ch in piece.lower() if ch.isalnum())
        else:  # the reading of one Chinese character
            position += 1
            initials.append(piece[:1].lower())
        syllables.append(piece.lower())
    return " ".join(syllables), "".join(initials)


@cache
def _pinyin():
    """pypinyin with its word conversions cached (loaded on first use: its dictionaries take a
    while). Names are made of the same words (有限公司, 北京, 科技) again and again, and converting
    each word's readings was most of the pinyin time of a 10,000-row import (3.1 s -> 1.0 s)."""
    from pypinyin.converter import DefaultConverter
    from pypinyin.core import Pinyin

    class CachedConverter(DefaultConverter):
        def convert(self, words, style, heteronym, errors, strict, **kwargs):
            if kwargs:
                return super().convert(words, style, heteronym, errors, strict, **kwargs)
            readings = self._converted(words, style, heteronym, errors, strict)
            return [list(reading) for reading in readings]  # callers may change their lists

        @lru_cache(maxsize=65536)  # noqa: B019 - one converter for the process's life
        def _converted(self, words, style, heteronym, errors, strict) -> tuple:
            result = super().convert(words, style, heteronym, errors, strict)
            return tuple(tuple(reading) for reading in result)

    return Pinyin(CachedConverter())


def pinyin_initials(text: str) -> str:
    """'北京华信' -> 'bjhx'."""
    return pinyin_keys(text)[1]


def pinyin_sort_key(text: str) -> str:
    """Full pinyin, for ordering Chinese names the way people expect (A-Z by sound)."""
    return pinyin_keys(text)[0]

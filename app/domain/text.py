"""Text folding used for duplicate detection, sorting and search."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """NFKC (full-width brackets, digits, letters become half-width), no spaces, case-folded."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text or "")).casefold()


def name_key(name: str) -> str:
    """The key two client names must share to be the same client."""
    return fold(name)


def clean(text: object) -> str:
    """A cell or field as tidy text: NFKC-normalised whitespace, trimmed; None -> ''."""
    if text is None:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", str(text))).strip()


@lru_cache(maxsize=65536)
def pinyin_keys(text: str) -> tuple[str, str]:
    """(sort key, initials) from one pypinyin pass: '北京华信' -> ('bei jing hua xin', 'bjhx').

    Latin letters and digits are kept as they are, lower-cased."""
    from pypinyin import lazy_pinyin  # its dictionaries take a while: load on first use

    text = text or ""
    syllables, initials = [], []
    position = 0
    for piece in lazy_pinyin(text, errors="default"):
        if text.startswith(piece, position):  # not Chinese: returned as written
            position += len(piece)
            initials.extend(ch for ch in piece.lower() if ch.isalnum())
        else:  # the reading of one Chinese character
            position += 1
            initials.append(piece[:1].lower())
        syllables.append(piece.lower())
    return " ".join(syllables), "".join(initials)


def pinyin_initials(text: str) -> str:
    """'北京华信' -> 'bjhx'."""
    return pinyin_keys(text)[1]


def pinyin_sort_key(text: str) -> str:
    """Full pinyin, for ordering Chinese names the way people expect (A-Z by sound)."""
    return pinyin_keys(text)[0]

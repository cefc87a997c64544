"""Text folding used for duplicate detection, sorting and search."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

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
def pinyin_initials(text: str) -> str:
    """'北京华信' -> 'bjhx'. Latin letters and digits are kept as they are, lower-cased."""
    out = []
    for syllable in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default"):
        out.extend(ch for ch in syllable.lower() if ch.isalnum())
    return "".join(out)


@lru_cache(maxsize=65536)
def pinyin_sort_key(text: str) -> str:
    """Full pinyin, for ordering Chinese names the way people expect (A-Z by sound)."""
    return " ".join(lazy_pinyin(text or "", errors="default")).lower()

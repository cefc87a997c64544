"""Text folding used for duplicate detection, sorting and search, and the cleaning every saved
text goes through (forms, command line and imports alike)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from itertools import combinations, product

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


# Characters NFKC would spell out although they mean something as they are: circled and
# parenthesised numbers (① ⑴ ❶ ㈠), Roman numerals (第Ⅱ标段), superscripts (m²) and the
# squared units (㎡). A title holding ① keeps its ①.
_KEPT_AS_TYPED = re.compile(
    "[\u00b2\u00b3\u00b9\u2070-\u209f\u2150-\u218f\u2460-\u24ff\u2776-\u2793"
    "\u3200-\u32ff\u3380-\u33ff]+"
)


def tidy_width(text: str) -> str:
    """NFKC (full-width letters, digits and brackets become half-width), except the characters
    that mean something as typed (_KEPT_AS_TYPED): '１２３（Ａ）①' -> '123(A)①'."""
    parts: list[str] = []
    start = 0
    for kept in _KEPT_AS_TYPED.finditer(text):
        parts += [unicodedata.normalize("NFKC", text[start : kept.start()]), kept.group()]
        start = kept.end()
    parts.append(unicodedata.normalize("NFKC", text[start:]))
    return "".join(parts)


def clean(text: object) -> str:
    """A one-line cell or field as tidy text: width-normalised (tidy_width), invisible
    characters removed, whitespace (line breaks and tabs too) collapsed to one space, trimmed;
    None -> ''."""
    if text is None:
        return ""
    text = strip_invisible(str(text))
    return _SPACES.sub(" ", tidy_width(text)).strip()


def clean_multiline(text: object) -> str:
    """A multi-line field (notes, outcome, service policy) as typed, without invisible characters:
    line breaks become '\\n', tabs and line breaks stay, the whole is trimmed; None -> ''."""
    if text is None:
        return ""
    text = _LINE_BREAKS.sub("\n", str(text))
    return strip_invisible(text).strip()


# Initials kept per name: every reading of its polyphonic characters (长 chang/zhang, 单 dan/chan/
# shan), at most this many spellings. A long title with many such characters would otherwise
# multiply out (eight of them: 256 spellings) and swell the index; the spellings kept are the
# ones closest to the usual reading (see initials_variants).
MAX_INITIALS_VARIANTS = 16


@lru_cache(maxsize=65536)
def pinyin_keys(text: str) -> tuple[str, str]:
    """(sort key, initials) from one pypinyin pass: '北京华信' -> ('bei jing hua xin', 'bjhx'),
    '长沙' -> ('chang sha', 'cs zs').

    The sort key is the reading in context; the initials are every spelling initials_variants
    gives, separated by spaces (pinyin_initials). Latin letters and digits are kept as they
    are, lower-cased."""
    text = text or ""
    syllables = []
    slots: list[tuple[str, ...]] = []
    position = 0
    for piece in _readings(text):
        if text.startswith(piece, position):  # not Chinese: returned as written
            position += len(piece)
            slots.extend((ch,) for ch in piece.lower() if ch.isalnum())
        else:  # the reading of one Chinese character, then its other readings' initials
            slots.append(_initials_of(piece[:1].lower(), text[position]))
            position += 1
        syllables.append(piece.lower())
    return " ".join(syllables), " ".join(_spellings(slots))


@lru_cache(maxsize=8192)
def _initials_of(in_context: str, character: str) -> tuple[str, ...]:
    """The initials `character` can be read with: the one it has here first, then its other
    readings in pypinyin's order (the most common first): 长 -> ('z', 'c') in 长诚.

    The readings are those of 《通用规范汉字字典》 (2013, the dictionary of the 通用规范汉字表;
    pypinyin-dict's kTGHZ2013): pypinyin's own list also holds archaic ones (有 wěi, 限 wěn,
    司 cí, 圳 quǎn) that would give nearly every 有限公司 eight spellings nobody types.
    A character that dictionary lacks keeps all of pypinyin's readings."""
    from pypinyin import Style

    common = _modern_readings().get(ord(character))
    readings = _pinyin().pinyin(character, Style.TONE, heteronym=True, errors="default")[0]
    if common:
        listed = common.split(",")
        readings = [r for r in readings if r in listed] + listed
    initials = (_toneless(r)[:1] for r in readings if r)
    return tuple(dict.fromkeys([in_context, *initials]))


@cache
def _modern_readings() -> dict[int, str]:
    """Code point -> '长' readings 'cháng,zhǎng' (《通用规范汉字字典》, via pypinyin-dict)."""
    from pypinyin_dict.pinyin_data.ktghz2013 import pinyin_dict

    return pinyin_dict


def _toneless(reading: str) -> str:
    """'zhǎng' -> 'zhang', 'ōu' -> 'ou'."""
    return "".join(
        ch for ch in unicodedata.normalize("NFD", reading) if not unicodedata.combining(ch)
    ).lower()


def _readings(text: str) -> list[str]:
    """pypinyin's lazy_pinyin(text), read run by run: pypinyin cuts a text into runs of Chinese
    and of other characters and reads each run on its own, so the readings of the runs, each
    kept once ('华东北京医疗设备第', '号有限公司'), give the same list as reading the whole.
    Names share their runs and differ in a number: a 10,000-row import read 10,000 names
    word by word, now a few dozen runs (issue 11)."""
    readings: list[str] = []
    for index, run in enumerate(_runs()(text)):
        if not run:
            continue
        if index % 2:  # Chinese: the runs between the splitter's matches are the others
            readings.extend(_run_readings(run))
        else:  # returned as written (its `errors="default"`): the number of 第12号 too
            readings.append(run)
    return readings


@lru_cache(maxsize=65536)
def _run_readings(run: str) -> tuple[str, ...]:
    return tuple(_pinyin().lazy_pinyin(run, errors="default"))


@cache
def _runs():
    """A splitter of a text into pypinyin's runs (its simple_seg): Chinese characters as its
    RE_HANS knows them, and everything between them."""
    from pypinyin.constants import RE_HANS

    pattern = RE_HANS.pattern  # '^(?:[...])+$': one character class, repeated
    assert pattern.startswith("^(?:") and pattern.endswith(")+$"), pattern
    return re.compile(f"({pattern[4:-3]}+)").split


def _spellings(slots: list[tuple[str, ...]]) -> list[str]:
    """The initials spelled with the readings of `slots`, the usual one first: then every
    spelling with one character read otherwise (left to right, commoner reading first), then
    two, ..., at most MAX_INITIALS_VARIANTS of them."""
    choices = [i for i, slot in enumerate(slots) if len(slot) > 1]
    found = ["".join(slot[0] for slot in slots)]
    for changed in range(1, len(choices) + 1):
        for where in combinations(choices, changed):
            for picks in product(*(range(1, len(slots[i])) for i in where)):
                spelled = [slot[0] for slot in slots]
                for i, pick in zip(where, picks, strict=True):
                    spelled[i] = slots[i][pick]
                found.append("".join(spelled))
                if len(found) >= MAX_INITIALS_VARIANTS:
                    return found
    return found


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
    """Every spelling of the pinyin initials, as they are stored and indexed, separated by
    spaces: '北京华信' -> 'bjhx', '朝阳' -> 'zy cy' (zhāo yáng, also cháo), '单县' -> 'dx cx sx'."""
    return pinyin_keys(text)[1]


def initials_variants(text: str) -> tuple[str, ...]:
    """pinyin_initials as a tuple, the usual reading first: '长诚' -> ('zc', 'cc')."""
    return tuple(pinyin_keys(text)[1].split())


def pinyin_sort_key(text: str) -> str:
    """Full pinyin, for ordering Chinese names the way people expect (A-Z by sound)."""
    return pinyin_keys(text)[0]

"""Wording of contracts that follows what is typed: the copies clause (一式肆份，甲乙双方各执贰份),
a typed value that repeats the words around its blank (自验收合格之日起 + '自验收合格之日起12个月'),
the sentence a blank sits in (what the editor shows beside the field) and doubled phrases."""

from __future__ import annotations

import re
import unicodedata

from app.domain.cn_numbers import an2cn

COPIES_MAX = 99
BLANK = "＿＿"

_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8,
    "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_TENS = ("十", "拾")


def parse_count(value: str) -> int | None:
    """'4', '４', '肆', '四', '十二', '拾贰', '4份' -> the number; None when it is not one."""
    text = unicodedata.normalize("NFKC", value or "").strip().removesuffix("份").strip()
    if text.isascii() and text.isdigit():
        return int(text)
    if not text or any(c not in _DIGITS and c not in _TENS for c in text):
        return None
    tens = next((i for i, c in enumerate(text) if c in _TENS), None)
    if tens is None:
        return _DIGITS[text] if len(text) == 1 else None
    high, low = text[:tens], text[tens + 1 :]
    if len(high) > 1 or len(low) > 1 or any(c in _TENS for c in low):
        return None
    return (_DIGITS[high] if high else 1) * 10 + (_DIGITS[low] if low else 0)


def capital_count(number: int) -> str:
    """A count in capital numerals as contracts write it: 4 -> 肆, 10 -> 拾, 12 -> 拾贰."""
    text = an2cn(number, "up")
    return text[1:] if text.startswith("壹拾") else text


def copies_held(copies: int) -> str | None:
    """Who keeps how many of `copies` originals of a two-party contract: 4 -> 甲乙双方各执贰份;
    an odd count gives 甲方 (the client, who usually files one more for its own approval)
    the extra one: 3 -> 甲方执贰份、乙方执壹份. None for fewer than two or more than 99."""
    if not 2 <= copies <= COPIES_MAX:
        return None
    if copies % 2 == 0:
        return f"甲乙双方各执{capital_count(copies // 2)}份"
    return f"甲方执{capital_count(copies // 2 + 1)}份、乙方执{capital_count(copies // 2)}份"


def trim_echo(before: str, value: str, after: str) -> str:
    """The typed value without the words around its blank that it repeats: before
    '质量保证期为自验收合格之日起', the value '自验收合格之日起12个月' is '12个月'; before '个月',
    the value '12个月' is '12'. A repeat counts from two characters (or one punctuation mark
    after the blank), so a value that merely starts with the same character is left alone."""
    text = value.strip()
    for size in range(min(len(before), len(text)), 1, -1):
        if text.startswith(before[-size:]):
            text = text[size:].lstrip()
            break
    for size in range(min(len(after), len(text)), 0, -1):
        tail = after[:size]
        if text.endswith(tail) and (size >= 2 or not tail.isalnum()) and len(text) > size:
            text = text[:-size].rstrip()
            break
    return text or value.strip()


_SENTENCE_END = "。；;！？!?\n"


def sentence_around(line: str, start: int, end: int, others: re.Pattern | None = None) -> str:
    """The sentence of `line` that holds the blank line[start:end], with the blank shown as ＿＿
    (and other placeholders too, when their pattern is given): the prompt beside a field."""
    left = max((line.rfind(c, 0, start) for c in _SENTENCE_END), default=-1) + 1
    right_ends = [i for i in (line.find(c, end) for c in _SENTENCE_END) if i >= 0]
    right = min(right_ends) + 1 if right_ends else len(line)
    text = line[left:start] + BLANK + line[end:right]
    if others is not None:
        text = others.sub(BLANK, text)
    if line.lstrip().startswith("|"):  # a label / value line: '| 合同编号: | {{…}} |'
        text = re.sub(r"\s*\|\s*", "", text)
    return text.lstrip("#>< ").strip()


_DOUBLED = re.compile(r"([\u4e00-\u9fff]{4,})\1")


def doubled_phrases(text: str) -> list[str]:
    """Phrases of four or more Chinese characters written twice in a row
    ('自验收合格之日起自验收合格之日起'), the mark of a value that repeats its sentence."""
    return [m.group(1) for m in _DOUBLED.finditer(text or "")]

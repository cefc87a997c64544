"""Chinese typesetting for what is printed: punctuation inside Chinese text is full-width.

Text is typed and stored as people write it (often with ASCII punctuation from an English
keyboard); on paper a Chinese sentence takes ，：；（）！？. Numbers, times and Latin text keep
their ASCII forms: 1,234.50 and 09:30 and "Tel: 010" are left alone."""

from __future__ import annotations

_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
_CHANGEABLE = (*_FULL, "(")  # text without any of these is printed as it is
_QUOTES = "“”‘’《》"


def is_chinese(char: str) -> bool:
    """A CJK character, CJK punctuation, a full-width form or a Chinese quotation mark."""
    if not char:
        return False
    code = ord(char)
    return (
        0x3000 <= code <= 0x303F
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF  # CJK Extension B-H: rare characters of names (𠮷)
        or char in _QUOTES
    )


def chinese_punctuation(text: str) -> str:
    """'签订地点: 北京,详见附件(一)' -> '签订地点：北京，详见附件（一）'."""
    if not text or not any(mark in text for mark in _CHANGEABLE):
        return text  # nothing to change: most table cells (names, numbers, amounts)
    if not any(is_chinese(c) for c in text):
        return text
    chars = list(text)
    _parentheses(chars)
    return _marks(chars)


def _parentheses(chars: list[str]) -> None:
    """A pair becomes （） when it holds Chinese or stands next to it; unpaired ones stay."""
    opened: list[int] = []
    for i, char in enumerate(chars):
        if char == "(":
            opened.append(i)
        elif char == ")" and opened:
            start = opened.pop()
            inner = chars[start + 1 : i]
            before = chars[start - 1] if start else ""
            after = chars[i + 1] if i + 1 < len(chars) else ""
            if any(is_chinese(c) for c in inner) or is_chinese(before) or is_chinese(after):
                chars[start], chars[i] = "（", "）"


def _marks(chars: list[str]) -> str:
    out: list[str] = []
    skip_space = False
    for i, char in enumerate(chars):
        if skip_space and char == " ":
            skip_space = False
            continue  # a full-width mark carries its own space
        skip_space = False
        before = chars[i - 1] if i else ""
        after = chars[i + 1] if i + 1 < len(chars) else ""
        if char in _FULL and _in_chinese(before, after):
            out.append(_FULL[char])
            skip_space = True
        else:
            out.append(char)
    return "".join(out)


def _in_chinese(before: str, after: str) -> bool:
    if before.isdigit() and after.isdigit():
        return False  # 1,234 and 09:30
    return is_chinese(before) or (is_chinese(after) and not before.isspace())

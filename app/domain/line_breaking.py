"""Where a printed line may break (禁则, GB/T 15834 and W3C clreq §3.1.7 "Prohibition rules for
line start and end"): every PDF the program prints breaks its lines here.

- A line never starts with closing punctuation: 点号 (，。、；：？！), closing brackets and
  quotation marks (）」』》〉】〕”’), 间隔号 ·, ％ ‰ ℃ and the ASCII forms of these.
- A line never ends with opening punctuation: opening brackets and quotation marks
  (（「『《〈【〔“‘ and ASCII ( [ {).
- 破折号 —— and 省略号 …… are never split between their two halves.
- Latin words and numbers (1,234.50, ABC-123) are kept whole when they fit the line.

The method is clreq's push-out (推出): when the character that comes next may not start a line,
the last character of the full line goes down with it (and again, if that one may not start a
line either); an opening mark at a line's end goes down to the next line. When that would leave
the line empty (a column two characters wide holding （元）), the closing mark hangs at the end of
the line instead (push-in, 悬挂). Only a column narrower than that breaks the rule.

Pure Python: a width is measured by the `measure` function the caller passes (a ReportLab
stringWidth for a font and size, or `len` in the tests)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

Measure = Callable[[str], float]

# Closing punctuation and what clreq lists with it: no line starts with one of these.
NO_LINE_START = frozenset(
    "，。、；：？！．,.;:?!"  # 点号, full-width and ASCII
    "）」』》〉】〕〗〙〛］｝)]}"  # closing brackets
    "”’〞〟\"'"  # closing quotation marks (ASCII quotes: they close more often than open)
    "…‥—－~～"  # 省略号, 破折号 and the tilde 连接号 (the second half is not a line start)
    "·・‧"  # 间隔号
    "％‰℃°′″%"  # marks that follow a number
    "｡､｣"  # half-width forms
    "々〻ー"  # iteration and prolonged-sound marks
)
# Opening punctuation: no line ends with one of these.
NO_LINE_END = frozenset("（「『《〈【〔〖〘〚［｛([{“‘〝＄￥$¥£€")

_PLACEHOLDER = "—–-…· "
_PAGE_NUMBER = re.compile(r"— ?\d+ ?—")
_TOKENS = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:;%/\-_]*\s*|\s+|.", re.DOTALL)


def may_start_line(char: str) -> bool:
    return char not in NO_LINE_START


def may_end_line(char: str) -> bool:
    return char not in NO_LINE_END


def break_lines(text: str, widths: float | Sequence[float], measure: Measure = len) -> list[str]:
    """The lines of `text` as printed in lines `widths` wide (one width for every line, or one per
    line, the last repeated), each hard line break ("\\n") kept."""
    room = [widths] if isinstance(widths, int | float) else list(widths)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_break_paragraph(paragraph, room, len(lines), measure))
    return lines


def violations(lines: Sequence[str]) -> list[str]:
    """The lines that start with closing or end with opening punctuation (what a test looks for).
    A line that is nothing but a dash or an ellipsis is a table's "none" (—), and "— 1 —" is a
    公文's page number (GB/T 9704 §7.5): neither is a break."""
    bad = []
    for line in lines:
        text = line.strip()
        if _PAGE_NUMBER.fullmatch(text):
            continue
        if text.strip(_PLACEHOLDER) and (text[0] in NO_LINE_START or text[-1] in NO_LINE_END):
            bad.append(line)
    return bad


def _width_of(room: Sequence[float], index: int) -> float:
    return room[min(index, len(room) - 1)]


_TOLERANCE = 1e-6  # a line's width summed from its pieces differs from the whole in the last bits


def _break_paragraph(text: str, room: Sequence[float], first: int, measure: Measure) -> list[str]:
    if measure(text) <= _width_of(room, first) + _TOLERANCE:
        return [text]
    tokens = _split_long(_TOKENS.findall(text), room, first, measure)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for token in tokens:
        width = measure(token.rstrip())
        if not token.strip():  # a space never breaks by itself: the next word decides
            if line:
                line.append(token)
                used += measure(token)
            continue
        if line and used + width > _width_of(room, first + len(lines)) + _TOLERANCE:
            broken = _push_out(line, token)
            if broken is None and not may_start_line(token[:1]):
                line.append(token)  # push-in: the mark hangs at the end of the line
                used += measure(token)
                continue
            kept, carried = broken or (line, [])  # one character wide: the rule gives way
            lines.append("".join(kept).rstrip())
            line = _without_leading_space(carried)
            used = sum(measure(t) for t in line)
        line.append(token)
        used += measure(token)
    if line:
        lines.append("".join(line).rstrip())
    return lines or [""]


def _push_out(line: list[str], following: str) -> tuple[list[str], list[str]] | None:
    """The full line and what goes down to the next one (the tokens carried, not `following`):
    the last token goes down while the next line would start with closing punctuation or this
    line would end with opening punctuation, or between the halves of —— and ……. None when
    the line would be left with nothing."""
    kept, carried = list(line), []
    while kept:
        if not kept[-1].strip():
            carried.insert(0, kept.pop())  # a space at the end tells nothing: look before it
            continue
        nxt = ("".join(carried) + following).lstrip()[:1]
        end = kept[-1].rstrip()[-1:]
        if not ((nxt and not may_start_line(nxt)) or not may_end_line(end) or _pair(end, nxt)):
            return kept, carried
        if len(kept) == 1:
            return None
        carried.insert(0, kept.pop())
    return None


def _pair(end: str, start: str) -> bool:
    return bool(end) and end == start and end in "—…"


def _without_leading_space(tokens: list[str]) -> list[str]:
    while tokens and not tokens[0].strip():
        tokens = tokens[1:]
    return tokens


def _split_long(
    tokens: list[str], room: Sequence[float], first: int, measure: Measure
) -> list[str]:
    """A word wider than the narrowest line is cut into pieces that fit it."""
    narrowest = min(room[first:] or room[-1:])
    out: list[str] = []
    for token in tokens:
        while len(token) > 1 and measure(token.rstrip()) > narrowest:
            cut = len(token) - 1
            while cut > 1 and measure(token[:cut]) > narrowest:
                cut -= 1
            out.append(token[:cut])
            token = token[cut:]
        out.append(token)
    return out

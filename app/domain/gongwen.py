"""公文 to GB/T 9704-2012: what a notice (通知, 文件格式) or a letter (函, 信函格式) holds when it
is printed, the page grid it is set on, and the line breaking that fills that grid.

The grid (GB/T 9704-2012 §5.2): A4, 版心 156 mm × 225 mm, 天头 37 mm, 订口 28 mm; 正文 in
3号 (16 pt) 仿宋, 22 lines of 28 characters. A line is broken on character cells: a full-width
character takes one cell, a half-width run (digits, Latin) half a cell per character.

Line breaking keeps the Chinese rule (GB/T 15834; W3C clreq): no line starts with closing
punctuation and none ends with an opening one: the marks are app.domain.line_breaking's, the
breaking here counts grid cells instead of measured widths."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from app.domain.line_breaking import NO_LINE_END, NO_LINE_START

MM = 72 / 25.4  # points per millimetre

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210.0, 297.0
TOP_MM, LEFT_MM = 37.0, 28.0  # 天头, 订口
BODY_WIDTH_MM, BODY_HEIGHT_MM = 156.0, 225.0  # 版心
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LEADING_MM = BODY_HEIGHT_MM / LINES_PER_PAGE
PITCH_MM = BODY_WIDTH_MM / CHARS_PER_LINE

SIZE_BODY = 16.0  # 3号
SIZE_TITLE = 22.0  # 2号
SIZE_SMALL = 14.0  # 4号: page numbers and 版记

# Closing marks never start a line; opening marks never end one: the rule every PDF follows
CLOSING = NO_LINE_START
OPENING = NO_LINE_END


class Style:
    NOTICE = "notice"  # 文件格式: 发文机关标志 + 文件, red rule, 版记 on the last even page
    LETTER = "letter"  # 信函格式: 发文机关标志, red double rules, first page unnumbered


@dataclass(frozen=True)
class Gongwen:
    """One 通知 or 函 as printed; every text is final (filled, Chinese punctuation)."""

    style: str
    masthead: str  # 发文机关标志, e.g. 北京华信科技有限公司文件
    number: str  # 发文字号, e.g. 华信通〔2026〕12号
    title: str
    addressee: str = ""  # 主送机关, printed with its colon
    paragraphs: Sequence[Paragraph] = ()
    attachments: Sequence[str] = ()
    signer: str = ""  # 发文机关署名
    date: str = ""  # 成文日期: 2026年12月6日
    cc: str = ""  # 抄送
    print_office: str = ""  # 印发机关
    print_date: str = ""  # 印发日期: 2026年12月6日
    draft_mark: str | None = None


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: int = 2  # first-line indent in characters
    align: str = "left"  # left | right
    role: str = "body"  # body | heading (一级标题, 黑体)


@dataclass(frozen=True)
class Token:
    text: str
    cells: float


@dataclass
class CellLine:
    """A line of tokens, each at a column measured in character cells."""

    tokens: list[tuple[float, Token]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(t.text for _, t in self.tokens)

    @property
    def width(self) -> float:
        return self.tokens[-1][0] + self.tokens[-1][1].cells if self.tokens else 0.0


def is_full_width(char: str) -> bool:
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFF60
        or 0x20000 <= code <= 0x3FFFF  # CJK Extension B-H (a name's 𠮷): a full cell
        or char in "“”‘’—…·"
    )


def half_width_cells(text: str) -> float:
    return 0.5 * len(text)


def tokens(text: str, measure: Callable[[str], float] = half_width_cells) -> list[Token]:
    """Full-width characters one by one; runs of half-width characters (a number, a Latin word)
    as one token, measured by `measure` in cells."""
    out: list[Token] = []
    run = ""
    for char in text:
        if is_full_width(char) or char == " ":
            if run:
                out.append(Token(run, measure(run)))
                run = ""
            out.append(Token(char, 1.0 if char != " " else 0.5))
        else:
            run += char
    if run:
        out.append(Token(run, measure(run)))
    return out


def _split_long(items: list[Token], width: float) -> list[Token]:
    """A half-width run longer than a line is cut into single characters."""
    out: list[Token] = []
    for t in items:
        if t.cells > width and len(t.text) > 1:
            out.extend(Token(c, t.cells / len(t.text)) for c in t.text)
        else:
            out.append(t)
    return out


def break_cells(
    text: str,
    width: float,
    first_indent: float = 0.0,
    measure: Callable[[str], float] = half_width_cells,
    rest_indent: float = 0.0,
) -> list[CellLine]:
    """Breaks `text` into lines of at most `width` cells: the first starts at `first_indent`,
    the others at `rest_indent`. A closing mark that would start a line takes the character
    before it along; an opening mark at a line's end moves to the next line."""
    items = _split_long(tokens(text, measure), width)
    lines: list[CellLine] = []
    i = 0
    while i < len(items):
        start = first_indent if not lines else rest_indent
        end = i
        used = start
        while end < len(items) and used + items[end].cells <= width + 1e-9:
            used += items[end].cells
            end += 1
        end = max(end, i + 1)
        end = _kinsoku(items, i, end)
        line = CellLine()
        col = start
        for t in items[i:end]:
            line.tokens.append((col, t))
            col += t.cells
        lines.append(line)
        i = end
    return lines


def _kinsoku(items: Sequence[Token], start: int, end: int) -> int:
    """Moves the break back so the next line starts with no closing mark and this one ends with
    no opening mark (never below one token per line)."""
    best = end
    while best - start > 1 and best < len(items):
        starts_closing = items[best].text[0] in CLOSING
        ends_opening = items[best - 1].text[-1] in OPENING
        if not (starts_closing or ends_opening):
            break
        best -= 1
    return best if best - start >= 1 else end


def balanced_lines(text: str, width: float, measure=half_width_cells) -> list[CellLine]:
    """A title in as few lines as it needs, the lines about as long as each other (梯形 rather
    than one long line and a stub)."""
    lines = break_cells(text, width, measure=measure)
    if len(lines) < 2:
        return lines
    total = sum(t.cells for t in tokens(text, measure))
    target = -(-total // len(lines))
    for extra in range(0, 4):
        trial = break_cells(text, min(width, target + extra), measure=measure)
        if len(trial) == len(lines):
            return trial
    return lines


def attachment_lines(names: Sequence[str]) -> list[str]:
    """附件说明: one attachment as 附件：名称; several numbered 附件：1. 名称 / 2. 名称."""
    names = [n.strip() for n in names if n.strip()]
    if len(names) == 1:
        return [f"附件：{names[0]}"]
    return [f"{'附件：' if i == 1 else ''}{i}. {n}" for i, n in enumerate(names, start=1)]


def split_attachments(value: str) -> list[str]:
    """The 附件 value as typed: names separated by a new line or a semicolon."""
    parts = re.split(r"[\n；;]+", value or "")
    return [re.sub(r"^\s*\d+[.、．]\s*", "", p).strip() for p in parts if p.strip()]


def sequence_scope(kind: str, prefix: str) -> str:
    """The counter of one kind of document and one 机关代字: numbers of a kind with one prefix
    run 1, 2, 3 … each year, whatever the other kinds and prefixes have taken."""
    return f"out.{kind}.{(prefix or '').strip()}"


def masthead_text(style: str, organ: str) -> str:
    """发文机关标志: 机关全称 + 文件 for a notice (文件格式); the name alone for a letter."""
    organ = (organ or "").strip()
    if style == Style.NOTICE and organ and not organ.endswith("文件"):
        return organ + "文件"
    return organ

"""Lines of printed text broken by the one rule of app.domain.line_breaking (禁则): a paragraph
(`TextParagraph`, for every Paragraph the PDFs lay out) and a table cell's string (`wrap_text`).

ReportLab's own CJK wrap (textsplit.wordSplit, paragraph.cjkFragSplit) lets a line start with
，。； and hangs at most one mark; here every plain paragraph is broken by the domain rule."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from app.domain.line_breaking import Measure, break_lines
from app.domain.typography import chinese_punctuation, is_chinese

SPREAD_AT_MOST = 2.0  # ems: a line shorter than that by more is left as it is (a long word went on)


@lru_cache(maxsize=64)
def measure(font: str, size: float) -> Measure:
    """The printed width of a string in `font` at `size` (points) as ReportLab measures it,
    remembered per string (the pieces a line is made of: characters and words)."""
    face = pdfmetrics.getFont(font)
    widths: dict[str, float] = {}

    def width(text: str) -> float:
        w = widths.get(text)
        if w is None:
            w = face.stringWidth(text, size)
            if len(widths) < 20_000:
                widths[text] = w
        return w

    return width


def markup(text: str) -> str:
    """Paragraph markup for plain text, set in Chinese punctuation (see app.domain.typography)."""
    return (
        chinese_punctuation(text or "")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\n", "<br/>")
    )


def text_paragraph(text: str, style: ParagraphStyle) -> TextParagraph:
    """A paragraph of plain text (not markup)."""
    return TextParagraph(markup(text), style)


class _Line(str):
    """A line's text, and whether it is spread to the full measure (every line of a paragraph
    but its last, and the last before a hard line break, as Chinese body text is justified)."""

    spread = False


class TextParagraph(Paragraph):
    """A Paragraph whose lines break by the domain rule whenever its text is in one font and
    size (every paragraph the program prints); anything richer falls back to ReportLab's.
    Left-aligned lines with Chinese text are justified: the room a pushed-down character
    leaves is shared between the characters (PDF character spacing), so the right edge is
    straight."""

    def breakLinesCJK(self, maxWidths):  # noqa: N802 - ReportLab's name
        return self._kinsoku(maxWidths) or super().breakLinesCJK(maxWidths)

    def breakLines(self, width):  # noqa: N802 - ReportLab's name
        return self._kinsoku(width) or super().breakLines(width)

    def _kinsoku(self, widths):
        if getattr(self, "_splitpara", 0) or self.style.endDots or self.bulletText:
            return None  # a paragraph split over pages keeps the lines it was given
        frags = self.frags
        text_frags = [f for f in frags if not hasattr(f, "lineBreak")]
        if not text_frags or any(
            hasattr(f, "cbDefn") or not hasattr(f, "text") for f in text_frags
        ):
            return None
        font, size = text_frags[0].fontName, text_frags[0].fontSize
        if any((f.fontName, f.fontSize) != (font, size) for f in text_frags):
            return None
        text = "".join("\n" if hasattr(f, "lineBreak") else f.text for f in frags)
        room = list(widths) if isinstance(widths, Sequence) else [widths]
        width_of = measure(font, size)
        lines: list[_Line] = []
        for segment in text.split("\n"):
            broken = break_lines(segment, room[min(len(lines), len(room) - 1) :], width_of)
            for index, piece in enumerate(broken):
                line = _Line(piece)
                line.spread = index < len(broken) - 1 and any(is_chinese(c) for c in piece)
                lines.append(line)
        spaced = [
            (room[min(i, len(room) - 1)] - width_of(line), [line]) for i, line in enumerate(lines)
        ]
        self.height = 0
        return text_frags[0].clone(kind=0, lines=spaced, ascent=size, descent=-0.2 * size)

    def beginText(self, x, y):  # noqa: N802 - ReportLab's name
        """The text object the lines are drawn with, spreading the lines to be justified (they
        are drawn in order, one text output each)."""
        text = super().beginText(x, y)
        blpara = getattr(self, "blPara", None)
        if self.style.alignment not in (TA_LEFT, TA_JUSTIFY) or getattr(blpara, "kind", 1) != 0:
            return text
        spacing = iter(
            [_spacing(extra, words, self.style.fontSize) for extra, words in blpara.lines]
        )
        draw = text._textOut

        def spread_out(line, TStar=0):  # noqa: N803 - ReportLab's name
            space = next(spacing, 0.0)
            if space:
                text.setCharSpace(space)
            draw(line, TStar)
            if space:
                text.setCharSpace(0)

        text._textOut = spread_out
        return text


def _spacing(extra: float, words: Sequence[str], size: float) -> float:
    """The character spacing that spreads a line over `extra` more points (0: left as it is)."""
    line = words[0] if len(words) == 1 else ""
    if (
        not getattr(line, "spread", False)
        or len(line) < 2
        or not 0 < extra <= SPREAD_AT_MOST * size
    ):
        return 0.0
    return extra / (len(line) - 1)


def wrap_text(text: str, width: float, font: str, size: float) -> str:
    """A table cell's text broken into lines no wider than `width` (Latin words kept whole when
    they fit), in Chinese punctuation: lines joined by "\\n" for a Table's string cell."""
    return "\n".join(break_lines(chinese_punctuation(text or ""), width, measure(font, size)))

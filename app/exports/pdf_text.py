"""Lines of printed text broken by the one rule of app.domain.line_breaking (禁则): a paragraph
(`TextParagraph`, for every Paragraph the PDFs lay out) and a table cell's string (`wrap_text`).

ReportLab's own CJK wrap (textsplit.wordSplit, paragraph.cjkFragSplit) lets a line start with
，。； and hangs at most one mark; here every plain paragraph is broken by the domain rule."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from app.domain.line_breaking import Measure, break_lines
from app.domain.typography import chinese_punctuation


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


class TextParagraph(Paragraph):
    """A Paragraph whose lines break by the domain rule whenever its text is in one font and
    size (every paragraph the program prints); anything richer falls back to ReportLab's."""

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
        lines = break_lines(text, room, width_of)
        spaced = [
            (room[min(i, len(room) - 1)] - width_of(line), [line]) for i, line in enumerate(lines)
        ]
        self.height = 0
        return text_frags[0].clone(kind=0, lines=spaced, ascent=size, descent=-0.2 * size)


def wrap_text(text: str, width: float, font: str, size: float) -> str:
    """A table cell's text broken into lines no wider than `width` (Latin words kept whole when
    they fit), in Chinese punctuation: lines joined by "\\n" for a Table's string cell."""
    return "\n".join(break_lines(chinese_punctuation(text or ""), width, measure(font, size)))

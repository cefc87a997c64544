"""`render_blocks` lays out a document's blocks (app.domain.blocks: headings, paragraphs, tables,
signature places, which services fill with plain data) as A4 pages with ReportLab platypus."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from app.domain.blocks import (
    Block,
    Fields,
    Gap,
    Grid,
    Heading,
    NewPage,
    Para,
    Signature,
    SigningTable,
)
from app.domain.typography import chinese_punctuation
from app.exports.pdf_fonts import covers
from app.exports.pdf_stamp import Stamp, stamping_canvas
from app.exports.pdf_text import TextParagraph, text_paragraph, wrap_text

__all__ = ["wrap_text", "fit_widths", "longest_line", "render_blocks", "Styles"]

PAGE_MARGIN = 22 * mm
BOTTOM_MARGIN = 25 * mm  # room for the page footer stamped afterwards


@dataclass
class Styles:
    font: str
    heading_font: str = ""  # titles and headings (the body font when empty)
    title: ParagraphStyle = field(init=False)
    heading: ParagraphStyle = field(init=False)
    cell: ParagraphStyle = field(init=False)
    cell_head: ParagraphStyle = field(init=False)

    def __post_init__(self) -> None:
        self.heading_font = self.heading_font or self.font
        self.title = ParagraphStyle(
            "title",
            fontName=self.heading_font,
            fontSize=18,
            leading=26,
            alignment=TA_CENTER,
            spaceAfter=8 * mm,
        )
        self.heading = ParagraphStyle(
            "heading",
            fontName=self.heading_font,
            fontSize=14,
            leading=20,
            spaceBefore=4 * mm,
            spaceAfter=3 * mm,
            keepWithNext=1,  # a heading never ends a page alone
        )
        self.cell = ParagraphStyle(
            "cell", fontName=self.font, fontSize=10, leading=14, wordWrap="CJK"
        )
        self.cell_head = ParagraphStyle("cellhead", parent=self.cell, alignment=TA_CENTER)

    def para(self, block: Para) -> ParagraphStyle:
        align = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}[block.align]
        return ParagraphStyle(
            f"p{block.size}{block.align}{block.indent}",
            fontName=self.font,
            fontSize=block.size,
            leading=block.size * 1.75,
            alignment=align,
            wordWrap="CJK",
            firstLineIndent=block.size * 2 if block.indent and block.align == "left" else 0,
            spaceAfter=2 * mm,
        )


def heading_paragraph(text: str, style: ParagraphStyle, body_font: str) -> TextParagraph:
    """A title in the heading face; in the body face when the heading face (GB 2312 only when
    bundled) lacks one of its characters, so no character of a name prints blank."""
    if style.fontName != body_font and not covers(style.fontName, chinese_punctuation(text)):
        style = ParagraphStyle(f"{style.name}-body", parent=style, fontName=body_font)
    return text_paragraph(text, style)


def to_flowables(blocks: Sequence[Block], styles: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = []
    for block in blocks:
        if isinstance(block, SigningTable):
            out = _with_last_clause(out, block, styles, width)
        else:
            out.extend(_flowables(block, styles, width))
    return out


# The frame of render_blocks' pages (SimpleDocTemplate pads its frame by 6 pt on each side).
FRAME_HEIGHT = A4[1] - PAGE_MARGIN - BOTTOM_MARGIN - 12
CLAUSE_PARAGRAPHS = 2  # kept with a signing table: the last clause and "(以下无正文)"


def _with_last_clause(
    out: list[Flowable], block: SigningTable, styles: Styles, width: float
) -> list[Flowable]:
    """A signing table is never alone on its page: the paragraphs before it (the last clause)
    are kept together with it; when they cannot share a page, the table's page is headed
    "（本页无正文，为《…》签署页）" (the custom for a signing page without text)."""
    table = _grid_table(block, styles, width)
    start, paragraphs = len(out), 0
    while start and isinstance(out[start - 1], TextParagraph | Spacer):
        paragraphs += isinstance(out[start - 1], TextParagraph)
        if paragraphs > CLAUSE_PARAGRAPHS:
            break
        start -= 1
    while start and out[start - 1].getKeepWithNext():  # the clause's heading comes along
        start -= 1
    clause = out[start:]
    if clause and _height([*clause, table], width) <= FRAME_HEIGHT:
        return [*out[:start], KeepTogether([*clause, table])]
    note_style = ParagraphStyle(
        "signing_note", fontName=styles.font, fontSize=12, leading=20, spaceAfter=6 * mm
    )
    note = f"（本页无正文，为《{block.document_title}》签署页）"
    return [*out, PageBreak(), text_paragraph(note, note_style), table]


def _height(flowables: Sequence[Flowable], width: float) -> float:
    total = 0.0
    for flowable in flowables:
        total += flowable.wrap(width, FRAME_HEIGHT)[1]
        total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _flowables(block: Block, styles: Styles, width: float) -> list[Flowable]:
    if isinstance(block, Heading):
        style = styles.title if block.level == 1 else styles.heading
        return [heading_paragraph(block.text, style, styles.font)]
    if isinstance(block, Para):
        return [text_paragraph(block.text, styles.para(block))]
    if isinstance(block, Fields):
        return [_fields_table(block, styles, width)]
    if isinstance(block, Grid):
        table = _grid_table(block, styles, width)
        return [KeepTogether([table]) if block.keep_together else table]
    if isinstance(block, Signature):
        style = ParagraphStyle(
            "sig", fontName=styles.font, fontSize=12, leading=26, leftIndent=width * 0.45
        )
        return [
            Spacer(1, 8 * mm),
            KeepTogether([text_paragraph(line, style) for line in block.lines]),
        ]
    if isinstance(block, Gap):
        return [Spacer(1, block.height_mm * mm)]
    if isinstance(block, NewPage):
        return [PageBreak()]
    raise TypeError(f"unknown block {block!r}")


def _fields_table(block: Fields, styles: Styles, width: float) -> Table:
    label = ParagraphStyle("label", parent=styles.cell, fontSize=12, leading=18)
    rows = [[text_paragraph(k, label), text_paragraph(v, label)] for k, v in block.items]
    # the label column as wide as its longest label (时间: close to its value), at most 28%
    widest = longest_line([(k,) for k, _ in block.items], 0, styles.font, label.fontSize)
    first = min(width * 0.28, widest + 2 * CELL_PADDING + label.fontSize)
    table = Table(rows, colWidths=[first, width - first])
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)])
    )
    return table


def _grid_table(block: Grid, styles: Styles, width: float) -> Table:
    """Cells are plain strings broken into lines here (any CJK character may start a line):
    far faster than a Paragraph per cell for the long tables of a tender packet."""
    header = list(block.headers)
    body = [[str(v) for v in row] for row in block.rows]
    count = len(header) if header else max((len(row) for row in body), default=1)
    font_size = styles.cell.fontSize
    fractions = block.widths or [1 / count] * count
    widths = fit_widths(
        [width * f for f in fractions],
        [header, *body] if header else body,
        block.align_right,
        styles.font,
        font_size,
    )
    inner = [w - 2 * CELL_PADDING for w in widths]
    lines = [header] if header else []
    data = [
        [wrap_text(v, inner[i], styles.font, font_size) for i, v in enumerate(row)]
        for row in lines + body
    ]
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0)
    commands = [
        ("FONT", (0, 0), (-1, -1), styles.font, font_size, styles.cell.leading),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    first = 1 if header else 0
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
            ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ]
    if block.label_column:
        commands.append(("BACKGROUND", (0, first), (0, -1), colors.HexColor("#EEEEEE")))
    commands += [("ALIGN", (i, first), (i, -1), "RIGHT") for i in block.align_right]
    if block.total_row and block.rows:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F5F5F5")))
    table.setStyle(TableStyle(commands))
    return table


def longest_line(rows: Sequence[Sequence[str]], column: int, font: str, size: float) -> float:
    """The width of a column's longest line as printed (in Chinese punctuation)."""
    cells = (chinese_punctuation(str(row[column])) for row in rows if column < len(row))
    lines = (line for cell in cells for line in cell.split("\n"))
    return max((stringWidth(line, font, size) for line in lines), default=0.0)


def fit_widths(
    widths: Sequence[float],
    rows: Sequence[Sequence[str]],
    keep_whole: Sequence[int],
    font: str,
    size: float,
) -> list[float]:
    """Widens the `keep_whole` columns to their longest line (amounts, numbers are never broken)
    and narrows the other columns in proportion to what they can give (down to two characters)."""
    out = list(widths)
    needs = {
        i: longest_line(rows, i, font, size) + 2 * CELL_PADDING for i in keep_whole if i < len(out)
    }
    short = sum(max(0.0, need - out[i]) for i, need in needs.items())
    if short <= 0:
        return out
    floor = 2 * size + 2 * CELL_PADDING
    givers = [i for i in range(len(out)) if i not in needs and out[i] > floor]
    spare = sum(out[i] - floor for i in givers)
    taken = min(short, spare)
    if taken <= 0:
        return out
    for i in givers:
        out[i] -= taken * (out[i] - floor) / spare
    for i, need in needs.items():
        if need > out[i]:
            out[i] += taken * (need - out[i]) / short
    return out


CELL_PADDING = 4


def render_blocks(
    blocks: Sequence[Block],
    font: str,
    title: str = "",
    heading_font: str = "",
    stamp: Stamp | None = None,
) -> tuple[bytes, int]:
    """Lays the blocks out on A4; returns (pdf bytes, page count). The footer, marks and
    bookmarks are `stamp`'s (app.exports.pdf_stamp); without one they are stamped later."""
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=PAGE_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author="销售罗盘",
    )
    pages = [0]

    def count(_canvas, _doc) -> None:
        pages[0] += 1

    flowables = to_flowables(blocks, Styles(font, heading_font), doc.width)
    canvasmaker = stamping_canvas(stamp) if stamp else Canvas
    doc.build(flowables, onFirstPage=count, onLaterPages=count, canvasmaker=canvasmaker)
    return buffer.getvalue(), pages[0]

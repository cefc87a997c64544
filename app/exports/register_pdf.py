"""A register (登记簿) as a wide table on A4 landscape: columns sized to their content, numbers
and dates never broken, the header row repeated on every page, "第 X 页 共 Y 页" below.

A long list (45,000 overdue clients) is laid out a page at a time: ReportLab splits one long
table page by page in quadratic time (20,000 rows took 25 s), one table per page is linear."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from app.domain.blocks import RegisterColumn as Column
from app.domain.progress import NO_PROGRESS, Progress
from app.exports.pdf_blocks import heading_paragraph, longest_line, wrap_text
from app.exports.pdf_fonts import heading_font, register_font
from app.exports.pdf_rare import cover_rare
from app.exports.pdf_stamp import Stamp, stamping_canvas
from app.exports.pdf_text import text_paragraph
from app.safe_files import write_bytes_atomically

PAGE = landscape(A4)
MARGIN = 14 * mm
BOTTOM = 20 * mm  # room for the page footer
FONT_SIZE = 9
LEADING = 11.5
PADDING = 3
SLACK = 1.0  # a point more than the text: rounding never breaks a line that just fits
HEADER_BACKGROUND = colors.HexColor("#E8E8E8")
TOP_PADDING, BOTTOM_PADDING = 2, 3
LONG_LIST = 500  # rows: longer lists get one table per page
FRAME_PADDING = 6  # SimpleDocTemplate's frame padding, top and bottom
PAGE_SLACK = 1.0  # a point kept free on each page: rounding never splits a page's table


def render_register(
    title: str,
    subtitle: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    out: Path,
    *,
    font_path: Path | None = None,
    task: Progress = NO_PROGRESS,
) -> int:
    """Writes the register PDF and returns its page count. `task` may cancel it before the
    pages are laid out."""
    font = register_font(font_path)
    cover_rare([title, subtitle, columns, rows], [font, heading_font(font)])  # 𠮷 as it is
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM,
        title=title,
        author="销售罗盘",
    )
    title_style = ParagraphStyle(
        "title",
        fontName=heading_font(font),
        fontSize=16,
        leading=22,
        alignment=TA_CENTER,
        spaceAfter=2 * mm,
    )
    subtitle_style = ParagraphStyle(
        "subtitle", fontName=font, fontSize=10, leading=14, alignment=TA_CENTER, spaceAfter=4 * mm
    )
    heading = [
        heading_paragraph(title, title_style, font),
        text_paragraph(subtitle, subtitle_style),
    ]
    room = doc.height - 2 * FRAME_PADDING
    first_room = room - sum(_height(p, doc.width) for p in heading)
    task.check()
    tables = _tables(columns, rows, font, doc.width, first_room, room)
    doc.build([*heading, *tables], canvasmaker=stamping_canvas(Stamp(font, title)))
    write_bytes_atomically(Path(out), buffer.getvalue())
    return doc.page  # the file is not read back to count them (issue 11)


def _height(paragraph: Paragraph, width: float) -> float:
    _w, h = paragraph.wrap(width, 10_000)
    return h + paragraph.getSpaceBefore() + paragraph.getSpaceAfter()


def _tables(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    font: str,
    width: float,
    first_room: float,
    room: float,
) -> list[Table]:
    """One table; or, for a long list, one table per page (rows packed by their height)."""
    headers = [c.heading for c in columns]
    cells = [[str(v or "") for v in row] for row in rows]
    widths = column_widths(columns, cells, font, FONT_SIZE, width)
    data = [
        [wrap_text(text, widths[i] - 2 * PADDING, font, FONT_SIZE) for i, text in enumerate(row)]
        for row in [headers, *cells]
    ]
    head, body = data[0], data[1:]
    if len(body) <= LONG_LIST:
        return [_table(columns, [head, *body], widths, font)]
    pages: list[list[list[str]]] = [[]]
    used, available = _row_height(head), first_room - PAGE_SLACK
    for row in body:
        height = _row_height(row)
        if pages[-1] and used + height > available:
            pages.append([])
            used, available = _row_height(head), room - PAGE_SLACK
        pages[-1].append(row)
        used += height
    return [_table(columns, [head, *page], widths, font) for page in pages]


def _row_height(row: Sequence[str]) -> float:
    lines = max(text.count("\n") + 1 for text in row)
    return lines * LEADING + TOP_PADDING + BOTTOM_PADDING


def _table(columns: Sequence[Column], data: list[list[str]], widths: list[float], font: str):
    table = Table(data, colWidths=widths, repeatRows=1)
    commands = [
        ("FONT", (0, 0), (-1, -1), font, FONT_SIZE, LEADING),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), TOP_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), BOTTOM_PADDING),
    ]
    commands += [
        ("ALIGN", (i, 1), (i, -1), c.align) for i, c in enumerate(columns) if c.align != "LEFT"
    ]
    table.setStyle(TableStyle(commands))
    return table


def column_widths(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    font: str,
    size: float,
    width: float,
) -> list[float]:
    """`whole` columns get their longest line (header included); the others share what is left
    in proportion to their longest line, none narrower than its header or four characters.
    Only when even that does not fit is every column narrowed alike."""

    headings = [c.heading for c in columns]

    def longest(i: int) -> float:  # measured as printed, in Chinese punctuation
        return longest_line([headings, *rows], i, font, size) + 2 * PADDING + SLACK

    natural = [longest(i) for i in range(len(columns))]
    floor = [
        max(stringWidth(c.heading, font, size), 4 * size) + 2 * PADDING if not c.whole else n
        for c, n in zip(columns, natural, strict=True)
    ]
    flexible = [i for i, c in enumerate(columns) if not c.whole]
    fixed = sum(natural[i] for i, c in enumerate(columns) if c.whole)
    room = width - fixed
    out = list(natural)
    wanted = sum(natural[i] for i in flexible)
    least = sum(floor[i] for i in flexible)
    if not flexible or room < least:
        total = sum(floor)
        return [w * width / total for w in floor]
    if wanted <= room:  # everything fits on one line: the spare room goes to the text columns
        for i in flexible:
            out[i] = natural[i] + (room - wanted) * natural[i] / wanted
        return out
    extra = sum(natural[i] - floor[i] for i in flexible)
    for i in flexible:
        out[i] = floor[i] + (room - least) * (natural[i] - floor[i]) / extra if extra else floor[i]
    return out

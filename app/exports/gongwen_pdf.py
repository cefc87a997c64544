"""A 通知 or 函 printed to GB/T 9704-2012 with the ReportLab canvas: the 版头 (发文机关标志 in red,
the red rule or the letter's red double rules), 发文字号, 标题, 主送机关, 正文 on the 22 × 28 grid,
附件说明, 署名 and 成文日期 with room for the seal, "— 1 —" page numbers and the 版记.

Every line of the text sits in a row of the grid (row pitch 225 mm / 22, its glyphs centred in
the row) and every full-width character in a cell (pitch 156 mm / 28), so a full line holds 28
characters and a full page 22 lines, as in the standard's figures."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from app.domain import gongwen as gw
from app.domain.gongwen import MM, CellLine, Gongwen, Style
from app.exports.pdf_fonts import covers, document_fonts
from app.exports.pdf_glyphs import printable_record
from app.exports.pdf_rare import cover_rare
from app.safe_files import atomic_output

PAGE_W, PAGE_H = gw.PAGE_WIDTH_MM * MM, gw.PAGE_HEIGHT_MM * MM
LEFT, TOP = gw.LEFT_MM * MM, gw.TOP_MM * MM
WIDTH, HEIGHT = gw.BODY_WIDTH_MM * MM, gw.BODY_HEIGHT_MM * MM
LEADING, PITCH = gw.LEADING_MM * MM, gw.PITCH_MM * MM
RED = Color(0.87, 0.0, 0.0)
BLACK = Color(0, 0, 0)
# The ideographic em box runs from 0.12 em below the baseline to 0.88 em above it.
EM_BELOW, EM_ABOVE = 0.12, 0.88
SEAL_ROWS = 2  # blank rows above the 署名: the seal's top comes within a line of the text


def document_faces(font_path: Path | None = None, heading_text: str = "") -> dict[str, str]:
    """The faces a 公文 is set in, by role: song (page numbers, and any character the 仿宋 face
    lacks), fangsong (正文: the system's 仿宋, else the bundled one), heading (标志 and 标题, the
    bold Song that stands for 小标宋; the Song face when it lacks a character of `heading_text`)
    and sans (一级标题)."""
    fonts = document_fonts(font_path)
    heading = fonts.heading if covers(fonts.heading, heading_text) else fonts.song
    return {"song": fonts.song, "fangsong": fonts.fangsong, "heading": heading, "sans": fonts.sans}


@dataclass
class Run:
    text: str
    x: float  # from the page's left edge, in points
    role: str = "fangsong"
    size: float = gw.SIZE_BODY
    space: float = 0.0  # added after each character: full-width text on the grid's pitch


@dataclass
class Row:
    runs: list[Run] = field(default_factory=list)


@dataclass
class Page:
    rows: dict[int, Row] = field(default_factory=dict)
    numbered: bool = True
    used: int = 0  # rows taken by the text
    colophon: tuple[int, int] | None = None  # the 版记's first row and row count


def row_baseline(row: int, size: float = gw.SIZE_BODY) -> float:
    """The baseline (from the page's bottom) that centres a glyph of `size` in grid row `row`."""
    centre = PAGE_H - TOP - row * LEADING - LEADING / 2
    return centre - (EM_ABOVE - EM_BELOW) / 2 * size


class Layout:
    """Turns text into rows of runs on the grid, measuring half-width runs with the face."""

    def __init__(self, faces: dict[str, str]):
        self.faces = faces

    def measure(self, role: str, size: float, pitch: float):
        def cells(text: str) -> float:
            width = stringWidth(text, self.faces[role], size)
            return math.ceil(width / (pitch / 2) - 1e-6) / 2

        return cells

    def rows(
        self,
        text: str,
        *,
        indent: float = 2,
        rest_indent: float = 0,
        role: str = "fangsong",
        size: float = gw.SIZE_BODY,
        align: str = "left",
        width_cells: float = gw.CHARS_PER_LINE,
        left: float = LEFT,
    ) -> list[Row]:
        pitch = PITCH if size == gw.SIZE_BODY else size
        lines = gw.break_cells(
            text,
            width_cells,
            first_indent=indent,
            measure=self.measure(role, size, pitch),
            rest_indent=rest_indent,
        )
        span = min(WIDTH, width_cells * pitch)
        return [self._row(line, role, size, pitch, align, left, span) for line in lines]

    def centred(self, text: str, role: str, size: float, width_cells: float | None = None):
        pitch = PITCH if size == gw.SIZE_BODY else size
        width_cells = width_cells or math.floor(WIDTH / pitch)
        lines = gw.balanced_lines(text, width_cells, measure=self.measure(role, size, pitch))
        return [self._row(line, role, size, pitch, "center", LEFT, WIDTH) for line in lines]

    def _row(self, line: CellLine, role, size, pitch, align, left, span: float) -> Row:
        """`span`: the width a centred or right-aligned line is placed in."""
        shift = 0.0
        if align == "center":
            shift = (span - line.width * pitch) / 2
        elif align == "right":
            shift = span - line.width * pitch
        runs: list[Run] = []
        full_prev = False
        for col, t in line.tokens:
            face = self._face_for(t.text, role)
            x = left + shift + col * pitch + self._centring(t, face, size, pitch)
            full = len(t.text) == 1 and gw.is_full_width(t.text)
            if full and full_prev and runs[-1].role == face:
                runs[-1].text += t.text  # one string per run of cells: the text reads whole
            else:
                runs.append(Run(t.text, x, face, size, pitch - size if full else 0.0))
            full_prev = full
        return Row(runs)

    def _face_for(self, text: str, role: str) -> str:
        """`role`, or the Song face for a character the role's face has no glyph for (a rare
        name such as 喆 in the bundled 仿宋): one character substituted, as Word does."""
        if role == "song" or covers(self.faces[role], text):
            return role
        return "song"

    def _centring(self, token, role: str, size: float, pitch: float) -> float:
        """A half-width run sits in the middle of the half cells it takes."""
        if len(token.text) == 1 and gw.is_full_width(token.text):
            return 0.0
        return max(0.0, (token.cells * pitch - stringWidth(token.text, self.faces[role], size)) / 2)


# --- the flow of rows -------------------------------------------------------------------------


def body_groups(doc: Gongwen, layout: Layout) -> list[list[Row | None]]:
    """The text after the 版头 as groups of rows kept on one page (None = a blank row)."""
    groups: list[list[Row | None]] = []
    if doc.addressee:
        groups.append([None])
        groups.extend([[r] for r in layout.rows(doc.addressee, indent=0)])
    heading: list[Row | None] = []
    for para in doc.paragraphs:
        role = "sans" if para.role == "heading" else "fangsong"
        rows: list[Row | None] = list(
            layout.rows(para.text, indent=para.indent, role=role, align=para.align)
        )
        if para.role == "heading":
            heading.extend(rows)  # a heading never ends a page: it goes with the next line
            continue
        if heading and rows:
            rows[0:1] = [[*heading, rows[0]]]  # type: ignore[list-item]
            heading = []
        groups.extend([r if isinstance(r, list) else [r] for r in rows])
    if heading:
        groups.append(heading)
    if doc.attachments:
        groups.append([None])
        for line in gw.attachment_lines(doc.attachments):
            first = 2 if line.startswith("附件：") else 5  # later items under the first
            rest = 5 + (1.5 if len(doc.attachments) > 1 else 0)  # after "1. "
            groups.extend([[r] for r in layout.rows(line, indent=first, rest_indent=rest)])
    if doc.signer or doc.date:
        groups.append(_signature(doc, layout, groups))
    return groups


def _signature(doc: Gongwen, layout: Layout, groups: list[list[Row | None]]) -> list[Row | None]:
    """署名 centred on the 成文日期, the date 右空四字, the seal's room above them; the last
    line of the text goes along so the signature never opens a page alone."""
    date_rows = layout.rows(doc.date, indent=0, align="right", width_cells=gw.CHARS_PER_LINE - 4)
    date_row = date_rows[0] if date_rows else Row()
    sign_rows = layout.rows(doc.signer, indent=0) if doc.signer else []
    if date_row.runs and sign_rows:
        date_mid = (date_row.runs[0].x + _right_edge(date_row, layout)) / 2
        for row in sign_rows:
            offset = date_mid - (row.runs[0].x + _right_edge(row, layout)) / 2
            offset = min(offset, LEFT + WIDTH - _right_edge(row, layout))  # never past the edge
            for run in row.runs:
                run.x += offset
    carried = groups.pop() if groups and groups[-1] != [None] else []
    return [*carried, *([None] * SEAL_ROWS), *sign_rows, date_row]


def _right_edge(row: Row, layout: Layout) -> float:
    last = row.runs[-1]
    width = stringWidth(last.text, layout.faces[last.role], last.size)
    return last.x + width + last.space * (len(last.text) - 1)


def paginate(groups: list[list[Row | None]], first_row: int) -> list[Page]:
    pages = [Page()]
    at = first_row
    for group in groups:
        if at + len(group) > gw.LINES_PER_PAGE and len(group) <= gw.LINES_PER_PAGE:
            pages.append(Page())
            at = 0
        for row in group:
            if at == 0 and row is None and len(pages) > 1:
                continue  # no blank line opens a page
            if at >= gw.LINES_PER_PAGE:
                pages.append(Page())
                at = 0
            if row is not None:
                pages[-1].rows[at] = row
            at += 1
    pages[-1].used = at
    return pages


# --- 版记 -----------------------------------------------------------------------------------------


def colophon_rows(doc: Gongwen, layout: Layout) -> list[Row]:
    """抄送 (回行 aligned after its colon) and, in a notice, 印发机关 and 印发日期 on one line."""
    size, inset = gw.SIZE_SMALL, gw.SIZE_SMALL  # 左右各空一字
    cells = math.floor((WIDTH - 2 * inset) / size)
    rows: list[Row] = []
    if doc.cc:
        rows.extend(
            layout.rows(
                f"抄送：{doc.cc}",
                indent=0,
                rest_indent=3,
                size=size,
                width_cells=cells,
                left=LEFT + inset,
            )
        )
    if doc.style == Style.NOTICE:
        office = layout.rows(doc.print_office, indent=0, size=size, left=LEFT + inset)
        date = layout.rows(f"{doc.print_date}印发", indent=0, size=size, width_cells=cells)
        runs = office[0].runs if office else []
        if date:  # 印发日期 右空一字
            offset = LEFT + WIDTH - inset - _right_edge(date[0], layout)
            runs += [Run(r.text, r.x + offset, r.role, r.size, r.space) for r in date[0].runs]
        rows.append(Row(runs))
    return rows


def place_colophon(pages: list[Page], doc: Gongwen, rows: list[Row]) -> None:
    """The 版记 at the foot of the last page, which for a notice is an even page (封四). When
    it needs a blank page before it, neither carries a page number (GB/T 9704 §7.5)."""
    if not rows:
        return
    used = pages[-1].used
    first = gw.LINES_PER_PAGE - len(rows)
    fits = used <= first
    if doc.style == Style.NOTICE:
        if len(pages) % 2 == 1:
            pages.append(Page())
        elif not fits:
            pages.extend([Page(numbered=False), Page(numbered=False)])
    elif not fits:
        pages.append(Page())
    page = pages[-1]
    for i, row in enumerate(rows):
        page.rows[first + i] = row
    page.colophon = (first, len(rows))


# --- drawing ----------------------------------------------------------------------------------------


def render_gongwen(doc: Gongwen, out: Path, faces: dict[str, str]) -> int:
    """Writes the PDF; returns its page count."""
    layout = Layout(faces)
    first_row = _first_row(doc)
    head = _title_rows(doc, layout)
    groups = [[r] for r in head] + body_groups(doc, layout)
    pages = paginate(groups, first_row)
    place_colophon(pages, doc, colophon_rows(doc, layout))
    with atomic_output(Path(out)) as tmp:
        pdf = canvas.Canvas(str(tmp), pagesize=(PAGE_W, PAGE_H))
        pdf.setTitle(doc.title)
        pdf.setCreator("销售罗盘 Sales Compass")
        for number, page in enumerate(pages, start=1):
            if number == 1:
                _masthead(pdf, doc, faces)
            for index, row in page.rows.items():
                _draw_row(pdf, row, index, faces)
            if page.colophon and doc.style == Style.NOTICE:
                _colophon_rules(pdf, *page.colophon)
            if page.numbered and not (number == 1 and doc.style == Style.LETTER):
                _page_number(pdf, number, faces)
            if doc.draft_mark:
                _draft(pdf, doc.draft_mark, faces)
            pdf.showPage()
        pdf.save()
    return len(pages)


def _first_row(doc: Gongwen) -> int:
    """The grid row of the title: 红色分隔线下空二行 (notice); 发文字号下空二行 (letter)."""
    return 10 if doc.style == Style.NOTICE else 4


def _title_rows(doc: Gongwen, layout: Layout) -> list[Row]:
    return layout.centred(doc.title, "heading", gw.SIZE_TITLE)


def _draw_row(pdf: canvas.Canvas, row: Row, index: int, faces: dict[str, str]) -> None:
    """One text object per row, each run moved to its cell from the one before (Td), so that a
    reader extracts the row as one line."""
    if not row.runs:
        return
    first = row.runs[0]
    text = pdf.beginText(first.x, row_baseline(index, first.size))
    text.setFillColor(BLACK)
    previous = first
    for run in row.runs:
        if run is not first:
            text.moveCursor(run.x - previous.x, 0)
        text.setFont(faces[run.role], run.size)
        text.setCharSpace(run.space)
        text.textOut(run.text)
        previous = run
    pdf.drawText(text)


def _masthead(pdf: canvas.Canvas, doc: Gongwen, faces: dict[str, str]) -> None:
    if doc.style == Style.NOTICE:
        _notice_head(pdf, doc, faces)
    else:
        _letter_head(pdf, doc, faces)


def _masthead_text(pdf, text: str, top: float, limit: float, faces) -> float:
    """The 发文机关标志 centred in red with its top edge `top` below the page's top; returns the
    baseline's distance from the top."""
    font = faces["heading"]
    size = min(limit, WIDTH * 0.92 / max(1, stringWidth(text, font, 1)))
    baseline = top + EM_ABOVE * size
    pdf.setFillColor(RED)
    pdf.setFont(font, size)
    pdf.drawCentredString(PAGE_W / 2, PAGE_H - baseline, text)
    return baseline + EM_BELOW * size


def _notice_head(pdf, doc: Gongwen, faces) -> None:
    """标志 35 mm below the 版心's top; 发文字号 空二行 below it, centred; the red rule 4 mm under
    the number, as wide as the 版心."""
    _masthead_text(pdf, doc.masthead, TOP + 35 * MM, 22 * MM, faces)
    number_row = 7
    if doc.number:
        pdf.setFillColor(BLACK)
        pdf.setFont(faces["fangsong"], gw.SIZE_BODY)
        pdf.drawCentredString(PAGE_W / 2, row_baseline(number_row), doc.number)
    rule = row_baseline(number_row) - EM_BELOW * gw.SIZE_BODY - 4 * MM
    pdf.setStrokeColor(RED)
    pdf.setLineWidth(1.5)
    pdf.line(LEFT, rule, LEFT + WIDTH, rule)


def _letter_head(pdf, doc: Gongwen, faces) -> None:
    """信函格式: 标志 30 mm from the page's top; 4 mm under it a red double rule (thick over thin)
    170 mm long; the number flush right under it; a double rule (thin over thick) 20 mm from the
    page's foot."""
    bottom = _masthead_text(pdf, doc.masthead, 30 * MM, 12 * MM, faces)
    rule_top = PAGE_H - bottom - 4 * MM
    _double_rule(pdf, rule_top, thick_first=True)
    _double_rule(pdf, 20 * MM + 1.2 * MM, thick_first=False)
    if doc.number:
        pdf.setFillColor(BLACK)
        pdf.setFont(faces["fangsong"], gw.SIZE_BODY)
        pdf.drawRightString(LEFT + WIDTH, row_baseline(1), doc.number)


def _double_rule(pdf, y_top: float, thick_first: bool) -> None:
    widths = (0.8 * MM, 0.25 * MM) if thick_first else (0.25 * MM, 0.8 * MM)
    pdf.setStrokeColor(RED)
    x0, x1 = (PAGE_W - 170 * MM) / 2, (PAGE_W + 170 * MM) / 2
    y = y_top
    for width in widths:
        pdf.setLineWidth(width)
        pdf.line(x0, y - width / 2, x1, y - width / 2)
        y -= width + 0.6 * MM


def _colophon_rules(pdf, first: int, count: int) -> None:
    """版记 rules as wide as the 版心: thick (0.35 mm) above and below, thin (0.25 mm) between."""
    pdf.setStrokeColor(BLACK)
    top = PAGE_H - TOP - first * LEADING
    bottom = PAGE_H - TOP - HEIGHT
    for y, width in ((top, 0.35 * MM), (bottom, 0.35 * MM)):
        pdf.setLineWidth(width)
        pdf.line(LEFT, y, LEFT + WIDTH, y)
    for index in range(first + 1, first + count):
        y = PAGE_H - TOP - index * LEADING
        pdf.setLineWidth(0.25 * MM)
        pdf.line(LEFT, y, LEFT + WIDTH, y)


def page_number_text(number: int) -> str:
    return f"— {number} —"


def _page_number(pdf, number: int, faces) -> None:
    """4号 半角宋体 digits between 一字线, 7 mm under the 版心; 单页码居右空一字, 双页码居左空一字."""
    size = gw.SIZE_SMALL
    pdf.setFillColor(BLACK)
    pdf.setFont(faces["song"], size)
    dash_y = PAGE_H - TOP - HEIGHT - 7 * MM
    baseline = dash_y - 0.3 * size
    text = page_number_text(number)
    if number % 2:
        pdf.drawRightString(LEFT + WIDTH - size, baseline, text)
    else:
        pdf.drawString(LEFT + size, baseline, text)


def _draft(pdf, mark: str, faces) -> None:
    pdf.saveState()
    pdf.setFillColor(Color(0.85, 0.1, 0.1, alpha=0.18))
    pdf.setFont(faces["heading"], 90)
    pdf.translate(PAGE_W / 2, PAGE_H / 2)
    pdf.rotate(45)
    pdf.drawCentredString(0, 0, mark)
    pdf.restoreState()


def render(doc: Gongwen, out: Path, font_path: Path | None = None) -> int:
    """The PDF of `doc` in the document faces; returns its page count. A picture character
    that the Song face (every role's fallback) cannot draw is left out (app.exports.pdf_glyphs)."""
    fonts = document_fonts(font_path)
    doc = printable_record(doc, fonts.song)
    cover_rare(doc, [fonts.song, fonts.fangsong, fonts.heading, fonts.sans])
    faces = document_faces(font_path, doc.masthead + doc.title)
    return render_gongwen(doc, Path(out), faces)


__all__: Sequence[str] = ("document_faces", "page_number_text", "render", "render_gongwen")

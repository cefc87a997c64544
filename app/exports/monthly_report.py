"""The monthly key-account report (大客户月报) as one PDF: chapters of blocks and charts, each
chapter a bookmark, "第 X 页 共 Y 页" on every page, the CJK font embedded as a subset.

Fed plain data by app.services.analysis: the chapters below hold strings and Decimals only."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from app.domain.blocks import BarChart, Chapter, ParetoChart, SmallGrid, TrendChart
from app.domain.typography import chinese_punctuation
from app.exports.pdf_blocks import (
    BOTTOM_MARGIN,
    PAGE_MARGIN,
    Styles,
    fit_widths,
    longest_line,
    to_flowables,
    wrap_text,
)
from app.exports.pdf_fonts import heading_font, register_font
from app.exports.pdf_rare import cover_rare
from app.exports.pdf_stamp import Stamp, stamping_canvas
from app.safe_files import write_bytes_atomically

SERIES_COLOURS = (
    colors.HexColor("#9DB4D3"),
    colors.HexColor("#1F5FA8"),
    colors.HexColor("#D9822B"),
)


MIN_ROWS = 2  # a table never leaves fewer body rows than this alone on a page


def load_fonts(font_path: Path | None = None) -> str:
    """Registers the report's body and heading faces (once per process); returns the body's."""
    font = register_font(font_path)
    heading_font(font)
    return font


def render_report(
    chapters: Sequence[Chapter],
    out: Path,
    *,
    title: str,
    font_path: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Writes the report and returns its page count. The chapters run on one after another
    (a chapter starts a page only when it would not fit where the last one ended); each is a
    bookmark at its first page."""
    font = register_font(font_path)
    cover_rare([title, chapters], [font, heading_font(font)])  # 𠮷 from a font that has it
    pdf, pages = _report_pdf(chapters, Styles(font, heading_font(font)), title)
    if progress:
        progress(1, 2)
    write_bytes_atomically(Path(out), pdf)
    return pages  # the file written is not read back to count them (issue 11)


class _ChapterStart(Flowable):
    """Takes nothing on the page; notes its chapter's bookmark (title, 0-based page) in `marks`,
    which the pages' stamp reads once every page is laid out."""

    def __init__(self, title: str, marks: list[tuple[str, int]]):
        super().__init__()
        self.title, self.marks = title, marks

    def wrap(self, _width, _height):
        return 0, 0

    def draw(self) -> None:
        self.marks.append((self.title, self.canv.getPageNumber() - 1))


def _report_pdf(chapters: Sequence[Chapter], styles: Styles, title: str) -> tuple[bytes, int]:
    """The chapters as one PDF (bytes) with its footers and a bookmark per chapter at the page
    it starts on, and the page count."""
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
    marks: list[tuple[str, int]] = []
    flowables = []
    for chapter in chapters:
        guarded = keep_headings_with_rows(_chapter_flowables(chapter, styles, doc.width), doc.width)
        at = 1 if guarded and isinstance(guarded[0], CondPageBreak) else 0
        guarded.insert(at, _ChapterStart(chapter.title, marks))
        flowables += guarded
    doc.build(flowables, canvasmaker=stamping_canvas(Stamp(styles.font, title, marks=marks)))
    return buffer.getvalue(), doc.page


def _chapter_flowables(chapter: Chapter, styles: Styles, width: float) -> list[Flowable]:
    flowables: list[Flowable] = []
    for block in chapter.blocks:
        if isinstance(block, SmallGrid):
            flowables.append(_small_grid(block, styles.font, width))
        elif isinstance(block, BarChart):
            flowables.append(_framed(_bar_chart(block, styles.font, width)))
        elif isinstance(block, TrendChart):
            flowables.append(_framed(_trend_chart(block, styles.font, width)))
        elif isinstance(block, ParetoChart):
            flowables.append(_framed(_pareto_chart(block, styles.font, width)))
        else:
            flowables.extend(to_flowables([block], styles, width))
    return flowables


def keep_headings_with_rows(flowables: Sequence[Flowable], width: float) -> list[Flowable]:
    """Before each section heading, a conditional page break as tall as the heading, its
    introduction and the table's header with its first MIN_ROWS rows (or the chart that
    follows): a heading never ends a page alone, nor with one row of its table."""
    out: list[Flowable] = []
    for index, flowable in enumerate(flowables):
        if _is_heading(flowable):
            out.append(CondPageBreak(_lead_height(flowables, index, width)))
        out.append(flowable)
    return out


def _is_heading(flowable: Flowable) -> bool:
    return isinstance(flowable, Paragraph) and flowable.style.name == "heading"


def _lead_height(flowables: Sequence[Flowable], start: int, width: float) -> float:
    total = 0.0
    for flowable in flowables[start:]:
        if isinstance(flowable, Table):
            flowable.wrap(width, 100_000)
            shown = _header_rows(flowable) + MIN_ROWS
            return total + sum(flowable._rowHeights[:shown])
        total += _height(flowable, width)
        if not isinstance(flowable, Paragraph):  # a chart, a gap: the lead ends with it
            return total
    return total


def _height(flowable: Flowable, width: float) -> float:
    if isinstance(flowable, KeepTogether):  # a framed chart
        return sum(_height(f, width) for f in flowable._content)
    _w, height = flowable.wrap(width, 100_000)
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _header_rows(table: Table) -> int:
    repeat = table.repeatRows
    return repeat if isinstance(repeat, int) else max(repeat) + 1


def _framed(drawing: Drawing):
    return KeepTogether([drawing, Spacer(1, 4 * mm)])


PAD = 3  # a cell's left and right padding


def column_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    whole: Sequence[int],
    font: str,
    size: float,
    width: float,
) -> list[float]:
    """Column widths from the printed text: every column as wide as its longest line (its
    heading included); the `whole` columns (amounts, dates, names) keep exactly that; the text
    columns get theirs too and the widest text column takes what is left. A table without text
    columns spreads what is left over all its columns. When the text does not fit, a heading
    may wrap once at its middle, and the text columns share the room in proportion to their
    length, each at least four characters wide."""
    columns = range(len(headers))
    heads = [chinese_punctuation(str(h)) for h in headers]
    cells = [longest_line(rows, i, font, size) for i in columns]
    natural = [max(cells[i], stringWidth(heads[i], font, size)) + 2 * PAD for i in columns]
    if sum(natural) > width:  # headings wrap once (签约 / 数量), never a character per line
        natural = [max(cells[i], _half(heads[i], font, size)) + 2 * PAD for i in columns]
    keep = [i for i in columns if i in set(whole)]
    text = [i for i in columns if i not in set(whole)]
    spare = width - sum(natural)
    if spare >= 0:
        widths = list(natural)
        takers = [max(text, key=lambda i: natural[i])] if text else list(columns)
        share = sum(natural[i] for i in takers)
        for i in takers:
            widths[i] += spare * natural[i] / share
        return widths
    room = width - sum(natural[i] for i in keep)
    least = 4 * size + 2 * PAD
    if not text or room < len(text) * least:
        return fit_widths([width / len(headers)] * len(headers), rows, keep, font, size)
    widths = list(natural)
    _share_room(widths, text, room, least)
    return widths


def _share_room(widths: list[float], text: Sequence[int], room: float, least: float) -> None:
    """The text columns share `room` in proportion to their natural widths, none below `least`."""
    pending = list(text)
    while pending:
        total = sum(widths[i] for i in pending)
        small = [i for i in pending if widths[i] * room / total < least]
        if not small:
            scale = room / total
            for i in pending:
                widths[i] *= scale
            return
        for i in small:
            widths[i] = least
            room -= least
            pending.remove(i)


def _half(heading: str, font: str, size: float) -> float:
    """The wider half of a heading broken once at its middle (a short one stays whole)."""
    if len(heading) <= 4:
        return stringWidth(heading, font, size)
    middle = (len(heading) + 1) // 2
    return max(stringWidth(heading[:middle], font, size), stringWidth(heading[middle:], font, size))


def _small_grid(block: SmallGrid, font: str, width: float) -> Table:
    whole = sorted({*block.align_right, *block.keep_whole})
    widths = column_widths(block.headers, block.rows, whole, font, block.size, width)
    inner = [w - 2 * PAD for w in widths]
    data = [[wrap_text(h, inner[i], font, block.size) for i, h in enumerate(block.headers)]]
    data += [
        [wrap_text(str(v), inner[i], font, block.size) for i, v in enumerate(row)]
        for row in block.rows
    ]
    # a split leaves at least MIN_ROWS rows on each page; the header row repeats on the next
    table = Table(
        data,
        colWidths=widths,
        repeatRows=1,
        rowSplitRange=(1 + MIN_ROWS, len(data) - MIN_ROWS),
    )
    commands = [
        ("FONT", (0, 0), (-1, -1), font, block.size, block.size * 1.35),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF6")),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    commands += [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in block.align_right]
    if block.total_row and block.rows:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F3F3F3")))
    table.setStyle(TableStyle(commands))
    return table


def _scale(values: Sequence[Decimal]) -> tuple[float, str]:
    """Divisor and unit word so that axis numbers stay short (万元 for money in yuan)."""
    top = max((abs(float(v)) for v in values), default=0)
    if top >= 100_000_000:
        return 100_000_000, "亿"
    if top >= 10_000:
        return 10_000, "万"
    return 1, ""


def _title(drawing: Drawing, text: str, font: str, width: float, height: float) -> None:
    title = chinese_punctuation(text)  # a chart's String is drawn as given, not as a Paragraph
    drawing.add(
        String(width / 2, height - 14, title, fontName=font, fontSize=11, textAnchor="middle")
    )


def _legend(drawing: Drawing, names: Sequence[str], font: str, x: float, y: float) -> None:
    legend = Legend()
    legend.x, legend.y = x - 50 * len(names), y
    legend.fontName = font
    legend.fontSize = 8
    legend.columnMaximum = 1
    legend.deltax = 50
    legend.dx = legend.dy = 7
    legend.colorNamePairs = [(SERIES_COLOURS[i % 3], n) for i, n in enumerate(names)]
    drawing.add(legend)


def _bar_chart(block: BarChart, font: str, width: float) -> Drawing:
    height = 50 * mm
    drawing = Drawing(width, height, initialFontName=font)
    _title(drawing, block.title, font, width, height)
    values = [v for _, series in block.series for v in series]
    divisor, word = _scale(values)
    chart = VerticalBarChart()
    chart.x, chart.y = 42, 30
    chart.width, chart.height = width - 60, height - 62
    chart.data = [[float(v) / divisor for v in series] for _, series in block.series]
    chart.categoryAxis.categoryNames = [c[:6] for c in block.categories]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = (
        "%.0f" if divisor > 1 or max(values, default=0) > 20 else "%.1f"
    )
    chart.barSpacing = 1
    chart.groupSpacing = 6
    for i in range(len(block.series)):
        chart.bars[i].fillColor = SERIES_COLOURS[i % 3]
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    unit = f"单位：{word}{block.unit}" if (word or block.unit) else ""
    drawing.add(String(2, height - 30, unit, fontName=font, fontSize=7))
    _legend(drawing, [n for n, _ in block.series], font, width - 20, height - 24)
    return drawing


def _trend_chart(block: TrendChart, font: str, width: float) -> Drawing:
    height = 50 * mm
    drawing = Drawing(width, height, initialFontName=font)
    _title(drawing, block.title, font, width, height)
    values = [v for _, series in block.series for v in series]
    divisor, word = _scale(values)
    plot = LinePlot()
    plot.x, plot.y = 42, 30
    plot.width, plot.height = width - 60, height - 62
    count = len(block.categories)
    plot.data = [
        [(i, float(v) / divisor) for i, v in enumerate(series)] for _, series in block.series
    ]
    for i in range(len(block.series)):
        plot.lines[i].strokeColor = SERIES_COLOURS[(i + 1) % 3]
        plot.lines[i].strokeWidth = 1.6
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = -0.5, count - 0.5
    plot.xValueAxis.valueSteps = list(range(count))
    plot.xValueAxis.labels.fontName = font
    plot.xValueAxis.labels.fontSize = 7
    plot.xValueAxis.labelTextFormat = lambda v: (
        block.categories[int(round(v))][2:] if 0 <= round(v) < count else ""
    )
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.labels.fontName = font
    plot.yValueAxis.labels.fontSize = 7
    plot.yValueAxis.labelTextFormat = "%.0f"
    drawing.add(plot)
    unit = f"单位：{word}{block.unit}" if (word or block.unit) else ""
    drawing.add(String(2, height - 30, unit, fontName=font, fontSize=7))
    _legend(drawing, [n for n, _ in block.series], font, width - 20, height - 24)
    # the legend swatches take the line colours
    drawing.contents[-1].colorNamePairs = [
        (SERIES_COLOURS[(i + 1) % 3], n) for i, (n, _) in enumerate(block.series)
    ]
    return drawing


def _pareto_chart(block: ParetoChart, font: str, width: float) -> Drawing:
    height = 66 * mm
    drawing = Drawing(width, height, initialFontName=font)
    _title(drawing, block.title, font, width, height)
    plot = LinePlot()
    plot.x, plot.y = 42, 30
    plot.width, plot.height = width - 60, height - 60
    plot.data = [[(0.0, 0.0), *((float(x), float(y)) for x, y in block.points)]]
    plot.lines[0].strokeColor = SERIES_COLOURS[1]
    plot.lines[0].strokeWidth = 1.6
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.valueMin, axis.valueMax = 0, 100
        axis.valueSteps = [0, 20, 40, 60, 80, 100]
        axis.labels.fontName = font
        axis.labels.fontSize = 7
        axis.labelTextFormat = "%d%%"
    drawing.add(plot)
    y80 = plot.y + plot.height * 0.8
    drawing.add(
        Line(
            plot.x,
            y80,
            plot.x + plot.width,
            y80,
            strokeColor=colors.red,
            strokeDashArray=[3, 2],
            strokeWidth=0.7,
        )
    )
    if block.cut is not None:
        x = plot.x + plot.width * float(block.cut) / 100
        drawing.add(
            Line(x, plot.y, x, y80, strokeColor=colors.red, strokeDashArray=[3, 2], strokeWidth=0.7)
        )
        drawing.add(
            String(
                x + 3,
                plot.y + 4,
                f"{block.cut}% 的客户",
                fontName=font,
                fontSize=7,
                fillColor=colors.red,
            )
        )
    drawing.add(
        String(
            plot.x + plot.width / 2,
            6,
            "客户(按销售额从高到低,累计占比)",
            fontName=font,
            fontSize=7,
            textAnchor="middle",
        )
    )
    drawing.add(String(2, height - 30, "累计销售额占比", fontName=font, fontSize=7))
    return drawing

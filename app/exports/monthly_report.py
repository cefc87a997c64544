"""The monthly key-account report (大客户月报) as one PDF: chapters of blocks and charts, each
chapter a bookmark, "第 X 页 共 Y 页" on every page, the CJK font embedded as a subset.

Fed plain data by app.services.analysis: the chapters below hold strings and Decimals only."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from app.domain.blocks import BarChart, Chapter, ParetoChart, SmallGrid, TrendChart
from app.domain.typography import chinese_punctuation
from app.exports.pdf_assembly import Part, assemble
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
from app.exports.tender_packet import page_footer

SERIES_COLOURS = (
    colors.HexColor("#9DB4D3"),
    colors.HexColor("#1F5FA8"),
    colors.HexColor("#D9822B"),
)


def render_report(
    chapters: Sequence[Chapter],
    out: Path,
    *,
    title: str,
    font_path: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Writes the report and returns its page count."""
    font = register_font(font_path)
    styles = Styles(font, heading_font(font))
    parts = []
    for index, chapter in enumerate(chapters):
        parts.append(Part(chapter.title, pdf=_chapter_pdf(chapter, styles, title)))
        if progress:
            progress(index + 1, len(chapters) + 1)
    assemble(parts, Path(out), font, title=title, footer=page_footer)
    return len(PdfReader(str(out)).pages)


def _chapter_pdf(chapter: Chapter, styles: Styles, title: str) -> bytes:
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
    flowables = []
    for block in chapter.blocks:
        if isinstance(block, SmallGrid):
            flowables.append(_small_grid(block, styles.font, doc.width))
        elif isinstance(block, BarChart):
            flowables.append(_framed(_bar_chart(block, styles.font, doc.width)))
        elif isinstance(block, TrendChart):
            flowables.append(_framed(_trend_chart(block, styles.font, doc.width)))
        elif isinstance(block, ParetoChart):
            flowables.append(_framed(_pareto_chart(block, styles.font, doc.width)))
        else:
            flowables.extend(to_flowables([block], styles, doc.width))
    doc.build(flowables)
    return buffer.getvalue()


def _framed(drawing: Drawing):
    return KeepTogether([drawing, Spacer(1, 4 * mm)])


def _tight_widths(
    block: SmallGrid, fractions: Sequence[float], font: str, width: float
) -> list[float]:
    """Every column starts at its natural width (longest line, heading included). Amounts,
    dates and other whole-kept columns keep exactly that; the text columns (names, reasons)
    share what is left in proportion to their own length, so they wrap as little as possible."""
    columns = range(len(fractions))
    natural = [
        max(longest_line(block.rows, i, font, block.size), _heading_width(block, i, font)) + 8
        for i in columns
    ]
    keep = {*block.align_right, *block.keep_whole}
    others = [i for i in columns if i not in keep] or list(columns)
    spare = width - sum(natural[i] for i in columns if i not in others)
    least = 4 * block.size + 8  # four characters
    if spare < len(others) * least:
        return fit_widths(
            [width * f for f in fractions], block.rows, sorted(keep), font, block.size
        )
    widths = list(natural)
    # Leftmost text first (the client's name before the reasons): each gets its natural width
    # while the ones after it keep room for four characters; the last takes what is left.
    for position, i in enumerate(others):
        later = len(others) - position - 1
        widths[i] = spare if later == 0 else min(natural[i], spare - later * least)
        spare -= widths[i]
    return widths


def _heading_width(block: SmallGrid, column: int, font: str) -> float:
    """A heading may wrap once, at its middle (签约 / 数量), never a character per line."""
    heading = chinese_punctuation(str(block.headers[column])) if column < len(block.headers) else ""
    return stringWidth(heading, font, block.size) / (2 if len(heading) > 4 else 1)


def _small_grid(block: SmallGrid, font: str, width: float) -> Table:
    count = len(block.headers)
    fractions = block.widths or [1 / count] * count
    widths = _tight_widths(block, fractions, font, width)
    inner = [w - 6 for w in widths]
    data = [[wrap_text(h, inner[i], font, block.size) for i, h in enumerate(block.headers)]]
    data += [
        [wrap_text(str(v), inner[i], font, block.size) for i, v in enumerate(row)]
        for row in block.rows
    ]
    table = Table(data, colWidths=widths, repeatRows=1)
    commands = [
        ("FONT", (0, 0), (-1, -1), font, block.size, block.size * 1.35),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF6")),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
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
    drawing.add(
        String(width / 2, height - 14, text, fontName=font, fontSize=11, textAnchor="middle")
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
    unit = f"单位:{word}{block.unit}" if (word or block.unit) else ""
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
    unit = f"单位:{word}{block.unit}" if (word or block.unit) else ""
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

"""A printed document as plain blocks (headings, paragraphs, label/value lines, ruled tables,
signature places): what a service says a page holds, before any PDF library is loaded.
app.exports.pdf_blocks lays them out with ReportLab."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 = document title (centred, large), 2 = section heading


@dataclass(frozen=True)
class Para:
    text: str
    indent: bool = True  # first-line indent of two characters, the Chinese custom
    align: str = "left"  # left | center | right
    size: float = 12


@dataclass(frozen=True)
class Fields:
    """Label / value lines, e.g. a header block or an ID certificate."""

    items: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Grid:
    """A ruled table. Columns in `align_right` hold numbers and amounts, which are never broken:
    such a column is widened to its longest cell, the room taken from the text columns.
    Without headers the table has no header row; `label_column` shades the first column (a
    label / value form)."""

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float] | None = None  # fractions of the text width
    align_right: Sequence[int] = ()  # column indexes with numbers
    total_row: bool = False  # the last row is a total: bold background
    keep_together: bool = False  # never split across pages (a signing table)
    label_column: bool = False


@dataclass(frozen=True)
class SigningTable(Grid):
    """The parties' signing table of a contract: a Grid that never stands alone on a page. The
    last clause (the paragraphs just before it, "(以下无正文)" included) goes along with it to
    the next page; when the two cannot fit on one page, the table starts a page headed
    "（本页无正文，为《document_title》签署页）"."""

    document_title: str = ""


@dataclass(frozen=True)
class Signature:
    """Signature and seal places, right aligned: '投标人(盖章):', '法定代表人(签字):', date."""

    lines: Sequence[str]


@dataclass(frozen=True)
class Gap:
    height_mm: float = 6


@dataclass(frozen=True)
class NewPage:
    pass


Block = Heading | Para | Fields | Grid | SigningTable | Signature | Gap | NewPage


@dataclass(frozen=True)
class RegisterColumn:
    """A column of a register (登记簿) printed as a wide table."""

    heading: str
    whole: bool = False  # numbers, dates, names: as wide as the longest cell, never broken
    align: str = "LEFT"  # LEFT | CENTER | RIGHT


@dataclass(frozen=True)
class ExtraSheet:
    """A further sheet of a workbook, written after the data (instructions, for instance)."""

    title: str
    heading: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


# The monthly report's own blocks (app.exports.monthly_report draws them).


@dataclass(frozen=True)
class SmallGrid:
    """A table in a smaller type than Grid, for the report's wide tables."""

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float] | None = None  # fractions of the text width
    align_right: Sequence[int] = ()
    total_row: bool = False
    size: float = 8.5
    keep_whole: Sequence[int] = ()  # besides the amounts: dates, names that must not break


@dataclass(frozen=True)
class BarChart:
    """Grouped bars: one group per category, one bar per series (e.g. 目标 and 实际)."""

    title: str
    categories: Sequence[str]
    series: Sequence[tuple[str, Sequence[Decimal]]]
    unit: str = ""


@dataclass(frozen=True)
class TrendChart:
    """Lines over months (e.g. 签约额 and 回款 for 12 months)."""

    title: str
    categories: Sequence[str]
    series: Sequence[tuple[str, Sequence[Decimal]]]
    unit: str = ""


@dataclass(frozen=True)
class ParetoChart:
    """Cumulative revenue share (%) over the share of clients (%), with the 80% line."""

    title: str
    points: Sequence[tuple[Decimal, Decimal]]
    cut: Decimal | None = None  # share of clients (%) that make 80% of revenue


ReportBlock = Block | SmallGrid | BarChart | TrendChart | ParetoChart


@dataclass(frozen=True)
class Chapter:
    title: str
    blocks: Sequence[ReportBlock]

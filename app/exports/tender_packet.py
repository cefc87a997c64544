"""The tender packet (投标文件) as one A4 PDF: cover, a contents page with the real page numbers,
generated forms and merged scans, "第 X 页 共 Y 页" on every page, and a bookmark per section.
A files section lists each of its files (a certificate, a contract) in the 目录 as an indented
line with its own first page, and bookmarks it under the section's bookmark."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from app.exports.pdf_assembly import Part, assemble, scan_page_count
from app.exports.pdf_blocks import PAGE_MARGIN, Block, render_blocks
from app.exports.pdf_fonts import heading_font, register_font
from app.exports.pdf_rare import cover_rare
from app.exports.pdf_stamp import page_footer
from app.exports.pdf_text import text_paragraph


@dataclass(frozen=True)
class PacketEntry:
    """One titled file of a section: its scans (PDF or images, a qualification may have several)."""

    title: str
    files: Sequence[Path]


@dataclass(frozen=True)
class PacketSection:
    title: str
    blocks: Sequence[Block] = ()  # a generated form
    files: Sequence[Path] = ()  # untitled scans (PDF or images), merged in order
    entries: Sequence[PacketEntry] = ()  # titled files, after the scans: 目录 lines of their own


@dataclass(frozen=True)
class PacketCover:
    project: str
    number: str
    bidder: str
    date_text: str
    copy: str  # 正本 or 副本
    purchaser: str = ""


@dataclass(frozen=True)
class PacketResult:
    pages: int
    section_pages: tuple[int, ...]  # first page of each section, 1-based
    contents_pages: int
    entry_pages: tuple[tuple[int, ...], ...] = ()  # first page of each entry, per section


def build_packet(
    cover: PacketCover,
    sections: Sequence[PacketSection],
    out: Path,
    *,
    font_path: Path | None = None,
    draft: bool = False,
    scan_watermark: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PacketResult:
    font = register_font(font_path)
    heading = heading_font(font)
    cover_rare([cover, sections], [font, heading])  # 𠮷 from a font that has it
    rendered = [
        render_blocks(s.blocks, font, s.title, heading) if s.blocks else (None, 0) for s in sections
    ]
    entry_counts = [[_pages(e.files) for e in s.entries] for s in sections]
    counts = [
        pages + _pages(s.files) + sum(entries)
        for s, (_, pages), entries in zip(sections, rendered, entry_counts, strict=True)
    ]
    cover_pdf = _cover(cover, font)
    contents_pages = _contents_page_count(sections, font)
    starts, entry_starts, page = [], [], 1 + contents_pages + 1
    for section, (_, pages), count, entries in zip(
        sections, rendered, counts, entry_counts, strict=True
    ):
        starts.append(page)
        first = page + pages + _pages(section.files)
        entry_starts.append(tuple(first + sum(entries[:i]) for i in range(len(entries))))
        page += count
    contents_pdf, _ = _contents(sections, starts, entry_starts, font)
    parts = [Part("封面", pdf=cover_pdf), Part("目录", pdf=contents_pdf)]
    marked = bool(scan_watermark)
    for section, (pdf, _count) in zip(sections, rendered, strict=True):
        parts.append(
            Part(section.title, pdf=pdf, files=tuple(section.files), watermark_scans=marked)
        )
        parts += [
            Part(e.title, files=tuple(e.files), watermark_scans=marked, level=1)
            for e in section.entries
        ]
    actual = assemble(
        parts,
        out,
        font,
        title=f"{cover.project} 投标文件",
        footer=page_footer,
        draft_mark="草稿" if draft else None,
        scan_watermark=scan_watermark,
        progress=progress,
    )
    section_starts = [p for part, p in zip(parts, actual, strict=True) if part.level == 0][2:]
    return PacketResult(
        sum(counts) + 1 + contents_pages,
        tuple(section_starts),
        contents_pages,
        tuple(entry_starts),
    )


def rows_filling_page(
    build: Callable[[int], Sequence[Block]], font_path: Path | None = None, most: int = 60
) -> int:
    """The most rows `build(rows)` can have and still fit on one page (at least 1): an empty
    table printed to be filled in by hand takes the whole page, its signature lines included."""
    font = register_font(font_path)
    low, high = 1, most
    while low < high:
        middle = (low + high + 1) // 2
        if render_blocks(build(middle), font)[1] <= 1:
            low = middle
        else:
            high = middle - 1
    return low


def _pages(files: Sequence[Path]) -> int:
    return sum(scan_page_count(f) for f in files)


def _cover(cover: PacketCover, font: str) -> bytes:
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=40 * mm,
        bottomMargin=25 * mm,
    )
    big = ParagraphStyle(
        "cover", fontName=heading_font(font), fontSize=30, leading=44, alignment=TA_CENTER
    )
    mid = ParagraphStyle("coverm", fontName=font, fontSize=16, leading=26, alignment=TA_CENTER)
    copy = ParagraphStyle("copy", fontName=font, fontSize=20, leading=28, alignment=TA_CENTER)
    rows = [("项目名称:", cover.project), ("项目编号:", cover.number)]
    if cover.purchaser:
        rows.append(("采 购 人:", cover.purchaser))
    rows += [("投 标 人:", cover.bidder + "(盖章)"), ("日    期:", cover.date_text)]
    label = ParagraphStyle("cl", fontName=font, fontSize=14, leading=22)
    table = Table(
        [[text_paragraph(k, label), text_paragraph(v, label)] for k, v in rows],
        colWidths=[32 * mm, doc.width - 32 * mm],
    )
    table.setStyle(
        TableStyle(
            [("LINEBELOW", (1, 0), (1, -1), 0.5, "black"), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]
        )
    )
    story = [
        text_paragraph(f"【{cover.copy}】", copy),
        Spacer(1, 20 * mm),
        text_paragraph(cover.project, mid),
        Spacer(1, 12 * mm),
        text_paragraph("投 标 文 件", big),
        Spacer(1, 45 * mm),
        table,
    ]
    doc.build(story)
    return buffer.getvalue()


def _contents(
    sections: Sequence[PacketSection],
    starts: Sequence[int],
    entry_starts: Sequence[Sequence[int]],
    font: str,
) -> tuple[bytes, int]:
    """目录: a numbered line per section, and under a files section an indented line per
    file (（1）营业执照), each with its first page."""
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=PAGE_MARGIN,
        bottomMargin=25 * mm,
    )
    title = ParagraphStyle(
        "ct",
        fontName=heading_font(font),
        fontSize=20,
        leading=30,
        alignment=TA_CENTER,
        spaceAfter=8 * mm,
    )
    line = ParagraphStyle("cl", fontName=font, fontSize=12, leading=20)
    entry = ParagraphStyle("ce", fontName=font, fontSize=11, leading=17, leftIndent=24)
    number = ParagraphStyle("cn", parent=line, alignment=TA_RIGHT)
    entry_number = ParagraphStyle("cen", parent=entry, leftIndent=0, alignment=TA_RIGHT)
    rows, entry_rows = [], []
    for i, (s, p, firsts) in enumerate(zip(sections, starts, entry_starts, strict=True), start=1):
        rows.append([text_paragraph(f"{i}. {s.title}", line), text_paragraph(str(p), number)])
        for n, (e, first) in enumerate(zip(s.entries, firsts, strict=True), start=1):
            entry_rows.append(len(rows))
            rows.append(
                [
                    text_paragraph(f"（{n}）{e.title}", entry),
                    text_paragraph(str(first), entry_number),
                ]
            )
    table = Table(rows, colWidths=[doc.width - 20 * mm, 20 * mm])
    style = [("LINEBELOW", (0, 0), (-1, -1), 0.25, "#999999")]
    style += [("LINEBELOW", (0, r), (-1, r), 0.25, "#dddddd") for r in entry_rows]
    style += [("TOPPADDING", (0, r), (-1, r), 1) for r in entry_rows]
    table.setStyle(TableStyle(style))
    pages = [0]

    def count(_c, _d) -> None:
        pages[0] += 1

    doc.build([text_paragraph("目  录", title), table], onFirstPage=count, onLaterPages=count)
    return buffer.getvalue(), pages[0]


def _contents_page_count(sections: Sequence[PacketSection], font: str) -> int:
    """Numbers up to 4 digits take the same room, so a draft with 9999 gives the real length."""
    entries = [[9999] * len(s.entries) for s in sections]
    return _contents(sections, [9999] * len(sections), entries, font)[1]

"""The tender packet (投标文件) as one A4 PDF: cover, a contents page with the real page numbers,
generated forms and merged scans, "第 X 页 共 Y 页" on every page, and a bookmark per section."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from app.exports.pdf_assembly import Part, assemble, scan_page_count
from app.exports.pdf_blocks import PAGE_MARGIN, Block, render_blocks
from app.exports.pdf_fonts import heading_font, register_font
from app.exports.pdf_text import text_paragraph


@dataclass(frozen=True)
class PacketSection:
    title: str
    blocks: Sequence[Block] = ()  # a generated form
    files: Sequence[Path] = ()  # scans (PDF or images), merged in order


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


def page_footer(number: int, total: int) -> str:
    return f"第 {number} 页 共 {total} 页"


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
    rendered = [
        render_blocks(s.blocks, font, s.title, heading) if s.blocks else (None, 0) for s in sections
    ]
    counts = [
        pages + sum(scan_page_count(f) for f in s.files)
        for s, (_, pages) in zip(sections, rendered, strict=True)
    ]
    cover_pdf = _cover(cover, font)
    contents_pages = _contents_page_count(sections, font)
    starts, page = [], 1 + contents_pages + 1
    for count in counts:
        starts.append(page)
        page += count
    contents_pdf, _ = _contents(sections, starts, font)
    parts = [Part("封面", pdf=cover_pdf), Part("目录", pdf=contents_pdf)]
    for section, (pdf, _pages) in zip(sections, rendered, strict=True):
        parts.append(
            Part(
                section.title,
                pdf=pdf,
                files=tuple(section.files),
                watermark_scans=bool(scan_watermark),
            )
        )
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
    return PacketResult(sum(counts) + 1 + contents_pages, tuple(actual[2:]), contents_pages)


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
    sections: Sequence[PacketSection], starts: Sequence[int], font: str
) -> tuple[bytes, int]:
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
    rows = [
        [text_paragraph(f"{i}. {s.title}", line), text_paragraph(str(p), line)]
        for i, (s, p) in enumerate(zip(sections, starts, strict=True), start=1)
    ]
    table = Table(rows, colWidths=[doc.width - 20 * mm, 20 * mm])
    table.setStyle(
        TableStyle(
            [("ALIGN", (1, 0), (1, -1), "RIGHT"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#999999")]
        )
    )
    pages = [0]

    def count(_c, _d) -> None:
        pages[0] += 1

    doc.build([text_paragraph("目  录", title), table], onFirstPage=count, onLaterPages=count)
    return buffer.getvalue(), pages[0]


def _contents_page_count(sections: Sequence[PacketSection], font: str) -> int:
    """Numbers up to 4 digits take the same room, so a draft with 9999 gives the real length."""
    return _contents(sections, [9999] * len(sections), font)[1]

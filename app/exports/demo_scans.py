"""Certificate-like "scans" for the demo qualification library: one A4 page with a border, the
certificate's title, holder, number, validity and a red seal, drawn as a PDF."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from app.domain.typography import chinese_punctuation
from app.exports.pdf_blocks import wrap_text
from app.exports.pdf_fonts import register_font

PAPER = HexColor("#f7f3e8")  # a scan is never quite white
INK = HexColor("#1f2a44")
SEAL = Color(0.8, 0.1, 0.1, alpha=0.75)


@dataclass(frozen=True)
class CertificateText:
    title: str
    holder: str
    number: str
    issuer: str
    valid_text: str  # e.g. "有效期至 2027年12月31日" or "长期"
    lines: tuple[str, ...] = ()


def write_certificate_scan(text: CertificateText, out: Path, font_path: Path | None = None) -> Path:
    """Writes a one-page certificate PDF to out and returns out."""
    font = register_font(font_path)
    width, height = A4
    pdf = canvas.Canvas(str(out), pagesize=A4)
    pdf.setTitle(text.title)
    pdf.setFillColor(PAPER)
    pdf.rect(0, 0, width, height, stroke=0, fill=1)
    _border(pdf, width, height)
    pdf.setFillColor(INK)
    size, lines = title_layout(text.title, font, width - 2 * TITLE_MARGIN)
    y = height - 150
    pdf.setFont(font, size)
    for line in lines:
        pdf.drawCentredString(width / 2, y, line)
        y -= size * 1.3
    pdf.setFont(font, 12)
    pdf.drawCentredString(width / 2, y - 30 + size * 1.3, f"证书编号：{text.number}")
    rows = [
        ("单位名称", text.holder),
        ("发证机关", text.issuer),
        ("有效期", text.valid_text),
        *[("", line) for line in text.lines],
    ]
    y = height - 260
    for label, value in rows:
        pdf.setFont(font, 14)
        if label:
            pdf.drawString(110, y, f"{label}：")
        pdf.drawString(210, y, value)
        y -= 34
    _seal(pdf, font, width - 190, 190, text.issuer)
    pdf.showPage()
    pdf.save()
    return out


TITLE_MARGIN = 80  # from the page edge; the inner frame is at 52
TITLE_SIZES = (30, 22)  # the largest size, the smallest before the title wraps


def title_layout(title: str, font: str, room: float) -> tuple[float, list[str]]:
    """The title's font size and lines: 30 pt when it fits, smaller down to 22 pt, then wrapped
    onto more lines at 22 pt."""
    largest, smallest = TITLE_SIZES
    title = chinese_punctuation(title)
    size = min(largest, math.floor(room / max(stringWidth(title, font, 1), 1e-6)))
    if size >= smallest:
        return size, [title]
    return smallest, wrap_text(title, room, font, smallest).split("\n")


def _border(pdf: canvas.Canvas, width: float, height: float) -> None:
    pdf.setStrokeColor(HexColor("#b08d3c"))
    pdf.setLineWidth(6)
    # The bottom margin leaves room for the page footer a packet prints over each scan.
    pdf.rect(40, 64, width - 80, height - 104, stroke=1, fill=0)
    pdf.setLineWidth(1.5)
    pdf.rect(52, 76, width - 104, height - 128, stroke=1, fill=0)


def _seal(pdf: canvas.Canvas, font: str, x: float, y: float, issuer: str) -> None:
    pdf.setStrokeColor(SEAL)
    pdf.setFillColor(SEAL)
    pdf.setLineWidth(3)
    pdf.circle(x, y, 62, stroke=1, fill=0)
    pdf.setFont(font, 30)
    pdf.drawCentredString(x, y - 11, "★")
    pdf.setFont(font, 8)
    pdf.drawCentredString(x, y + 30, issuer[:12])
    pdf.drawCentredString(x, y - 40, "专用章")

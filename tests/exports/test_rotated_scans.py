"""Scanned pages stored turned with /Rotate (90, 180, 270): in the assembled PDF each is viewed
as the upright A4 certificate it is, with the footer ("第 X 页 共 Y 页") upright at the bottom
centre and the watermarks across the middle, exactly as on a scan that was never turned.

Geometry is read back with pypdf (each string's transformation matrices) and mapped through the
page's own /Rotate to where a viewer shows it, so the check holds however the page is stored."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from data.scans import certificate_pdf, rotated_scan
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from app.exports.pdf_assembly import Part, assemble
from app.exports.pdf_fonts import register_font
from app.exports.tender_packet import PacketCover, PacketSection, build_packet, page_footer

MARK = "仅供测试项目投标使用"


def _multiply(m, n):
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _viewed_size(page) -> tuple[float, float]:
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    return (height, width) if page.rotation % 180 else (width, height)


def _to_viewed(page, x: float, y: float, dx: float, dy: float):
    """A point and a direction on the page as a viewer shows it (/Rotate turns clockwise)."""
    left, bottom = float(page.mediabox.left), float(page.mediabox.bottom)
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    x, y = x - left, y - bottom
    turn = page.rotation % 360
    if turn == 90:
        return y, width - x, dy, -dx
    if turn == 180:
        return width - x, height - y, -dx, -dy
    if turn == 270:
        return height - y, x, -dy, dx
    return x, y, dx, dy


def viewed_strings(page) -> list[tuple[str, float, float, float]]:
    """(text, x, y, angle in degrees counter-clockwise) of every string, as viewed."""
    found = []

    def visit(text, cm, tm, _font, _size):
        if not text.strip():
            return
        a, b, _c, _d, e, f = _multiply(tm, cm)
        x, y, dx, dy = _to_viewed(page, e, f, a, b)
        found.append((text.strip(), x, y, math.degrees(math.atan2(dy, dx))))

    page.extract_text(visitor_text=visit)
    return found


def _find(strings, needle: str):
    hits = [s for s in strings if needle in s[0]]
    assert hits, (needle, [s[0] for s in strings])
    return hits[0]


def _assert_upright_a4(page, number: int, total: int, title: str, watermark: bool) -> None:
    width, height = _viewed_size(page)
    assert (round(width), round(height)) == (round(A4[0]), round(A4[1])), page.rotation
    strings = viewed_strings(page)
    _text, x, y, angle = _find(strings, f"第 {number} 页 共 {total} 页")
    assert abs(angle) < 0.5, angle  # reads left to right
    assert y < 20 * mm and abs(x - width / 2) < 30 * mm, (x, y)  # bottom centre, not a side
    _text, tx, ty, tangle = _find(strings, title)
    assert abs(tangle) < 0.5 and ty > height * 0.75, (tx, ty, tangle)  # the scan's own title
    assert ty > y  # above its footer
    if watermark:
        _text, wx, wy, wangle = _find(strings, MARK)
        assert abs(wangle - 45) < 0.5, wangle  # rising to the right, as on every scan
        assert width * 0.2 < wx < width * 0.6 and height * 0.3 < wy < height * 0.6, (wx, wy)


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_turned_scan_is_stamped_as_viewed(tmp_path, rotation):
    title = f"旋转{rotation}度证书"
    scan = rotated_scan(tmp_path / f"scan{rotation}.pdf", rotation, title, pages=2)
    plain = certificate_pdf(tmp_path / "plain.pdf", "未旋转证书")
    out = tmp_path / "out.pdf"
    assemble(
        [Part("扫描件", files=[plain, scan], watermark_scans=True)],
        out,
        register_font(None),
        title="t",
        footer=page_footer,
        scan_watermark=MARK,
    )
    reader = PdfReader(out)
    assert len(reader.pages) == 3
    _assert_upright_a4(reader.pages[0], 1, 3, "未旋转证书", watermark=True)
    for number in (2, 3):
        _assert_upright_a4(reader.pages[number - 1], number, 3, title, watermark=True)


def test_turned_scans_in_a_packet_with_draft_mark(tmp_path):
    """In the packet: every page numbered upright, the turned scans watermarked and 草稿."""
    scans = [rotated_scan(tmp_path / f"s{r}.pdf", r, f"证书{r}") for r in (90, 180, 270)]
    out = tmp_path / "packet.pdf"
    result = build_packet(
        PacketCover("项目", "ZB-1", "北京华信科技有限公司", "2026年11月26日", "正本"),
        [PacketSection("资格证明文件", files=scans)],
        out,
        draft=True,
        scan_watermark=MARK,
    )
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages
    first = result.section_pages[0]
    for offset, rotation in enumerate((90, 180, 270)):
        number = first + offset
        page = reader.pages[number - 1]
        _assert_upright_a4(page, number, result.pages, f"证书{rotation}", watermark=True)
        _text, _x, _y, angle = _find(viewed_strings(page), "草稿")
        assert abs(angle - 45) < 0.5


def test_a_rotate_that_is_no_quarter_turn_is_ignored(tmp_path):
    scan = certificate_pdf(tmp_path / "odd.pdf", "奇怪的旋转")
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, NumberObject

    writer = PdfWriter(clone_from=scan)
    writer.pages[0][NameObject("/Rotate")] = NumberObject(45)
    odd = tmp_path / "odd45.pdf"
    writer.write(odd)
    out = tmp_path / "out.pdf"
    assemble(
        [Part("扫描件", files=[Path(odd)])], out, register_font(None), title="t", footer=page_footer
    )
    page = PdfReader(out).pages[0]
    assert page.rotation % 360 == 0
    _assert_upright_a4(page, 1, 1, "奇怪的旋转", watermark=False)

"""Scans for tests, generated on the spot: certificate PDFs (app.exports.demo_scans), photographed
certificates as PNG, and scanner output stored sideways with a /Rotate entry.

A scanner that feeds a page sideways stores the raster as it was read and sets /Rotate so that
a viewer shows the page upright. `rotated_scan` makes such a page: an upright A4 certificate,
its content turned against the rotation, and /Rotate set, so that the page *as viewed* is the
upright certificate and only its storage is rotated."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter

from app.exports.demo_scans import CertificateText, write_certificate_scan


def certificate_pdf(
    out: Path, title: str = "营业执照", holder: str = "北京华信科技有限公司", number: str = "CERT-1"
) -> Path:
    """A one-page A4 certificate PDF with Chinese text (embedded font)."""
    return write_certificate_scan(
        CertificateText(title, holder, number, "北京市市场监督管理局", "长期"), Path(out)
    )


def certificate_png(out: Path, size: tuple[int, int] = (1240, 1754)) -> Path:
    """A photographed certificate: a cream page with a gold border and a red seal (150 dpi A4)."""
    image = Image.new("RGB", size, (247, 243, 232))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((60, 60, w - 60, h - 60), outline=(176, 141, 60), width=12)
    for row in range(8):
        y = 400 + row * 110
        draw.rectangle((200, y, w - 200, y + 30), fill=(31, 42, 68))
    draw.ellipse((w - 420, h - 520, w - 180, h - 280), outline=(204, 26, 26), width=10)
    image.save(out, "PNG")
    return Path(out)


def rotated_scan(out: Path, rotation: int, title: str = "营业执照", pages: int = 1) -> Path:
    """A certificate scan stored turned by `rotation` (90, 180, 270) with /Rotate `rotation`:
    viewed, each page is the upright A4 certificate titled `title`."""
    upright = certificate_pdf(Path(out).with_suffix(".upright.pdf"), title)
    writer = PdfWriter()
    for _ in range(pages):
        page = writer.add_page(PdfReader(upright).pages[0])
        page.rotation = -rotation % 360
        page.transfer_rotation_to_content()  # content and boxes now stored turned
        page.rotation = rotation  # and the viewer turns them back
    with open(out, "wb") as fh:
        writer.write(fh)
    upright.unlink()
    return Path(out)

"""Renders the program's icon (resources/icons/sales-compass.svg, the one drawing) to what each
system asks for, into resources/icons/:

- app/<size>.png: 16 ... 512 px (the Linux hicolor theme, the .deb and the AppImage);
- sales-compass.ico: 16, 24, 32, 48, 64, 128, 256 px (the Windows executable and installer);
- sales-compass.icns: 16 ... 1024 px (the macOS .app).

    QT_QPA_PLATFORM=offscreen python scripts/make_icons.py

Qt (QSvgRenderer, already a dependency) draws the SVG; Pillow (a dependency of ReportLab here,
and of the `package` extra) writes .ico and .icns. The results are committed, so a build needs
neither step; run this again after changing the drawing."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "sales-compass.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int) -> bytes:
    """The SVG drawn at size x size, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SOURCE)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = {
        size: Image.open(io.BytesIO(render(size))).convert("RGBA") for size in (*PNG_SIZES, 1024)
    }
    folder = ICONS / "app"
    folder.mkdir(exist_ok=True)
    for size in PNG_SIZES:
        images[size].save(folder / f"{size}.png", optimize=True)
    images[256].save(
        ICONS / "sales-compass.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES],
    )
    images[1024].save(
        ICONS / "sales-compass.icns", append_images=[images[s] for s in (16, 32, 64, 128, 256, 512)]
    )
    print(f"{folder}: {len(PNG_SIZES)} PNGs; sales-compass.ico; sales-compass.icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())

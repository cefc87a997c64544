"""Icons drawn from SVG at whatever size and scale they are shown (crisp at 125 % and 150 %), in
the colour of the theme's text (light on a dark theme): resources/icons/*/NAME.svg are drawn with
`currentColor`, which is replaced by the colour asked for."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app import paths

FOLDER = paths.RESOURCES / "icons"


class SvgIconEngine(QIconEngine):
    """Renders one SVG for every size and device pixel ratio; disabled: half transparent."""

    def __init__(self, svg: bytes):
        super().__init__()
        self.svg = svg
        self.renderer = QSvgRenderer(QByteArray(svg))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.45)
        self.renderer.render(painter, QRectF(rect))
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(  # noqa: N802 - Qt override
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(0, 0, pixmap.width(), pixmap.height()), mode, state)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self.svg)


def svg_icon(group: str, name: str, color: QColor) -> QIcon:
    """resources/icons/<group>/<name>.svg drawn in `color`; a null icon when it is missing."""
    path = FOLDER / group / f"{name}.svg"
    if not path.is_file():
        return QIcon()
    svg = path.read_text(encoding="utf-8").replace("currentColor", color.name())
    return QIcon(SvgIconEngine(svg.encode("utf-8")))

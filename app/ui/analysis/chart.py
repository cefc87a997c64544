"""A view's chart on the analysis page: bars for (label, value) pairs, or the rising Pareto
curve with its 80 % line, drawn with QPainter in the theme's text colour."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

BAR = QColor("#1F5FA8")


class ChartWidget(QWidget):
    """Bars for (label, value) pairs, or a rising line for the Pareto curve, drawn with QPainter."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = ""
        self.points: tuple[tuple[str, Decimal], ...] = ()
        self.curve = False
        self.setMinimumHeight(150)

    def set_chart(
        self, title: str, points: Iterable[tuple[str, Decimal]], curve: bool = False
    ) -> None:
        self.title, self.points, self.curve = title, tuple(points), curve
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        painter.drawText(QRectF(0, 4, self.width(), 20), Qt.AlignmentFlag.AlignHCenter, self.title)
        area = QRectF(40, 44, max(self.width() - 60, 10), max(self.height() - 74, 10))
        painter.setPen(QPen(QColor("#888888")))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        if not self.points:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("No data"))
            return
        if self.curve:
            self._curve(painter, area)
        else:
            self._bars(painter, area)

    def _bars(self, painter: QPainter, area: QRectF) -> None:
        top = max(float(v) for _, v in self.points) or 1.0
        step = area.width() / len(self.points)
        for i, (label, value) in enumerate(self.points):
            height = area.height() * float(value) / top
            width = min(step * 0.7, 90.0)
            left = area.left() + i * step + (step - width) / 2
            bar = QRectF(left, area.bottom() - height, width, height)
            painter.fillRect(bar, BAR)
            painter.setPen(QPen(self.palette().text().color()))  # readable on a dark theme too
            text_box = QRectF(area.left() + i * step, area.bottom() + 2, step, 18)
            painter.drawText(text_box, Qt.AlignmentFlag.AlignHCenter, label[:6])
            painter.drawText(
                QRectF(bar.left() - 10, bar.top() - 16, bar.width() + 20, 14),
                Qt.AlignmentFlag.AlignHCenter,
                _short(value),
            )

    def _curve(self, painter: QPainter, area: QRectF) -> None:
        last = max(int(label) for label, _ in self.points) or 1
        pen = QPen(BAR)
        pen.setWidthF(2)
        painter.setPen(pen)
        previous = area.bottomLeft()
        for label, value in self.points:
            x = area.left() + area.width() * int(label) / last
            point = QPointF(x, area.bottom() - area.height() * float(value) / 100)
            painter.drawLine(previous, point)
            previous = point
        dashed = QPen(QColor("#C0392B"))
        dashed.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        y80 = area.bottom() - area.height() * 0.8
        painter.drawLine(QPointF(area.left(), y80), QPointF(area.right(), y80))
        painter.drawText(QPointF(area.left() - 36, y80 + 4), "80%")


def _short(value: Decimal) -> str:
    number = float(value)
    if abs(number) >= 100_000_000:
        return f"{number / 100_000_000:.1f}亿"
    if abs(number) >= 10_000:
        return f"{number / 10_000:.1f}万"
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.1f}"

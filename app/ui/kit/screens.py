"""Windows that fit the screen they open on: a 1366×768 laptop, or 1920×1080 at 125 % and 150 %
(1536×864 and 1280×720 logical pixels), minus the taskbar.

`fit_to_screen(window)` makes a window no larger than the screen's available area (less the
title bar and borders the window manager adds) and moves it fully onto it. FormDialog applies it
on first show, the main window when it restores its geometry. A window still fits only when its
layout lets it shrink: a long form puts its fields in `scrolling(form)` (a QScrollArea) and keeps
its buttons outside, so they stay on screen."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# What the window manager adds around a window not shown yet (title bar, borders): generous, so
# the bottom buttons are never under the taskbar on Windows or GNOME.
ESTIMATED_FRAME = QMargins(8, 34, 8, 8)


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The usable area of the screen `widget` is (or will be) on: without the taskbar/panels."""
    screen = None
    if widget is not None:
        parent = widget.parentWidget()
        screen = (parent.window() if parent is not None else widget).screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_margins(window: QWidget) -> QMargins:
    frame, inner = window.frameGeometry(), window.geometry()
    margins = QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )
    if window.isVisible() and margins.top() > 0:
        return margins
    return ESTIMATED_FRAME


def largest_size(window: QWidget) -> QSize:
    """The largest client size that fits with its frame on the window's screen."""
    area = available_geometry(window)
    frame = frame_margins(window)
    return QSize(
        area.width() - frame.left() - frame.right(),
        area.height() - frame.top() - frame.bottom(),
    )


def fit_to_screen(window: QWidget) -> QWidget:
    """Shrinks `window` to the screen's available area (never below what its layout needs: a
    form too long for the screen must scroll) and moves it, frame and all, onto the screen."""
    area = available_geometry(window)
    frame = frame_margins(window)
    largest = largest_size(window)
    minimum = window.minimumSize()
    if minimum.width() > largest.width() or minimum.height() > largest.height():
        window.setMinimumSize(minimum.boundedTo(largest))
    size = window.size()
    if not window.isVisible() and not window.testAttribute(Qt.WidgetAttribute.WA_Resized):
        size = window.sizeHint()  # what show() would use
    # never smaller than the layout needs (nothing squeezed), never larger than the screen
    fitted = size.expandedTo(window.minimumSizeHint()).boundedTo(largest)
    if fitted != window.size():
        window.resize(fitted)
    size = window.size()  # the layout may have refused to go smaller
    inner = window.geometry()
    left = min(inner.x(), area.right() + 1 - frame.right() - size.width())
    top = min(inner.y(), area.bottom() + 1 - frame.bottom() - size.height())
    left = max(left, area.left() + frame.left())
    top = max(top, area.top() + frame.top())
    if (left, top) != (inner.x(), inner.y()):
        window.setGeometry(QRect(left, top, size.width(), size.height()))
    return window


def fits_on_screen(window: QWidget) -> bool:
    """Whether the window with its frame is inside the available area of its screen."""
    area = available_geometry(window)
    frame = frame_margins(window)
    outer = window.geometry().marginsAdded(frame)
    return area.contains(outer)


def scrolling(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """`content` (a form's fields) in a frameless scroll area that grows with the window and
    scrolls when the screen is too small for it; the dialog's buttons go below, outside it."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    area.setSizeAdjustPolicy(QScrollArea.SizeAdjustPolicy.AdjustToContents)
    return area

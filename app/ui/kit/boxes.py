"""Rows and columns of widgets in one call, instead of a box layout and a line per item:

    bar = boxes.row(title, ..., self.new_button, self.print_button)   # ... is a stretch
    boxes.column(bar, (self.table, 1), self.count_label, parent=self, margin=12)

An item is a widget or a layout; `(item, stretch)` or `(item, stretch, alignment)`; an int, a
space of so many pixels; `...`, a stretch (factor 1)."""

from __future__ import annotations

from types import EllipsisType
from typing import TypeVar

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

Item = QWidget | QLayout | int | EllipsisType | tuple
B = TypeVar("B", bound=QBoxLayout)


HEADING = "font-size: 18px; font-weight: bold;"


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    """A page's title (or an empty list's), large and bold."""
    return QLabel(text, parent, styleSheet=HEADING)


def fill(layout: B, *items: Item, margin: int | None = None) -> B:
    """Adds `items` to `layout` in order (and sets its margins to `margin` pixels)."""
    if margin is not None:
        layout.setContentsMargins(margin, margin, margin, margin)
    for item in items:
        if item is ...:
            layout.addStretch(1)
        elif isinstance(item, int):
            layout.addSpacing(item)
        else:
            thing, *more = item if isinstance(item, tuple) else (item,)
            add = layout.addLayout if isinstance(thing, QLayout) else layout.addWidget
            add(thing, *more)
    return layout


def row(*items: Item, parent: QWidget | None = None, margin: int | None = None) -> QHBoxLayout:
    """A QHBoxLayout of `items` (the layout of `parent` when given)."""
    return fill(QHBoxLayout() if parent is None else QHBoxLayout(parent), *items, margin=margin)


def column(*items: Item, parent: QWidget | None = None, margin: int | None = None) -> QVBoxLayout:
    """A QVBoxLayout of `items` (the layout of `parent` when given)."""
    return fill(QVBoxLayout() if parent is None else QVBoxLayout(parent), *items, margin=margin)

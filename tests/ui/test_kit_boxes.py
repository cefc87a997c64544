"""app.ui.kit.boxes: a row or a column of widgets in one call, in the order given."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpacerItem, QWidget

from app.ui.kit import boxes


def test_a_row_and_a_column_hold_their_items_in_order(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    title, new, table = QLabel("Tenders"), QPushButton("New"), QLabel("list")
    inner = QHBoxLayout()
    bar = boxes.row(title, 12, ..., (new, 0, Qt.AlignmentFlag.AlignTop))
    column = boxes.column(bar, (table, 1), inner, parent=page, margin=0)
    assert page.layout() is column and column.contentsMargins().left() == 0
    assert [column.itemAt(i).layout() or column.itemAt(i).widget() for i in range(3)] == [
        bar,
        table,
        inner,
    ]
    assert column.stretch(1) == 1
    assert bar.itemAt(0).widget() is title
    assert isinstance(bar.itemAt(1), QSpacerItem) and bar.itemAt(1).sizeHint().width() == 12
    assert bar.stretch(2) == 1  # ... is a stretch
    assert bar.itemAt(3).widget() is new and bar.itemAt(3).alignment() == Qt.AlignmentFlag.AlignTop
    assert new.parent() is page  # laid out on the page


def test_fill_adds_to_a_layout_made_before(qtbot):
    layout = boxes.column()
    label = QLabel("count")
    assert boxes.fill(layout, label, ...) is layout
    assert layout.count() == 2 and layout.itemAt(0).widget() is label

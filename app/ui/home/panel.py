"""The home page's panel: a titled short list (app.ui.kit.tables) with its count in the title,
"(200+)" when the list was cut, and a sentence when it is empty. Enter or a double-click opens
the row's record; a cell's whole text is in its tooltip (a narrow panel elides it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from operator import attrgetter
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from app.ui.kit.tables import Column, ListModel, ListView


def underlined(_row: object) -> QFont:
    """The font of a cell that acts as a link."""
    font = QFont()
    font.setUnderline(True)
    return font


def with_hint(
    columns: Sequence[Column[Any]], hint: Callable[[Any], str] | None
) -> tuple[Column[Any], ...]:
    """Each cell's tooltip: its whole text (a narrow panel elides it), then the row's hint."""

    def tooltip(column: Column[Any]) -> Callable[[Any], str]:
        return lambda row: "\n".join(filter(None, (column.text(row), hint(row) if hint else "")))

    return tuple(replace(column, tooltip=tooltip(column)) for column in columns)


class Panel(QGroupBox):
    """A titled short list of records of one kind: `opened(kind, id)` on Enter or a
    double-click. Short columns fit their text, the `stretch` ones share the rest."""

    opened = Signal(str, int)

    def __init__(
        self,
        title: str,
        kind: str,
        columns: Sequence[Column[Any]],
        empty_text: str,
        *,
        hint: Callable[[Any], str] | None = None,
        row_id: Callable[[Any], int] = attrgetter("id"),
        parent: QWidget | None = None,
    ):
        super().__init__(title, parent)
        self.base_title = title
        self.model = ListModel(with_hint(columns, hint), row_id=row_id, parent=self)
        self.view = ListView(self.model, fit="contents", parent=self)
        self.view.setShowGrid(False)
        self.view.empty_state.say("", empty_text)
        self.view.row_activated.connect(lambda record_id: self.opened.emit(kind, record_id))
        QVBoxLayout(self).addWidget(self.view)

    def set_rows(self, rows: Sequence[Any], more: bool) -> None:
        """Shows `rows`; `more`: the list was cut, there are more than these."""
        self.model.set_rows(rows)
        count = f"{len(rows)}{'+' if more else ''}"
        self.setTitle(self.tr("{0} ({1})").format(self.base_title, count))  # 今日待办（3）

    def column_texts(self, column: int) -> list[str]:
        return [self.model.index(row, column).data() for row in range(self.model.rowCount())]

"""Stored statuses, kinds and methods as the window shows them: through the domain's one table
of labels (app.domain.labels), in the window's language (UiContext.lang). Every table cell,
combo box, filter, detail pane and panel that shows such a value goes through here; the value
kept in a combo box's item data stays the stored one."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from PySide6.QtWidgets import QComboBox

from app.domain import labels as domain_labels

Vocabulary = type[StrEnum] | str


def shown(value: StrEnum | str | None, lang: str, of: Vocabulary | None = None) -> str:
    """The label of a stored value in the window's language ('zh_CN' or 'en')."""
    return domain_labels.label(value, lang, of)


def add_choices(
    combo: QComboBox,
    of: Vocabulary,
    lang: str,
    values: Iterable[StrEnum | str] | None = None,
) -> None:
    """Adds one item per value (label shown, stored value as the item's data)."""
    for value, text in domain_labels.choices(of, lang, values):
        combo.addItem(text, value)

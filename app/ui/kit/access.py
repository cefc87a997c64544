"""Names for screen readers on controls that have no label of their own: a search or filter box
is named by its placeholder ("名称、信用代码、拼音首字母…"), a button showing only a sign or an
icon by its tooltip. A field with a label beside it (QFormLayout's, or any QLabel whose buddy
it is) is named by that label already and left alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

FIELDS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit)
SIGNS = set("+-−–×…<>←→↑↓⟳")
COMPOUND = (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QTabBar,
    QCalendarWidget,
    QAbstractItemView,
)


def is_sign_only(text: str) -> bool:
    """'+', '-', '…' or nothing: a button a screen reader cannot name from its text."""
    letters = text.replace("&", "").strip()
    return not letters or all(c in SIGNS for c in letters)


def _inside_compound(widget: QWidget, root: QWidget) -> bool:
    """Part of a compound control (a date box's calendar, a combo box's editor, a line edit's
    clear button, a tab bar's scroll buttons): named by the control it belongs to."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, COMPOUND):
            return True
        parent = parent.parentWidget()
    return False


def unlabelled(root: QWidget) -> list[QWidget]:
    """The fields and buttons under `root` a screen reader would have no name for."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    found = []
    for widget in root.findChildren(QWidget):
        if widget.accessibleName() or id(widget) in buddies or _inside_compound(widget, root):
            continue
        if not widget.isVisibleTo(root) or widget.window() is not root.window():
            continue
        sign_button = isinstance(widget, (QPushButton, QToolButton)) and is_sign_only(widget.text())
        if isinstance(widget, QLineEdit) or sign_button:
            found.append(widget)
    return found


def _focus_target(widget: QWidget) -> QWidget | None:
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return widget
    for child in widget.findChildren(QWidget):
        if child.focusPolicy() & Qt.FocusPolicy.TabFocus and not _inside_compound(child, widget):
            return child
    return None


def label_the_fields(root: QWidget) -> None:
    """A form's label names the field beside it even when the field sits in a box (with its
    error line, or a 选择… button): the label's buddy becomes the field itself, so a screen
    reader reads the label and the label's shortcut key focuses the field."""
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is None or buddy.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        target = _focus_target(buddy)
        if target is not None:
            label.setBuddy(target)
    for layout in root.findChildren(QLayout):  # 主持人 [____]  记录人 [____] in one row
        if isinstance(layout, QFormLayout):
            continue
        widgets = [layout.itemAt(i).widget() for i in range(layout.count())]
        for label, field in zip(widgets, widgets[1:], strict=False):
            if isinstance(label, QLabel) and label.buddy() is None and field is not None:
                target = _focus_target(field)
                if isinstance(target, FIELDS) and label.text().strip():
                    label.setBuddy(target)


def name_unlabelled(root: QWidget) -> list[QWidget]:
    """Gives every field and sign-only button under `root` a name: its form label, else its
    placeholder, else its tooltip. Returns those still without one."""
    label_the_fields(root)
    left = []
    for widget in unlabelled(root):
        name = widget.placeholderText() if isinstance(widget, QLineEdit) else ""
        name = name or widget.toolTip()
        if name:
            widget.setAccessibleName(name.split(" (")[0])
        else:
            left.append(widget)
    return left

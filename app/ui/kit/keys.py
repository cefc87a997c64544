"""The standard keys, the same on every screen: Ctrl+N a new record of the area, Ctrl+P print the
record's document, Del delete what is selected in a list (the page's own 删除, which asks
first), Ctrl+S save in an editor, Ctrl+W close a dialog.

A page or dialog marks the button that does the thing (`mark(button, PRINT)`); the key presses
that button, so the key does exactly what the button does (its question, its checks, its
background job) and is shown in the button's tooltip. The main window's menu actions find the
marked button of the area on show; a dialog gets its keys from `install_dialog_keys`."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QWidget,
)

ROLE = "salesCompassKey"
VIEW = "salesCompassKeyView"
NEW = "new"
PRINT = "print"
DELETE = "delete"
SAVE = "save"
CLOSE = "close"
FIND = "find"
HELP = "help"

PRINT_REQUEST = "salesCompassPrintRequest"
PRINT_REQUEST_SECONDS = 120.0  # making the PDF of a long packet takes a while


def key(role: str) -> QKeySequence:
    """The key of `role` (made when asked: standard keys need the application to exist)."""
    standard = QKeySequence.StandardKey
    keys = {
        NEW: lambda: QKeySequence(standard.New),
        PRINT: lambda: QKeySequence(standard.Print),
        DELETE: lambda: QKeySequence(Qt.Key.Key_Delete),
        SAVE: lambda: QKeySequence(standard.Save),
        CLOSE: lambda: QKeySequence("Ctrl+W"),
        FIND: lambda: QKeySequence("Ctrl+K"),
        HELP: lambda: QKeySequence(standard.HelpContents),
    }
    return keys[role]()


def key_text(key: QKeySequence | str) -> str:
    """How the key is written on this system (Ctrl+P; ⌘P on macOS)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def with_key(text: str, key: QKeySequence | str) -> str:
    """A tooltip that names its key: "打印… (Ctrl+P)"."""
    return f"{text} ({key_text(key)})" if text else key_text(key)


def hint(widget: QWidget, key: QKeySequence | str) -> None:
    """Adds the key to the widget's tooltip (its text when it has no tooltip)."""
    text = widget.toolTip() or (widget.text() if isinstance(widget, QAbstractButton) else "")
    text = text.replace("&", "").rstrip("…").rstrip(".").strip()
    if f"({key_text(key)})" not in text:
        widget.setToolTip(with_key(text, key))


def mark(button: QAbstractButton, role: str, view: QAbstractItemView | None = None):
    """`button` is what `role`'s key does here. A delete button names its list: Del acts only
    while that list has the focus (never in a text field, never in another list)."""
    button.setProperty(ROLE, role)
    if view is not None:
        button.setProperty(VIEW, view)
    hint(button, key(role))
    return button


def press(button: QAbstractButton) -> bool:
    if button.isVisibleTo(button.window()) and button.isEnabled():
        button.click()
        return True
    return False


def marked(root: QWidget, role: str) -> QAbstractButton | None:
    """The visible, enabled button marked `role` in `root`'s own window (not in a dialog that
    belongs to it)."""
    for button in root.findChildren(QAbstractButton):
        if button.property(ROLE) != role or button.window() is not root.window():
            continue
        if button.isVisibleTo(root) and button.isEnabled():
            return button
    return None


def trigger(root: QWidget, role: str) -> bool:
    button = marked(root, role)
    return button is not None and press(button)


def delete_here(root: QWidget) -> bool:
    """Del: presses the delete button of the list that has the focus (its own question)."""
    focus = QApplication.focusWidget()
    if focus is None:
        return False
    for button in root.findChildren(QAbstractButton):
        if button.property(ROLE) != DELETE or button.window() is not root.window():
            continue
        view = button.property(VIEW)
        if isinstance(view, QWidget) and (view is focus or view.isAncestorOf(focus)):
            return press(button)
    return False


def print_here(root: QWidget) -> bool:
    """Ctrl+P: presses the marked print button; the preview it leads to opens the print dialog
    straight away (`take_print_request`)."""
    button = marked(root, PRINT)
    if button is None:
        return False
    root.window().setProperty(PRINT_REQUEST, time.monotonic() + PRINT_REQUEST_SECONDS)
    if not press(button):
        root.window().setProperty(PRINT_REQUEST, None)
        return False
    return True


def take_print_request(preview: QWidget) -> bool:
    """Whether the preview opening now was asked for with Ctrl+P in the window it belongs to
    (not long ago: a document that failed to print leaves no request behind for long)."""
    parent = preview.parentWidget()
    if parent is None:
        return False
    window = parent.window()
    deadline = window.property(PRINT_REQUEST)
    window.setProperty(PRINT_REQUEST, None)
    return isinstance(deadline, float) and time.monotonic() <= deadline


def install_dialog_keys(dialog: QDialog, save: Callable[[], object] | None = None) -> None:
    """Ctrl+W closes the dialog (asking first when a form has changes), Ctrl+P prints its
    record's document (the marked button), Del deletes in the focused list (the marked
    button), Ctrl+S presses `save` when given."""
    QShortcut(key(CLOSE), dialog).activated.connect(dialog.reject)
    QShortcut(key(PRINT), dialog).activated.connect(lambda: print_here(dialog))
    QShortcut(key(DELETE), dialog).activated.connect(lambda: delete_here(dialog))
    if save is not None:
        QShortcut(key(SAVE), dialog).activated.connect(save)

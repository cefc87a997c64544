"""Forms that never lose typing, never change behind the user's back, and show their errors.

- `FieldErrors`: a red line under each wrong input and a red frame around it; after a refused
  save the first wrong input of the form is brought into view (its tab chosen, the scroll area
  around it scrolled) and focused (`reveal`).
- `FormDialog`: the base of every dialog. Enter presses the dialog's save button and no other
  (or nothing); Enter in a multi-line field is a new line. Closing a dialog whose fields
  changed (Esc, the title-bar close, 取消) asks 「放弃未保存的更改？」 保存 / 放弃更改 / 继续编辑;
  a dialog with no changes closes at once. The fields are read the same way everywhere
  (`form_values`) when the dialog is first shown, and compared when it is closed. Its save
  runs through `write()` (ops.write with the save button disabled meanwhile).
- `install_form_guards(app)`: on the application, a combo box or a spin/date box takes the
  wheel only when it has the focus (and the wheel never gives it the focus); otherwise the
  wheel scrolls the form around it.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QPointF,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.conflicts import conflict_lines
from app.domain.errors import (
    AppError,
    ConflictError,
    FieldProblem,
    ValidationError,
    ValidationErrors,
)
from app.domain.messages import problem_text, reason_text
from app.services import search
from app.ui.context import UiContext
from app.ui.kit import keys, ops
from app.ui.kit.access import name_unlabelled
from app.ui.kit.dates import DateEdit, DateTimeEdit, from_qdate, to_qdate
from app.ui.kit.screens import fit_to_screen
from app.ui.widgets import ERROR_STYLE, error_text, message_lang

__all__ = [
    "ClientPicker",
    "OptionalDate",
    "OptionalDateTime",
    "from_qdate",
    "suggest_values",
    "to_qdate",
]

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum size"

# -- errors that are seen ----------------------------------------------------------------------


def problems_of(exc: AppError) -> list[FieldProblem]:
    if isinstance(exc, ValidationErrors):
        return list(exc.problems)
    if isinstance(exc, ValidationError):
        return [FieldProblem(exc.field, exc.code, dict(exc.details))]
    return []


def _focus_target(widget: QWidget) -> QWidget:
    """The widget itself when it takes the focus, else its first child that does (the check
    box of an optional date, the line edit of a composite field)."""
    if widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return widget
    candidate = widget.nextInFocusChain()
    while candidate is not None and candidate is not widget:
        if (
            widget.isAncestorOf(candidate)
            and candidate.isEnabled()
            and not candidate.isHidden()
            and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            return candidate
        candidate = candidate.nextInFocusChain()
    return widget


def reveal(widget: QWidget) -> None:
    """Brings an input into view and gives it the focus: every tab or stacked page holding it
    is made current, and every scroll area around it scrolls until it is in sight."""
    child, parent = widget, widget.parentWidget()
    while parent is not None and not child.isWindow():
        if isinstance(parent, QStackedWidget):
            owner = parent.parentWidget()
            if isinstance(owner, QTabWidget):
                owner.setCurrentWidget(child)
            else:
                parent.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()
    # Error lines just shown change the form's height: lay it out before measuring.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
        parent = parent.parentWidget()
    _focus_target(widget).setFocus(Qt.FocusReason.OtherFocusReason)


def reveal_problem(exc: AppError, inputs: dict[str, QWidget]) -> QWidget | None:
    """For a form that shows its errors in one line: reveals the input named by the first
    problem of `exc` that has one in `inputs`. Returns that input (None if none)."""
    for problem in problems_of(exc):
        widget = inputs.get(problem.field)
        if widget is not None:
            reveal(widget)
            return widget
    return None


def error_line(parent: QWidget | None = None) -> QLabel:
    """A red line that wraps, for what no field shows (a refused save, a record gone)."""
    line = QLabel(parent)
    line.setStyleSheet("color: #d9363e;")
    line.setWordWrap(True)
    return line


class FieldErrors:
    """A red message under each input that is wrong, and a red frame around the input; the
    first wrong input of the form (in the order of the form) is brought into view and focused.
    `named`: the message starts with the field's name (「统一社会信用代码：校验位不正确」)."""

    def __init__(self, lang: str, named: bool = False):
        self.lang = message_lang(lang)
        self.named = named
        self.labels: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {}

    def wrap(self, field: str, widget: QWidget) -> QWidget:
        box = QWidget()
        # As tall as the field wants (a line edit stays one line, a text box grows): a box that
        # took the form's spare height would sink its field below the row's label. A text box
        # of a fixed or capped height (备注, 60 px) grows no taller either.
        expand = QSizePolicy.PolicyFlag.ExpandFlag.value
        capped = widget.maximumHeight() < QWIDGETSIZE_MAX
        grows = widget.sizePolicy().verticalPolicy().value & expand and not capped
        vertical = QSizePolicy.Policy.Preferred if grows else QSizePolicy.Policy.Maximum
        box.setSizePolicy(QSizePolicy.Policy.Preferred, vertical)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = QLabel()
        label.setStyleSheet("color: #d9363e;")
        label.setWordWrap(True)
        label.hide()
        layout.addWidget(label)
        self.labels[field] = label
        self.inputs[field] = widget
        return box

    def clear(self) -> None:
        for field, label in self.labels.items():
            label.clear()
            label.hide()
            self.inputs[field].setStyleSheet("")

    def show(self, problems: list[FieldProblem]) -> list[FieldProblem]:
        """Marks the fields and reveals the first; returns the problems with no field here."""
        unplaced = []
        for problem in problems:
            label = self.labels.get(problem.field)
            if label is None:
                unplaced.append(problem)
                continue
            text = self.text_of(problem)
            label.setText("\n".join(filter(None, [label.text(), text])))
            label.show()
            self.inputs[problem.field].setStyleSheet(ERROR_STYLE)
        self.reveal_first()
        return unplaced

    def text_of(self, problem: FieldProblem) -> str:
        """The message of a problem as this form words it."""
        if self.named:
            return problem_text(problem.field, problem.code, problem.details, self.lang)
        return reason_text(problem.code, problem.details, self.lang)

    def reveal_first(self) -> QWidget | None:
        """Brings the first input with a message into view and focuses it (for a form that
        also writes a message itself). Returns that input (None if no field is marked)."""
        for field, label in self.labels.items():
            if not label.isHidden() and label.text():
                reveal(self.inputs[field])
                return self.inputs[field]
        return None

    def message(self, field: str) -> str:
        label = self.labels.get(field)
        return label.text() if label is not None else ""

    def show_failure(
        self, exc: Exception, line: QLabel, cells: dict[str, QWidget] | None = None
    ) -> None:
        """A refused save said where it belongs: each problem under its input, the others in
        `line` (the whole error there when it names no field: a file, a record gone). The
        first wrong input is revealed; when no problem has an input of its own, the first of
        `cells` a problem names (a table whose cells have no error line) is."""
        problems = problems_of(exc) if isinstance(exc, AppError) else []
        unplaced = self.show(problems)
        words = [problem_text(p.field, p.code, p.details, self.lang) for p in unplaced]
        line.setText("\n".join(words) if problems else error_text(exc, self.lang))
        if cells and len(unplaced) == len(problems):
            reveal_problem(exc, cells)


# -- what a form holds -------------------------------------------------------------------------

_COMPOUND = (QComboBox, QAbstractSpinBox, QAbstractItemView)


def _inside_compound(widget: QWidget, root: QWidget) -> bool:
    """Parts of another input (a spin box's line edit, a cell's editor) are read through it."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, _COMPOUND):
            return True
        parent = parent.parentWidget()
    return False


def _view_value(view: QAbstractItemView) -> object:
    model = view.model()
    if model is None:
        return None
    checkable = Qt.ItemFlag.ItemIsUserCheckable
    if isinstance(view, QListView):  # lists: only what the user ticks
        ticks = []
        for row in range(model.rowCount()):
            index = model.index(row, view.modelColumn())
            if model.flags(index) & checkable:
                ticks.append((index.data(), index.data(Qt.ItemDataRole.CheckStateRole)))
        return tuple(ticks) or None
    if view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers:
        return None  # a table to read, not to fill in
    rows = []
    for row in range(model.rowCount()):
        cells = []
        for column in range(model.columnCount()):
            index = model.index(row, column)
            cell = view.indexWidget(index)
            cells.append(
                (
                    index.data(Qt.ItemDataRole.EditRole),
                    index.data(Qt.ItemDataRole.CheckStateRole)
                    if model.flags(index) & checkable
                    else None,
                    _value(cell) if cell is not None else None,
                )
            )
        rows.append(tuple(cells))
    return ("rows", tuple(rows))


def _value(widget: QWidget) -> object:
    """What the user can change in `widget`; None for what is not an input (or is read-only)."""
    if isinstance(widget, QLineEdit):
        return None if widget.isReadOnly() else widget.text()
    if isinstance(widget, QComboBox):
        return ("combo", widget.currentText())
    if isinstance(widget, QAbstractSpinBox):
        return None if widget.isReadOnly() else ("spin", widget.text())
    if isinstance(widget, QTextBrowser):
        return None
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return None if widget.isReadOnly() else widget.toPlainText()
    if isinstance(widget, QCheckBox | QRadioButton):
        return ("checked", widget.isChecked())
    if isinstance(widget, QAbstractItemView):
        return _view_value(widget)
    return None


def form_values(root: QWidget) -> list[tuple[QWidget, object]]:
    """Every input of the window `root` with its value: line and text edits, combo boxes,
    spin and date boxes, check and radio buttons, ticked list items and the cells (and cell
    widgets) of editable tables. Inputs of other windows (a child dialog) are left out."""
    found = []
    for widget in root.findChildren(QWidget):
        if widget.window() is not root or _inside_compound(widget, root):
            continue
        value = _value(widget)
        if value is not None:
            found.append((widget, value))
    return found


# -- dialogs -----------------------------------------------------------------------------------

SAVE, DISCARD, KEEP, RELOAD = "save", "discard", "keep", "reload"


def choose(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Sequence[tuple[str, str, QMessageBox.ButtonRole]],
    default: str,
    escape: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> str:
    """A question whose buttons say what they do: `buttons` are (key, label, role); returns the
    key of the button pressed (`escape` for Esc). Enter presses `default` and no other."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    keys = {}
    for key, label, role in buttons:
        button = box.addButton(label, role)
        button.setAutoDefault(key == default)
        keys[key] = button
    box.setDefaultButton(keys[default])
    box.setEscapeButton(keys[escape])
    box.exec()
    clicked = box.clickedButton()
    return next((key for key, button in keys.items() if button is clicked), escape)


def ask_unsaved(parent: QWidget, can_save: bool = True) -> str:
    """「放弃未保存的更改？」 SAVE, DISCARD or KEEP (editing). Enter saves; Esc keeps editing."""
    buttons = [
        (SAVE, QCoreApplication.translate("FormDialog", "Save"), QMessageBox.ButtonRole.AcceptRole),
        (
            DISCARD,
            QCoreApplication.translate("FormDialog", "Discard changes"),
            QMessageBox.ButtonRole.DestructiveRole,
        ),
        (
            KEEP,
            QCoreApplication.translate("FormDialog", "Keep editing"),
            QMessageBox.ButtonRole.RejectRole,
        ),
    ]
    if not can_save:
        buttons = buttons[1:]
    return choose(
        parent,
        parent.windowTitle() or QCoreApplication.translate("FormDialog", "Unsaved changes"),
        QCoreApplication.translate("FormDialog", "Discard unsaved changes?"),
        buttons,
        default=SAVE if can_save else KEEP,
        escape=KEEP,
        icon=QMessageBox.Icon.Warning,
    )


class FormDialog(QDialog):
    """A dialog where Enter saves (or does nothing) and closing with changes asks first.

    A subclass builds its fields, then calls `set_form_buttons(save_button)`. The fields are
    read when the dialog is first shown (so whatever filled it before counts as the start);
    `mark_clean()` reads them again (after filling it later). `extra_state()` adds what the
    fields do not show (files queued to attach), `save_before_closing()` runs the save of the
    question's 保存, and `discard()` closes without asking."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._save_button: QPushButton | None = None
        self._enter_saves = True
        self._guarded = True
        self._quiet_close = False
        self._baseline: tuple[list[tuple[QWidget, object]], object] | None = None
        self.loaded_version: int | None = None  # edits_version()
        self._fetch_latest: Callable[[], object] | None = None
        self._fill_latest: Callable[[object], None] | None = None
        self.conflict_text = ""  # the last refusal's words (who changed what)
        keys.install_dialog_keys(self, save=self.save_by_key)  # Ctrl+S, Ctrl+P, Ctrl+W

    def set_form_buttons(
        self, save: QPushButton | None, *, enter_saves: bool = True, guard: bool = True
    ) -> None:
        """`save` is the button that saves. Enter presses it (nothing when `enter_saves` is
        False, or without one) and never another button; `guard` asks before closing with
        changes (False for a dialog that only shows or picks)."""
        self._save_button = save
        self._enter_saves = enter_saves
        self._guarded = guard
        if save is not None:
            keys.hint(save, keys.key(keys.SAVE))
        if self.isVisible():
            self._apply_enter_rule()

    def save_buttons(
        self, save: Callable[[], object], text: str = "", cancel: str = ""
    ) -> QDialogButtonBox:
        """保存 and 取消 for the bottom of the form: `save` runs on 保存 (named `text` when
        given), Enter and Ctrl+S; 取消 (named `cancel` when given) asks first when there are
        changes. The save button is `self.save_button`."""
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = box.button(QDialogButtonBox.StandardButton.Save)
        if text:
            self.save_button.setText(text)
        if cancel:
            box.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)
        box.accepted.connect(save)
        box.rejected.connect(self.reject)
        self.set_form_buttons(self.save_button)
        return box

    # --- Enter ------------------------------------------------------------------------------
    def _enter_button(self) -> QPushButton | None:
        return self._save_button if self._enter_saves else None

    def tame_button(self, button: QPushButton) -> None:
        """A button of this dialog other than the save button is never pressed by Enter."""
        if button is not self._enter_button() and button.window() is self:
            button.setAutoDefault(False)
            button.setDefault(False)

    def _apply_enter_rule(self) -> None:
        for button in self.findChildren(QPushButton):
            self.tame_button(button)
        enter = self._enter_button()
        if enter is not None:
            enter.setAutoDefault(True)
            enter.setDefault(True)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._apply_enter_rule()
        super().showEvent(event)
        if self._baseline is None and not event.spontaneous():
            self.mark_clean()
        if not event.spontaneous():
            fit_to_screen(self)  # on a 1366×768 laptop too, the buttons on screen
            name_unlabelled(self)  # a screen reader names every field and sign-only button
            for area in self.findChildren(QScrollArea):  # Tab goes from field to field, never
                fields = area.widget().findChildren(QWidget) if area.widget() else []
                if any(w.focusPolicy() & Qt.FocusPolicy.TabFocus for w in fields):
                    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # stops on a scrolling frame

    def save_by_key(self) -> None:
        """Ctrl+S: what the save button does."""
        if self._save_button is not None:
            keys.press(self._save_button)

    def write(
        self,
        fn: Callable[..., object],
        *args: object,
        changes: ops.ChangesSpec,
        on_done: Callable[[object], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """The dialog's save through ops.write, its save button disabled while the write runs
        (Enter pressed twice saves once)."""
        button = self._save_button

        def again() -> None:
            if button is not None and shiboken6.isValid(button):
                button.setEnabled(True)

        def done(result: object) -> None:
            again()
            on_done(result)

        def failed(exc: Exception) -> None:
            again()
            on_error(exc)

        if button is not None:
            button.setEnabled(False)
        handle = ops.write(
            self, fn, *args, changes=changes, on_done=done, on_error=failed, on_cancelled=again
        )
        if handle is None:  # an exclusive job holds the archive: nothing was written
            again()

    # --- the version the form started from (issue 14 §3) -------------------------------------
    def edits_version(
        self,
        version: int | None,
        fetch: Callable[[], object] | None = None,
        fill: Callable[[object], None] | None = None,
    ) -> None:
        """The form shows a record at `version`: its save checks it (`versioned(fn)`), and a
        save refused because someone else changed the record meanwhile keeps the form as typed
        and says who changed what, with 载入最新 (`fetch()` in the background, then
        `fill(record)`: the record as it is now) and 取消 (back to the typing)."""
        self.loaded_version = version
        self._fetch_latest, self._fill_latest = fetch, fill

    def versioned(self, fn: Callable[..., object]) -> Callable[..., object]:
        """`fn`, an edit service, called with the version the form started from."""
        version = getattr(self, "loaded_version", None)
        return fn if version is None else functools.partial(fn, expected_version=version)

    def refused_by_conflict(self, exc: ConflictError) -> bool:
        """ops.write hands a ConflictError here (not to the write's on_error): the save button
        works again, the typing stays, and the person chooses 载入最新 or 取消."""
        if getattr(self, "loaded_version", None) is None:
            return False
        if self._save_button is not None and shiboken6.isValid(self._save_button):
            self._save_button.setEnabled(True)
        lines = conflict_lines(exc, message_lang(ops.context_of(self).lang))
        self.conflict_text = "\n".join(lines)  # who and when, a line per field, not saved
        reload = QCoreApplication.translate("FormDialog", "Load latest")
        cancel = QCoreApplication.translate("FormDialog", "Cancel")
        answer = choose(
            self,
            QCoreApplication.translate("FormDialog", "Changed by someone else"),
            self.conflict_text,
            [
                (RELOAD, reload, QMessageBox.ButtonRole.DestructiveRole),
                (KEEP, cancel, QMessageBox.ButtonRole.RejectRole),
            ],
            default=KEEP,
            escape=KEEP,
            icon=QMessageBox.Icon.Warning,
        )
        if answer == RELOAD:
            self.load_latest()
        return True

    def load_latest(self) -> None:
        """Fills the form with the record as it is now (the person's typing is dropped)."""
        if self._fetch_latest is None or self._fill_latest is None:
            return

        def fill(record: object) -> None:
            self._fill_latest(record)
            self.loaded_version = getattr(record, "version", None)
            self.mark_clean()

        ops.query(self, self._fetch_latest, on_done=fill, key="latest-version")

    # --- changes ----------------------------------------------------------------------------
    def extra_state(self) -> object:
        """What the form holds besides its fields (e.g. files queued to attach on save)."""
        return None

    def mark_clean(self) -> None:
        """The fields as they are now are the unchanged state."""
        self._baseline = (form_values(self), self.extra_state())

    def has_unsaved_changes(self) -> bool:
        if self._baseline is None:
            return False
        values, extra = self._baseline
        if self.extra_state() != extra:
            return True
        return any(
            shiboken6.isValid(w) and self.tracks(w) and _value(w) != value for w, value in values
        )

    def tracks(self, widget: QWidget) -> bool:
        """False for an input that is not the dialog's to ask about when closing (a part that
        saves each change at once, such as the settings' 节假日 tab)."""
        return True

    def save_before_closing(self) -> bool:
        """What 保存 in the closing question does: presses the save button. True when the
        dialog saved but stays open (it is then closed as accepted)."""
        if self._save_button is not None and self._save_button.isEnabled():
            self._save_button.click()
        return False

    def _can_save(self) -> bool:
        return self._save_button is not None and self._save_button.isEnabled()

    def reject(self) -> None:
        """Esc, the title-bar close, 取消 and `reject()`: asks first when there are unsaved
        changes. `close()` called by code (a page replacing the dialog, the tests' clean-up)
        closes without asking, as before."""
        if self._quiet_close:
            super().reject()
        else:
            self.close_asking()

    def close_asking(self) -> bool:
        """Closes the dialog as the user would: asks first when there are unsaved changes.
        False when it stays open (继续编辑, or 保存 refused)."""
        if self._guarded and self.isVisible() and self.has_unsaved_changes():
            answer = ask_unsaved(self, self._can_save())
            if answer == SAVE:
                if self.save_before_closing() and self.isVisible():
                    self.accept()
                return not self.isVisible()
            if answer != DISCARD:
                return False
        super().reject()
        return True

    def discard(self) -> None:
        """Closes without asking (the user chose to go elsewhere)."""
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._quiet_close = not event.spontaneous()  # close() in code, not the title bar
        try:
            super().closeEvent(event)  # reject(); the close is refused if still visible
        finally:
            self._quiet_close = False

    def done(self, result: int) -> None:
        super().done(result)
        self._baseline = None  # shown again, it starts from what it shows then


def show_instead(current: FormDialog | None, dialog: FormDialog) -> FormDialog:
    """Shows `dialog` in place of `current` (the page's open dialog, if any): with changes in
    `current` the user is asked first, and 继续编辑 keeps it (raised, with what was typed)
    and drops `dialog`. Returns the dialog shown."""
    if current is not None and current.isVisible() and not current.close_asking():
        dialog.deleteLater()
        current.raise_()
        return current
    dialog.show()
    return dialog


# -- the wheel ---------------------------------------------------------------------------------

_WHEEL_FIELDS = (QComboBox, QAbstractSpinBox)
GUARD_NAME = "salesCompassFormGuard"


def _strong_focus(widget: QWidget) -> None:
    """Click and Tab give a field the focus; the wheel does not."""
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _hand_up(widget: QWidget, event: QWheelEvent) -> None:
    """Delivers the wheel to the widgets around `widget` as Qt does for a wheel nobody took:
    each parent in turn (positions mapped) until one accepts it, e.g. a scroll area's bar."""
    position = QPointF(event.position())
    current = widget
    while not current.isWindow() and not current.testAttribute(
        Qt.WidgetAttribute.WA_NoMousePropagation
    ):
        position = current.mapToParent(position)
        current = current.parentWidget()
        if current is None:
            return
        forwarded = QWheelEvent(
            position,
            event.globalPosition(),
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
            event.source(),
        )
        forwarded.ignore()
        QApplication.sendEvent(current, forwarded)
        if forwarded.isAccepted():
            return


class _FormGuard(QObject):
    """The application's event filter: the wheel never edits an unfocused field, and a new
    button of a FormDialog is never pressed by Enter."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            if (
                isinstance(watched, _WHEEL_FIELDS)
                and not watched.hasFocus()
                and watched.window().windowType() != Qt.WindowType.Popup
            ):
                if event.spontaneous():
                    event.ignore()  # Qt hands an ignored wheel on to the parent: the form scrolls
                else:  # sent by code: it reaches the receiver only, so hand it on here
                    _hand_up(watched, event)
                    event.accept()
                return True
        elif kind == QEvent.Type.Polish:
            if isinstance(watched, _WHEEL_FIELDS):
                _strong_focus(watched)
            elif isinstance(watched, QPushButton):
                window = watched.window()
                if isinstance(window, FormDialog):
                    window.tame_button(watched)
        return False


def install_form_guards(app: QCoreApplication) -> QObject:
    """Installs the wheel guard on the application once (later calls return it)."""
    existing = app.findChild(_FormGuard, GUARD_NAME)
    if existing is not None:
        return existing
    guard = _FormGuard(app)
    guard.setObjectName(GUARD_NAME)
    app.installEventFilter(guard)
    for widget in QApplication.allWidgets():  # fields made before the guard
        if isinstance(widget, _WHEEL_FIELDS):
            _strong_focus(widget)
    return guard


@contextlib.contextmanager
def form_guards_paused(app: QCoreApplication) -> Iterator[None]:
    """The guard off while the main window builds itself: no input comes meanwhile (the event
    loop is not running), and the two thousand events of its making (children added, widgets
    polished and laid out) did not each pass through Python (a twentieth of a second of the
    window's start, issue 11). After it, the fields made meanwhile take the wheel as
    install_form_guards gives it to fields made before the guard (a dialog tames its buttons
    itself when shown)."""
    guard = app.findChild(_FormGuard, GUARD_NAME)
    if guard is None:
        yield
        return
    app.removeEventFilter(guard)
    try:
        yield
    finally:
        app.installEventFilter(guard)
        for widget in QApplication.allWidgets():
            if isinstance(widget, _WHEEL_FIELDS):
                _strong_focus(widget)


# -- shared fields -----------------------------------------------------------------------------

CLIENT_SUGGESTIONS = 50


class ClientPicker(QLineEdit):
    """A client name box with suggestions from the archive as one types (works on 100,000
    clients, pinyin initials too: hxkj finds 华信科技). `chosen(id)` when a client is picked
    or its name typed in full; `resolve()` the chosen client at save time."""

    chosen = Signal(int)  # client id

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.client_id: int | None = None
        self._ids_by_name: dict[str, int] = {}
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # The archive has already filtered (pinyin initials too): show its answer as it is.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated.connect(self._choose)
        self.setCompleter(completer)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh_suggestions)
        self.textEdited.connect(self._on_edited)
        self.setPlaceholderText(self.tr("Type part of a client name or its pinyin initials"))

    def _on_edited(self, _text: str) -> None:
        self.client_id = None
        self._timer.start()

    def refresh_suggestions(self) -> None:
        self._timer.stop()
        text = self.text().strip()
        # The search index answers in milliseconds on 100,000 clients, pinyin initials included.
        hits = (
            search.search(self.ctx.archive, text, CLIENT_SUGGESTIONS, ("client",)) if text else []
        )
        self._ids_by_name = {hit.title: hit.id for hit in hits}
        self._names.setStringList(list(self._ids_by_name))
        if text in self._ids_by_name:
            self._choose(text)
        elif self.hasFocus():
            self.completer().complete()

    def _choose(self, name: str) -> None:
        client_id = self._ids_by_name.get(name)
        if client_id is not None and client_id != self.client_id:
            self.client_id = client_id
            self.chosen.emit(client_id)

    def set_client(self, client_id: int, name: str) -> None:
        self.setText(name)
        self._ids_by_name = {name: client_id}
        self._choose(name)

    def resolve(self) -> int | None:
        """The chosen client, or the one whose name was typed in full."""
        if self.client_id is None and self.text().strip():
            self.refresh_suggestions()
            self._choose(self.text().strip())
        return self.client_id


class OptionalDate(QWidget):
    """A date that may be left empty: a checkbox enables the date box."""

    box_type: type[DateEdit | DateTimeEdit] = DateEdit

    def __init__(self, label: str, default: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.check = QCheckBox(label)
        self.edit = self.box_type(default)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        # one line high, like the date box it holds: a form's spare height goes elsewhere
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(to_qdate(value))


class OptionalDateTime(OptionalDate):
    """A date and time that may be left empty (a bid deadline): a checkbox enables the box."""

    box_type = DateTimeEdit

    def value(self) -> datetime | None:
        return self.edit.value() if self.check.isChecked() else None

    def set_value(self, value: datetime | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.set_value(value)


def suggest_values(
    field: QLineEdit | QComboBox,
    load: Callable[..., Iterable[str]],
    *args: object,
    ctx: UiContext | None = None,
) -> QCompleter:
    """Offers, as one types, the values `load(*args)` lists, e.g. the industries already in
    the archive (`suggest_values(edit, suggestions.client_values, ctx.archive, "industry")`):
    typing 机械 offers 机械制造. Any part of a value matches, in any case. The values are
    read in the background (ops.query); a combo box must be editable."""
    model = QStringListModel(field)
    completer = QCompleter(model, field)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    field.setCompleter(completer)
    ops.query(
        field,
        load,
        *args,
        on_done=lambda values: model.setStringList(list(values)),
        on_error=lambda _exc: None,  # no suggestions is no reason to interrupt
        key="suggestions",
        label=QCoreApplication.translate("forms", "Loading suggestions…"),
        ctx=ctx,
    )
    return completer

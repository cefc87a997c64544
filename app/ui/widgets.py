"""Small shared widgets and helpers: error boxes, a progress dialog bound to a task, formatting."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressDialog, QWidget

from app.domain.errors import AppError, FileError
from app.domain.messages import describe
from app.ui.tasks import TaskHandle

# a light background always with dark text: a dark theme's light text would not read on it
ERROR_STYLE = "border: 1px solid #d9363e; background: #fff4f4; color: #1f1f1f;"


def message_lang(lang: str) -> str:
    """app.domain.messages speaks 'zh' or 'en'; the UI context says 'zh_CN' or 'en'."""
    return "en" if lang.startswith("en") else "zh"


def error_text(exc: BaseException, lang: str = "zh_CN") -> str:
    if isinstance(exc, OSError):  # disk full, read-only, no permission: said in words
        exc = FileError.from_os_error(exc)
    if isinstance(exc, AppError):
        return describe(exc, message_lang(lang))
    return f"{type(exc).__name__}: {exc}"


def show_error(parent: QWidget | None, exc: BaseException, lang: str = "zh_CN") -> None:
    """A message box a person can act on; unexpected errors keep their traceback in details."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("widgets", "Sales Compass"))
    box.setText(error_text(exc, lang))
    trace = getattr(exc, "traceback_text", "")
    if trace and not isinstance(exc, AppError):
        box.setDetailedText(trace)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


def format_money(value: Decimal | None) -> str:
    return "" if value is None else f"¥{value:,.2f}"


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def tier_badge(tier: str) -> QLabel:
    """A coloured letter for the client tier (A red ... D grey)."""
    colours = {"A": "#c0392b", "B": "#d68910", "C": "#2471a3", "D": "#7f8c8d"}
    label = QLabel(tier)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setFixedSize(28, 22)
    label.setStyleSheet(
        f"background:{colours.get(tier, '#7f8c8d')}; color:white; border-radius:4px;"
        "font-weight:bold;"
    )
    return label


class TaskProgressDialog(QProgressDialog):
    """A modal progress dialog that follows a TaskHandle and cancels it on 取消."""

    def __init__(self, handle: TaskHandle, parent: QWidget | None = None):
        super().__init__(
            handle.label, QCoreApplication.translate("widgets", "Cancel"), 0, 0, parent
        )
        self.handle = handle
        self.setWindowTitle(QCoreApplication.translate("widgets", "Sales Compass"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(300)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.canceled.connect(handle.cancel)
        handle.progressed.connect(self._on_progress)
        handle.finished.connect(self.close)
        if handle.done:
            self.close()

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.setMaximum(total)
            self.setValue(min(done, total))

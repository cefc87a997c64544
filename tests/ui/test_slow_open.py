"""Opening an archive in the window that takes long (an upgrade of a large archive and its
search index rebuilt: minutes on 100,000 clients) shows a busy dialog that says so, instead of
leaving the screen empty; a quick open shows none; an error still reaches the user."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from app.domain.errors import AppError
from app.ui import application


def _dialogs_seen(qapp) -> list[str]:
    """Records the text of every visible progress dialog while the open runs."""
    seen: list[str] = []

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                seen.append(widget.labelText())

    timer = QTimer(qapp)
    timer.timeout.connect(look)
    timer.start(20)
    return seen


def test_a_slow_open_says_what_it_is_doing_and_returns_the_archive(qapp, tmp_path, monkeypatch):
    opened = object()

    def slow_open(path, **_kwargs):
        time.sleep(1.0)
        return opened

    monkeypatch.setattr(application.archive_service, "open_archive", slow_open)
    seen = _dialogs_seen(qapp)
    assert application.open_with_progress(tmp_path / "大客户档案.sqlite3") is opened
    assert seen and "大客户档案.sqlite3" in seen[0]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)
                and w.isVisible()]  # fmt: skip


def test_a_quick_open_shows_no_dialog(qapp, tmp_path, monkeypatch):
    opened = object()
    monkeypatch.setattr(application.archive_service, "open_archive", lambda path, **k: opened)
    seen = _dialogs_seen(qapp)
    assert application.open_with_progress(tmp_path / "a.sqlite3") is opened
    QApplication.processEvents()
    assert seen == []


def test_an_error_during_a_slow_open_reaches_the_user(qapp, tmp_path, monkeypatch):
    def failing_open(path, **_kwargs):
        time.sleep(0.6)
        raise AppError("archive_corrupt", path=str(path), reason="database disk image is malformed")

    shown = []
    monkeypatch.setattr(application.archive_service, "open_archive", failing_open)
    monkeypatch.setattr(application, "unlock_archive", lambda _p: True, raising=False)
    monkeypatch.setattr("app.ui.password_dialog.unlock_archive", lambda _p: True)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(a[2]))
    assert application.open_or_explain(tmp_path / "坏.sqlite3") is None
    assert shown and "坏.sqlite3" in shown[0]

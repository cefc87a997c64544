"""帮助 → 关于 shows the third-party notices (every licence text) on a tab of its own, and the
window carries the program's icon, driven through the real window."""

from __future__ import annotations

from PySide6.QtCore import QTranslator

from app.ui import application
from app.ui.tasks import SynchronousTaskRunner


def test_about_shows_the_third_party_notices(archive, qtbot):
    window = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.about_action.trigger()
    dialog = window.active_dialog
    qtbot.waitExposed(dialog)
    assert dialog.notices.toPlainText() == ""  # read when the tab is opened, not before
    dialog.tabs.setCurrentWidget(dialog.notices)
    text = dialog.notices.toPlainText()
    for expected in (
        "PySide6",
        "LGPL-3.0",
        "CPython",
        "PSF-2.0",
        "SQLAlchemy",
        "reportlab",
        "WenQuanYi Micro Hei",
        "SIL OPEN FONT LICENSE",
        "Permission is hereby granted",
    ):
        assert expected.lower() in text.lower(), expected
    assert dialog.notices.isReadOnly()
    qtbot.waitUntil(lambda: dialog.notices.verticalScrollBar().maximum() > 0)
    assert dialog.width() <= 1366 and dialog.height() <= 768 - 40
    assert dialog.tabs.tabText(dialog.tabs.indexOf(dialog.notices)) == "Third-party notices"
    dialog.reject()


def test_the_window_has_the_program_icon(qapp, tmp_path, qtbot):
    started = application.start_gui(["--db", str(tmp_path / "new.sqlite3")])
    assert not isinstance(started, int)
    _app, window = started
    qtbot.addWidget(window)
    try:
        assert not qapp.windowIcon().isNull()
        assert not window.windowIcon().isNull()
        assert window.windowIcon().pixmap(32, 32).width() == 32
    finally:
        window.close()
        window.ctx.archive.close()
        for translator in qapp.findChildren(QTranslator):  # the other tests expect English
            qapp.removeTranslator(translator)

"""What a laptop user expects of a desktop program, driven through the real window: 文件 → 打开档案…,
新建档案…, 最近打开 and the archive's path in the title; the last area and the last folders
remembered (per user, not in the archive); the standard keys (Ctrl+N, Ctrl+1…9, Del, F1, Ctrl+W);
帮助 → 关于 with the version and the licences; a dark theme never gives light-on-light text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.domain.enums import Tier
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients
from app.services.archive import open_archive
from app.ui import application, user_settings
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def client(archive):
    return clients.create_client(
        archive, ClientDraft(name="北京华信科技有限公司", tier=Tier.A), [ContactDraft(name="张伟")]
    )


@pytest.fixture
def window(archive, qtbot):
    shown = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    return shown


def press(window, keys: str) -> None:
    QTest.keySequence(window.windowHandle(), QKeySequence(keys))


# -- archives ----------------------------------------------------------------------------------


@pytest.fixture
def desktop(qapp, qtbot):
    made = application.Desktop(qapp, "en", make_runner=SynchronousTaskRunner)
    yield made
    if made.window is not None:
        made.window.backups.stop()
        made.window.close()
        made.window.ctx.archive.close()
    made.deleteLater()


def shown_window(desktop, path: Path, qtbot):
    window = desktop.open(path)
    assert window is not None  # the desktop closes it (or deletes it once switched away)
    qtbot.waitExposed(window)
    return window


def test_open_archive_switches_the_window_and_releases_the_first(
    desktop, tmp_path, qtbot, monkeypatch
):
    first, second = tmp_path / "总部.sqlite3", tmp_path / "华东分部.sqlite3"
    open_archive(second).close()
    old = shown_window(desktop, first, qtbot)
    assert old.windowTitle() == f"Sales Compass — {first.resolve()}"
    picked = []

    def pick(parent, caption, folder, filters):
        picked.append((caption, folder, filters))
        return str(second), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    file_menu = old.menuBar().actions()[0].menu()
    assert [a.text() for a in file_menu.actions()[:3]] == [
        "Open archive…",
        "New archive…",
        "Open recent",
    ]
    assert old.open_archive_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    old.open_archive_action.trigger()

    new = desktop.window
    assert new is not old and new.isVisible()
    assert new.ctx.archive.path == second.resolve()
    assert new.windowTitle() == f"Sales Compass — {second.resolve()}"
    qtbot.waitUntil(lambda: not old.isVisible())
    assert old.ctx.archive.closed  # closed: jobs stopped, the lock released
    open_archive(first, wait=0).close()  # nobody holds the first archive any more
    # the file dialog opened in the documents folder the first time, never the program's folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert picked[0][1] == (documents or str(Path.home()))
    assert picked[0][2] == "Archives (*.sqlite3 *.db);;All files (*)"
    assert user_settings.last_folder("archives") == tmp_path


def test_recent_archives_the_last_five_the_current_ticked_a_missing_one_greyed(
    desktop, tmp_path, qtbot, monkeypatch
):
    paths = [tmp_path / f"档案{n}.sqlite3" for n in range(6)]
    window = None
    for path in paths:  # opened one after the other, through 最近打开's own path
        window = desktop.switch(path, create=True) if window else shown_window(desktop, path, qtbot)
    assert user_settings.recent_archives() == [p.resolve() for p in reversed(paths[1:])]
    paths[2].unlink()
    for leftover in paths[2].parent.glob(paths[2].name + "*"):
        leftover.unlink() if leftover.is_file() else None
    window.refresh_recent_menu()
    entries = [a for a in window.recent_menu.actions() if a.data()]
    assert [Path(a.data()) for a in entries] == [p.resolve() for p in reversed(paths[1:])]
    assert entries[0].isChecked()  # this window's archive
    missing = next(a for a in entries if Path(a.data()) == paths[2].resolve())
    assert not missing.isEnabled() and missing.toolTip() == "The file is missing"
    # choosing an older one switches to it
    entries[4].trigger()
    assert desktop.window.ctx.archive.path == paths[1].resolve()
    clear = next(a for a in desktop.window.recent_menu.actions() if a.text() == "Clear list")
    clear.trigger()
    assert user_settings.recent_archives() == []


def test_new_archive_makes_an_empty_one_and_refuses_an_existing_file(
    desktop, tmp_path, qtbot, monkeypatch
):
    old = shown_window(desktop, tmp_path / "a.sqlite3", qtbot)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "a.sqlite3"), "")
    )
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    old.new_archive_action.trigger()
    assert desktop.window is old and "already exists" in warned[0]

    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "新档案"), "")
    )
    old.new_archive_action.trigger()
    new = desktop.window
    assert new.ctx.archive.path == (tmp_path / "新档案.sqlite3").resolve()
    assert clients.client_count(new.ctx.archive) == 0
    assert new.client_list.table.is_empty_shown()  # the friendly empty state
    assert not new.client_list.table.empty_state.second.isHidden()  # 新建 or import


def test_an_archive_that_cannot_be_opened_leaves_the_window_as_it_was(
    desktop, tmp_path, qtbot, monkeypatch
):
    old = shown_window(desktop, tmp_path / "a.sqlite3", qtbot)
    junk = tmp_path / "notes.db"
    junk.write_text("not an archive")
    shown = []
    monkeypatch.setattr(application.QMessageBox, "critical", lambda *args: shown.append(args[2]))
    assert desktop.switch(junk) is None
    assert desktop.window is old and old.isVisible() and not old.ctx.archive.closed
    assert shown and "notes.db" in shown[0]


# -- remembered per user -----------------------------------------------------------------------


def test_the_window_reopens_in_the_last_area(archive, qtbot):
    first = application.build_window(archive, SynchronousTaskRunner(), "en")
    qtbot.addWidget(first)
    first.show()
    first.sidebar.setCurrentRow(first.AREAS.index("letters"))
    first.close()
    second = application.build_window(archive, SynchronousTaskRunner(), "en")
    qtbot.addWidget(second)
    assert second.current_area() == "letters"
    assert user_settings.store().value("main_window/area") == "letters"


def test_file_dialogs_remember_their_folder_per_purpose(window, client, tmp_path, monkeypatch):
    asked = []

    def save(parent, caption, start, filters):
        asked.append(start)
        return str(tmp_path / "exports" / "clients.xlsx"), ""

    (tmp_path / "exports").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    window.export_clients()
    window.export_clients()
    documents = user_settings.documents_folder()
    assert asked[0] == str(documents / "clients.xlsx")
    assert asked[1] == str(tmp_path / "exports" / "clients.xlsx")
    assert user_settings.last_folder("pdf") == documents  # another purpose: its own folder


# -- keys --------------------------------------------------------------------------------------


def test_ctrl_digits_switch_areas_and_show_in_menu_and_tooltips(window, qtbot):
    press(window, "Ctrl+3")
    assert window.current_area() == "activities"
    press(window, "Ctrl+1")
    assert window.current_area() == "home"
    view_menu = window.menuBar().actions()[2].menu()
    shortcuts = [a.shortcut().toString() for a in view_menu.actions()]
    assert shortcuts[:9] == [f"Ctrl+{n}" for n in range(1, 10)]
    assert shortcuts[9:] == [""] * (len(window.AREAS) - 9)
    assert window.sidebar.item(2).toolTip() == "Activities (Ctrl+3)"


def test_ctrl_n_makes_a_new_record_of_the_area_shown(window, qtbot):
    opened = []
    window.show_area("tenders")
    assert window.new_client_action.text() == "New tender"
    page = window.stack.currentWidget()
    page.new_button.clicked.disconnect()
    page.new_button.clicked.connect(lambda: opened.append("tender"))
    press(window, "Ctrl+N")
    assert opened == ["tender"]
    window.show_area("home")  # no 新建 of its own: a new client
    assert window.new_client_action.text() == "New client"
    press(window, "Ctrl+N")
    dialog = window.active_dialog
    assert type(dialog).__name__ == "ClientDialog"
    dialog.discard()


def test_del_in_a_list_deletes_with_a_question_and_not_in_a_text_field(
    window, archive, qtbot, monkeypatch
):
    from app.domain.documents import LetterDirection
    from app.services import letters
    from app.services.letters import LetterDraft

    letters.add_letter(archive, LetterDraft(LetterDirection.INCOMING, "关于报价的函", "甲单位"))
    window.show_area("letters")
    register = window.stack.currentWidget().incoming
    register.apply_filter()
    qtbot.waitUntil(lambda: register.view.model().rowCount() == 1)
    register.view.selectRow(0)
    asked = []
    monkeypatch.setattr(
        "app.ui.letters.page.confirm", lambda parent, title, text: asked.append(text) or False
    )
    register.text_filter.setFocus()
    press(window, "Del")
    assert asked == []  # Del edits the text, it deletes nothing
    register.view.setFocus()
    press(window, "Del")
    assert len(asked) == 1 and "关于报价的函" in asked[0]
    assert "Del" in register.delete_button.toolTip()


def test_f1_shows_help_with_the_keys_of_the_menus(window, qtbot):
    press(window, "F1")
    dialog = window.active_dialog
    qtbot.waitExposed(dialog)
    text = dialog.browser.toPlainText()
    assert "销售罗盘 使用帮助" in text  # the window speaks Chinese
    assert "Ctrl+P" in text and "Ctrl+N" in text and "Ctrl+3" in text
    QTest.keySequence(dialog.windowHandle(), QKeySequence("Ctrl+W"))
    assert not dialog.isVisible()


def test_help_speaks_english_in_english(window, qtbot):
    from app.ui.help_dialog import HelpDialog

    dialog = HelpDialog(window, "en")
    qtbot.addWidget(dialog)
    assert "Sales Compass help" in dialog.browser.toPlainText()


def test_about_shows_the_version_and_the_licences(window, qtbot):
    from app import about

    window.about_action.trigger()
    dialog = window.active_dialog
    qtbot.waitExposed(dialog)
    assert dialog.version == about.version()
    text = dialog.licences.toPlainText()
    for expected in (
        "Qt",
        "LGPL-3.0",
        "Python",
        "PSF-2.0",
        "ReportLab",
        "SQLAlchemy",
        "MIT",
        "WenQuanYi Micro Hei",
        "Apache-2.0",
        "Fandol",
    ):
        assert expected.lower() in text.lower(), expected
    fonts = dialog.tabs.widget(1).toPlainText()
    assert "Apache-2.0 or GPL-3+" in fonts and "GPL font exception" in fonts


def test_about_lists_the_installed_distributions():
    from app import about

    names = {c.name.lower().replace("_", "-") for c in about.components()}
    assert {"python", "pyside6-essentials", "sqlalchemy", "reportlab", "pypdf", "openpyxl"} <= names
    assert all(c.licence and c.licence != "?" for c in about.components())


def test_controls_without_a_label_have_accessible_names(window):
    assert window.search_field.accessibleName() == "Search"
    assert window.sidebar.accessibleName() == "Areas"
    assert "Ctrl+K" in window.search_field.toolTip()


# -- looks -------------------------------------------------------------------------------------


def luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#202124"),
        (roles.WindowText, "#e8eaed"),
        (roles.Base, "#171717"),
        (roles.AlternateBase, "#2a2a2a"),
        (roles.Text, "#e8eaed"),
        (roles.Button, "#303134"),
        (roles.ButtonText, "#e8eaed"),
        (roles.Highlight, "#8ab4f8"),
        (roles.HighlightedText, "#202124"),
        (roles.PlaceholderText, "#9aa0a6"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def text_and_paper(image, rect) -> tuple[QColor, QColor]:
    """The background of an item (its most common colour) and its text (the pixel farthest
    from it)."""
    counts: dict[int, int] = {}
    rect = rect.intersected(image.rect())
    for y in range(rect.top(), rect.bottom()):
        for x in range(rect.left(), rect.right()):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    paper = QColor(max(counts, key=counts.get))
    ink = max((QColor(rgb) for rgb in counts), key=lambda c: contrast(c, paper))
    return ink, paper


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_sidebar_follows_the_theme_with_readable_text(archive, qtbot, theme):
    app = QApplication.instance()
    before = app.palette()
    if theme == "dark":
        app.setPalette(dark_palette())
    try:
        window = application.build_window(archive, SynchronousTaskRunner(), "en")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.show_area("clients")
        image = window.sidebar.grab().toImage()
        for row in (0, 1):  # an item, and the selected one
            rect = window.sidebar.visualItemRect(window.sidebar.item(row))
            rect.setLeft(rect.left() + 32)  # the text, not the icon
            ink, paper = text_and_paper(image, rect)
            assert contrast(ink, paper) >= 4.5, (theme, row, ink.name(), paper.name())
        _ink, paper = text_and_paper(image, window.sidebar.visualItemRect(window.sidebar.item(0)))
        assert (luminance(paper) < 0.2) == (theme == "dark")  # its colours are the theme's
    finally:
        app.setPalette(before)


def test_the_sidebar_turns_dark_when_the_theme_changes_while_it_runs(window, qtbot):
    app = QApplication.instance()
    before = app.palette()
    try:
        app.setPalette(dark_palette())
        qtbot.wait(20)
        image = window.sidebar.grab().toImage()
        ink, paper = text_and_paper(image, window.sidebar.visualItemRect(window.sidebar.item(0)))
        assert luminance(paper) < 0.2 and contrast(ink, paper) >= 4.5
    finally:
        app.setPalette(before)


def test_the_window_icon_is_crisp_at_150_percent():
    icon = application.app_icon()
    assert not icon.isNull()
    assert icon.pixmap(48, 48).width() == 48
    big = icon.pixmap(256, 256)
    assert big.width() == 256  # drawn from the SVG, not scaled up from a small bitmap


def test_the_main_window_fits_a_small_screen(archive, qtbot, monkeypatch):
    from PySide6.QtCore import QRect

    from app.ui.kit import screens

    monkeypatch.setattr(screens, "available_geometry", lambda widget=None: QRect(0, 0, 1366, 728))
    window = application.build_window(archive, SynchronousTaskRunner(), "en")
    qtbot.addWidget(window)
    assert window.width() <= 1366 - 16 and window.height() <= 728 - 42
    assert screens.fits_on_screen(window)
    assert Qt  # (imported for the key helpers above)


def test_light_warning_strips_keep_dark_text_in_a_dark_theme(archive, qtbot):
    """The hard-coded light backgrounds (a field with an error, the duplicate-client strip)
    carry their own dark text, so a dark theme's light text never lands on them."""
    from app.ui.clients.client_dialog import ClientDialog
    from app.ui.context import UiContext, UiEvents

    app = QApplication.instance()
    before = app.palette()
    app.setPalette(dark_palette())
    try:
        ctx = UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")
        dialog = ClientDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.name_edit.setText("恒信")
        dialog.uscc_edit.setText("91110108MA01KPGY4X")  # wrong check digit
        dialog.save_button.click()
        assert dialog.isVisible()
        field = dialog.uscc_edit
        ink, paper = text_and_paper(field.grab().toImage(), field.rect().adjusted(4, 4, -4, -4))
        assert luminance(paper) > 0.7 and contrast(ink, paper) >= 4.5, (ink.name(), paper.name())
        dialog.duplicate_label.setText("已有同名客户：恒信")
        dialog.duplicate_bar.show()
        qtbot.wait(10)
        bar = dialog.duplicate_bar
        ink, paper = text_and_paper(bar.grab().toImage(), bar.rect())
        assert luminance(paper) > 0.7 and contrast(ink, paper) >= 4.5, (ink.name(), paper.name())
        dialog.discard()
    finally:
        app.setPalette(before)


def test_the_analysis_chart_labels_read_on_a_dark_theme(qtbot):
    from decimal import Decimal

    from PySide6.QtCore import QRect

    from app.ui.analysis.page import ChartWidget

    app = QApplication.instance()
    before = app.palette()
    app.setPalette(dark_palette())
    try:
        chart = ChartWidget()
        qtbot.addWidget(chart)
        chart.resize(300, 200)
        chart.set_chart("新客户数", [("董静", Decimal(3))])
        image = chart.grab().toImage()
        below_bar = QRect(40, chart.height() - 30, chart.width() - 60, 18)  # the bar's name
        ink, paper = text_and_paper(image, below_bar)
        assert luminance(paper) < 0.2 and contrast(ink, paper) >= 4.5, (ink.name(), paper.name())
    finally:
        app.setPalette(before)


def test_ctrl_s_saves_an_editor_and_ctrl_w_closes_it_asking_first(archive, client, qtbot):
    from PySide6.QtCore import QTimer

    from app.services import activities
    from app.ui.activities.dialog import ActivityDialog
    from app.ui.context import UiContext, UiEvents

    ctx = UiContext(archive, SynchronousTaskRunner(), UiEvents(), "en")
    dialog = ActivityDialog(ctx, client_id=client.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "(Ctrl+S)" in dialog.save_button.toolTip()
    dialog.subject.setText("季度拜访")
    QTest.keySequence(dialog.windowHandle(), QKeySequence("Ctrl+S"))
    assert [row.subject for row in activities.timeline(archive, client.id)] == ["季度拜访"]
    assert not dialog.isVisible()

    again = ActivityDialog(ctx, client_id=client.id)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.subject.setText("电话回访")
    asked = []

    def keep_editing() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):  # not asked yet: look again
            QTimer.singleShot(10, keep_editing)
            return
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == "Keep editing").click()

    QTimer.singleShot(0, keep_editing)
    QTest.keySequence(again.windowHandle(), QKeySequence("Ctrl+W"))
    assert asked == ["Discard unsaved changes?"] and again.isVisible()
    again.discard()

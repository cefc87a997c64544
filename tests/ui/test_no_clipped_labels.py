"""No label is clipped in either language: in every dialog and every page of the window, each
label, button, check box and tab is at least as wide as its text needs once the layout is done
(in English, and in Chinese with the translation installed), on a 1366×768 laptop screen. A
clipped one is listed by its window, kind and text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QPushButton,
    QTabBar,
    QTabWidget,
    QWidget,
)
from test_dialog_traps import DIALOGS

from app.domain.enums import ClientStatus, Tier
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients
from app.ui import application
from app.ui.context import UiContext, UiEvents
from app.ui.kit import screens
from app.ui.tasks import SynchronousTaskRunner

LAPTOP = QRect(0, 0, 1366, 768 - 40)  # less the taskbar
LANGUAGES = ("en", "zh_CN")


def _visit_tabs(root: QWidget) -> None:
    """Shows each tab in turn (a hidden tab is not laid out), the first one last."""
    for tabs in root.findChildren(QTabWidget):
        for index in [*range(1, tabs.count()), 0]:
            tabs.setCurrentIndex(index)
            QApplication.processEvents()


def clipped(root: QWidget) -> list[tuple[str, str, int, int]]:
    """(kind, text, width needed, width given) of every clipped text under `root`: a label
    that does not wrap, a button or check box, a tab of a tab bar. Icon-only buttons and
    labels that wrap their text are not clipped by a narrow width."""
    found = []
    for widget in [*root.findChildren(QLabel), *root.findChildren(QAbstractButton)]:
        if not widget.isVisibleTo(root) or not widget.text().strip():
            continue
        if isinstance(widget, QLabel) and (widget.wordWrap() or widget.textFormat() is None):
            continue
        if widget.sizeHint().width() > widget.width():
            kind = type(widget).__name__
            found.append((kind, widget.text(), widget.sizeHint().width(), widget.width()))
    for bar in root.findChildren(QTabBar):
        if not bar.isVisibleTo(root):
            continue
        for index in range(bar.count()):
            rect = bar.tabRect(index)  # elided, or pushed past the bar's end
            needed, given = bar.tabSizeHint(index).width(), min(rect.width(), bar.width())
            if needed > given or rect.right() > bar.width():
                found.append(("tab", bar.tabText(index), needed, given))
    return found


@pytest.fixture
def laptop(monkeypatch):
    monkeypatch.setattr(screens, "available_geometry", lambda widget=None: QRect(LAPTOP))
    return LAPTOP


@pytest.fixture
def client(archive):
    return clients.create_client(
        archive,
        ClientDraft(name="北京华信科技有限公司", tier=Tier.A, status=ClientStatus.ACTIVE),
        [ContactDraft(name="王芳", title="采购经理")],
    )


@pytest.fixture(params=LANGUAGES)
def lang(request, qapp):
    """The window's language, with the Chinese translation installed for zh_CN."""
    installed = application.install_translators(qapp, request.param)
    yield request.param
    for translator in installed:
        QCoreApplication.removeTranslator(translator)


def test_the_helper_lists_a_clipped_label_button_and_tab(qtbot):
    root = QWidget()
    qtbot.addWidget(root)
    label = QLabel("Account manager", root)
    label.setGeometry(0, 0, 20, 20)
    button = QPushButton("Export Excel…", root)
    button.setGeometry(0, 30, 20, 20)
    wrapped = QLabel("A sentence that wraps onto the next line", root)
    wrapped.setWordWrap(True)
    wrapped.setGeometry(0, 60, 40, 40)
    tabs = QTabBar(root)
    tabs.setElideMode(Qt.TextElideMode.ElideRight)
    tabs.addTab("Receivables ageing")
    tabs.setGeometry(0, 100, 30, 30)
    root.resize(200, 200)
    root.show()
    found = clipped(root)
    assert [(kind, text) for kind, text, _need, _given in found] == [
        ("QLabel", "Account manager"),
        ("QPushButton", "Export Excel…"),
        ("tab", "Receivables ageing"),
    ]


def test_no_dialog_clips_a_label(lang, laptop, archive, client, qtbot):
    ctx = UiContext(archive, SynchronousTaskRunner(), UiEvents(), lang)
    found = []
    for name, (make, _button, _guarded) in DIALOGS.items():
        dialog = make(ctx, client)
        qtbot.addWidget(dialog)
        dialog.show()
        _visit_tabs(dialog)
        found += [(name, *item) for item in clipped(dialog)]
        dialog.hide()
    assert found == [], "\n".join(map(str, found))


def test_no_page_clips_a_label(lang, laptop, archive, client, qtbot):
    window = application.build_window(archive, SynchronousTaskRunner(), lang)
    qtbot.addWidget(window)
    window.show()
    found = []
    for key in window.AREAS:
        window.show_area(key)
        page = window.stack.currentWidget()
        _visit_tabs(page)
        found += [(key, *item) for item in clipped(page)]
    window.show_client(client.id)
    _visit_tabs(window.client_page)
    found += [("client", *item) for item in clipped(window.client_page)]
    assert found == [], "\n".join(map(str, found))

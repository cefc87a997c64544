"""Every dialog opens inside the screen and its buttons are on it: a 1366×768 laptop, 1920×1080
at 125 % and at 150 % (1536×864 and 1280×720 logical pixels), each less its taskbar. The screen
is faked (app.ui.kit.screens.available_geometry); the dialogs are the real ones, shown."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QPushButton, QScrollArea
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from test_dialog_traps import DIALOGS

from app.domain.enums import ClientStatus, Tier
from app.domain.records import ClientDraft, ContactDraft
from app.domain.tenders import TenderDraft
from app.services import clients, tenders
from app.ui import application
from app.ui.context import UiContext, UiEvents
from app.ui.kit import screens
from app.ui.tasks import SynchronousTaskRunner

SCREENS = {
    "1366x768": QRect(0, 0, 1366, 768 - 40),
    "1920x1080@125%": QRect(0, 0, 1536, 864 - 32),
    "1920x1080@150%": QRect(0, 0, 1280, 720 - 32),
}


@pytest.fixture(params=list(SCREENS))
def screen(request, monkeypatch):
    area = SCREENS[request.param]
    monkeypatch.setattr(screens, "available_geometry", lambda widget=None: QRect(area))
    return area


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def client(archive):
    return clients.create_client(
        archive,
        ClientDraft(name="华信科技有限公司", tier=Tier.A, status=ClientStatus.ACTIVE),
        [ContactDraft(name="王芳", title="采购经理")],
    )


def _packet(ctx, client):
    from app.ui.tenders.packet_builder import PacketBuilderDialog

    tender = tenders.create_tender(
        ctx.archive, TenderDraft(title="医疗设备采购项目", client_id=client.id)
    )
    return PacketBuilderDialog(ctx, tender.id)


def _tender(ctx, client):
    from app.ui.tenders.tender_dialog import TenderDialog

    tender = tenders.create_tender(
        ctx.archive, TenderDraft(title="医疗设备采购项目", client_id=client.id)
    )
    return TenderDialog(ctx, tender.id)


def _preview(ctx, client, tmp_path):
    from app.ui.pdf_preview import PdfPreviewDialog

    path = tmp_path / "a4.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawString(72, 720, "A4")
    pdf.showPage()
    pdf.save()
    return PdfPreviewDialog(path, save_suggestion="纪要.pdf")  # it asks for 900×1000


def _backups(ctx, client):
    from app.ui.backups.dialog import BackupDialog

    return BackupDialog(ctx)


def _help(ctx, client):
    from app.ui.help_dialog import HelpDialog

    return HelpDialog(None, "zh_CN")


def _about(ctx, client):
    from app.ui.help_dialog import AboutDialog

    return AboutDialog()


def _picker(ctx, client):
    from app.ui.tenders.qualification_picker import QualificationPicker

    return QualificationPicker(ctx, date(2026, 11, 1))


def _password(ctx, client):
    from app.ui.password_dialog import PasswordDialog

    return PasswordDialog(ctx.archive.path, lambda password: None)


MORE = {
    "tender (saved)": _tender,
    "tender packet": _packet,
    "backups": _backups,
    "help": _help,
    "about": _about,
    "qualification picker": _picker,
    "password": _password,
}
NAMES = [*DIALOGS, *MORE, "pdf preview"]


def make(name, ctx, client, tmp_path):
    if name == "pdf preview":
        return _preview(ctx, client, tmp_path)
    if name in MORE:
        return MORE[name](ctx, client)
    return DIALOGS[name][0](ctx, client)


def buttons_of(dialog) -> list[QAbstractButton]:
    """The dialog's own buttons outside any scrolling area: the ones that must always show."""
    found = []
    for button in dialog.findChildren(QPushButton):
        if button.window() is not dialog or not button.isVisibleTo(dialog):
            continue
        parent, scrolled = button.parentWidget(), False
        while parent is not None and parent is not dialog:
            scrolled = scrolled or isinstance(parent, QScrollArea)
            parent = parent.parentWidget()
        if not scrolled:
            found.append(button)
    return found


@pytest.mark.parametrize("name", NAMES)
def test_the_dialog_and_its_buttons_are_on_the_screen(name, screen, ctx, client, qtbot, tmp_path):
    dialog = make(name, ctx, client, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    frame = screens.frame_margins(dialog)
    outer = dialog.geometry().marginsAdded(frame)
    assert screen.contains(outer), (name, outer, screen)
    # the layout got the room it needs (nothing squeezed under another widget or cut off)
    needed = dialog.minimumSizeHint()
    assert dialog.height() >= needed.height() and dialog.width() >= needed.width(), (
        name,
        dialog.size(),
        needed,
    )
    boxes = dialog.findChildren(QDialogButtonBox)
    buttons = buttons_of(dialog)
    assert buttons or boxes, name
    inside = dialog.rect()
    for button in buttons:
        corner = button.mapTo(dialog, QPoint(0, 0))
        assert inside.contains(QRect(corner, button.size())), (name, button.text())
        assert not button.visibleRegion().isEmpty(), (name, button.text())


def test_the_minutes_dialog_scrolls_and_keeps_save_on_a_laptop(ctx, qtbot, monkeypatch):
    """The dialog whose buttons were below a 1366×768 screen."""
    from app.ui.minutes.minutes_dialog import MinutesDialog

    monkeypatch.setattr(screens, "available_geometry", lambda widget=None: QRect(0, 0, 1366, 728))
    dialog = MinutesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None and scroll.isVisible()
    assert not scroll.isAncestorOf(dialog.save_button)
    bottom = dialog.save_button.mapTo(dialog, QPoint(0, dialog.save_button.height())).y()
    assert dialog.geometry().top() + bottom <= 728 - screens.ESTIMATED_FRAME.bottom()


def test_the_main_window_opens_inside_each_screen(archive, screen, qtbot):
    window = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    frame = screens.frame_margins(window)
    assert screen.contains(window.geometry().marginsAdded(frame))
    assert window.minimumSizeHint().height() + frame.top() + frame.bottom() <= screen.height()
    # every area in the sidebar without scrolling (its rows closer together on a short screen)
    last = window.sidebar.visualItemRect(window.sidebar.item(window.sidebar.count() - 1))
    assert last.bottom() <= window.sidebar.viewport().height()
    assert not window.sidebar.verticalScrollBar().isVisible()

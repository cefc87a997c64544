"""Tab follows the form: in every dialog the Tab key goes down the fields as they are laid out
(left to right along a row), and never stops on a scrolling frame the user cannot see. And a
screen reader has a name for every field and sign-only button: its label, else its placeholder
or tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabBar,
    QTabWidget,
)
from test_dialog_traps import DIALOGS

from app.domain.enums import ClientStatus, Tier
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients
from app.ui.context import UiContext, UiEvents
from app.ui.tasks import SynchronousTaskRunner


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


def tab_stops(dialog) -> list:
    """The widgets Tab visits, in order (Qt's focus chain): shown, enabled, taking Tab focus;
    buttons left out (they follow the fields)."""
    stops, widget = [], dialog.nextInFocusChain()
    while widget is not dialog:
        takes_tab = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if (
            takes_tab
            and widget.isVisible()
            and widget.isEnabled()
            and widget.window() is dialog
            and widget.focusProxy() is None
            and not isinstance(widget, (QAbstractButton, QTabWidget))
        ):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def free_to_jump(widget) -> bool:
    """A list, a table or the tab bar: Tab may go back up to or from these (they sit beside
    or under the fields, or switch the page)."""
    return isinstance(widget, (QAbstractItemView, QTabBar))


@pytest.mark.parametrize("name", list(DIALOGS))
def test_tab_goes_down_the_form(name, ctx, client, qtbot):
    dialog = DIALOGS[name][0](ctx, client)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    stops = tab_stops(dialog)
    assert not [w for w in stops if isinstance(w, QScrollArea)], name
    places = [(w, w.mapTo(dialog, QPoint(0, 0))) for w in stops]
    for (first, at), (then, to) in zip(places, places[1:], strict=False):
        if free_to_jump(first) or free_to_jump(then):
            continue
        assert to.y() >= at.y() - 5, (name, type(first).__name__, at, type(then).__name__, to)


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_field_of_a_dialog_has_a_name(name, ctx, client, qtbot):
    from app.ui.kit.access import unlabelled

    dialog = DIALOGS[name][0](ctx, client)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert unlabelled(dialog) == [], name


def test_a_field_in_a_box_is_named_by_its_form_label(ctx, client, qtbot):
    """The client form wraps each field with its error line; the label still names the field."""
    from app.ui.clients.client_dialog import ClientDialog

    dialog = ClientDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.buddy(): label.text() for label in dialog.findChildren(QLabel) if label.buddy()}
    assert labels[dialog.name_edit].startswith("Name") or "名称" in labels[dialog.name_edit]


def test_every_area_names_its_search_boxes_and_sign_buttons(archive, qtbot):
    from app.ui import application
    from app.ui.kit.access import unlabelled

    window = application.build_window(archive, SynchronousTaskRunner(), "en")
    qtbot.addWidget(window)
    window.show()
    for key in window.AREAS:
        window.show_area(key)
        page = window.stack.currentWidget()
        assert unlabelled(page) == [], key
    window.show_area("clients")
    assert window.client_list.findChild(QLineEdit).accessibleName().startswith("Name, USCC")


def test_the_preview_names_its_zoom_buttons(qtbot, tmp_path):
    from reportlab.pdfgen import canvas

    from app.ui.pdf_preview import PdfPreviewDialog

    path = tmp_path / "a.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.showPage()
    pdf.save()
    dialog = PdfPreviewDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.zoom_out_button.accessibleName() == "Zoom out"
    assert dialog.zoom_in_button.accessibleName() == "Zoom in"
    assert dialog.page_spin.accessibleName() == "Page"

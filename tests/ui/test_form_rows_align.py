"""A text box of a fixed height in a form (投标项目's 备注, 60 px) stays beside its label: the
form's spare height no longer sinks it 40 px below 备注, leaving the label beside nothing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QWidget

from app.domain.records import ClientDraft
from app.domain.tenders import TenderDraft
from app.services import clients, tenders
from app.ui.context import UiContext, UiEvents
from app.ui.kit.forms import FieldErrors
from app.ui.tasks import SynchronousTaskRunner
from app.ui.tenders.tender_dialog import TenderDialog


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def _top_in(widget: QWidget, window: QWidget) -> int:
    return widget.mapTo(window, widget.rect().topLeft()).y()


def test_the_tender_notes_box_is_beside_its_label(ctx, qtbot):
    client = clients.create_client(ctx.archive, ClientDraft(name="某市人民医院"))
    draft = TenderDraft(title="医疗设备采购项目", client_id=client.id)
    tender = tenders.create_tender(ctx.archive, draft)
    dialog = TenderDialog(ctx, tender.id)
    qtbot.addWidget(dialog)
    dialog.resize(720, 560)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.notes_edit.parentWidget().parentWidget().layout()
    assert isinstance(form, QFormLayout)
    row, _role = form.getWidgetPosition(dialog.notes_edit.parentWidget())
    label = form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()

    assert abs(_top_in(dialog.notes_edit, dialog) - _top_in(label, dialog)) <= 6


def test_a_wrapped_box_of_fixed_height_takes_no_spare_height(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    form = QFormLayout(page)
    notes = QPlainTextEdit()
    notes.setFixedHeight(60)
    form.addRow(QLabel("备注"), FieldErrors("zh_CN").wrap("notes", notes))
    page.resize(400, 400)
    page.show()
    qtbot.waitExposed(page)

    assert _top_in(notes, page) <= 15

"""Who changed it, in the window (issue 14 §3): a form whose save is beaten by someone else's
between its read and its write (the race the form's own version check cannot see) is refused
naming that person, when, and what they changed; 载入最新 fills the form with the record as it
is now. On both back ends."""

from __future__ import annotations

from dataclasses import replace

import pytest
from beaten import beaten_by
from user_input import Answers, type_text

from app.domain.enums import Tier
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients
from app.ui.clients.client_dialog import ClientDialog
from app.ui.context import UiContext, UiEvents
from app.ui.kit import forms
from app.ui.tasks import SynchronousTaskRunner

pytestmark = pytest.mark.both_backends


def test_a_client_form_beaten_between_read_and_write_names_who(
    archive, other, qapp, qtbot, monkeypatch
):
    ctx = UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")
    client = clients.create_client(
        archive,
        ClientDraft(name="北京华信科技有限公司", tier=Tier.A, address="北京市海淀区"),
        [ContactDraft(name="张伟", title="采购经理")],
    )
    dialog = ClientDialog(ctx, client.id)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.region_edit, "华北")
    answers = Answers(forms.RELOAD)
    monkeypatch.setattr(forms, "choose", answers)

    theirs = replace(client.draft(), address="上海市浦东新区")
    with beaten_by(lambda: clients.update_client(other, client.id, theirs)) as ran:
        dialog.save()

    assert ran == [True]
    assert answers.asked[0][0].splitlines() == [
        "此记录已被 王五 于 2026-11-26 10:35 修改：",
        "地址 由“北京市海淀区”改为“上海市浦东新区”",
        "您的修改尚未保存。",
    ]
    assert dialog.isVisible() and dialog.address_edit.text() == "上海市浦东新区"  # reloaded
    record = clients.get_client(archive, client.id)
    assert (record.region, record.address, record.version) == ("", "上海市浦东新区", 2)

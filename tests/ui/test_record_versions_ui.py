"""Two people on one archive, in the window (issue 14 §3): the second of two forms saving the same
record is refused with who changed what, the typing kept, and 载入最新 fills the form with the
record as it is now; the lists and the home page follow what others write without anyone
pressing anything."""

from __future__ import annotations

from dataclasses import replace

import pytest
from clock import FIXED_NOW
from PySide6.QtCore import QSettings
from user_input import Answers, type_text

from app.domain.enums import Tier
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients
from app.ui import application
from app.ui.clients.client_dialog import ClientDialog
from app.ui.clients.contact_dialog import ContactDialog
from app.ui.context import UiContext, UiEvents
from app.ui.kit import forms
from app.ui.tasks import SynchronousTaskRunner


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


@pytest.fixture
def client(archive):
    return clients.create_client(
        archive,
        ClientDraft(name="北京华信科技有限公司", tier=Tier.A, address="北京市海淀区"),
        [ContactDraft(name="张伟", title="采购经理")],
    )


def test_the_second_of_two_forms_is_refused_keeps_the_typing_and_reloads(
    ctx, client, qtbot, monkeypatch
):
    first, second = ClientDialog(ctx, client.id), ClientDialog(ctx, client.id)
    for dialog in (first, second):
        qtbot.addWidget(dialog)
        dialog.show()
    first.address_edit.clear()
    type_text(first.address_edit, "上海市浦东新区")
    assert first.save()
    assert not first.isVisible()  # saved and closed

    type_text(second.region_edit, "华北")
    answers = Answers(forms.KEEP, forms.RELOAD)
    monkeypatch.setattr(forms, "choose", answers)
    second.save()

    text, buttons = answers.asked[0]
    lines = text.splitlines()  # who and when; a line per field; that nothing was saved
    assert lines[0].startswith("此记录已被 ") and lines[0].endswith(" 修改：")
    assert lines[1:] == ["地址 由“北京市海淀区”改为“上海市浦东新区”", "您的修改尚未保存。"]
    assert buttons == ["Load latest", "Cancel"]  # 载入最新 / 取消 in Chinese (translations)
    assert second.isVisible()  # 取消: the form stays open as typed
    assert second.region_edit.text() == "华北"
    assert second.address_edit.text() == "北京市海淀区"
    assert second.save_button.isEnabled()
    assert second.conflict_text == text
    record = clients.get_client(ctx.archive, client.id)
    assert (record.region, record.address, record.version) == ("", "上海市浦东新区", 2)

    second.save()  # refused again; this time 载入最新
    assert len(answers.asked) == 2
    assert second.address_edit.text() == "上海市浦东新区"
    assert second.region_edit.text() == ""  # the typing goes only when 载入最新 is chosen
    assert not second.has_unsaved_changes()
    assert second.loaded_version == 2

    type_text(second.region_edit, "华北")
    assert second.save()  # on the latest version it saves
    record = clients.get_client(ctx.archive, client.id)
    assert (record.region, record.address, record.version) == ("华北", "上海市浦东新区", 3)


def test_a_contact_form_is_refused_after_someone_else_changed_the_contact(
    ctx, client, other, qtbot, monkeypatch
):
    contact = client.contacts[0]
    dialog = ContactDialog(ctx, client.id, contact.id)
    qtbot.addWidget(dialog)
    dialog.show()
    clients.update_contact(other, contact.id, replace(contact.draft(), title="总经理"))

    type_text(dialog.mobile_edit, "13812345678")
    answers = Answers(forms.RELOAD)
    monkeypatch.setattr(forms, "choose", answers)
    dialog.save()

    text = answers.asked[0][0]
    assert text.splitlines() == [
        "此记录已被 王五 于 2026-11-26 10:35 修改：",
        "职务 由“采购经理”改为“总经理”",
        "您的修改尚未保存。",
    ]
    assert dialog.title_edit.text() == "总经理"  # reloaded
    assert dialog.mobile_edit.text() == ""
    assert clients.get_client(ctx.archive, client.id).contacts[0].mobile is None


@pytest.fixture
def window(archive, qtbot, tmp_path, qapp):
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    shown = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _names(page) -> list[str]:
    model = page.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_client_list_shows_a_client_another_person_added_by_itself(
    client, window, other, qtbot
):
    window.show_area("clients")
    page = window.client_list
    qtbot.waitUntil(lambda: window.others_changes.counter is not None, timeout=5000)
    qtbot.waitUntil(lambda: _names(page) == ["北京华信科技有限公司"], timeout=5000)
    page.table.select_id(client.id)
    assert page.table.current_id() == client.id
    reloads: list[object] = []
    window.ctx.events.changes.connect(reloads.append)

    clients.create_client(other, ClientDraft(name="上海联拓信息技术有限公司"))

    # no user action: the window's timer looks at the change counter and the list reloads
    qtbot.waitUntil(lambda: "上海联拓信息技术有限公司" in _names(page), timeout=10_000)
    assert page.table.current_id() == client.id  # the current row is kept
    assert [sorted(c.kinds) for c in reloads] == [["client"]]


def test_the_windows_own_save_is_not_announced_twice(window, client, qtbot):
    heard: list[object] = []
    window.ctx.events.changes.connect(heard.append)
    qtbot.waitUntil(lambda: window.others_changes.counter is not None, timeout=5000)
    dialog = ClientDialog(window.ctx, client.id)
    qtbot.addWidget(dialog)
    type_text(dialog.region_edit, "华北")
    assert dialog.save()
    assert len(heard) == 1  # the save's own announcement
    counter = window.others_changes.counter
    window.others_changes.look()
    assert (
        window.others_changes.counter.newest > counter.newest
    )  # it looked past the window's own entry…
    assert len(heard) == 1  # …and announced nothing more


def test_no_look_while_the_window_is_minimised(window, other, qtbot):
    qtbot.waitUntil(lambda: window.others_changes.counter is not None, timeout=5000)
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized, timeout=2000)
    counter = window.others_changes.counter
    clients.create_client(other, ClientDraft(name="广州新客户有限公司"))
    window.others_changes.look()
    assert window.others_changes.counter == counter


def test_deleting_from_a_form_someone_else_changed_meanwhile_is_refused(
    ctx, client, other, qtbot, monkeypatch
):
    from app.domain.enums import ActivityKind
    from app.domain.records import ActivityDraft
    from app.services import activities, recycle_bin
    from app.ui.activities.dialog import ActivityDialog

    visit = activities.create_activity(
        ctx.archive, ActivityDraft(client.id, ActivityKind.VISIT, FIXED_NOW, "拜访张总")
    )
    dialog = ActivityDialog(ctx, activity_id=visit.id)
    qtbot.addWidget(dialog)
    dialog.show()
    activities.update_activity(other, visit.id, replace(visit.draft(), outcome="同意试用"))
    monkeypatch.setattr("app.ui.activities.dialog.confirm", lambda *_a: True)
    answers = Answers(forms.KEEP)
    monkeypatch.setattr(forms, "choose", answers)
    dialog.delete()
    assert "结果 由（空）改为“同意试用”" in answers.asked[0][0].splitlines()
    assert dialog.isVisible()
    assert activities.get_activity(ctx.archive, visit.id).outcome == "同意试用"  # not deleted
    assert recycle_bin.list_items(ctx.archive) == []

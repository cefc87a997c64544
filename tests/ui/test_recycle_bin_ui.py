"""回收站 in the window: a client deleted on its page is found in the bin with who and when,
恢复 puts it back in the client list with its contact and file, 彻底删除 asks first naming the
record, the kind filter and the empty state say what the bin is for."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from app.domain.records import ClientDraft, ContactDraft
from app.services import attachments, clients, identity, recycle_bin
from app.ui import application
from app.ui.clients import client_page as client_page_module
from app.ui.recycle_bin import page as bin_page_module
from app.ui.recycle_bin.page import RecycleBinPage, bin_model
from app.ui.tasks import SynchronousTaskRunner

NAME = "北京恒信贸易有限公司"


@pytest.fixture(autouse=True)
def private_settings(tmp_path, qapp):
    """Keeps the window geometry QSettings out of the user's real configuration."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def window(archive, qtbot):
    shown = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(shown)
    shown.show()
    return shown


@pytest.fixture
def client(archive, tmp_path):
    created = clients.create_client(archive, ClientDraft(name=NAME), [ContactDraft(name="张伟")])
    scan = tmp_path / "营业执照.pdf"
    scan.write_bytes(b"%PDF-1.4 licence scan")
    attachments.add(archive, "client", created.id, scan)
    return created


def _listed_client_ids(window) -> list[int]:
    model = window.client_list.model
    return [model.id_at(row) for row in range(model.rowCount())]


def _bin_page(window) -> RecycleBinPage:
    row = window.AREAS.index("recycle_bin")
    window.sidebar.setCurrentRow(row)  # as a click on 回收站 in the sidebar does
    assert window.current_area() == "recycle_bin"
    return window.stack.currentWidget()


def test_delete_a_client_find_it_in_the_bin_and_restore_it(
    window, client, archive, qtbot, monkeypatch, tmp_path
):
    monkeypatch.setattr(client_page_module, "confirm", lambda *args: True)
    window.show_client(client.id)
    qtbot.mouseClick(window.client_page.delete_button, Qt.MouseButton.LeftButton)
    assert window.current_area() == "clients"
    assert client.id not in _listed_client_ids(window)
    message = f"“{NAME}” was moved to the recycle bin, where it can be restored."
    assert window.statusBar().currentMessage() == message

    page = _bin_page(window)
    row = page.find_row(NAME)
    assert row == 0
    model = page.model
    cells = [model.index(row, c).data() for c in range(model.columnCount())]
    assert cells == ["Client", NAME, identity.current_user(archive), "2026-11-26 10:30"]
    assert not page.table.is_empty_shown()  # the table, not the empty state

    page.table.selectRow(row)
    assert page.restore_button.isEnabled()
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)

    assert page.message.text() == f"Restored Client “{NAME}”."
    assert page.model.rowCount() == 0
    assert page.table.is_empty_shown()  # empty again
    assert client.id in _listed_client_ids(window)  # the client list refreshed by itself
    back = clients.get_client(archive, client.id)
    assert [c.name for c in back.contacts] == ["张伟"]
    [scan] = attachments.list_for(archive, "client", client.id)
    content = attachments.copy_out(archive, scan.id, tmp_path / "out").read_bytes()
    assert content == b"%PDF-1.4 licence scan"


def test_delete_permanently_asks_first_naming_the_record(
    window, client, archive, monkeypatch, qtbot
):
    clients.delete_client(archive, client.id)
    page = _bin_page(window)
    page.table.selectRow(page.find_row(NAME))
    questions: list[str] = []

    def answer(yes: bool):
        def confirm(_parent, _title, text):
            questions.append(text)
            return yes

        return confirm

    monkeypatch.setattr(bin_page_module, "confirm", answer(False))
    qtbot.mouseClick(page.purge_button, Qt.MouseButton.LeftButton)
    assert len(questions) == 1 and NAME in questions[0]
    assert [i.title for i in recycle_bin.list_items(archive)] == [NAME]  # nothing happened

    monkeypatch.setattr(bin_page_module, "confirm", answer(True))
    qtbot.mouseClick(page.purge_button, Qt.MouseButton.LeftButton)
    assert len(questions) == 2
    assert recycle_bin.list_items(archive) == []
    assert page.model.rowCount() == 0
    assert page.message.text() == f"Deleted Client “{NAME}” permanently."


def test_a_refused_restore_says_which_record_comes_first(window, client, archive, qtbot):
    contact = client.contacts[0]
    clients.delete_contact(archive, contact.id)
    clients.delete_client(archive, client.id)
    page = _bin_page(window)
    page.show_kind("contact")
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert "请先恢复客户“北京恒信贸易有限公司”" in page.message.text()
    assert page.model.rowCount() == 1  # still in the bin
    page.show_kind(None)
    assert page.model.rowCount() == 2


def test_empty_state_says_what_the_bin_is_for_and_the_retention_is_set_here(window, archive):
    page = _bin_page(window)
    assert page.table.is_empty_shown()
    assert page.table.empty_state.title.text() == "The recycle bin is empty"
    assert "90 days" in page.table.empty_state.hint.text()
    assert not page.restore_button.isEnabled() and not page.purge_button.isEnabled()
    page.retention.setValue(30)
    page.retention.editingFinished.emit()
    assert recycle_bin.retention_days(archive) == 30
    assert "30 days" in page.table.empty_state.hint.text()


def test_the_bin_model_is_a_well_behaved_model(archive, client, qtmodeltester, qapp):
    clients.delete_client(archive, client.id)
    model = bin_model()
    model.set_rows(recycle_bin.list_items(archive))
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_old_items_are_purged_when_the_window_opens(archive, client, qtbot):
    from datetime import timedelta

    now = archive.now()
    archive.clock = lambda: now - timedelta(days=100)
    clients.delete_client(archive, client.id)
    archive.clock = lambda: now
    shown = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(shown)
    assert recycle_bin.list_items(archive) == []

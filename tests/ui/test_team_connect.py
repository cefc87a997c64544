"""文件 → 连接团队档案…: the department's archive on a real PostgreSQL server (tests/pg_server.py),
driven through the real dialog and window (issue 14 §1)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.db.server import parse_address
from app.domain.records import ClientDraft
from app.services import clients
from app.ui import application
from app.ui.tasks import SynchronousTaskRunner
from app.ui.team.connect_dialog import ConnectTeamDialog


def _type_login(dialog: ConnectTeamDialog, address: str, user: str | None = None) -> None:
    parsed = parse_address(address)
    dialog.server_edit.setText(parsed.socket_folder)
    dialog.database_edit.setText(parsed.database)
    dialog.user_edit.setText(user or parsed.user)


def test_connecting_opens_the_team_archive_in_the_window(qtbot, team_address):
    dialog = ConnectTeamDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _type_login(dialog, team_address)
    QTest.keyClick(dialog.user_edit, Qt.Key.Key_Return)  # Enter connects
    archive = dialog.archive
    assert archive is not None and archive.server is not None
    assert dialog.result() == ConnectTeamDialog.DialogCode.Accepted
    try:
        clients.create_client(archive, ClientDraft("广州市天河区政务服务中心"))
        window = application.build_window(archive, SynchronousTaskRunner(), "en")
        qtbot.addWidget(window)
        assert window.windowTitle() == f"Sales Compass — {archive.label}"
        assert "Team archive" in window.path_label.text()
        assert not window.backup_action.isEnabled() and not window.restore_action.isEnabled()
        assert "server" in window.backup_action.toolTip()
        assert window.check_action.isEnabled()  # check looks at the index and the files' hashes
        window.check_archive()
        qtbot.waitUntil(lambda: "good order" in window.statusBar().currentMessage())
        window.show_area("clients")
        model = window.client_list.model
        qtbot.waitUntil(lambda: model.rowCount() == 1)
        assert model.index(0, 0).data() == "广州市天河区政务服务中心"
        window.backups.start()
        assert not window.backups.enabled  # no automatic backup of a server's archive
        window.close()
    finally:
        archive.close()


def test_a_refused_login_is_said_in_the_dialog_and_keeps_what_was_typed(qtbot, team_address):
    dialog = ConnectTeamDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _type_login(dialog, team_address, user="nobody_here")
    dialog.password_edit.setText("wrong")
    dialog.save_button.click()
    assert dialog.archive is None and dialog.isVisible()
    assert dialog.problem.isVisible() and "nobody_here" in dialog.problem.text()
    assert dialog.user_edit.text() == "nobody_here"
    assert dialog.password_edit.text() == "wrong"


def test_an_empty_field_is_named_before_anything_is_tried(qtbot):
    tried = []
    dialog = ConnectTeamDialog(opener=lambda *a: tried.append(a))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.server_edit.setText("db.office.lan")
    dialog.save_button.click()
    assert tried == [] and dialog.problem.isVisible()
    assert "Archive name" in dialog.problem.text()  # the field is named
    assert dialog.database_edit.hasFocus() or dialog.focusWidget() is dialog.database_edit


def test_a_whole_address_pasted_into_the_server_field_is_taken_as_it_is(qtbot):
    tried = []
    dialog = ConnectTeamDialog(opener=lambda address, password: tried.append(address))
    qtbot.addWidget(dialog)
    dialog.server_edit.setText("postgresql://wangfang@db.office.lan:5433/compass")
    dialog.save_button.click()
    assert tried == ["postgresql://wangfang@db.office.lan:5433/compass"]

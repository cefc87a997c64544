"""文件 → 同步到团队档案…: the conflicts of an offline copy in a table, 用我的/用服务器的 per
field, the sync run through the task runner (issue 14 §4)."""

from __future__ import annotations

from dataclasses import replace

from clock import FIXED_NOW
from PySide6.QtWidgets import QRadioButton

from app.domain.records import ClientDraft
from app.services import clients, team_transfer
from app.services.archive import open_archive
from app.ui import application
from app.ui.tasks import SynchronousTaskRunner
from app.ui.team_sync_dialog import TeamSyncDialog


def _edit(archive, client_id: int, notes: str) -> None:
    record = clients.get_client(archive, client_id)
    clients.update_client(archive, client_id, replace(record.draft(), notes=notes))


def test_the_window_lists_a_conflict_and_syncs_the_choice(qtbot, tmp_path, team_address):
    team = open_archive(team_address, clock=lambda: FIXED_NOW)
    client_id = clients.create_client(team, ClientDraft("北京华信科技", notes="原来的"), []).id
    team.close()
    path = tmp_path / "copy.sqlite3"
    team_transfer.checkout(team_address, path)
    copy = open_archive(path, clock=lambda: FIXED_NOW)
    _edit(copy, client_id, "路上改的")
    team = open_archive(team_address)
    _edit(team, client_id, "办公室改的")
    team.close()

    window = application.build_window(copy, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(window)
    window.sync_team_action.trigger()
    dialog = window.findChild(TeamSyncDialog)
    assert dialog is not None
    dialog.start_sync()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert [dialog.table.item(0, c).text() for c in range(5)] == [
        f"客户 #{client_id} 北京华信科技",
        "备注",
        "原来的",
        "路上改的",
        "办公室改的",
    ]
    mine = dialog.table.cellWidget(0, 5).findChildren(QRadioButton)[0]
    mine.click()
    dialog.start_sync()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0)
    team = open_archive(team_address)
    assert clients.get_client(team, client_id).notes == "路上改的"
    team.close()
    dialog.close()
    window.close()
    copy.close()

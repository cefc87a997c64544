"""Backups in the window (issue 9 §1): the daily and on-close automatic backups, 文件 → 备份与恢复…,
and the home page's warning, driven through the real widgets with the synchronous runner."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.domain.records import ClientDraft
from app.services import backups, clients
from app.services.archive import open_archive
from app.ui import application
from app.ui.backups.banner import BackupBanner
from app.ui.backups.dialog import BackupDialog
from app.ui.context import UiContext, UiEvents
from app.ui.home.page import HomePage
from app.ui.tasks import SynchronousTaskRunner


class Clock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def private_settings(tmp_path, qapp):
    """Keeps the window geometry QSettings out of the user's real configuration."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def clock(archive) -> Clock:
    clock = Clock(datetime(2026, 3, 2, 9, 0))
    archive.clock = clock
    return clock


@pytest.fixture
def folder(archive, tmp_path) -> Path:
    path = tmp_path / "usb" / "backups"
    path.parent.mkdir()
    backups.save_backup_settings(archive, folder=path)
    return path


@pytest.fixture
def window(archive, qtbot, folder, clock):
    shown = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown.backups.stop()


def _made(archive) -> list[backups.BackupEntry]:
    return [e for e in backups.backups_of(archive) if e.location == "folder"]


def test_the_window_backs_up_once_a_day_while_it_runs(window, archive, clock, qtbot):
    window.backups.start(first_check_ms=0, interval_ms=20)
    qtbot.waitUntil(lambda: len(_made(archive)) == 1)
    qtbot.wait(200)  # the timer keeps asking: today's backup is made
    assert [e.kind for e in _made(archive)] == ["auto"]
    assert _made(archive)[0].good

    clock.now += timedelta(days=1)
    qtbot.waitUntil(lambda: len(_made(archive)) == 2)
    assert {e.created_at.date() for e in _made(archive)} == {
        datetime(2026, 3, 2).date(),
        datetime(2026, 3, 3).date(),
    }


def test_closing_after_changes_backs_up_first(window, archive, qtbot):
    window.backups.start(first_check_ms=10**8)
    clients.create_client(archive, ClientDraft("北京恒信科技有限公司"))
    assert window.backups.changed

    window.close()

    qtbot.waitUntil(lambda: not window.isVisible())
    (made,) = _made(archive)
    assert (made.kind, made.good, made.counts["clients"]) == ("auto", True, 1)


def test_closing_without_changes_makes_no_backup(window, archive, qtbot):
    window.backups.start(first_check_ms=10**8)
    clients.client_count(archive)  # reading is no change
    window.close()
    assert not window.isVisible()
    assert _made(archive) == []


def test_closing_after_a_good_backup_and_no_more_changes_makes_no_other(window, archive, qtbot):
    window.backups.start(first_check_ms=10**8)
    clients.create_client(archive, ClientDraft("甲公司"))
    window.backups.check_daily()  # today's backup, after the change
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert len(_made(archive)) == 1


def test_a_failed_backup_on_closing_is_reported_then_the_window_closes(
    window, archive, folder, qtbot
):
    window.backups.start(first_check_ms=10**8)
    clients.create_client(archive, ClientDraft("甲公司"))
    folder.rmdir()  # the USB disk was pulled out

    window.close()

    box = window.backups.problem_box
    assert box is not None and box.isVisible()
    assert "U 盘是否已插好" in box.text() and "Traceback" not in box.text()
    assert window.isVisible()  # waits for the user to read it
    box.accept()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_a_backup_cancelled_on_closing_lets_the_window_close_without_one(window, archive, qtbot):
    class CancellingRunner(SynchronousTaskRunner):
        def _start(self, handle, fn, args, kwargs):
            handle.cancel()  # 取消 in the progress dialog before the backup got anywhere
            super()._start(handle, fn, args, kwargs)

    window.backups.start(first_check_ms=10**8)
    clients.create_client(archive, ClientDraft("甲公司"))
    window.ctx.runner = CancellingRunner()
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert _made(archive) == [] and not window.backups.busy


def test_an_automatic_backup_reaches_the_home_page_banner(window, archive, qtbot):
    window.show_area("home")
    banner = window.home_page.backup_banner
    qtbot.waitUntil(banner.isVisible)  # no verified backup yet
    window.backups.start(first_check_ms=10**8)
    assert window.backups.check_daily() is not None
    qtbot.waitUntil(lambda: not banner.isVisible())
    assert [e.kind for e in _made(archive)] == ["auto"]


def test_a_read_only_window_leaves_backups_to_the_writer(archive, folder, qtbot, tmp_path):
    reader = open_archive(archive.path, read_only=True)
    try:
        shown = application.build_window(reader, SynchronousTaskRunner(), "zh_CN")
        qtbot.addWidget(shown)
        shown.backups.start(first_check_ms=0)
        qtbot.wait(50)
        assert not shown.backups.enabled
        shown.close()
        assert _made(archive) == []
    finally:
        reader.close()


def test_the_backup_dialog_backs_up_verifies_and_restores(
    window, archive, clock, qtbot, monkeypatch
):
    clients.create_client(archive, ClientDraft("北京恒信科技有限公司"))
    window.backups_action.trigger()
    dialog = window.active_dialog
    assert isinstance(dialog, BackupDialog)
    assert window.backups_action.text() == "Backup and restore…"
    assert dialog.model.rowCount() == 0 and dialog.view.is_empty_shown()

    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 1
    first = dialog.model.rows[0]
    assert [dialog.model.index(0, c).data() for c in (1, 3)] == ["Manual", "Verified"]

    clock.now += timedelta(days=1)
    clients.create_client(archive, ClientDraft("后来的客户"))
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 2
    newest = dialog.model.rows[0]
    with open(newest.path, "r+b") as handle:  # the newest copy is damaged on the disk
        handle.seek(newest.size - 64)
        handle.write(b"\xff" * 8)

    dialog.select_row(0)
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert dialog.model.index(0, 3).data() == "FAILED"
    assert dialog.result_box is not None and dialog.result_box.isVisible()
    dialog.result_box.accept()

    informed = []
    monkeypatch.setattr("app.ui.backups.dialog.confirm", lambda *a: True)
    monkeypatch.setattr(
        "app.ui.main_window.QMessageBox.information", lambda *a: informed.append(a[2])
    )
    dialog.select_row(1)
    assert dialog.model.rows[1].id == first.id
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    assert informed == ["The archive was restored. Please start again."]
    assert not window.isVisible()
    restored = open_archive(archive.path)
    try:
        assert clients.client_count(restored) == 1
    finally:
        restored.close()


def test_the_backup_list_colours_the_verification_and_says_where_each_copy_is(
    window, archive, qtbot
):
    backups.back_up(archive)
    window.open_backups()
    dialog = window.active_dialog
    (entry,) = dialog.model.rows
    verified = dialog.model.index(0, 3)
    assert verified.data() == "Verified" and verified.data(Qt.ItemDataRole.ForegroundRole) is None
    assert dialog.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == str(entry.path)
    assert dialog.model.index(0, 2).data().endswith("KB")
    dialog.model.set_rows([replace(entry, verified=False, problems=("checksum",))])
    failed = dialog.model.index(0, 3)
    assert failed.data() == "FAILED"
    assert failed.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#d9363e"
    assert failed.data(Qt.ItemDataRole.ToolTipRole).endswith("\nchecksum")
    assert dialog.view.horizontalHeader().stretchSectionCount() == 1  # the kind takes the rest


def test_the_dialog_saves_the_folder_and_rotation(window, archive, tmp_path, qtbot):
    window.open_backups()
    dialog = window.active_dialog
    other = tmp_path / "synced"
    other.mkdir()
    dialog.folder_edit.setText(str(other))
    dialog.daily_spin.setValue(3)
    dialog.warn_spin.setValue(2)
    dialog.auto_box.setChecked(False)
    assert dialog.has_unsaved_changes()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = backups.backup_settings(archive)
    assert (saved.folder, saved.keep_daily, saved.warn_after_days) == (other, 3, 2)
    assert not saved.automatic and not dialog.has_unsaved_changes()

    dialog.folder_edit.setText(str(tmp_path / "unplugged" / "backups"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "U 盘是否已插好" in dialog.last_message
    assert backups.backup_settings(archive).folder == other


def test_the_dialog_opens_the_backup_folder(window, folder, monkeypatch):
    opened = []
    monkeypatch.setattr(
        "app.ui.backups.dialog.QDesktopServices.openUrl", lambda url: opened.append(url) or True
    )
    window.open_backups()
    assert window.active_dialog.open_folder()
    assert [Path(u.toLocalFile()) for u in opened] == [folder]


def test_the_backup_model_passes_the_model_tester(window, archive, qtmodeltester):
    backups.back_up(archive)
    window.open_backups()
    qtmodeltester.check(window.active_dialog.model)


# --- the home page ------------------------------------------------------------------------------


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "zh_CN")


def test_the_home_page_warns_when_the_newest_good_backup_is_old(ctx, folder, clock, qtbot):
    page = HomePage(ctx)
    qtbot.addWidget(page)
    page.show()
    banner = page.backup_banner
    assert banner.isVisible()
    assert banner.label.text() == "There is no verified backup of this archive yet."

    qtbot.mouseClick(banner.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not banner.isVisible())

    clock.now += timedelta(days=6, hours=23)
    page.refresh()  # the folder is read again at most once a minute when nothing happened
    banner.refresh()
    assert not banner.isVisible()  # seven days is the setting: not older yet
    clock.now += timedelta(hours=2)
    banner.refresh()
    assert banner.isVisible()
    assert banner.label.text().startswith("The newest verified backup is 7 days old")


def test_the_home_page_says_when_the_backup_folder_is_missing(ctx, folder, qtbot, tmp_path):
    backups.back_up(ctx.archive)
    folder.rename(tmp_path / "unplugged")
    page = HomePage(ctx)
    qtbot.addWidget(page)
    page.show()
    banner = page.backup_banner
    assert banner.isVisible()
    assert "cannot be found (is the USB disk plugged in?)" in banner.label.text()

    chosen = tmp_path / "other-disk"
    chosen.mkdir()
    assert banner.use_folder(str(chosen))  # 选择文件夹…
    qtbot.waitUntil(lambda: "no verified backup" in banner.label.text())
    qtbot.mouseClick(banner.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not banner.isVisible())
    assert list(chosen.glob("*.sqlite3"))


def test_the_home_page_says_when_the_last_backup_failed(ctx, folder, qtbot, tmp_path):
    from app.services import attachments

    client = clients.create_client(ctx.archive, ClientDraft("甲公司"))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"scan")
    att = attachments.add(ctx.archive, "client", client.id, scan)
    ctx.archive.blobs.path_of(att.sha256).unlink()
    assert not backups.back_up(ctx.archive).ok
    banner = BackupBanner(ctx)
    qtbot.addWidget(banner)
    banner.refresh()
    assert "failed verification" in banner.label.text()


def test_no_message_box_is_left_open():
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]

"""The main window: areas, navigation to records, search box, menus, tasks in the status bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from lock_holder import held_elsewhere
from PySide6.QtCore import QSettings, Qt, QTranslator
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from app.domain.enums import ActivityKind, Tier
from app.domain.errors import AppError
from app.domain.records import ActivityDraft, ClientDraft, ContactDraft
from app.services import activities, clients, tenders
from app.services import archive as archive_service
from app.services.archive import open_archive
from app.ui import application
from app.ui.clients.client_dialog import ClientDialog
from app.ui.tasks import SynchronousTaskRunner


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
def client(archive):
    return clients.create_client(
        archive,
        ClientDraft(name="北京华信科技有限公司", tier=Tier.A),
        [ContactDraft(name="张伟")],
    )


def test_sidebar_shows_exactly_the_existing_areas(window):
    assert window.area_names() == [
        "Home",
        "Clients",
        "Activities",
        "Overdue visits",
        "Minutes",
        "Follow-up",
        "Tenders",
        "Qualifications",
        "Documents",
        "Letters",
        "Contracts",
        "Monthly plan",
        "Rebates",
        "Analysis & report",
        "Recycle bin",
    ]
    assert window.stack.count() == len(window.AREAS) == len(window.area_names())
    assert window.current_area() == "clients"
    assert set(window._lazy_pages.values()) == {None}  # built when first shown
    window.sidebar.setCurrentRow(0)
    assert window.stack.currentWidget() is window.home_page
    assert window.current_area() == "home"
    window.sidebar.setCurrentRow(2)
    assert window.current_area() == "activities"
    assert window.stack.currentWidget() is window.activity_list


def test_title_status_bar_and_menus(window, archive):
    assert window.windowTitle() == f"Sales Compass — {archive.path}"  # the whole path
    assert window.path_label.text() == str(archive.path)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Tools", "&Help"]
    assert window.new_client_action.shortcut() == QKeySequence("Ctrl+N")
    assert QKeySequence("Ctrl+K") in window.find_action.shortcuts()
    assert QKeySequence("Ctrl+F") in window.find_action.shortcuts()


def test_open_a_client_from_the_list(client, window, qtbot):
    window.show_area("clients")
    table = window.client_list.table
    rect = table.visualRect(window.client_list.model.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.clients_stack.currentWidget() is window.client_page
    assert window.client_page.name_label.text() == "北京华信科技有限公司"
    qtbot.mouseClick(window.client_page.back_button, Qt.MouseButton.LeftButton)
    assert window.clients_stack.currentWidget() is window.client_list


def test_open_record_events_navigate(window, client, archive):
    window.show_area("home")
    window.ctx.events.open_record.emit("contact", client.contacts[0].id)
    assert window.current_area() == "clients"
    assert window.client_page.client.id == client.id
    assert window.client_page.tabs.currentIndex() == 1
    activity = activities.create_activity(
        archive,
        ActivityDraft(
            client_id=client.id,
            kind=ActivityKind.CALL,
            started_at=archive.now(),
            subject="电话回访",
        ),
    )
    window.ctx.events.open_record.emit("activity", activity.id)
    from app.ui.activities.dialog import ActivityDialog

    assert isinstance(window.active_dialog, ActivityDialog)
    window.active_dialog.reject()


def test_find_shortcut_focuses_the_search_box_and_typing_opens_the_popup(
    window, client, qtbot, monkeypatch
):
    asked = []
    monkeypatch.setattr(window.search_popup, "show_for", lambda anchor, text: asked.append(text))
    qtbot.waitExposed(window)
    for keys in ("Ctrl+K", "Ctrl+F"):
        window.client_list.table.setFocus()
        QTest.keySequence(window.windowHandle(), QKeySequence(keys))
        assert window.search_field.hasFocus(), keys
    qtbot.keyClicks(window.search_field, "bj")
    assert asked == ["b", "bj"]


def test_new_client_from_the_menu_opens_its_page(window, qtbot):
    window.new_client_action.trigger()
    dialog = window.active_dialog
    assert isinstance(dialog, ClientDialog)
    qtbot.keyClicks(dialog.name_edit, "Acme")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.clients_stack.currentWidget() is window.client_page
    assert window.client_page.name_label.text() == "Acme"
    assert window.client_list.model.total() == 1


def test_backup_runs_through_the_task_runner_with_a_status_bar_indicator(window, client, tmp_path):
    seen = []
    window.ctx.runner.started.connect(
        lambda handle: seen.append((handle.label, window.task_indicator.isVisible()))
    )
    backups = tmp_path / "backups"
    backups.mkdir()
    window.run_backup(backups)
    assert seen == [("Backing up…", False)]  # a job shows only once it lasts: see below
    assert not window.task_indicator.isVisible()  # gone when the job finished
    assert len(list(backups.glob("*.sqlite3"))) == 1


def test_a_refused_restore_leaves_the_window_working_and_a_good_one_restores(
    window, client, tmp_path, monkeypatch
):
    errors = []
    monkeypatch.setattr(window, "_failed", errors.append)
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"")
    window.run_restore(bogus)
    assert [e.code for e in errors] == ["archive_empty_file"]
    assert clients.client_count(window.ctx.archive) == 1  # still working, nothing changed

    backup = archive_service.backup(window.ctx.archive, tmp_path / "b" / "copy.sqlite3").path
    clients.create_client(window.ctx.archive, ClientDraft("备份之后的客户"))
    monkeypatch.setattr("app.ui.main_window.QMessageBox.information", lambda *a: None)
    window.run_restore(backup)
    assert not errors[1:]
    restored = open_archive(window.ctx.archive.path)
    try:
        assert clients.client_count(restored) == 1
    finally:
        restored.close()


def test_the_task_indicator_shows_a_job_that_lasts_and_never_a_short_one(window, qtbot):
    import threading

    from app.ui.tasks import TaskRunner

    indicator = window.task_indicator
    runner = TaskRunner(max_threads=1)
    runner.started.connect(indicator.follow)
    release = threading.Event()
    runner.submit("Long job", lambda task=None: release.wait(5))
    qtbot.wait(indicator.SHOW_AFTER_MS // 4)
    assert not indicator.isVisible()  # a short read never flickers in the status bar
    qtbot.waitUntil(indicator.isVisible, timeout=indicator.SHOW_AFTER_MS * 5)
    assert indicator.label.text() == "Long job"
    release.set()
    qtbot.waitUntil(lambda: not indicator.isVisible(), timeout=5000)
    runner.submit("Short job", lambda task=None: None)
    qtbot.waitUntil(lambda: not runner.active, timeout=5000)
    qtbot.wait(indicator.SHOW_AFTER_MS * 2)
    assert not indicator.isVisible()


def test_a_short_read_never_takes_the_status_bar_from_a_long_job(window, qtbot):
    """A list scrolled during a backup starts reads of its own: the strip keeps saying the
    backup, with its Cancel, until the backup ends."""
    import threading

    from app.ui.tasks import TaskRunner

    indicator = window.task_indicator
    runner = TaskRunner(max_threads=2)
    runner.started.connect(indicator.follow)
    release = threading.Event()
    long_job = runner.submit("Backing up…", lambda task=None: release.wait(5))
    qtbot.waitUntil(indicator.isVisible, timeout=indicator.SHOW_AFTER_MS * 5)
    runner.submit("Loading rows", lambda task=None: None)
    qtbot.waitUntil(lambda: len(runner.active) == 1, timeout=5000)
    assert indicator.isVisible() and indicator.label.text() == "Backing up…"
    indicator.cancel_button.click()
    assert long_job.is_cancel_requested()
    release.set()
    qtbot.waitUntil(lambda: not indicator.isVisible(), timeout=5000)
    runner.submit("Next job", lambda task=None: release.wait(5))
    assert indicator.cancel_button.isEnabled()  # a cancel leaves no disabled button behind
    qtbot.waitUntil(lambda: not runner.active, timeout=5000)


def test_task_indicator_cancels_the_running_job(window):
    indicator = window.task_indicator
    observed = []

    def job(task=None):
        indicator.cancel_button.click()
        observed.append(task.cancelled())

    window.ctx.runner.submit("Long job", job)
    assert observed == [True]
    assert not indicator.isVisible()


def test_check_archive_reports_good_order(window, client):
    window.check_archive()
    assert "good order" in window.statusBar().currentMessage()


def test_geometry_is_remembered(archive, qtbot):
    first = application.build_window(archive, SynchronousTaskRunner())
    qtbot.addWidget(first)
    first.show()
    first.resize(first.minimumSizeHint().width(), 520)  # the offscreen screen is small
    first.close()
    second = application.build_window(archive, SynchronousTaskRunner())
    qtbot.addWidget(second)
    assert second.height() == 520
    assert QSettings("SalesCompass", "SalesCompass").value("main_window/geometry") is not None


def test_start_up_helpers(qapp, tmp_path):
    options = application.parse_args(["--db", str(tmp_path / "a.sqlite3"), "gui"])
    assert options.db == tmp_path / "a.sqlite3" and not options.demo
    assert application.parse_args(["--demo"]).demo
    assert application.archive_path(application.parse_args(["--demo"])).name == "demo.sqlite3"
    family = application.register_bundled_font(qapp)
    assert family and "WenQuanYi" in family
    assert qapp.font().family() == family
    assert application.choose_language(None) in ("zh_CN", "en")


def test_start_gui_opens_the_window_on_a_new_archive(qapp, tmp_path, qtbot):
    started = application.start_gui(["--db", str(tmp_path / "new.sqlite3")])
    assert not isinstance(started, int)
    _app, window = started
    qtbot.addWidget(window)
    assert window.isVisible()
    # the list is read in the background (a real runner here): the friendly empty state
    qtbot.waitUntil(window.client_list.table.is_empty_shown)
    assert not window.client_list.table.empty_state.second.isHidden()  # 新建 or import
    assert Path(window.ctx.archive.path).exists()
    window.close()
    window.ctx.archive.close()
    for translator in qapp.findChildren(QTranslator):  # the other tests expect English
        qapp.removeTranslator(translator)


def test_demo_is_created_through_the_task_runner_when_empty(tmp_path, qapp):
    runner = SynchronousTaskRunner()
    labels = []
    runner.started.connect(lambda handle: labels.append(handle.label))
    path = tmp_path / "demo.sqlite3"
    assert application.create_demo_if_needed(path, runner)
    archive = open_archive(path)
    try:
        purchasers = {r.client_id for r in tenders.list_tenders(archive)}  # demo tenders' buyers
        assert clients.client_count(archive) == application.DEMO_CLIENTS + len(purchasers)
    finally:
        archive.close()
    assert labels == ["Creating the demo archive…"]
    assert application.create_demo_if_needed(path, runner)  # not filled twice
    assert labels == ["Creating the demo archive…"]


def test_a_second_window_is_told_who_has_the_archive_and_may_open_it_read_only(
    tmp_path, qapp, monkeypatch
):
    path = tmp_path / "shared.sqlite3"
    shown = []

    def pick_read_only(box):
        shown.append(box.text())
        choice = next(b for b in box.buttons() if b.text() == "Open read-only")
        monkeypatch.setattr(box, "clickedButton", lambda: choice)
        return 0

    monkeypatch.setattr("app.ui.application.QMessageBox.exec", pick_read_only)
    with held_elsewhere(path, "window") as other:
        second = application.open_or_explain(path)
        assert second is not None and second.read_only
        assert f"process {other.pid}" in shown[0]
        with pytest.raises(AppError) as refused:
            clients.create_client(second, ClientDraft("只读时不能保存"))
        assert refused.value.code == "archive_opened_read_only"
        window = application.build_window(second, SynchronousTaskRunner(), "en")
        assert window.windowTitle().endswith("(read-only)")
        window.close()
        second.close()


def test_export_clients_and_template(window, client, tmp_path):
    out = tmp_path / "clients.xlsx"
    handle = window.run_export(out)
    assert handle.done and out.exists()
    assert "clients.xlsx" in window.statusBar().currentMessage()
    template = tmp_path / "template.csv"
    assert window.save_template(template)
    assert template.read_text(encoding="utf-8-sig").startswith("客户名称")


def test_an_archive_from_a_newer_version_is_explained_not_crashed(qapp, tmp_path, monkeypatch):
    import sqlite3

    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE alembic_version (version_num TEXT)")
        db.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    shown = []
    monkeypatch.setattr(
        application.QMessageBox, "critical", lambda parent, title, text: shown.append(text)
    )
    assert application.start_gui(["--db", str(path)]) == 1
    assert len(shown) == 1 and "9999_future" in shown[0]


def test_opening_a_deleted_client_explains_instead_of_failing(window, monkeypatch):
    from app.ui import main_window

    shown = []
    monkeypatch.setattr(main_window, "show_error", lambda parent, exc, lang: shown.append(exc))
    window.ctx.events.open_record.emit("client", 424242)
    assert len(shown) == 1 and shown[0].code == "not_found"
    assert window.clients_stack.currentWidget() is window.client_list


def _index_out_of_step(archive) -> None:
    with archive.db.session() as session:  # a document removed behind the index's back
        session.connection().exec_driver_sql("DELETE FROM search_docs WHERE kind = 'contact'")


def test_check_offers_to_rebuild_a_search_index_out_of_step(window, client, archive):
    from PySide6.QtWidgets import QMessageBox

    _index_out_of_step(archive)
    window.check_archive()
    box = window.active_dialog
    assert isinstance(box, QMessageBox) and "search index" in box.detailedText()
    (rebuild,) = [b for b in box.buttons() if b.objectName() == "rebuild_search_index"]
    rebuild.click()  # the synchronous runner rebuilds, then checks again
    assert archive_service.check(archive) == []
    assert "良好" in window.statusBar().currentMessage() or "good order" in (
        window.statusBar().currentMessage()
    )


def test_check_of_a_good_archive_offers_no_rebuild(window, client, archive):
    from PySide6.QtWidgets import QMessageBox

    with archive.db.session() as session:  # a problem that is not the search index's
        session.connection().exec_driver_sql("PRAGMA foreign_keys = OFF")
        session.connection().exec_driver_sql("UPDATE contacts SET client_id = 999")
    window.check_archive()
    box = window.active_dialog
    assert isinstance(box, QMessageBox)
    assert [b for b in box.buttons() if b.objectName() == "rebuild_search_index"] == []

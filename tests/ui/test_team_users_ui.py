"""管理 in the window (issue 14 §2): the administrator of a team archive sees every user, adds
one, changes a role and disables a login through the page's dialogs; other roles and an archive
file have no such page. On a team archive the approver is the login: the name is fixed and the
steps the login may not take are disabled, saying why."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from team_logins import team_db  # noqa: F401 - the fixture

from app.domain.documents import ReviewAction
from app.domain.rebates import ApprovalStep
from app.domain.records import ClientDraft
from app.services import clients, rebates, team_users
from app.ui import application
from app.ui.tasks import SynchronousTaskRunner
from app.ui.team import users_page as users_page_module


def type_text(widget, text: str) -> None:
    """Types like a keyboard (QTest.keyClicks cannot send Chinese characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def _window(archive, qtbot):
    shown = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    return shown


@pytest.fixture
def opened(team_db):  # noqa: F811
    archives = []

    def open_as(short):
        archive = team_db.open(short)
        archives.append(archive)
        return archive

    yield open_as
    for archive in archives:
        archive.close()


def test_the_administrator_adds_changes_and_disables_users(team_db, opened, qtbot, monkeypatch):  # noqa: F811
    window = _window(opened("boss"), qtbot)
    assert "users" in window.AREAS
    window.sidebar.setCurrentRow(window.AREAS.index("users"))
    page = window.stack.currentWidget()
    assert isinstance(page, users_page_module.UsersPage)
    shown = {page.model.row_at(r).name for r in range(page.model.rowCount())}
    assert {"王芳", "李强", "周总", "管理员甲"} <= shown

    dialog = page.add_user()
    qtbot.keyClicks(dialog.login, team_db.login("liu"))
    type_text(dialog.name, "刘洋")
    dialog.role.setCurrentIndex(dialog.role.findData("account_manager"))
    qtbot.keyClicks(dialog.password, "pw-1")
    qtbot.keyClicks(dialog.again, "pw-2")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "两次输入的密码不一致" in dialog.errors.labels["password_again"].text()
    dialog.again.clear()
    qtbot.keyClicks(dialog.again, "pw-1")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    names = {page.model.row_at(r).name: page.model.row_at(r) for r in range(page.model.rowCount())}
    assert names["刘洋"].role_label == "客户经理"

    page.table.select_id(users_page_module._login_key(names["刘洋"]))
    roles = page.change_role()
    roles.role.setCurrentIndex(roles.role.findData("marketing"))
    qtbot.mouseClick(roles.save_button, Qt.MouseButton.LeftButton)
    assert page.current_user().role_label == "市场营销中心"

    monkeypatch.setattr(users_page_module, "confirm", lambda *args: True)
    qtbot.mouseClick(page.disable_button, Qt.MouseButton.LeftButton)
    assert page.current_user().disabled
    assert page.disable_button.text() == "Enable"
    window.close()
    team_db.cluster.sql(f'DROP ROLE IF EXISTS "{team_db.login("liu")}"')


def test_no_administration_page_for_other_roles_nor_an_archive_file(opened, archive, qtbot):
    assert "users" not in _window(opened("wang"), qtbot).AREAS
    assert "users" not in _window(archive, qtbot).AREAS


def test_the_approver_is_the_login_and_other_steps_are_disabled(team_db, opened, qtbot):  # noqa: F811
    assistant = opened("zhao")
    client = clients.create_client(assistant, ClientDraft("北京华信科技有限公司", owner="王芳"))
    wang = opened("wang")
    record = rebates.apply_in_advance(wang, client.id, date(2026, 1, 1), date(2026, 6, 30),
                                      Decimal("500000"))  # fmt: skip
    for who, may in (("chen", True), ("wang", False), ("zhou", False)):
        window = _window(opened(who), qtbot)
        window.show_area("rebates")
        page = window.stack.currentWidget()
        page.reload(record.id)
        detail = page.detail
        assert detail.approver.isReadOnly()
        assert detail.approver.text() == team_users.current_login(detail.ctx.archive).name
        button = detail.approve_buttons[ApprovalStep.MANAGER]
        assert button.isEnabled() is may, who
        if not may:
            assert "大客户部经理审批" in button.toolTip()
        window.close()


def test_the_document_reviewer_is_the_login_never_the_author(team_db, opened, qtbot):  # noqa: F811
    from app.services import documents
    from app.ui.context import UiContext, UiEvents
    from app.ui.documents.editor import DocumentEditor

    zhao = opened("zhao")
    client = clients.create_client(zhao, ClientDraft("北京华信科技有限公司", owner="王芳"))
    record = documents.create_document(
        zhao, "letter", "letter", client_id=client.id, values={"subject": "对账"}
    )
    documents.review(zhao, record.id, "submit")
    for who, may in (("zhao", False), ("chen", True)):
        ctx = UiContext(opened(who), SynchronousTaskRunner(), UiEvents(), "zh_CN")
        editor = DocumentEditor(ctx, record.id)
        qtbot.addWidget(editor)
        assert editor.actor_edit.isReadOnly()
        assert editor.actor_edit.text() == ("赵敏" if who == "zhao" else "陈大客")
        approve = editor.review_buttons[ReviewAction.APPROVE]
        assert approve.isEnabled() is may, who
        if not may:
            assert "大客户部经理" in approve.toolTip()
        editor.discard()

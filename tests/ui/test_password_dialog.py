"""The window asks for an encrypted archive's password: a wrong one says so and asks again,
记住密码 keeps it in the keyring (and nothing breaks where there is no keyring)."""

from __future__ import annotations

import keyring
import pytest
from encrypted_archives import PASSWORD, new_process
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services import archive as archive_service
from app.services import saved_passwords
from app.ui import application
from app.ui.password_dialog import PasswordDialog, unlock_archive


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        self.items.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture
def encrypted(tmp_path):
    path = tmp_path / "archive.sqlite3"
    archive_service.open_archive(path, password=PASSWORD).close()
    new_process()
    yield path
    new_process()


def _typing(monkeypatch, *attempts: str, remember: bool = False):
    """Stands in for the person at the modal dialog: types each attempt and presses 打开."""
    seen = []

    def exec_(self):
        seen.append(self)
        self.remember.setChecked(remember)
        for text in attempts:
            self.password.setText(text)
            self.open_button.click()
            if self.result() == QDialog.DialogCode.Accepted:
                return QDialog.DialogCode.Accepted
            assert self.error.isVisibleTo(self)  # said so, and still asking
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(PasswordDialog, "exec", exec_)
    return seen


def test_a_wrong_password_says_so_and_asks_again(qtbot, encrypted):
    dialog = PasswordDialog(encrypted, lambda pw: archive_service.unlock(encrypted, pw))
    qtbot.addWidget(dialog)
    dialog.password.setText("不对")
    dialog.open_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Wrong password" in dialog.error.text()
    assert archive_service.needs_password(encrypted)
    dialog.password.setText(PASSWORD)
    dialog.open_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not archive_service.needs_password(encrypted)


def test_enter_opens_and_esc_cancels_without_a_question(qtbot, encrypted):
    dialog = PasswordDialog(encrypted, lambda pw: archive_service.unlock(encrypted, pw))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.password.setText("不对")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.isVisible() and "Wrong password" in dialog.error.text()
    qtbot.keyClick(dialog.password, Qt.Key.Key_Escape)  # typed, yet nothing to discard
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    dialog.password.setText(PASSWORD)
    dialog.show()
    qtbot.keyClick(dialog.password, Qt.Key.Key_Enter)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_remember_password_keeps_it_in_the_keyring(qtbot, encrypted, monkeypatch, memory_keyring):
    seen = _typing(monkeypatch, "不对", PASSWORD, remember=True)
    assert unlock_archive(encrypted)
    assert len(seen) == 1
    assert saved_passwords.remembered(encrypted) == PASSWORD

    new_process()  # next start: the keyring opens it without asking
    seen.clear()
    assert unlock_archive(encrypted)
    assert seen == []

    new_process()  # a stale one (passwd since) is dropped and the dialog asks
    memory_keyring.set_password(saved_passwords.SERVICE, str(encrypted.resolve()), "旧密码")
    seen = _typing(monkeypatch, PASSWORD, remember=False)
    assert unlock_archive(encrypted)
    assert len(seen) == 1
    assert saved_passwords.remembered(encrypted) is None


def test_no_keyring_on_this_machine_is_no_problem(qtbot, encrypted, monkeypatch):
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        _typing(monkeypatch, PASSWORD, remember=True)
        assert unlock_archive(encrypted)
        assert saved_passwords.remembered(encrypted) is None
    finally:
        keyring.set_keyring(previous)


def test_the_window_opens_an_encrypted_archive_after_the_password(
    qtbot, encrypted, monkeypatch, memory_keyring
):
    _typing(monkeypatch, PASSWORD)
    archive = application.open_or_explain(encrypted)
    assert archive is not None
    try:
        assert not archive.read_only
    finally:
        archive.close()


def test_cancelling_the_password_opens_nothing(qtbot, encrypted, monkeypatch, memory_keyring):
    _typing(monkeypatch)  # the person presses 取消
    assert application.open_or_explain(encrypted) is None


def test_restoring_a_backup_made_under_another_password_asks_for_it(
    qtbot, archive, tmp_path, monkeypatch, memory_keyring
):
    from app.ui.tasks import SynchronousTaskRunner

    other = tmp_path / "other-backup.sqlite3"
    archive_service.open_archive(other, password="另一个密码").close()
    new_process()
    window = application.build_window(archive, SynchronousTaskRunner(), "zh_CN")
    qtbot.addWidget(window)
    before = archive.path.read_bytes()
    seen = _typing(monkeypatch, "不对")  # a wrong one, then 取消
    assert window.run_restore(other) is None
    assert len(seen) == 1
    assert archive.path.read_bytes() == before
    assert archive_service.needs_password(other)
    new_process()

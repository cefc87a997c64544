"""UI tests speak the source language (English) unless a test installs a translator itself;
a translator installed by start-up code during a test is removed after it, so the outcome of a
test never depends on which tests ran before it in the same process."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def form_guards(qapp):
    """The application-wide guards the window installs (the wheel never edits an unfocused
    field), on the tests' application too."""
    from app.ui.kit.forms import install_form_guards

    return install_form_guards(qapp)


@pytest.fixture(autouse=True)
def private_user_settings(tmp_path_factory, qapp):
    """This user's settings (QSettings: language, geometry, folders, recent archives) go to a
    folder of the test's own, never to the real configuration, and start empty each test."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("settings"))
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, folder)


# A timer longer than this is a schedule (the daily backup check), not work left pending.
PENDING_TIMER_MS = 5000


def _leftovers(new_windows) -> list[str]:
    """Jobs not finished, threads still busy, and short timers still running on the test's
    own windows (a debounce that would fire in the next test, on a closed archive)."""
    import shiboken6
    from PySide6.QtCore import QThreadPool, QTimer

    from app.ui.tasks import RUNNERS

    found = []
    for runner in list(RUNNERS):
        if not shiboken6.isValid(runner):
            continue
        found += [f"job “{h.label}” still running" for h in runner.active if not h.done]
        if runner.pool.activeThreadCount():
            found.append(f"{runner.pool.activeThreadCount()} runner thread(s) still busy")
    if QThreadPool.globalInstance().activeThreadCount():
        found.append("threads of the global pool still busy")
    for window in new_windows:
        if not shiboken6.isValid(window):
            continue
        for timer in window.findChildren(QTimer):
            if timer.isActive() and timer.isSingleShot() and timer.interval() <= PENDING_TIMER_MS:
                owner = timer.parent()
                found.append(f"{type(owner).__name__}'s {timer.interval()} ms timer still active")
    return found


@pytest.fixture(autouse=True)
def nothing_left_running(qapp):
    """A UI test ends with its work done: no job of a task runner left running, no worker
    thread busy, no short single-shot timer pending on a window it made (wait for what you
    started; qtbot.waitUntil or flush a filter box). What is found is stopped, then the test
    fails, so the next test starts clean."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from app.ui.tasks import RUNNERS

    before = list(QApplication.topLevelWidgets())
    yield
    new_windows = [w for w in QApplication.topLevelWidgets() if all(w is not b for b in before)]
    found = _leftovers(new_windows)
    if not found:
        return
    for runner in list(RUNNERS):
        runner.cancel_all()
        runner.wait(10000)
    QThreadPool.globalInstance().waitForDone(10000)
    pytest.fail("left running after the test: " + "; ".join(found), pytrace=False)


@pytest.fixture(autouse=True)
def widgets_go_with_their_test(qapp):
    """The widgets qtbot closes after a test are deleted then (Qt would only delete them when an
    event loop next runs), with their debounce timers (a client box's suggestions, a
    document's preview): left alive, those fire in a later test on an archive already closed."""
    from PySide6.QtCore import QCoreApplication, QEvent

    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def questions_never_hang(qapp):
    """A message box nobody answers (a dialog closed with unsaved changes asks 放弃未保存的更改？)
    would block the run: after a few seconds it is closed with Esc and the test fails."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    left: list[str] = []
    seen: list[object] = []

    def check() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            seen.clear()
        elif box in seen:  # open since the last look
            left.append(box.text())
            box.reject()
        else:
            seen[:] = [box]

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(3000)
    yield
    timer.stop()
    assert not left, f"a question was left unanswered: {left}"


@pytest.fixture(autouse=True)
def translators_are_removed_after_each_test(monkeypatch):
    from PySide6.QtCore import QCoreApplication

    from app.ui import application

    installed = []
    original = application.install_translators

    def recording(app, lang):
        translators = original(app, lang)
        installed.extend(translators)
        return translators

    monkeypatch.setattr(application, "install_translators", recording)
    yield
    for translator in installed:
        QCoreApplication.removeTranslator(translator)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """A widget registered with qtbot that Qt already deleted with its parent (a page held only
    by the test's local variable, gone when the test returned, takes its dialogs with it) is
    not closed again by pytest-qt: its Python object may outlive it (a monkeypatch holds it)."""
    import shiboken6

    widgets = getattr(item, "qt_widgets", None)
    if widgets:
        item.qt_widgets = [
            (ref, close) for ref, close in widgets if ref() is None or shiboken6.isValid(ref())
        ]
    return (yield)

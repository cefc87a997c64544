"""app.ui.kit.ops: jobs bound to their widget, the newest request wins, a write announces what
it changed once, and an exclusive job runs alone with the archive's connections closed."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from app.domain.errors import AppError, CancelledError
from app.domain.progress import Progress
from app.ui.context import Changes, UiContext, UiEvents
from app.ui.kit import ops
from app.ui.tasks import SynchronousTaskRunner, TaskContext, TaskRunner


def answer(value, task=None):
    return value


def refuse(code, task=None):
    raise AppError(code)


def held_until(gate: threading.Event, value, task=None):
    """A job that waits for `gate` (or stops when cancelled)."""
    while not gate.wait(0.005):
        task.check()
    return value


def _page(ctx: UiContext, qtbot) -> QWidget:
    page = QWidget()
    page.ctx = ctx
    qtbot.addWidget(page)
    return page


@pytest.fixture
def ctx(archive, qapp):
    return UiContext(archive, SynchronousTaskRunner(), UiEvents(), "en")


@pytest.fixture
def threaded(archive, qapp, qtbot):
    runner = TaskRunner(max_threads=2)
    yield UiContext(archive, runner, UiEvents(), "en")
    runner.cancel_all()
    qtbot.waitUntil(lambda: not runner.active, timeout=5000)


def test_the_task_context_is_the_progress_services_accept():
    steps = []
    task = TaskContext(lambda done, total: steps.append((done, total)))
    assert isinstance(task, Progress)
    task.step(1, 3)
    task.progress(2, 3)  # the former name
    task.check()
    task._cancel.set()
    assert task.cancelled()
    with pytest.raises(CancelledError):
        task.raise_if_cancelled()
    assert steps == [(1, 3), (2, 3)]


def test_a_query_answers_its_widget_found_through_its_parents(ctx, qtbot):
    page = _page(ctx, qtbot)
    child = QWidget(page)
    got = []
    handle = ops.query(child, answer, 42, on_done=got.append)
    assert got == [42] and handle.done
    assert ops.context_of(child) is ctx
    with pytest.raises(LookupError):
        ops.context_of(QWidget())


def test_a_service_without_a_task_keyword_is_called_without_it(ctx, qtbot):
    page = _page(ctx, qtbot)
    got = []
    ops.query(page, lambda a, b: a + b, 2, 3, on_done=got.append)
    ops.query(page, len, "四个字符", on_done=got.append)
    steps = []
    ops.query(
        page,
        lambda task: task.step(1, 2),
        on_done=got.append,
        on_progress=lambda *s: steps.append(s),
    )
    assert got == [5, 4, None] and steps == [(1, 2)]


def test_the_newest_request_for_a_key_wins(threaded, qtbot):
    page = _page(threaded, qtbot)
    got = []
    first_gate, second_gate = threading.Event(), threading.Event()
    first = ops.query(page, held_until, first_gate, "old", on_done=got.append, key="rows")
    second = ops.query(page, held_until, second_gate, "new", on_done=got.append, key="rows")
    other = ops.query(page, answer, "other key", on_done=got.append, key="choices")
    assert first.is_cancel_requested()  # superseded: asked to stop
    assert not second.is_cancel_requested() and not other.is_cancel_requested()
    first_gate.set()
    second_gate.set()
    qtbot.waitUntil(lambda: not threaded.runner.active, timeout=5000)
    assert sorted(got) == ["new", "other key"]


def handed_over(part, gate: threading.Event, value, task=None):
    """A job that hands over `part` first, then waits for `gate` and returns `value`."""
    task.partial(part)
    return held_until(gate, value, task=task)


def test_a_part_of_the_answer_comes_before_the_answer_and_a_stale_one_is_dropped(threaded, qtbot):
    page = _page(threaded, qtbot)
    got = []
    gate = threading.Event()
    ops.query(
        page,
        handed_over,
        "first screen",
        gate,
        "whole",
        on_partial=lambda part: got.append(("part", part)),
        on_done=lambda value: got.append(("done", value)),
        key="rows",
    )
    qtbot.waitUntil(lambda: got == [("part", "first screen")], timeout=5000)  # before the end
    gate.set()
    qtbot.waitUntil(lambda: not threaded.runner.active, timeout=5000)
    assert got == [("part", "first screen"), ("done", "whole")]
    got.clear()
    stale_gate = threading.Event()
    stale = ops.query(
        page,
        handed_over,
        "stale part",
        stale_gate,
        "stale",
        on_partial=got.append,
        on_done=got.append,
        key="rows",
    )  # its part is on its way to the window thread when a newer request comes
    ops.query(page, answer, "newer", on_partial=got.append, on_done=got.append, key="rows")
    assert stale.is_cancel_requested()
    stale_gate.set()
    qtbot.waitUntil(lambda: not threaded.runner.active, timeout=5000)
    assert got == ["newer"]


def test_a_cancelled_job_hands_over_nothing_more():
    parts = []
    task = TaskContext(_partial=parts.append)
    task.partial(1)
    task._cancel.set()
    task.partial(2)
    assert parts == [1]


def test_an_answer_never_reaches_a_deleted_widget(threaded, qtbot):
    page = QWidget()
    page.ctx = threaded
    got = []
    gate = threading.Event()
    handle = ops.query(page, held_until, gate, "late", on_done=got.append, key="rows")
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert handle.is_cancel_requested()  # a deleted widget's queries are stopped
    gate.set()
    qtbot.waitUntil(lambda: not threaded.runner.active, timeout=5000)
    assert got == []


def test_an_answer_never_reaches_a_closed_window_until_it_is_shown_again(threaded, qtbot):
    page = _page(threaded, qtbot)
    page.show()
    got = []
    gate = threading.Event()
    ops.query(page, held_until, gate, "late", on_done=got.append)
    page.close()
    gate.set()
    qtbot.waitUntil(lambda: not threaded.runner.active, timeout=5000)
    assert got == []
    page.show()
    ops.query(page, answer, "shown again", on_done=got.append)
    qtbot.waitUntil(lambda: got == ["shown again"], timeout=5000)


def test_errors_are_shown_the_standard_way_unless_the_caller_takes_them(ctx, qtbot, monkeypatch):
    page = _page(ctx, qtbot)
    shown = []
    monkeypatch.setattr(ops, "show_error", lambda parent, exc, lang: shown.append((parent, exc)))
    ops.query(page, refuse, "not_found", on_done=pytest.fail)
    assert [(parent, exc.code) for parent, exc in shown] == [(page, "not_found")]
    taken = []
    ops.query(page, refuse, "not_found", on_done=pytest.fail, on_error=taken.append)
    assert [exc.code for exc in taken] == ["not_found"] and len(shown) == 1


def test_a_write_announces_what_it_changed_once(ctx, qtbot):
    page = _page(ctx, qtbot)
    heard, old_style, done = [], [], []
    ctx.events.changes.connect(heard.append)
    ctx.events.changed.connect(old_style.append)
    ops.write(page, answer, 7, changes={"client", "contact"}, on_done=done.append)
    assert heard == [Changes(frozenset({"client", "contact"}))]
    assert old_style == ["client", "contact"]  # pages not on the kit yet hear each kind
    assert done == [7]
    assert heard[0].touches("contact", "tender") and not heard[0].touches("tender")

    heard.clear()
    ops.write(page, answer, "minutes", changes=lambda kind: {kind, "all"})
    assert heard == [Changes(frozenset({"minutes", "all"}))]
    assert heard[0].touches("anything")  # 'all' touches every kind

    heard.clear()
    ctx.events.changed.emit("activity")  # emitted by hand: heard by the new listeners too
    assert heard == [Changes(frozenset({"activity"}))]

    heard.clear()
    ops.write(page, refuse, "duplicate", changes={"client"}, on_error=lambda exc: None)
    assert heard == []  # nothing changed


def test_a_page_follows_the_kinds_it_shows_while_it_is_there(ctx, qtbot):
    page = _page(ctx, qtbot)
    reloads = []
    ops.follow(page, lambda: reloads.append(1), "client", "activity")
    ops.write(page, answer, 1, changes={"tender"})
    assert reloads == []
    ops.write(page, answer, 1, changes={"activity", "tender"})
    ops.write(page, answer, 1, changes={"all"})
    assert reloads == [1, 1]
    page.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(page))
    ctx.events.changed.emit("client")  # the page went: nobody reloads
    assert reloads == [1, 1]


def test_a_lazy_page_reads_when_shown_and_after_changes_made_while_hidden(ctx, qtbot):
    page = _page(ctx, qtbot)
    reloads = []
    ops.follow(page, lambda: reloads.append(1), "client", lazy=True)
    assert reloads == []  # not read before it is seen
    page.show()
    assert reloads == [1]
    ops.write(page, answer, 1, changes={"client"})
    assert reloads == [1, 1]  # seen: at once
    page.hide()
    ops.write(page, answer, 1, changes={"client"})
    ops.write(page, answer, 1, changes={"client"})
    assert reloads == [1, 1]
    page.show()
    assert reloads == [1, 1, 1]  # once, when seen again
    page.hide()
    page.show()
    assert reloads == [1, 1, 1]  # nothing changed meanwhile


def test_a_write_finishes_and_is_announced_after_its_widget_went(threaded, qtbot):
    page = QWidget()
    page.ctx = threaded
    heard, done, said = [], [], []
    threaded.events.changes.connect(heard.append)
    threaded.events.status_message.connect(said.append)
    gate = threading.Event()
    handle = ops.write(page, held_until, gate, 1, changes={"activity"}, on_done=done.append)
    failing = ops.write(page, refuse, "duplicate", changes={"activity"})
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not handle.is_cancel_requested()  # a write is never stopped because its page went
    gate.set()
    qtbot.waitUntil(lambda: not threaded.runner.active, timeout=5000)
    assert heard == [Changes(frozenset({"activity"}))] and done == []
    assert failing.done and len(said) == 1  # its failure is said in the status bar


def test_exclusive_waits_for_the_others_closes_the_connections_and_reopens(
    threaded, archive, qtbot, monkeypatch
):
    window = _page(threaded, qtbot)
    window.show()
    disposed, heard, done = [], [], []
    monkeypatch.setattr(archive.db, "dispose", lambda: disposed.append(len(threaded.runner.active)))
    threaded.events.changes.connect(heard.append)
    gate = threading.Event()  # never set: the running query must be cancelled
    running = ops.query(window, held_until, gate, "old", on_done=pytest.fail)

    ops.exclusive(window, answer, "restored", label="Restoring…", on_done=done.append)
    assert running.is_cancel_requested()
    assert ops.is_held(threaded)
    assert ops.query(window, answer, 1, on_done=pytest.fail) is None  # dropped meanwhile
    qtbot.waitUntil(lambda: done == ["restored"], timeout=5000)
    assert disposed == [0]  # no job was running when the connections were closed
    assert heard == [Changes(frozenset({"all"}))]  # every page reloads
    assert not ops.is_held(threaded)
    assert window.isVisible()


def test_exclusive_can_close_the_window_and_a_failure_leaves_it_working(ctx, qtbot):
    window = _page(ctx, qtbot)
    window.show()
    errors = []
    ops.exclusive(window, refuse, "archive_empty_file", label="Restoring…", on_error=errors.append)
    assert [e.code for e in errors] == ["archive_empty_file"]
    assert not ops.is_held(ctx) and window.isVisible()

    said = []
    ops.exclusive(
        window, answer, "ok", label="Restoring…", afterwards=ops.CLOSE, on_done=said.append
    )
    assert said == ["ok"] and not window.isVisible()
    assert ops.is_held(ctx)  # the archive was replaced: nothing more runs on it here


def test_a_finished_job_keeps_no_callback_and_says_why_it_failed(qapp):
    """The runner keeps its handles: a callback kept with one would keep its widget (a closed
    dialog, with everything it shows) alive as long as the window."""
    import gc
    import weakref

    runner = SynchronousTaskRunner()

    class Dialog:
        def saved(self, _result) -> None:
            pass

    dialog = Dialog()
    gone = weakref.ref(dialog)
    handle = runner.submit("save", answer, 1, on_done=dialog.saved, on_error=dialog.saved)
    del dialog
    gc.collect()
    assert handle.done and handle.error is None and gone() is None
    failed = runner.submit("save", refuse, "bad_input", on_error=lambda exc: None)
    assert isinstance(failed.error, AppError)

"""Background work for pages and dialogs, over the one task runner (app.ui.tasks).

After Anki's QueryOp/CollectionOp and Picard's run_task: a widget never submits to the runner
by hand, never counts its own requests to drop stale answers, never emits `changed` by hand.

- `query(widget, fn, *args, on_done=..., key=...)` reads. The job is bound to `widget`: once
  the widget is deleted, or its window closed (and not shown again), the answer is dropped and
  never reaches it. With a `key`, the newest request for that key wins: an older one still
  running is asked to stop and its answer is dropped (a filter typed fast, a list re-sorted).
  `on_partial(value)` takes what the job hands over before its answer (`task.partial(value)`:
  a list's first screen), dropped like the answer once stale.
- `write(widget, fn, *args, changes=..., on_done=...)` changes the archive. When it succeeds
  the kit announces `changes` once through `ctx.events` (UiEvents.announce: `changes` carries
  a `Changes`, and the former `changed(str)` is emitted per kind for pages not yet on the kit),
  whether or not the widget is still there; then `on_done(result)` if it is.
- `exclusive(window, fn, *args, afterwards=...)` runs a job that replaces or rewrites the
  archive file (restore, migrate, encrypt): every other job is cancelled and waited for, the
  archive's connections are closed (`db.dispose()`), and meanwhile `query()`/`write()` drop
  new requests. Afterwards the window goes on (every page reloads: `Changes` 'all') or closes.

Errors: `on_error(exc)` when given, else the standard box (app.ui.widgets.show_error) over
the widget. A cancelled job calls `on_cancelled()` when given, nothing else. Progress and the
cancel button are the status bar's task indicator, which follows every job; a job reports
through the `task` keyword it is called with (an app.domain.progress.Progress).

`fn` runs on a worker thread: it takes plain values (the archive, ids, a query), opens its own
unit of work through a service and returns plain data; a service function is passed as it is.
It is called `fn(*args, task=...)` when it takes a `task` keyword, `fn(*args)` otherwise.
Keyword arguments of a service go in with functools.partial. The context (archive, runner,
events, language) is found on the widget or one of its parents (`.ctx`), or passed as `ctx=`.
"""

from __future__ import annotations

import inspect
import itertools
import weakref
from collections.abc import Callable, Hashable, Iterable
from typing import Any, Literal

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QWidget

from app.domain.errors import ConflictError
from app.ui.context import EVERYTHING, Changes, UiContext
from app.ui.tasks import TaskHandle, TaskRunner
from app.ui.widgets import error_text, show_error

__all__ = [
    "Changes",
    "ChangesSpec",
    "context_of",
    "widget_of",
    "exclusive",
    "is_held",
    "query",
    "write",
]

# What a write changed: kinds ({"client"}, "activity", Changes(...)), or a function of the
# write's result that says so (a restore changes the kind of what came back).
ChangesSpec = Changes | str | Iterable[str] | Callable[[Any], Changes | str | Iterable[str]] | None

_JOBS_NAME = "salesCompassOps"


def context_of(widget: QObject) -> UiContext:
    """The UiContext of `widget`: its own `.ctx`, or the nearest parent's."""
    current: QObject | None = widget
    while current is not None:
        ctx = getattr(current, "ctx", None)
        if isinstance(ctx, UiContext):
            return ctx
        current = current.parent()
    raise LookupError(f"{type(widget).__name__} has no UiContext (.ctx) on it or its parents")


class _Follower(QObject):
    """Calls `reload()` when a write changes one of `kinds`; goes (and stops listening) with
    the widget it is made on. A lazy one reloads a hidden widget when it is next shown (and
    first when it is first shown)."""

    def __init__(
        self, widget: QWidget, reload: Callable[[], object], kinds: tuple[str, ...], lazy: bool
    ):
        super().__init__(widget)
        self.reload, self.kinds, self.lazy, self.stale = reload, kinds, lazy, lazy
        if lazy:
            widget.installEventFilter(self)
        context_of(widget).events.changes.connect(self.heard)

    def heard(self, changes: Changes) -> None:
        if not changes.touches(*self.kinds):
            return
        if self.lazy and not self.parent().isVisible():
            self.stale = True
        else:
            self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.reload()
        return False


def follow(widget: QWidget, reload: Callable[[], object], *kinds: str, lazy: bool = False) -> None:
    """The widget follows what others change: `reload()` whenever a write anywhere changes
    one of `kinds` ('all' touches everything), for as long as the widget is there. `lazy`:
    a hidden widget reloads when it is next shown, and first when it is first shown (a long
    list need not slow start-up)."""
    _Follower(widget, reload, kinds, lazy)


# -- the jobs of one widget -----------------------------------------------------------------------


class _Jobs(QObject):
    """The kit's bookkeeping for one widget (a child of it, so it goes with it): the newest
    request per key, the queries to cancel when the widget goes, and whether its window was
    closed (a Close event seen, and not shown since)."""

    def __init__(self, widget: QObject):
        super().__init__(widget)
        self.setObjectName(_JOBS_NAME)
        self.numbers = itertools.count(1)
        self.newest: dict[Hashable, int] = {}
        self.by_key: dict[Hashable, TaskHandle] = {}
        self.queries: set[TaskHandle] = set()
        self.closed = False
        self._watched: weakref.WeakSet[QObject] = weakref.WeakSet()
        queries = self.queries  # not self: the slot runs while the widget is being destroyed
        widget.destroyed.connect(lambda *_: _cancel(queries))

    def watch(self, window: QObject) -> None:
        if window not in self._watched:
            self._watched.add(window)
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.Close:
            self.closed = True
        elif kind == QEvent.Type.Show:
            self.closed = False
        return False

    def track(self, key: Hashable | None, handle: TaskHandle, is_query: bool) -> None:
        if handle.done:
            return
        if key is not None:
            self.by_key[key] = handle
        if is_query:
            self.queries.add(handle)
        handle.finished.connect(lambda: self._forget(key, handle))

    def _forget(self, key: Hashable | None, handle: TaskHandle) -> None:
        self.queries.discard(handle)
        if key is not None and self.by_key.get(key) is handle:
            del self.by_key[key]

    def supersede(self, key: Hashable) -> int:
        """A new request for `key`: the older one is asked to stop. Returns its number."""
        number = next(self.numbers)
        self.newest[key] = number
        older = self.by_key.pop(key, None)
        if older is not None and not older.done:
            older.cancel()
        return number


def _cancel(handles: set[TaskHandle]) -> None:
    for handle in list(handles):
        handle.cancel()
    handles.clear()


def _jobs_of(widget: QObject) -> _Jobs:
    jobs = getattr(widget, "_kit_ops_jobs", None)
    if jobs is None or not shiboken6.isValid(jobs):
        jobs = _Jobs(widget)
        widget._kit_ops_jobs = jobs  # type: ignore[attr-defined]
    owner = widget_of(widget)
    if owner is not None:
        jobs.watch(owner.window())
    return jobs


def widget_of(target: QObject) -> QWidget | None:
    """`target` if it is a widget, else the widget it belongs to (a list's model: its page), so
    an answer for a model never reaches a closed window either."""
    current: QObject | None = target
    while current is not None and not isinstance(current, QWidget):
        current = current.parent()
    return current


def _alive(ref: weakref.ref[QObject]) -> QObject | None:
    """The widget if it still exists and its window was not closed."""
    widget = ref()
    if widget is None or not shiboken6.isValid(widget):
        return None
    jobs = getattr(widget, "_kit_ops_jobs", None)
    if jobs is not None and shiboken6.isValid(jobs) and jobs.closed:
        owner = widget_of(widget)
        window = owner.window() if owner is not None else None
        if window is None or not window.isVisible():
            return None
    return widget


def _conflict_taken(target: QObject, exc: Exception) -> bool:
    """A save refused because someone else changed the record first (ConflictError) goes to
    the form it was made in (FormDialog.refused_by_conflict: who, what, 载入最新 / 取消),
    instead of the write's own on_error; True when the form took it."""
    if not isinstance(exc, ConflictError) or not isinstance(target, QWidget):
        return False
    taker = getattr(target.window(), "refused_by_conflict", None)
    return bool(taker(exc)) if callable(taker) else False


def _taking_task(fn: Callable[..., Any]) -> Callable[..., Any]:
    """`fn` as the runner calls it (with `task=`): a function without that keyword is wrapped."""
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):  # no signature to read (a builtin): called without it
        parameters = ()
    if any(p.name == "task" or p.kind is p.VAR_KEYWORD for p in parameters):
        return fn

    def without_task(*args: Any, task: object = None) -> Any:
        return fn(*args)

    return without_task


# -- held runners (an exclusive job is on its way) -------------------------------------------------

_HELD: weakref.WeakSet[TaskRunner] = weakref.WeakSet()


def is_held(ctx: UiContext) -> bool:
    """True while an exclusive job waits for the others or runs: new requests are dropped."""
    return ctx.runner in _HELD


# -- query and write --------------------------------------------------------------------------------


def _submit(
    widget: QObject,
    fn: Callable[..., Any],
    args: tuple,
    *,
    ctx: UiContext | None,
    label: str,
    key: Hashable | None,
    is_query: bool,
    on_done: Callable[[Any], None] | None,
    on_error: Callable[[Exception], None] | None,
    on_cancelled: Callable[[], None] | None,
    on_progress: Callable[[int, int], None] | None,
    changes: ChangesSpec,
    on_partial: Callable[[Any], None] | None = None,
) -> TaskHandle | None:
    ctx = ctx or context_of(widget)
    if is_held(ctx):
        return None
    jobs = _jobs_of(widget)
    number = jobs.supersede(key) if key is not None else 0
    ref = weakref.ref(widget)

    def current() -> QObject | None:
        target = _alive(ref)
        if target is None or (key is not None and jobs.newest.get(key) != number):
            return None
        if is_query and is_held(ctx):  # finished just before an exclusive job: stale
            return None
        return target

    def succeeded(result: Any) -> None:
        if changes is not None:  # announced even when the widget is gone: others listen
            ctx.events.announce(changes(result) if callable(changes) else changes)
        if on_done is not None and current() is not None:
            on_done(result)

    def failed(exc: Exception) -> None:
        target = current()
        if target is None:
            if not is_query:  # a write that failed after its widget went is still said
                ctx.events.status_message.emit(error_text(exc, ctx.lang))
        elif _conflict_taken(target, exc):
            pass
        elif on_error is not None:
            on_error(exc)
        else:
            show_error(target if isinstance(target, QWidget) else None, exc, ctx.lang)

    def cancelled() -> None:
        if on_cancelled is not None and current() is not None:
            on_cancelled()

    def progressed(done: int, total: int) -> None:
        if on_progress is not None and current() is not None:
            on_progress(done, total)

    def partial(value: Any) -> None:
        if on_partial is not None and current() is not None:
            on_partial(value)

    handle = ctx.runner.submit(
        label,
        _taking_task(fn),
        *args,
        on_done=succeeded,
        on_error=failed,
        on_cancelled=cancelled,
        on_progress=progressed if on_progress is not None else None,
        on_partial=partial if on_partial is not None else None,
    )
    jobs.track(key, handle, is_query)
    return handle


def query(
    widget: QObject,
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None],
    key: Hashable | None = None,
    on_error: Callable[[Exception], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    on_partial: Callable[[Any], None] | None = None,
    label: str | None = None,
    ctx: UiContext | None = None,
) -> TaskHandle | None:
    """Runs `fn(*args)` in the background and gives its result to `on_done` on the
    UI thread, unless `widget` went meanwhile or a newer request with the same `key` was made
    (the older one is cancelled); what the job hands over before it (`task.partial(value)`)
    goes to `on_partial` first, on the same terms. Returns the job's handle (None while an
    exclusive job holds the runner: the request is dropped)."""
    return _submit(
        widget,
        fn,
        args,
        ctx=ctx,
        label=label or QCoreApplication.translate("ops", "Loading…"),
        key=key,
        is_query=True,
        on_done=on_done,
        on_error=on_error,
        on_cancelled=on_cancelled,
        on_progress=on_progress,
        changes=None,
        on_partial=on_partial,
    )


def write(
    widget: QObject,
    fn: Callable[..., Any],
    *args: Any,
    changes: ChangesSpec,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    label: str | None = None,
    ctx: UiContext | None = None,
) -> TaskHandle | None:
    """Runs the write `fn(*args)` in the background. On success the kit announces
    `changes` (kinds, a Changes, or a function of the result giving them) once to every
    page, then calls `on_done(result)` if `widget` is still there. A write is never cancelled
    because its widget went (only by the user, through the task indicator); its error is then
    said in the status bar. Returns the job's handle (None while an exclusive job holds the
    runner: nothing is written)."""
    return _submit(
        widget,
        fn,
        args,
        ctx=ctx,
        label=label or QCoreApplication.translate("ops", "Saving…"),
        key=None,
        is_query=False,
        on_done=on_done,
        on_error=on_error,
        on_cancelled=on_cancelled,
        on_progress=on_progress,
        changes=Changes() if changes is None else changes,
    )


# -- exclusive --------------------------------------------------------------------------------------

REOPEN, CLOSE = "reopen", "close"


def exclusive(
    window: QWidget,
    fn: Callable[..., Any],
    *args: Any,
    label: str,
    afterwards: Literal["reopen", "close"] = REOPEN,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    ctx: UiContext | None = None,
) -> None:
    """Runs `fn(*args)` alone: every other job is cancelled and waited for (without
    blocking the window), the archive's connections are closed, and `query()`/`write()` drop
    new requests until it ends. Then:

    - success, `afterwards=REOPEN`: the window goes on (connections open again on first use)
      and every page reloads (Changes 'all' is announced), then `on_done(result)`;
    - success, `afterwards=CLOSE`: `on_done(result)` (say what happened), then the window
      closes; new requests stay dropped;
    - failure or cancel: the window goes on as before; `on_error(exc)` or the standard box.

    The job starts at once when nothing else runs (always with SynchronousTaskRunner)."""
    ctx = ctx or context_of(window)
    runner = ctx.runner
    if runner in _HELD:
        busy = QCoreApplication.translate("ops", "Another operation on the archive is running.")
        ctx.events.status_message.emit(busy)
        return
    _HELD.add(runner)
    runner.cancel_all()

    def release() -> None:
        _HELD.discard(runner)

    def succeeded(result: Any) -> None:
        if afterwards == CLOSE:
            if on_done is not None:
                on_done(result)
            window.close()
            return
        release()
        ctx.events.announce(Changes(frozenset((EVERYTHING,))))
        if on_done is not None:
            on_done(result)

    def failed(exc: Exception) -> None:
        release()
        if on_error is not None:
            on_error(exc)
        else:
            show_error(window, exc, ctx.lang)

    def start() -> None:
        ctx.archive.db.dispose()
        runner.submit(
            label, _taking_task(fn), *args, on_done=succeeded, on_error=failed, on_cancelled=release
        )

    _when_idle(runner, start)


def _when_idle(runner: TaskRunner, then: Callable[[], None]) -> None:
    """Calls `then` once the runner has no job left (cancelling any that starts meanwhile)."""
    heard: set[int] = set()
    started = False

    def check(*_args: object) -> None:
        nonlocal started
        if started:
            return
        busy = [handle for handle in runner.active if not handle.done]
        if not busy:
            started = True
            then()
            return
        for handle in busy:
            handle.cancel()
            if id(handle) not in heard:
                heard.add(id(handle))
                handle.finished.connect(check)

    check()

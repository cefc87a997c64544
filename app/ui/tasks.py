"""The one task runner for long work (import, export, PDF, report, backup, large searches).

A job is a plain function called as `fn(*args, task=TaskContext)`: it opens its own session
through the services, reports progress with `task.step(done, total)`, calls `task.check()` now
and then (it raises CancelledError once cancel was asked; see app.domain.progress), and returns
plain data. A job may hand over part of its answer before the whole (`task.partial(value)`: a
list's first screen, then the whole list as its result). Results, partial results, errors and
progress come back to the UI thread by signal, in the order the job gave them.

Tests swap in SynchronousTaskRunner, which runs jobs inline and leaves no thread behind."""

from __future__ import annotations

import threading
import traceback
import warnings
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.domain.errors import CancelledError


@dataclass
class TaskContext:
    """What a job sees: a progress reporter and a cancel flag. It is an
    `app.domain.progress.Progress` (step/cancelled/check), the protocol services accept;
    `progress()` and `raise_if_cancelled()` are the former names of `step()` and `check()`."""

    _progress: Callable[[int, int], None] = lambda done, total: None
    _cancel: threading.Event = field(default_factory=threading.Event)
    _partial: Callable[[object], None] = lambda value: None

    def step(self, done: int, total: int) -> None:
        self._progress(done, total)

    def partial(self, value: object) -> None:
        """Hands over part of the answer now (the result follows when the job returns)."""
        if not self._cancel.is_set():
            self._partial(value)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise CancelledError()

    progress = step
    raise_if_cancelled = check


class TaskHandle(QObject):
    """One running job. Connect to its signals; call cancel() to ask it to stop."""

    progressed = Signal(int, int)
    partial_result = Signal(object)  # part of the answer, before the whole (TaskContext.partial)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled_ = Signal()
    finished = Signal()

    def __init__(self, label: str, parent: QObject | None = None):
        super().__init__(parent)
        self.label = label
        self.context = TaskContext(self.progressed.emit, _partial=self.partial_result.emit)
        self.done = False
        self.error: Exception | None = None  # why it failed, once done

    def cancel(self) -> None:
        self.context._cancel.set()

    def is_cancel_requested(self) -> bool:
        return self.context.cancelled()

    def release(self) -> None:
        """Drops the callbacks of a finished job (the handle stays a child of its runner: a
        callback kept would keep its widget, a closed dialog, alive as long as the runner)."""
        with warnings.catch_warnings():  # PySide warns about a signal nobody connected
            warnings.simplefilter("ignore", RuntimeWarning)
            signals = (
                self.progressed,
                self.partial_result,
                self.succeeded,
                self.failed,
                self.cancelled_,
            )
            for signal in signals:
                signal.disconnect()


class _Job(QRunnable):
    def __init__(self, handle: TaskHandle, fn: Callable, args: tuple, kwargs: dict):
        super().__init__()
        self.setAutoDelete(True)
        self.handle = handle
        self.fn, self.args, self.kwargs = fn, args, kwargs

    def run(self) -> None:
        _execute(self.handle, self.fn, self.args, self.kwargs)


def _execute(handle: TaskHandle, fn: Callable, args: tuple, kwargs: dict) -> None:
    try:
        result = fn(*args, task=handle.context, **kwargs)
    except CancelledError:
        handle.done = True
        handle.cancelled_.emit()
    except Exception as exc:  # noqa: BLE001 - every failure must reach the UI as a message
        exc.traceback_text = traceback.format_exc()
        handle.done, handle.error = True, exc
        handle.failed.emit(exc)
    else:
        handle.done = True
        if handle.context.cancelled():
            handle.cancelled_.emit()
        else:
            handle.succeeded.emit(result)
    handle.finished.emit()


# Every runner alive, so the tests can fail one that leaves a job running.
RUNNERS: weakref.WeakSet[TaskRunner] = weakref.WeakSet()


class TaskRunner(QObject):
    """Runs jobs on a QThreadPool. `active` lists the jobs not finished yet."""

    started = Signal(object)  # TaskHandle

    def __init__(self, parent: QObject | None = None, max_threads: int = 2):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self.active: list[TaskHandle] = []
        RUNNERS.add(self)

    def submit(
        self,
        label: str,
        fn: Callable,
        *args: object,
        on_done: Callable[[object], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_partial: Callable[[object], None] | None = None,
        **kwargs: object,
    ) -> TaskHandle:
        handle = TaskHandle(label, self)
        if on_done:
            handle.succeeded.connect(on_done)
        if on_error:
            handle.failed.connect(on_error)
        if on_progress:
            handle.progressed.connect(on_progress)
        if on_cancelled:
            handle.cancelled_.connect(on_cancelled)
        if on_partial:
            handle.partial_result.connect(on_partial)
        handle.finished.connect(lambda: self._forget(handle))
        self.active.append(handle)
        self.started.emit(handle)
        self._start(handle, fn, args, kwargs)
        return handle

    def _start(self, handle: TaskHandle, fn: Callable, args: tuple, kwargs: dict) -> None:
        self.pool.start(_Job(handle, fn, args, kwargs))

    def _forget(self, handle: TaskHandle) -> None:
        if handle in self.active:
            self.active.remove(handle)
        handle.release()

    def cancel_all(self) -> None:
        for handle in list(self.active):
            handle.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)


class SynchronousTaskRunner(TaskRunner):
    """For tests: runs each job inline on the calling thread, signals included."""

    def _start(self, handle: TaskHandle, fn: Callable, args: tuple, kwargs: dict) -> None:
        _execute(handle, fn, args, kwargs)

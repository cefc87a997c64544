"""How a long service call says how far it got, and learns that it should stop.

A service that can take long (an import, an export, a backup, a report over a large archive)
takes a `Progress` and calls, now and then:

- `progress.step(done, total)`: `done` of `total` steps are behind it (a bar shows it);
- `progress.check()`: raises `CancelledError` when the user asked it to stop (call it where
  stopping leaves nothing half-written, e.g. before each batch; the unit of work rolls back);
- `progress.cancelled()`: the same question without the exception.

Callers that do not care pass nothing: `NO_PROGRESS` never cancels and reports nowhere.
A job in the window gets the task runner's context (app.ui.tasks.TaskContext), the command
line a reporter of its own; the service never knows which.

    def import_rows(archive, rows, progress: Progress = NO_PROGRESS) -> int:
        for number, row in enumerate(rows, 1):
            progress.check()
            ...
            progress.step(number, len(rows))

A job of several phases reports each as a share of one bar with `part()`:

    copy_files(files, progress=part(progress, 0, 80, 100))    # 0..80 %
    verify_copy(target, progress=part(progress, 80, 20, 100))  # 80..100 %

The former names `progress(done, total)` and `raise_if_cancelled()` still work on every
implementation here, for services not yet moved to `step`/`check`.
"""

from __future__ import annotations

from typing import Final, Protocol, runtime_checkable

from app.domain.errors import CancelledError

__all__ = ["NO_PROGRESS", "CancelledError", "Progress", "or_none", "part"]


@runtime_checkable
class Progress(Protocol):
    """What a long service call may report to and ask of whoever runs it."""

    def step(self, done: int, total: int) -> None:
        """`done` of `total` steps are finished (total 0: not known yet)."""

    def cancelled(self) -> bool:
        """True once the user asked the job to stop."""

    def check(self) -> None:
        """Raises CancelledError once the user asked the job to stop."""


class _NoProgress:
    """Reports nowhere and is never cancelled."""

    def step(self, done: int, total: int) -> None:
        return None

    def cancelled(self) -> bool:
        return False

    def check(self) -> None:
        return None

    # The former names (services written against app.ui.tasks.TaskContext).
    progress = step
    raise_if_cancelled = check

    def __repr__(self) -> str:
        return "NO_PROGRESS"


NO_PROGRESS: Final[Progress] = _NoProgress()


def or_none(progress: Progress | None) -> Progress:
    """`progress`, or NO_PROGRESS for None (services whose keyword defaults to None)."""
    return NO_PROGRESS if progress is None else progress


class _Part:
    def __init__(self, whole: Progress, start: int, span: int, total: int):
        self.whole, self.start, self.span, self.total = whole, start, span, total

    def step(self, done: int, total: int) -> None:
        share = self.span * min(done, total) // total if total > 0 else 0
        self.whole.step(self.start + share, self.total)

    def cancelled(self) -> bool:
        return self.whole.cancelled()

    def check(self) -> None:
        self.whole.check()

    progress = step
    raise_if_cancelled = check


def part(whole: Progress | None, start: int, span: int, total: int) -> Progress:
    """A phase of a longer job: its own `step(done, of)` moves the whole bar from `start` to
    `start + span` of `total`; cancelling the whole cancels the part."""
    return _Part(or_none(whole), start, span, total)

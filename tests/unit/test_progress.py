"""The progress/cancel protocol services accept (app.domain.progress)."""

from __future__ import annotations

import pytest

from app.domain.errors import CancelledError
from app.domain.progress import NO_PROGRESS, Progress, or_none, part


class Recorder:
    def __init__(self):
        self.steps: list[tuple[int, int]] = []
        self.stop = False

    def step(self, done: int, total: int) -> None:
        self.steps.append((done, total))

    def cancelled(self) -> bool:
        return self.stop

    def check(self) -> None:
        if self.stop:
            raise CancelledError()


def test_no_progress_reports_nowhere_and_never_cancels():
    assert isinstance(NO_PROGRESS, Progress)
    NO_PROGRESS.step(3, 10)
    NO_PROGRESS.check()
    assert not NO_PROGRESS.cancelled()
    NO_PROGRESS.progress(1, 2)  # the former names still work
    NO_PROGRESS.raise_if_cancelled()
    assert or_none(None) is NO_PROGRESS
    recorder = Recorder()
    assert or_none(recorder) is recorder


def test_a_part_moves_its_share_of_the_whole_bar_and_is_cancelled_with_it():
    whole = Recorder()
    assert isinstance(whole, Progress)
    copying, verifying = part(whole, 0, 80, 100), part(whole, 80, 20, 100)
    copying.step(1, 4)
    copying.step(4, 4)
    verifying.step(1, 2)
    verifying.step(2, 2)
    verifying.step(0, 0)  # an unknown total stays at the start of the share
    assert whole.steps == [(20, 100), (80, 100), (90, 100), (100, 100), (80, 100)]
    whole.stop = True
    assert copying.cancelled()
    with pytest.raises(CancelledError):
        verifying.check()
    part(None, 0, 50, 100).step(1, 1)  # a part of nothing reports nowhere

"""Fewer garbage collections while a long job makes many objects (issue 11).

An import of 10,000 rows makes a few hundred thousand small objects (cells, drafts, rows, the
parameters of its inserts), nearly none in reference cycles; with the collector's default
threshold (every 700 new objects) it ran hundreds of collections, each walking the young objects
and now and then the whole heap: 0.2-0.3 s of a 2.5 s import. Every 10,000 it runs a few dozen,
and still collects the job's cycles. The command line runs with that threshold already
(app.main); this gives it to a job the window or a script runs, for the job's length."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

FEWER = 10_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The first generation collected every FEWER new objects inside the block (when it was
    more often); the thresholds as they were after it."""
    before = gc.get_threshold()
    if before[0] >= FEWER:
        yield
        return
    gc.set_threshold(FEWER, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)

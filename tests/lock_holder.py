"""Another process holding an archive, as a second window or a running command would."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]

_HOLD = """
import sys
from app.services.archive import open_archive
archive = open_archive(sys.argv[1], holder=sys.argv[2])
print("held", flush=True)
sys.stdin.read()
archive.close()
"""


@contextlib.contextmanager
def held_elsewhere(path: Path, holder: str = "window") -> Iterator[subprocess.Popen]:
    """The archive at `path` is open in another process (created first if missing) until the
    block ends."""
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(path), holder],
        cwd=PROJECT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == "held"
        yield process
    finally:
        process.stdin.close()
        process.wait(timeout=30)

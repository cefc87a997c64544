"""Writing a file the user named so that a failure never leaves a partial file under that name.

Every export, PDF and backup is written to a hidden temporary file in the destination folder,
flushed to disk, then renamed over the requested name in one step (os.replace is atomic on the
same file system). A crash, a full disk or an exception leaves the requested name untouched: either
the old file or no file. Standard library only, so every layer may use it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

# The files of every archive open in this process (database, journals, lock, attachment folder):
# nothing a user names is ever written over them, whichever front end or service asks.
_protected: dict[Path, int] = {}


def protect(paths: list[Path]) -> None:
    for path in paths:
        key = Path(path).resolve()
        _protected[key] = _protected.get(key, 0) + 1


def unprotect(paths: list[Path]) -> None:
    for path in paths:
        key = Path(path).resolve()
        count = _protected.get(key, 0) - 1
        if count > 0:
            _protected[key] = count
        else:
            _protected.pop(key, None)


def is_protected(path: Path) -> bool:
    """True for an open archive's own file, or anything inside its attachment folder."""
    path = Path(path).resolve()
    return any(path == item or item in path.parents for item in _protected)


def temporary_sibling(path: Path, suffix: str = "") -> Path:
    """A new, empty, hidden file in the same folder as `path` (same file system: rename works)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix + ".part")
    os.close(fd)
    return Path(name)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Makes a rename inside `folder` durable (a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_output(path: Path | str) -> Iterator[Path]:
    """Yields a temporary path to write; on success it replaces `path`, on failure it is removed.

    with atomic_output(out) as tmp:
        workbook.save(tmp)
    """
    path = Path(path)
    if is_protected(path):
        from app.domain.errors import ArchiveError

        raise ArchiveError("output_is_archive", path=str(path))
    tmp = temporary_sibling(path, suffix=path.suffix)
    try:
        yield tmp
        fsync_file(tmp)
        os.replace(tmp, path)
        fsync_folder(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_bytes_atomically(path: Path | str, data: bytes) -> None:
    with atomic_output(path) as tmp:
        tmp.write_bytes(data)

"""One writer per archive: a lock file beside it (`archive.sqlite3.lock`) saying who holds it.

The lock itself is an operating-system lock on that file (flock on POSIX, msvcrt on Windows), so a
process that is killed releases it at once: a stale lock file never keeps anyone out. The file's
text (host, process, what holds it, since when) is only there to tell the next one who it is.

Within one process the lock is counted: the window, its background jobs and a restore run by the
window share the hold the process already has."""

from __future__ import annotations

import errno
import json
import os
import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.domain.errors import ArchiveError

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    # Windows locks a byte range and nobody else may read it: lock one byte far past the text.
    _LOCKED_BYTE = 1 << 30

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, _LOCKED_BYTE, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, _LOCKED_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


WINDOW = "window"
COMMAND = "command"


@dataclass(frozen=True)
class Holder:
    host: str
    pid: int
    holder: str  # WINDOW or COMMAND
    since: str

    @classmethod
    def me(cls, holder: str) -> Holder:
        return cls(
            socket.gethostname(), os.getpid(), holder, datetime.now().isoformat("T", "seconds")
        )


def lock_path(archive_path: Path) -> Path:
    archive_path = Path(archive_path)
    return archive_path.with_name(archive_path.name + ".lock")


class _Held:
    def __init__(self, fd: int, holder: Holder):
        self.fd = fd
        self.holder = holder
        self.count = 1


_held: dict[str, _Held] = {}
_guard = threading.Lock()


def _key(archive_path: Path) -> str:
    return os.path.normcase(str(Path(archive_path).resolve()))


def read_holder(archive_path: Path) -> Holder | None:
    """Who the lock file says holds the archive (None when it says nothing readable)."""
    try:
        data = json.loads(lock_path(archive_path).read_text(encoding="utf-8") or "null")
        return Holder(str(data["host"]), int(data["pid"]), str(data["holder"]), str(data["since"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def is_held_elsewhere(archive_path: Path) -> bool:
    """True when another process holds the archive now (this process's own hold does not count)."""
    if _key(archive_path) in _held:
        return False
    path = lock_path(archive_path)
    if not path.exists():
        return False
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        if _try_lock(fd):
            _unlock(fd)
            return False
        return True
    finally:
        os.close(fd)


def acquire(archive_path: Path, holder: str = COMMAND, wait: float = 0.0) -> None:
    """Takes the archive for this process, or raises ArchiveError('archive_in_use') naming who has
    it. `wait` seconds are spent retrying when the holder is a command (commands are short); a
    window is reported at once."""
    key = _key(archive_path)
    with _guard:
        held = _held.get(key)
        if held is not None:
            held.count += 1
            return
        path = lock_path(archive_path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise ArchiveError("read_only_media", path=str(archive_path)) from exc
            raise
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            other = read_holder(archive_path)
            if (other is not None and other.holder == WINDOW) or time.monotonic() >= deadline:
                os.close(fd)
                raise _in_use(archive_path, other)
            time.sleep(0.05)
        me = Holder.me(holder)
        _write_holder(fd, me, archive_path)
        _held[key] = _Held(fd, me)


def release(archive_path: Path) -> None:
    """Gives the archive up. The lock file keeps only the state the archive was left in (so the
    next writer can skip the quick check when nobody else has touched the file since)."""
    key = _key(archive_path)
    with _guard:
        held = _held.get(key)
        if held is None:
            return
        held.count -= 1
        if held.count > 0:
            return
        del _held[key]
        try:
            state = file_state(archive_path)
            _write(held.fd, {"verified": list(state)} if state else {})
        except OSError:
            pass
        _unlock(held.fd)
        os.close(held.fd)


def file_state(archive_path: Path) -> tuple[int, int, int] | None:
    """(size, mtime in ns, size of the WAL) of the database file: changes whenever anyone writes."""
    try:
        stat = Path(archive_path).stat()
    except OSError:
        return None
    try:
        wal = Path(str(archive_path) + "-wal").stat().st_size
    except OSError:
        wal = 0
    return (stat.st_size, stat.st_mtime_ns, wal)


def verified_state(archive_path: Path) -> tuple[int, int, int] | None:
    """The file state recorded when the last writer closed the archive in good order."""
    try:
        data = json.loads(lock_path(archive_path).read_text(encoding="utf-8") or "{}")
        size, mtime, wal = data["verified"]
        return (int(size), int(mtime), int(wal))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def holds(archive_path: Path) -> bool:
    return _key(archive_path) in _held


def _write_holder(fd: int, holder: Holder, archive_path: Path) -> None:
    """Who holds it now, keeping the state the last writer left it in."""
    verified = verified_state(archive_path)
    _write(fd, {**holder.__dict__, "verified": list(verified) if verified else None})


def _write(fd: int, data: dict) -> None:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _in_use(archive_path: Path, other: Holder | None) -> ArchiveError:
    if other is None:
        return ArchiveError("archive_in_use_unknown", path=str(archive_path))
    return ArchiveError(
        "archive_in_use_window" if other.holder == WINDOW else "archive_in_use_command",
        path=str(archive_path),
        host=other.host,
        pid=other.pid,
        holder=other.holder,
        since=other.since.replace("T", " "),
    )

"""This user's private temporary folder: attachments opened for viewing, PDFs made for printing,
scans decrypted while a packet is built.

Not the shared system temp folder, where every user of the machine can list (and often read)
what the app leaves: the per-user runtime folder where the system has one (on Linux a tmpfs that
the system empties at logout), else the per-user cache folder. Readable by its owner only
(0700). Each running program has its own subfolder, removed when the program ends; a program
that did not end in good order (killed, a power cut) has its leftovers removed at the next start
of any Sales Compass program. Standard library and platformdirs only, so every layer may use it."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import sys
import threading
from pathlib import Path

from platformdirs import user_cache_path, user_runtime_path

APP = "SalesCompass"
MODE = 0o700
_lock = threading.Lock()
_registered = False


def root() -> Path:
    cache = user_cache_path(APP, appauthor=False) / "private-temp"
    if sys.platform.startswith("linux") and not os.environ.get("XDG_RUNTIME_DIR"):
        return cache  # no session runtime folder (platformdirs would fall back to /tmp)
    runtime = user_runtime_path(APP, appauthor=False)
    parent = runtime.parent
    if parent.is_dir() and os.access(parent, os.W_OK | os.X_OK):
        return runtime / "private"
    return cache


def _private_folder(folder: Path) -> Path:
    folder.mkdir(mode=MODE, parents=True, exist_ok=True)
    if os.name != "nt":
        with contextlib.suppress(OSError):
            os.chmod(folder, MODE)
    return folder


def session_folder(name: str = "") -> Path:
    """This program's own private folder (or a named subfolder of it), created when missing."""
    global _registered
    with _lock:
        base = _private_folder(root())
        if not _registered:
            sweep_stale()
            atexit.register(cleanup)
            _registered = True
        folder = _private_folder(base / str(os.getpid()))
        return _private_folder(folder / name) if name else folder


def cleanup() -> None:
    """Empties and removes this program's folder (at exit; safe to call more than once)."""
    shutil.rmtree(root() / str(os.getpid()), ignore_errors=True)


def sweep_stale() -> list[Path]:
    """Removes the folders of Sales Compass programs that are no longer running."""
    removed = []
    base = root()
    if not base.is_dir():
        return removed
    for item in base.iterdir():
        if not item.name.isdigit() or int(item.name) == os.getpid():
            continue
        if not _running(int(item.name)):
            shutil.rmtree(item, ignore_errors=True)
            removed.append(item)
    return removed


def _running(pid: int) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        process = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFO
        if not process:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(process, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(process)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def session_path(name: str) -> Path:
    """Where this program's subfolder `name` is (not created: see session_folder)."""
    return root() / str(os.getpid()) / name

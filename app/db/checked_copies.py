"""Archive files this user's reads have already quick-checked, by their file state.

A writer records the state it left an archive in inside the lock file (app.db.archive_lock), so
the next opening can skip SQLite's quick check. A read-only opening never writes the lock file
(another program may hold it, or the folder is not ours: a colleague's copy, a CD), so without
this note every read command on such a copy paid the whole check again (1.4 s on a 1 GB archive).
The note lives in the user's cache folder: losing it only costs one more check."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from app.paths import cache_folder
from app.safe_files import write_bytes_atomically

KEEP = 50  # files remembered; the oldest note goes first
NOTE_NAME = "checked-archives.json"


def note_path() -> Path:
    return cache_folder() / NOTE_NAME


def checked_state(archive_path: Path) -> tuple[int, int, int] | None:
    """The file state in which `archive_path` last passed a read-only quick check."""
    entry = _notes().get(_key(archive_path))
    try:
        size, mtime, wal = entry
        return (int(size), int(mtime), int(wal))
    except (TypeError, ValueError):
        return None


def remember_checked(archive_path: Path, state: tuple[int, int, int] | None) -> None:
    """Notes that `archive_path` passed the quick check in `state` (best effort)."""
    if state is None:
        return
    notes = _notes()
    notes.pop(_key(archive_path), None)
    notes[_key(archive_path)] = list(state)
    kept = dict(list(notes.items())[-KEEP:])
    with contextlib.suppress(OSError):
        note_path().parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(note_path(), json.dumps(kept, ensure_ascii=False).encode("utf-8"))


def _notes() -> dict:
    try:
        notes = json.loads(note_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return notes if isinstance(notes, dict) else {}


def _key(archive_path: Path) -> str:
    try:
        return str(Path(archive_path).resolve())
    except OSError:
        return str(archive_path)

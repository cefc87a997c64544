"""Settings read from an archive file's plain sqlite3 connection (app.db.file_reader): the
repository's get_prefix under the name the read services call (app.services.readers.reader)."""

from __future__ import annotations

from app.db.repositories.settings import get_prefix_plain as get_prefix

__all__ = ["get_prefix"]

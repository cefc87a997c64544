"""The archive file itself: create, migrate to head (after a backup), copy, check."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from app.domain.errors import ArchiveError
from app.paths import MIGRATIONS


def alembic_config(path: Path):
    from alembic.config import Config  # only when migrating: alembic takes a while to import

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", f"sqlite+pysqlite:///{path}")
    return config


_REVISION = re.compile(r'^revision = "([^"]+)"$', re.MULTILINE)
_DOWN = re.compile(r'^down_revision = (?:"([^"]+)"|None)$', re.MULTILINE)


@lru_cache(maxsize=1)
def _revision_graph() -> dict[str, str | None]:
    """revision -> down_revision, read from the migration files without importing alembic, so
    opening an archive that is already current costs no alembic import."""
    graph: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN.search(text)
        if revision and down:
            graph[revision.group(1)] = down.group(1)
    return graph


def head_revision() -> str:
    graph = _revision_graph()
    parents = set(graph.values())
    heads = [rev for rev in graph if rev not in parents]
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {heads}")
    return heads[0]


def known_revisions() -> set[str]:
    return set(_revision_graph())


def current_revision(path: Path) -> str | None:
    """The archive's revision, read without writing anything (read-only URI)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ArchiveError("not_an_archive", path=str(path), reason=str(exc)) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables:
                raise ArchiveError("not_an_archive", path=str(path), reason="no alembic_version")
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise ArchiveError("not_an_archive", path=str(path), reason=str(exc)) from exc
    finally:
        conn.close()


def copy_database(source: Path, dest: Path) -> None:
    """A consistent copy through SQLite's online backup API (safe while others write)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(dest)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def migrate(path: Path, target: str = "head") -> Path | None:
    """Brings the archive to `target`. Returns the path of the backup made first, if any.

    An archive stamped with a revision this app does not know was written by a newer version:
    it is refused and left untouched."""
    path = Path(path)
    exists = path.exists() and path.stat().st_size > 0
    revision = current_revision(path) if exists else None
    if revision is not None and revision not in known_revisions():
        raise ArchiveError("archive_too_new", revision=revision, path=str(path))
    if revision == head_revision() and target == "head":
        return None
    backup = None
    if exists and revision is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = path.with_name(f"{path.stem}.before-upgrade-{revision}-{stamp}{path.suffix}")
        copy_database(path, backup)
    path.parent.mkdir(parents=True, exist_ok=True)
    from alembic import command

    command.upgrade(alembic_config(path), target)
    return backup


def downgrade(path: Path, target: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(path), target)


def integrity_problems(path: Path) -> list[str]:
    """SQLite's integrity check and foreign-key check, as plain lines (empty when sound)."""
    conn = sqlite3.connect(path)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"foreign key: {table} row {rowid} points to a missing {parent}")
        return problems
    finally:
        conn.close()

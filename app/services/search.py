"""The global search: one box over every record type, grouped by kind, best first.

What each record says to the index, and keeping it current as records are written, is
app.services.indexing; `rebuild_index` refills the whole index from the archive."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.db import search_index as index
from app.domain.progress import NO_PROGRESS, Progress
from app.services.archive import Archive
from app.services.search_kinds import KINDS

__all__ = ["KINDS"]

SNIPPET_CHARS = 60


@dataclass(frozen=True)
class SearchHit:
    kind: str
    id: int
    title: str
    snippet: str


# A search box is for a name, a number or a phrase, not for a pasted page: longer text is cut
# to its first MAX_QUERY_CHARS characters (the window and the command line say so).
MAX_QUERY_CHARS = 64


def shorten_query(text: str | None) -> tuple[str, bool]:
    """The query as searched (trimmed, at most MAX_QUERY_CHARS characters) and whether it was
    cut short."""
    text = (text or "").strip()
    if len(text) <= MAX_QUERY_CHARS:
        return text, False
    return text[:MAX_QUERY_CHARS].rstrip(), True


def search(
    archive: Archive,
    text: str,
    limit: int = 20,
    kinds: tuple[str, ...] = KINDS,
    task: Progress = NO_PROGRESS,
) -> list[SearchHit]:
    """Up to `limit` hits per kind, kinds in a fixed order (clients first). Only the first
    MAX_QUERY_CHARS characters of `text` are searched (see shorten_query). The same text on
    the same archive always gives the same hits; a cancelled task stops the search."""
    text, _shortened = shorten_query(text)
    if not text:
        return []
    stop = _stop_when(archive, None if task is NO_PROGRESS else task.cancelled)
    plain = archive.plain()
    if plain is not None:
        with plain.connection() as connection:
            hits = index.search_connection(connection, text, kinds, limit, stop)
    else:
        with archive.db.read() as session:
            hits = index.search(session, text, kinds, limit, stop)
    return [SearchHit(h.kind, h.ref_id, h.title, _snippet(h.body, text)) for h in hits]


def _stop_when(archive: Archive, cancelled: Callable[[], bool] | None) -> Callable[[], bool]:
    """The search's cancel look (SQLite's progress handler, and between statements): true once
    the task is cancelled, or once the archive is closed under the search (the window went):
    the search then ends as cancelled, quietly."""
    return lambda: bool(cancelled is not None and cancelled()) or archive.closed


def _snippet(body: str, text: str) -> str:
    body = " ".join(body.split())
    pos = body.lower().find(text.lower())
    if pos < 0 or len(body) <= SNIPPET_CHARS:
        return body[:SNIPPET_CHARS]
    start = max(0, pos - SNIPPET_CHARS // 3)
    prefix = "…" if start else ""
    return prefix + body[start : start + SNIPPET_CHARS]


def index_out_of_step(problems: list[str]) -> bool:
    """Whether `check` found the search index out of step with the records (a rebuild mends it:
    the index is derived data, nothing is lost)."""
    return any(p.startswith(index.PROBLEM_PREFIX) for p in problems)


def rebuild_index(archive: Archive) -> int:
    """Refills the whole index in one transaction (after migrations, and `check --fix-search` or
    the window's 重建搜索索引 when `check` found it out of step)."""
    from app.services import indexing  # every record type's repository and the ORM models

    with archive.db.session() as session:
        return indexing.rebuild(session)

"""The global search index (SQLite FTS5). Every record type feeds it through `index_documents`.

Chinese has no spaces, so each CJK character (and each digit) is stored as its own token; a
query for 深圳 or 华 becomes a phrase of single-character tokens, which matches any substring of
any length. Latin words stay whole and match by prefix. Client names also carry their pinyin
initials as single-letter tokens, so `bjhx` finds 北京华信 (and `hx` finds it too).

This is the one place with SQLite-only SQL for search; a PostgreSQL archive would implement
the same functions with pg_trgm."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.domain.text import pinyin_initials

_SINGLE = r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff0-9]"
_TOKEN = re.compile(rf"{_SINGLE}|[^\W\d_\u3400-\u9fff\uf900-\ufaff]+", re.UNICODE)
_CJK_OR_DIGIT = re.compile(_SINGLE)


@dataclass(frozen=True)
class Document:
    kind: str
    ref_id: int
    title: str
    body: str = ""
    initials: str = ""


@dataclass(frozen=True)
class Hit:
    kind: str
    ref_id: int
    title: str
    body: str


def tokens(value: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFKC", value or "").lower())


def segment(value: str) -> str:
    return " ".join(tokens(value))


def index_documents(session: Session, docs: Iterable[Document]) -> int:
    """Adds or replaces the documents (matched by kind and ref_id)."""
    conn = session.connection()
    count = 0
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= 2000:
            count += _write_batch(conn, batch)
            batch = []
    if batch:
        count += _write_batch(conn, batch)
    return count


def _write_batch(conn, batch: Sequence[Document]) -> int:
    remove_documents_by_pairs(conn, [(d.kind, d.ref_id) for d in batch])
    raw = conn.connection.driver_connection
    cursor = raw.cursor()
    for doc in batch:
        cursor.execute(
            "INSERT INTO search_docs (kind, ref_id, title, body) VALUES (?, ?, ?, ?)",
            (doc.kind, doc.ref_id, doc.title, doc.body),
        )
        cursor.execute(
            "INSERT INTO search_fts (rowid, kind, title, body, initials) VALUES (?, ?, ?, ?, ?)",
            (
                cursor.lastrowid,
                "k" + doc.kind,
                segment(doc.title),
                segment(doc.body),
                " ".join(doc.initials),
            ),
        )
    return len(batch)


def remove_documents_by_pairs(conn, pairs: Sequence[tuple[str, int]]) -> None:
    raw = conn.connection.driver_connection
    cursor = raw.cursor()
    for kind, ref_id in pairs:
        row = cursor.execute(
            "SELECT id FROM search_docs WHERE kind = ? AND ref_id = ?", (kind, ref_id)
        ).fetchone()
        if row:
            cursor.execute("DELETE FROM search_fts WHERE rowid = ?", (row[0],))
            cursor.execute("DELETE FROM search_docs WHERE id = ?", (row[0],))


def remove_documents(session: Session, kind: str, ref_ids: Iterable[int]) -> None:
    remove_documents_by_pairs(session.connection(), [(kind, i) for i in ref_ids])


def clear(session: Session) -> None:
    session.execute(text("DELETE FROM search_fts"))
    session.execute(text("DELETE FROM search_docs"))


def build_match(query: str, column: str) -> str | None:
    """The FTS5 expression for `query` restricted to one column; None if nothing searchable."""
    parts = []
    for run in _runs(query):
        quoted = run.replace('"', '""')
        if _CJK_OR_DIGIT.match(run):
            parts.append(f'"{" ".join(run)}"')
        else:
            parts.append(f'"{quoted}"*')
    if not parts:
        return None
    return f"{column} : ({' AND '.join(parts)})"


def _runs(query: str) -> list[str]:
    """Groups the query's tokens back into runs: consecutive CJK/digits form one phrase."""
    runs: list[str] = []
    current = ""
    for tok in tokens(query):
        if _CJK_OR_DIGIT.match(tok):
            current += tok
        else:
            if current:
                runs.append(current)
                current = ""
            runs.append(tok)
    if current:
        runs.append(current)
    return runs


def initials_match(query: str) -> str | None:
    letters = re.sub(r"\s+", "", query.lower())
    if len(letters) < 2 or not re.fullmatch(r"[a-z0-9]+", letters):
        return None
    return f'initials : "{" ".join(letters)}"'


def search(session: Session, query: str, kinds: Sequence[str], per_kind: int) -> list[Hit]:
    """Matches per kind, best first: title hits, then initials hits, then body hits.

    Each probe is ordered by rowid (newest first) with a LIMIT, so FTS5 stops early even when a
    single common character matches hundreds of thousands of records."""
    probes = [
        m
        for m in (build_match(query, "title"), initials_match(query), build_match(query, "body"))
        if m
    ]
    if not probes:
        return []
    raw = session.connection().connection.driver_connection
    candidates = max(per_kind * 3, 30)  # ranked below, then cut to per_kind
    hits: list[Hit] = []
    for kind in kinds:
        seen: dict[int, Hit] = {}
        for probe in probes:
            if len(seen) >= candidates:
                break
            rows = raw.execute(
                "SELECT d.id, d.ref_id, d.title, d.body FROM search_fts f "
                "JOIN search_docs d ON d.id = f.rowid "
                "WHERE search_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?",
                (f'kind : "k{kind}" AND ({probe})', candidates - len(seen)),
            ).fetchall()
            for doc_id, ref_id, title, body in rows:
                seen.setdefault(doc_id, Hit(kind, ref_id, title, body))
        hits.extend(_rank(query, list(seen.values()))[:per_kind])
    return hits


def _rank(query: str, hits: list[Hit]) -> list[Hit]:
    """Exact title, title prefix, initials prefix (bj -> 北京…), title contains, the rest."""
    folded = unicodedata.normalize("NFKC", query).lower().strip()
    letters = re.sub(r"\s+", "", folded)

    def key(hit: Hit) -> tuple[int, int]:
        title = unicodedata.normalize("NFKC", hit.title).lower()
        if title == folded:
            return (0, len(title))
        if title.startswith(folded):
            return (1, len(title))
        if letters.isascii() and pinyin_initials(hit.title).startswith(letters):
            return (2, len(title))
        if folded in title:
            return (3, len(title))
        return (4, 0)

    return sorted(hits, key=key)


def count(session: Session) -> int:
    return session.execute(text("SELECT count(*) FROM search_docs")).scalar_one()


def dump(session: Session) -> list[tuple]:
    """Every indexed document as (kind, ref_id, title, body, fts title, fts body, fts initials),
    sorted by kind and ref_id: what checks compare, free of rowids (which differ between a full
    rebuild and a reindex)."""
    rows = session.execute(
        text(
            "SELECT d.kind, d.ref_id, d.title, d.body, f.title, f.body, f.initials "
            "FROM search_docs d LEFT JOIN search_fts f ON f.rowid = d.id "
            "ORDER BY d.kind, d.ref_id"
        )
    )
    return [tuple(r) for r in rows]

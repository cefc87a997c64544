"""The global search index (SQLite FTS5). Every record type feeds it through `index_documents`.

Chinese has no spaces, so each CJK character (and each digit) is stored as its own token; a
query for 深圳 or 华 becomes a phrase of single-character tokens, which matches any substring of
any length. Latin words stay whole and match by prefix. Client names also carry their pinyin
initials as single-letter tokens, so `bjhx` finds 北京华信 (and `hx` finds it too).

search_docs holds each document once, as a hit shows it (kind, ref_id, title, body, initials);
search_fts holds only the tokens: an external-content FTS5 table over search_docs (same rowid),
without column sizes, which no query ranks by (issue 11: a stored copy of the segmented text and
the column sizes were 300 of the big archive's 1,430 MB and served no query). FTS5 does not make
the tokens from search_docs (the text is segmented here first), so a document is taken out with
FTS5's 'delete' command and the very values it went in with, segmented again from its
search_docs row; never with DELETE, UPDATE or 'rebuild' on search_fts, which would tokenize
search_docs' text as it stands.

This is the one place with SQLite-only SQL for search; a team archive on PostgreSQL does the
same with tsvector columns (app.db.search_pg), and both share app.db.search_terms."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from app.db import cipher
from app.db.search_terms import (  # noqa: F401 - the index's vocabulary, used through this module
    _CJK_OR_DIGIT,
    INITIALS_BREAK,
    MAX_INITIALS,
    MAX_PHRASE_CHARS,
    MAX_TERMS,
    PROBLEM_PREFIX,
    Document,
    Hit,
    Selected,
    _contains_runs,
    _Probe,
    _rank,
    _runs,
    _stop_if,
    fts_values,
    initials_match,
    probes_for,
    query_terms,
    search_with,
    segment,
    tokens,
)
from app.domain.errors import CancelledError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _sql(statement: str):
    """SQLAlchemy's text(), imported on use: searching a plain reader's connection
    (search_connection) needs no SQLAlchemy at all."""
    from sqlalchemy import text

    return text(statement)


def index_documents(
    session: Session, docs: Iterable[Document | Selected], *, fresh: bool = False
) -> int:
    """Adds or replaces the documents (matched by kind and ref_id). `fresh`: the index was
    just cleared and each document comes once, so none is looked up to be taken out first (a
    rebuild: 1.5 million look-ups on the big archive); only then may a Selected stand for
    documents, added where it comes in the stream."""
    conn = session.connection()
    count = 0
    batch: list[Document] = []
    for doc in docs:
        if isinstance(doc, Selected):
            if not fresh:
                raise ValueError("documents from a SELECT go only into a fresh index")
            if batch:
                count += _write_batch(conn, batch, fresh)
                batch = []
            count += append_selected(session, doc.kind, doc.sql, doc.params)
            continue
        batch.append(doc)
        if len(batch) >= 2000:
            count += _write_batch(conn, batch, fresh)
            batch = []
    if batch:
        count += _write_batch(conn, batch, fresh)
    if fresh and _on_server(session):
        from app.db import search_pg

        search_pg.finish_fresh_load(session)
    return count


def _write_batch(conn, batch: Sequence[Document], fresh: bool = False) -> int:
    if _on_server(conn):
        from app.db import search_pg

        return search_pg.write_batch(conn, batch, fresh)
    raw = conn.connection.driver_connection
    cursor = raw.cursor()
    if not fresh:  # the documents' old versions go first; then none of the batch is in it
        remove_documents_by_pairs(conn, [(d.kind, d.ref_id) for d in batch])
    return _append_batch(cursor, batch)


def _append_batch(cursor, batch: Sequence[Document]) -> int:
    """The batch added to an index none of them is in, two statements for the whole batch: the
    rows take the ids SQLite would give them one by one (the next after the largest), known
    beforehand, so the tokens go in by the same ids without asking for each."""
    start = cursor.execute("SELECT coalesce(max(id), 0) + 1 FROM search_docs").fetchone()[0]
    cursor.executemany(
        "INSERT INTO search_docs (id, kind, ref_id, title, body, initials)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(i, d.kind, d.ref_id, d.title, d.body, d.initials) for i, d in enumerate(batch, start)],
    )
    cursor.executemany(
        "INSERT INTO search_fts (rowid, kind, title, body, initials) VALUES (?, ?, ?, ?, ?)",
        [(i, *fts_values(d.kind, d.title, d.body, d.initials)) for i, d in enumerate(batch, start)],
    )
    return len(batch)


def append_selected(session: Session, kind: str, select_sql: str, params: dict) -> int:
    """Adds the documents of `kind` a SELECT of ref_id, title and body gives (no initials), by
    ref_id, to an index none of them is in: the rows go in with one INSERT ... SELECT, and
    their tokens with another, segmented by `segment` as a function SQLite calls, so the
    documents never pass through Python one by one (a rebuild's 1,000,000 activities)."""
    if _on_server(session):
        from app.db import search_pg

        return search_pg.append_selected(session, kind, select_sql, params)
    pooled = session.connection().connection
    raw = pooled.driver_connection
    if not pooled.info.get("sc_segment"):  # once per connection: SQLite refuses to redefine a
        raw.create_function("sc_segment", 1, segment, deterministic=True)  # function in use
        pooled.info["sc_segment"] = True
    cursor = raw.cursor()
    start = cursor.execute("SELECT coalesce(max(id), 0) + 1 FROM search_docs").fetchone()[0]
    cursor.execute(
        "INSERT INTO search_docs (kind, ref_id, title, body, initials)"
        f" SELECT :kind, ref_id, title, body, '' FROM ({select_sql}) ORDER BY ref_id",
        {**params, "kind": kind},
    )
    cursor.execute(
        "INSERT INTO search_fts (rowid, kind, title, body, initials)"
        " SELECT id, 'k' || kind, sc_segment(title), sc_segment(body), '' FROM search_docs"
        " WHERE id >= ? ORDER BY id",
        (start,),
    )
    return cursor.execute("SELECT count(*) FROM search_docs WHERE id >= ?", (start,)).fetchone()[0]


def remove_documents_by_pairs(conn, pairs: Sequence[tuple[str, int]]) -> None:
    """Takes the documents out: their tokens from search_fts (FTS5's 'delete' with the values
    they were indexed with, from their search_docs row), then the row."""
    if _on_server(conn):
        from app.db import search_pg

        search_pg.remove_documents_by_pairs(conn, pairs)
        return
    raw = conn.connection.driver_connection
    cursor = raw.cursor()
    for kind, ref_id in pairs:
        row = cursor.execute(
            "SELECT id, title, body, initials FROM search_docs WHERE kind = ? AND ref_id = ?",
            (kind, ref_id),
        ).fetchone()
        if row:
            doc_id, title, body, initials = row
            cursor.execute(
                "INSERT INTO search_fts (search_fts, rowid, kind, title, body, initials)"
                " VALUES ('delete', ?, ?, ?, ?, ?)",
                (doc_id, *fts_values(kind, title, body, initials)),
            )
            cursor.execute("DELETE FROM search_docs WHERE id = ?", (doc_id,))


def remove_documents(session: Session, kind: str, ref_ids: Iterable[int]) -> None:
    remove_documents_by_pairs(session.connection(), [(kind, i) for i in ref_ids])


def clear(session: Session) -> None:
    if _on_server(session):
        from app.db import search_pg

        search_pg.clear(session)
        return
    session.execute(_sql("INSERT INTO search_fts (search_fts) VALUES ('delete-all')"))
    session.execute(_sql("DELETE FROM search_docs"))


def build_match(query: str, column: str) -> str | None:
    """The FTS5 expression for `query` restricted to one column; None if nothing searchable.
    Every term is quoted, so FTS5's own syntax (AND, NEAR, *, ^, :) is only ever text."""
    parts = []
    for run in query_terms(query):
        quoted = run.replace('"', '""')
        if _CJK_OR_DIGIT.match(run):
            parts.append(f'"{" ".join(run)}"')
        else:
            parts.append(f'"{quoted}"*')
    if not parts:
        return None
    return f"{column} : ({' AND '.join(parts)})"


CANCEL_CHECK_STEPS = 2000  # SQLite virtual-machine steps between looks at the cancel flag


def _probes(query: str) -> list[_Probe]:
    return probes_for(query, lambda column: build_match(query, column), initials_match)


def search(
    session: Session,
    query: str,
    kinds: Sequence[str],
    per_kind: int,
    cancelled: Callable[[], bool] | None = None,
) -> list[Hit]:
    """Matches per kind, best first: title hits, then initials hits, then body hits.

    Each probe first runs once over every kind, newest first with a LIMIT (FTS5 stops early
    even when a single common character matches a million records). When that already saw
    every match, the search is done; otherwise the kinds still short of candidates are looked
    up one by one with their own LIMIT. Every bound is a count (terms, phrase length, rows), never
    a time: the same query on the same archive gives the same hits however busy the machine
    (issue 11). `cancelled` is asked between SQLite steps; a cancelled search raises
    CancelledError (a newer request replaced it) and gives nothing."""
    if _on_server(session):
        from app.db import search_pg

        return search_pg.search(session, query, kinds, per_kind, cancelled)
    raw = session.connection().connection.driver_connection
    return search_connection(raw, query, kinds, per_kind, cancelled)


def search_connection(
    raw,
    query: str,
    kinds: Sequence[str],
    per_kind: int,
    cancelled: Callable[[], bool] | None = None,
) -> list[Hit]:
    """search() on an archive file's DB-API connection (sqlite3's or SQLCipher's)."""
    probes = _probes(query)
    if not probes:
        return []
    if cancelled is not None:
        raw.set_progress_handler(cancelled, CANCEL_CHECK_STEPS)
    try:
        return search_with(raw, probes, query, kinds, per_kind, cancelled, _matches)
    except cipher.operational_errors() as exc:  # sqlite3's, or SQLCipher's when encrypted
        if "interrupt" in str(exc):
            raise CancelledError() from exc
        raise
    finally:
        if cancelled is not None:
            raw.set_progress_handler(None, 0)


def _on_server(session_or_conn) -> bool:
    bind = getattr(session_or_conn, "get_bind", None)
    dialect = bind().dialect if bind is not None else session_or_conn.dialect
    return dialect.name == "postgresql"


def _matches(raw, probe: _Probe, limit: int, kind: str | None = None) -> tuple[list[tuple], int]:
    """(rows kept, rows the index gave)."""
    match = probe.match if kind is None else f'kind : "k{kind}" AND ({probe.match})'
    rows, seen = [], 0
    for row in raw.execute(
        "SELECT d.id, d.kind, d.ref_id, d.title, d.body FROM search_fts f "
        "JOIN search_docs d ON d.id = f.rowid "
        "WHERE search_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?",
        (match, limit),
    ):
        seen += 1
        if probe.keeps(row[3], row[4]):
            rows.append(row)
    return rows, seen


def count(session: Session) -> int:
    return session.execute(_sql("SELECT count(*) FROM search_docs")).scalar_one()


def dump(session: Session) -> list[tuple]:
    """Every indexed document as (kind, ref_id, title, body, initials, fts tokens), sorted by
    kind and ref_id: what checks compare, free of rowids (which differ between a full rebuild
    and a reindex). The tokens are read back from the index itself (fts5vocab: the table
    keeps no text of its own), per column in position order: a document taken out with the
    wrong values would leave its old tokens here. For archives opened for writing (the
    temporary vocabulary table is a write to the temp schema); it reads the whole index."""
    if _on_server(session):
        from app.db import search_pg

        return search_pg.dump(session)
    conn = session.connection()
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fts_terms"
        " USING fts5vocab(main, search_fts, instance)"
    )
    tokens_of: dict[int, dict[str, list[tuple[int, str]]]] = {}
    for term, doc_id, column, offset in conn.exec_driver_sql(
        "SELECT term, doc, col, offset FROM temp.search_fts_terms"
    ):
        tokens_of.setdefault(doc_id, {}).setdefault(column, []).append((offset, term))
    rows = session.execute(
        _sql(
            "SELECT id, kind, ref_id, title, body, initials FROM search_docs ORDER BY kind, ref_id"
        )
    )
    columns = ("kind", "title", "body", "initials")
    result = []
    for doc_id, *fields in rows:
        found = tokens_of.pop(doc_id, {})
        indexed = tuple(" ".join(t for _o, t in sorted(found.get(c, []))) for c in columns)
        result.append((*fields, indexed))
    result.extend(("?", doc_id, "", "", "", found) for doc_id, found in sorted(tokens_of.items()))
    return result


def problems(session: Session) -> list[str]:
    """Whether the index holds one document for each search_docs row, kind by kind (a cheap
    look, for `check`): empty when it does, or when there is no index or it awaits a rebuild."""
    if _on_server(session):
        from app.db import search_pg

        return search_pg.problems(session)
    if not _index_in_use(session):
        return []

    def indexed(match: str) -> int:
        sql = _sql("SELECT count(*) FROM search_fts WHERE search_fts MATCH :m")
        return session.execute(sql, {"m": match}).scalar_one()

    found = []
    stored = session.execute(_sql("SELECT kind, count(*) FROM search_docs GROUP BY kind")).all()
    for kind, expected in stored:
        count = indexed(f'kind : "k{kind}"')
        if count != expected:
            found.append(f"{PROBLEM_PREFIX} {count} {kind} documents indexed, {expected} stored")
    total, expected = indexed('kind : "k"*'), sum(n for _kind, n in stored)
    if not found and total != expected:
        found.append(f"{PROBLEM_PREFIX} {total} documents indexed, {expected} stored")
    return found


def _index_in_use(session: Session) -> bool:
    """The archive has the index (revision 0002 on) and no rebuild of it is pending."""
    names = session.execute(
        _sql("SELECT name FROM sqlite_master WHERE name IN ('search_docs', 'search_fts')")
    )
    if len(names.all()) < 2:
        return False
    pending = _sql("SELECT 1 FROM settings WHERE key = 'search.rebuild_needed'")
    return session.execute(pending).first() is None

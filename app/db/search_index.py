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

This is the one place with SQLite-only SQL for search; a PostgreSQL archive would implement
the same functions with pg_trgm."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import cipher
from app.domain.errors import CancelledError
from app.domain.text import initials_variants

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
class Selected:
    """Documents of one kind that a SELECT of ref_id, title and body gives (see
    append_selected), standing in a stream of Documents for all of them."""

    kind: str
    sql: str
    params: dict


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
    return count


def fts_values(kind: str, title: str, body: str, initials: str) -> tuple[str, str, str, str]:
    """What search_fts is given for a document (kind, title, body, initials columns): written
    on insert, and given again, the same, to take the document out. Initials are one token a
    letter; their spellings ('cy zy' for 朝阳) are kept apart by a token no initials query has,
    so 'yz' does not match across two of them."""
    spelled = f" {INITIALS_BREAK} ".join(" ".join(v) for v in initials.split())
    return "k" + kind, segment(title), segment(body), spelled


INITIALS_BREAK = "or"  # a word: initials queries are single letters and digits


def _write_batch(conn, batch: Sequence[Document], fresh: bool = False) -> int:
    raw = conn.connection.driver_connection
    cursor = raw.cursor()
    if fresh:
        return _append_batch(cursor, batch)
    remove_documents_by_pairs(conn, [(d.kind, d.ref_id) for d in batch])
    for doc in batch:
        cursor.execute(
            "INSERT INTO search_docs (kind, ref_id, title, body, initials) VALUES (?, ?, ?, ?, ?)",
            (doc.kind, doc.ref_id, doc.title, doc.body, doc.initials),
        )
        cursor.execute(
            "INSERT INTO search_fts (rowid, kind, title, body, initials) VALUES (?, ?, ?, ?, ?)",
            (cursor.lastrowid, *fts_values(doc.kind, doc.title, doc.body, doc.initials)),
        )
    return len(batch)


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
    raw = session.connection().connection.driver_connection
    raw.create_function("sc_segment", 1, segment, deterministic=True)
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
    session.execute(text("INSERT INTO search_fts (search_fts) VALUES ('delete-all')"))
    session.execute(text("DELETE FROM search_docs"))


# What one query may ask of the index, however long or odd the text (issue 8: a 10,000-character
# query walked the index for minutes). The front ends cut a query to 64 characters first
# (app.services.search.MAX_QUERY_CHARS); these bound the work whatever reaches this layer.
MAX_TERMS = 8  # distinct phrases and words in one MATCH expression
MAX_PHRASE_CHARS = 16  # characters of one CJK/digit phrase the index looks for
MAX_INITIALS = 24  # pinyin initials: longer letter runs are no name's initials


def query_terms(query: str) -> list[str]:
    """The terms the index is asked for: the query's runs, each once, at most MAX_TERMS of
    them, phrases cut to MAX_PHRASE_CHARS. What is left out is checked on the rows found."""
    terms = []
    for run in dict.fromkeys(_runs(query)):
        terms.append(run[:MAX_PHRASE_CHARS] if _CJK_OR_DIGIT.match(run) else run)
    return list(dict.fromkeys(terms))[:MAX_TERMS]


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
    if len(letters) < 2 or not re.fullmatch(r"[a-z0-9]+", letters) or letters.isdigit():
        return None  # initials are letters (bj, 3m): a run of digits is a number, not initials
    if len(letters) > MAX_INITIALS:
        return None
    return f'initials : "{" ".join(letters)}"'


def _contains_runs(text: str, runs: Sequence[str]) -> bool:
    """Whether `text` holds every run as the index would match it (a phrase of characters, a
    word by its prefix): for the rows of a query whose terms the index was not all asked for."""
    found = tokens(text)
    joined = f" {' '.join(found)} "
    for run in runs:
        if _CJK_OR_DIGIT.match(run):
            if f" {' '.join(run)} " not in joined:
                return False
        elif not any(tok.startswith(run) for tok in found):
            return False
    return True


CANCEL_CHECK_STEPS = 2000  # SQLite virtual-machine steps between looks at the cancel flag


@dataclass(frozen=True)
class _Probe:
    match: str
    column: str  # 'title', 'body' or 'initials'
    check: tuple[str, ...] = ()  # runs the rows must hold in that column (left out of match)

    def keeps(self, title: str, body: str) -> bool:
        if not self.check:
            return True
        return _contains_runs(title if self.column == "title" else body, self.check)


def _probes(query: str) -> list[_Probe]:
    runs = list(dict.fromkeys(_runs(query)))
    asked = query_terms(query)
    check = () if runs == asked else tuple(runs)
    probes = []
    title, body = build_match(query, "title"), build_match(query, "body")
    if title:
        probes.append(_Probe(title, "title", check))
    initials = initials_match(query)
    if initials:
        probes.append(_Probe(initials, "initials"))
    if body:
        probes.append(_Probe(body, "body", check))
    return probes


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
    probes = _probes(query)
    if not probes:
        return []
    raw = session.connection().connection.driver_connection
    candidates = max(per_kind * 3, 30)  # ranked below, then cut to per_kind
    found: dict[str, dict[int, Hit]] = {kind: {} for kind in kinds}
    short: set[str] = set()
    if cancelled is not None:
        raw.set_progress_handler(cancelled, CANCEL_CHECK_STEPS)
    try:
        for probe in probes:
            _stop_if(cancelled)
            limit = candidates * len(kinds) * 2
            rows, seen = _matches(raw, probe, limit)
            for doc_id, kind, ref_id, title, body in rows:
                if kind in found and len(found[kind]) < candidates:
                    found[kind].setdefault(doc_id, Hit(kind, ref_id, title, body))
            if seen >= limit:  # there may be more matches than this first look saw
                short |= {kind for kind in kinds if len(found[kind]) < candidates}
        for kind in (k for k in kinds if k in short):
            _stop_if(cancelled)
            _fill_kind(raw, probes, kind, found[kind], candidates)
    except cipher.operational_errors() as exc:  # sqlite3's, or SQLCipher's when encrypted
        if "interrupt" in str(exc):
            raise CancelledError() from exc
        raise
    finally:
        if cancelled is not None:
            raw.set_progress_handler(None, 0)
    hits: list[Hit] = []
    for kind in kinds:
        hits.extend(_rank(query, list(found[kind].values()))[:per_kind])
    return hits


def _stop_if(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise CancelledError()


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


def _fill_kind(raw, probes: list[_Probe], kind: str, seen: dict, candidates: int) -> None:
    for probe in probes:
        if len(seen) >= candidates:
            return
        rows, _count = _matches(raw, probe, candidates - len(seen), kind)
        for doc_id, _kind, ref_id, title, body in rows:
            seen.setdefault(doc_id, Hit(kind, ref_id, title, body))


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
        if letters.isascii() and any(v.startswith(letters) for v in initials_variants(hit.title)):
            return (2, len(title))
        if folded in title:
            return (3, len(title))
        return (4, 0)

    return sorted(hits, key=key)


def count(session: Session) -> int:
    return session.execute(text("SELECT count(*) FROM search_docs")).scalar_one()


def dump(session: Session) -> list[tuple]:
    """Every indexed document as (kind, ref_id, title, body, initials, fts tokens), sorted by
    kind and ref_id: what checks compare, free of rowids (which differ between a full rebuild
    and a reindex). The tokens are read back from the index itself (fts5vocab: the table
    keeps no text of its own), per column in position order: a document taken out with the
    wrong values would leave its old tokens here. For archives opened for writing (the
    temporary vocabulary table is a write to the temp schema); it reads the whole index."""
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
        text(
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


PROBLEM_PREFIX = "search index:"


def problems(session: Session) -> list[str]:
    """Whether the index holds one document for each search_docs row, kind by kind (a cheap
    look, for `check`): empty when it does, or when there is no index or it awaits a rebuild."""
    if not _index_in_use(session):
        return []

    def indexed(match: str) -> int:
        sql = text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :m")
        return session.execute(sql, {"m": match}).scalar_one()

    found = []
    stored = session.execute(text("SELECT kind, count(*) FROM search_docs GROUP BY kind")).all()
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
        text("SELECT name FROM sqlite_master WHERE name IN ('search_docs', 'search_fts')")
    )
    if len(names.all()) < 2:
        return False
    pending = text("SELECT 1 FROM settings WHERE key = 'search.rebuild_needed'")
    return session.execute(pending).first() is None

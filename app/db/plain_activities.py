"""The activity list read from an archive file's plain sqlite3 connection (app.db.file_reader):
its first window of rows by keyset and its count, the same queries as
app.db.repositories.activities makes on SQLite, for the `activities` command that starts
without SQLAlchemy (issue 11); tests/cli/test_plain_reads.py runs it both ways and compares."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from app.db import plain_settings, search_terms
from app.db.plain_values import (
    as_date,
    as_datetime,
    converted,
    id_chunks,
    placeholders,
    text,
)
from app.domain.queries import ActivityQuery

# The list's sort keys: their column and how its stored value is read (the repository's
# SORTABLE); the nullable ones sort their empty values last when descending, first ascending.
SORT_COLUMNS = {
    "started_at": ("activities.started_at", as_datetime),
    "kind": ("activities.kind", None),
    "client": ("clients.sort_key", None),
    "subject": ("activities.subject", None),
    "next_step_due": ("activities.next_step_due", as_date),
    "expense": ("activities.expense_fen", None),
    "participants": ("activities.participants", None),
    "next_step": ("activities.next_step", None),
    "closed_on": ("activities.closed_on", as_date),
}
NULLABLE = frozenset({"next_step_due", "closed_on"})
LIST_COLUMNS = (
    "activities.id, activities.started_at, activities.kind, clients.name, activities.subject,"
    " activities.participants, activities.next_step, activities.next_step_due,"
    " activities.expense_fen, activities.closed_on, activities.client_id, activities.version"
)
LIST_TYPES = (None, as_datetime, None, None, None, None, None, as_date, None, as_date, None, None)
JOIN = " JOIN clients ON clients.id = activities.client_id"


def stored_datetime(value: datetime) -> str:
    """A moment as SQLAlchemy's SQLite DateTime stores and binds it."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


# The activities whose search document holds the phrase (app.db.search_index): a superset of
# those whose subject, client name or participants contain it, when it is CJK characters and
# digits alone (see indexed_phrase).
INDEXED = (
    "activities.id IN (SELECT search_docs.ref_id FROM search_fts"
    " JOIN search_docs ON search_docs.id = search_fts.rowid"
    " WHERE search_fts MATCH ? AND search_docs.kind = 'activity')"
)
# Up to how many search documents holding the phrase the index narrows the list down first:
# past that, reading the candidates one by one costs more than one pass over the activities
# (on 1,000,000 activities: the 118,000 documents holding 华 0.15 s, one pass 0.3-0.4 s). The
# first page narrows down only for fewer (a common phrase's rows come early along the sort
# column's index; a rare one's are sorted from the few the index gives).
MAX_COUNTED = 150_000
MAX_PAGED = 10_000
# The text filter (the repository's: subject, client name or participants hold the text), the
# client's name looked up once in the clients table rather than joined to every activity.
TEXT_MATCH = (
    "(activities.subject LIKE ? OR activities.client_id IN (SELECT clients.id FROM clients"
    " WHERE clients.name LIKE ?) OR activities.participants LIKE ?)"
)
# The same filter when the index narrows the list down: the clients whose name holds the text
# are among those whose document's title (the name) holds the phrase, a few thousand looked
# up by id instead of 100,000 names read (issue 11: `activities --text 华`).
TEXT_MATCH_NARROWED = (
    "(activities.subject LIKE ? OR activities.client_id IN (SELECT clients.id FROM clients"
    " WHERE clients.id IN (SELECT search_docs.ref_id FROM search_fts"
    " JOIN search_docs ON search_docs.id = search_fts.rowid"
    " WHERE search_fts MATCH ? AND search_docs.kind = 'client')"
    " AND clients.name LIKE ?) OR activities.participants LIKE ?)"
)


def indexed_phrase(value: str) -> str | None:
    """The FTS5 expression finding every search document whose title or body holds `value`
    as a phrase, or None when that cannot promise every activity whose subject, client name
    or participants contain `value` (app.services.indexing.activity_document puts those three
    in the document): only for CJK characters and digits, which the index keeps one token
    each, so any substring of them is a phrase of their tokens. Latin letters are indexed as
    whole words (a substring inside one is not found), and LIKE's % and _ match anything."""
    chars = [c for c in value if not c.isspace()]
    if not chars or not all(search_terms.is_single_token(c) for c in chars):
        return None
    return f'{{title body}} : "{" ".join(search_terms.tokens("".join(chars)))}"'


def of_kind(phrase: str, kind: str, columns: str = "{title body}") -> str:
    """The phrase (indexed_phrase) in `columns` of the documents of one kind only: the index
    itself leaves the other kinds out (fts_values indexes the kind as the token k<kind>), so
    they are not looked up one by one to be dropped (118,822 documents hold 华, 29,422 of them
    activities)."""
    return f"{columns}{phrase.removeprefix('{title body}')} AND kind : k{kind}"


def _narrowed(connection, value: str, most: int) -> str | None:
    """The phrase to narrow the list down by through the index, when it is one and the index
    holds at most `most` documents with it (a count of the index alone, milliseconds)."""
    phrase = indexed_phrase(value)
    if phrase is None or not _index_current(connection):
        return None
    sql = "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?"
    found = connection.execute(sql, (phrase,)).fetchone()[0]
    return phrase if found <= most else None


def _index_current(connection) -> bool:
    """Whether the index stands for the records as they are: made by this version and no
    rebuild asked for (an archive file opened read-only is not rebuilt on opening)."""
    found = plain_settings.get_prefix(connection, "search.")
    current = found.get(search_terms.INDEX_VERSION_KEY) == search_terms.INDEX_VERSION
    return current and not found.get(search_terms.REBUILD_NEEDED_KEY)


def _filtered(connection, query: ActivityQuery, most: int) -> tuple[str, list[object]]:
    """The WHERE clause of the query's filters (the repository's _filtered) and its parameters.
    A text of CJK characters and digits that few documents hold is first looked up in the
    search index (a million activities are not read for it, issue 11); the rows it gives are
    filtered as the repository filters them, so the same rows come out."""
    terms: list[str] = []
    params: list[object] = []
    if query.text:
        like = f"%{text(query.text)}%"
        phrase = _narrowed(connection, text(query.text), most)
        if phrase is not None:
            terms += [INDEXED, TEXT_MATCH_NARROWED]
            params += [of_kind(phrase, "activity"), like]
            params += [of_kind(phrase, "client", "{title}"), like, like]
        else:
            terms.append(TEXT_MATCH)
            params += [like, like, like]
    if query.kinds:
        terms.append(f"activities.kind IN ({placeholders(len(query.kinds))})")
        params += [text(k) for k in query.kinds]
    if query.client_id is not None:
        terms.append("activities.client_id = ?")
        params.append(query.client_id)
    if query.since:
        terms.append("activities.started_at >= ?")
        params.append(stored_datetime(query.since))
    if query.until:
        terms.append("activities.started_at < ?")
        params.append(stored_datetime(query.until))
    if query.open_complaints:
        terms.append("activities.kind = 'complaint' AND activities.closed_on IS NULL")
    return (f" WHERE {' AND '.join(terms)}" if terms else ""), params


def _order(query: ActivityQuery) -> str:
    """keyset.order_by's terms: the sort column (NULLs first ascending, last descending), then
    the id."""
    column, _ = SORT_COLUMNS.get(query.sort, SORT_COLUMNS["started_at"])
    nullable = query.sort in NULLABLE
    if query.descending:
        return f"{column} DESC{' NULLS LAST' if nullable else ''}, activities.id DESC"
    return f"{column} ASC{' NULLS FIRST' if nullable else ''}, activities.id ASC"


def page(connection, query: ActivityQuery, after: None, limit: int) -> tuple[list[tuple], int]:
    """The repository's page with no key to follow (`after` is None): up to `limit` rows
    (LIST_COLUMNS, then the sort value) from the start of the list, and how many ids were
    chosen."""
    column, read = SORT_COLUMNS.get(query.sort, SORT_COLUMNS["started_at"])
    joined = query.sort == "client"
    where, params = _filtered(connection, query, MAX_PAGED)
    sql = (
        f"SELECT activities.id, {column} FROM activities{JOIN if joined else ''}{where}"
        f" ORDER BY {_order(query)} LIMIT ?"
    )
    keys = [
        (k[0], k[1] if read is None else read(k[1]))
        for k in connection.execute(sql, [*params, limit])
    ]
    rows = {r[0]: r for r in rows_for_ids(connection, [k[0] for k in keys])}
    return [(*rows[k[0]], k[1]) for k in keys if k[0] in rows], len(keys)


def count(connection, query: ActivityQuery) -> int:
    where, params = _filtered(connection, query, MAX_COUNTED)
    sql = f"SELECT count(*) FROM activities{where}"
    return int(connection.execute(sql, params).fetchone()[0])


def rows_for_ids(connection, ids: Sequence[int]) -> list[tuple]:
    by_id: dict[int, tuple] = {}
    for chunk in id_chunks(ids):
        sql = (
            f"SELECT {LIST_COLUMNS} FROM activities{JOIN}"
            f" WHERE activities.id IN ({placeholders(len(chunk))})"
        )
        for row in connection.execute(sql, chunk):
            by_id[row[0]] = converted(row, LIST_TYPES)
    return [by_id[i] for i in ids if i in by_id]

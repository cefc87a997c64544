"""The global search index on a team archive (PostgreSQL): the same tokens and the same
queries as SQLite's FTS5 index (app.db.search_index), in tsvector columns with GIN indexes.

Each document's title, body and pinyin initials are segmented by the app exactly as for FTS5
(one token per CJK character or digit, Latin words whole) and stored as tsvector literals with
their positions, so PostgreSQL's own parser and dictionaries never see the text: a query for
深圳 is the phrase '深' <-> '圳' and finds any substring of any length, a Latin word matches by
prefix ('abc':*), and `bjhx` is the phrase of its initials. Why not pg_trgm: its trigrams serve
a LIKE of three characters or more, and the index cannot answer 华 or 华为 (one or two
characters are most Chinese queries); pg_bigm is not packaged for most servers. A tsvector
needs no extension, so any PostgreSQL 12+ a department has will do.

Two more lexemes make the GIN index answer what it used to hand to a recheck (issue 14 §3,
revision 0031): each pair of adjacent single-character tokens (CJK characters, digits; in the
initials column letters too) is a lexeme of its own, '北 京' at the position of 北, so 北京 is one
lexeme and 北京华信 the phrase '北 京' <-> '京 华' <-> '华 信' (the same matches as the phrase of
its characters, with far fewer candidates: '0 7' <-> '7 5' <-> '5 5' instead of every record
holding a 0, a 7 and a 5); and every vector holds its kind as '#client', so a lookup in one kind
is an AND in the index instead of a visit to every match of every kind. Both hold a space or a
'#', which no token has, so no query term can match them by accident and `dump` leaves them
out."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from itertools import pairwise

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import search_terms as base

# tsvector keeps positions 1..16383 (larger ones are silently set to 16383)
MAX_POSITION = 16383


KIND_MARK = "#"  # '#client': the kind's lexeme in each of its vectors


def tsvector_literal(
    tokens: Sequence[str],
    kind: str | None = None,
    paired: Callable[[str], bool] | None = None,
    doc_id: int | None = None,
) -> str:
    """`tokens` with their positions, as PostgreSQL's tsvector input reads it (at most 256
    positions a lexeme, as it keeps); with each adjacent pair of tokens that are both
    `paired` as one more lexeme ('北 京', at 北's position), the `kind`'s mark and the marks of
    the blocks of ids `doc_id` lies in (block_marks). Written for speed: a rebuild makes three
    for each of 1.5 million documents."""
    positions: dict[str, list[int]] = {}
    get = positions.get
    previous = ""  # the token before, when it pairs
    for offset, token in enumerate(tokens[: MAX_POSITION - 1], start=1):
        held = get(token)
        if held is None:
            positions[token] = [offset]
        else:
            held.append(offset)
        if paired is None or not paired(token):
            previous = ""
            continue
        if previous:
            pair = f"{previous} {token}"
            held = get(pair)
            if held is None:
                positions[pair] = [offset - 1]
            else:
                held.append(offset - 1)
        previous = token
    # from MAX_POSITION on every position is MAX_POSITION (PostgreSQL clamps them), kept once;
    # no phrase can match there, so no pairs (they would only swell the vector past 1 MB)
    for token in tokens[MAX_POSITION - 1 :]:
        held = positions.setdefault(token, [])
        if not held or held[-1] != MAX_POSITION:
            held.append(MAX_POSITION)
    words = [
        f"{_quoted(t)}:{p[0]}" if len(p) == 1 else f"{_quoted(t)}:{','.join(map(str, p[:256]))}"
        for t, p in positions.items()
    ]
    if kind is not None:
        words.append(_quoted(KIND_MARK + kind))
    if doc_id is not None:
        words.extend(_quoted(mark) for mark in block_marks(doc_id))
    return " ".join(words)


# Each vector also holds the blocks of ids its document lies in ('#10.1453': ids 1453*1024 to
# 1454*1024 - 1), at six sizes growing fourfold, so that "the matches among these ids" is one GIN
# lookup of the query AND a block (revision 0033): GIN intersects them itself, skipping through
# the common term's long list by the block's short one, and hands over only that block's
# matches, which are sorted. The newest matches are found block by block from the newest ids
# down (see _NEWEST_BY_BLOCK), never by sorting every match of a common character (华 is in a
# fifteenth of 1.5 million documents, 有限公司 in three quarters of their bodies).
BLOCK_SHIFTS = (10, 12, 14, 16, 18, 20)  # blocks of 1,024 ids, 4,096, ... 1,048,576


def block_marks(doc_id: int) -> list[str]:
    return [f"{KIND_MARK}{shift}.{doc_id >> shift}" for shift in BLOCK_SHIFTS]


_PAIRS_WITH: dict[str, bool] = {}  # token -> whether it is one CJK character or a digit


def _one_character(token: str) -> bool:
    """A CJK character or a digit: what a phrase query is made of."""
    found = _PAIRS_WITH.get(token)
    if found is None:
        found = len(token) == 1 and base._CJK_OR_DIGIT.match(token) is not None
        if len(_PAIRS_WITH) < 100_000:
            _PAIRS_WITH[token] = found
    return found


def _one_letter(token: str) -> bool:
    """An initial (a letter or a digit), not the break between two spellings."""
    return len(token) == 1


def _phrase(characters: Sequence[str]) -> str:
    """The tsquery of a run of characters: one lexeme, or the phrase of its pairs."""
    if len(characters) == 1:
        return _quoted(characters[0])
    pairs = [_quoted(" ".join(p)) for p in pairwise(characters)]
    return "(" + " <-> ".join(pairs) + ")"


def _quoted(lexeme: str) -> str:
    found = _QUOTED.get(lexeme)
    if found is not None:
        return found
    quoted = lexeme
    if "'" in lexeme or "\\" in lexeme:
        quoted = lexeme.replace("\\", "\\\\").replace("'", "''")
    quoted = f"'{quoted}'"
    if len(_QUOTED) < 200_000:
        _QUOTED[lexeme] = quoted
    return quoted


_QUOTED: dict[str, str] = {}  # lexeme -> its quoted form (characters and pairs recur)


COLUMNS = (
    "id",
    "kind",
    "ref_id",
    "title",
    "body",
    "initials",
    "title_tsv",
    "body_tsv",
    "initials_tsv",
)


def _values(doc: base.Document, doc_id: int) -> tuple:
    """A document's row: its id, as it shows, and its tokens as tsvector literals."""
    _kind, title, body, initials = base.fts_values(doc.kind, doc.title, doc.body, doc.initials)
    vectors = (
        tsvector_literal(title.split(), doc.kind, _one_character, doc_id),
        tsvector_literal(body.split(), doc.kind, _one_character, doc_id),
        tsvector_literal(initials.split(), doc.kind, _one_letter, doc_id),
    )
    return (doc_id, doc.kind, doc.ref_id, doc.title, doc.body, doc.initials, *vectors)


# A document written (again) takes the next id of the sequence, the newest, as on SQLite; the
# ids are drawn before its vectors are made, which hold the blocks of its id.
_NEW_IDS = "SELECT nextval(pg_get_serial_sequence('search_docs', 'id')) FROM generate_series(1, %s)"
_INSERT = text(
    f"INSERT INTO search_docs ({', '.join(COLUMNS)}) VALUES (:id, :kind, :ref_id, :title, :body,"
    " :initials, CAST(:title_tsv AS tsvector), CAST(:body_tsv AS tsvector),"
    " CAST(:initials_tsv AS tsvector)) ON CONFLICT (kind, ref_id) DO UPDATE SET"
    + ",".join(f" {c} = excluded.{c}" for c in (COLUMNS[0], *COLUMNS[3:]))
)
_COPY = f"COPY search_docs ({', '.join(COLUMNS)}) FROM STDIN"
# without the pending list (revision 0044): a document is in the index once written, and no
# lookup reads through an unsorted list of the documents written since the last vacuum
GIN_OPTIONS = "fastupdate = off"
VECTOR_INDEXES = (
    ("ix_search_docs_title_tsv", "title_tsv"),
    ("ix_search_docs_body_tsv", "body_tsv"),
    ("ix_search_docs_initials_tsv", "initials_tsv"),
)


def _new_ids(raw, count: int) -> list[int]:
    with raw.cursor() as cursor:
        return sorted(r[0] for r in cursor.execute(_NEW_IDS, (count,)).fetchall())


def write_batch(conn, batch: Sequence[base.Document], fresh: bool = False) -> int:
    """Adds or replaces the documents; `fresh` (a rebuild into an emptied index, each document
    once): streamed in with COPY, the GIN indexes made again at the end (finish_fresh_load)."""
    if fresh:
        return _copy_in(conn, batch)
    last_of_each = list({(d.kind, d.ref_id): d for d in batch}.values())
    ids = _new_ids(conn.connection.driver_connection, len(last_of_each))
    rows = [_values(d, i) for d, i in zip(last_of_each, ids, strict=True)]
    conn.execute(_INSERT, [dict(zip(COLUMNS, r, strict=True)) for r in rows])
    return len(batch)


def _copy_in(conn, batch: Sequence[base.Document]) -> int:
    raw = conn.connection.driver_connection
    ids = _new_ids(raw, len(batch))
    with raw.cursor().copy(_COPY) as copy:
        for doc, doc_id in zip(batch, ids, strict=True):
            copy.write_row(_values(doc, doc_id))
    return len(batch)


def clear(session: Session) -> None:
    """Empties the index for a rebuild: the rows, and the GIN indexes, which are made once
    over the whole load instead of being kept up row by row (minutes on a big archive)."""
    for name, _column in VECTOR_INDEXES:
        session.execute(text(f"DROP INDEX IF EXISTS {name}"))
    session.execute(text("TRUNCATE search_docs"))


def finish_fresh_load(session: Session) -> None:
    """The GIN indexes made over the whole load (without the pending list, GIN_OPTIONS; with
    more memory than the default 64 MB, for the rebuild only: far fewer passes over a million
    documents), and the statistics a lookup chooses its way by (see newest_in_range) taken at
    once."""
    session.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
    for name, column in VECTOR_INDEXES:
        session.execute(
            text(
                f"CREATE INDEX IF NOT EXISTS {name} ON search_docs USING gin ({column})"
                f" WITH ({GIN_OPTIONS})"
            )
        )
    session.execute(text("ANALYZE search_docs"))


def append_selected(session: Session, kind: str, select_sql: str, params: dict) -> int:
    """The documents of `kind` a SELECT of ref_id, title and body gives, into a fresh index."""
    conn = session.connection()
    count, last = 0, -1
    page = text(
        f"SELECT ref_id, title, body FROM ({select_sql}) s"
        " WHERE ref_id > CAST(:last AS INTEGER) ORDER BY ref_id LIMIT 20000"
    )
    while True:
        rows = conn.execute(page, {**params, "last": last}).all()
        if not rows:
            return count
        count += _copy_in(conn, [base.Document(kind, r, t or "", b or "") for r, t, b in rows])
        last = rows[-1][0]


def remove_documents_by_pairs(conn, pairs: Sequence[tuple[str, int]]) -> None:
    by_kind: dict[str, list[int]] = {}
    for kind, ref_id in pairs:
        by_kind.setdefault(kind, []).append(ref_id)
    for kind, ids in by_kind.items():
        conn.execute(
            text("DELETE FROM search_docs WHERE kind = :k AND ref_id = ANY(:ids)"),
            {"k": kind, "ids": ids},
        )


def tsquery(query: str) -> str | None:
    """The tsquery for the title or body probe of `query` (what FTS5's MATCH is given)."""
    parts = []
    for run in base.query_terms(query):
        if base._CJK_OR_DIGIT.match(run):
            parts.append(_phrase(list(run)))
        else:
            parts.append(_quoted(run) + ":*")
    return " & ".join(parts) or None


def initials_tsquery(query: str) -> str | None:
    if base.initials_match(query) is None:
        return None
    return _phrase(list("".join(query.lower().split())))


_COLUMN = {"title": "title_tsv", "body": "body_tsv", "initials": "initials_tsv"}


def probes(query: str) -> list[base._Probe]:
    words = tsquery(query)
    return base.probes_for(query, lambda _column: words, initials_tsquery)


# A lookup wants the newest `limit` matches (by id: the order documents were written in, as
# SQLite's rowid, so a document written again is the newest on both), of every kind or of one.
# GIN hands over matches unordered, so it is asked block by block, newest block first (one
# statement: a nested loop over the blocks, each block's matches sorted, that stops as soon as
# the LIMIT is reached): a common term fills the page from the first few small blocks and the
# older ones are never read; a rare one goes on to bigger blocks (PER_SIZE blocks of each size),
# so that even a term found nowhere takes a few dozen lookups over 1.5 million ids. Each block
# holds exactly its ids, so the hits are those of FTS5's ORDER BY rowid DESC LIMIT; every bound
# is a count, never a time (the same query on the same archive gives the same hits, issue 11).
# A block's lookup names no btree-usable condition and sorts by `id + 0`: with one, the planner
# may walk the primary key or the (kind, id) index through every document of a kind (1.4 s for
# 华 among the million activities, whose titles never hold it).
# The query, the kind's mark and the block's mark are three conditions, not one tsquery of their
# AND (revision 0038): GIN then intersects three lists, skipping through the long ones by the
# short one, where the lexemes of one tsquery were read whole (a term absent from a kind: 53 ms
# to intersect '#activity' with 有限公司 in titles, 1 ms as two conditions).
PER_SIZE = 2  # blocks of one size looked in before the next size up
_OF_KIND = " AND {column} @@ CAST(:mark AS tsquery)"  # `{kind}` of a lookup in one kind
_NEWEST_BY_BLOCK = (
    "SELECT r.id, r.kind, r.ref_id, r.title, r.body"
    " FROM unnest(CAST(:blocks AS text[])) WITH ORDINALITY AS b(mark, n),"
    " LATERAL (SELECT id, kind, ref_id, title, body FROM search_docs"
    " WHERE {column} @@ CAST(:q AS tsquery) AND {column} @@ CAST(b.mark AS tsquery){kind}"
    " AND id + 0 < :below ORDER BY id + 0 DESC) r LIMIT :n"
)
_BOUNDS = text("SELECT min(id), max(id) FROM search_docs")
# under the row-level security policies: every id the sequence has given (min and max would be
# asked of the policy row by row, from either end, until a row the person sees: seconds)
_GUARDED_BOUNDS = text(
    "SELECT 1, pg_sequence_last_value(CAST(pg_get_serial_sequence('search_docs', 'id')"
    " AS regclass))"
)
# a kind's lowest and highest id, read off the (kind, id) index at either end (named as
# BETWEEN and sorted by kind too: with `kind = :kind` the planner may read the primary key,
# filtering by kind, through a million newer rows)
_KIND_BOUNDS = text(
    "SELECT (SELECT id FROM search_docs WHERE kind BETWEEN :kind AND :kind"
    " ORDER BY kind, id LIMIT 1), (SELECT id FROM search_docs WHERE kind BETWEEN :kind AND :kind"
    " ORDER BY kind DESC, id DESC LIMIT 1)"
)


def blocks_down(low: int, below: int, largest: float = float("inf")) -> list[str]:
    """The blocks that hold the ids low..below-1, newest first: PER_SIZE of the smallest size,
    then PER_SIZE of each size up to `largest` ids (where the ids reach a multiple of it;
    smaller ones until then). The last may reach below `low`, and the first above
    `below - 1`."""
    sizes = [1 << shift for shift in BLOCK_SHIFTS]
    sizes = sizes[:1] + [size for size in sizes[1:] if size <= largest]
    high = -(-below // sizes[0]) * sizes[0]  # the smallest block holding below - 1, whole
    marks: list[str] = []
    level, used = 0, 0
    while high > low:
        if used >= PER_SIZE and level < len(sizes) - 1:
            level, used = level + 1, 0
        fits = [s for s in sizes[: level + 1] if high % s == 0]
        size = fits[-1]
        used += size == sizes[level]
        high -= size
        marks.append(f"{KIND_MARK}{size.bit_length() - 1}.{high // size}")
    return marks


def newest_in_range(
    conn,
    probe: base._Probe,
    limit: int,
    low: int,
    below: int,
    kind: str | None = None,
    documents: int = 0,
    sampled: list | None = None,
) -> list:
    """The newest `limit` rows (before `keeps`) with ids low..below-1 that the probe's
    expression matches, of `kind` or of any kind: in one lookup of the whole range when the
    expression has few matches there (a rare term: one lookup instead of a dozen), else block
    by block (a common one: the first blocks fill the page). How many it may have: by
    ANALYZE's statistics, as if all of a term's matches among the index's `documents` lay in
    the range (拜访 is in a seventh of all documents, and in none of the newest: one lookup
    of a range dense with matches would fetch and sort every one of them); for one kind, when
    that is many, by how many of the kind's newest SAMPLE documents match (read in order, and
    kept: they are the newest of the range; `sampled`: that sample, read already)."""
    column = _COLUMN[probe.column]
    share = _at_most(conn, column, probe.match)
    at_most = min(below - low, share * documents)
    found: list = []
    whole = WHOLE_RANGE_ROWS
    if kind is not None and at_most > WHOLE_RANGE_ROWS:
        found, below, read = _newest_of_kind(conn, column, probe.match, kind, below, limit, sampled)
        if below is None:  # enough found, or the kind has no more documents
            return found
        share = max(len(found) / read, 3 / SAMPLE)  # none found: at most 3 in 1,000
        at_most = share * (below - low)
        whole = SAMPLED_RANGE_ROWS
    params = {"q": probe.match, "below": below, "n": limit - len(found), "col": column}
    params["kind"] = kind
    params["mark"] = None if kind is None else _quoted(KIND_MARK + kind)
    guarded = _guarded(conn)
    shape = {"column": column, "kind": "" if kind is None else _OF_KIND.format(column=column)}
    if at_most <= whole:
        statement = _GUARDED_RANGE if guarded else text(_WHOLE_RANGE.format(**shape))
        return found + conn.execute(statement, params).all()
    largest = BLOCK_ROWS / max(share, 1e-9)  # blocks to hold at most BLOCK_ROWS matches
    if column not in _statistics(conn):  # none shown (under the row-level security policies)
        largest = UNKNOWN_LARGEST_BLOCK
    params["blocks"] = [_quoted(m) for m in blocks_down(low, below, largest)]
    statement = _GUARDED_BLOCKS if guarded else text(_NEWEST_BY_BLOCK.format(**shape))
    return found + conn.execute(statement, params).all()


# A person under the row-level security policies looks up through compass_search
# (app.db.team_roles): under the policy PostgreSQL may not use the GIN indexes, and would read
# every document. It runs the same statements as below and keeps what the policy allows.
_GUARDED_COLUMNS = "SELECT id, kind, ref_id, title, body FROM compass_search"
# (a lookup in one kind names it: compass_search adds the kind's mark as a condition of its own)
_GUARDED_RANGE = text(f"{_GUARDED_COLUMNS}('range', :col, :q, :below, :n, NULL, :kind)")
_GUARDED_BLOCKS = text(
    f"{_GUARDED_COLUMNS}('blocks', :col, :q, :below, :n, CAST(:blocks AS text[]), :kind)"
)
_GUARDED_SAMPLE = text(
    "SELECT id, kind, ref_id, CASE WHEN matched THEN title END, CASE WHEN matched THEN body END,"
    " matched FROM compass_search('sample', :col, :q, :below, :scan, NULL, :kind)"
)
# the samples of several kinds at once (see _Lookups.prepare)
_GUARDED_SAMPLES = text(
    "SELECT id, kind, ref_id, CASE WHEN matched THEN title END, CASE WHEN matched THEN body END,"
    " matched FROM compass_search('samples', :col, :q, :below, :scan, CAST(:kinds AS text[]))"
)
_UNDER_POLICIES = text(
    "SELECT row_security_active('search_docs')"
    " AND to_regprocedure('compass_search(text, text, text, integer, integer, text[], text)')"
    " IS NOT NULL"
)


def _guarded(conn) -> bool:
    """Whether the connection's login is under the policies of search_docs (asked once per
    connection: its login never changes)."""
    info = conn.connection.info
    found = info.get("sc_search_guarded")
    if found is None:
        found = info["sc_search_guarded"] = bool(conn.execute(_UNDER_POLICIES).scalar())
    return found


SAMPLE = 1000  # a kind's newest documents read in order to see how common a term is in it
# Under the row-level security policies a quarter of that: a 客户经理's sample passes some seven
# documents of others' for each of theirs (20 ms for 1,000 of a kind on 100,000 clients, a
# dozen times a search), and it only chooses the way, never what is found
UNDER_POLICIES_SAMPLE_PART = 4
# named as BETWEEN and sorted by kind too, so that only the (kind, id) index gives the order:
# with `kind = :kind` the planner may read the primary key backwards, filtering by kind, and
# the oldest kinds' rows (the clients, written first) lie under a million newer ones
_SAMPLE = (
    "SELECT id, kind, ref_id, CASE WHEN m THEN title END, CASE WHEN m THEN body END, m FROM"
    " (SELECT id, kind, ref_id, title, body, {column} @@ CAST(:q AS tsquery) AS m"
    " FROM search_docs WHERE kind BETWEEN :kind AND :kind AND id < :below"
    " ORDER BY kind DESC, id DESC LIMIT :scan) s"
)


def _sample_size(guarded: bool) -> int:
    return max(1, SAMPLE // UNDER_POLICIES_SAMPLE_PART) if guarded else SAMPLE


def _newest_of_kind(
    conn, column: str, match: str, kind: str, below: int, limit: int, read: list | None = None
) -> tuple[list, int | None, int]:
    """The matches among the kind's newest SAMPLE documents below `below` (at most `limit`;
    under the policies among a quarter as many), the id below which the rest are to be looked
    for (None: nowhere) and how many were read. `read`: the sample, read already."""
    guarded = _guarded(conn)
    scan = _sample_size(guarded)
    if read is None:
        params = {"q": match, "kind": kind, "below": below, "scan": scan, "col": column}
        statement = _GUARDED_SAMPLE if guarded else text(_SAMPLE.format(column=column))
        read = conn.execute(statement, params).all()
    found = [r[:5] for r in read if r[5]][:limit]
    if len(found) >= limit or len(read) < scan:
        return found, None, len(read)
    return found, read[-1][0], len(read)


# Which way a lookup goes changes only how fast it is, never what it finds: both are exact.
# Each match a lookup reads costs a visit to its row (the id is there, not in GIN), and a phrase
# a recheck of its vector: one lookup of a range of 18,000 matches (华 in titles) took 50 ms,
# block by block the newest 1,560 of them 16 ms (revision 0038's measurements: 20,000 before;
# smaller blocks cost 有限公司 more lookups than they save).
WHOLE_RANGE_ROWS = 3_000  # at most this many matches (as estimated): one lookup of the range
# A kind whose newest documents hold few matches (3 in 1,000 when none) is looked up in one
# lookup of its range up to this many: most often the term is rare in the kind or absent from
# it, which GIN tells at once now that the kind's mark is a condition of its own (block by
# block, a prefix such as HT-2026's 'ht':* is expanded again for each block).
SAMPLED_RANGE_ROWS = 20_000
BLOCK_ROWS = 8_000  # matches a block may have (as estimated): 拜访 in 64K ids of activities
# with no statistics to go by, blocks of up to 65,536 ids: a rare term (张伟) went through 1.5
# million ids in 4,096-id blocks, 370 lookups (330 ms under the policies); a common one fills
# the page from the first small blocks and never reaches the big ones
UNKNOWN_LARGEST_BLOCK = 1 << 16
_WHOLE_RANGE = (
    "SELECT id, kind, ref_id, title, body FROM search_docs WHERE {column} @@ CAST(:q AS tsquery)"
    "{kind} AND id + 0 < :below ORDER BY id + 0 DESC LIMIT :n"
)
_LEXEME = re.compile(r"'((?:[^'\\]|''|\\.)*)'(:\*)?")
_STATISTICS = text(
    "SELECT attname, CAST(CAST(most_common_elems AS text) AS text[]), most_common_elem_freqs"
    " FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'search_docs'"
    " AND attname IN ('title_tsv', 'body_tsv', 'initials_tsv')"
)
STATISTICS_KEPT = 300.0  # seconds a connection keeps the statistics it read


def _at_most(conn, column: str, match: str) -> float:
    """The share of documents the expression may match, by ANALYZE's statistics of the
    column: that of its rarest term (every term of the expression is required; one the
    statistics do not list is rarer than any they do). 1 when there are none yet."""
    known = _statistics(conn).get(column)
    if known is None:
        return 1.0
    frequencies, least = known
    share = 1.0
    for lexeme, prefix in _LEXEME.findall(match):
        lexeme = lexeme.replace("''", "'")
        if prefix:
            found = sum(f for e, f in frequencies.items() if e.startswith(lexeme)) + least
        else:
            found = frequencies.get(lexeme, least)
        share = min(share, found)
    return share


def _statistics(conn) -> dict[str, tuple[dict[str, float], float]]:
    """Per vector column: its most common lexemes' shares of the documents, and the least of
    them; read once per connection every STATISTICS_KEPT seconds."""
    info = conn.connection.info
    read_at, found = info.get("sc_search_statistics", (None, None))
    if read_at is None or time.monotonic() - read_at > STATISTICS_KEPT:
        found = {}
        for column, elements, frequencies in conn.execute(_STATISTICS).all():
            if elements and frequencies and len(frequencies) >= len(elements) + 2:
                shares = dict(zip(elements, frequencies, strict=False))
                found[column] = (shares, frequencies[len(elements)])  # then the least, most
        info["sc_search_statistics"] = (time.monotonic(), found)
    return found


# A kind with at most this many documents (by ANALYZE's statistics) is read in order, newest
# first, each document's vector matched as it is read (_newest_of_kind: the tenders, letters,
# rebates, ... of an archive): a GIN lookup of '#tender' & (query) costs the decoding of the
# query's long lists (HT-2026: every contract's 'ht') even when the kind has 30 documents, and
# its id range, asked of the (kind, id) index first, is one more statement. The read is exact
# whatever the statistics say: a kind grown past SAMPLE since is looked up further down as
# before, below the last document read.
SMALL_KIND = SAMPLE // 2
_KIND_SHARES = text(
    "SELECT CAST(CAST(s.most_common_vals AS text) AS text[]), s.most_common_freqs, c.reltuples"
    " FROM pg_stats s JOIN pg_class c ON c.oid = to_regclass('search_docs')"
    " WHERE s.schemaname = current_schema() AND s.tablename = 'search_docs'"
    " AND s.attname = 'kind'"
)


def _small_kind(conn, kind: str) -> bool:
    """Whether the statistics say the kind has at most SMALL_KIND documents (False when
    there are none: under the row-level security policies PostgreSQL shows no statistics,
    and compass_search reads in batches of what the person may see)."""
    info = conn.connection.info
    read_at, sizes = info.get("sc_search_kinds", (None, None))
    if read_at is None or time.monotonic() - read_at > STATISTICS_KEPT:
        sizes = {}
        found = conn.execute(_KIND_SHARES).first()
        if found is not None and found[0] and found[2] and found[2] > 0:
            values, shares, rows = found
            sizes = {k: f * rows for k, f in zip(values, shares, strict=False)}
            sizes[""] = min(shares) * rows  # a kind not listed is rarer than any listed
        info["sc_search_kinds"] = (time.monotonic(), sizes)
    if not sizes:
        return False
    return sizes.get(kind, sizes[""]) <= SMALL_KIND


class _Lookups:
    """The lookups of one search (what search_terms.search_with calls `matches`), as
    app.db.search_index._matches gives them: the newest `limit` matches of one kind, or of
    every kind together, as (the rows `keeps` keeps, how many matched). A kind's lookup starts
    from what the lookup of every kind found for that probe: all matches above the last row it
    gave are in it, so the kind's are looked for only below, and within the kind's ids."""

    def __init__(self, conn) -> None:
        self.low, self.high = conn.execute(_GUARDED_BOUNDS if _guarded(conn) else _BOUNDS).one()
        self.documents = 0 if self.high is None else self.high - self.low + 1  # at most
        self.every_kind: dict[tuple[str, str], tuple[list, int]] = {}
        self.bounds: dict[str, tuple[int | None, int | None]] = {}  # a kind's lowest, highest id
        self.sampled: dict[tuple[str, str, str, int], list] = {}  # see prepare

    def __call__(
        self, conn, probe: base._Probe, limit: int, kind: str | None = None
    ) -> tuple[list[tuple], int]:
        if self.high is None:  # an empty index
            return [], 0
        if kind is None:
            rows = newest_in_range(
                conn, probe, limit, self.low, self.high + 1, documents=self.documents
            )
            # everything above the last row is in (all of it when fewer than asked for)
            below = rows[-1][0] if len(rows) == limit else self.low
            self.every_kind[(probe.column, probe.match)] = (rows, below)
        else:
            rows = self.of_kind(conn, probe, limit, kind)
        return [tuple(r) for r in rows if probe.keeps(r[3], r[4])], len(rows)

    def kind_bounds(self, conn, kind: str) -> tuple[int | None, int | None]:
        """The kind's lowest and highest id; under the row-level security policies the whole
        index's: there the policy of search_docs is asked of every row the bounds' index scan
        passes (compass_sees_record, a query of the record's table under its own policy, per
        row: 2.7 s for the letters' bounds of a 客户经理 on 100,000 clients), and the lookups
        below go through compass_search anyway, which skips what the person may not see."""
        if _guarded(conn):
            return self.low, self.high
        return tuple(conn.execute(_KIND_BOUNDS, {"kind": kind}).one())

    def prepare(self, conn, probe: base._Probe, wanted: dict[str, int]) -> None:
        """Under the policies, the samples the lookups of the `wanted` kinds (kind -> how many)
        will start from, read in one call of compass_search for all of them: each kind's lookup
        asked compass_search on its own, a dozen calls a probe, each a few milliseconds of the
        server's fixed work. A lookup that takes another way leaves its sample unread; the
        rows are those its own sample reads (the same kind, column, query, bound and size)."""
        if self.high is None or not _guarded(conn):
            return
        known, below = self.every_kind.get((probe.column, probe.match), ([], self.high + 1))
        if below - self.low <= WHOLE_RANGE_ROWS:  # one lookup of the range: no sample
            return
        kinds = [k for k, n in wanted.items() if sum(r[1] == k for r in known) < n]
        if len(kinds) < 2:
            return
        column = _COLUMN[probe.column]
        params = {"q": probe.match, "below": below, "scan": _sample_size(True), "col": column}
        rows = conn.execute(_GUARDED_SAMPLES, {**params, "kinds": kinds}).all()
        for kind in kinds:
            self.sampled[(column, probe.match, kind, below)] = [r for r in rows if r[1] == kind]

    def of_kind(self, conn, probe: base._Probe, limit: int, kind: str) -> list:
        known, below = self.every_kind.get((probe.column, probe.match), ([], self.high + 1))
        rows = [r for r in known if r[1] == kind][:limit]
        if len(rows) >= limit:
            return rows
        if _small_kind(conn, kind):  # read its documents in order: no GIN lookup, no bounds
            column = _COLUMN[probe.column]
            more, below, _read = _newest_of_kind(
                conn, column, probe.match, kind, below, limit - len(rows)
            )
            rows += more
            if below is None or len(rows) >= limit:
                return rows
        if kind not in self.bounds:
            self.bounds[kind] = self.kind_bounds(conn, kind)
        low, high = self.bounds[kind]
        if high is None or low >= below:
            return rows
        high = min(below, high + 1)
        sampled = self.sampled.pop((_COLUMN[probe.column], probe.match, kind, high), None)
        more = newest_in_range(
            conn, probe, limit - len(rows), low, high, kind, self.documents, sampled
        )
        return rows + more


def matches(
    conn, probe: base._Probe, limit: int, kind: str | None = None
) -> tuple[list[tuple], int]:
    """One lookup on its own (see _Lookups)."""
    return _Lookups(conn)(conn, probe, limit, kind)


def search(
    session: Session,
    query: str,
    kinds: Sequence[str],
    per_kind: int,
    cancelled: Callable[[], bool] | None = None,
) -> list[base.Hit]:
    """As app.db.search_index.search, through the same loop (app.db.search_terms.search_with),
    so both back ends give the same hits; `cancelled` is asked between lookups."""
    found_probes = probes(query)
    if not found_probes:
        return []
    conn = session.connection()
    lookups = _Lookups(conn)
    return base.search_with(conn, found_probes, query, kinds, per_kind, cancelled, lookups)


def dump(session: Session) -> list[tuple]:
    """As app.db.search_index.dump: each document with the tokens its index holds, per column
    in position order."""
    result = []
    rows = session.execute(
        text(
            "SELECT kind, ref_id, title, body, initials, title_tsv::text, body_tsv::text,"
            " initials_tsv::text FROM search_docs ORDER BY kind, ref_id"
        )
    )
    for kind, ref_id, title, body, initials, tt, bt, it in rows:
        indexed = ("k" + kind, _in_order(tt), _in_order(bt), _in_order(it))
        result.append((kind, ref_id, title, body, initials, indexed))
    return result


def _in_order(vector: str | None) -> str:
    """The tokens of a tsvector's text form ('a':1,3 'b':2), in position order."""
    placed: list[tuple[int, str]] = []
    for lexeme, positions in _lexemes(vector or ""):
        if " " in lexeme or lexeme.startswith(KIND_MARK):
            continue  # a pair or the kind's mark: not a token FTS5 holds
        placed.extend((p, lexeme) for p in positions)
    return " ".join(lexeme for _p, lexeme in sorted(placed))


def _lexemes(vector: str):
    i, n = 0, len(vector)
    while i < n:
        if vector[i] != "'":
            i += 1
            continue
        j, lexeme = i + 1, []
        while j < n:
            if vector[j] == "'" and j + 1 < n and vector[j + 1] == "'":
                lexeme.append("'")
                j += 2
            elif vector[j] == "\\" and j + 1 < n:
                lexeme.append(vector[j + 1])
                j += 2
            elif vector[j] == "'":
                break
            else:
                lexeme.append(vector[j])
                j += 1
        k = j + 1
        positions = []
        if k < n and vector[k] == ":":
            end = vector.find(" ", k)
            end = n if end < 0 else end
            positions = [
                int("".join(ch for ch in p if ch.isdigit())) for p in vector[k + 1 : end].split(",")
            ]
            k = end
        yield "".join(lexeme), positions
        i = k


def problems(session: Session) -> list[str]:
    """Documents stored without their index (a cheap look, for `check`)."""
    if session.execute(text("SELECT to_regclass('search_docs')")).scalar() is None:
        return []
    pending = text("SELECT 1 FROM settings WHERE key = 'search.rebuild_needed'")
    if session.execute(pending).first() is not None:
        return []
    missing = session.execute(
        text("SELECT kind, count(*) FROM search_docs WHERE title_tsv IS NULL GROUP BY kind")
    ).all()
    return [f"{base.PROBLEM_PREFIX} {n} {kind} documents not indexed" for kind, n in missing]

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

from collections.abc import Callable, Sequence
from itertools import pairwise

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import search_terms as base

# tsvector keeps positions 1..16383 (larger ones are silently set to 16383)
MAX_POSITION = 16383


KIND_MARK = "#"  # '#client': the kind's lexeme in each of its vectors


def tsvector_literal(
    tokens: Sequence[str], kind: str | None = None, paired: Callable[[str], bool] | None = None
) -> str:
    """`tokens` with their positions, as PostgreSQL's tsvector input reads it (at most 256
    positions a lexeme, as it keeps); with each adjacent pair of tokens that are both
    `paired` as one more lexeme ('北 京', at 北's position), and the `kind`'s mark."""
    positions: dict[str, list[int]] = {}
    previous = ""  # the token before, when it pairs
    for offset, token in enumerate(tokens, start=1):
        at = offset if offset < MAX_POSITION else MAX_POSITION
        held = positions.setdefault(token, [])
        if not held or held[-1] != at:  # a clamped position once, not once per occurrence
            held.append(at)
        if paired is None or not paired(token):
            previous = ""
            continue
        if previous and offset < MAX_POSITION:  # past it no phrase can match (positions clamp):
            # pairs there would only swell the vector past PostgreSQL's 1 MB
            positions.setdefault(f"{previous} {token}", []).append(offset - 1)
        previous = token
    words = [
        f"{_quoted(t)}:{p[0]}" if len(p) == 1 else f"{_quoted(t)}:{','.join(map(str, p[:256]))}"
        for t, p in positions.items()
    ]
    if kind is not None:
        words.append(_quoted(KIND_MARK + kind))
    return " ".join(words)


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
    if "'" in lexeme or "\\" in lexeme:
        lexeme = lexeme.replace("\\", "\\\\").replace("'", "''")
    return f"'{lexeme}'"


COLUMNS = ("kind", "ref_id", "title", "body", "initials", "title_tsv", "body_tsv", "initials_tsv")


def _values(doc: base.Document) -> tuple:
    """A document's row: as it shows, and its tokens as tsvector literals."""
    _kind, title, body, initials = base.fts_values(doc.kind, doc.title, doc.body, doc.initials)
    vectors = (
        tsvector_literal(title.split(), doc.kind, _one_character),
        tsvector_literal(body.split(), doc.kind, _one_character),
        tsvector_literal(initials.split(), doc.kind, _one_letter),
    )
    return (doc.kind, doc.ref_id, doc.title, doc.body, doc.initials, *vectors)


_INSERT = text(
    f"INSERT INTO search_docs ({', '.join(COLUMNS)}) VALUES (:kind, :ref_id, :title, :body,"
    " :initials, CAST(:title_tsv AS tsvector), CAST(:body_tsv AS tsvector),"
    " CAST(:initials_tsv AS tsvector)) ON CONFLICT (kind, ref_id) DO UPDATE SET"
    " id = nextval(pg_get_serial_sequence('search_docs', 'id')),"  # newest, as on SQLite
    + ",".join(f" {c} = excluded.{c}" for c in COLUMNS[2:])
)
_COPY = f"COPY search_docs ({', '.join(COLUMNS)}) FROM STDIN"
VECTOR_INDEXES = (
    ("ix_search_docs_title_tsv", "title_tsv"),
    ("ix_search_docs_body_tsv", "body_tsv"),
    ("ix_search_docs_initials_tsv", "initials_tsv"),
)


def write_batch(conn, batch: Sequence[base.Document], fresh: bool = False) -> int:
    """Adds or replaces the documents; `fresh` (a rebuild into an emptied index, each document
    once): streamed in with COPY, the GIN indexes made again at the end (finish_fresh_load)."""
    if fresh:
        return _copy_in(conn, batch)
    last_of_each = {(d.kind, d.ref_id): d for d in batch}.values()
    conn.execute(_INSERT, [dict(zip(COLUMNS, _values(d), strict=True)) for d in last_of_each])
    return len(batch)


def _copy_in(conn, batch: Sequence[base.Document]) -> int:
    raw = conn.connection.driver_connection
    with raw.cursor().copy(_COPY) as copy:
        for doc in batch:
            copy.write_row(_values(doc))
    return len(batch)


def clear(session: Session) -> None:
    """Empties the index for a rebuild: the rows, and the GIN indexes, which are made once
    over the whole load instead of being kept up row by row (minutes on a big archive)."""
    for name, _column in VECTOR_INDEXES:
        session.execute(text(f"DROP INDEX IF EXISTS {name}"))
    session.execute(text("TRUNCATE search_docs"))


def finish_fresh_load(session: Session) -> None:
    for name, column in VECTOR_INDEXES:
        session.execute(
            text(f"CREATE INDEX IF NOT EXISTS {name} ON search_docs USING gin ({column})")
        )


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


# Each kind is looked up on its own, newest first (by id: the order documents were written in,
# as SQLite's rowid, so a document written again is the newest on both), in steps whose bounds
# are counts, never a time (the same query on the same archive gives the same hits, issue 11):
# the kind's newest documents are read in order and filtered, in WINDOWS (a common character,
# 拜访 in a million activities, is answered there without the index handing over every match to
# be sorted and rechecked; a window without a match says the term is rare, and the next is not
# read); what is still missing comes from the GIN index over the kind's older documents, asked
# for the kind's mark AND the query, so that it hands over only that kind's matches (a term
# rare among the newest has few). That lookup names no `kind = ` condition and compares and
# sorts by `id + 0`, so the planner cannot use a btree for it: with one, it walked the (kind,
# ref_id) index through every older document of the kind (1.4 s for 华 among the million
# activities, whose titles never hold it), or the primary key, or read a whole index for `<`.
# The windows name the kind as `kind BETWEEN :kind AND :kind` and sort by it: with `kind = :kind`
# the planner may read the primary key backwards, filtering by kind, and the oldest kinds' rows
# (the clients, written first) lie under a million newer ones (10 s a search). As written, only
# the (kind, id) index gives that order.
WINDOWS = (1000, 4000)
_NEWEST_FIRST = (
    "FROM search_docs WHERE kind BETWEEN :kind AND :kind AND id < :below"
    " ORDER BY kind DESC, id DESC"
)
_NEWEST = (
    "SELECT id, kind, ref_id, title, body FROM (SELECT id, kind, ref_id, title, body,"
    f" {{column}} AS v {_NEWEST_FIRST} LIMIT :scan) s"
    " WHERE v @@ CAST(:q AS tsquery) ORDER BY kind DESC, id DESC LIMIT :n"
)
_BOUNDARY = text(  # the oldest document of a window (none: the kind has no more)
    f"SELECT id {_NEWEST_FIRST} OFFSET :skip LIMIT 1"
)
_OLDER = (
    "SELECT id, kind, ref_id, title, body FROM search_docs WHERE {column} @@ CAST(:q AS tsquery)"
    " AND id + 0 < :below ORDER BY id + 0 DESC LIMIT :n"
)
_NEWER_THAN_ALL = 2**62


def newest_of_kind(conn, probe: base._Probe, limit: int, kind: str, below: int) -> list:
    """The newest `limit` rows of one kind below id `below` that the probe's expression
    matches (before `keeps`): window by window among the kind's newest documents, then (when
    those gave fewer) in the index below them."""
    column = _COLUMN[probe.column]
    found: list = []
    for size in WINDOWS:
        params = {"q": probe.match, "kind": kind, "below": below, "scan": size}
        window = conn.execute(
            text(_NEWEST.format(column=column)), {**params, "n": limit - len(found)}
        ).all()
        found += window
        if len(found) >= limit:
            return found
        below = conn.execute(_BOUNDARY, {"kind": kind, "below": below, "skip": size - 1}).scalar()
        if below is None:  # the kind has no older documents
            return found
        if not window:  # a rare term here: the index has few older ones
            break
    in_kind = f"{_quoted(KIND_MARK + kind)} & ({probe.match})"
    older = conn.execute(
        text(_OLDER.format(column=column)),
        {"q": in_kind, "below": below, "n": limit - len(found)},
    ).all()
    return found + [r for r in older if r[1] == kind]


class _KindCursor:
    """One kind's matches of one probe, newest first, fetched in chunks that double as more
    are asked for; kept for the whole search, so a later lookup of the same kind reuses them."""

    def __init__(self, kind: str) -> None:
        self.kind, self.below, self.chunk = kind, _NEWER_THAN_ALL, FIRST_CHUNK
        self.rows: list = []
        self.done = False

    def first(self, conn, probe: base._Probe, count: int) -> list:
        """The newest `count` matches (fewer when the kind has fewer)."""
        while len(self.rows) < count and not self.done:
            size = max(self.chunk, count - len(self.rows))
            got = newest_of_kind(conn, probe, size, self.kind, self.below)
            self.done = len(got) < size
            if got:
                self.below = got[-1][0]
            self.rows.extend(got)
            self.chunk *= 2
        return self.rows[:count]


FIRST_CHUNK = 60  # a kind's matches asked for at first: its candidates, and as many again


class _Lookups:
    """The lookups of one search (what search_terms.search_with calls `matches`), as
    app.db.search_index._matches gives them: the newest `limit` matches of one kind, or of
    every kind together, as (the rows `keeps` keeps, how many matched)."""

    def __init__(self, conn) -> None:
        self.cursors: dict[tuple[str, str, str], _KindCursor] = {}
        self.kinds = _kinds(conn)

    def cursor(self, probe: base._Probe, kind: str) -> _KindCursor:
        key = (probe.column, probe.match, kind)
        if key not in self.cursors:
            self.cursors[key] = _KindCursor(kind)
        return self.cursors[key]

    def __call__(
        self, conn, probe: base._Probe, limit: int, kind: str | None = None
    ) -> tuple[list[tuple], int]:
        if kind is not None:
            rows = self.cursor(probe, kind).first(conn, probe, limit)
        else:
            rows = self.newest_of_any_kind(conn, probe, limit)
        return [tuple(r) for r in rows if probe.keeps(r[3], r[4])], len(rows)

    def newest_of_any_kind(self, conn, probe: base._Probe, limit: int) -> list:
        """The newest `limit` matches of every kind together, as FTS5 gives them on SQLite
        (one MATCH, ORDER BY rowid DESC): each kind's newest matches merged by id, a kind asked
        for more only when the merge reaches the end of what it gave (GIN cannot hand over
        matches in order; a kind's own lookups are cheap, see newest_of_kind)."""
        cursors = [self.cursor(probe, kind) for kind in self.kinds]
        used = dict.fromkeys(range(len(cursors)), 0)
        taken: list = []
        while len(taken) < limit:
            heads = []
            for i, c in enumerate(cursors):
                rows = c.first(conn, probe, used[i] + 1)
                if len(rows) > used[i]:
                    heads.append((rows[used[i]][0], i))
            if not heads:
                break
            _id, i = max(heads)
            taken.append(cursors[i].rows[used[i]])
            used[i] += 1
        return taken


def matches(
    conn, probe: base._Probe, limit: int, kind: str | None = None
) -> tuple[list[tuple], int]:
    """One lookup on its own (see _Lookups)."""
    return _Lookups(conn)(conn, probe, limit, kind)


def _kinds(conn) -> list[str]:
    """The kinds the index holds, read off the (kind, id) index one kind at a time."""
    return list(
        conn.execute(
            text(
                "WITH RECURSIVE k AS (SELECT min(kind) AS kind FROM search_docs UNION ALL"
                " SELECT (SELECT min(kind) FROM search_docs WHERE kind > k.kind) FROM k"
                " WHERE k.kind IS NOT NULL) SELECT kind FROM k WHERE kind IS NOT NULL"
            )
        ).scalars()
    )


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

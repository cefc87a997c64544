"""What the search index holds and how a query is asked of it, the same on both back ends:
the tokens of a document (one per CJK character or digit, Latin words whole, pinyin initials one
letter each), the runs a query is cut into, and the search loop over a back end's lookup
(app.db.search_index for SQLite's FTS5, app.db.search_pg for PostgreSQL's tsvector)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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


def is_single_token(char: str) -> bool:
    """Whether the index keeps `char` as a token of its own (a CJK character or a digit, also
    after NFKC), so that a run of them is found as a phrase anywhere."""
    normal = unicodedata.normalize("NFKC", char)
    return bool(_CJK_OR_DIGIT.fullmatch(char)) and all(_CJK_OR_DIGIT.fullmatch(c) for c in normal)


def segment(value: str) -> str:
    return " ".join(tokens(value))


def fts_values(kind: str, title: str, body: str, initials: str) -> tuple[str, str, str, str]:
    """What search_fts is given for a document (kind, title, body, initials columns): written
    on insert, and given again, the same, to take the document out. Initials are one token a
    letter; their spellings ('cy zy' for 朝阳) are kept apart by a token no initials query has,
    so 'yz' does not match across two of them."""
    spelled = f" {INITIALS_BREAK} ".join(" ".join(v) for v in initials.split())
    return "k" + kind, segment(title), segment(body), spelled


# The index's version, raised when a kind is added or a document changes shape (an archive
# indexed by an older version is reindexed once when opened), and the settings that say whether
# the index stands for the records as they are (app.services.indexing keeps them).
INDEX_VERSION = 3  # 3: 客户动态 (news)
INDEX_VERSION_KEY = "search.index_version"
REBUILD_NEEDED_KEY = "search.rebuild_needed"

INITIALS_BREAK = "or"  # a word: initials queries are single letters and digits


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


@dataclass(frozen=True)
class _Probe:
    match: str
    column: str  # 'title', 'body' or 'initials'
    check: tuple[str, ...] = ()  # runs the rows must hold in that column (left out of match)

    def keeps(self, title: str, body: str) -> bool:
        if not self.check:
            return True
        return _contains_runs(title if self.column == "title" else body, self.check)


def probes_for(
    query: str, words: Callable[[str], str | None], initials: Callable[[str], str | None]
) -> list[_Probe]:
    """The lookups a query makes, best first: its words in titles, its pinyin initials, its
    words in bodies. `words(column)` and `initials()` give a back end's expressions for them
    (None: nothing to look up). Runs left out of the expression are checked on the rows."""
    runs = list(dict.fromkeys(_runs(query)))
    check = () if runs == query_terms(query) else tuple(runs)
    found = []
    title, body, letters = words("title"), words("body"), initials(query)
    if title:
        found.append(_Probe(title, "title", check))
    if letters:
        found.append(_Probe(letters, "initials"))
    if body:
        found.append(_Probe(body, "body", check))
    return found


def search_with(
    conn,
    probes: list[_Probe],
    query: str,
    kinds: Sequence[str],
    per_kind: int,
    cancelled: Callable[[], bool] | None,
    matches: Callable[..., tuple[list[tuple], int]],
) -> list[Hit]:
    """The search itself over either back end's `matches` (see search)."""
    if not probes:
        return []
    candidates = max(per_kind * 3, 30)  # ranked below, then cut to per_kind
    found: dict[str, dict[int, Hit]] = {kind: {} for kind in kinds}
    short: set[str] = set()
    for probe in probes:
        _stop_if(cancelled)
        limit = candidates * len(kinds) * 2
        rows, seen = matches(conn, probe, limit)
        for doc_id, kind, ref_id, title, body in rows:
            if kind in found and len(found[kind]) < candidates:
                found[kind].setdefault(doc_id, Hit(kind, ref_id, title, body))
        if seen >= limit:  # there may be more matches than this first look saw
            short |= {kind for kind in kinds if len(found[kind]) < candidates}
    _fill_kinds(
        conn, probes, [k for k in kinds if k in short], found, candidates, matches, cancelled
    )
    hits: list[Hit] = []
    for kind in kinds:
        hits.extend(_rank(query, list(found[kind].values()))[:per_kind])
    return hits


def _stop_if(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise CancelledError()


def _fill_kinds(
    conn, probes: list[_Probe], kinds: list[str], found: dict, candidates: int, matches, cancelled
) -> None:
    """Each kind's lookups, probe by probe, until it has its candidates: a kind asks the same
    lookups in the same order as on its own. A back end's `matches.prepare(conn, probe, wanted)`
    (PostgreSQL's) may first read what the kinds' lookups of the probe start from, at once."""
    prepare = getattr(matches, "prepare", None)
    for probe in probes:
        wanted = {k: candidates - len(found[k]) for k in kinds if len(found[k]) < candidates}
        if not wanted:
            return
        if prepare is not None:
            prepare(conn, probe, wanted)
        for kind, limit in wanted.items():
            _stop_if(cancelled)
            rows, _count = matches(conn, probe, limit, kind)
            for doc_id, _kind, ref_id, title, body in rows:
                found[kind].setdefault(doc_id, Hit(kind, ref_id, title, body))


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


PROBLEM_PREFIX = "search index:"

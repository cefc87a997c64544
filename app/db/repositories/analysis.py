"""Aggregate queries for the monthly report and the six analyses.

Everything is grouped in SQL: the 1,000,000-activity archive is never read row by row. On SQLite
dates are stored as ISO text, so ranges are compared as 'YYYY-MM-DD' strings and months are
substr(.., 1, 7); on PostgreSQL they are real dates. The few spellings the two do not share
(months, day differences, scalar max/min, the unary plus) come from app.db.dialects, so each
query runs on a SQLAlchemy session or on a plain sqlite3 reader (app.db.plain_session).
Money is in fen (integers). Covering indexes (migration 0007) let the aggregates read an index
alone: contracts by (client_id, signed_on, amount_fen, payment_days) and (signed_on, client_id,
amount_fen, owner), receipts by (contract_id, received_on, amount_fen) and (received_on, client_id,
amount_fen), activities by (started_at, client_id, kind, closed_on, expense_fen). A unary plus
(`+signed_on`) keeps SQLite off the date index where the range covers most of the table (12
months, all receivables): the client-ordered index is then read once and grouped without a
sort.

Every figure of a month is as of its cut-off day (`as_of`: the month's last day, or today while
the month runs): nothing dated after it counts. A client's tier then is the old tier of its first
change dated after the cut-off (client_tier_changes), else its tier now; its last visit then is
clients.last_visit_on when that is not after the cut-off, else looked up backwards on the
visits' partial index ix_activities_client_visits (revision 0032; only for the clients visited
since); a complaint is open then when it started by the cut-off and was not closed by it
(closed_on)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.db import dialects
from app.db.dialects import Dialect
from app.domain.rebates import ApprovalStep, Decision, RebateStatus

if TYPE_CHECKING:  # a SQLAlchemy session, or a PlainSession (app.db.plain_session)
    from sqlalchemy.orm import Session

VISIT = "visit"
# The condition of the partial index ix_activities_client_visits (revision 0032), written as a
# literal so that SQLite's and PostgreSQL's planners both see the index holds the rows asked for.
VISITS_ONLY = f"kind = '{VISIT}'"
COMPLAINT = "complaint"
ACTIVE = "合作中"


def _d(day: date) -> date:
    return day


def _end(last: date) -> date:
    """Exclusive upper bound for a DateTime column."""
    return last + timedelta(days=1)


# Each client's tier as of :asof: the old tier of its first change dated after the day, for the
# clients changed since (a range read of the changed_on index), joined as tt.
_TIER_THEN = (
    "tt AS MATERIALIZED (SELECT client_id, old_tier FROM (SELECT client_id, old_tier,"
    "  row_number() OVER (PARTITION BY client_id ORDER BY changed_on, id) AS k"
    "  FROM client_tier_changes WHERE changed_on > :asof) ranked WHERE k = 1)"
)


def _tier_then(client: str) -> str:
    """The tier of `client` (an alias of clients) as of :asof, with _TIER_THEN joined as tt."""
    return f"coalesce(tt.old_tier, {client}.tier)"


def _last_visit_then(q: Dialect, client: str) -> str:
    """The last visit of `client` (an alias of clients) on or before :asof (:end the day after)."""
    return (
        f"CASE WHEN {client}.last_visit_on IS NULL OR {client}.last_visit_on <= :asof"
        f" THEN {client}.last_visit_on ELSE (SELECT {q.date_of('v.started_at')} FROM activities v"
        f"  WHERE v.client_id = {client}.id AND {VISITS_ONLY.replace('kind', 'v.kind')}"
        "  AND v.started_at < :end ORDER BY v.started_at DESC LIMIT 1) END"
    )


def _rows(session: Session, sql: str, **params) -> list[tuple]:
    return dialects.rows(session, sql, **params)


# --- sales ------------------------------------------------------------------------------------


def signed_by_owner(session: Session, first: date, last: date) -> list[tuple[str, int, int]]:
    """(contract owner, contracts, amount fen) signed in the range."""
    return _rows(
        session,
        "SELECT owner, count(*), sum(amount_fen) FROM contracts "
        "WHERE signed_on BETWEEN :a AND :b GROUP BY owner",
        a=_d(first),
        b=_d(last),
    )


def receipts_by_owner(session: Session, first: date, last: date) -> list[tuple[str, int, int]]:
    """(client owner, receipts, amount fen) received in the range."""
    return _rows(
        session,
        "SELECT c.owner, count(*), sum(r.amount_fen) FROM receipts r "
        "JOIN clients c ON c.id = r.client_id "
        "WHERE r.received_on BETWEEN :a AND :b GROUP BY c.owner",
        a=_d(first),
        b=_d(last),
    )


def monthly_series(session: Session, first: date, last: date) -> list[tuple[str, int, int]]:
    """('YYYY-MM', signed fen, received fen) for every month in the range, oldest first: one
    range read of the date indexes per month, no grouping sort."""
    bounds, day = [], first
    while day <= last:
        end = date(day.year + day.month // 12, day.month % 12 + 1, 1) - timedelta(days=1)
        bounds.append((day, min(end, last)))
        day = end + timedelta(days=1)
    if not bounds:
        return []
    values = ", ".join(f"(:a{i}, :b{i})" for i in range(len(bounds)))
    params = {f"a{i}": _d(a) for i, (a, _b) in enumerate(bounds)}
    params.update({f"b{i}": _d(b) for i, (_a, b) in enumerate(bounds)})
    q = dialects.of(session)
    return _rows(
        session,
        f"WITH m(a, b) AS (VALUES {values}) SELECT {q.month_of('m.a')},"
        " coalesce((SELECT sum(amount_fen) FROM contracts WHERE signed_on BETWEEN m.a AND m.b), 0),"
        " coalesce((SELECT sum(amount_fen) FROM receipts WHERE received_on BETWEEN m.a AND m.b), 0)"
        " FROM m ORDER BY m.a",
        **params,
    )


def signings(session: Session, first: date, last: date, limit: int) -> list[tuple]:
    """(contract id, number, client id, client name, owner, signed on, amount fen, first ever)
    for the contracts signed in the range, largest first. The largest are picked first, then
    only they are looked up (their client's name, whether it is the client's first contract)."""
    return _rows(
        session,
        "SELECT k.id, k.number, k.client_id, c.name, k.owner, k.signed_on, k.amount_fen,"
        " NOT EXISTS (SELECT 1 FROM contracts p WHERE p.client_id = k.client_id"
        "  AND (p.signed_on < k.signed_on OR (p.signed_on = k.signed_on AND p.id < k.id)))"
        " FROM (SELECT id, number, client_id, owner, signed_on, amount_fen FROM contracts"
        "  WHERE signed_on BETWEEN :a AND :b ORDER BY amount_fen DESC, signed_on, id LIMIT :n) k"
        " JOIN clients c ON c.id = k.client_id ORDER BY k.amount_fen DESC, k.signed_on, k.id",
        a=_d(first),
        b=_d(last),
        n=dialects.of(session).limit(limit),
    )


def first_signings(session: Session, first: date, last: date) -> int:
    """Clients whose first contract ever was signed in the range."""
    [(count,)] = _rows(
        session,
        "SELECT count(*) FROM (SELECT client_id, min(signed_on) AS f FROM contracts"
        " WHERE client_id IN (SELECT client_id FROM contracts"
        "  WHERE signed_on BETWEEN :a AND :b)"
        " GROUP BY client_id) firsts WHERE f BETWEEN :a AND :b",
        a=_d(first),
        b=_d(last),
    )
    return count


def key_accounts(
    session: Session, first: date, last: date, limit: int, as_of: date | None = None
) -> list[tuple]:
    """Key accounts (大客户) that signed or paid in the range, biggest signed amount first:
    (client id, name, owner, tier as of `as_of` (default `last`), contracts, signed fen, received
    fen, visits, complaints)."""
    return _rows(
        session,
        f"WITH {_TIER_THEN}, s AS (SELECT client_id, count(*) AS n, sum(amount_fen) AS sf FROM contracts"
        "  WHERE signed_on BETWEEN :a AND :b GROUP BY client_id),"
        " r AS (SELECT client_id, sum(amount_fen) AS rf FROM receipts"
        "  WHERE received_on BETWEEN :a AND :b GROUP BY client_id),"
        " ids AS (SELECT client_id FROM s UNION SELECT client_id FROM r),"
        f" k AS (SELECT c.id, c.name, c.owner, {_tier_then('c')} AS tier, coalesce(s.n, 0) AS n,"
        "  coalesce(s.sf, 0) AS sf, coalesce(r.rf, 0) AS rf"
        "  FROM ids JOIN clients c ON c.id = ids.client_id"
        "  LEFT JOIN s ON s.client_id = c.id LEFT JOIN r ON r.client_id = c.id"
        "  LEFT JOIN tt ON tt.client_id = c.id"
        "  WHERE c.is_key_account ORDER BY sf DESC, rf DESC, c.id LIMIT :n)"
        " SELECT k.*,"
        " (SELECT count(*) FROM activities a WHERE a.client_id = k.id"
        f"  AND {VISITS_ONLY.replace('kind', 'a.kind')} AND a.started_at >= :a AND a.started_at < :e),"
        " (SELECT count(*) FROM activities a WHERE a.client_id = k.id AND a.kind = :complaint"
        "  AND a.started_at >= :a AND a.started_at < :e)"
        " FROM k ORDER BY sf DESC, rf DESC, id",
        a=_d(first),
        b=_d(last),
        e=_end(last),
        n=limit,
        complaint=COMPLAINT,
        asof=_d(as_of or last),
    )


# --- receivables --------------------------------------------------------------------------


# Per client: what each contract still owes after the receipts booked to it (its due day worked
# out for the open ones only); receipts without a contract (plus any overpayment) pay the oldest
# due contracts first, as in app.domain.plans.allocate_receipts, but with window sums so it runs
# inside SQLite. items: (client id, open fen, age in days, contract id); `one_client`: only
# the client :client (app.db.repositories.receivables).
def open_items_sql(q: Dialect, one_client: bool = False) -> str:
    loose_of = " AND client_id = :client" if one_client else ""
    contracts_of = " AND k.client_id = :client" if one_client else ""
    return f"""
WITH loose AS (
  SELECT client_id, sum(amount_fen) AS l FROM receipts
  WHERE contract_id IS NULL AND received_on <= :asof{loose_of} GROUP BY client_id
), o AS MATERIALIZED (
  SELECT k.id, k.client_id, k.signed_on, k.payment_days,
         k.amount_fen - coalesce((SELECT sum(r.amount_fen) FROM receipts r
           WHERE r.contract_id = k.id AND r.received_on <= :asof), 0) AS rest
  FROM contracts k WHERE {q.no_index("k.signed_on")} <= :asof{contracts_of}
), credit AS MATERIALIZED (
  SELECT client_id, sum(c) AS credit FROM (
    SELECT client_id, -rest AS c FROM o WHERE rest < 0
    UNION ALL SELECT client_id, l FROM loose) parts GROUP BY client_id HAVING sum(c) > 0
), due AS (
  SELECT id, client_id, rest,
         {q.day_number("signed_on")} + {q.greatest("payment_days", "0")} AS due FROM o
  WHERE rest > 0
), run AS (
  SELECT due.id, due.client_id, due.due, due.rest, credit.credit,
         coalesce(sum(due.rest) OVER (PARTITION BY due.client_id ORDER BY due.due, due.id
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
  FROM due JOIN credit ON credit.client_id = due.client_id
), items AS (
  SELECT client_id, rest - {q.least("rest", q.greatest("credit - before", "0"))} AS open_fen,
         CAST({q.day_number(":asof")} - due AS INTEGER) AS age, id FROM run
  UNION ALL
  SELECT client_id, rest, CAST({q.day_number(":asof")} - due AS INTEGER), id FROM due
  WHERE client_id NOT IN (SELECT client_id FROM credit)
)
"""


_BUCKET = (
    "CASE WHEN age < 0 THEN 'not_due' WHEN age <= 30 THEN '0-30' WHEN age <= 60 THEN '31-60'"
    " WHEN age <= 90 THEN '61-90' ELSE '90+' END"
)


# Open items per client and age bucket, computed once for both the ageing and the largest.
_CLIENT_BUCKETS = (
    f", cb AS MATERIALIZED (SELECT client_id, {_BUCKET} AS b, count(*) AS n, sum(open_fen) AS f,"
    " max(age) AS oldest FROM items WHERE open_fen > 0 GROUP BY client_id, b)"
)
_AGEING = (
    "SELECT c.owner, cb.b, sum(cb.n), sum(cb.f) FROM cb JOIN clients c ON c.id = cb.client_id"
    " GROUP BY c.owner, cb.b"
)
# The largest: totals per client, then the clients names only for those at or above the
# limit-th total (ties included, so the name order breaks them as before).
_TOP = (
    "SELECT t.client_id, c.name, c.owner, t.f, t.oldest, t.old, c.sort_key FROM (SELECT client_id,"
    " sum(f) AS f, max(oldest) AS oldest, sum(CASE WHEN b = '90+' THEN f ELSE 0 END) AS old"
    " FROM cb GROUP BY client_id) t JOIN clients c ON c.id = t.client_id"
    " WHERE t.f >= coalesce((SELECT sum(f) AS g FROM cb GROUP BY client_id"
    "  ORDER BY g DESC LIMIT 1 OFFSET :n - 1), 0)"
    " ORDER BY t.f DESC, c.sort_key LIMIT :n"
)


def ageing(session: Session, as_of: date) -> list[tuple[str, str, int, int]]:
    """(client owner, bucket, open items, open fen) as of the day."""
    q = dialects.of(session)
    return _rows(session, open_items_sql(q) + _CLIENT_BUCKETS + _AGEING, asof=_d(as_of))


def receivables(
    session: Session, as_of: date, limit: int
) -> tuple[list[tuple[str, str, int, int]], list[tuple]]:
    """ageing()'s rows, and the `limit` clients owing most: (client id, name, owner, open fen,
    oldest age in days, 90+ fen), most open first; the open items are worked out once."""
    # one column list for both parts: (part, ageing's 4 columns, the largest's 7 columns)
    found = _rows(
        session,
        open_items_sql(dialects.of(session))
        + _CLIENT_BUCKETS
        + " SELECT 0, ag.*, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
        f" FROM ({_AGEING}) ag UNION ALL SELECT 1, NULL, NULL, NULL, NULL, tp.* FROM ({_TOP}) tp",
        asof=_d(as_of),
        n=max(int(limit), 1),
    )
    top = sorted((r[5:] for r in found if r[0] == 1), key=lambda r: (-r[3], r[6]))
    return [r[1:5] for r in found if r[0] == 0], [r[:6] for r in top[: max(int(limit), 0)]]


# --- activities ---------------------------------------------------------------------------


def _complaints_by_owner(q: Dialect) -> str:
    """n: (owner, complaints, closed by :asof, response days summed over the closed ones,
    slowest response) of the complaints started from :a to before :b."""
    days = f"{q.day_number('a.shut')} - {q.day_number(q.date_of('a.started_at'))}"
    return (
        "n AS (SELECT c.owner, count(*) AS n, count(a.shut) AS k,"
        f"  sum({q.greatest(days, '0')}) AS d,"
        # only the closed ones: PostgreSQL's greatest() skips a NULL, SQLite's max() does not
        f"  max(CASE WHEN a.shut IS NOT NULL THEN {q.greatest(days, '0')} END) AS w"
        "  FROM (SELECT client_id, started_at, kind,"
        "   CASE WHEN closed_on <= :asof THEN closed_on END AS shut FROM activities) a"
        "  JOIN clients c ON c.id = a.client_id"
        "  WHERE a.kind = :complaint AND a.started_at >= :a AND a.started_at < :b"
        "  GROUP BY c.owner)"
    )


def activity_by_owner(
    session: Session, first: date, last: date, as_of: date | None = None
) -> list[tuple]:
    """(client owner, visits, complaints, complaints closed, response days summed over the
    closed ones, slowest response days, expense fen) for activities started in the range;
    closed: by `as_of` (default `last`)."""
    # Visits and expenses grouped per client first (one clients lookup per client instead of
    # one per activity); the few complaints looked up one by one. Both read the covering index.
    return _rows(
        session,
        "WITH v AS (SELECT c.owner, sum(x.v) AS v, sum(x.e) AS e FROM ("
        "  SELECT client_id, sum(CASE WHEN kind = :visit THEN 1 ELSE 0 END) AS v,"
        "  sum(expense_fen) AS e FROM activities"
        "  WHERE started_at >= :a AND started_at < :b GROUP BY client_id"
        " ) x JOIN clients c ON c.id = x.client_id GROUP BY c.owner),"
        f" {_complaints_by_owner(dialects.of(session))}"
        " SELECT v.owner, v.v, coalesce(n.n, 0), coalesce(n.k, 0), n.d, n.w, v.e"
        " FROM v LEFT JOIN n ON n.owner IS NOT DISTINCT FROM v.owner",
        a=_d(first),
        b=_end(last),
        asof=_d(as_of or last),
        visit=VISIT,
        complaint=COMPLAINT,
    )


def activity_and_spent(
    session: Session, first: date, last: date, as_of: date | None = None
) -> tuple[list[tuple], list[tuple[str, str, int]]]:
    """activity_by_owner's rows and app.db.repositories.budgets.spent's ((owner, kind, expense
    fen) of the activities with an expense) from one read of the range's activities instead of
    two (issue 11: the 大客户月报 and its budget chapter read the same activities).

    Only the visits and the activities with an expense are grouped (per client and kind, then
    per owner and kind): the others add nothing to either but their owner's line, so an owner
    found in neither is looked up on its own (its clients' activities in the range: a seek per
    client, and only for an owner with no visit, expense or complaint in the range)."""
    found = _rows(
        session,
        "WITH v AS (SELECT c.owner, x.kind, sum(x.n) AS n, sum(x.e) AS e, max(x.x) AS x FROM ("
        "  SELECT client_id, kind, count(*) AS n, sum(expense_fen) AS e,"
        "  max(CASE WHEN expense_fen <> 0 THEN 1 ELSE 0 END) AS x FROM activities"
        "  WHERE started_at >= :a AND started_at < :b AND (kind = :visit OR expense_fen <> 0)"
        "  GROUP BY client_id, kind"
        " ) x JOIN clients c ON c.id = x.client_id GROUP BY c.owner, x.kind),"
        f" {_complaints_by_owner(dialects.of(session))},"
        " quiet AS (SELECT o.owner FROM (SELECT DISTINCT owner FROM clients) o"
        "  WHERE o.owner NOT IN (SELECT owner FROM v) AND o.owner NOT IN (SELECT owner FROM n)"
        "  AND EXISTS (SELECT 1 FROM clients c CROSS JOIN activities a WHERE c.owner = o.owner"
        "   AND a.client_id = c.id AND a.started_at >= :a AND a.started_at < :b))"
        " SELECT 0, owner, kind, n, e, x, NULL FROM v"
        " UNION ALL SELECT 1, owner, NULL, n, k, d, w FROM n"
        " UNION ALL SELECT 2, owner, NULL, NULL, NULL, NULL, NULL FROM quiet",
        a=_d(first),
        b=_end(last),
        asof=_d(as_of or last),
        visit=VISIT,
        complaint=COMPLAINT,
    )
    spent = [(r[1] or "", r[2], int(r[4])) for r in found if r[0] == 0 and r[5]]
    return _activity_lines(found), spent


def _activity_lines(found: list[tuple]) -> list[tuple]:
    """activity_by_owner's rows from activity_and_spent's (owner and kind, complaints, quiet
    owner) rows, in owner order."""
    lines: dict[str, list] = {}
    for part, owner, kind, n, e, d, w in found:
        line = lines.setdefault(owner, [owner, 0, 0, 0, None, None, 0])
        if part == 0:
            line[1] += int(n) if kind == VISIT else 0
            line[6] += int(e)
        elif part == 1:
            line[2:6] = [n, e, d, w]  # complaints, closed, response days, slowest
    return [tuple(lines[owner]) for owner in sorted(lines)]


def open_complaints(session: Session, as_of: date) -> tuple[int, str | None]:
    """Complaints open at the end of the day (started by then and not closed by then), and the
    oldest one's start: two range reads of ix_activities_kind_closed."""
    [row] = _rows(
        session,
        "SELECT count(*), min(started_at) FROM activities"
        " WHERE kind = :k AND (closed_on IS NULL OR closed_on > :asof) AND started_at < :b",
        k=COMPLAINT,
        b=_end(as_of),
        asof=_d(as_of),
    )
    return int(row[0]), None if row[1] is None else str(row[1])


def expenses_vs_revenue(session: Session, first: date, last: date, limit: int | None) -> list:
    """(client id, name, owner, expense fen, revenue fen, clients in all, expense fen in all,
    revenue fen in all) for every client with either in the range, largest expense first."""
    return _rows(
        session,
        "WITH g AS (SELECT client_id, sum(e) AS e, sum(s) AS s FROM ("
        "  SELECT client_id, expense_fen AS e, 0 AS s FROM activities"
        "  WHERE started_at >= :a AND started_at < :b AND expense_fen <> 0"
        "  UNION ALL SELECT client_id, 0, amount_fen FROM contracts"
        "  WHERE signed_on BETWEEN :a AND :last) parts GROUP BY client_id),"
        " t AS (SELECT client_id, e, s, count(*) OVER () AS n, sum(e) OVER () AS te,"
        "  sum(s) OVER () AS ts FROM g ORDER BY e DESC, s DESC, client_id LIMIT :n)"
        " SELECT t.client_id, c.name, c.owner, t.e, t.s, t.n, t.te, t.ts"
        " FROM t JOIN clients c ON c.id = t.client_id ORDER BY t.e DESC, t.s DESC, t.client_id",
        a=_d(first),
        b=_end(last),
        last=_d(last),
        n=dialects.of(session).limit(limit),
    )


# --- clients ------------------------------------------------------------------------------


def new_clients_by_owner(session: Session, first: date, last: date) -> list[tuple[str, int]]:
    return _rows(
        session,
        "SELECT owner, count(*) FROM clients WHERE created_on BETWEEN :a AND :b GROUP BY owner",
        a=_d(first),
        b=_d(last),
    )


def clients_by_owner(session: Session, as_of: date) -> list[tuple[str, int]]:
    """(owner, clients created by the day): all of them, read from the owner index alone, less
    those created after the day (a range read of the created_on index)."""
    q = dialects.of(session)
    return _rows(
        session,
        "SELECT owner, sum(n) FROM (SELECT owner, count(*) AS n FROM clients GROUP BY owner"
        " UNION ALL SELECT owner, -count(*) FROM clients WHERE created_on > :asof"
        f" GROUP BY {q.no_index('owner')}) parts"  # the created_on index, not the owner one
        " GROUP BY owner HAVING sum(n) > 0",
        asof=_d(as_of),
    )


def tier_changes(session: Session, first: date, last: date) -> list[tuple]:
    """(client id, name, owner, old tier, new tier, changed on), in date order."""
    return _rows(
        session,
        "SELECT t.client_id, c.name, c.owner, t.old_tier, t.new_tier, t.changed_on"
        " FROM client_tier_changes t JOIN clients c ON c.id = t.client_id"
        " WHERE t.changed_on BETWEEN :a AND :b ORDER BY t.changed_on, t.id",
        a=_d(first),
        b=_d(last),
    )


def growth(
    session: Session, first: date, last: date, before_first: date, limit: int | None
) -> list[tuple]:
    """(client id, name, owner, created on, revenue in range, revenue in the equally long range
    before) for clients created in the range or selling more than before; new first, then by
    increase."""
    sql = (
        "WITH s AS (SELECT client_id,"
        "  sum(CASE WHEN signed_on >= :a THEN amount_fen ELSE 0 END) AS now_fen,"
        "  sum(CASE WHEN signed_on < :a THEN amount_fen ELSE 0 END) AS before_fen"
        "  FROM contracts WHERE signed_on BETWEEN :p AND :b GROUP BY client_id),"
        " g AS (SELECT c.id, c.name, c.owner, c.created_on,"
        "  coalesce(s.now_fen, 0) AS now_fen, coalesce(s.before_fen, 0) AS before_fen"
        "  FROM clients c LEFT JOIN s ON s.client_id = c.id"
        "  WHERE c.created_on BETWEEN :a AND :b"
        "  UNION ALL"
        "  SELECT c.id, c.name, c.owner, c.created_on, s.now_fen, s.before_fen"
        "  FROM s JOIN clients c ON c.id = s.client_id"
        "  WHERE s.now_fen > s.before_fen AND c.created_on NOT BETWEEN :a AND :b)"
        " SELECT * FROM g ORDER BY (created_on BETWEEN :a AND :b) DESC,"
        " (now_fen - before_fen) DESC, id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return _rows(session, sql, a=_d(first), b=_d(last), p=_d(before_first))


def growth_counts(session: Session, first: date, last: date, before_first: date) -> tuple[int, int]:
    """(clients created in the range, older clients selling more than in the range before)."""
    [row] = _rows(
        session,
        "SELECT (SELECT count(*) FROM clients WHERE created_on BETWEEN :a AND :b),"
        " (SELECT count(*) FROM (SELECT client_id,"
        "  sum(CASE WHEN signed_on >= :a THEN amount_fen ELSE 0 END) AS n,"
        "  sum(CASE WHEN signed_on < :a THEN amount_fen ELSE 0 END) AS p"
        "  FROM contracts WHERE signed_on BETWEEN :p AND :b GROUP BY client_id) g"
        "  JOIN clients c ON c.id = g.client_id"
        "  WHERE n > p AND c.created_on NOT BETWEEN :a AND :b)",
        a=_d(first),
        b=_d(last),
        p=_d(before_first),
    )
    return int(row[0]), int(row[1])


# --- churn --------------------------------------------------------------------------------


def churn(
    session: Session, as_of: date, quiet_since: date, months: tuple[str, str, str, str], limit
) -> tuple[list[tuple], tuple[int, int, int, int]]:
    """Active clients at risk as of the day: no visit from `quiet_since` to the day, or orders
    before but none since, or sales falling three months running (months: the four 'YYYY-MM',
    oldest first, each month below the one before). Tier and last visit are the day's.

    Rows: (client id, name, owner, tier, last visit, last order, m0..m3 fen, no visit, no order,
    falling), biggest four-month sales first; plus the counts (all, no visit, no order, falling)."""
    q = dialects.of(session)
    month = q.month_of("signed_on")
    cte = (
        "WITH lo AS (SELECT client_id, max(signed_on) AS last_order FROM contracts"
        "  WHERE signed_on <= :asof GROUP BY client_id),"
        " m AS (SELECT client_id,"
        f"  sum(CASE WHEN {month} = :m0 THEN amount_fen ELSE 0 END) AS s0,"
        f"  sum(CASE WHEN {month} = :m1 THEN amount_fen ELSE 0 END) AS s1,"
        f"  sum(CASE WHEN {month} = :m2 THEN amount_fen ELSE 0 END) AS s2,"
        f"  sum(CASE WHEN {month} = :m3 THEN amount_fen ELSE 0 END) AS s3"
        f"  FROM contracts WHERE {q.no_index('signed_on')} BETWEEN :mfirst AND :asof"
        "  GROUP BY client_id),"
        f" {_TIER_THEN},"
        # the clients as they were on the day: tier and last visit then
        f" cc AS MATERIALIZED (SELECT c.id, c.name, c.owner, {_tier_then('c')} AS tier,"
        f"  {_last_visit_then(q, 'c')} AS last_visit_on"
        "  FROM clients c LEFT JOIN tt ON tt.client_id = c.id"
        "  WHERE c.status = :active AND c.created_on <= :quiet),"
        " r AS (SELECT c.id, c.name, c.owner, c.tier, c.last_visit_on, lo.last_order,"
        "  coalesce(m.s0, 0) AS s0, coalesce(m.s1, 0) AS s1, coalesce(m.s2, 0) AS s2,"
        "  coalesce(m.s3, 0) AS s3,"
        "  (c.last_visit_on IS NULL OR c.last_visit_on < :quiet) AS no_visit,"
        "  (lo.last_order IS NOT NULL AND lo.last_order < :quiet) AS no_order,"
        "  (coalesce(m.s0, 0) > coalesce(m.s1, 0) AND coalesce(m.s1, 0) > coalesce(m.s2, 0)"
        "   AND coalesce(m.s2, 0) > coalesce(m.s3, 0)) AS falling"
        "  FROM cc c LEFT JOIN lo ON lo.client_id = c.id LEFT JOIN m ON m.client_id = c.id)"
    )
    params = {
        "asof": _d(as_of),
        "end": _end(as_of),
        "quiet": _d(quiet_since),
        "m0": months[0],
        "m1": months[1],
        "m2": months[2],
        "m3": months[3],
        "mfirst": date.fromisoformat(months[0] + "-01"),
        "active": ACTIVE,
    }
    found = _rows(
        session,
        cte + " SELECT id, name, owner, tier, last_visit_on, last_order, s0, s1, s2, s3,"
        " no_visit, no_order, falling, count(*) OVER (), sum(CAST(no_visit AS INTEGER)) OVER (),"
        " sum(CAST(no_order AS INTEGER)) OVER (), sum(CAST(falling AS INTEGER)) OVER ()"
        " FROM r WHERE no_visit OR no_order OR falling ORDER BY falling DESC,"
        " (s0 + s1 + s2 + s3) DESC, tier, last_visit_on NULLS FIRST, id LIMIT :n",
        n=max(limit, 1) if limit is not None else q.unlimited,
        **params,
    )
    counts = tuple(int(v or 0) for v in found[0][13:]) if found else (0, 0, 0, 0)
    return [r[:13] for r in found[: limit if limit is not None else None]], counts


# --- value (Pareto) -------------------------------------------------------------------------


def _ranked(q: Dialect) -> str:
    return (
        "WITH s AS (SELECT client_id, sum(amount_fen) AS rev FROM contracts"
        f"  WHERE {q.no_index('signed_on')} BETWEEN :a AND :b GROUP BY client_id"
        "  HAVING sum(amount_fen) > 0),"
        " r AS (SELECT client_id, rev,"
        "  row_number() OVER (ORDER BY rev DESC, client_id) AS rn,"
        "  sum(rev) OVER (ORDER BY rev DESC, client_id ROWS UNBOUNDED PRECEDING) AS cum"
        "  FROM s)"
    )


def pareto(
    session: Session, first: date, last: date, share: float, points: int, rows: int | None = 0
) -> tuple[int, int, int, list[tuple[int, int]], list[tuple]]:
    """(clients with revenue, total fen, clients needed to reach `share` of the total, about
    `points` (rank, cumulative fen) samples of the curve, the last client included, and the
    first `rows` ranks (None: all) as (rank, client id, name, owner, tier on the last day,
    revenue fen, cumulative fen)). The ranking is worked out once for all of them."""
    q = dialects.of(session)
    # one column list for both parts: (part, rank, cumulative fen, the curve's n, total, cut,
    # the ranks' client id, name, owner, tier, revenue fen)
    sql = (
        _ranked(q)
        .replace(" r AS (", " r AS MATERIALIZED (")
        .replace("WITH ", f"WITH {_TIER_THEN}, ", 1)
        + ","
        " z AS (SELECT count(*) AS n, max(cum) AS total,"
        "  sum(CASE WHEN cum - rev < :share * (SELECT sum(rev) FROM s) THEN 1 ELSE 0 END) AS cut"
        "  FROM r)"
        " SELECT 0, r.rn, r.cum, z.n, z.total, z.cut, NULL, NULL, NULL, NULL, NULL"
        f" FROM z LEFT JOIN r ON r.rn % {q.greatest('z.n / :p', '1')} = 0 OR r.rn = z.n"
    )
    if rows != 0:
        sql += (
            f" UNION ALL SELECT 1, t.rn, t.cum, NULL, NULL, NULL, t.client_id, c.name, c.owner,"
            f" {_tier_then('c')}, t.rev FROM (SELECT * FROM r ORDER BY rn LIMIT :n) t"
            " JOIN clients c ON c.id = t.client_id LEFT JOIN tt ON tt.client_id = c.id"
        )
    found = _rows(
        session,
        sql,
        a=_d(first),
        b=_d(last),
        share=share,
        p=points,
        n=q.limit(rows),
        asof=_d(last),
    )
    head = sorted(
        ((r[3], r[4], r[5], r[1], r[2]) for r in found if r[0] == 0), key=lambda r: r[3] or 0
    )
    if not head or not head[0][0]:
        return 0, 0, 0, [], []
    n, total, cut = head[0][:3]
    ranked = sorted(((r[1], *r[6:], r[2]) for r in found if r[0] == 1), key=lambda r: r[0])
    return int(n), int(total), int(cut), [(rn, cum) for *_z, rn, cum in head], ranked


def pareto_counts(session: Session, first: date, last: date, active_status: str) -> tuple[int, int]:
    """(active clients: those of `active_status` on file by `last` and any other with revenue
    in the range; clients with revenue in the range) for the 80/20 over all active clients. A
    client entered after `last` is not counted: a month's figures are as of its last day."""
    sql = (
        _ranked(dialects.of(session)) + " SELECT (SELECT count(*) FROM clients c"
        " WHERE (c.status = :active AND c.created_on <= :b)"
        " OR c.id IN (SELECT client_id FROM s)), (SELECT count(*) FROM s)"
    )
    [(active, with_revenue)] = _rows(session, sql, a=_d(first), b=_d(last), active=active_status)
    return int(active or 0), int(with_revenue or 0)


def top_revenue(session: Session, first: date, last: date, *counts: int) -> list[int]:
    """The revenue fen of the `count` clients who bought most in the range, for each count (a
    client without revenue adds nothing)."""
    marks = ", ".join(f"sum(CASE WHEN rn <= :k{i} THEN rev ELSE 0 END)" for i in range(len(counts)))
    sql = _ranked(dialects.of(session)) + f" SELECT {marks} FROM r"
    found = _rows(
        session, sql, a=_d(first), b=_d(last), **{f"k{i}": k for i, k in enumerate(counts)}
    )
    return [int(v or 0) for v in found[0]] if found else [0] * len(counts)


# --- rebates ------------------------------------------------------------------------------


# A rebate as of :end (the day after the cut-off): applied by then (created_at), its status then
# the one its last step by then left it in (rebate_steps), or its status now when no step came
# after. STEP_STATUS: the status each step leaves a rebate in.
STEP_STATUS = {
    Decision.APPLY.value: RebateStatus.APPLIED.value,
    ApprovalStep.MANAGER.value: RebateStatus.MANAGER.value,
    ApprovalStep.MARKETING.value: RebateStatus.MARKETING.value,
    ApprovalStep.GM.value: RebateStatus.APPROVED.value,
}


def _rebates_then() -> str:
    after_step = " ".join(f"WHEN '{step}' THEN '{status}'" for step, status in STEP_STATUS.items())
    return (
        "rb AS (SELECT r.id, r.client_id, r.period_start, r.period_end, r.amount_fen,"
        " r.created_at, CASE WHEN r.id NOT IN (SELECT rebate_id FROM rebate_steps"
        "  WHERE at >= :end) THEN r.status ELSE coalesce((SELECT CASE"
        f"   WHEN x.decision = '{Decision.REJECT.value}' THEN '{RebateStatus.REJECTED.value}'"
        f"   ELSE CASE x.step {after_step} END END"
        "  FROM rebate_steps x WHERE x.rebate_id = r.id AND x.at < :end"
        "  ORDER BY x.at DESC, x.id DESC LIMIT 1), r.status) END AS status"
        " FROM rebates r WHERE r.created_at < :end)"
    )


def rebates_ending(
    session: Session, first: date, last: date, as_of: date | None = None
) -> list[tuple[str, int, int]]:
    """(status, rebates, amount fen) as of `as_of` (default `last`) for the rebates applied by
    then whose period ends in the range."""
    return _rows(
        session,
        f"WITH {_rebates_then()} SELECT status, count(*), sum(amount_fen) FROM rb"
        " WHERE period_end BETWEEN :a AND :b GROUP BY status",
        a=_d(first),
        b=_d(last),
        end=_end(as_of or last),
    )


def pending_rebates(
    session: Session, statuses: tuple[str, ...], limit: int, as_of: date | None = None
) -> list[tuple]:
    """(rebate id, client name, period start, period end, amount fen, status) of the rebates
    pending as of the day (default: now), oldest first."""
    marks = ", ".join(f":s{i}" for i in range(len(statuses)))
    return _rows(
        session,
        f"WITH {_rebates_then()}"
        " SELECT r.id, c.name, r.period_start, r.period_end, r.amount_fen, r.status"
        f" FROM rb r JOIN clients c ON c.id = r.client_id WHERE r.status IN ({marks})"
        " ORDER BY r.created_at, r.id LIMIT :n",
        n=limit,
        end=_end(as_of or date.max - timedelta(days=1)),
        **{f"s{i}": s for i, s in enumerate(statuses)},
    )


def pending_totals(
    session: Session, statuses: tuple[str, ...], as_of: date | None = None
) -> tuple[int, int]:
    """(rebates, amount fen) pending as of the day (default: now)."""
    marks = ", ".join(f":s{i}" for i in range(len(statuses)))
    [row] = _rows(
        session,
        f"WITH {_rebates_then()} SELECT count(*), coalesce(sum(amount_fen), 0) FROM rb"
        f" WHERE status IN ({marks})",
        end=_end(as_of or date.max - timedelta(days=1)),
        **{f"s{i}": s for i, s in enumerate(statuses)},
    )
    return int(row[0]), int(row[1])


def calendar_days(session: Session) -> list[tuple[date, str, str]]:
    """(day, kind 休/班, name) of every day entered from the holiday notices, in date order (as
    app.db.repositories.calendar_days.all_days, on a plain reader too)."""
    found = _rows(session, "SELECT day, kind, name FROM calendar_days")
    return sorted(
        (d if isinstance(d, date) else date.fromisoformat(str(d)[:10]), kind, name)
        for d, kind, name in found
    )


def monthly_targets(session: Session, year: int, month: int) -> list[tuple]:
    """(owner, clients, visits, signings, signed products, signed fen, receipts fen)."""
    return _rows(
        session,
        "SELECT owner, clients, visits, signings, signed_products, signed_amount_fen,"
        " receipts_fen FROM monthly_targets WHERE year = :y AND month = :m ORDER BY owner",
        y=year,
        m=month,
    )

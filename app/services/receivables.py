"""Receivables with ageing (应收账款账龄): what each client still owes as of a day, by age bucket,
with its open contracts. The open amounts are worked out in the database
(app.db.repositories.receivables) on the archive's reader (app.services.readers), so the
`receivables` command reads an archive file without SQLAlchemy (issue 11)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.db.repositories import receivables as repo
from app.domain.money import fen_to_yuan
from app.domain.plans import AgeBucket, age_bucket, age_days, due_date
from app.services.archive import Archive
from app.services.readers import reading

ZERO = Decimal("0.00")
BUCKETS = tuple(AgeBucket)  # not due first


@dataclass(frozen=True)
class OpenContract:
    contract_id: int
    number: str
    due_on: date
    outstanding: Decimal
    age_days: int
    bucket: AgeBucket


@dataclass(frozen=True)
class ClientReceivable:
    client_id: int
    client_name: str
    owner: str
    outstanding: Decimal
    buckets: dict[AgeBucket, Decimal] = field(default_factory=dict)
    credit: Decimal = ZERO  # paid beyond everything signed
    items: tuple[OpenContract, ...] = ()


def receivables(
    archive: Archive, as_of: date | None = None, client_id: int | None = None, task=None
) -> list[ClientReceivable]:
    """Every client that still owes money (or has paid ahead), most outstanding first, with the
    open amount in each age bucket as of `as_of` (default today)."""
    as_of = as_of or archive.today()
    with reading(archive) as reader:
        rows = repo.open_items(reader, as_of, client_id)
    clients: dict[int, tuple[str, str, list[OpenContract], int]] = {}
    ages = _Ages(as_of)
    for client, name, owner, contract, number, signed_on, days, fen in rows:
        found = clients.setdefault(client, (name or "", owner or "", [], 0))
        if contract is None:  # the credit left when the client paid more than it owes
            clients[client] = (*found[:3], int(fen))
            continue
        due, age, bucket = ages.of(signed_on, int(days))
        found[2].append(
            OpenContract(contract, number or "", due, fen_to_yuan(int(fen)), age, bucket)
        )
    out = [
        _client_receivable(cid, name, owner, items, credit)
        for cid, (name, owner, items, credit) in clients.items()
    ]
    out.sort(key=lambda r: (-r.outstanding, r.client_name, r.client_id))
    return out


class _Ages:
    """(due day, days past it, age bucket) of a contract signed on a day with its payment days,
    as of a day: worked out once for each (day, payment days) (a department signs on a few
    hundred days, so tens of thousands of open contracts share them)."""

    def __init__(self, as_of: date) -> None:
        self.as_of = as_of
        self._known: dict[tuple[object, int], tuple[date, int, AgeBucket]] = {}

    def of(self, signed_on: object, days: int) -> tuple[date, int, AgeBucket]:
        found = self._known.get((signed_on, days))
        if found is None:
            due = due_date(day_of(signed_on), days)
            found = due, age_days(due, self.as_of), age_bucket(due, self.as_of)
            self._known[(signed_on, days)] = found
        return found


def day_of(value: object) -> date:
    """A date from a row: a date already (PostgreSQL), or ISO text (SQLite)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _client_receivable(
    client_id: int, name: str, owner: str, items: list[OpenContract], credit: int
) -> ClientReceivable:
    buckets = dict.fromkeys(BUCKETS, ZERO)
    if len(items) > 1:
        items.sort(key=lambda i: (i.due_on, i.contract_id))  # the order receipts pay them in
    for item in items:
        buckets[item.bucket] += item.outstanding
    return ClientReceivable(
        client_id=client_id,
        client_name=name,
        owner=owner,
        outstanding=sum(buckets.values(), ZERO),
        buckets=buckets,
        credit=fen_to_yuan(credit) if credit else ZERO,
        items=tuple(items),
    )


def client_receivable(
    archive: Archive, client_id: int, as_of: date | None = None
) -> ClientReceivable:
    """One client's receivable with its open contracts (an empty one when nothing is owed)."""
    found = receivables(archive, as_of, client_id)
    if found:
        return found[0]
    return ClientReceivable(client_id, "", "", ZERO, dict.fromkeys(BUCKETS, ZERO))


def ageing_totals(archive: Archive, as_of: date | None = None) -> dict[AgeBucket, Decimal]:
    return bucket_totals(receivables(archive, as_of))


def bucket_totals(found: Iterable[ClientReceivable]) -> dict[AgeBucket, Decimal]:
    """The ageing buckets summed over the clients' receivables already read."""
    totals = dict.fromkeys(BUCKETS, ZERO)
    for receivable in found:
        for bucket, amount in receivable.buckets.items():
            totals[bucket] += amount
    return totals

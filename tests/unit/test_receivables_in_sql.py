"""Receivables worked out in the database (issue 11: the `receivables` command took 1.8 s on
the 100,000-client archive reading every contract and receipt into Python): on the generated
archive with every edge (tests/monthly_samples.py: contracts paid in full, in part, over, not
at all, receipts booked to none, records in the recycle bin), each client's open items, buckets
and credit are exactly what app.domain.plans.allocate_receipts gives from the raw rows, as of
every edge day, on an archive file (read with and without SQLAlchemy) and on a team archive."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

import monthly_samples
import pytest

from app.domain.money import fen_to_yuan
from app.domain.plans import AgeBucket, age_bucket, age_days, allocate_receipts, due_date
from app.services import contracts, receivables
from app.services.archive import open_archive

pytestmark = pytest.mark.both_backends

DAYS = (
    date(2026, 11, 26),  # the clock's day
    date(2026, 11, 30),
    date(2026, 10, 31),
    date(2026, 10, 1),
    date(2026, 8, 31),
    date(2025, 5, 1),  # the first day anything was signed
)


def _reference(archive, as_of: date) -> list[tuple]:
    """(client id, name, owner, outstanding, buckets, credit, items) as allocate_receipts
    gives them from the contracts and receipts read one by one (the code before issue 11)."""
    from app.db.models import Client, Contract, Receipt

    with archive.db.read() as session:
        signed = defaultdict(list)
        numbers = {}
        for k in session.query(Contract).filter(Contract.signed_on <= as_of):
            signed[k.client_id].append((k.id, due_date(k.signed_on, k.payment_days), k.amount_fen))
            numbers[k.id] = k.number
        paid, loose = defaultdict(int), defaultdict(int)
        for r in session.query(Receipt).filter(Receipt.received_on <= as_of):
            if r.contract_id is None:
                loose[r.client_id] += r.amount_fen
            else:
                paid[r.contract_id] += r.amount_fen
        names = {c.id: (c.name, c.owner) for c in session.query(Client)}
    out = []
    for client in set(signed) | set(loose):
        items, credit = allocate_receipts(signed.get(client, []), paid, loose.get(client, 0))
        if not items and not credit:
            continue
        buckets = {b: Decimal("0.00") for b in AgeBucket}
        for i in items:
            buckets[age_bucket(i.due, as_of)] += fen_to_yuan(i.outstanding_fen)
        opened = tuple(
            (
                i.contract_id,
                numbers[i.contract_id],
                i.due,
                fen_to_yuan(i.outstanding_fen),
                age_days(i.due, as_of),
                age_bucket(i.due, as_of),
            )
            for i in items
        )
        name, owner = names.get(client, ("", ""))
        outstanding = sum(buckets.values(), Decimal("0.00"))
        out.append((client, name, owner, outstanding, buckets, fen_to_yuan(credit), opened))
    out.sort(key=lambda r: (-r[3], r[1], r[0]))
    return out


def _values(found) -> list[tuple]:
    return [
        (
            r.client_id,
            r.client_name,
            r.owner,
            r.outstanding,
            r.buckets,
            r.credit,
            tuple(
                (i.contract_id, i.number, i.due_on, i.outstanding, i.age_days, i.bucket)
                for i in r.items
            ),
        )
        for r in found
    ]


@pytest.fixture
def sampled(archive):
    monthly_samples.bin_some(archive, monthly_samples.build(archive))
    return archive


def test_each_clients_receivable_is_what_allocate_receipts_gives(sampled):
    for as_of in DAYS:
        expected = _reference(sampled, as_of)
        assert _values(receivables.receivables(sampled, as_of)) == expected, as_of
    # the sample has every case the allocation meets: a credit left, several open contracts
    # partly paid by receipts booked to none, contracts in the recycle bin left out
    found = _reference(sampled, DAYS[0])
    assert any(r[5] > 0 for r in found) and any(len(r[6]) > 1 for r in found)
    assert len({b for r in found for (*_i, b) in r[6]}) == len(AgeBucket)


def test_one_clients_receivable_is_its_row_of_the_whole_list(sampled):
    every = receivables.receivables(sampled, DAYS[0])
    owing = [r for r in every if r.items][:3] + [r for r in every if r.credit][:2]
    for row in owing:
        assert receivables.client_receivable(sampled, row.client_id, DAYS[0]) == row
    nobody = receivables.client_receivable(sampled, 10**6, DAYS[0])
    assert nobody.outstanding == 0 and nobody.items == ()


def test_open_receivables_are_the_ageing_items(sampled):
    """The sales forecast's input reads the same open items (due by a day when given)."""
    every = receivables.receivables(sampled, DAYS[0])
    items = {(i.contract_id, i.number, r.client_name, r.owner, i.due_on, i.outstanding) for r in every for i in r.items}  # fmt: skip
    found = contracts.open_receivables(sampled, DAYS[0])
    assert {(o.contract_id, o.number, o.client_name, o.owner, o.due_on, fen_to_yuan(o.outstanding_fen)) for o in found} == items  # fmt: skip
    due_by = date(2026, 9, 30)
    early = contracts.open_receivables(sampled, DAYS[0], due_by=due_by)
    assert 0 < len(early) < len(found) and all(o.due_on <= due_by for o in early)


@pytest.mark.file_only
def test_a_read_only_archive_file_is_read_without_sqlalchemy_to_the_same_figures(archive):
    """What the `receivables` command opens: the file read-only, on plain sqlite3."""
    monthly_samples.bin_some(archive, monthly_samples.build(archive))
    expected = [_values(receivables.receivables(archive, day)) for day in DAYS]
    path = archive.path
    archive.close()
    reader = open_archive(path, clock=lambda: monthly_samples.NOW, read_only=True, create=False)
    try:
        assert [_values(receivables.receivables(reader, day)) for day in DAYS] == expected
        assert reader.plain() is not None  # still no SQLAlchemy engine: read plain
    finally:
        reader.close()

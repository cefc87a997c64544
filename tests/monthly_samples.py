"""A generated archive for the 大客户月报's figures to the fen (issue 11): every edge the report's
queries must get right, seeded so that it is the same archive on every run.

- four account managers and clients with none; clients of every status, some created on a
  month's first or last day or after the cut-off;
- activities of every kind started on the month's first second, its last second and the next
  month's first, complaints closed before, on and after the cut-off or never, with expenses;
  visits dated after the cut-off (the clients' last visit then is looked up in the activities);
- contracts signed on month boundaries with 0 to 90 payment days, paid in full, in part, over
  (a credit), not at all, by receipts booked to them, by receipts booked to none, and after the
  cut-off;
- tier changes before and after the cut-off, rebates ending in and around the month, with
  approval steps before and after it, monthly targets (the team's own row for the next month);
- records moved to the recycle bin (an activity, a contract, a receipt, a whole client with its
  records), one of them restored.

`report_values` turns a MonthlyReport into plain text values (money as fen strings), for a
comparison with tests/data/monthly_report_golden.json: the figures the report printed before
the queries were made faster (revision 0031's code)."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from app.db.models import (
    Activity,
    Client,
    ClientTierChange,
    Contract,
    MonthlyTarget,
    Rebate,
    RebateStep,
    Receipt,
)

NOW = datetime(2026, 11, 26, 10, 30)
OWNERS = ("张三", "李四", "王五", "赵六", "")
STATUSES = ("合作中", "合作中", "合作中", "暂停", "流失", "潜在")
KINDS = ("visit", "visit", "call", "complaint", "meeting", "maintenance", "other")
# the edges: a month's first second and last second, the cut-off's day and the day after
EDGE_TIMES = (
    datetime(2026, 11, 1, 0, 0, 0),
    datetime(2026, 10, 31, 23, 59, 59),
    datetime(2026, 11, 30, 23, 59, 59),
    datetime(2026, 12, 1, 0, 0, 0),
    datetime(2026, 11, 26, 23, 59, 59),
    datetime(2026, 11, 27, 0, 0, 0),
    datetime(2026, 10, 1, 0, 0, 0),
    datetime(2026, 9, 30, 23, 59, 59),
)
EDGE_DAYS = (
    date(2026, 11, 1),
    date(2026, 11, 30),
    date(2026, 10, 31),
    date(2026, 10, 1),
    date(2026, 11, 26),
    date(2026, 11, 27),
    date(2026, 12, 1),
    date(2026, 8, 1),
    date(2026, 7, 31),
    date(2026, 8, 28),
    date(2026, 8, 29),
)
FIRST_DAY = date(2025, 5, 1)
LAST_DAY = date(2026, 12, 10)


def _day(rng: random.Random) -> date:
    if rng.random() < 0.25:
        return rng.choice(EDGE_DAYS)
    return FIRST_DAY + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))


def _moment(rng: random.Random) -> datetime:
    if rng.random() < 0.2:
        return rng.choice(EDGE_TIMES)
    return datetime.combine(_day(rng), time(rng.randint(0, 23), rng.choice((0, 15, 30, 59))))


def build(archive, seed: int = 11, clients: int = 150) -> dict[str, list[int]]:
    """Writes the records (then bins some, see bin_some); returns the ids by kind."""
    rng = random.Random(seed)
    ids: dict[str, list[int]] = {"client": [], "contract": [], "receipt": [], "activity": []}
    with archive.db.session() as session:
        for n in range(clients):
            _client(session, rng, n, ids)
        for client_id in ids["client"]:
            _sales(session, rng, client_id, ids)
            _activities(session, rng, client_id, ids)
        _falling_and_closed(session, ids)
        _visit_dates(session, rng)
        _tiers_targets_rebates(session, rng, ids["client"])
    return ids


def _falling_and_closed(session, ids) -> None:
    """Sales falling three months running up to November (and up to October), one month with
    equal sales (not falling), and complaints closed within the month, on the cut-off and
    after it."""
    plans = (
        (ids["client"][1], ((8, 4_000_000), (9, 3_000_000), (10, 2_000_000), (11, 1_000_000))),
        (ids["client"][2], ((7, 900_000), (8, 800_000), (9, 700_000), (10, 600_000))),
        (ids["client"][3], ((8, 500_000), (9, 500_000), (10, 400_000), (11, 300_000))),
        (ids["client"][4], ((8, 300_000), (9, 200_000), (10, 100_000))),
    )
    for client_id, months in plans:
        owner = session.get(Client, client_id).owner
        for month, fen in months:
            day = date(2026, month, 1) if month % 2 else date(2026, month, 28)
            session.add(
                Contract(
                    number=f"HT-F{client_id:03d}-{month:02d}",
                    client_id=client_id,
                    signed_on=day,
                    amount_fen=fen,
                    payment_days=30,
                    owner=owner,
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
    for n, (started, closed) in enumerate(
        (
            (datetime(2026, 11, 2, 9), date(2026, 11, 2)),
            (datetime(2026, 11, 3, 9), date(2026, 11, 26)),
            (datetime(2026, 11, 20, 9), date(2026, 11, 27)),
            (datetime(2026, 10, 30, 9), date(2026, 11, 4)),
            (datetime(2026, 10, 2, 9), date(2026, 10, 31)),
        )
    ):
        session.add(
            Activity(
                client_id=ids["client"][10 + n],
                kind="complaint",
                started_at=started,
                subject="投诉",
                closed_on=closed,
                created_at=NOW,
                updated_at=NOW,
            )
        )


def _client(session, rng: random.Random, n: int, ids) -> None:
    name = f"样本{n:03d}号客户有限公司"
    created = _day(rng) if rng.random() < 0.9 else date(2026, 12, 2)
    client = Client(
        name=name,
        name_key=name,
        sort_key=f"yb{(n * 37) % 101:03d}",  # not the id order: the ties break by it
        tier=rng.choice("ABCD"),
        owner=OWNERS[n % len(OWNERS)] if rng.random() < 0.9 else "",
        status=rng.choice(STATUSES),
        created_on=created,
        is_key_account=rng.random() < 0.4,
        created_at=NOW,
        updated_at=NOW,
    )
    session.add(client)
    session.flush()
    ids["client"].append(client.id)


def _sales(session, rng: random.Random, client_id: int, ids) -> None:
    owner = session.get(Client, client_id).owner
    for _ in range(rng.choice((0, 1, 2, 3, 4, 6))):
        amount = rng.choice((10_000, 99_999, 1_000_000, 25_000_050, 300_000_001))
        signed = _day(rng)
        contract = Contract(
            number=f"HT-{client_id:03d}-{len(ids['contract']):04d}",
            client_id=client_id,
            signed_on=signed,
            amount_fen=amount,
            payment_days=rng.choice((0, 30, 60, 90)),
            owner=owner if rng.random() < 0.8 else rng.choice(OWNERS),
            created_at=NOW,
            updated_at=NOW,
        )
        session.add(contract)
        session.flush()
        ids["contract"].append(contract.id)
        share = rng.choice((0, 0, 1, 1, 0.5, 0.333, 1.2))  # none, all, part, over
        paid = int(amount * share)
        for part in (paid // 2, paid - paid // 2) if rng.random() < 0.5 else (paid,):
            if part:
                _receipt(session, rng, client_id, contract.id, signed, part, ids)
    if rng.random() < 0.3:  # a receipt booked to no contract
        _receipt(session, rng, client_id, None, _day(rng), rng.choice((5_000, 777_777)), ids)


def _receipt(session, rng, client_id, contract_id, after: date, fen: int, ids) -> None:
    received = after + timedelta(days=rng.randint(0, 150))
    if rng.random() < 0.2:
        received = rng.choice(EDGE_DAYS)
    receipt = Receipt(
        client_id=client_id,
        contract_id=contract_id,
        received_on=received,
        amount_fen=fen,
        created_at=NOW,
    )
    session.add(receipt)
    session.flush()
    ids["receipt"].append(receipt.id)


def _activities(session, rng: random.Random, client_id: int, ids) -> None:
    for _ in range(rng.choice((0, 1, 3, 6, 10))):
        kind = rng.choice(KINDS)
        started = _moment(rng)
        closed = None
        if kind == "complaint" and rng.random() < 0.7:
            closed = started.date() + timedelta(days=rng.choice((0, 1, 5, 20, 40)))
        activity = Activity(
            client_id=client_id,
            kind=kind,
            started_at=started,
            subject=f"{kind} {started:%Y-%m-%d}",
            closed_on=closed,
            expense_fen=rng.choice((0, 0, 1, 12_345, 99_900)),
            created_at=NOW,
            updated_at=NOW,
        )
        session.add(activity)
        session.flush()
        ids["activity"].append(activity.id)


def _visit_dates(session, rng: random.Random) -> None:
    """clients.last_visit_on as the app keeps it: the day of the latest visit (some left as
    they were, as an import leaves them)."""
    latest: dict[int, date] = {}
    for client_id, started in session.query(Activity.client_id, Activity.started_at).filter(
        Activity.kind == "visit"
    ):
        latest[client_id] = max(latest.get(client_id, date.min), started.date())
    for client in session.query(Client):
        if client.id in latest:
            client.last_visit_on = latest[client.id]
        elif rng.random() < 0.2:
            client.last_visit_on = date(2026, 7, 31)


def _tiers_targets_rebates(session, rng: random.Random, clients: list[int]) -> None:
    for client_id in rng.sample(clients, 20):
        old, new = rng.sample("ABCD", 2)
        session.add(
            ClientTierChange(client_id=client_id, old_tier=old, new_tier=new, changed_on=_day(rng))
        )
    for year, month in ((2026, 10), (2026, 11), (2026, 12)):
        for owner in OWNERS[:3]:
            session.add(
                MonthlyTarget(
                    year=year,
                    month=month,
                    owner=owner,
                    visits=rng.randint(5, 30),
                    signed_amount_fen=rng.randint(1, 9) * 10_000_000,
                    receipts_fen=rng.randint(1, 9) * 5_000_000,
                )
            )
    for client_id in rng.sample(clients, 25):
        _rebate(session, rng, client_id)


def _rebate(session, rng: random.Random, client_id: int) -> None:
    end = rng.choice(
        (date(2026, 10, 31), date(2026, 11, 30), date(2026, 11, 1), date(2026, 12, 31))
    )
    applied = datetime.combine(rng.choice(EDGE_DAYS), time(9))
    rebate = Rebate(
        client_id=client_id,
        period_start=date(end.year, end.month, 1),
        period_end=end,
        sales_fen=1_000_000,
        receipts_fen=500_000,
        rate="0.05",
        amount_fen=rng.choice((50_000, 123_456)),
        status=rng.choice(("applied", "manager", "marketing", "approved", "rejected")),
        applicant="王秘书",
        created_at=applied,
        updated_at=applied,
    )
    session.add(rebate)
    session.flush()
    at = applied
    for step, decision in (("apply", "apply"), ("manager", rng.choice(("approve", "reject")))):
        at = at + timedelta(days=rng.choice((0, 3, 20)))
        session.add(
            RebateStep(rebate_id=rebate.id, step=step, decision=decision, actor="李经理", at=at)
        )


def bin_some(archive, ids: dict[str, list[int]]) -> None:
    """Moves records to the recycle bin through the services, and restores one of them."""
    from app.services import activities, clients, contracts, recycle_bin

    activities.delete_activity(archive, ids["activity"][3])
    activities.delete_activity(archive, ids["activity"][10])
    contracts.delete_receipt(archive, ids["receipt"][2])
    unpaid = [c for c in ids["contract"] if not _has_receipts(archive, c)]
    contracts.delete_contract(archive, unpaid[0])
    clients.delete_client(archive, _client_without_sales(archive))
    recycle_bin.restore(archive, "activity", ids["activity"][10])


def _has_receipts(archive, contract_id: int) -> bool:
    with archive.db.read() as session:
        return session.query(Receipt).filter(Receipt.contract_id == contract_id).count() > 0


def _client_without_sales(archive) -> int:
    """An active client with visits and no contract, receipt or rebate (one that may be binned)."""
    with archive.db.read() as session:
        busy = {c for (c,) in session.query(Contract.client_id)}
        busy |= {c for (c,) in session.query(Receipt.client_id)}
        busy |= {c for (c,) in session.query(Rebate.client_id)}
        visited = {c for (c,) in session.query(Activity.client_id).filter(Activity.kind == "visit")}
        active = {c for (c,) in session.query(Client.id).filter(Client.status == "合作中")}
    return min((visited & active) - busy)


def report_values(report) -> object:
    """The report as plain values: dates ISO, money as fen strings ('12345.67' -> '1234567')."""
    return _plain(dataclasses.asdict(report))


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


CASES = {  # the golden file's keys: (year, month, churn days)
    "2026-11": (2026, 11, 90),  # the month still running on the clock's day (2026-11-26)
    "2026-10 churn 30": (2026, 10, 30),
    "2026-08": (2026, 8, 90),
}


def golden_figures(archive) -> dict:
    """The report's values for each case, as the golden file holds them."""
    from app.services import analysis

    return {
        key: report_values(analysis.monthly_report(archive, year, month, churn_days=days))
        for key, (year, month, days) in CASES.items()
    }


if __name__ == "__main__":
    # Writes the golden file anew with the code checked out (only when a figure is meant to
    # change): (cd tests && python -m monthly_samples data/monthly_report_golden.json)
    import json
    import sys
    import tempfile
    from pathlib import Path

    from app.services.archive import open_archive

    with tempfile.TemporaryDirectory() as folder:
        made = open_archive(Path(folder) / "a.sqlite3", clock=lambda: NOW)
        bin_some(made, build(made))
        values = golden_figures(made)
        made.close()
    text = json.dumps(values, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    Path(sys.argv[1]).write_text(text, encoding="utf-8")

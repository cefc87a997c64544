"""Monthly report and analysis benchmarks (issue 5, section 6): prints milliseconds.

    .venv/bin/python bench/bench_report.py ARCHIVE [--month 2026-11] [--runs 3]

- the 大客户月报 PDF for the month (target <= 2 s)
- each of the six analysis views (target <= 300 ms each)

ARCHIVE is a 100,000-client / 1,000,000-activity demo archive (`sales-compass demo --clients
100000 --activities 1000000 --db PATH`); work on a copy, the script writes to it. When the archive
has no contracts yet (a demo built before the sales data existed), 18 months of contracts,
receipts, monthly targets, tier changes and rebates are added first: the demo's own
(app.demo.sales) or, without it, a plain sqlite3 generator (seed_sales).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from app.services import analysis
from app.services.archive import open_archive

STATUSES = ("applied", "manager", "marketing", "approved", "rejected")


def _months(last: date, count: int) -> list[date]:
    out = []
    for k in range(count - 1, -1, -1):
        index = last.year * 12 + last.month - 1 - k
        out.append(date(index // 12, index % 12 + 1, 1))
    return out


def seed_sales(path: Path, today: date, seed: int = 5) -> int:
    """Contracts, receipts, targets, tier changes and rebates for an archive that has none."""
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    if con.execute("SELECT count(*) FROM contracts").fetchone()[0]:
        con.close()
        return 0
    clients = con.execute(
        "SELECT id, owner, created_on FROM clients WHERE status IN ('合作中', '暂停', '流失')"
    ).fetchall()
    owners = sorted({o for _, o, _ in clients if o})
    months = _months(today, 18)
    now = datetime(today.year, today.month, today.day, 9).isoformat(sep=" ")
    contracts, lines, receipts = [], [], []
    cid = rid = lid = 0
    for client, owner, created in clients:
        if rng.random() > 0.55:
            continue
        base = rng.choice((20_000, 80_000, 300_000, 1_500_000)) * 100
        for month in months:
            if rng.random() > 0.12 or month.isoformat() < created[:10][:8] + "01":
                continue
            day = month.replace(day=rng.randint(1, 28))
            if day > today:
                continue
            cid += 1
            amount = int(base * rng.uniform(0.3, 1.6))
            days = rng.choice((30, 60, 90))
            contracts.append(
                (
                    cid,
                    f"HT{day:%Y%m}-{cid:06d}",
                    client,
                    day.isoformat(),
                    amount,
                    f"{days}天",
                    days,
                    owner,
                    "",
                    now,
                    now,
                )
            )
            lid += 1
            lines.append((lid, cid, 1, "设备与服务", "1", "套", amount, amount))
            paid = day + timedelta(days=rng.randint(10, 120))
            if paid <= today and rng.random() < 0.8:
                rid += 1
                share = amount if rng.random() < 0.7 else amount // 2
                receipts.append(
                    (
                        rid,
                        client,
                        cid if rng.random() < 0.9 else None,
                        paid.isoformat(),
                        share,
                        "银行转账",
                        "",
                        now,
                    )
                )
    con.executemany("INSERT INTO contracts VALUES (?,?,?,?,?,?,?,?,?,?,?)", contracts)
    con.executemany("INSERT INTO contract_lines VALUES (?,?,?,?,?,?,?,?)", lines)
    con.executemany("INSERT INTO receipts VALUES (?,?,?,?,?,?,?,?)", receipts)
    targets = []
    for month in [
        *months,
        _months(date(today.year + (today.month == 12), today.month % 12 + 1, 1), 1)[0],
    ]:
        for owner in owners:
            targets.append(
                (
                    month.year,
                    month.month,
                    owner,
                    350,
                    9_000,
                    600,
                    600,
                    270_000_000_00,
                    170_000_000_00,
                )
            )
    con.executemany(
        "INSERT INTO monthly_targets (year, month, owner, clients, visits, signings,"
        " signed_products, signed_amount_fen, receipts_fen) VALUES (?,?,?,?,?,?,?,?,?)",
        targets,
    )
    ids = [c for c, _, _ in clients]
    changes = []
    for _ in range(3000):
        day = today - timedelta(days=rng.randint(0, 540))
        old, new = rng.sample("ABCD", 2)
        changes.append((rng.choice(ids), old, new, day.isoformat()))
    con.executemany(
        "INSERT INTO client_tier_changes (client_id, old_tier, new_tier, changed_on)"
        " VALUES (?,?,?,?)",
        changes,
    )
    rebates = []
    picked = rng.sample(ids, 2000)
    for k in range(2000):
        month = months[k % 18]
        end = _months(month, 1)[0]
        end = date(end.year + (end.month == 12), end.month % 12 + 1, 1) - timedelta(days=1)
        sales = rng.randint(50_000, 2_000_000) * 100
        rebates.append(
            (
                picked[k],
                month.isoformat(),
                end.isoformat(),
                sales,
                sales // 2,
                "0.08",
                sales // 2 * 8 // 100,
                rng.choice(STATUSES),
                "张秘书",
                now,
                now,
            )
        )
    con.executemany(
        "INSERT INTO rebates (client_id, period_start, period_end, sales_fen, receipts_fen, rate,"
        " amount_fen, status, applicant, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        rebates,
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()
    return len(contracts)


def add_sales(archive, path: Path, today: date) -> None:
    """The demo's own sales data (app.demo.sales) when the archive has none; the plain
    sqlite3 generator above for a checkout without it."""
    with sqlite3.connect(path) as con:
        if con.execute("SELECT count(*) FROM contracts").fetchone()[0]:
            return
    start = time.perf_counter()
    try:
        from app.demo.sales import add_demo_sales
    except ImportError:
        made = seed_sales(path, today)
        print(
            f"generated {made} contracts (bench generator) in {time.perf_counter() - start:.1f} s"
        )
        return
    summary = add_demo_sales(archive)
    print(f"demo sales added in {time.perf_counter() - start:.1f} s: {summary}")


def timed(fn, runs: int) -> tuple[float, object, float]:
    """(median ms, last result, first run ms)."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result, times[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--month", default="2026-11")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    year, month = analysis.parse_month(args.month)
    today = date(2026, 11, 26)
    archive = open_archive(args.archive, clock=lambda: datetime(2026, 11, 26, 10, 30))
    add_sales(archive, args.archive, today)
    with sqlite3.connect(args.archive) as con:
        counts = [
            con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("clients", "activities", "contracts", "receipts")
        ]
    print("clients {:,}  activities {:,}  contracts {:,}  receipts {:,}".format(*counts))
    first, last = analysis.month_bounds(year, month)
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.pdf"
        ms, pages, first_ms = timed(
            lambda: analysis.write_monthly_report(archive, year, month, out), args.runs
        )
        ok &= ms <= 2000
        print(
            f"monthly report PDF {args.month}: {ms:7.0f} ms  ({pages} pages)   target <= 2000 ms"
            f"   (first run, font loaded: {first_ms:.0f} ms)"
        )
        ms, _, _ = timed(lambda: analysis.monthly_report(archive, year, month), args.runs)
        print(f"  of which the figures:   {ms:7.0f} ms")
    for view in analysis.VIEWS:
        ms, table, first_ms = timed(
            lambda v=view: analysis.analysis_view(archive, v, first, last), args.runs
        )
        ok &= ms <= 300
        print(
            f"view {view:12s} {ms:7.0f} ms  ({len(table.rows)} of {table.total_rows} rows)"
            f"   target <= 300 ms   (first run: {first_ms:.0f} ms)"
        )
    archive.close()
    print("all within target" if ok else "SOME ABOVE TARGET")


if __name__ == "__main__":
    main()

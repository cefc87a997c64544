"""Benchmark of contracts, receipts, plan and rebates on a large archive.

    .venv/bin/python bench/bench_sales.py [ARCHIVE] [--clients N]

ARCHIVE defaults to $TMPDIR/sales-compass-bench/sales.sqlite3; when it does not exist the demo
archive (N clients, 10 activities each) is built there first, with its sales data. Prints the
time of the first (cold) run and the median of the next three for each measurement."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.demo import generate_demo  # noqa: E402
from app.demo.sales import add_demo_sales  # noqa: E402
from app.services import contracts, plans, rebates  # noqa: E402
from app.services.archive import open_archive  # noqa: E402


def timed(label: str, fn: Callable[[], object], runs: int = 3) -> None:
    start = time.perf_counter()
    fn()
    cold = time.perf_counter() - start
    warm = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        warm.append(time.perf_counter() - start)
    print(
        f"{label:<42} cold {cold * 1000:8.1f} ms   median {statistics.median(warm) * 1000:8.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    default = Path(tempfile.gettempdir()) / "sales-compass-bench" / "sales.sqlite3"
    parser.add_argument("archive", nargs="?", type=Path, default=default)
    parser.add_argument("--clients", type=int, default=100_000)
    args = parser.parse_args()
    fresh = not args.archive.exists()
    args.archive.parent.mkdir(parents=True, exist_ok=True)
    archive = open_archive(args.archive)
    if fresh:
        start = time.perf_counter()
        generate_demo(archive, clients=args.clients)
        if not contracts.counts(archive)[0]:
            built = time.perf_counter()
            summary = add_demo_sales(archive)
            print(f"add_demo_sales: {time.perf_counter() - built:.1f} s  {summary}")
        print(f"demo archive built in {time.perf_counter() - start:.1f} s")
    n_contracts, n_receipts = contracts.counts(archive)
    print(f"{args.archive}: {n_contracts} contracts, {n_receipts} receipts")
    today = archive.today()
    some_client = contracts.list_contracts(archive, limit=1)[0].client_id
    timed(
        "contracts page lists (newest 2,000)", lambda: contracts.list_contracts(archive, limit=2000)
    )
    timed("receipts list (newest 2,000)", lambda: contracts.list_receipts(archive, limit=2000))
    timed("receivables with ageing, every client", lambda: contracts.receivables(archive))
    timed("one client's receivable", lambda: contracts.client_receivable(archive, some_client))
    timed("plan vs actual for the month", lambda: plans.progress(archive, today.year, today.month))
    timed("month split (targets by 旬/week/day)", lambda: plans.get_plan(archive, 2026, 10))
    timed("rebate list", lambda: rebates.list_rebates(archive))
    first = today.replace(month=1, day=1)
    timed(
        "rebate computed for a client and year",
        lambda: rebates.compute(archive, some_client, first, today),
    )
    archive.close()


if __name__ == "__main__":
    main()

"""Benchmark of the archive at scale: 100,000 clients and 1,000,000 activities.

    .venv/bin/python bench/bench_archive.py [ARCHIVE] [--clients N] [--activities M]

ARCHIVE defaults to $TMPDIR/sales-compass-bench/archive.sqlite3. If it exists it is reused (the build
takes a couple of minutes), otherwise the demo archive is built there first. Prints each
measurement with its target from the issue (section 8); times are the first (cold) run and the
median of the following runs."""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.db.repositories import clients as client_repo  # noqa: E402
from app.demo import generate_demo  # noqa: E402
from app.domain.enums import Tier  # noqa: E402
from app.domain.queries import ClientQuery  # noqa: E402
from app.services import clients, planning, search, settings, timeline  # noqa: E402
from app.services.archive import Archive, open_archive  # noqa: E402

# Outside the checkout, so 1.2 GB of archive is never committed by accident.
DEFAULT_PATH = Path(tempfile.gettempdir()) / "sales-compass-bench" / "archive.sqlite3"
FIRST_SCREEN = 100
REPEATS = 5

SEARCH_QUERIES = (
    # one character
    "华",
    "深",
    "鑫",
    "王",
    "投",
    # two characters
    "深圳",
    "华信",
    "恒达",
    "科技",
    "拜访",
    "回款",
    "张伟",
    "医药",
    # longer Chinese
    "北京华信科技",
    "股份有限公司",
    "年度框架协议谈判",
    "产品质量投诉",
    "设备定期保养",
    "上海浦东新区",
    # pinyin initials
    "bjhx",
    "szhd",
    "hzhy",
    "gzjc",
    "shkj",
    # digits
    "138",
    "1381",
    "9144",
    "2026-11",
    "0755",
    # latin
    "163.com",
)
TEXT_FILTERS = ("华信", "深圳", "恒达科技", "bj", "王", "9111")


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def cold_and_median(fn: Callable[[], object], repeats: int = REPEATS) -> tuple[float, float]:
    cold = timed(fn)
    warm = [timed(fn) for _ in range(repeats)]
    return cold, statistics.median(warm)


def report(label: str, cold: float, median: float, target: float | None) -> None:
    verdict = ""
    if target is not None:
        verdict = f"  target <= {target:.0f} ms  {'ok' if median <= target else 'MISSED'}"
    print(f"{label:<44} cold {cold:8.1f} ms   median {median:8.1f} ms{verdict}", flush=True)


def build_or_reuse(path: Path, clients_n: int, activities_n: int) -> Archive:
    if path.exists():
        archive = open_archive(path)
        print(f"reusing {path} ({clients.client_count(archive)} clients)")
        return archive
    path.parent.mkdir(parents=True, exist_ok=True)
    archive = open_archive(path)
    start = time.perf_counter()
    summary = generate_demo(archive, clients_n, activities_n)
    seconds = time.perf_counter() - start
    print(
        f"demo build: {summary.clients} clients, {summary.contacts} contacts, "
        f"{summary.activities} activities, {summary.search_documents} search documents "
        f"in {seconds:.1f} s"
    )
    return archive


def first_screen(archive: Archive, query: ClientQuery) -> Callable[[], object]:
    def run() -> object:
        ids = clients.list_client_ids(archive, query)
        return clients.client_rows(archive, ids[:FIRST_SCREEN])

    return run


def bench_client_list(archive: Archive) -> None:
    sorts = (
        ("name (default)", ClientQuery()),
        ("last visit, newest first", ClientQuery(sort="last_visit_on", descending=True)),
        ("owner", ClientQuery(sort="owner")),
    )
    for label, query in sorts:
        cold, median = cold_and_median(first_screen(archive, query))
        report(f"client list first screen: {label}", cold, median, 150)
    medians = []
    colds = []
    for text in TEXT_FILTERS:
        cold, median = cold_and_median(first_screen(archive, ClientQuery(text=text)))
        colds.append(cold)
        medians.append(median)
    report("client list text filter (median of 6)", max(colds), statistics.median(medians), 100)


def bench_search(archive: Archive) -> None:
    results = []
    for query in SEARCH_QUERIES:
        cold, median = cold_and_median(lambda q=query: search.search(archive, q), repeats=3)
        results.append((median, cold, query))
    median = statistics.median(r[0] for r in results)
    report(f"global search ({len(SEARCH_QUERIES)} queries)", max(r[1] for r in results), median, 50)
    slowest = sorted(results, reverse=True)[:5]
    print("  slowest: " + ", ".join(f"{q!r} {m:.1f} ms" for m, _, q in slowest))


def bench_timeline(archive: Archive) -> None:
    busiest = clients.list_client_ids(archive, ClientQuery(tiers=("A",)))[0]
    # the client page's timeline: activities, meetings and tenders merged, newest first
    cold, median = cold_and_median(lambda: timeline.client_timeline(archive, busiest))
    report(f"one client's timeline (#{busiest})", cold, median, 30)


def bench_overdue(archive: Archive) -> None:
    rows: list = []

    def run() -> None:
        rows[:] = planning.overdue_visits(archive)

    cold, median = cold_and_median(run, repeats=3)
    report(f"overdue-visit list ({len(rows)} clients)", cold, median, 200)


def bench_overdue_first_page(archive: Archive) -> None:
    """The same list paged in SQL (clients repository overdue_page + overdue_count): what the
    home page and the visit-plan view need for their first screen."""
    today = archive.today()
    intervals = settings.visit_intervals(archive)
    due = {t.value: today - timedelta(days=intervals.for_tier(t)) for t in Tier}

    def run() -> None:
        with archive.db.read() as session:
            client_repo.overdue_page(session, due, False, limit=FIRST_SCREEN)
            client_repo.overdue_count(session, due, False)

    cold, median = cold_and_median(run, repeats=3)
    report("overdue-visit first 100 + count (SQL paging)", cold, median, 200)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--activities", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    archive = build_or_reuse(args.archive, args.clients, args.activities)
    try:
        bench_client_list(archive)
        bench_search(archive)
        bench_timeline(archive)
        bench_overdue(archive)
        bench_overdue_first_page(archive)
    finally:
        archive.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak_mb:.0f} MB (target <= 400 MB while browsing)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

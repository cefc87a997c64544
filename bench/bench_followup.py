"""Benchmark of the follow-up view (督促落实) over 50,000 action items.

    .venv/bin/python bench/bench_followup.py [--actions N] [--runs R]

Builds a fresh archive in a temporary folder: 5,000 meetings (10 action items each by default),
linked to 500 clients, about 60% of the items open and a third of those overdue. Prints the
median time of the follow-up queries through the services (first page of 200, overdue first;
filtered by owner, by client, overdue only; the home-page counts; what the 督促落实 page asks
for: every open id in list order, then the rows of a batch of 200 ids as it scrolls, and the
owners for its filter). Target: <= 100 ms."""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from app.db.models import ActionItem, Client, Meeting, MeetingClient  # noqa: E402
from app.services import minutes  # noqa: E402
from app.services.archive import Archive, open_archive  # noqa: E402

TODAY = datetime(2026, 11, 26, 10, 30)
OWNERS = ("王芳", "李强", "张伟", "刘洋", "陈晨", "赵敏", "孙丽", "周杰", "吴静", "郑浩")
STATUSES = ("未开始", "进行中", "已完成", "已取消")
TARGET_MS = 100


def build(archive: Archive, actions: int, per_meeting: int = 10) -> None:
    rng = random.Random(7)
    meetings = max(1, actions // per_meeting)
    with archive.db.session() as session:
        session.execute(
            insert(Client),
            [
                {
                    "name": f"客户{i:04d}",
                    "name_key": f"客户{i:04d}",
                    "sort_key": f"kehu{i:04d}",
                    "tier": "B",
                    "status": "合作中",
                    "created_on": date(2024, 1, 1),
                    "created_at": TODAY,
                    "updated_at": TODAY,
                }
                for i in range(1, 501)
            ],
        )
        session.execute(
            insert(Meeting),
            [
                {
                    "id": m,
                    "title": f"项目推进会 {m}",
                    "held_at": TODAY - timedelta(days=rng.randint(0, 365)),
                    "created_at": TODAY,
                    "updated_at": TODAY,
                }
                for m in range(1, meetings + 1)
            ],
        )
        session.execute(
            insert(MeetingClient),
            [{"meeting_id": m, "client_id": rng.randint(1, 500)} for m in range(1, meetings + 1)],
        )
        session.execute(insert(ActionItem), [_item(rng, n, per_meeting) for n in range(actions)])


def _item(rng: random.Random, n: int, per_meeting: int) -> dict:
    status = rng.choices(STATUSES, weights=(35, 25, 35, 5))[0]
    return {
        "meeting_id": n // per_meeting + 1,
        "position": n % per_meeting + 1,
        "task": f"落实事项 {n}:提交报价并跟进客户反馈",
        "owner": rng.choice(OWNERS),
        "due_on": TODAY.date() + timedelta(days=rng.randint(-60, 120)),
        "status": status,
        "result": "已落实" if status in ("已完成", "已取消") else "",
    }


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    first = _timed(fn)
    times = [_timed(fn) for _ in range(runs)]
    return first, statistics.median(times)


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        archive = open_archive(Path(folder) / "bench.sqlite3", clock=lambda: TODAY)
        start = time.perf_counter()
        build(archive, args.actions)
        print(f"built {args.actions:,} action items in {time.perf_counter() - start:.1f} s")
        page = minutes.open_actions(archive)
        print(f"open items: {page.total:,}; first page: {len(page.rows)} rows,", end=" ")
        print(f"first due {page.rows[0].due_on}, {page.rows[0].days_overdue} days overdue")
        ids = minutes.open_action_ids(archive)
        cases = {
            "first page, overdue first": lambda: minutes.open_actions(archive),
            "page 10 (offset 1800)": lambda: minutes.open_actions(archive, offset=1800),
            "owner 王芳": lambda: minutes.open_actions(archive, owner="王芳"),
            "client 42": lambda: minutes.open_actions(archive, client_id=42),
            "overdue only": lambda: minutes.open_actions(archive, overdue_only=True),
            "home counts": lambda: minutes.action_counts(archive),
            "home due/overdue list": lambda: minutes.due_actions(archive),
            "page: all open ids": lambda: minutes.open_action_ids(archive),
            "page: ids of owner 王芳": lambda: minutes.open_action_ids(archive, owner="王芳"),
            "page: rows of batch 10": lambda: minutes.action_rows(archive, ids[1800:2000]),
            "page: owners": lambda: minutes.action_owners(archive),
        }
        worst = 0.0
        for label, fn in cases.items():
            first, median = median_ms(fn, args.runs)
            worst = max(worst, median)
            print(f"{label:28s} first {first:7.1f} ms   median {median:7.1f} ms")
        verdict = "OK" if worst <= TARGET_MS else "OVER"
        print(f"worst median {worst:.1f} ms (target <= {TARGET_MS} ms): {verdict}")
        archive.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

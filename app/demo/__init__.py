"""The demo (示例数据): a realistic archive of Chinese clients, contacts, 18 months of activities,
contracts, receipts, plans, rebates, documents, letters, tenders and minutes, deterministic per
seed and relative to the archive's today.

A layer of its own between the front ends and the services: it drives the use cases (and bulk
inserts for speed) to fill an archive, and no use case depends on it. build puts it together;
clients, sales, documents, tenders and minutes each add their part."""

from __future__ import annotations

from app.demo.build import check_counts, create_demo_archive, generate_demo, needs_demo
from app.demo.clients import DemoSummary

__all__ = ["DemoSummary", "check_counts", "create_demo_archive", "generate_demo", "needs_demo"]

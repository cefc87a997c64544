"""search."""

from __future__ import annotations

import argparse

from app.cli import command, print_json
from app.services import search
from app.services.archive import Archive

KIND_ZH = {"client": "客户", "contact": "联系人", "activity": "活动"}
KIND_ZH |= {"contract": "合同", "receipt": "回款", "rebate": "返点"}


def register(subparsers) -> None:
    p = command(subparsers, "search", _search, "search clients, contacts and activities")
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=20, help="hits per kind (default 20)")
    p.add_argument("--json", action="store_true")


def _search(args: argparse.Namespace, archive: Archive) -> int:
    hits = search.search(archive, args.text, limit=max(1, args.limit))
    if args.json:
        print_json(hits)
        return 0
    for hit in hits:
        snippet = f"  {hit.snippet}" if hit.snippet else ""
        print(f"[{KIND_ZH.get(hit.kind, hit.kind)}] #{hit.id} {hit.title}{snippet}")
    return 0

"""search."""

from __future__ import annotations

import argparse
import sys

from app.cli import add_limit_argument, command, lang, print_json
from app.domain.messages import record_name
from app.services import search
from app.services.archive import Archive


def register(subparsers) -> None:
    p = command(
        subparsers,
        "search",
        _search,
        "search every record: clients, contacts, activities, tenders, qualifications, "
        "documents, letters, contracts, receipts, rebates, minutes and their action items, "
        "client news",
        writes=False,
    )
    p.add_argument("text")
    add_limit_argument(p, 20, "hits per kind", zero_means_all=False)
    p.add_argument("--json", action="store_true")


def _search(args: argparse.Namespace, archive: Archive) -> int:
    text, shortened = search.shorten_query(args.text)
    if shortened:  # on stderr: --json output stays JSON
        if lang() == "en":
            note = f"The search is too long: only its first {search.MAX_QUERY_CHARS} characters were searched: “{text}”"
        else:
            note = f"查找内容过长，只按前 {search.MAX_QUERY_CHARS} 个字查找：“{text}”"
        print(f"sales-compass: {note}", file=sys.stderr)
    hits = search.search(archive, text, limit=args.limit)
    if args.json:
        print_json(hits)
        return 0
    if not hits:
        print("No results" if lang() == "en" else "无结果")
    for hit in hits:
        snippet = f"  {hit.snippet}" if hit.snippet else ""
        print(f"[{record_name(hit.kind, lang())}] #{hit.id} {hit.title}{snippet}")
    return 0

"""demo: a realistic demo archive (by default the demo file, never the user's own archive)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from app.cli import add_db_option, archive_location, lang
from app.paths import demo_archive_path


def register(subparsers) -> None:
    help_text = "create a demo archive with Chinese clients, contacts and activities"
    parser = subparsers.add_parser("demo", help=help_text, description=help_text)
    add_db_option(parser)
    parser.add_argument(
        "archive_path",
        nargs="?",
        type=archive_location,
        metavar="PATH",
        help="the archive to create (the same as --db PATH; default: the demo file)",
    )
    # Counts are checked by the service, so a bad one exits 1 with the usual message.
    parser.add_argument("--clients", type=int, default=300, help="clients (default 300)")
    parser.add_argument(
        "--activities", type=int, default=None, help="activities (default clients x 10)"
    )
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    # The demo picks its own default file, so it gets the path rather than an opened archive.
    # A team archive (--db postgresql://...) comes opened, and is filled in place.
    parser.set_defaults(handler=_demo, opens_archive=False, team_archive_too=True)


def _demo(args: argparse.Namespace, db_path) -> int:
    from app.demo import check_counts, create_demo_archive  # its generators and scan maker

    started = time.perf_counter()
    if hasattr(db_path, "server"):  # a team archive, opened
        from app.demo.build import fill_team_archive

        summary = fill_team_archive(db_path, args.clients, args.activities, args.seed)
        path = db_path.label
    else:
        path = Path(args.db) if "db" in args else demo_archive_path()
        check_counts(args.clients, args.activities)  # before a file is created
        # Built aside and moved into place when complete: a kill leaves no half-built archive.
        summary = create_demo_archive(path, args.clients, args.activities, args.seed)
        path = path.expanduser().resolve()
    purchasers = summary.purchasers  # filed as clients by the demo tenders
    seconds = time.perf_counter() - started
    if lang() == "en":
        print(
            f"Demo archive {path}: {summary.clients} clients ({summary.key_accounts} key "
            f"accounts; {purchasers} more are tender purchasers), {summary.contacts} contacts, {summary.activities} activities, "
            f"{summary.owners} account managers; {seconds:.1f} s"
        )
    else:
        print(
            f"演示档案 {path}：客户 {summary.clients} 家（大客户 {summary.key_accounts} 家；"
            f"另有招标采购人 {purchasers} 家），"
            f"联系人 {summary.contacts} 位，活动 {summary.activities} 条，"
            f"客户经理 {summary.owners} 位；用时 {seconds:.1f} 秒"
        )
    return 0

"""company (our own company's details) and intervals (visit frequency per tier)."""

from __future__ import annotations

import argparse
from dataclasses import asdict, fields, replace

from app.cli import command, print_json
from app.domain.enums import Tier
from app.domain.errors import ValidationError
from app.services import settings
from app.services.archive import Archive


def register(subparsers) -> None:
    p = command(
        subparsers, "company", _company, "show or set our company's details (printed on documents)"
    )
    for f in fields(settings.CompanySettings):
        p.add_argument(f"--{f.name.replace('_', '-')}", dest=f.name)
    p.add_argument("--json", action="store_true")
    p = command(
        subparsers, "intervals", _intervals, "show or set the visit interval per tier (days)"
    )
    p.add_argument("--set", action="append", default=[], metavar="TIER=DAYS", help="e.g. A=7")
    p.add_argument("--json", action="store_true")


def _company(args: argparse.Namespace, archive: Archive) -> int:
    current = settings.company(archive)
    changes = {
        f.name: getattr(args, f.name) for f in fields(current) if getattr(args, f.name) is not None
    }
    if changes:
        current = settings.save_company(archive, replace(current, **changes))
    if args.json:
        print_json(current)
    else:
        for key, value in asdict(current).items():
            print(f"{key}: {value}")
    return 0


def _intervals(args: argparse.Namespace, archive: Archive) -> int:
    if args.set:
        days: dict[Tier, int] = {}
        for item in args.set:
            tier, _, value = item.partition("=")
            if tier.strip().upper() not in Tier.__members__ or not value.strip().isdigit():
                raise ValidationError("interval", "bad_interval", value=item)
            days[Tier(tier.strip().upper())] = int(value)
        settings.save_visit_intervals(archive, days)
    intervals = settings.visit_intervals(archive)
    if args.json:
        print_json({t.value: intervals.for_tier(t) for t in Tier})
    else:
        for tier in Tier:
            print(f"{tier.value}: {intervals.for_tier(tier)} 天")
    return 0

"""receivables: what each client still owes, by age, on the command line. A module of its own
so that the command reads an archive file without SQLAlchemy (app.services.receivables), as
the monthly report does (issue 11); the PDF and spreadsheet outputs load what they need."""

from __future__ import annotations

import argparse
from datetime import date

from app.cli import add_output_argument, command, lang, print_json, said
from app.domain.errors import ValidationError
from app.domain.money import format_yuan
from app.domain.parsing import parse_date
from app.services import receivables
from app.services.archive import Archive
from app.services.receivables import BUCKETS


def register(subparsers) -> None:
    p = command(
        subparsers, "receivables", _receivables, "receivables per client with ageing", writes=False
    )
    p.add_argument("--as-of", metavar="YYYY-MM-DD")
    add_output_argument(p, "pdf", "--pdf", metavar="OUT", help="the ageing table as a PDF")
    add_output_argument(p, "xlsx", "--xlsx", metavar="OUT", help="the ageing table as .xlsx")
    p.add_argument("--json", action="store_true")


def _as_of(text: str | None) -> date | None:
    if not text:
        return None
    value = parse_date(text, "as_of")
    if value is None:
        raise ValidationError("as_of", "required")
    return value


def _receivables(args: argparse.Namespace, archive: Archive) -> int:
    as_of = _as_of(args.as_of)
    rows = receivables.receivables(archive, as_of)
    if args.pdf is not None or args.xlsx is not None:
        _write_files(args, archive, as_of)
    if args.json:
        print_json(rows)
        return 0
    labels = [said(b) for b in BUCKETS]
    if lang() == "en":
        print("Client\tOpen in total\t" + "\t".join(labels) + "\tPaid ahead")
    else:
        print("客户\t未回款合计\t" + "\t".join(labels) + "\t预收（多付）")
    lines = []
    for r in rows:
        cells = "\t".join([f"{r.buckets[b]:,.2f}" for b in BUCKETS])  # format_yuan's spelling
        lines.append(f"{r.client_name}\t{r.outstanding:,.2f}\t{cells}\t{r.credit:,.2f}")
    if lines:
        print("\n".join(lines))
    totals = receivables.bucket_totals(rows)  # the rows printed above: read once
    print(
        ("Total\t" if lang() == "en" else "合计\t")
        + format_yuan(sum(totals.values()))
        + "\t"
        + "\t".join(format_yuan(totals[b]) for b in BUCKETS)
    )
    return 0


def _write_files(args: argparse.Namespace, archive: Archive, as_of: date | None) -> None:
    from app.services import printouts  # the PDF and spreadsheet builders: only when asked

    if args.pdf is not None:
        pages = printouts.receivables_pdf(archive, args.pdf, as_of)
        _wrote(args, args.pdf, f"{pages} 页", f"{pages} pages")
    if args.xlsx is not None:
        count = printouts.receivables_xlsx(archive, args.xlsx, as_of)
        _wrote(args, args.xlsx, f"{count} 家客户", f"{count} clients")


def _wrote(args: argparse.Namespace, path: object, zh: str, en: str) -> None:
    """Says which file was written (not with --json: its output is the JSON alone)."""
    if not getattr(args, "json", False):
        print(f"Wrote {path} ({en})" if lang() == "en" else f"已写入 {path}（{zh}）")

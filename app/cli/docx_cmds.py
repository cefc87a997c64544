"""docx document ID OUT.docx: a document as a filled Word file, beside `pdf document`."""

from __future__ import annotations

import argparse

from app.cli import add_output_argument, command
from app.services.archive import Archive

DOCX_HELP = "write a document as a filled Word file (.docx) for the other party's redlines"


def register(subparsers) -> None:
    parser = subparsers.add_parser("docx", help=DOCX_HELP)
    sub = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    p = command(
        sub,
        "document",
        _document,
        "an agreement, notice, letter or fax as .docx (on its Word template when it has one)",
        writes=False,
    )
    p.add_argument("document_id", type=int)
    add_output_argument(p)


def _document(args: argparse.Namespace, archive: Archive) -> int:
    from app.services.documents.word import document_docx

    result = document_docx(archive, args.document_id, args.out)
    mark = "（草稿，未经批准）" if result.draft else ""
    print(f"{args.out}{mark}")
    return 0

"""pdf KIND ...: every printable document of the archive."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.cli import add_output_argument, command

if TYPE_CHECKING:
    from app.services.archive import Archive

# each command imports its own service when it runs: printing one document does not load the
# tender packet or the monthly report's analysis queries


def register(subparsers) -> None:
    parser = subparsers.add_parser("pdf", help="print a document as PDF")
    sub = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    # not read-only: a tender's first packet is made from the template when it is first used
    p = command(sub, "tender-packet", _tender_packet, "the tender packet (投标文件) as one PDF")
    p.add_argument("tender_id", type=int)
    add_output_argument(p)
    p.add_argument("--copy", choices=("正本", "副本"), default="正本")
    p.add_argument(
        "--draft", action="store_true", help="print even with checklist problems, marked 草稿"
    )
    p.add_argument("--watermark", action="store_true", help="mark scans 仅供 <项目> 投标使用")
    p = command(
        sub,
        "document",
        _document,
        "an agreement, notice, letter or fax (草稿 until approved)",
        writes=False,
    )
    p.add_argument("document_id", type=int)
    add_output_argument(p)
    p = command(
        sub,
        "approval-form",
        _approval_form,
        "a document's approval form to sign by hand (合同审批表 / 发文审批单)",
        writes=False,
    )
    p.add_argument("document_id", type=int)
    add_output_argument(p)
    p = command(
        sub,
        "monthly-report",
        _monthly_report,
        "the monthly key-account report (大客户月报)",
        writes=False,
    )
    p.add_argument("month", help="YYYY-MM")
    add_output_argument(p)
    p.add_argument("--churn-days", type=int, default=90, help="churn risk after N days (90)")
    _register_elsewhere(sub)


def _register_elsewhere(sub) -> None:
    """The PDFs whose handlers live with their records' commands (rebates, minutes): their
    modules load only when one of them runs."""
    p = command(
        sub,
        "rebate-form",
        _later("sales_cmds", "_pdf_form"),
        "the rebate application form (销售返点申请审批表)",
        writes=False,
    )
    p.add_argument("rebate_id", type=int)
    add_output_argument(p)
    p = command(
        sub,
        "rebate-letter",
        _later("sales_cmds", "_pdf_letter"),
        "the rebate letter (only when fully approved); issued the first time: 发文字号 and 发文",
    )
    p.add_argument("rebate_id", type=int)
    add_output_argument(p)
    minutes_pdf = _later("minutes_cmds", "_pdf_minutes")
    p = command(sub, "minutes", minutes_pdf, "meeting minutes (会议纪要)", writes=False)
    p.add_argument("meeting_id", type=int)
    add_output_argument(p)
    digest = _later("minutes_cmds", "_pdf_digest")
    p = command(sub, "digest", digest, "the overdue digest per owner (催办单)", writes=False)
    add_output_argument(p)
    p.add_argument("--owner")


def _later(module: str, name: str) -> Callable[[argparse.Namespace, Archive], int]:
    def handler(args: argparse.Namespace, archive: Archive) -> int:
        return getattr(importlib.import_module(f"app.cli.{module}"), name)(args, archive)

    return handler


def _tender_packet(args: argparse.Namespace, archive: Archive) -> int:
    from app.services import tender_packet

    result = tender_packet.build_pdf(
        archive,
        args.tender_id,
        args.out,
        copy=args.copy,
        draft=args.draft,
        watermark=args.watermark,
    )
    print(f"{args.out} ({result.pages} 页)")
    return 0


def _document(args: argparse.Namespace, archive: Archive) -> int:
    from app.services import documents

    result = documents.print_document(archive, args.document_id, args.out)
    mark = "(草稿)" if result.draft else ""
    print(f"{args.out} ({result.pages} 页){mark}")
    return 0


def _approval_form(args: argparse.Namespace, archive: Archive) -> int:
    from app.services.documents.approval_form import write_approval_form

    pages = write_approval_form(archive, args.document_id, args.out)
    print(f"{args.out} ({pages} 页)")
    return 0


def _monthly_report(args: argparse.Namespace, archive: Archive) -> int:
    from app.services import analysis

    year, month = analysis.parse_month(args.month)
    pages = analysis.write_monthly_report(
        archive, year, month, args.out, churn_days=args.churn_days
    )
    print(f"{args.out} ({pages} 页)")
    return 0

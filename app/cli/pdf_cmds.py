"""pdf KIND ...: every printable document of the archive."""

from __future__ import annotations

import argparse
import importlib
from typing import TYPE_CHECKING

from app.cli import Handler, add_output_argument, command

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
    one_record(
        sub, "document", _document, "an agreement, notice, letter or fax (草稿 until approved)"
    )
    one_record(
        sub,
        "approval-form",
        _approval_form,
        "a document's approval form to sign by hand (合同审批表 / 发文审批单)",
    )
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
    form = _later("sales_cmds", "_pdf_form")
    one_record(
        sub, "rebate-form", form, "the rebate application form (销售返点申请审批表)", "rebate_id"
    )
    letter = _later("sales_cmds", "_pdf_letter")
    help_text = (
        "the rebate letter (only when fully approved); issued the first time: 发文字号 and 发文"
    )
    one_record(sub, "rebate-letter", letter, help_text, "rebate_id", writes=True)
    minutes_pdf = _later("minutes_cmds", "_pdf_minutes")
    one_record(sub, "minutes", minutes_pdf, "meeting minutes (会议纪要)", "meeting_id")
    digest = _later("minutes_cmds", "_pdf_digest")
    p = command(sub, "digest", digest, "the overdue digest per owner (催办单)", writes=False)
    add_output_argument(p)
    p.add_argument("--owner")


def one_record(
    sub,
    kind: str,
    handler: Handler,
    help_text: str,
    id_name: str = "document_id",
    writes: bool = False,
) -> None:
    """`pdf KIND ID OUT.pdf`: one record's PDF (read-only unless printing it issues a number)."""
    p = command(sub, kind, handler, help_text, writes=writes)
    p.add_argument(id_name, type=int)
    add_output_argument(p)


def _later(module: str, name: str) -> Handler:
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
    print(f"{args.out}（{result.pages} 页）")
    return 0


def _document(args: argparse.Namespace, archive: Archive) -> int:
    from app.services import documents

    result = documents.print_document(archive, args.document_id, args.out)
    mark = "（草稿）" if result.draft else ""
    print(f"{args.out}（{result.pages} 页）{mark}")
    return 0


def _approval_form(args: argparse.Namespace, archive: Archive) -> int:
    from app.services.documents.approval_form import write_approval_form

    pages = write_approval_form(archive, args.document_id, args.out)
    print(f"{args.out}（{pages} 页）")
    return 0


def _monthly_report(args: argparse.Namespace, archive: Archive) -> int:
    from app.services import analysis

    year, month = analysis.parse_month(args.month)
    pages = analysis.write_monthly_report(
        archive, year, month, args.out, churn_days=args.churn_days
    )
    print(f"{args.out}（{pages} 页）")
    return 0

"""import / export / template: spreadsheets in and out of the archive.

`import`, `export` and `template` each take a KIND (`clients`, `receipts`); another kind adds
its own `_register_<kind>` call in `register`, with the options it needs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli import add_output_argument, command, lang, print_json
from app.services import client_transfer, contracts
from app.services.archive import Archive
from app.services.client_transfer import ImportReport


def register(subparsers) -> None:
    imports = _group(subparsers, "import", "import records from a spreadsheet (.xlsx or .csv)")
    exports = _group(subparsers, "export", "export records to a spreadsheet (.xlsx or .csv)")
    templates = _group(subparsers, "template", "write an empty import template (.xlsx or .csv)")
    _register_clients(imports, exports, templates)
    _register_receipts(imports, templates)


def _register_clients(imports, exports, templates) -> None:
    p = command(imports, "clients", _import_clients, "import clients (the template, or an export)")
    p.add_argument("file", type=Path, help=".xlsx or .csv in the template's headings")
    p.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    add_output_argument(p, "rejects", "--rejects", metavar="OUT", help="save refused rows to fix")
    p.add_argument("--json", action="store_true")
    p.add_argument("--progress", action="store_true", help="print DONE/TOTAL lines to stderr")
    p = command(
        exports, "clients", _export_clients, "all clients, every field and contact", writes=False
    )
    add_output_argument(p, "file", help=".xlsx or .csv")
    p = command(
        templates, "clients", _template_clients, "the client import template", opens_archive=False
    )
    add_output_argument(p, "file", help=".xlsx or .csv")


def _register_receipts(imports, templates) -> None:
    p = command(imports, "receipts", _import_receipts, "import receipts (回款)")
    p.add_argument("file", type=Path, help=".xlsx or .csv: 回款日期, 客户名称, 合同编号, 金额...")
    p.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    add_output_argument(p, "rejects", "--rejects", metavar="OUT", help="save refused rows to fix")
    p.add_argument("--json", action="store_true")
    p = command(
        templates, "receipts", _template_receipts, "the receipts template", opens_archive=False
    )
    p.add_argument("file", type=Path, help=".xlsx or .csv")


def _group(subparsers, name: str, help_text: str):
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    return parser.add_subparsers(dest=f"{name}_kind", metavar="KIND", required=True)


def _import_clients(args: argparse.Namespace, archive: Archive) -> int:
    run = client_transfer.preview_import if args.dry_run else client_transfer.import_clients
    task = _StderrProgress() if args.progress else None
    # The rejects file is written before the import commits (or the import does not happen).
    report = run(archive, args.file, task=task, rejects=args.rejects)
    if args.json:
        print_json(report.as_json())
    else:
        print(summary(report, lang()))
        if report.rejects_saved is not None:
            print(_rejects_line(report.rejects_saved, args.rejects, lang()))
    return 0


def _import_receipts(args: argparse.Namespace, archive: Archive) -> int:
    run = contracts.preview_receipts if args.dry_run else contracts.import_receipts
    # The rejects file is written before the import commits (or the import does not happen).
    report = run(archive, args.file, rejects=args.rejects)
    if args.json:
        print_json(report.as_json())
        return 0
    print(summary(report, lang()))
    if report.rejects_saved is not None:
        print(f"待修改的 {report.rejects_saved} 行已保存到 {args.rejects}")
    return 0


def _template_receipts(args: argparse.Namespace, _db_path: Path) -> int:
    contracts.write_receipt_template(args.file)
    print(args.file)
    return 0


class _StderrProgress:
    """A task for the command line: progress as 'DONE/TOTAL' lines on stderr; never cancelled
    (Ctrl+C interrupts, and the transaction is rolled back)."""

    def progress(self, done: int, total: int) -> None:
        print(f"{done}/{total}", file=sys.stderr, flush=True)

    def cancelled(self) -> bool:
        return False

    def raise_if_cancelled(self) -> None:
        return None


def summary(report: ImportReport, language: str = "zh") -> str:
    """The import's outcome as lines a person reads: counts, then each problem row."""
    en = language == "en"
    rejected_rows = sorted({p.row for p in report.rejected})
    if report.dry_run:
        head = (
            f"Dry run: {report.imported} rows would be imported; nothing was written."
            if en
            else f"试运行：将导入 {report.imported} 行，未写入任何数据。"
        )
    else:
        head = f"Imported {report.imported} rows." if en else f"已导入 {report.imported} 行。"
    lines = [head]
    if report.rejected:
        lines.append(
            f"Rejected rows: {len(rejected_rows)}" if en else f"被拒绝 {len(rejected_rows)} 行："
        )
        for p in report.rejected:
            lines.append(
                f"  row {p.row}, {p.column}: {p.reason}"
                if en
                else f"  第 {p.row} 行 {p.column}：{p.reason}"
            )
    if report.duplicates:
        lines.append(
            f"Duplicates: {len(report.duplicates)}" if en else f"重复 {len(report.duplicates)} 行："
        )
        for d in report.duplicates:
            lines.append(
                f"  row {d.row}: same as “{d.existing}”"
                if en
                else f"  第 {d.row} 行 与“{d.existing}”重复"
            )
    if report.blank_rows:
        lines.append(
            f"Blank rows skipped: {report.blank_rows}"
            if en
            else f"跳过空行 {report.blank_rows} 行。"
        )
    if report.ignored_columns:
        names = ", ".join(report.ignored_columns) if en else "、".join(report.ignored_columns)
        lines.append(f"Ignored columns: {names}" if en else f"忽略的列：{names}")
    return "\n".join(lines)


def _rejects_line(count: int, path: Path, language: str) -> str:
    if language == "en":
        return f"{count} rows to fix saved to {path}"
    return f"待修改的 {count} 行已保存到 {path}"


def _export_clients(args: argparse.Namespace, archive: Archive) -> int:
    count = client_transfer.export_clients(archive, args.file)
    print(
        f"Exported {count} clients to {args.file}"
        if lang() == "en"
        else f"已导出 {count} 个客户到 {args.file}"
    )
    return 0


def _template_clients(args: argparse.Namespace, _db_path: Path) -> int:
    """Needs no archive: the template is the same for every archive."""
    client_transfer.write_template(args.file)
    print(args.file)
    return 0

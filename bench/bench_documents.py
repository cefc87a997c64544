"""Document benchmarks (issue 4): prints seconds.

    .venv/bin/python bench/bench_documents.py [--runs 5]

- a 10-page agreement (购销合同 with enough contract lines for ten A4 pages) printed to PDF
  through the service: fill, layout, footer, font subset (target <= 0.3 s)
- the live preview of the editor (fill + missing values) for the same document
- the letters register PDF and .xlsx for a year of letters
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from app.domain.documents import LetterDirection
from app.domain.enums import ClientStatus, Tier
from app.domain.records import ClientDraft
from app.services import clients, documents, letters, settings
from app.services.archive import open_archive
from app.services.documents import ContractLine, DraftState
from app.services.letters import LetterDraft

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from agreement_samples import agreement_values  # noqa: E402 - the tests' own agreement

VALUES = agreement_values()


def make_archive(folder: Path, lines: int):
    archive = open_archive(folder / "bench.sqlite3", clock=lambda: datetime(2026, 11, 26, 10))
    settings.save_company(
        archive,
        settings.CompanySettings(
            name="华信科技有限公司",
            uscc="91110108MA01ABCD2H",
            address="北京市海淀区中关村大街27号",
            phone="010-62581234",
            bank="中国工商银行",
            bank_account="0200004509001234567",
        ),
    )
    client = clients.create_client(  # with its 开票信息, which the contract prints
        archive,
        ClientDraft(
            name="北京恒信贸易有限公司",
            uscc="91110105MA00HX1235",
            tier=Tier.A,
            status=ClientStatus.ACTIVE,
            invoice_address="北京市朝阳区建国路88号 010-65001234",
            bank="招商银行北京分行",
            bank_account="1109 0123 4567 890",
        ),
    )
    contract_lines = [
        ContractLine(f"配件{i:03d}", f"型号-{i}", Decimal(i % 7 + 1), "件", Decimal("123.45"))
        for i in range(lines)
    ]
    doc = documents.create_document(
        archive,
        "agreement",
        "purchase_contract",
        client_id=client.id,
        values=VALUES,
        lines=contract_lines,
    )
    documents.review(archive, doc.id, "submit")
    documents.review(archive, doc.id, "approve")
    return archive, doc


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lines", type=int, default=255, help="contract lines (10 pages)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        archive, doc = make_archive(folder, args.lines)
        out = folder / "agreement.pdf"
        documents.print_document(archive, doc.id, out)  # warm: font registration, imports
        seconds, result = timed(lambda: documents.print_document(archive, doc.id, out), args.runs)
        pages = len(PdfReader(str(out)).pages)
        verdict = "ok" if seconds <= 0.3 else "SLOW"
        print(
            f"agreement PDF: {pages} pages, {out.stat().st_size / 1024:.0f} KB, "
            f"median {seconds:.3f} s over {args.runs} runs (target <= 0.3 s) {verdict}"
        )
        assert not result.draft

        record = documents.get_document(archive, doc.id)
        state = DraftState(
            "agreement", record.title, record.body, record.values, record.lines, record.client_id
        )
        seconds, _ = timed(lambda: documents.preview(archive, state), args.runs)
        print(f"editor live preview (fill + missing values): median {seconds * 1000:.1f} ms")

        day = date(2025, 11, 27)
        for i in range(400):
            direction = LetterDirection.INCOMING if i % 3 else LetterDirection.OUTGOING
            letters.add_letter(
                archive,
                LetterDraft(
                    direction,
                    f"关于第{i}号事项的函",
                    "北京恒信贸易有限公司",
                    dated_on=day + timedelta(days=i * 365 // 400),
                ),
            )
        seconds, pages = timed(
            lambda: letters.register_pdf(archive, folder / "in.pdf", LetterDirection.INCOMING),
            args.runs,
        )
        print(f"incoming register PDF (266 letters, {pages} pages): median {seconds:.3f} s")
        seconds, count = timed(lambda: letters.export_xlsx(archive, folder / "l.xlsx"), args.runs)
        print(f"letters .xlsx ({count} letters): median {seconds:.3f} s")
        archive.close()


if __name__ == "__main__":
    main()

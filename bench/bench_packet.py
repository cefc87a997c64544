"""Tender packet benchmarks (issue 3): prints seconds and peak memory.

    .venv/bin/python bench/bench_packet.py [--samples ../shared/samples]

- a ~200-page packet with 50 scanned pages merged (target <= 3 s)
- a ~20-page packet of generated forms only (target <= 0.5 s)
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from app.domain.tenders import TenderDraft
from app.services import qualifications, settings, tender_packet, tenders
from app.services.archive import open_archive
from app.services.tenders import TenderItemLine

ROOT = Path(__file__).resolve().parents[1]


def make_archive(folder: Path, samples: Path, scans: int, deviation_rows: int, items: int):
    archive = open_archive(folder / "bench.sqlite3", clock=lambda: datetime(2026, 11, 26, 10))
    settings.save_company(
        archive,
        settings.CompanySettings(
            name="北京华信科技有限公司",
            uscc="91110105948219939U",
            address="北京市朝阳区建国路88号",
            legal_representative="王建国",
            phone="010-88886666",
        ),
    )
    record = tenders.create_tender(
        archive,
        TenderDraft(
            title="某市智慧政务平台采购项目",
            number="ZB-2026-001",
            purchaser_name="某市政务服务中心",
            budget=Decimal("99999999"),
            bid_deadline=datetime(2026, 12, 10, 9, 30),
            bid_deposit=Decimal("20000"),
            deposit_paid_on=date(2026, 11, 20),
            delivery_period="60日",
        ),
    )
    tenders.set_items(
        archive,
        record.id,
        [
            TenderItemLine(f"设备{i}", f"型号-{i}", Decimal(i % 5 + 1), "台", Decimal("1234.56"))
            for i in range(items)
        ],
    )
    for n in range(scans):
        source = samples / ("qualification_scan.pdf" if n % 2 else "certificate_scan.png")
        copy = folder / f"scan{n}{source.suffix}"
        shutil.copyfile(source, copy)
        with open(copy, "ab") as fh:  # a distinct file each time, as real scans are
            fh.write(f"\n% {n}\n".encode())
        q = qualifications.add(
            archive,
            qualifications.QualificationDraft(f"资质文件{n}", expires_on=date(2030, 1, 1)),
            [copy],
        )
        tender_packet.attach_qualification(archive, record.id, q.id)
    rows = [
        [
            f"第{i}条 技术要求:系统应支持高可用部署和数据备份",
            "完全响应,支持双机热备和异地备份",
            "无偏离",
            "",
        ]
        for i in range(deviation_rows)
    ]
    for section in tender_packet.sections(archive, record.id):
        if section.form in ("tech_deviation", "biz_deviation"):
            tender_packet.set_content(archive, section.id, {"rows": rows})
        if not section.form and not scans:  # a forms-only packet has no file sections
            tender_packet.remove_section(archive, section.id)
    return archive, record.id


def timed(
    archive, tender_id: int, out: Path, draft: bool = False, runs: int = 3
) -> tuple[float, int]:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        tender_packet.build_pdf(archive, tender_id, out, draft=draft)
        best = min(best, time.perf_counter() - start)
    return best, len(PdfReader(out).pages)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=Path, default=ROOT.parent / "shared" / "samples")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big_dir, small_dir = folder / "big", folder / "small"
        big_dir.mkdir()
        small_dir.mkdir()
        archive, tid = make_archive(big_dir, args.samples, scans=50, deviation_rows=1300, items=400)
        seconds, pages = timed(archive, tid, folder / "big.pdf")
        print(f"packet with 50 scanned pages: {pages} pages in {seconds:.2f} s (target <= 3 s)")
        archive.close()
        archive, tid = make_archive(small_dir, args.samples, scans=0, deviation_rows=60, items=40)
        # without the (required) qualification section only a draft prints
        seconds, pages = timed(archive, tid, folder / "small.pdf", draft=True)
        print(f"forms-only packet: {pages} pages in {seconds:.2f} s (target <= 0.5 s)")
        archive.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()

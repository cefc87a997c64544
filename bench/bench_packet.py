"""Tender packet benchmarks (issues 3 and 11): whole `sales-compass pdf tender-packet` processes,
as the user runs them; median/min/max seconds, peak memory and the PDF's size.

    .venv/bin/python bench/bench_packet.py [--runs 5]

- a ~209-page packet with 50 real A4 300-dpi JPEG scans (about 35 MB; made here): goal <= 3 s,
  <= 300 MB, output about the scans' size plus the forms
- a ~20-page packet of generated forms only: goal <= 0.5 s
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter
from pypdf import PdfReader

from app.domain.tenders import TenderDraft
from app.services import qualifications, settings, tender_packet, tenders
from app.services.archive import open_archive
from app.services.tenders import TenderItemLine

ROOT = Path(__file__).resolve().parents[1]


A4_300DPI = (2480, 3508)


def make_scan(path: Path, number: int) -> None:
    """A grey, slightly noisy A4 page at 300 dpi with ruled lines and blocks of 'text', saved as
    a scanner saves it (JPEG, quality 85): about 0.7 MB, like a real certificate scan."""
    rng = random.Random(number)
    page = Image.effect_noise(A4_300DPI, 18).convert("RGB")
    page = Image.blend(Image.new("RGB", A4_300DPI, (236, 234, 228)), page, 0.18)
    draw = ImageDraw.Draw(page)
    for line in range(60):
        y = 300 + line * 50
        x = 220 + rng.randrange(0, 120)
        draw.rectangle((x, y, x + rng.randrange(900, 1900), y + 18), fill=(60, 60, 70))
    draw.ellipse((1700, 2700, 2200, 3200), outline=(200, 30, 30), width=14)  # the seal
    page.filter(ImageFilter.SMOOTH).save(path, "JPEG", quality=85, dpi=(300, 300))


def make_archive(folder: Path, scans: int, deviation_rows: int, items: int):
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
        copy = folder / f"scan{n}.jpg"
        make_scan(copy, n)
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


def timed(db: Path, tender_id: int, out: Path, runs: int, draft: bool = False) -> dict:
    """Whole processes: seconds (median, min, max), the peak memory of the largest, the PDF."""
    command = [sys.executable, "-m", "app", "pdf", "tender-packet", str(tender_id), str(out)]
    command += ["--db", str(db), "--force"] + (["--draft"] if draft else [])
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
        seconds.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "median": statistics.median(seconds),
        "min": min(seconds),
        "max": max(seconds),
        "peak_mb": peak,
        "pages": len(PdfReader(out).pages),
        "size_mb": out.stat().st_size / 1e6,
    }


def show(name: str, result: dict, goal: str) -> None:
    print(
        f"{name}: {result['pages']} pages, median {result['median']:.2f} s "
        f"(min {result['min']:.2f}, max {result['max']:.2f}), peak {result['peak_mb']:.0f} MB, "
        f"{result['size_mb']:.1f} MB PDF  [goal {goal}]"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big_dir, small_dir = folder / "big", folder / "small"
        big_dir.mkdir()
        small_dir.mkdir()
        archive, tid = make_archive(big_dir, scans=50, deviation_rows=1300, items=400)
        scans_mb = sum(p.stat().st_size for p in big_dir.glob("scan*.jpg")) / 1e6
        archive.close()
        print(f"50 JPEG scans, {scans_mb:.1f} MB")
        big = timed(big_dir / "bench.sqlite3", tid, folder / "big.pdf", args.runs)
        show("packet with 50 scans", big, "<= 3 s, <= 300 MB")
        archive, tid = make_archive(small_dir, scans=0, deviation_rows=60, items=40)
        archive.close()
        # without the (required) qualification section only a draft prints
        small = timed(small_dir / "bench.sqlite3", tid, folder / "small.pdf", args.runs, True)
        show("forms-only packet", small, "<= 0.5 s")


if __name__ == "__main__":
    main()

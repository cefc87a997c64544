"""Seconds to import 10,000 client rows (xlsx and csv) into a fresh archive (target <= 5 s).

Run: .venv/bin/python bench/bench_import.py [--rows N]"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from stdnum.cn import uscc

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.services import client_transfer  # noqa: E402
from app.services.archive import open_archive  # noqa: E402
from app.services.clients import client_count  # noqa: E402

CITIES = ("北京", "上海", "广州", "深圳", "成都", "杭州", "武汉", "西安", "南京", "苏州")
TRADES = ("医疗设备", "电子科技", "物流", "软件", "环保科技", "通信", "新材料", "机械制造")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"


def client_rows(count: int, seed: int = 7, prefix: str = "") -> list[tuple]:
    """Realistic, valid rows in the template's order; names and USCCs are all distinct.

    A different prefix gives different names, so no pinyin cache helps a second run."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        city, trade = rng.choice(CITIES), rng.choice(TRADES)
        base = f"91{110000 + i % 890000:06d}{i:09d}"
        code = base + uscc.calc_check_digit(base)
        contact = rng.choice(SURNAMES) + rng.choice("伟芳娜敏静强磊军洋勇")
        rows.append(
            (
                f"{prefix}{city}{trade}第{i + 1}号有限公司",
                code,
                rng.choice(("A", "B类", "c", "D级", "")),
                trade,
                city,
                f"{city}市中山路{rng.randint(1, 999)}号",
                rng.choice(("王芳", "李娜", "刘洋")),
                date(2020, 1, 1) + timedelta(days=rng.randint(0, 2000)),
                contact,
                rng.choice(("采购经理", "总经理", "设备科科长")),
                f"1{rng.randint(3, 9)}{rng.randint(0, 999999999):09d}",
                f"user{i}@example.com",
                "",
            )
        )
    return rows


def write_rows(path: Path, rows: list[tuple]) -> None:
    from app.exports.spreadsheet import write_table

    write_table(path, client_transfer.TEMPLATE_HEADINGS, rows)


def bench(folder: Path, suffix: str, rows: list[tuple]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one import; CPU time stays honest on a busy machine."""
    source = folder / f"clients{suffix}"
    write_rows(source, rows)
    archive = open_archive(folder / f"bench{suffix}.sqlite3")
    try:
        start, cpu_start = time.perf_counter(), time.process_time()
        report = client_transfer.import_clients(archive, source)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        assert report.imported == len(rows) == client_count(archive), report.as_json()
    finally:
        archive.close()
    return seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for prefix, suffix in (("华东", ".xlsx"), ("华南", ".csv")):
            seconds, cpu = bench(Path(tmp), suffix, client_rows(args.rows, prefix=prefix))
            print(
                f"import {args.rows} rows from {suffix}: {seconds:.2f} s wall,"
                f" {cpu:.2f} s CPU (target <= 5 s)"
            )


if __name__ == "__main__":
    main()

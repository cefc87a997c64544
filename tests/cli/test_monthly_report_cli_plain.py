"""`sales-compass pdf monthly-report` (issue 11, goal 1 s on the big archive): the command opens
the archive file read-only and works the 大客户月报 out on plain sqlite3 connections, so the
process never imports SQLAlchemy or the ORM models; the PDF it prints carries the figures to the
fen (the ageing and owners of tests/data/monthly_report_golden.json)."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import monthly_samples
import pytest
from cli_runner import PROJECT
from pypdf import PdfReader

from app.services.archive import open_archive

GOLDEN = PROJECT / "tests" / "data" / "monthly_report_golden.json"
PROBE = """
import json, sys
from app.main import main
code = 0
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(json.dumps([code, sorted(m for m in ("sqlalchemy", "app.db.models", "alembic")
                               if m in sys.modules)]))
"""


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("monthly") / "archive.sqlite3"
    archive = open_archive(path, clock=lambda: monthly_samples.NOW)
    monthly_samples.bin_some(archive, monthly_samples.build(archive))
    archive.close()
    return path


def _run(*args: object) -> tuple[int, list[str], str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    code, loaded = json.loads(result.stdout.strip().splitlines()[-1])
    return code, loaded, result.stdout


def test_the_report_prints_without_sqlalchemy(sample_path, tmp_path):
    out = tmp_path / "月报.pdf"
    code, loaded, stdout = _run("pdf", "monthly-report", "2026-10", out, "--db", sample_path)
    assert code in (0, None), stdout
    assert loaded == []
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))["2026-10 churn 30"]
    # 2026-10 with the default 90 churn days: the ageing and the owners' lines do not depend on it
    assert "2026年10月大客户月报" in text
    for label, fen in golden["ageing"]:
        assert f"{Decimal(fen):,.2f}" in text, label
    for line in golden["owners"]:
        assert line["owner"] in text
        assert f"{Decimal(line['receivable']):,.2f}" in text, line["owner"]

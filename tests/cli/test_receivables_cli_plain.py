"""`sales-compass receivables` (issue 11: 1.8 s on the 100,000-client archive, goal 1 s): the
command opens the archive file read-only and works the ageing out in the database on plain
sqlite3, so the process never imports SQLAlchemy or the ORM models; it prints every client's
buckets to the fen and a total line summing them."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal

import monthly_samples
import pytest
from cli_runner import PROJECT

from app.domain.plans import AgeBucket
from app.services import receivables
from app.services.archive import open_archive

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
AS_OF = date(2026, 10, 31)


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("receivables") / "archive.sqlite3"
    archive = open_archive(path, clock=lambda: monthly_samples.NOW)
    monthly_samples.bin_some(archive, monthly_samples.build(archive))
    archive.close()
    return path


def _run(*args: object) -> tuple[int, list[str], list[str]]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    lines = result.stdout.strip().splitlines()
    code, loaded = json.loads(lines[-1])
    assert code in (0, None), result.stderr
    return code, loaded, lines[:-1]


def _expected(path) -> list[receivables.ClientReceivable]:
    """The same figures read through a SQLAlchemy session (the archive opened for writing)."""
    archive = open_archive(path, clock=lambda: monthly_samples.NOW)
    try:
        return receivables.receivables(archive, AS_OF)
    finally:
        archive.close()


def test_receivables_print_every_clients_buckets_without_sqlalchemy(sample_path):
    _code, loaded, lines = _run("receivables", "--as-of", AS_OF, "--db", sample_path)
    assert loaded == []
    expected = _expected(sample_path)
    assert lines[0].split("\t")[0] == "客户" and len(lines) == len(expected) + 2
    for line, row in zip(lines[1:-1], expected, strict=True):
        cells = line.split("\t")
        assert cells[0] == row.client_name
        amounts = [Decimal(c.replace(",", "")) for c in cells[1:]]
        assert amounts == [row.outstanding, *(row.buckets[b] for b in AgeBucket), row.credit]
    total = lines[-1].split("\t")
    assert total[0] == "合计"
    assert Decimal(total[1].replace(",", "")) == sum(r.outstanding for r in expected)
    assert any(r.credit for r in expected) and len(expected) > 20  # the sample's every case


def test_receivables_as_json_carry_the_open_contracts(sample_path):
    _code, loaded, lines = _run("receivables", "--as-of", AS_OF, "--json", "--db", sample_path)
    assert loaded == []
    shown = json.loads("\n".join(lines))
    expected = _expected(sample_path)
    assert [r["client_id"] for r in shown] == [r.client_id for r in expected]
    first = next(r for r in expected if len(r.items) > 1)
    found = next(r for r in shown if r["client_id"] == first.client_id)
    assert [i["number"] for i in found["items"]] == [i.number for i in first.items]
    assert [Decimal(i["outstanding"]) for i in found["items"]] == [
        i.outstanding for i in first.items
    ]

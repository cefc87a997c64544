"""The 大客户月报's figures to the fen after the report was made fast (issue 11): on a generated
archive with every edge the queries meet (tests/monthly_samples.py), the report's ageing, churn
list, per-owner lines, key accounts, signings, rebates, trend and Pareto curve are exactly the
figures the report printed before (tests/data/monthly_report_golden.json, written by revision
0031's code), on an archive file and on a team archive, read with and without SQLAlchemy."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import monthly_samples
import pytest

from app.services import analysis
from app.services.archive import open_archive

pytestmark = pytest.mark.both_backends

GOLDEN = Path(__file__).parent.parent / "data" / "monthly_report_golden.json"
CASES = monthly_samples.CASES
INDEX = "ix_activities_client_visits"


def _golden() -> dict:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def _figures(archive) -> dict:
    return monthly_samples.golden_figures(archive)


def test_the_reports_figures_are_the_ones_printed_before(archive):
    ids = monthly_samples.build(archive)
    monthly_samples.bin_some(archive, ids)
    figures, golden = _figures(archive), _golden()
    for key in CASES:
        # the parts one by one first, so that a failure names what differs
        for part in ("ageing", "owners", "total", "churn", "rebates", "top_receivables"):
            assert figures[key][part] == golden[key][part], (key, part, _differ(figures, key, part))
        assert figures[key] == golden[key], key


def _differ(figures: dict, key: str, part: str) -> list:
    """The values of `part` that differ from the golden file's: (where, now, before)."""
    out: list = []

    def walk(now, before, where):
        if isinstance(now, dict) and isinstance(before, dict):
            for name in sorted(set(now) | set(before)):
                walk(now.get(name), before.get(name), f"{where}.{name}")
        elif isinstance(now, list) and isinstance(before, list) and len(now) == len(before):
            for n, (a, b) in enumerate(zip(now, before, strict=True)):
                walk(a, b, f"{where}[{n}]")
        elif now != before:
            out.append((where, now, before))

    walk(figures[key][part], _golden()[key][part], part)
    return out


@pytest.mark.file_only
def test_a_read_only_archive_gives_the_same_figures(archive):
    """What `sales-compass pdf monthly-report` opens: the archive file read-only."""
    monthly_samples.bin_some(archive, monthly_samples.build(archive))
    path = archive.path
    archive.close()
    reader = open_archive(path, clock=lambda: monthly_samples.NOW, read_only=True, create=False)
    try:
        assert _figures(reader) == _golden()
    finally:
        reader.close()


@pytest.mark.file_only
def test_the_last_visit_as_of_the_cut_off_is_read_from_the_visits_index(archive):
    """Clients visited after the cut-off: their last visit then is one seek into the visits'
    partial index, not a walk over their activities of every kind."""
    from app.db.repositories import analysis as repo

    seen: list[str] = []
    original = repo._rows

    def note(session, sql, **params):
        seen.append(sql)
        return original(session, sql, **params)

    repo._rows = note
    try:
        analysis.monthly_report(archive, 2026, 10)
    finally:
        repo._rows = original
    churn = next(s for s in seen if "no_visit" in s)
    conn = sqlite3.connect(archive.path)
    try:
        plan = " | ".join(
            str(r[-1]) for r in conn.execute(f"EXPLAIN QUERY PLAN {churn}", _any_params(churn))
        )
    finally:
        conn.close()
    assert f"SEARCH v USING INDEX {INDEX}" in plan or f"COVERING INDEX {INDEX}" in plan, plan


def _any_params(sql: str) -> dict[str, object]:
    import re

    return {name: "2026-10-31" for name in re.findall(r":(\w+)", sql)}

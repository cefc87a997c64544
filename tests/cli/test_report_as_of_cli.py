"""A report is as of its month (issue 13 §1), through the real entry point: September 2026's
大客户月报 printed twice by `sales-compass pdf monthly-report`, with records entered in between by
the command line that are all dated after September (two visits, the complaint closed, a tier
raised, a rebate approved, a new client), reads the same, figure for figure; so do the analyses (`analysis --json`).

Issue 13: "Printing the same month twice, with records entered in between that are dated after
the month, gives the same figures. A test does exactly that." The hand-worked figures are in
tests/asof_samples.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import asof_samples as S
import pytest
from cli_runner import run_on as run
from pypdf import PdfReader

from app.services.archive import open_archive

VIEWS = ("churn", "service", "value")


@pytest.fixture
def db(tmp_path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "asof.sqlite3"
    archive = open_archive(path, clock=lambda: S.NOW)
    ids = S.build(archive)
    archive.close()
    return path, ids


def _print(db: Path, out: Path) -> tuple[str, dict]:
    done = run(db, "pdf", "monthly-report", "2026-09", out)
    assert done.returncode == 0, done.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
    views = {}
    for view in VIEWS:
        done = run(db, "analysis", view, "--month", "2026-09", "--limit", "0", "--json")
        assert done.returncode == 0, done.stderr
        views[view] = json.loads(done.stdout)
    return text, views


def _enter_later(db: Path, ids: dict[str, int]) -> None:
    for args in (
        (
            "add-activity",
            ids[S.JIA],
            "--kind",
            "拜访",
            "--subject",
            "回访",
            "--at",
            "2026-10-10 09:00",
        ),
        (
            "add-activity",
            ids[S.YI],
            "--kind",
            "拜访",
            "--subject",
            "回访",
            "--at",
            "2026-10-12 09:00",
        ),
        ("close-complaint", ids["complaint"], "--resolution", "已更换"),  # closed today
        ("edit-client", ids[S.JIA], "--tier", "A"),  # raised today
        ("rebate", "approve", ids["rebate"], "--step", "manager", "--by", "李经理"),  # today
        (
            "add-client",
            "--name",
            S.DING,
            "--tier",
            "A",
            "--owner",
            "张三",
            "--created-on",
            "2026-10-15",
        ),
    ):
        done = run(db, *args)
        assert done.returncode == 0, (args, done.stderr)


def test_september_printed_twice_reads_the_same(db, tmp_path):
    path, ids = db
    first_text, first_views = _print(path, tmp_path / "first.pdf")
    _enter_later(path, ids)
    second_text, second_views = _print(path, tmp_path / "second.pdf")
    assert second_text == first_text
    assert second_views == first_views
    # the records are in: today's state differs from September's
    done = run(path, "client", ids[S.JIA], "--json")
    assert done.returncode == 0, done.stderr
    assert '"A"' in done.stdout and "2026-10-10" in done.stdout
    # the hand-worked September figures, as printed
    flat = "".join(second_text.split())
    assert "数据截至2026-09-30" in flat
    assert "截至2026-09-30未办结1起" in flat
    assert "共2家" in flat  # churn risks: 乙方 and 丙方
    assert "2026-06-01" in flat  # 乙方's last visit on or before the cut-off
    assert "待大客户部经理审批" in flat and "待市场营销中心审批" not in flat
    dates = {d for d in re.findall(r"20\d\d-\d\d-\d\d", flat)}
    assert not {d for d in dates if d > "2026-09-30"}  # no date after 数据截至
    churn = second_views["churn"]
    keys = [c["key"] for c in churn["columns"]]
    rows = {r[keys.index("client")]: r for r in churn["rows"]}
    assert {name: r[keys.index("last_visit")] for name, r in rows.items()} == {
        S.YI: "2026-06-01",
        S.BING: None,
    }
    assert {name: r[keys.index("tier")] for name, r in rows.items()} == {S.YI: "C", S.BING: "D"}

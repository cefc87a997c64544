"""The 80/20 (价值分析) over all active clients, as the handbook means it, beside the share over
clients with revenue (issue 13 §4).

The handbook (DOMAIN.md, 动态分析): "价值 (Pareto: the ~20% of clients who bring ~80% of
revenue)": the top 20% of *all* active clients and their share of revenue; the view gave only
the share over clients with revenue. The data set and its figures by hand: tests/pareto_samples.py."""

from __future__ import annotations

from datetime import date

import pareto_samples as P
import pytest
from openpyxl import load_workbook

from app.domain.ratios import pareto_top
from app.services import analysis


@pytest.fixture
def value_archive(archive):
    P.build(archive)
    return archive


@pytest.mark.parametrize(("clients_", "top"), [(0, 0), (1, 1), (5, 1), (10, 2), (11, 3)])
def test_the_top_fifth_is_at_least_a_fifth(clients_, top):
    assert pareto_top(clients_) == top


def test_value_view_gives_both_shares(value_archive, tmp_path):
    table = analysis.analysis_view(value_archive, "value", date(2026, 11, 1), date(2026, 11, 30))
    summary = dict(table.summary)
    assert summary["有销售额的客户"] == "5 家"
    assert summary["贡献80%销售额的客户"] == "2 家(占有销售额客户的 40.0%,占全部活跃客户的 20.0%)"
    assert ":".join(("前20%活跃客户的销售额占比", summary["前20%活跃客户的销售额占比"])) == (
        P.ACTIVE_SHARE
    )
    assert summary["前20%有销售额客户的销售额占比"] == P.REVENUE_SHARE.split(":", 1)[1]
    out = tmp_path / "value.xlsx"
    analysis.export_view(table, out)
    info = {row[0]: row[1] for row in load_workbook(out)["说明"].iter_rows(values_only=True)}
    assert info["前20%活跃客户的销售额占比"] == "80.0%（活跃客户 10 家中的前 2 家）"
    assert info["前20%有销售额客户的销售额占比"] == "50.0%（有销售额客户 5 家中的前 1 家）"


def test_value_view_on_the_command_line(value_archive):
    from cli_runner import run_on

    path = value_archive.path
    value_archive.close()
    done = run_on(path, "analysis", "value", "--month", "2026-11")
    assert done.returncode == 0, done.stderr
    assert P.ACTIVE_SHARE_SHOWN in done.stdout and P.REVENUE_SHARE_SHOWN in done.stdout

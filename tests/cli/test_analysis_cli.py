"""`sales-compass analysis VIEW` and `sales-compass pdf monthly-report` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import analysis_samples as S
import pytest
from cli_runner import run_on as run
from openpyxl import load_workbook
from pypdf import PdfReader

from app.services.archive import open_archive


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "sales.sqlite3"
    archive = open_archive(path, clock=lambda: S.NOW)
    S.build(archive)
    archive.close()
    return path


def test_owners_view_as_json(db):
    done = run(db, "analysis", "owners", "--month", "2026-11", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["view"] == "owners" and data["period"] == "2026年11月"
    keys = [c["key"] for c in data["columns"]]
    total = dict(zip(keys, data["rows"][-1], strict=True))
    assert total["owner"] == "合计"
    assert total["signed"] == str(S.SIGNED)
    assert total["receipts"] == str(S.RECEIPTS_NOV)
    assert total["receivable"] == str(S.RECEIVABLE)


def test_chinese_view_name_table_and_limit(db):
    done = run(db, "analysis", "价值", "--month", "2026-11", "--limit", "2")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "价值分析 2026年11月"
    assert any("贡献80%销售额的客户：1 家" in line for line in lines)
    assert any(line.startswith("1\t") and "甲方科技有限公司" in line for line in lines)
    assert "共 5 行，显示前 2 行" in done.stdout


def test_churn_days_and_a_range(db):
    done = run(db, "analysis", "churn", "--month", "2026-11", "--churn-days", "250", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total_rows"] == 2
    done = run(db, "analysis", "owners", "--from", "2026-08-01", "--to", "2026-11-30", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rows"][-1][5] == "1051000.00"


def test_xlsx_export(db, tmp_path):
    out = tmp_path / "churn.xlsx"
    done = run(db, "analysis", "churn", "--month", "2026-11", "--xlsx", out)
    assert done.returncode == 0, done.stderr
    assert "3 行" in done.stdout
    sheet = load_workbook(out).worksheets[0]
    assert sheet["B1"].value == "客户名称"
    assert {sheet.cell(row=r, column=2).value for r in range(2, 5)} == {
        "乙方建设有限公司",
        "丙方电力有限公司",
        "丁方机械有限公司",
    }


def test_bad_input_names_the_field(db, tmp_path):
    done = run(db, "analysis", "profit")
    assert done.returncode == 1 and "分析视图" in done.stderr and "profit" in done.stderr
    done = run(db, "analysis", "owners", "--month", "2026-13")
    assert done.returncode == 1 and "月份" in done.stderr
    done = run(db, "pdf", "monthly-report", "11/2026x", tmp_path / "x.pdf")
    assert done.returncode == 1 and "月份" in done.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_monthly_report_pdf(db, tmp_path):
    out = tmp_path / "report.pdf"
    done = run(db, "pdf", "monthly-report", "2026-11", out)
    assert done.returncode == 0, done.stderr
    reader = PdfReader(str(out))
    assert f"（{len(reader.pages)} 页）" in done.stdout
    assert reader.outline[0].title == "概要"
    text = reader.pages[0].extract_text()
    assert "2026年11月大客户月报" in text and "1,050,100.00" in text

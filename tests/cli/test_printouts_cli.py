"""The full lists on the command line: `overdue` with --owner, --tier, --key, --xlsx and --pdf;
`plan show/progress MONTH --pdf --xlsx`; `receivables --pdf --xlsx`. The files are read back
(pypdf, openpyxl); the command line in English prints its statuses and headings in English."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from cli_runner import run_cli, run_on
from openpyxl import load_workbook
from pdf_checks import assert_cjk_font_embedded, page_text
from pypdf import PdfReader

from app.demo import create_demo_archive
from app.domain.labels import LABELS

ALL = "100000"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """A demo archive on today's clock (the command line runs on today's date)."""
    db = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    create_demo_archive(db, clients=150, seed=5)
    return db


def _overdue(db, *args: str) -> dict:
    out = run_on(db, "overdue", "--limit", ALL, "--json", *args)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _pdf_text(path) -> str:
    return "\n".join(page_text(page) for page in PdfReader(str(path)).pages)


def test_overdue_filters_by_tier_owner_and_key_account(demo_db):
    everyone = _overdue(demo_db)
    assert everyone["total"] == len(everyone["clients"]) > 20
    tiers = {c["tier"] for c in everyone["clients"]}
    assert len(tiers) > 1
    a_and_b = _overdue(demo_db, "--tier", "A", "--tier", "B")
    assert {c["tier"] for c in a_and_b["clients"]} <= {"A", "B"}
    assert _overdue(demo_db, "--tier", "A,B") == a_and_b
    expected = [c for c in everyone["clients"] if c["tier"] in ("A", "B")]
    assert [c["client_id"] for c in a_and_b["clients"]] == [c["client_id"] for c in expected]
    owner = everyone["clients"][0]["owner"]
    mine = _overdue(demo_db, "--owner", owner)
    assert mine["total"] == sum(c["owner"] == owner for c in everyone["clients"])
    assert {c["owner"] for c in mine["clients"]} == {owner}
    key = _overdue(demo_db, "--key", "--tier", "重点")
    assert all(c["is_key_account"] and c["tier"] == "A" for c in key["clients"])
    bad = run_on(demo_db, "overdue", "--tier", "E")
    assert bad.returncode == 1 and "E" in bad.stderr


def test_overdue_writes_the_full_list_as_xlsx_and_pdf(demo_db, tmp_path):
    listed = _overdue(demo_db, "--tier", "A,B,C")
    xlsx, pdf = tmp_path / "逾期.xlsx", tmp_path / "逾期.pdf"
    out = run_on(
        demo_db, "overdue", "--tier", "A,B,C", "--limit", "3", "--xlsx", xlsx, "--pdf", pdf
    )
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.splitlines()) == 3 + 3  # three lines, the total, two files written
    assert f"（共 {listed['total']} 家逾期）" in out.stdout and str(xlsx) in out.stdout
    sheet = load_workbook(xlsx).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "等级",
        "大客户",
        "客户名称",
        "客户经理",
        "上次拜访",
        "拜访间隔(天)",
        "逾期天数",
    )
    assert len(rows) - 1 == listed["total"]  # every row, not only the three printed
    assert [r[2] for r in rows[1:]] == [c["name"] for c in listed["clients"]]
    last_visits = [r[4] for r in rows[1:]]
    assert all(isinstance(v, datetime) or v == "从未拜访" for v in last_visits)
    assert all(isinstance(r[6], int) and r[6] > 0 for r in rows[1:])
    text = _pdf_text(pdf)
    pages = len(PdfReader(str(pdf)).pages)
    assert "逾期拜访清单" in text and "A、B、C 级" in text
    assert f"第 {pages} 页 共 {pages} 页" in text
    assert all(c["name"] in text for c in listed["clients"])
    assert_cjk_font_embedded(pdf)
    again = run_on(demo_db, "overdue", "--pdf", pdf)
    assert again.returncode == 1 and "--force" in again.stderr


def test_plan_show_and_progress_write_pdf_and_xlsx(demo_db, tmp_path):
    month = date.today().strftime("%Y-%m")
    pdf, xlsx = tmp_path / "plan.pdf", tmp_path / "plan.xlsx"
    out = run_on(demo_db, "plan", "show", month, "--pdf", pdf, "--xlsx", xlsx)
    assert out.returncode == 0, out.stderr
    assert "工作日" in out.stdout and str(pdf) in out.stdout
    text = _pdf_text(pdf)
    year, number = date.today().year, date.today().month
    for heading in (f"{year}年{number}月 月计划", "目标", "按旬分解", "按周分解", "计划完成情况"):
        assert heading in text, heading
    assert "上旬" in text and "第 1 页 共" in text
    assert_cjk_font_embedded(pdf)
    book = load_workbook(xlsx)
    assert book.sheetnames[0] == f"目标{month}"
    assert book.sheetnames[1:4] == ["按旬", "按周", "按工作日"]
    assert book.sheetnames[4].startswith("完成情况")
    targets = list(book.worksheets[0].iter_rows(values_only=True))
    assert targets[0][:2] == ("客户经理", "客户数量")
    team = targets[-1]
    assert team[0].startswith("团队") and isinstance(team[5], int | float)
    decades = list(book["按旬"].iter_rows(values_only=True))
    assert [r[0][:2] for r in decades[1:]] == ["上旬", "中旬", "下旬"]
    assert isinstance(decades[1][1], datetime)  # the first day, a real date
    progress = list(book.worksheets[4].iter_rows(values_only=True))
    assert progress[0] == (
        "分组",
        "期间/客户经理",
        "指标",
        "目标",
        "按进度应完成",
        "实际",
        "完成率(%)",
    )
    assert {r[0] for r in progress[1:]} >= {"全月", "按旬", "按周"}
    again = tmp_path / "progress.pdf"
    out = run_on(demo_db, "plan", "progress", month, "--pdf", again)
    assert out.returncode == 0, out.stderr
    assert "计划完成情况" in _pdf_text(again)


def test_receivables_write_pdf_and_xlsx_with_a_total(demo_db, tmp_path):
    pdf, xlsx = tmp_path / "应收.pdf", tmp_path / "应收.xlsx"
    listed = json.loads(run_on(demo_db, "receivables", "--json").stdout)
    assert listed
    out = run_on(demo_db, "receivables", "--pdf", pdf, "--xlsx", xlsx)
    assert out.returncode == 0, out.stderr
    rows = list(load_workbook(xlsx).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("客户", "客户经理", "未回款合计") and rows[0][-1] == "预收(多付)"
    assert rows[0][3:8] == ("未到期", "0-30天", "31-60天", "61-90天", "90天以上")
    body, total = rows[1:-1], rows[-1]
    assert [r[0] for r in body] == [r["client_name"] for r in listed]
    assert total[0] == "合计"
    outstanding = sum(Decimal(str(r[2])) for r in body)
    assert Decimal(str(total[2])).quantize(Decimal("0.01")) == outstanding.quantize(Decimal("0.01"))
    text = _pdf_text(pdf)
    assert "应收账款账龄表" in text and "合计" in text and listed[0]["client_name"] in text
    assert_cjk_font_embedded(pdf)


def test_the_english_command_line_prints_statuses_in_english(demo_db):
    chinese = {zh for pairs in LABELS.values() for zh, _en in pairs.values()} - {
        "A 重点",
        "B 主要",
        "C 一般",
        "D 潜在",
    }

    def english(*args: str) -> str:
        out = run_cli(*args, "--db", demo_db, env_lang="en")
        assert out.returncode == 0, out.stderr
        return out.stdout

    clients = english("clients", "--limit", "40")
    assert "Active" in clients
    tenders = english("tender", "list")
    documents = english("documents", "list")
    letters = english("letters", "list")
    actions = english("actions", "--limit", "30")
    receivables = english("receivables")
    assert "Open in total" in receivables and "Over 90 days" in receivables
    overdue = english("overdue", "--limit", "5")
    assert "days overdue" in overdue and "overdue)" in overdue
    for output in (clients, tenders, documents, letters, actions, receivables):
        pieces = {p.strip("[]()") for line in output.splitlines() for p in line.split()}
        pieces |= {p for line in output.splitlines() for p in line.split("\t")}
        assert not pieces & chinese, sorted(pieces & chinese)
    zh = run_on(demo_db, "tender", "list").stdout
    assert any(f"[{status}]" in zh for status in ("跟踪中", "准备投标", "已投标", "中标"))

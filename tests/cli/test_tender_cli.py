"""Tender and qualification commands through the real entry point."""

from __future__ import annotations

import json

from cli_runner import new_archive
from cli_runner import run_cli as run
from data.scans import certificate_pdf, certificate_png
from pypdf import PdfReader


def test_register_tender_attach_qualification_and_print_packet(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    added = run(
        "qualification",
        "add",
        certificate_pdf(tmp_path / "qualification_scan.pdf"),
        certificate_png(tmp_path / "certificate_scan.png"),
        "--title",
        "营业执照",
        "--kind",
        "营业执照",
        "--expires",
        "2030-01-01",
        "--json",
        "--db",
        db,
    )
    assert added.returncode == 0, added.stderr
    qid = json.loads(added.stdout)["id"]
    created = run(
        "tender",
        "add",
        "--title",
        "某市智慧政务平台采购项目",
        "--number",
        "ZB-2026-001",
        "--purchaser",
        "某市政务服务中心",
        "--budget",
        "1,000,000",
        "--deadline",
        "2026-12-10 09:30",
        "--method",
        "竞争性磋商",
        "--json",
        "--db",
        db,
    )
    assert created.returncode == 0, created.stderr
    tender = json.loads(created.stdout)
    assert tender["method"] == "竞争性磋商" and tender["budget"] == "1000000.00"
    assert run("tender", "attach", tender["id"], "--qualification", qid, "--db", db).returncode == 0
    listed = json.loads(run("tender", "list", "--json", "--db", db).stdout)
    assert [t["number"] for t in listed] == ["ZB-2026-001"]

    refused = run("pdf", "tender-packet", tender["id"], tmp_path / "final.pdf", "--db", db)
    assert refused.returncode == 1 and "投标保证金" in refused.stderr
    draft = run(
        "pdf",
        "tender-packet",
        tender["id"],
        tmp_path / "draft.pdf",
        "--draft",
        "--copy",
        "副本",
        "--db",
        db,
    )
    assert draft.returncode == 0, draft.stderr
    reader = PdfReader(tmp_path / "draft.pdf")
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "资格证明文件" in titles
    outline = list(reader.outline)
    at = next(i for i, item in enumerate(outline) if getattr(item, "title", "") == "资格证明文件")
    files = outline[at + 1]  # its files, nested under it
    assert isinstance(files, list) and files[0].title
    assert "第 1 页 共" in reader.pages[0].extract_text()


def test_bad_input_names_the_field(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    bad_budget = run(
        "tender", "add", "--title", "X", "--purchaser", "Y", "--budget", "一百万", "--db", db
    )
    assert bad_budget.returncode == 1 and "预算金额" in bad_budget.stderr
    bad_date = run(
        "tender", "add", "--title", "X", "--purchaser", "Y", "--deadline", "12/10", "--db", db
    )
    assert bad_date.returncode == 1 and "投标截止时间" in bad_date.stderr
    missing = run("qualification", "add", tmp_path / "none.pdf", "--title", "X", "--db", db)
    assert missing.returncode == 1 and "文件" in missing.stderr


def test_ics_export(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    run(
        "tender",
        "add",
        "--title",
        "项目A",
        "--purchaser",
        "采购中心",
        "--deadline",
        "2026-12-10 09:30",
        "--db",
        db,
    )
    result = run("tender", "ics", tmp_path / "t.ics", "--db", db)
    assert result.returncode == 0
    text = (tmp_path / "t.ics").read_bytes().decode("utf-8")
    assert "SUMMARY:投标截止/开标：项目A\r\nDESCRIPTION:采购人 采购中心\r\n" in text


def test_deadline_without_a_time_is_refused(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    args = ("tender", "add", "--title", "X", "--purchaser", "Y", "--db", db, "--deadline")
    dated = run(*args, "2026-12-10")
    assert dated.returncode == 1
    assert "投标截止时间" in dated.stderr and "HH:MM" in dated.stderr, dated.stderr
    assert json.loads(run("tender", "list", "--json", "--db", db).stdout) == []
    timed = run(*args, "2026-12-10 09:30", "--json")
    assert timed.returncode == 0, timed.stderr
    assert json.loads(timed.stdout)["bid_deadline"] == "2026-12-10 09:30"


def test_show_prints_chinese_labels_and_formatted_values(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    created = run(
        "tender",
        "add",
        "--title",
        "某市政务云项目",
        "--number",
        "YQZB-2026-023",
        "--purchaser",
        "某市财政局",
        "--budget",
        "1228282",
        "--deadline",
        "2026-12-07 09:30",
        "--json",
        "--db",
        db,
    )
    tender_id = json.loads(created.stdout)["id"]
    run(
        "tender",
        "item",
        tender_id,
        "--name",
        "服务器",
        "--quantity",
        "2",
        "--price",
        "5000",
        "--db",
        db,
    )
    shown = run("tender", "show", tender_id, "--db", db)
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    for line in (
        f"#{tender_id} 某市政务云项目",
        "项目编号：YQZB-2026-023",
        "采购人：某市财政局",
        "预算金额：¥1,228,282.00",
        "投标截止时间：2026-12-07 09:30",
        "节假日调休已公布：是",
        "分项报价合计：¥10,000.00",
    ):
        assert line in out, (line, out)
    for raw in ("client_id", "calendar_official", "budget:", "True", "1228282.00", "09:30:00"):
        assert raw not in out, (raw, out)
    data = json.loads(run("tender", "show", tender_id, "--json", "--db", db).stdout)
    assert data["budget"] == "1228282.00" and data["calendar_official"] is True
    assert data["bid_deadline"].startswith("2026-12-07") and "checklist" in data

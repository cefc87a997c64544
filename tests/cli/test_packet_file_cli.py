"""`tender packet-file list|rename|move`, `tender deviation-import` and the legal
representative's settings (`company --legal-rep-...`), through the real entry point; the
printed packet read back."""

from __future__ import annotations

import json
import re

import pytest
from cli_runner import new_archive, run_on
from data.scans import certificate_pdf
from openpyxl import Workbook
from pdf_checks import page_text
from pypdf import PdfReader


@pytest.fixture
def db(tmp_path):
    path = new_archive(tmp_path / "a.sqlite3")
    created = run_on(
        path, "tender", "add", "--title", "某项目", "--purchaser", "某市政务服务中心", "--json"
    )
    assert created.returncode == 0, created.stderr
    for name in ("营业执照", "ISO9001 证书"):
        scan = certificate_pdf(tmp_path / f"{name}.pdf", name)
        added = run_on(path, "qualification", "add", scan, "--title", name, "--json")
        assert added.returncode == 0, added.stderr
        qid = json.loads(added.stdout)["id"]
        assert run_on(path, "tender", "attach", 1, "--qualification", qid).returncode == 0
    return path


def _files(db) -> list[dict]:
    listed = run_on(db, "tender", "packet-file", "list", 1, "--json")
    assert listed.returncode == 0, listed.stderr
    return next(s for s in json.loads(listed.stdout) if s["section"] == "资格证明文件")["files"]


def test_files_renamed_and_moved_print_in_the_contents(db, tmp_path):
    licence, iso = _files(db)
    assert (licence["title"], iso["title"]) == ("营业执照", "ISO9001 证书")
    renamed = run_on(db, "tender", "packet-file", "rename", licence["id"], "营业执照(副本)")
    assert renamed.returncode == 0, renamed.stderr
    assert f"#{licence['id']} 营业执照(副本)" in renamed.stdout
    moved = run_on(db, "tender", "packet-file", "move", iso["id"], "first")
    assert moved.returncode == 0, moved.stderr
    assert re.search(r"\(1\) #\d+ ISO9001 证书.*\n.*\(2\) #\d+ 营业执照\(副本\)", moved.stdout)
    assert [f["title"] for f in _files(db)] == ["ISO9001 证书", "营业执照(副本)"]

    out = tmp_path / "packet.pdf"
    printed = run_on(db, "pdf", "tender-packet", 1, out, "--draft")
    assert printed.returncode == 0, printed.stderr
    reader = PdfReader(out)
    contents = page_text(reader.pages[1])
    first = re.search(r"[（(]1[）)]ISO9001 证书\s+(\d+)", contents)
    second = re.search(r"[（(]2[）)]营业执照[（(]副本[）)]\s+(\d+)", contents)
    assert first and second, contents
    assert "ISO9001" in page_text(reader.pages[int(first.group(1)) - 1])
    assert int(second.group(1)) == int(first.group(1)) + 1

    missing = run_on(db, "tender", "packet-file", "rename", 999, "x")
    assert missing.returncode != 0 and "#999" in missing.stderr
    bad = run_on(db, "tender", "packet-file", "move", iso["id"], "sideways")
    assert bad.returncode != 0


def test_deviation_rows_imported_from_xlsx(db, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "招标文件要求", "投标响应", "偏离情况", "说明"])
    sheet.append([1, "CPU 不少于 32 核", "64 核", "正偏离", "优于要求"])
    sheet.append([2, "内存 256GB", "256GB", "无偏离", None])
    path = tmp_path / "tech.xlsx"
    book.save(path)
    result = run_on(db, "tender", "deviation-import", 1, path)
    assert result.returncode == 0, result.stderr
    assert "已导入 2 行到“技术响应/偏离表”" in result.stdout
    again = run_on(db, "tender", "deviation-import", 1, path, "--append")
    assert "共 4 行" in again.stdout
    wrong = run_on(db, "tender", "deviation-import", 1, path, "--section", "投标函")
    assert wrong.returncode != 0 and "不是响应/偏离表" in wrong.stderr
    empty = tmp_path / "empty.csv"
    empty.write_text("序号,招标文件要求\n", encoding="utf-8")
    nothing = run_on(db, "tender", "deviation-import", 1, empty)
    assert nothing.returncode != 0 and "没有可导入的行" in nothing.stderr

    out = tmp_path / "packet.pdf"
    assert run_on(db, "pdf", "tender-packet", 1, out, "--draft").returncode == 0
    texts = [page_text(p) for p in PdfReader(out).pages]
    tech = next(t for t in texts if "技术响应/偏离表" in t and "CPU" in t)
    assert tech.count("CPU 不少于 32 核") == 2


def test_legal_representative_settings(db):
    bad = run_on(db, "company", "--legal-rep-id-number", "110105197803150031")
    assert bad.returncode != 0
    assert "法定代表人身份证号" in bad.stderr and "校验位错误" in bad.stderr
    good = run_on(
        db,
        "company",
        "--legal-rep-id-number",
        "110105197803150032",
        "--legal-rep-title",
        "执行董事",
    )
    assert good.returncode == 0, good.stderr
    assert "法定代表人身份证号：110105197803150032" in good.stdout
    assert "法定代表人职务：执行董事" in good.stdout

"""`tender attach ID --file PATH --section NAME [--title T]`: a scan straight into a packet
section from the command line, then `pdf tender-packet` prints it (it used to stop with
DetachedInstanceError). Through the real entry point, on generated scans."""

from __future__ import annotations

import json

import pytest
from cli_runner import new_archive, run_on
from data.scans import certificate_pdf, certificate_png, rotated_scan
from pypdf import PdfReader


@pytest.fixture
def db(tmp_path):
    path = new_archive(tmp_path / "a.sqlite3")
    created = run_on(
        path,
        "tender",
        "add",
        "--title",
        "某市智慧政务平台采购项目",
        "--purchaser",
        "某市政务服务中心",
        "--deadline",
        "2026-12-10 09:30",
        "--json",
    )
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["id"] == 1
    return path


def test_files_attached_to_sections_are_printed(db, tmp_path):
    contract = certificate_pdf(tmp_path / "contract.pdf", "政务云服务合同")
    added = run_on(
        db,
        "tender",
        "attach",
        1,
        "--file",
        contract,
        "--section",
        "业绩证明",
        "--title",
        "2025年合同",
    )
    assert added.returncode == 0, added.stderr
    assert "2025年合同" in added.stdout and "业绩证明" in added.stdout
    turned = rotated_scan(tmp_path / "licence.pdf", 90, "营业执照副本")
    photo = certificate_png(tmp_path / "iso.png")
    for path in (turned, photo):
        result = run_on(db, "tender", "attach", 1, "--file", path, "--section", " 资格证明文件 ")
        assert result.returncode == 0, result.stderr
    shown = run_on(db, "tender", "show", 1)
    assert "章节“业绩证明”还没有文件" not in shown.stdout

    out = tmp_path / "packet.pdf"
    printed = run_on(db, "pdf", "tender-packet", 1, out, "--draft", "--watermark")
    assert printed.returncode == 0, printed.stderr
    assert "Traceback" not in printed.stderr
    reader = PdfReader(out)
    pages = {
        item.title: reader.get_destination_page_number(item)
        for item in reader.outline
        if not isinstance(item, list)
    }
    total = len(reader.pages)
    qualification = [reader.pages[pages["资格证明文件"] + i].extract_text() for i in range(2)]
    assert "营业执照副本" in qualification[0]
    performance = reader.pages[pages["业绩证明"]].extract_text()
    assert "政务云服务合同" in performance
    assert f"第 {pages['业绩证明'] + 1} 页 共 {total} 页" in performance


def test_clear_messages_for_what_cannot_be_attached(db, tmp_path):
    scan = certificate_pdf(tmp_path / "scan.pdf")

    missing = run_on(
        db, "tender", "attach", 1, "--file", tmp_path / "无此文件.pdf", "--section", "业绩证明"
    )
    assert missing.returncode == 1
    assert (
        "文件" in missing.stderr and "不存在" in missing.stderr and "无此文件.pdf" in missing.stderr
    )

    unknown = run_on(db, "tender", "attach", 1, "--file", scan, "--section", "业绩材料")
    assert unknown.returncode == 1
    assert "没有章节“业绩材料”" in unknown.stderr
    for title in ("投标函", "资格证明文件", "业绩证明"):  # the sections are listed
        assert title in unknown.stderr

    form = run_on(db, "tender", "attach", 1, "--file", scan, "--section", "投标函")
    assert form.returncode == 1 and "表单" in form.stderr and "业绩证明" in form.stderr

    no_tender = run_on(db, "tender", "attach", 99, "--file", scan, "--section", "业绩证明")
    assert no_tender.returncode == 1 and "投标项目 #99 不存在" in no_tender.stderr

    no_section = run_on(db, "tender", "attach", 1, "--file", scan)
    assert no_section.returncode == 1 and "章节名称" in no_section.stderr

    word = tmp_path / "合同.docx"
    word.write_bytes(b"not a scan")
    unsupported = run_on(db, "tender", "attach", 1, "--file", word, "--section", "业绩证明")
    assert unsupported.returncode == 1 and "合同.docx" in unsupported.stderr

    neither = run_on(db, "tender", "attach", 1, "--section", "业绩证明")
    assert neither.returncode == 1 and "--file" in neither.stderr
    for result in (missing, unknown, form, no_tender, no_section, unsupported, neither):
        assert "Traceback" not in result.stderr

    shown = run_on(db, "tender", "show", 1, "--json")
    checklist = json.loads(shown.stdout)["checklist"]
    assert any(c["code"] == "section_empty" and "业绩证明" in c["text"] for c in checklist)


def test_qualification_into_a_named_section(db, tmp_path):
    added = run_on(
        db,
        "qualification",
        "add",
        certificate_pdf(tmp_path / "q.pdf", "ISO9001"),
        "--title",
        "ISO9001 证书",
        "--json",
    )
    qid = json.loads(added.stdout)["id"]
    result = run_on(db, "tender", "attach", 1, "--qualification", qid, "--section", "业绩证明")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "packet.pdf"
    assert run_on(db, "pdf", "tender-packet", 1, out, "--draft").returncode == 0
    reader = PdfReader(out)
    pages = {
        item.title: reader.get_destination_page_number(item)
        for item in reader.outline
        if not isinstance(item, list)
    }
    assert "ISO9001" in reader.pages[pages["业绩证明"]].extract_text()

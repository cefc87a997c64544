"""Word templates and filled Word documents through the real entry point (issue 12 §4):
documents template-import / template-export, document new --template NAME, docx document,
pdf document and the character-level diff."""

from __future__ import annotations

import json

from cli_runner import new_archive
from cli_runner import run_cli as run
from pypdf import PdfReader
from word_samples import W, document_xml, paragraphs, tables, write_docx


def _ok(*args: object) -> str:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_word_template_from_import_to_filled_docx_pdf_and_diff(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _ok("company", "--name", "华信科技有限公司", "--phone", "010-88886666", "--db", db)
    client = _ok(
        "add-client", "--name", "北京恒信贸易有限公司", "--tier", "A", "--json", "--db", db
    )
    client_id = str(json.loads(client)["id"])
    source = write_docx(tmp_path / "法务合同.docx")
    imported = _ok(
        "documents",
        "template-import",
        source,
        "--kind",
        "agreement",
        "--name",
        "法务合同",
        "--db",
        db,
    )
    assert "已导入" in imported and "delivery_place\t交货地点\t填写" in imported
    assert "\t法务合同\tWord 模板" in _ok("documents", "templates", "--db", db)
    exported = tmp_path / "back.docx"
    _ok("documents", "template-export", "法务合同", exported, "--db", db)
    assert exported.read_bytes() == source.read_bytes()

    made = _ok(
        "document",
        "new",
        "--template",
        "法务合同",
        "--client",
        client_id,
        "--set",
        "delivery_place=甲方仓库",
        "--set",
        "warranty=十二个月",
        "--line",
        "服务器|R740|2|台|45000",
        "--db",
        db,
    )
    doc_id = made.split()[0].lstrip("#")
    assert "（合同，" in made
    out = tmp_path / "filled.docx"
    assert str(out) in _ok("docx", "document", doc_id, out, "--db", db)
    text = paragraphs(out)
    assert "交货地点为甲方仓库。" in text and "需方:北京恒信贸易有限公司" in text
    assert not list(document_xml(out).iter(f"{{{W}}}sdt"))
    assert tables(out)[0][1][:2] == ["1", "服务器"]
    pdf = tmp_path / "filled.pdf"
    _ok("pdf", "document", doc_id, pdf, "--db", db)
    printed = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace(" ", "")
    assert "交货地点为甲方仓库" in printed and "质保期十二个月" in printed

    _ok("document", "edit", doc_id, "--set", "warranty=十八个月", "--db", db)
    diff = _ok("document", "diff", doc_id, "1", "2", "--db", db)
    assert "1 行不同" in diff and "~ 质保期十[-二-]{+八+}个月。" in diff


def test_a_bad_word_file_is_refused_with_its_reason(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04 not really")
    result = run(
        "documents", "template-import", broken, "--kind", "agreement", "--name", "坏", "--db", db
    )
    assert result.returncode == 1 and "已损坏" in result.stderr and "Traceback" not in result.stderr
    listed = _ok("documents", "templates", "--db", db)
    assert "坏" not in listed
    missing = run("docx", "document", "99", tmp_path / "x.docx", "--db", db)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr


def test_a_builtin_template_exports_with_content_controls(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    out = tmp_path / "购销合同.docx"
    _ok("documents", "template-export", "purchase_contract", out, "--db", db)
    tags = {t.get(f"{{{W}}}val") for t in document_xml(out).iter(f"{{{W}}}tag")}
    assert {"client.name", "lines_table", "amount.capitals", "signature", "contract_no"} <= tags


def test_a_word_table_of_three_columns_prints_as_a_table_with_its_header_row(tmp_path):
    """Legal's 付款计划 table (期次 | 比例 | 条件) stays a table on paper: one printed row per
    Word row, its cells side by side under the header row — not label/value lines that run
    the second and third cells together."""
    import pdfplumber
    from word_samples import runs

    def row(*cells: str) -> str:
        tcs = "".join(f"<w:tc><w:p>{runs(c)}</w:p></w:tc>" for c in cells)
        return f"<w:tr>{tcs}</w:tr>"

    body = (
        '<w:p><w:pPr><w:pStyle w:val="a3"/></w:pPr>' + runs("付款协议") + "</w:p>"
        "<w:tbl>"
        + row("期次", "比例", "条件")
        + row("首付款", "30%", "合同签订后十日内")
        + row("尾款", "70%", "验收合格后三十日内")
        + "</w:tbl>"
        + "<w:p>"
        + runs("以上。")
        + "</w:p>"
        + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    )
    db = new_archive(tmp_path / "a.sqlite3")
    client = json.loads(_ok("add-client", "--name", "北京恒信贸易有限公司", "--json", "--db", db))
    source = write_docx(tmp_path / "付款.docx", body)
    _ok("documents", "template-import", source, "--kind", "agreement", "--name", "付款", "--db", db)
    made = _ok("document", "new", "--template", "付款", "--client", client["id"], "--db", db)
    doc_id = made.split()[0].lstrip("#")
    pdf = tmp_path / "付款.pdf"
    _ok("pdf", "document", doc_id, pdf, "--db", db)
    with pdfplumber.open(pdf) as opened:
        lines = opened.pages[0].extract_text().splitlines()
        ruled = opened.pages[0].find_tables()
    assert any(line.split() == ["期次", "比例", "条件"] for line in lines), lines
    assert any(line.split() == ["首付款", "30%", "合同签订后十日内"] for line in lines), lines
    assert ruled and [len(r) for r in ruled[0].extract()] == [3, 3, 3]


def test_placeholders_in_the_running_head_and_foot_are_filled(tmp_path):
    """Legal's contract carries the parties in its header (a content control) and the client in
    its footer ({{key}} typed as text): the filled .docx has the values there, no control or
    tag left, and the body as before."""
    import zipfile

    from lxml import etree
    from word_samples import control, runs

    source = write_docx(tmp_path / "页眉.docx")
    header = (
        f'<w:hdr xmlns:w="{W}"><w:p>{runs("甲方:")}'
        f"{control('company.name', '我方公司名称')}</w:p></w:hdr>"
    )
    footer = f'<w:ftr xmlns:w="{W}"><w:p>{runs("乙方:{{client.", "name|客户名称}}")}</w:p></w:ftr>'
    with zipfile.ZipFile(source, "a") as docx:
        docx.writestr("word/header1.xml", header)
        docx.writestr("word/footer1.xml", footer)
    db = new_archive(tmp_path / "a.sqlite3")
    _ok("company", "--name", "华信科技有限公司", "--db", db)
    client = json.loads(_ok("add-client", "--name", "北京恒信贸易有限公司", "--json", "--db", db))
    _ok("documents", "template-import", source, "--kind", "agreement", "--name", "页眉", "--db", db)
    made = _ok(
        "document", "new", "--template", "页眉", "--client", client["id"],
        "--set", "delivery_place=甲方仓库", "--set", "warranty=十二个月",
        "--line", "服务器|R740|2|台|45000", "--db", db,
    )  # fmt: skip
    out = tmp_path / "filled.docx"
    _ok("docx", "document", made.split()[0].lstrip("#"), out, "--db", db)
    with zipfile.ZipFile(out) as docx:
        parts = {
            n: etree.fromstring(docx.read(n)) for n in ("word/header1.xml", "word/footer1.xml")
        }
    texts = {n: "".join(t.text or "" for t in r.iter(f"{{{W}}}t")) for n, r in parts.items()}
    assert texts == {
        "word/header1.xml": "甲方:华信科技有限公司",
        "word/footer1.xml": "乙方:北京恒信贸易有限公司",
    }
    assert not any(list(r.iter(f"{{{W}}}sdt")) for r in parts.values())
    assert "交货地点为甲方仓库。" in paragraphs(out)

"""documents / document / letters / pdf document through the real entry point."""

from __future__ import annotations

import json

from cli_runner import new_archive
from cli_runner import run_cli as run
from openpyxl import load_workbook
from pypdf import PdfReader


def _ok(*args: object) -> str:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


CONTRACT_SETS = [
    "contract_no=HX-1",
    "sign_place=北京",
    "quality_standard=国标",
    "warranty=一年",
    "delivery_date=12月10日前",
    "delivery_place=甲方仓库",
    "delivery_method=送货",
    "acceptance_days=5",
    "payment_terms=验收后付款",
    "court=北京市海淀区人民法院",
    "copies=贰",
]


def _invoice_details(db, client_id: int) -> None:
    """The client's 开票信息 through edit-client (the contract prints both parties')."""
    out = _ok(
        "edit-client",
        client_id,
        "--uscc",
        "91110105MA00HX1235",
        "--invoice-address",
        "北京市朝阳区建国路88号 010-65001234",
        "--bank",
        "招商银行北京分行",
        "--bank-account",
        "1109 0123 4567 890",
        "--json",
        "--db",
        db,
    )
    shown = json.loads(out)
    assert (shown["bank"], shown["bank_account"]) == ("招商银行北京分行", "1109 0123 4567 890")
    assert shown["invoice_address"] == "北京市朝阳区建国路88号 010-65001234"


def _registered_as_contract(db, doc_id: int, client_id: int) -> None:
    """The approved contract is in the 合同 register, linked both ways; to-contract updates it."""
    listed = json.loads(_ok("contracts", "list", "--json", "--db", db))
    assert [(c["number"], c["client_id"], c["amount"]) for c in listed] == [
        ("HX-1", client_id, "90001.00")
    ]
    shown = _ok("document", "show", doc_id, "--db", db)
    assert "合同台账：HX-1（合同 #1）" in shown
    again = json.loads(_ok("document", "to-contract", doc_id, "--json", "--db", db))
    assert (again["contract_id"], again["created"]) == (1, False)
    assert "已更新合同台账中的合同 HX-1" in _ok("document", "to-contract", doc_id, "--db", db)
    assert len(json.loads(_ok("contracts", "list", "--json", "--db", db))) == 1


def test_to_contract_refuses_a_draft_and_edit_client_a_bad_account(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _ok("company", "--name", "华信科技有限公司", "--db", db)
    client = json.loads(_ok("add-client", "--name", "北京恒信", "--json", "--db", db))
    sets = [x for pair in CONTRACT_SETS for x in ("--set", pair)]
    _ok("document", "new", "--kind", "agreement", "--template", "purchase_contract",
        "--client", client["id"], "--line", "服务器|R740|1|台|100", *sets, "--db", db)  # fmt: skip
    refused = run("document", "to-contract", "1", "--db", db)
    assert refused.returncode == 1 and "须经批准" in refused.stderr
    bad = run("edit-client", client["id"], "--bank-account", "62-ABC", "--db", db)
    assert bad.returncode == 1 and "银行账号" in bad.stderr and "6～32 位数字" in bad.stderr
    shown = json.loads(_ok("client", client["id"], "--json", "--db", db))
    assert shown.get("bank_account", "") == ""


def test_draft_review_print_and_diff(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _ok(
        "company",
        "--name",
        "华信科技有限公司",
        "--uscc",
        "91110108MA01ABCD2H",
        "--address",
        "北京市海淀区",
        "--phone",
        "010-88886666",
        "--bank",
        "工行",
        "--bank-account",
        "0200",
        "--db",
        db,
    )
    client = json.loads(
        _ok("add-client", "--name", "北京恒信贸易有限公司", "--tier", "A", "--json", "--db", db)
    )
    _invoice_details(db, client["id"])
    sets = [x for pair in CONTRACT_SETS for x in ("--set", pair)]
    new = run(
        "document",
        "new",
        "--kind",
        "agreement",
        "--template",
        "purchase_contract",
        "--title",
        "服务器购销合同",
        "--client",
        client["id"],
        "--line",
        "服务器|R740|2|台|45000.50",
        *sets,
        "--by",
        "张三",
        "--json",
        "--db",
        db,
    )
    assert new.returncode == 0, new.stderr
    created = json.loads(new.stdout)
    doc_id = created["document"]["id"]
    assert created["missing"] == [] and created["document"]["total"] == "90001.00"

    listed = json.loads(_ok("documents", "list", "--json", "--db", db))
    assert [(d["id"], d["status"], d["title"]) for d in listed] == [
        (doc_id, "草稿", "服务器购销合同")
    ]

    edited = _ok("document", "edit", doc_id, "--set", "warranty=两年", "--by", "李四", "--db", db)
    assert "第 2 版" in edited and "质保期" in edited
    diff = _ok("document", "diff", doc_id, "1", "2", "--db", db)
    assert "~ 质量保证期为自验收合格之日起[-一-]{+两+}年" in diff  # that character only

    draft_pdf = tmp_path / "draft.pdf"
    assert "（草稿）" in _ok("pdf", "document", doc_id, draft_pdf, "--db", db)
    refused = run("document", "approve", doc_id, "--db", db)
    assert refused.returncode == 1 and "草稿" in refused.stderr
    assert "审核中" in _ok("document", "submit", doc_id, "--by", "张三", "--db", db)
    returned = run("document", "return", doc_id, "--db", db)
    assert returned.returncode == 1 and "审核意见" in returned.stderr
    _ok("document", "return", doc_id, "--comment", "付款条款再议", "--by", "王经理", "--db", db)
    _ok("document", "submit", doc_id, "--db", db)
    approved = _ok("document", "approve", doc_id, "--by", "王经理", "--db", db)
    assert "已登记到合同台账：HX-1（合同 #1）" in approved
    _registered_as_contract(db, doc_id, client["id"])
    final_pdf = tmp_path / "final.pdf"
    out = _ok("pdf", "document", doc_id, final_pdf, "--db", db)
    assert "草稿" not in out
    text = "".join(p.extract_text() for p in PdfReader(str(final_pdf)).pages)
    assert "服务器" in text and "玖万零壹元整" in text and "草稿" not in text
    shown = json.loads(_ok("document", "show", doc_id, "--json", "--db", db))
    assert [r["comment"] for r in shown["document"]["reviews"]][1] == "付款条款再议"


def test_missing_values_refuse_printing(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    out = _ok("document", "new", "--kind", "notice", "--template", "notice", "--db", db)
    assert "尚未填写" in out and "事由" in out
    result = run("pdf", "document", "1", tmp_path / "n.pdf", "--db", db)
    assert result.returncode == 1
    assert "不能打印" in result.stderr and "事由" in result.stderr
    assert not (tmp_path / "n.pdf").exists()
    bad = run("document", "new", "--kind", "fax", "--template", "nope", "--db", db)
    assert bad.returncode == 1 and "nope" in bad.stderr


def test_issue_numbers_and_letters_register(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _ok("company", "--name", "华信科技有限公司", "--db", db)
    _ok("documents", "prefix", "notice", "华信通", "--db", db)
    sets = ["subject=放假", "recipient=各单位", "body=放假安排"]
    _ok(
        "document",
        "new",
        "--kind",
        "notice",
        "--template",
        "notice",
        *[x for s in sets for x in ("--set", s)],
        "--db",
        db,
    )
    _ok("document", "submit", "1", "--db", db)
    _ok("document", "approve", "1", "--db", db)
    assert "华信通〔2026〕1号" in _ok("document", "issue", "1", "--by", "王总", "--db", db)

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n")
    added = json.loads(
        _ok(
            "letters",
            "add",
            "--incoming",
            "--title",
            "关于调价的函",
            "--counterpart",
            "北京恒信",
            "--date",
            "2020-03-02",
            "--reply-due",
            "2020-03-10",
            "--scan",
            scan,
            "--json",
            "--db",
            db,
        )
    )
    assert added["number"] == "收〔2020〕1号" and added["overdue"] is True
    outgoing = json.loads(_ok("letters", "list", "--outgoing", "--json", "--db", db))
    assert [x["number"] for x in outgoing] == ["华信通〔2026〕1号"]
    overdue = json.loads(_ok("letters", "list", "--overdue", "--json", "--db", db))
    assert [x["title"] for x in overdue] == ["关于调价的函"]

    xlsx = tmp_path / "letters.xlsx"
    assert "（2 件）" in _ok("letters", "export", xlsx, "--db", db)
    book = load_workbook(xlsx)
    assert book["收文登记"]["E2"].value == "关于调价的函"
    assert book["发文登记"]["A2"].value == "华信通〔2026〕1号"
    pdf = tmp_path / "in.pdf"
    _ok("letters", "print", pdf, "--incoming", "--db", db)
    assert "收文登记簿" in PdfReader(str(pdf)).pages[0].extract_text()
    bad = run("letters", "add", "--incoming", "--title", "", "--counterpart", "x", "--db", db)
    assert bad.returncode == 1 and "标题" in bad.stderr


def test_user_templates(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _ok("documents", "template-copy", "letter", "mine", "--name", "我的函", "--db", db)
    text = _ok("documents", "template-show", "mine", "--db", db)
    changed = tmp_path / "mine.tpl"
    changed.write_text(text + "此致\n{{closing|结束语}}\n", encoding="utf-8")
    _ok("documents", "template-save", "mine", "--file", changed, "--name", "我的函", "--db", db)
    listed = json.loads(_ok("documents", "templates", "--json", "--db", db))
    mine = {"key": "mine", "kind": "letter", "name": "我的函", "builtin": False, "docx": False}
    assert mine in listed
    out = _ok("document", "new", "--kind", "letter", "--template", "mine", "--db", db)
    assert "结束语" in out
    refused = run(
        "documents", "template-save", "letter", "--file", changed, "--name", "x", "--db", db
    )
    assert refused.returncode == 1 and "内置模板" in refused.stderr


def test_a_contract_and_its_source_document_deleted_and_restored_in_any_order(tmp_path):
    """The contract outlives its document (the link is cleared, the contract kept); restoring
    the document links them again; a contract whose document is in the bin asks for the
    document first, by name, and loses nothing."""
    db = new_archive(tmp_path / "a.sqlite3")
    _ok("company", "--name", "华信科技有限公司", "--db", db)
    client = json.loads(_ok("add-client", "--name", "北京恒信", "--json", "--db", db))
    sets = [x for pair in CONTRACT_SETS for x in ("--set", pair)]
    _ok("document", "new", "--kind", "agreement", "--template", "purchase_contract",
        "--client", client["id"], "--line", "服务器|R740|1|台|100", *sets, "--by", "张三",
        "--db", db)  # fmt: skip
    _ok("document", "submit", "1", "--by", "张三", "--db", db)
    _ok("document", "approve", "1", "--by", "李四", "--db", db)
    assert "合同台账：HX-1（合同 #1）" in _ok("document", "show", "1", "--db", db)

    _ok("document", "delete", "1", "--db", db)
    kept = _ok("contract", "show", "1", "--db", db)
    assert "HX-1" in kept and "¥100.00" in kept
    _ok("bin", "restore", "document", "1", "--db", db)
    assert "合同台账：HX-1（合同 #1）" in _ok("document", "show", "1", "--db", db)

    _ok("contract", "delete", "1", "--yes", "--db", db)
    _ok("document", "delete", "1", "--db", db)
    refused = run("bin", "restore", "contract", "1", "--db", db)
    assert refused.returncode == 1 and "请先恢复文书" in refused.stderr
    assert "Traceback" not in refused.stderr
    _ok("bin", "restore", "document", "1", "--db", db)
    _ok("bin", "restore", "contract", "1", "--db", db)
    assert "合同台账：HX-1（合同 #1）" in _ok("document", "show", "1", "--db", db)
    assert [c["number"] for c in json.loads(_ok("contracts", "list", "--json", "--db", db))] == [
        "HX-1"
    ]


def test_the_author_cannot_approve_their_own_draft(tmp_path):
    """Issue 13 §4: "the author does not approve their own draft"."""
    db = new_archive(tmp_path / "a.sqlite3")
    sets = ["subject=放假", "recipient=各单位", "body=放假安排"]
    _ok("document", "new", "--kind", "notice", "--template", "notice", "--by", "刘芳",
        *[x for s in sets for x in ("--set", s)], "--db", db)  # fmt: skip
    _ok("document", "submit", "1", "--by", "刘芳", "--db", db)
    own = run("document", "approve", "1", "--by", "刘芳", "--db", db)
    assert own.returncode == 1 and "Traceback" not in own.stderr
    assert "审批人：“刘芳”是本文书草稿的起草人，不能审批自己起草的文书" in own.stderr
    assert "已批准" in _ok("document", "approve", "1", "--by", "王经理", "--db", db)

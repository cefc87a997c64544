"""rebate / plan / contract (add, edit, delete) / receipt / receipts / import receipts through
the real entry point."""

from __future__ import annotations

import json

from cli_runner import new_archive
from cli_runner import run_cli as run
from pypdf import PdfReader


def test_rebate_quote_prints_tier_and_amount(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    out = run("rebate", "quote", "--sales", "200,000.01", "--receipts", "12345.67", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "适用返点比例 8%" in out.stdout and "返点 ¥987.65" in out.stdout
    data = json.loads(
        run(
            "rebate", "quote", "--sales", "200000", "--receipts", "0.10", "--json", "--db", db
        ).stdout
    )
    assert data["rate"] == "0.05" and data["amount"] == "0.01"
    bad = run("rebate", "quote", "--sales", "abc", "--receipts", "1", "--db", db)
    assert bad.returncode == 1 and "销售额：金额无效“abc”" in bad.stderr


def test_rebate_tiers_can_be_set(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    out = run("rebate", "tiers", "--set", ">=0:3%", ">=500000:6%", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "销售额 ≥ ¥500,000.00：6%" in out.stdout
    quote = run("rebate", "quote", "--sales", "500000", "--receipts", "100", "--db", db)
    assert "返点 ¥6.00" in quote.stdout
    bad = run("rebate", "tiers", "--set", ">=10:3%", "--db", db)
    assert bad.returncode == 1 and "第一档必须从 0 起" in bad.stderr


def _client(db) -> int:
    out = run(
        "add-client", "--name", "广州恒通贸易有限公司", "--owner", "张伟", "--json", "--db", db
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)["id"]


def test_contract_receipt_rebate_approval_and_pdfs(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    cid = _client(db)
    added = run(
        "contract",
        "add",
        "--number",
        "HT-2026-01",
        "--client",
        cid,
        "--signed",
        "2026-03-02",
        "--line",
        "服务器,2,台,150000",
        "--line",
        "安装服务,1,项,0.10",
        "--db",
        db,
    )
    assert added.returncode == 0, added.stderr
    assert "金额 ¥300,000.10" in added.stdout
    listed = json.loads(run("contracts", "list", "--json", "--db", db).stdout)
    assert listed[0]["number"] == "HT-2026-01" and listed[0]["products"] == 2
    paid = run(
        "receipt",
        "add",
        "--client",
        cid,
        "--amount",
        "100000",
        "--date",
        "2026-04-01",
        "--contract",
        "HT-2026-01",
        "--db",
        db,
    )
    assert paid.returncode == 0, paid.stderr
    ageing = run("receivables", "--db", db)
    assert "90天以上" in ageing.stdout and "200,000.10" in ageing.stdout

    applied = run(
        "rebate",
        "apply",
        cid,
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--by",
        "李娜",
        "--db",
        db,
    )
    assert applied.returncode == 0, applied.stderr
    assert "返点 ¥8,000.00" in applied.stdout and "待大客户部经理审批" in applied.stdout
    rid = json.loads(run("rebate", "list", "--json", "--db", db).stdout)[0]["id"]
    skipped = run("rebate", "approve", rid, "--step", "gm", "--by", "赵总", "--db", db)
    assert skipped.returncode == 1 and "不能越级审批" in skipped.stderr
    letter = tmp_path / "letter.pdf"
    refused = run("pdf", "rebate-letter", rid, letter, "--db", db)
    assert refused.returncode == 1 and "不能出具返点确认函" in refused.stderr
    assert not letter.exists()
    for step, who in (("manager", "王经理"), ("marketing", "刘"), ("gm", "赵总")):
        ok = run(
            "rebate", "approve", rid, "--step", step, "--by", who, "--comment", "同意", "--db", db
        )
        assert ok.returncode == 0, ok.stderr
    again = run("rebate", "approve", rid, "--step", "gm", "--by", "赵总", "--db", db)
    assert again.returncode == 1 and "审批已结束" in again.stderr
    assert "[已批准]" in run("rebate", "list", "--db", db).stdout
    form = tmp_path / "form.pdf"
    assert run("pdf", "rebate-form", rid, form, "--db", db).returncode == 0
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(form).pages)
    assert "不得向客户承诺" in text
    made = run("pdf", "rebate-letter", rid, letter, "--db", db)
    assert made.returncode == 0, made.stderr
    assert "销售返点确认函" in PdfReader(letter).pages[0].extract_text()
    # issued as a 函: its 发文字号 said and a 发文 in the register, the same on a reprint
    assert "发文字号 〔2026〕1号，已登记发文" in made.stdout
    again = run("pdf", "rebate-letter", rid, tmp_path / "again.pdf", "--db", db)
    assert "〔2026〕1号" in again.stdout
    sent = json.loads(run("letters", "list", "--outgoing", "--json", "--db", db).stdout)
    assert [x["title"] for x in sent] == ["销售返点确认函"]


def test_rebate_reject_needs_reason_and_is_final(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    cid = _client(db)
    run(
        "contract",
        "add",
        "--number",
        "H1",
        "--client",
        cid,
        "--signed",
        "2026-05-01",
        "--amount",
        "1000",
        "--db",
        db,
    )
    run("receipt", "add", "--client", cid, "--amount", "1000", "--date", "2026-05-02", "--db", db)
    run("rebate", "apply", cid, "--from", "2026-05-01", "--to", "2026-05-31", "--db", db)
    out = run("rebate", "reject", "1", "--by", "王经理", "--reason", "有逾期应收款", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "已驳回" in out.stdout and "有逾期应收款" in out.stdout


def test_plan_set_and_show_with_split(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    out = run(
        "plan",
        "set",
        "2026-10",
        "--owner",
        "张伟",
        "--visits",
        "36",
        "--signed-amount",
        "180000",
        "--db",
        db,
    )
    assert out.returncode == 0, out.stderr
    shown = run("plan", "show", "2026-10", "--db", db)
    assert "工作日 18 天" in shown.stdout and "调休上班：10-10" in shown.stdout
    data = json.loads(run("plan", "show", "2026-10", "--json", "--db", db).stdout)
    assert data["team"]["targets"]["visits"] == 36
    assert [d["targets"]["visits"] for d in data["decades"]] == [6, 14, 16]
    assert sum(int(d["targets"]["visits"]) for d in data["days"]) == 36
    future = json.loads(run("plan", "show", "2031-03", "--json", "--db", db).stdout)
    assert future["note"] == "调休未公布" and len(future["working_days"]) == 21
    bad = run("plan", "set", "2026-10", "--visits", "-3", "--db", db)
    assert bad.returncode == 1 and "拜访数量" in bad.stderr
    progress = run("plan", "progress", "2026-10", "--db", db)
    assert progress.returncode == 0 and "按旬" in progress.stdout


def test_import_receipts_reports_rows(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    cid = _client(db)
    run(
        "contract",
        "add",
        "--number",
        "H1",
        "--client",
        cid,
        "--signed",
        "2026-05-01",
        "--amount",
        "1000",
        "--db",
        db,
    )
    path = tmp_path / "r.csv"
    path.write_text(
        "回款日期,客户名称,合同编号,金额,方式\n"
        "2026-05-10,广州恒通贸易有限公司,H1,600,转账\n"
        "2026-05-11,不存在,,5,\n",
        encoding="utf-8",
    )
    out = run("import", "receipts", path, "--json", "--db", db)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["imported"] == 1
    assert report["rejected"] == [{"row": 3, "column": "客户名称", "reason": "找不到客户“不存在”"}]
    assert "已回款 ¥600.00" in run("contracts", "list", "--db", db).stdout


# --- editing and deleting contracts and receipts ----------------------------------------------


def _two_contracts_one_receipt(db) -> int:
    cid = _client(db)
    for number, line in (("HT-1", "服务器,2,台,150000"), ("HT-2", "打印机,1,台,3000")):
        added = run(
            "contract", "add", "--number", number, "--client", cid, "--signed", "2026-03-02",
            "--line", line, "--db", db,
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
    paid = run(
        "receipt", "add", "--client", cid, "--amount", "1000", "--date", "2026-03-10",
        "--contract", "HT-1", "--db", db,
    )  # fmt: skip
    assert paid.returncode == 0, paid.stderr
    return cid


def test_contract_edit_changes_only_what_is_given(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _two_contracts_one_receipt(db)
    out = run(
        "contract", "edit", "1", "--number", "HT-1A", "--line", "服务器,3,台,100000",
        "--line", "安装,1,项,500", "--terms", "验收后60天", "--payment-days", "60", "--db", db,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "已修改合同 #1 HT-1A" in out.stdout and "¥300,500.00" in out.stdout
    shown = json.loads(run("contract", "show", "1", "--json", "--db", db).stdout)
    assert shown["signed_on"] == "2026-03-02" and shown["owner"] == "张伟"  # kept
    assert shown["payment_terms"] == "验收后60天" and shown["due_on"] == "2026-05-01"
    assert [line["product"] for line in shown["lines"]] == ["服务器", "安装"]
    assert shown["receipts"][0]["contract_number"] == "HT-1A"
    found = run("search", "HT-1A", "--db", db).stdout
    assert "[合同] #1" in found and "[回款] #1" in found


def test_contract_edit_refuses_bad_input_and_unknown_ids(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _two_contracts_one_receipt(db)
    cases = [
        (("contract", "edit", "2", "--number", "HT-1"), "合同编号：合同编号“HT-1”已存在"),
        (("contract", "edit", "2", "--signed", "2026-02-30"), "签订日期"),
        (("contract", "edit", "2", "--amount", "9"), "请用 --line 重新给出明细"),
        (("contract", "edit", "2", "--line", "打印机,x,台,1"), "数量"),
        (("contract", "edit", "99", "--number", "X"), "合同 #99 不存在"),
    ]
    for args, message in cases:
        out = run(*args, "--db", db)
        assert out.returncode == 1 and message in out.stderr, (args, out.stderr)
    shown = json.loads(run("contract", "show", "2", "--json", "--db", db).stdout)
    assert shown["number"] == "HT-2" and shown["amount"] == "3000.00"  # nothing changed


def test_delete_needs_yes_and_a_paid_contract_needs_its_receipts_gone_first(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    cid = _two_contracts_one_receipt(db)
    unconfirmed = run("contract", "delete", "2", "--db", db)
    assert unconfirmed.returncode == 1 and "请加 --yes 确认" in unconfirmed.stderr
    assert run("contract", "delete", "2", "--yes", "--db", db).returncode == 0
    refused = run("contract", "delete", "1", "--yes", "--db", db)
    assert refused.returncode == 1
    assert "合同“HT-1”已登记 1 笔回款，不能删除；请先删除这些回款" in refused.stderr
    listed = run("receipts", "--client", "广州恒通贸易有限公司", "--db", db)
    assert (
        listed.returncode == 0 and "#1 2026-03-10" in listed.stdout and "合同 HT-1" in listed.stdout
    )
    assert json.loads(run("receipts", "--client", cid, "--json", "--db", db).stdout)[0]["id"] == 1
    unknown = run("receipts", "--client", "无此客户", "--db", db)
    assert unknown.returncode == 1 and "找不到客户“无此客户”" in unknown.stderr
    assert run("receipt", "delete", "1", "--db", db).returncode == 1
    deleted = run("receipt", "delete", "1", "--yes", "--db", db)
    assert deleted.returncode == 0 and "已删除回款 #1" in deleted.stdout
    again = run("receipt", "delete", "1", "--yes", "--db", db)
    assert again.returncode == 1 and "不存在" in again.stderr
    assert run("contract", "delete", "1", "--yes", "--db", db).returncode == 0
    assert "没有合同" in run("contracts", "list", "--db", db).stdout
    assert "没有回款" in run("receipts", "--db", db).stdout


def test_rebate_in_advance_separation_of_duties_and_settlement(tmp_path):
    """Issue 13 §4, the handbook: "applied for in advance to the key-account department manager
    (大客户部经理), then approved by the marketing centre (市场营销中心) and the general manager
    (总经理)". Expected sales 150,000 (<= 200,000: 5%, about 7,500.00); actual sales 300,000.10
    (8%), receipts 100,000 -> 8,000.00: another tier, back to approval, difference +500.00."""
    db = new_archive(tmp_path / "a.sqlite3")
    cid = _client(db)
    applied = run(
        "rebate", "apply", cid, "--from", "2026-01-01", "--to", "2026-06-30",
        "--expected-sales", "150,000", "--by", "李娜", "--db", db,
    )  # fmt: skip
    assert applied.returncode == 0, applied.stderr
    assert "提前申请：预计销售额 ¥150,000.00，批准比例 5%，预计返点 ¥7,500.00" in applied.stdout
    assert "本轮审批：大客户部经理 待审批；市场营销中心 待审批；总经理 待审批" in applied.stdout
    rid = json.loads(run("rebate", "list", "--json", "--db", db).stdout)[0]["id"]
    own = run("rebate", "approve", rid, "--by", "李娜", "--db", db)
    assert own.returncode == 1
    assert "审批人：“李娜”是本申请的申请人，不能审批自己的申请" in own.stderr
    assert "Traceback" not in own.stderr
    assert run("rebate", "approve", rid, "--by", "王经理", "--db", db).returncode == 0
    twice = run("rebate", "approve", rid, "--by", "王经理", "--db", db)
    assert twice.returncode == 1 and "已在“大客户部经理”环节审批过" in twice.stderr
    early = run("rebate", "settle", rid, "--db", db)
    assert early.returncode == 1 and "结算：只有全部审批通过的提前申请才能结算" in early.stderr
    for who in ("刘主任", "赵总"):
        assert run("rebate", "approve", rid, "--by", who, "--db", db).returncode == 0
    added = run(
        "contract", "add", "--number", "HT-1", "--client", cid, "--signed", "2026-03-02",
        "--line", "服务器,2,台,150000", "--line", "安装服务,1,项,0.10", "--db", db,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    paid = run(
        "receipt", "add", "--client", cid, "--amount", "100000", "--date", "2026-04-01",
        "--db", db,
    )  # fmt: skip
    assert paid.returncode == 0, paid.stderr
    settled = run("rebate", "settle", rid, "--by", "李娜", "--db", db)
    assert settled.returncode == 0, settled.stderr
    assert (
        "结算对照（档位不同，须重新经三级审批）：批准 5% ¥7,500.00；实际 8% ¥8,000.00；差额 +¥500.00"
        in settled.stdout
    )
    assert "已退回大客户部经理重新审批" in settled.stdout
    shown = json.loads(run("rebate", "show", rid, "--json", "--db", db).stdout)
    assert shown["settlement"] == "review" and shown["status"] == "applied"
    assert shown["tier_change"]["difference"] == "500.00"
    assert shown["step_states"] == {"manager": "pending", "marketing": "pending", "gm": "pending"}
    rejected = run("rebate", "reject", rid, "--by", "王经理", "--reason", "超预算", "--db", db)
    assert "本轮审批：大客户部经理 已驳回；市场营销中心 不适用；总经理 不适用" in rejected.stdout


def test_receivables_reads_the_ageing_once_and_its_total_line_sums_the_rows(tmp_path, monkeypatch):
    """The command printed the rows, then read every receivable again for the total line
    (3 s instead of 1.5 s on a department's archive)."""
    from app.services import receivables

    db = new_archive(tmp_path / "a.sqlite3")
    cid = _client(db)
    for number, amount in (("HT-1", "1000"), ("HT-2", "2345.60")):
        added = run(
            "contract", "add", "--number", number, "--client", cid, "--signed", "2026-01-05",
            "--line", f"服务器,1,台,{amount}", "--db", db,
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
    reads = []
    real = receivables.receivables
    monkeypatch.setattr(
        receivables, "receivables", lambda *a, **k: reads.append(a) or real(*a, **k)
    )
    ageing = run("receivables", "--db", db)
    assert ageing.returncode == 0, ageing.stderr
    assert len(reads) == 1
    total = ageing.stdout.splitlines()[-1].split("\t")
    assert total[:2] == ["合计", "3,345.60"]

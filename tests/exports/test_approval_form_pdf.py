"""The printed 审批表 of documents read back: the particulars, a box per step with the opinion
recorded in the app, and the spaces to sign and date by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pdf_checks import assert_cjk_font_embedded, page_text
from pypdf import PdfReader

from app.domain.documents import ContractLine, ReviewAction
from app.domain.records import ClientDraft
from app.services import clients, documents, settings
from app.services.documents.approval_form import write_approval_form


@pytest.fixture
def client(archive):
    settings.save_company(archive, settings.CompanySettings(name="华信科技有限公司"))
    return clients.create_client(archive, ClientDraft("北京恒信贸易有限公司"))


def _flat(path) -> str:
    return "".join("".join(page_text(p).split()) for p in PdfReader(str(path)).pages)


def test_a_notice_gets_a_dispatch_form_with_the_steps_to_sign(archive, client, tmp_path):
    record = documents.create_document(
        archive,
        "notice",
        "notice",
        client_id=client.id,
        values={"subject": "调价", "recipient": "各单位", "body": "自下月起调价。"},
    )
    documents.review(archive, record.id, ReviewAction.SUBMIT, "刘芳")
    documents.review(archive, record.id, ReviewAction.APPROVE, "赵总", "同意发出")
    out = tmp_path / "form.pdf"
    assert write_approval_form(archive, record.id, out) == 1
    flat = _flat(out)
    assert flat.startswith("华信科技有限公司发文审批单文件名称关于调价的通知")
    assert "相关客户北京恒信贸易有限公司" in flat and "当前状态已批准" in flat
    steps = [flat.index(step) for step in ("拟稿人(签字)", "审核人(签字)", "签发人(签字)")]
    assert steps == sorted(steps)
    assert flat.count("日期:____年__月__日") == 3 and flat.count("(签字):______") == 3
    assert "送审:第1稿(系统登记:刘芳," in flat
    assert "意见:同意。同意发出(系统登记:赵总," in flat
    assert_cjk_font_embedded(out)


def test_a_contract_gets_a_contract_form_with_its_amount(archive, client, tmp_path):
    line = ContractLine("服务器", "R740", Decimal("2"), "台", Decimal("45000.50"))
    record = documents.create_document(
        archive, "agreement", "purchase_contract", client_id=client.id, lines=(line,)
    )
    out = tmp_path / "form.pdf"
    write_approval_form(archive, record.id, out)
    flat = _flat(out)
    assert "合同审批表" in flat and "合同金额¥90,001.00(大写:玖万零壹元整)" in flat
    assert "批准人(签字):______" in flat and "送审:" in flat  # not submitted yet: blank


def test_a_returned_document_prints_the_step_after_review_as_not_applicable(
    archive, client, tmp_path
):
    """Issue 13 §4: "A rejected form shows later steps as 不适用, not 待审批": a draft 退回 at
    review prints its return in the 审核 box and nothing to sign in the 签发 box."""
    record = documents.create_document(
        archive,
        "notice",
        "notice",
        client_id=client.id,
        values={"subject": "调价", "recipient": "各单位", "body": "自下月起调价。"},
        author="刘芳",
    )
    documents.review(archive, record.id, ReviewAction.SUBMIT, "刘芳")
    documents.review(archive, record.id, ReviewAction.RETURN, "王经理", "调价幅度需核实")
    out = tmp_path / "form.pdf"
    assert write_approval_form(archive, record.id, out) == 1
    flat = _flat(out)
    review = flat.index("审核意见:退回。调价幅度需核实(系统登记:王经理,")
    assert review < flat.index("签发不适用(审核已退回)")
    assert flat.count("(签字):______") == 2  # 拟稿人 and 审核人 only
    assert "签发人(签字)" not in flat and "待审批" not in flat

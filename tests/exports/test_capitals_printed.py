"""The 大写金额 printed on the contract approval form ends with 整 after 角 (《会计基础工作规范》
第五十二条(二): "大写金额数字到元或者角为止的，在"元"或者"角"字之后应当写"整"字或者"正"字"),
read back from the PDF."""

from __future__ import annotations

from decimal import Decimal

from pdf_checks import assert_cjk_font_embedded, page_text
from pypdf import PdfReader

from app.domain.documents import ContractLine
from app.domain.records import ClientDraft
from app.services import clients, documents, settings
from app.services.documents.approval_form import write_approval_form


def test_contract_form_writes_zheng_after_jiao(archive, tmp_path):
    settings.save_company(archive, settings.CompanySettings(name="华信科技有限公司"))
    client = clients.create_client(archive, ClientDraft("北京恒信贸易有限公司"))
    # 2 x 617.25 = 1,234.50: 壹仟贰佰叁拾肆元伍角整
    line = ContractLine("交换机", "S5735", Decimal("2"), "台", Decimal("617.25"))
    record = documents.create_document(
        archive, "agreement", "purchase_contract", client_id=client.id, lines=(line,)
    )
    out = tmp_path / "form.pdf"
    write_approval_form(archive, record.id, out)
    flat = "".join("".join(page_text(p).split()) for p in PdfReader(str(out)).pages)
    assert "合同金额¥1,234.50(大写:壹仟贰佰叁拾肆元伍角整)" in flat
    assert_cjk_font_embedded(out)

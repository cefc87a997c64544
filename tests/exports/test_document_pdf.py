"""Document PDFs (agreement, notice, fax) and the letters register read back with pypdf."""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from agreement_samples import agreement_values
from pdf_checks import assert_cjk_font_embedded, page_text
from pypdf import PdfReader

from app.domain.documents import LetterDirection
from app.domain.enums import ClientStatus, Tier
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients, documents, letters, settings
from app.services.documents import BLANK_DATE, ContractLine
from app.services.letters import LetterDraft

VALUES = agreement_values(
    contract_no="HX-2026-018", sign_place="北京市海淀区", delivery_place="甲方指定仓库"
)


# 开票信息 complete: the contract templates print both parties' invoice details
INVOICED_CLIENT = ClientDraft(
    name="北京恒信贸易有限公司",
    uscc="91110105MA00HX1235",
    tier=Tier.A,
    status=ClientStatus.ACTIVE,
    invoice_address="北京市朝阳区建国路88号 010-65001234",
    bank="招商银行北京分行",
    bank_account="1109 0123 4567 890",
)


@pytest.fixture
def linked(archive):
    settings.save_company(
        archive,
        settings.CompanySettings(
            name="华信科技有限公司",
            uscc="91110108MA01ABCD2H",
            address="北京市海淀区中关村大街1号",
            phone="010-88886666",
            fax="010-88886667",
            bank="中国工商银行北京海淀支行",
            bank_account="0200004509001234567",
        ),
    )
    client = clients.create_client(archive, INVOICED_CLIENT)
    contact = clients.add_contact(
        archive, client.id, ContactDraft(name="刘洋", title="采购经理", phone="010-66668888")
    )
    return client.id, contact.id


D1 = Decimal("1")


def _one_line_contract(archive, client_id, line: ContractLine):
    return documents.create_document(
        archive, "agreement", "purchase_contract", client_id=client_id, values=VALUES, lines=[line]
    )


def _text(path) -> str:
    return "\n".join(page_text(page) for page in PdfReader(str(path)).pages)


def test_agreement_prints_draft_then_final(archive, linked, tmp_path):
    client_id, _contact = linked
    lines = [
        ContractLine(f"服务器型号{i}", f"R{i}", Decimal("2"), "台", Decimal("45000.50"))
        for i in range(1, 4)
    ]
    doc = documents.create_document(
        archive, "agreement", "purchase_contract", client_id=client_id, values=VALUES, lines=lines
    )
    draft = documents.print_document(archive, doc.id, tmp_path / "draft.pdf")
    assert draft.draft and draft.pages >= 2
    reader = PdfReader(str(tmp_path / "draft.pdf"))
    assert len(reader.pages) == draft.pages
    width, height = (float(x) for x in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4
    text = _text(tmp_path / "draft.pdf")
    for expected in (
        "购销合同",
        "北京恒信贸易有限公司",
        "华信科技有限公司",
        "贰拾柒万零叁元整",
        "270,003.00",
        "甲方(需方)",
        "单位名称(盖章)",
        "草稿",
        f"第 1 页 共 {draft.pages} 页",
    ):
        assert expected in text.replace("\n", ""), expected
    assert "{{" not in text and "【未填" not in text
    assert_cjk_font_embedded(tmp_path / "draft.pdf")

    documents.review(archive, doc.id, "submit")
    documents.review(archive, doc.id, "approve", actor="王经理")
    final = documents.print_document(archive, doc.id, tmp_path / "final.pdf")
    assert not final.draft
    assert "草稿" not in _text(tmp_path / "final.pdf")


def test_agreement_is_dated_when_signed_never_by_the_print_day(archive, linked, tmp_path):
    """签订日期 in the header and in the signing table: a blank line to fill in by hand until
    the agreement is signed, then the day of signing, however late it is reprinted."""
    from datetime import datetime

    client_id, _contact = linked
    lines = [ContractLine("服务器", "R740", Decimal("1"), "台", Decimal("45800"))]
    doc = documents.create_document(
        archive, "agreement", "purchase_contract", client_id=client_id, values=VALUES, lines=lines
    )
    documents.review(archive, doc.id, "submit")
    documents.review(archive, doc.id, "approve", actor="王经理")
    documents.print_document(archive, doc.id, tmp_path / "approved.pdf")
    text = _text(tmp_path / "approved.pdf")
    assert "2026年11月26日" not in text  # the print day (the archive's today)
    blank = unicodedata.normalize("NFKC", BLANK_DATE)  # as page_text reads it
    assert text.count(blank) == 3  # a line to write on: the header and both parties

    archive.clock = lambda: datetime(2026, 12, 3, 15, 0)
    documents.review(archive, doc.id, "sign", actor="王经理")
    archive.clock = lambda: datetime(2027, 1, 20, 9, 0)  # reprinted next month
    documents.print_document(archive, doc.id, tmp_path / "signed.pdf")
    text = _text(tmp_path / "signed.pdf").replace("\n", "")
    assert text.count("2026年12月3日") == 3 and "2027年1月20日" not in text
    assert blank not in text


def test_returned_document_prints_as_draft(archive, linked, tmp_path):
    client_id, _contact = linked
    doc = _one_line_contract(
        archive, client_id, ContractLine("软件", "", D1, "套", Decimal("1000"))
    )
    documents.review(archive, doc.id, "submit")
    documents.review(archive, doc.id, "return", comment="补充质保条款")
    result = documents.print_document(archive, doc.id, tmp_path / "r.pdf")
    assert result.draft and "草稿" in _text(tmp_path / "r.pdf")


def test_ten_page_agreement(archive, linked, tmp_path):
    client_id, _contact = linked
    lines = [
        ContractLine(f"配件{i:03d}", "标准型", Decimal("3"), "件", Decimal("120.35"))
        for i in range(1, 300)
    ]
    doc = documents.create_document(
        archive, "agreement", "purchase_contract", client_id=client_id, values=VALUES, lines=lines
    )
    result = documents.print_document(archive, doc.id, tmp_path / "long.pdf")
    assert result.pages >= 8
    assert f"第 {result.pages} 页 共 {result.pages} 页" in _text(tmp_path / "long.pdf")


def test_issued_notice_and_fax_cover(archive, linked, tmp_path):
    client_id, contact_id = linked
    documents.save_number_prefix(archive, "notice", "华信通")
    notice = documents.create_document(
        archive,
        "notice",
        "notice",
        client_id=client_id,
        values={"subject": "春节放假安排", "recipient": "各合作单位", "body": "放假时间如下。"},
    )
    documents.review(archive, notice.id, "submit")
    documents.review(archive, notice.id, "approve")
    documents.issue_document(archive, notice.id)
    documents.print_document(archive, notice.id, tmp_path / "notice.pdf")
    text = _text(tmp_path / "notice.pdf")
    assert "华信通〔2026〕1号" in text and "关于春节放假安排的通知" in text
    # the 公文 profile (GB/T 9704): 发文机关标志, 署名 and 成文日期, the seal stamped by hand
    assert "华信科技有限公司文件" in text and "2026年11月26日" in text.replace(" ", "")
    assert "各合作单位:" in text and "— 1 —" in text
    assert "草稿" not in text

    fax = documents.create_document(
        archive,
        "fax",
        "fax_cover",
        client_id=client_id,
        contact_id=contact_id,
        values={"sender": "张三", "pages": "3", "subject": "报价单", "client.fax": "010-66668899"},
    )
    result = documents.print_document(archive, fax.id, tmp_path / "fax.pdf")
    text = _text(tmp_path / "fax.pdf")
    for expected in ("传", "刘洋", "010-66668899", "010-88886667", "页数(含封面)", "草稿"):
        assert expected in text, expected
    # an unnumbered draft says when it gets its number, not a raw 〔 〕号 placeholder
    assert "传真编号:\n(发文时编号)" in text and "〔" not in text and result.pages == 1


def test_letters_register_pdf(archive, tmp_path):
    for day in range(1, 41):
        letters.add_letter(
            archive,
            LetterDraft(
                LetterDirection.INCOMING,
                f"关于第{day}批供货的函",
                "北京恒信贸易有限公司",
                dated_on=date(2026, 1 + day % 10, 1 + day % 27),
                reply_due=date(2026, 11, 30),
            ),
        )
    pages = letters.register_pdf(archive, tmp_path / "in.pdf", LetterDirection.INCOMING)
    text = _text(tmp_path / "in.pdf")
    assert pages >= 2 and "收文登记簿" in text and "共 40 件" in text
    assert "关于第40批供货的函" in text.replace("\n", "")
    assert_cjk_font_embedded(tmp_path / "in.pdf")


def test_letters_register_is_landscape_with_numbers_and_dates_unbroken(archive, tmp_path):
    """123 letters from long-named senders: A4 landscape, a row a line, so a few pages (it was
    13 portrait pages with 收〔2026〕/1号 split); the header row on every page, page footer."""
    senders = ("乌鲁木齐宏启电子股份有限公司", "合肥鑫信信息技术有限公司", "长沙中天化工有限公司")
    for n in range(1, 124):
        letters.add_letter(
            archive,
            LetterDraft(
                LetterDirection.INCOMING,
                "关于调整年度采购计划及交货时间的函",
                senders[n % 3],
                dated_on=date(2026, 1 + n % 10, 1 + n % 27),
                their_number=f"乌鲁木齐函〔2026〕{n}号",
                handler="刘芳",
                reply_due=date(2026, 12, 20),
                archived_on=date(2026, 11, 2),
            ),
        )
    out = tmp_path / "in.pdf"
    pages = letters.register_pdf(archive, out, LetterDirection.INCOMING)
    reader = PdfReader(str(out))
    assert pages == len(reader.pages) <= 6
    for number, page in enumerate(reader.pages, start=1):
        width, height = (float(x) for x in page.mediabox[2:])
        assert (round(width), round(height)) == (842, 595)  # A4 landscape
        text = page_text(page)
        assert "收文号" in text and "来文字号" in text  # the header row repeats
        assert f"第 {number} 页 共 {pages} 页" in text
    lines = [line for page in reader.pages for line in page_text(page).split("\n")]
    for n in range(1, 124):
        assert any(f"收〔2026〕{n}号" in line for line in lines), n
        assert any(f"乌鲁木齐函〔2026〕{n}号" in line for line in lines), n
    assert sum("2026-12-20" in line for line in lines) == 123
    assert sum(senders[0] in line for line in lines) == 41  # a sender's name on one line
    assert_cjk_font_embedded(out)


def test_the_signing_table_is_never_split_across_pages(archive, linked, tmp_path):
    client_id, _contact = linked
    for count in (1, 2, 12, 30):  # the table falls near a page end in some of them
        lines = [
            ContractLine(f"配件{i:03d}", "标准型", Decimal("1"), "件", Decimal("10"))
            for i in range(count)
        ]
        doc = documents.create_document(
            archive,
            "agreement",
            "purchase_contract",
            client_id=client_id,
            values=VALUES,
            lines=lines,
        )
        out = tmp_path / f"sign{count}.pdf"
        documents.print_document(archive, doc.id, out)
        pages = [page_text(page) for page in PdfReader(str(out)).pages]
        first = [n for n, text in enumerate(pages) if "单位名称(盖章)" in text]
        last = [n for n, text in enumerate(pages) if "开户银行及账号" in text]
        assert first and first == last, f"{count} lines: table on pages {first} and {last}"


def test_the_contract_is_printed_in_chinese_punctuation(archive, linked, tmp_path):
    client_id, _contact = linked
    line = ContractLine("服务器", "R1", D1, "台", Decimal("45000.50"))
    doc = _one_line_contract(archive, client_id, line)
    documents.print_document(archive, doc.id, tmp_path / "p.pdf")
    pages = PdfReader(str(tmp_path / "p.pdf")).pages
    raw = "".join(page.extract_text() for page in pages).replace("\n", "")
    assert "需方（甲方）：北京恒信贸易有限公司" in raw
    assert "甲乙双方本着平等互利、诚实信用的原则，" in raw
    assert "需方(甲方)" not in raw and "原则," not in raw


def _pages(path) -> list[str]:
    return [page_text(p).replace("\n", "") for p in PdfReader(str(path)).pages]


def test_contract_prints_both_parties_invoice_details_and_copies_wording(archive, linked, tmp_path):
    client_id, _contact = linked
    lines = [ContractLine("服务器", "R740", Decimal("2"), "台", Decimal("45000.50"))]
    values = {**VALUES, "copies": "4", "warranty": "自验收合格之日起12个月"}
    doc = documents.create_document(
        archive, "agreement", "purchase_contract", client_id=client_id, values=values, lines=lines
    )
    documents.print_document(archive, doc.id, tmp_path / "c.pdf")
    pages = _pages(tmp_path / "c.pdf")
    text = "".join(pages).replace(" ", "")  # table cells break lines where spaces were
    for expected in (
        "开票信息甲方乙方",
        "名称北京恒信贸易有限公司华信科技有限公司",
        "纳税人识别号91110105MA00HX123591110108MA01ABCD2H",
        "地址、电话北京市朝阳区建国路88号 010-65001234",
        "北京市海淀区中关村大街1号 010-88886666",
        "开户行及账号招商银行北京分行 1109 0123 4567 890",
        "中国工商银行北京海淀支行 0200004509001234567",
        "本合同一式肆份,甲乙双方各执贰份,自双方签字盖章之日起生效",
        "质量保证期为自验收合格之日起12个月。",
    ):
        assert expected.replace(" ", "") in text, expected
    assert "各执一份" not in text and "起自验收" not in text
    signing = next(p for p in pages if "单位名称(盖章)" in p)
    assert "本合同一式肆份" in signing  # the last clause is on the signing page


def test_contract_with_missing_invoice_details_says_what_and_where(archive, tmp_path):
    settings.save_company(archive, settings.CompanySettings(name="华信科技有限公司"))
    client = clients.create_client(archive, ClientDraft(name="北京恒信贸易有限公司"))
    line = ContractLine("服务器", "R740", D1, "台", Decimal("100"))
    doc = _one_line_contract(archive, client.id, line)
    missing = [p for p in documents.missing_values(archive, doc.id) if p.key == "invoice_info"]
    assert missing and "客户开户行（客户档案）" in missing[0].label
    assert "我方统一社会信用代码（设置→公司信息）" in missing[0].label
    with pytest.raises(documents.DocumentIncomplete):
        documents.print_document(archive, doc.id, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_the_outgoing_register_names_the_incoming_letter_each_reply_answers(archive, tmp_path):
    asked = letters.add_letter(
        archive,
        LetterDraft(
            LetterDirection.INCOMING,
            "关于对账的函",
            "北京恒信贸易有限公司",
            dated_on=date(2026, 11, 2),
            reply_due=date(2026, 11, 20),
        ),
    )
    letters.add_letter(
        archive,
        LetterDraft(
            LetterDirection.OUTGOING,
            "关于对账的复函",
            "北京恒信贸易有限公司",
            dated_on=date(2026, 11, 10),
            reply_to_id=asked.id,
        ),
    )
    letters.register_pdf(archive, tmp_path / "out.pdf", LetterDirection.OUTGOING)
    lines = page_text(PdfReader(str(tmp_path / "out.pdf")).pages[0]).split("\n")
    cells = [line.strip() for line in lines]
    assert "所复收文" in cells
    row = cells[cells.index("关于对账的复函") :]
    assert asked.number in row[: row.index("第 1 页 共 1 页")], cells  # in the reply's row
    letters.register_pdf(archive, tmp_path / "in.pdf", LetterDirection.INCOMING)
    cells = [c.strip() for c in page_text(PdfReader(str(tmp_path / "in.pdf")).pages[0]).split("\n")]
    assert "已复函" in cells[cells.index(asked.number) :], cells

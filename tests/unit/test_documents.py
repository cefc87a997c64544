"""Documents and letters: placeholders, capitals, review machine, versions, numbering, register."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import cn2an
import pytest
from agreement_samples import agreement_values

from app.domain import documents as rules
from app.domain.amounts import rmb_capitals
from app.domain.documents import (
    DocStatus,
    DocumentKind,
    LetterDirection,
    LetterStatus,
    ReviewAction,
)
from app.domain.enums import ClientStatus, Tier
from app.domain.errors import NotFoundError, ValidationError
from app.domain.messages import describe
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients, documents, letters, search, settings
from app.services.documents import ContractLine, DocumentIncomplete, Edit
from app.services.letters import LetterDraft, LetterFilter

pytestmark = pytest.mark.both_backends

# --- pure rules ---------------------------------------------------------------------------------


def test_fill_reports_and_marks_a_missing_value():
    text = "交货地点:{{delivery_place|交货地点}};买方:{{client.name}}"
    values = {"client.name": "北京恒信"}
    missing = rules.missing_placeholders(text, values)
    assert [(p.key, p.label) for p in missing] == [("delivery_place", "交货地点")]
    assert (
        rules.fill(text, values, "【未填:{label}】") == "交货地点:【未填:交货地点】;买方:北京恒信"
    )
    assert (
        rules.fill(text, {**values, "delivery_place": "甲方仓库"})
        == "交货地点:甲方仓库;买方:北京恒信"
    )


def test_optional_placeholder_drops_its_line_and_blocks_are_kept():
    text = "正文\n< 附件:{{attachments|附件(可选)}}\n{{signature}}"
    assert rules.missing_placeholders(text, {"signature": "1"}) == []
    assert rules.fill(text, {}) == "正文\n{{signature}}"
    assert rules.fill(text, {"attachments": "报价单"}) == "正文\n< 附件:报价单\n{{signature}}"


def test_placeholders_know_automatic_and_free_values():
    text = "{{client.name}} {{x|甲}} {{x}} {{lines_table}} {{amount.capitals}}"
    found = rules.placeholders(text)
    assert [p.key for p in found] == ["client.name", "x", "lines_table", "amount.capitals"]
    assert [p.key for p in rules.free_placeholders(text)] == ["x"]
    assert found[0].label == "客户名称"


def test_template_lines_are_typed():
    lines = rules.parse_lines(
        "# 标题\n## 第一条\n> 右\n< 顶格\n| 日期: | 今天 |\n段落\n\n{{lines_table}}"
    )
    assert [(x.kind, x.text) for x in lines] == [
        ("title", "标题"),
        ("heading", "第一条"),
        ("right", "右"),
        ("flush", "顶格"),
        ("field", "日期:"),
        ("para", "段落"),
        ("block", "lines_table"),
    ]
    assert lines[4].value == "今天"


@pytest.mark.parametrize(
    "amount",
    [
        "0.05",
        "0.10",
        "0.50",
        "1.00",
        "10.00",
        "10.01",
        "100.10",
        "101.00",
        "1000.05",
        "10000",
        "100000",
        "100001.01",
        "1000000",
        "1000000.07",
        "12345678.90",
        "20000000.00",
        "305000.60",
    ],
)
def test_capitals_agree_with_cn2an(amount):
    """cn2an spells the figures; 整 also follows 角 (会计基础工作规范 第五十二条(二): "大写金额数字
    到元或者角为止的，在"元"或者"角"字之后应当写"整"字"), which cn2an leaves off."""
    spelled = cn2an.an2cn(f"{Decimal(amount):.2f}", "rmb")
    expected = spelled + "整" if spelled.endswith("角") else spelled
    assert rmb_capitals(Decimal(amount)) == expected


def test_capitals_spot_checks():
    assert rmb_capitals(Decimal("0.05")) == "伍分"
    assert rmb_capitals(Decimal("10.00")) == "壹拾元整"
    assert rmb_capitals(Decimal("1000000.07")) == cn2an.an2cn("1000000.07", "rmb")


def test_review_machine_happy_path_and_return():
    s = rules.next_status(DocStatus.DRAFT, ReviewAction.SUBMIT)
    assert s == DocStatus.IN_REVIEW
    assert rules.next_status(s, ReviewAction.RETURN, "价格有误") == DocStatus.RETURNED
    assert rules.next_status(DocStatus.RETURNED, ReviewAction.EDIT) == DocStatus.DRAFT
    assert rules.next_status(DocStatus.RETURNED, ReviewAction.SUBMIT) == DocStatus.IN_REVIEW
    assert rules.next_status(s, ReviewAction.APPROVE) == DocStatus.APPROVED
    assert rules.next_status(DocStatus.APPROVED, ReviewAction.SIGN) == DocStatus.SIGNED


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (DocStatus.DRAFT, ReviewAction.APPROVE),
        (DocStatus.DRAFT, ReviewAction.SIGN),
        (DocStatus.DRAFT, ReviewAction.RETURN),
        (DocStatus.IN_REVIEW, ReviewAction.EDIT),
        (DocStatus.IN_REVIEW, ReviewAction.SIGN),
        (DocStatus.IN_REVIEW, ReviewAction.SUBMIT),
        (DocStatus.APPROVED, ReviewAction.EDIT),
        (DocStatus.APPROVED, ReviewAction.RETURN),
        (DocStatus.APPROVED, ReviewAction.APPROVE),
        (DocStatus.SIGNED, ReviewAction.EDIT),
        (DocStatus.SIGNED, ReviewAction.SIGN),
        (DocStatus.SIGNED, ReviewAction.SUBMIT),
        (DocStatus.RETURNED, ReviewAction.APPROVE),
        (DocStatus.RETURNED, ReviewAction.SIGN),
    ],
)
def test_review_machine_refuses_illegal_moves(status, action):
    with pytest.raises(ValidationError) as caught:
        rules.next_status(status, action, "意见")
    assert caught.value.code == "illegal_review_move"
    assert status.value in describe(caught.value)


def test_return_needs_a_comment():
    with pytest.raises(ValidationError) as caught:
        rules.next_status(DocStatus.IN_REVIEW, ReviewAction.RETURN, "  ")
    assert caught.value.field == "review_comment"


def test_doc_number_format():
    assert rules.format_doc_number(2026, 12) == "〔2026〕12号"
    assert rules.format_doc_number(2026, 12, "华信函") == "华信函〔2026〕12号"


def test_diff_marks_added_and_removed_lines():
    diff = rules.diff_lines("甲\n乙\n丙", "甲\n乙改\n丙\n丁")
    assert [(d.mark, d.text) for d in diff] == [
        (" ", "甲"),
        ("-", "乙"),
        ("+", "乙改"),
        (" ", "丙"),
        ("+", "丁"),
    ]


def test_every_shipped_template_parses():
    templates = documents.file_templates()
    assert {t.key for t in templates} == {
        "purchase_contract",
        "framework_agreement",
        "notice",
        "letter",
        "fax_cover",
    }
    contract = next(t for t in templates if t.key == "purchase_contract")
    headings = [x.text for x in rules.parse_lines(contract.body) if x.kind == "heading"]
    for clause in ("标的", "质量标准", "交货", "验收", "付款方式", "违约责任", "争议解决", "其他"):
        assert any(clause in h for h in headings), clause
    keys = {p.key for p in rules.placeholders(contract.body)}
    assert {"lines_table", "signature", "amount.figures", "amount.capitals"} <= keys
    fax = next(t for t in templates if t.key == "fax_cover")
    assert "页数（含封面）" in {p.label for p in rules.placeholders(fax.body)}


# --- services --------------------------------------------------------------------------------------

CONTRACT_VALUES = agreement_values()


@pytest.fixture
def client_id(archive):
    settings.save_company(
        archive,
        settings.CompanySettings(
            name="华信科技有限公司",
            uscc="91110108MA01ABCD2H",
            address="北京市海淀区",
            phone="010-88886666",
            bank="中国工商银行北京海淀支行",
            bank_account="0200 0045 0900 1234 567",
        ),
    )
    record = clients.create_client(archive, INVOICED_CLIENT)
    return record.id


# A client with its 开票信息 complete (the contract templates print both parties' details).
INVOICED_CLIENT = ClientDraft(
    name="北京恒信贸易有限公司",
    uscc="91110105MA00HX1235",
    tier=Tier.A,
    status=ClientStatus.ACTIVE,
    invoice_address="北京市朝阳区建国路88号 010-65001234",
    bank="招商银行北京分行",
    bank_account="1109 0123 4567 890",
)


def _contract(archive, client_id, values=None):
    line = ContractLine("服务器", "R740", Decimal("2"), "台", Decimal("45000.50"))
    return documents.create_document(
        archive,
        "agreement",
        "purchase_contract",
        client_id=client_id,
        values=values if values is not None else CONTRACT_VALUES,
        lines=[line],
        author="张三",
    )


def test_create_fills_client_company_and_amounts(archive, client_id):
    doc = _contract(archive, client_id)
    assert doc.status == DocStatus.DRAFT and doc.version == 1
    assert documents.missing_values(archive, doc.id) == []
    text = documents.filled_text(archive, doc.id)
    assert "需方(甲方):北京恒信贸易有限公司" in text
    assert "供方(乙方):华信科技有限公司" in text
    assert "玖万零壹元整" in text and "¥90,001.00" in text
    assert "{{" not in text


def test_missing_value_refuses_printing_with_the_list(archive, client_id, tmp_path):
    values = {k: v for k, v in CONTRACT_VALUES.items() if k != "delivery_place"}
    doc = _contract(archive, client_id, values)
    assert [p.label for p in documents.missing_values(archive, doc.id)] == ["交货地点"]
    assert "【未填:交货地点】" in documents.filled_text(archive, doc.id)
    with pytest.raises(DocumentIncomplete) as caught:
        documents.print_document(archive, doc.id, tmp_path / "x.pdf")
    assert "交货地点" in describe(caught.value)
    assert not (tmp_path / "x.pdf").exists()


def test_company_and_client_hints_in_missing_values(archive):
    doc = documents.create_document(archive, "letter", "letter", values={"subject": "对账"})
    labels = [p.label for p in documents.missing_values(archive, doc.id)]
    assert "客户名称（请关联客户）" in labels
    assert "我方电话（设置→公司信息）" in labels
    assert any(label.startswith("签署栏") for label in labels)


def test_edit_makes_versions_with_note_and_diff(archive, client_id):
    doc = _contract(archive, client_id)
    changed = {**CONTRACT_VALUES, "delivery_place": "甲方二号仓库"}
    doc = documents.save_document(archive, doc.id, Edit(values=changed), author="李四")
    assert doc.version == 2
    assert doc.versions[-1].author == "李四"
    assert doc.versions[-1].created_at == datetime(2026, 11, 26, 10, 30)
    assert "交货地点" in doc.versions[-1].note
    diff = documents.diff_versions(archive, doc.id, 1, 2)
    assert ("-", "交货地点:甲方仓库。") in [(d.mark, d.text) for d in diff]
    assert ("+", "交货地点:甲方二号仓库。") in [(d.mark, d.text) for d in diff]
    again = documents.save_document(archive, doc.id, Edit(values=changed))
    assert again.version == 2  # nothing changed, no new version


def test_review_records_who_when_and_comment(archive, client_id):
    doc = _contract(archive, client_id)
    documents.review(archive, doc.id, "submit", actor="张三")
    doc = documents.review(archive, doc.id, "return", actor="王经理", comment="付款条件需改为分期")
    assert doc.status == DocStatus.RETURNED
    assert doc.reviews[-1].actor == "王经理" and doc.reviews[-1].comment == "付款条件需改为分期"
    doc = documents.save_document(
        archive, doc.id, Edit(values={**CONTRACT_VALUES, "warranty": "两年"})
    )
    assert doc.status == DocStatus.DRAFT
    with pytest.raises(ValidationError):
        documents.review(archive, doc.id, "approve", actor="王经理")
    documents.review(archive, doc.id, "submit")
    doc = documents.review(archive, doc.id, "approve", actor="王经理")
    assert doc.status == DocStatus.APPROVED and doc.approved_version == doc.version
    with pytest.raises(ValidationError) as caught:
        documents.save_document(archive, doc.id, Edit(values={}))
    assert caught.value.code == "illegal_review_move"
    doc = documents.review(archive, doc.id, "sign", actor="总经理")
    assert [r.to_status for r in doc.reviews] == ["审核中", "退回", "审核中", "已批准", "已签订"]


def _approved_notice(archive, client_id, subject="春节放假"):
    doc = documents.create_document(
        archive,
        "notice",
        "notice",
        client_id=client_id,
        values={"subject": subject, "recipient": "各合作单位", "body": "放假安排如下。"},
    )
    documents.review(archive, doc.id, "submit")
    documents.review(archive, doc.id, "approve")
    return doc


def test_issue_numbers_and_registers_outgoing(archive, client_id):
    documents.save_number_prefix(archive, "notice", "华信通")
    doc = _approved_notice(archive, client_id)
    issued = documents.issue_document(archive, doc.id, actor="王总")
    assert issued.doc_number == "华信通〔2026〕1号"
    assert issued.issued_on == date(2026, 11, 26)
    out = letters.list_letters(archive, LetterFilter(direction=LetterDirection.OUTGOING))
    assert [(r.number, r.document_id, r.handler) for r in out] == [
        ("华信通〔2026〕1号", doc.id, "王总")
    ]
    assert "华信通〔2026〕1号" in documents.filled_text(archive, doc.id)
    with pytest.raises(ValidationError):
        documents.issue_document(archive, doc.id)


def test_issue_needs_approval_and_a_numbered_kind(archive, client_id):
    draft = documents.create_document(archive, "notice", "notice", values={"subject": "x"})
    with pytest.raises(ValidationError) as caught:
        documents.issue_document(archive, draft.id)
    assert caught.value.code == "not_approved"
    contract = _contract(archive, client_id)
    with pytest.raises(ValidationError) as caught:
        documents.issue_document(archive, contract.id)
    assert caught.value.code == "not_numbered"


def test_numbers_never_repeat_after_a_deletion(archive, client_id):
    first = _approved_notice(archive, client_id, "一")
    assert documents.issue_document(archive, first.id).doc_number == "〔2026〕1号"
    documents.delete_document(archive, first.id)
    second = _approved_notice(archive, client_id, "二")
    assert documents.issue_document(archive, second.id).doc_number == "〔2026〕2号"


def test_numbering_restarts_per_year_without_clashing(archive, client_id):
    a = _approved_notice(archive, client_id, "年末")
    assert documents.issue_document(archive, a.id).doc_number == "〔2026〕1号"
    archive.clock = lambda: datetime(2027, 1, 4, 9, 0)
    b = _approved_notice(archive, client_id, "年初")
    c = _approved_notice(archive, client_id, "年初二")
    numbers = [documents.issue_document(archive, x.id).doc_number for x in (b, c)]
    assert numbers == ["〔2027〕1号", "〔2027〕2号"]
    every = [r.doc_number for r in documents.list_documents(archive) if r.doc_number]
    assert len(every) == len(set(every)) == 3


def test_user_template_from_a_file_template(archive, client_id):
    copy = documents.copy_template(archive, "letter", "our_letter", "我司函件")
    assert not copy.builtin and copy.kind == rules.DocumentKind.LETTER
    documents.save_template(
        archive, "our_letter", "我司函件", copy.body + "此致\n{{closing|结束语}}\n"
    )
    doc = documents.create_document(archive, "letter", "our_letter", client_id=client_id)
    assert "结束语" in [p.label for p in documents.missing_values(archive, doc.id)]
    with pytest.raises(ValidationError):
        documents.save_template(archive, "letter", "覆盖", "x")
    assert "our_letter" in [t.key for t in documents.list_templates(archive)]


def test_contact_must_belong_to_the_client(archive, client_id):
    other = clients.create_client(
        archive, ClientDraft(name="上海某公司", tier=Tier.C, status=ClientStatus.ACTIVE)
    )
    contact = clients.add_contact(archive, other.id, ContactDraft(name="赵六"))
    with pytest.raises(ValidationError):
        documents.create_document(
            archive, "fax", "fax_cover", client_id=client_id, contact_id=contact.id
        )
    with pytest.raises(NotFoundError):
        documents.create_document(archive, "fax", "fax_cover", client_id=9999)


def test_documents_are_searchable(archive, client_id):
    doc = _contract(archive, client_id)
    hits = search.search(archive, "购销合同")
    assert ("document", doc.id) in [(h.kind, h.id) for h in hits]
    assert ("document", doc.id) in [(h.kind, h.id) for h in search.search(archive, "甲方仓库")]
    search.rebuild_index(archive)
    assert ("document", doc.id) in [(h.kind, h.id) for h in search.search(archive, "购销")]
    assert ("document", doc.id) in [(h.kind, h.id) for h in search.search(archive, "HX-2026-001")]
    documents.delete_document(archive, doc.id)
    assert not [h for h in search.search(archive, "购销合同") if h.kind == "document"]


# --- letters ----------------------------------------------------------------------------------------


def test_incoming_letter_numbers_overdue_and_scan(archive, client_id, tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    row = letters.add_letter(
        archive,
        LetterDraft(
            LetterDirection.INCOMING,
            "关于调整供货价格的函",
            "北京恒信贸易有限公司",
            dated_on=date(2026, 11, 2),
            their_number="恒信函〔2026〕8号",
            reply_due=date(2026, 11, 20),
            client_id=client_id,
        ),
    )
    assert row.number == "收〔2026〕1号" and row.status == LetterStatus.PENDING and row.overdue
    letters.attach_scan(archive, row.id, scan)
    assert [s.original_name for s in letters.scans(archive, row.id)] == ["scan.pdf"]
    assert [r.id for r in letters.overdue_letters(archive)] == [row.id]
    done = letters.set_status(archive, row.id, LetterStatus.DONE)
    assert not done.overdue and letters.overdue_letters(archive) == []
    assert ("letter", row.id) in [(h.kind, h.id) for h in search.search(archive, "供货价格")]
    letters.delete_letter(archive, row.id)
    assert letters.list_letters(archive) == []


def test_letter_validation_names_the_field(archive):
    with pytest.raises(ValidationError) as caught:
        letters.add_letter(archive, LetterDraft(LetterDirection.INCOMING, "", "某单位"))
    assert caught.value.field == "letter_title"
    with pytest.raises(ValidationError) as caught:
        letters.add_letter(
            archive,
            LetterDraft(
                LetterDirection.INCOMING,
                "函",
                "某单位",
                dated_on=date(2026, 11, 10),
                reply_due=date(2026, 11, 1),
            ),
        )
    assert caught.value.field == "reply_due"
    assert letters.list_letters(archive) == []


def test_outgoing_letters_share_the_document_sequence(archive, client_id):
    doc = _approved_notice(archive, client_id)
    documents.issue_document(archive, doc.id)
    manual = letters.add_letter(archive, LetterDraft(LetterDirection.OUTGOING, "复函", "某单位"))
    assert manual.number == "〔2026〕2号" and manual.status == LetterStatus.SENT


def test_register_export_xlsx(archive, tmp_path):
    from openpyxl import load_workbook

    letters.add_letter(archive, LetterDraft(LetterDirection.INCOMING, "询价函", "甲单位"))
    letters.add_letter(archive, LetterDraft(LetterDirection.OUTGOING, "报价函", "乙单位"))
    out = tmp_path / "letters.xlsx"
    assert letters.export_xlsx(archive, out) == 2
    book = load_workbook(out)
    assert book.sheetnames == ["收文登记", "发文登记"]
    first = [c.value for c in book["收文登记"][2]]
    assert first[:3] == ["收〔2026〕1号", datetime(2026, 11, 26), "甲单位"]
    assert [c.value for c in book["发文登记"][1]][:4] == [
        "发文字号",
        "发文日期",
        "标题",
        "发往单位",
    ]


def test_demo_documents_cover_every_state_and_a_year_of_letters(archive):
    from app import demo

    demo.generate_demo(archive, clients=30)  # adds the demo documents and letters
    assert set(documents.status_counts(archive)) == {s.value for s in DocStatus}
    rows = letters.list_letters(archive)
    incoming = [r for r in rows if r.direction == LetterDirection.INCOMING]
    outgoing = [r for r in rows if r.direction == LetterDirection.OUTGOING]
    assert len(incoming) > 50 and len(outgoing) > 30
    assert (archive.today() - min(r.dated_on for r in rows)).days >= 340
    assert letters.overdue_letters(archive)
    numbers = [r.number for r in outgoing]
    assert len(numbers) == len(set(numbers))
    for row in documents.list_documents(archive):
        record = documents.get_document(archive, row.id)
        assert len(record.versions) >= 2
        if row.status in (DocStatus.APPROVED, DocStatus.SIGNED):
            assert documents.missing_values(archive, row.id) == []


def test_demo_letters_and_faxes_have_their_own_wording(archive):
    """A 函 asks its addressee, a fax says what is sent: neither reads like a notice."""
    from app import demo

    demo.generate_demo(archive, clients=30)
    seen = set()
    for row in documents.list_documents(archive):
        text = documents.filled_text(archive, row.id).replace("\n", "")
        seen.add(row.kind)
        if row.kind == DocumentKind.LETTER:
            assert "通知如下" not in text and "本通知" not in text and "函" in text
        elif row.kind == DocumentKind.FAX:
            assert "通知如下" not in text and "本通知" not in text and "妥否" not in text
            assert "传真给您" in text
        elif row.kind == DocumentKind.NOTICE:
            assert "通知如下" in text and "妥否" not in text
    assert {DocumentKind.LETTER, DocumentKind.FAX, DocumentKind.NOTICE} <= seen


def test_no_demo_document_doubles_a_phrase_and_approved_contracts_are_registered(archive):
    """'自验收合格之日起验收合格之日起12个月' came from a value that repeated its sentence: no demo
    document reads so, and every approved contract of the demo is in the 合同 register."""
    from app import demo
    from app.domain.contract_terms import doubled_phrases

    demo.generate_demo(archive, clients=30)
    registered = 0
    for row in documents.list_documents(archive):
        text = documents.filled_text(archive, row.id)
        assert doubled_phrases(text) == [], (row.id, doubled_phrases(text))
        assert "各执一份" not in text
        record = documents.get_document(archive, row.id)
        final = row.status in (DocStatus.APPROVED, DocStatus.SIGNED)
        if row.kind in rules.TWO_PARTY_KINDS and final and record.client_id is not None:
            assert record.contract_number, row.id
            registered += 1
    assert registered >= 4


def test_the_author_does_not_approve_their_own_draft(archive, client_id):
    """Issue 13 §4: "No person approves a step of their own application ... (applies to document
    review too: the author does not approve their own draft)", the handbook's review being
    "草稿 -> 审核中 -> 已批准 -> 已签订 (or 退回 with a comment)" (DOMAIN.md)."""
    doc = _contract(archive, client_id)  # drafted by 张三
    documents.review(archive, doc.id, "submit", actor="李四")
    with pytest.raises(ValidationError) as err:
        documents.review(archive, doc.id, "approve", actor="张 三")
    assert err.value.field == "approver" and err.value.code == "own_draft"
    assert describe(err.value) == "审批人：“张 三”是本文书草稿的起草人，不能审批自己起草的文书"
    assert documents.get_document(archive, doc.id).status == DocStatus.IN_REVIEW  # unchanged
    with pytest.raises(ValidationError):  # who submitted the draft answers for it too
        documents.review(archive, doc.id, "approve", actor="李四")
    approved = documents.review(archive, doc.id, "approve", actor="王经理")
    assert approved.status == DocStatus.APPROVED

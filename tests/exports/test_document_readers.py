"""`pdf document` on an archive file reads the document with sqlite3 alone (issue 11: no
SQLAlchemy at start-up); a writable archive, the window's, reads it through a session. Both must
print the same document: the same PDF, byte for byte (ReportLab's invariant mode fixes its
time stamp and file id), the same text and pages, the same pixels."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from agreement_samples import agreement_values
from clock import FIXED_NOW
from pdf_checks import page_text
from pypdf import PdfReader

from app.domain.enums import ClientStatus, Tier
from app.domain.errors import NotFoundError
from app.domain.records import ClientDraft, ContactDraft
from app.services import clients, documents, settings
from app.services.archive import open_archive
from app.services.documents import ContractLine

SIGNED_AT = datetime(2026, 12, 3, 15, 0)
REPRINTED_AT = datetime(2027, 1, 20, 9, 0)  # both readers print on this day


@pytest.fixture
def invariant_pdfs(monkeypatch):
    """ReportLab writes no time stamp or random file id: two prints of a page are equal bytes."""
    from reportlab import rl_config

    monkeypatch.setattr(rl_config, "invariant", 1)


def _company_and_client(archive) -> tuple[int, int]:
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
    client = clients.create_client(
        archive,
        ClientDraft(
            name="北京恒信贸易有限公司",
            uscc="91110105MA00HX1235",
            tier=Tier.A,
            status=ClientStatus.ACTIVE,
            address="北京市朝阳区建国路88号",
            invoice_address="北京市朝阳区建国路88号 010-65001234",
            bank="招商银行北京分行",
            bank_account="1109 0123 4567 890",
        ),
    )
    contact = clients.add_contact(
        archive,
        client.id,
        ContactDraft(name="刘洋", title="采购经理", phone="010-66668888", mobile="13911112222"),
    )
    return client.id, contact.id


def _agreement(archive, client_id: int, contract_no: str, count: int) -> int:
    lines = [
        ContractLine(f"服务器型号{i}", f"R{i}", Decimal(i % 3 + 1), "台", Decimal("45000.50"))
        for i in range(1, count + 1)
    ]
    values = agreement_values(contract_no=contract_no, delivery_place="甲方指定仓库")
    return documents.create_document(
        archive, "agreement", "purchase_contract", client_id=client_id, values=values, lines=lines
    ).id


def _documents(archive) -> dict[str, int]:
    """One of each kind and state a printout differs by."""
    client_id, contact_id = _company_and_client(archive)
    approved = _agreement(archive, client_id, "HX-2026-101", 40)  # a few pages of lines
    documents.review(archive, approved, "submit")
    documents.review(archive, approved, "approve", actor="王经理")
    signed = _agreement(archive, client_id, "HX-2026-102", 2)
    documents.review(archive, signed, "submit")
    documents.review(archive, signed, "approve", actor="王经理")
    archive.clock = lambda: SIGNED_AT
    documents.review(archive, signed, "sign", actor="王经理")  # dated 2026年12月3日 hereafter
    archive.clock = lambda: FIXED_NOW
    draft = _agreement(archive, client_id, "HX-2026-103", 1)  # 草稿 on every page
    documents.save_number_prefix(archive, "notice", "华信通")
    notice = documents.create_document(
        archive,
        "notice",
        "notice",
        client_id=client_id,
        values={"subject": "春节放假安排", "recipient": "各合作单位", "body": "放假时间如下。"},
    ).id
    documents.review(archive, notice, "submit")
    documents.review(archive, notice, "approve")
    documents.issue_document(archive, notice)
    fax = documents.create_document(
        archive,
        "fax",
        "fax_cover",
        client_id=client_id,
        contact_id=contact_id,
        values={"sender": "张三", "pages": "3", "subject": "报价单", "client.fax": "010-66668899"},
    ).id
    return {"approved": approved, "signed": signed, "draft": draft, "notice": notice, "fax": fax}


@pytest.fixture
def printed_both_ways(archive, tmp_path, invariant_pdfs):
    """Each document printed through the writable archive's session, then through a read-only
    opening of the same file (the plain reader): {name: (session pdf, plain pdf)}."""
    ids = _documents(archive)
    archive.clock = lambda: REPRINTED_AT
    out = {}
    for name, document_id in ids.items():
        out[name] = (tmp_path / f"{name}-session.pdf", tmp_path / f"{name}-plain.pdf")
        documents.print_document(archive, document_id, out[name][0])
    archive.close()
    reader = open_archive(archive.path, read_only=True, clock=lambda: REPRINTED_AT)
    try:
        for name, document_id in ids.items():
            documents.print_document(reader, document_id, out[name][1])
        assert reader._db is None  # read with sqlite3 alone: no SQLAlchemy engine was made
    finally:
        reader.close()
    return out


def _text(path) -> list[str]:
    return [page_text(page) for page in PdfReader(str(path)).pages]


def test_both_readers_print_the_same_pdfs(printed_both_ways):
    for name, (by_session, by_plain) in printed_both_ways.items():
        assert by_plain.read_bytes() == by_session.read_bytes(), name
        session_pages, plain_pages = _text(by_session), _text(by_plain)
        assert len(plain_pages) == len(session_pages) >= 1, name
        assert plain_pages == session_pages, name


def test_what_the_documents_print(printed_both_ways):
    """The readers agree on what matters: client, company, contact, amounts, dates, marks."""
    text = {name: "\n".join(_text(pdf)) for name, (_s, pdf) in printed_both_ways.items()}
    assert len(PdfReader(str(printed_both_ways["approved"][1])).pages) >= 2
    assert "北京恒信贸易有限公司" in text["approved"] and "招商银行北京分行" in text["approved"]
    assert "草稿" not in text["approved"] and "服务器型号40" in text["approved"]
    flat = text["signed"].replace("\n", "").replace(" ", "")
    assert flat.count("2026年12月3日") == 3 and "2027年1月20日" not in flat
    assert "草稿" in text["draft"]
    assert "华信通〔2026〕1号" in text["notice"] and "华信科技有限公司文件" in text["notice"]
    assert "2026年11月26日" in text["notice"].replace(" ", "")  # its issue day, not the print day
    for expected in ("刘洋", "010-66668899", "010-88886667", "(发文时编号)", "草稿"):
        assert expected in text["fax"], expected


def test_the_pages_look_the_same(printed_both_ways):
    import pypdfium2
    from PIL import Image, ImageChops

    by_session, by_plain = printed_both_ways["signed"]
    old_pdf, new_pdf = pypdfium2.PdfDocument(by_session), pypdfium2.PdfDocument(by_plain)
    assert len(old_pdf) == len(new_pdf) > 0
    for number in range(len(old_pdf)):
        old = old_pdf[number].render(scale=40 / 72).to_pil().convert("RGB")
        new = new_pdf[number].render(scale=40 / 72).to_pil().convert("RGB")
        assert ImageChops.difference(old, Image.new("RGB", old.size, "white")).getbbox()
        assert ImageChops.difference(old, new).getbbox() is None, number


def test_filled_text_and_missing_values_agree(archive):
    """The other readers of a filled document (text, what is missing) take the same path."""
    ids = _documents(archive)
    incomplete = documents.create_document(archive, "agreement", "purchase_contract").id
    ids["incomplete"] = incomplete
    by_session = {
        name: (documents.filled_text(archive, i), documents.missing_values(archive, i))
        for name, i in ids.items()
    }
    archive.close()
    reader = open_archive(archive.path, read_only=True, clock=lambda: FIXED_NOW)
    try:
        by_plain = {
            name: (documents.filled_text(reader, i), documents.missing_values(reader, i))
            for name, i in ids.items()
        }
        with pytest.raises(NotFoundError):
            documents.print_document(reader, 9999, archive.path.parent / "none.pdf")
        assert reader._db is None
    finally:
        reader.close()
    assert by_plain == by_session
    assert by_plain["incomplete"][1]  # something is missing, listed alike


def test_printing_refuses_an_incomplete_document_alike(archive, tmp_path):
    document_id = documents.create_document(archive, "agreement", "purchase_contract").id
    with pytest.raises(documents.DocumentIncomplete) as by_session:
        documents.print_document(archive, document_id, tmp_path / "a.pdf")
    archive.close()
    reader = open_archive(archive.path, read_only=True, clock=lambda: FIXED_NOW)
    try:
        with pytest.raises(documents.DocumentIncomplete) as by_plain:
            documents.print_document(reader, document_id, tmp_path / "b.pdf")
    finally:
        reader.close()
    assert by_plain.value.missing == by_session.value.missing
    assert not (tmp_path / "b.pdf").exists()


def test_an_encrypted_archive_prints_alike(tmp_path, invariant_pdfs):
    """The plain reader opens an encrypted archive with its key, as a session does."""
    from encrypted_archives import PASSWORD, new_process

    from app.db import cipher

    path = tmp_path / "encrypted.sqlite3"
    archive = open_archive(path, clock=lambda: FIXED_NOW, password=PASSWORD)
    try:
        client_id, _contact = _company_and_client(archive)
        document_id = _agreement(archive, client_id, "HX-2026-104", 3)
        documents.print_document(archive, document_id, tmp_path / "session.pdf")
    finally:
        archive.close()
    assert cipher.is_encrypted(path)
    reader = open_archive(path, read_only=True, clock=lambda: FIXED_NOW, password=PASSWORD)
    try:
        documents.print_document(reader, document_id, tmp_path / "plain.pdf")
        assert reader._db is None
    finally:
        reader.close()
        new_process()
    assert (tmp_path / "plain.pdf").read_bytes() == (tmp_path / "session.pdf").read_bytes()
    assert "北京恒信贸易有限公司" in "\n".join(_text(tmp_path / "plain.pdf"))

"""The tender packet PDF read back with pypdf: pages, bookmarks, contents, footers, fonts."""

import dataclasses
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from data.scans import certificate_pdf, certificate_png, rotated_scan
from pdf_checks import assert_cjk_font_embedded, page_text
from pypdf import PdfReader

from app.domain.tenders import TenderDraft
from app.services import qualifications, settings, tender_packet, tenders
from app.services.packet_forms import FORMS
from app.services.tenders import TenderItemLine


@pytest.fixture
def ready_tender(archive, tmp_path):
    settings.save_company(
        archive,
        settings.CompanySettings(
            name="北京华信科技有限公司",
            uscc="91110105948219939U",
            address="北京市朝阳区建国路88号",
            legal_representative="王建国",
            phone="010-88886666",
        ),
    )
    record = tenders.create_tender(
        archive,
        TenderDraft(
            title="某市智慧政务平台采购项目",
            number="ZB-2026-001",
            purchaser_name="某市政务服务中心",
            budget=Decimal("1200000"),
            bid_deadline=datetime(2026, 12, 10, 9, 30),
            bid_deposit=Decimal("20000"),
            deposit_paid_on=date(2026, 11, 20),
            delivery_period="60日",
        ),
    )
    tenders.set_items(
        archive,
        record.id,
        [
            TenderItemLine("服务器", "X1", Decimal("2"), "台", Decimal("100000.00")),
            TenderItemLine("平台软件", "V3", Decimal("1"), "套", Decimal("800000.07")),
        ],
    )
    licence = qualifications.add(
        archive,
        qualifications.QualificationDraft("营业执照", "营业执照", expires_on=date(2030, 1, 1)),
        [certificate_pdf(tmp_path / "qualification_scan.pdf")],
    )
    iso = qualifications.add(
        archive,
        qualifications.QualificationDraft("ISO9001 证书", "ISO认证", expires_on=date(2028, 1, 1)),
        [certificate_png(tmp_path / "certificate_scan.png")],
    )
    tender_packet.attach_qualification(archive, record.id, licence.id)
    tender_packet.attach_qualification(archive, record.id, iso.id)
    return record


def _outline(reader):
    """The top-level bookmarks (title, 1-based page); the files' bookmarks nest under them."""
    return [
        (item.title, reader.get_destination_page_number(item) + 1)
        for item in reader.outline
        if not isinstance(item, list)
    ]


def test_packet_pages_bookmarks_contents_and_footers(archive, ready_tender, tmp_path):
    out = tmp_path / "packet.pdf"
    result = tender_packet.build_pdf(archive, ready_tender.id, out, copy="副本")
    reader = PdfReader(out)
    packet = tender_packet.sections(archive, ready_tender.id)
    form_sections = [s for s in packet if s.is_form]
    scan_pages = 2  # one PDF page + one image
    generated = 2 + result.pages - 2 - scan_pages  # cover + contents + forms
    assert len(reader.pages) == result.pages == generated + scan_pages
    outline = _outline(reader)
    printed = [s.title for s in packet if s.is_form or s.files]
    assert [title for title, _ in outline] == ["封面", "目录", *printed]
    assert [page for _, page in outline[2:]] == list(result.section_pages)
    contents = page_text(reader.pages[1])
    for index, (title, page) in enumerate(outline[2:], start=1):
        assert re.search(rf"{index}\. {re.escape(title)}\s+{page}\b", contents), title
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"第 {number} 页 共 {total} 页" in page_text(page)
    assert "副本" in page_text(reader.pages[0])
    bid_letter = page_text(reader.pages[dict(outline)["投标函"] - 1])
    assert "壹佰万元零柒分" in bid_letter and "1,000,000.07" in bid_letter
    assert len(form_sections) == len([s for s in packet if s.form in FORMS])


def test_cjk_font_is_embedded_as_a_subset(archive, ready_tender, tmp_path):
    out = tmp_path / "packet.pdf"
    tender_packet.build_pdf(archive, ready_tender.id, out)
    assert_cjk_font_embedded(out)


def test_checklist_flags_expired_qualification_and_price_above_budget(
    archive, ready_tender, tmp_path
):
    old = qualifications.add(
        archive, qualifications.QualificationDraft("税务证明", expires_on=date(2026, 12, 1))
    )
    tender_packet.attach_qualification(archive, ready_tender.id, old.id)
    tenders.set_items(
        archive,
        ready_tender.id,
        [TenderItemLine("服务器", "X1", Decimal("1"), "台", Decimal("1200000.01"))],
    )
    codes = {
        c.code for c in tender_packet.checklist(archive, ready_tender.id) if c.level == "error"
    }
    assert {"qualification_expired", "above_budget", "qualification_no_scan"} <= codes
    with pytest.raises(tender_packet.PacketNotReady):
        tender_packet.build_pdf(archive, ready_tender.id, tmp_path / "final.pdf")
    assert not (tmp_path / "final.pdf").exists()
    draft = tmp_path / "draft.pdf"
    tender_packet.build_pdf(archive, ready_tender.id, draft, draft=True)
    assert all("草稿" in page_text(p) for p in PdfReader(draft).pages)


def test_sections_reorder_rename_and_remove(archive, ready_tender):
    packet = tender_packet.sections(archive, ready_tender.id)
    last = packet[-1]
    tender_packet.move_section(archive, last.id, -100)
    tender_packet.rename_section(archive, last.id, "业绩证明材料")
    packet = tender_packet.sections(archive, ready_tender.id)
    assert packet[0].id == last.id and packet[0].title == "业绩证明材料"
    tender_packet.remove_section(archive, packet[0].id)
    assert last.id not in [s.id for s in tender_packet.sections(archive, ready_tender.id)]


def test_amounts_and_project_number_are_never_broken(archive, ready_tender, tmp_path):
    """开标一览表 and 投标分项报价表 with a twelve-million bid: every amount, the project number
    and the headings come out in one piece (pypdf puts a line break where a cell wrapped)."""
    record = tenders.get_tender(archive, ready_tender.id)
    tenders.update_tender(
        archive,
        ready_tender.id,
        dataclasses.replace(record.draft, number="YQZB-2026-023", budget=Decimal("20000000")),
    )
    tenders.set_items(
        archive,
        ready_tender.id,
        [TenderItemLine("平台软件", "V3", Decimal("1"), "套", Decimal("12345678.90"))],
    )
    out = tmp_path / "packet.pdf"
    tender_packet.build_pdf(archive, ready_tender.id, out)
    reader = PdfReader(out)
    pages = dict(_outline(reader))
    summary = page_text(reader.pages[pages["开标一览表"] - 1])
    for whole in ("12,345,678.90", "YQZB-2026-023", "投标总价(小写)", "某市智慧政务平台采购项目"):
        assert whole in summary, (whole, summary)
    assert "壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角整" in summary.replace("\n", "")
    breakdown = page_text(reader.pages[pages["投标分项报价表"] - 1])
    assert breakdown.count("12,345,678.90") == 3, breakdown  # unit price, line total, total
    assert "单价(元)" in breakdown and "总价(元)" in breakdown


def test_wrapped_cells_never_start_a_line_with_closing_punctuation():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from app.exports.pdf_blocks import wrap_text
    from app.exports.pdf_fonts import register_font

    font = register_font(None)
    width = stringWidth("投标总价（元", font, 10)  # printed in Chinese punctuation
    lines = wrap_text("投标总价(元)", width, font, 10).split("\n")
    assert lines == ["投标总价", "（元）"]
    assert all(not line.startswith((")", "）", ",", "。")) for line in lines)


def test_scans_added_straight_to_a_section_are_printed(archive, ready_tender, tmp_path):
    """添加文件… (or a drop) puts a scan in a section without the library; the packet prints it
    (it used to stop with DetachedInstanceError) with its bookmark, pages and footers."""
    packet = tender_packet.sections(archive, ready_tender.id)
    record = next(s for s in packet if s.title == "业绩证明")
    contract = certificate_pdf(tmp_path / "合同首页.pdf", "政务云服务合同")
    turned = rotated_scan(tmp_path / "验收报告.pdf", 90, "项目验收报告")
    photo = certificate_png(tmp_path / "中标通知书.png")
    section = tender_packet.attach_file(archive, record.id, contract)
    tender_packet.attach_file(archive, record.id, turned)
    section = tender_packet.attach_file(archive, record.id, photo)
    assert [f.label for f in section.files] == ["合同首页", "验收报告", "中标通知书"]
    assert all(f.attachment_id is not None for f in section.files)
    out = tmp_path / "packet.pdf"
    result = tender_packet.build_pdf(archive, ready_tender.id, out, draft=True)
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages
    outline = dict(_outline(reader))
    first = outline["业绩证明"]
    assert first + 3 - 1 == len(reader.pages)  # the last section: its three scans end the packet
    texts = [page_text(reader.pages[first - 1 + i]) for i in range(3)]
    assert "政务云服务合同" in texts[0] and "项目验收报告" in texts[1]
    for offset, text in enumerate(texts):
        assert f"第 {first + offset} 页 共 {result.pages} 页" in text


def test_the_largest_bid_prints_its_capitals(archive, ready_tender, tmp_path):
    from app.domain.money import MAX_YUAN

    tenders.set_items(
        archive, ready_tender.id, [TenderItemLine("平台软件", "V3", Decimal("1"), "套", MAX_YUAN)]
    )
    out = tmp_path / "packet.pdf"
    tender_packet.build_pdf(archive, ready_tender.id, out, draft=True)
    reader = PdfReader(out)
    letter = page_text(reader.pages[dict(_outline(reader))["投标函"] - 1]).replace("\n", "")
    assert "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分" in letter
    assert "999,999,999,999.99" in letter


def test_a_waived_deposit_passes_the_checklist_and_the_packet_prints(
    archive, ready_tender, tmp_path
):
    record = tenders.get_tender(archive, ready_tender.id)
    blank = dataclasses.replace(record.draft, bid_deposit=None, deposit_paid_on=None)
    tenders.update_tender(archive, ready_tender.id, blank)
    checks = tender_packet.checklist(archive, ready_tender.id)
    assert any(c.code == "deposit_missing" and "免收" in c.text for c in checks)
    waived = dataclasses.replace(blank, bid_deposit=Decimal("0"))
    assert tenders.update_tender(archive, ready_tender.id, waived).draft.deposit_waived
    checks = tender_packet.checklist(archive, ready_tender.id)
    assert "deposit_missing" not in {c.code for c in checks}
    assert [c.text for c in checks if c.code == "deposit_waived"] == ["投标保证金：免收"]
    for section in tender_packet.sections(archive, ready_tender.id):
        if section.form in ("tech_deviation", "biz_deviation"):
            tender_packet.set_content(
                archive, section.id, {"rows": [["要求", "响应", "无偏离", ""]]}
            )
    errors = [
        c.text for c in tender_packet.checklist(archive, ready_tender.id) if c.level == "error"
    ]
    assert errors == []
    out = tmp_path / "final.pdf"
    tender_packet.build_pdf(archive, ready_tender.id, out)  # a final copy, no 草稿
    assert "草稿" not in page_text(PdfReader(out).pages[0])


def test_the_checklist_speaks_in_chinese_punctuation(archive, ready_tender):
    """'需签字、盖章的章节：投标函、…（打印后逐页核对签字盖章）', never '章节:…(打印后…)':
    the checklist reads as the printed packet does."""
    import re

    record = tenders.get_tender(archive, ready_tender.id)
    blank = dataclasses.replace(record.draft, bid_deadline=None, bid_deposit=None)
    tenders.update_tender(archive, ready_tender.id, blank)

    texts = [c.text for c in tender_packet.checklist(archive, ready_tender.id)]

    [signed] = [t for t in texts if t.startswith("需签字、盖章的章节")]
    assert signed.startswith("需签字、盖章的章节：") and signed.endswith(
        "（打印后逐页核对签字盖章）"
    )
    ascii_beside_chinese = re.compile(r"[\u4e00-\u9fff][,:;()]|[,:;()][\u4e00-\u9fff]")
    assert [t for t in texts if ascii_beside_chinese.search(t)] == []

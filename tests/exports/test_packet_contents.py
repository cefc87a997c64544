"""Issue 12: the tender packet's files titled and ordered within a section, the 目录 listing
every certificate under its section with the page it really starts on, the bookmarks nested
the same way, an empty deviation table printing rows to fill by hand, and the legal
representative's details from the company settings. PDFs read back with pypdf."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from data.scans import certificate_pdf
from pdf_checks import page_text
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.domain.errors import ValidationError
from app.domain.tenders import TenderDraft
from app.services import packet_deviation, qualifications, settings, tender_packet, tenders
from app.services.tenders import TenderItemLine

COMPANY = settings.CompanySettings(
    name="北京华信科技有限公司",
    uscc="91110105948219939U",
    address="北京市朝阳区建国路88号",
    legal_representative="王建国",
    legal_rep_title="执行董事兼总经理",
    legal_rep_id_number="110105197803150032",
    phone="010-88886666",
)


def two_page_scan(path, text: str):
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in (1, 2):
        pdf.drawString(100, 700, f"{text} P{page}")
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture
def tender(archive, tmp_path):
    settings.save_company(archive, COMPANY)
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
        ),
    )
    tenders.set_items(
        archive, record.id, [TenderItemLine("服务器", "X1", Decimal("2"), "台", Decimal("1000"))]
    )
    for title, number in (("营业执照", "LICENCE"), ("ISO9001 证书", "ISO")):
        q = qualifications.add(
            archive,
            qualifications.QualificationDraft(title, expires_on=date(2030, 1, 1)),
            [certificate_pdf(tmp_path / f"{number}.pdf", title, number=number)],
        )
        tender_packet.attach_qualification(archive, record.id, q.id)
    section = _section(archive, record.id, "资格证明文件")
    tender_packet.attach_file(archive, section.id, two_page_scan(tmp_path / "audit.pdf", "AUDIT"))
    return record


def _section(archive, tender_id, title):
    return next(s for s in tender_packet.sections(archive, tender_id) if s.title == title)


def _tree(reader):
    """[(title, page, [(child title, page), ...]), ...] of the PDF's bookmarks."""
    tree = []
    for item in reader.outline:
        if isinstance(item, list):
            tree[-1][2].extend((c.title, reader.get_destination_page_number(c) + 1) for c in item)
        else:
            tree.append((item.title, reader.get_destination_page_number(item) + 1, []))
    return tree


def test_files_are_titled_and_ordered_in_the_section(archive, tender):
    section = _section(archive, tender.id, "资格证明文件")
    assert [f.label for f in section.files] == ["营业执照", "ISO9001 证书", "audit"]
    audit = section.files[2]
    renamed = tender_packet.rename_file(archive, audit.id, " 2025年度 审计报告 ")
    assert renamed.label == "2025年度 审计报告" and renamed.default_label == "audit"
    moved = tender_packet.move_file(archive, audit.id, -5)
    assert [f.label for f in moved.files] == ["2025年度 审计报告", "营业执照", "ISO9001 证书"]
    moved = tender_packet.move_file(archive, moved.files[1].id, 1)
    assert [f.label for f in moved.files] == ["2025年度 审计报告", "ISO9001 证书", "营业执照"]
    # a blank title gives back the file's own name; a qualification can be titled too
    assert tender_packet.rename_file(archive, audit.id, "  ").label == "audit"
    licence = moved.files[2]
    assert (
        tender_packet.rename_file(archive, licence.id, "营业执照(副本)").label == "营业执照(副本)"
    )
    with pytest.raises(ValidationError) as error:
        tender_packet.rename_file(archive, licence.id, "长" * 201)
    assert error.value.field == "file_title"
    assert _section(archive, tender.id, "资格证明文件").files[2].label == "营业执照(副本)"


def test_contents_lists_each_certificate_with_its_real_page(archive, tender, tmp_path):
    section = _section(archive, tender.id, "资格证明文件")
    audit = section.files[2]
    tender_packet.rename_file(archive, audit.id, "2025年度审计报告")
    tender_packet.move_file(archive, audit.id, -2)  # first in the section
    out = tmp_path / "packet.pdf"
    result = tender_packet.build_pdf(archive, tender.id, out, draft=True)
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages
    contents = page_text(reader.pages[1])
    titles = ["2025年度审计报告", "营业执照", "ISO9001 证书"]
    markers = ["AUDIT P1", "LICENCE", "ISO"]
    pages = []
    for n, (title, marker) in enumerate(zip(titles, markers, strict=True), start=1):
        found = re.search(rf"[（(]{n}[）)]{re.escape(title)}\s+(\d+)", contents)
        assert found, (title, contents)
        page = int(found.group(1))
        assert marker in page_text(reader.pages[page - 1]), (title, page)
        pages.append(page)
    assert pages[1] == pages[0] + 2  # the audit report has two pages
    # the section's own line carries the first file's page
    assert re.search(rf"\d+\. 资格证明文件\s+{pages[0]}\b", contents)
    tree = dict((t, (p, kids)) for t, p, kids in _tree(reader))
    assert tree["资格证明文件"] == (pages[0], list(zip(titles, pages, strict=True)))
    assert tree["投标函"][1] == []  # a form has no files under it
    assert result.entry_pages[
        [s.title for s in tender_packet.sections(archive, tender.id) if s.is_form or s.files].index(
            "资格证明文件"
        )
    ] == tuple(pages)


def test_an_empty_deviation_table_prints_rows_to_fill_by_hand(archive, tender, tmp_path):
    from app.exports.tender_packet import rows_filling_page
    from app.services.packet_forms import FORMS, FormContext

    out = tmp_path / "packet.pdf"
    tender_packet.build_pdf(archive, tender.id, out, draft=True)
    reader = PdfReader(out)
    page = dict((t, p) for t, p, _ in _tree(reader))["技术响应/偏离表"]
    text = page_text(reader.pages[page - 1])
    following = page_text(reader.pages[page])
    assert "技术响应/偏离表" not in following  # the blank table keeps to its one page
    numbers = [int(n) for n in re.findall(r"^(\d+)\s*$", text, re.MULTILINE)]
    assert len(numbers) >= 10 and numbers == list(range(1, len(numbers) + 1)), text
    assert "法定代表人或授权代表(签字)" in text.replace("（", "(").replace("）", ")")
    # one more row would not fit: the rows fill the page
    record = tenders.get_tender(archive, tender.id)
    ctx = FormContext(record, COMPANY, {}, "2026年12月6日", [])
    build = FORMS["tech_deviation"]
    from dataclasses import replace

    from app.exports.pdf_blocks import render_blocks
    from app.exports.pdf_fonts import register_font

    fits = rows_filling_page(lambda n: build(replace(ctx, blank_rows=n)))
    assert fits == len(numbers)
    font = register_font(None)
    assert render_blocks(build(replace(ctx, blank_rows=fits + 1)), font)[1] == 2


def test_pasted_or_imported_rows_print_instead_of_blank_ones(archive, tender, tmp_path):
    section = packet_deviation.deviation_section(archive, tender.id, "商务响应/偏离表")
    rows = packet_deviation.read_rows(_csv(tmp_path / "biz.csv"))
    assert rows == [
        ["交货期:合同签订后30日内", "20日内交货", "正偏离", "提前10日"],
        ["质保期三年", "五年", "正偏离", ""],
    ]
    packet_deviation.import_rows(archive, section.id, rows)
    packet_deviation.import_rows(archive, section.id, rows[:1], append=True)
    assert len(tender_packet.section(archive, section.id).content["rows"]) == 3
    out = tmp_path / "packet.pdf"
    tender_packet.build_pdf(archive, tender.id, out, draft=True)
    reader = PdfReader(out)
    page = dict((t, p) for t, p, _ in _tree(reader))["商务响应/偏离表"]
    text = page_text(reader.pages[page - 1])
    assert "质保期三年" in text and "提前10日" in text
    assert not re.search(r"^4\s*$", text, re.MULTILINE)  # no blank rows after the three
    with pytest.raises(ValidationError) as error:
        packet_deviation.deviation_section(archive, tender.id, "投标函")
    assert error.value.code == "not_a_deviation_table"


def _csv(path):
    path.write_text(
        "序号,招标文件要求,投标响应,偏离情况,说明\n"
        '1,"交货期:合同签订后30日内",20日内交货,正偏离,提前10日\n'
        "2,质保期三年,五年,正偏离,\n"
        ",,,,\n",
        encoding="gb18030",
    )
    return path


def test_legal_representative_details_come_from_the_settings(archive, tender, tmp_path):
    out = tmp_path / "packet.pdf"
    tender_packet.build_pdf(archive, tender.id, out, draft=True)
    reader = PdfReader(out)
    pages = dict((t, p) for t, p, _ in _tree(reader))
    proof = page_text(reader.pages[pages["法定代表人身份证明"] - 1]).replace(" ", "")
    for value in ("王建国", "执行董事兼总经理", "110105197803150032", "男"):
        assert value in proof, (value, proof)
    power = page_text(reader.pages[pages["授权委托书"] - 1]).replace(" ", "")
    assert "110105197803150032" in power and "执行董事兼总经理" in power


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("110105197803150031", "ric_checksum"),
        ("11010519780315", "ric_length"),
        ("110105197813150036", "ric_format"),
    ],
)
def test_a_wrong_id_number_is_refused_naming_the_field(archive, number, code):
    from dataclasses import replace

    from app.domain.messages import describe

    with pytest.raises(ValidationError) as error:
        settings.save_company(archive, replace(COMPANY, legal_rep_id_number=number))
    assert (error.value.field, error.value.code) == ("legal_rep_id_number", code)
    assert "法定代表人身份证号" in describe(error.value, "zh")
    assert settings.company(archive).legal_rep_id_number == ""  # nothing saved
    saved = settings.save_company(
        archive, replace(COMPANY, legal_rep_id_number="11010519491231002x")
    )
    assert saved.legal_rep_id_number == "11010519491231002X"

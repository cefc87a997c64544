"""The generated certificate scans: one A4 page, Chinese text, the CJK font embedded."""

from __future__ import annotations

import pytest
from pdf_checks import page_text
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.domain.typography import chinese_punctuation
from app.exports.demo_scans import CertificateText, write_certificate_scan
from app.exports.pdf_fonts import register_font


def test_certificate_scan_is_one_page_with_its_text(tmp_path):
    out = write_certificate_scan(
        CertificateText(
            "高新技术企业证书",
            "北京华信科技有限公司",
            "HX-2026-0007",
            "北京市科学技术委员会",
            "至 2026年12月16日",
        ),
        tmp_path / "cert.pdf",
    )
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = page_text(reader.pages[0])
    for part in ("高新技术企业证书", "北京华信科技有限公司", "HX-2026-0007", "2026年12月16日"):
        assert part in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = [
        font.get_object()["/FontDescriptor"].get_object()
        for font in fonts.values()
        if "/FontDescriptor" in font.get_object()
    ]
    assert embedded and all("/FontFile2" in d for d in embedded)


def _drawn_lines(path):
    """(text, x, font size) of every string drawn on the page, as a PDF reader sees it."""
    drawn = []

    def visit(text, _cm, tm, _font, size):
        if text.strip():
            drawn.append((text, tm[4], size * tm[0]))

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return drawn


@pytest.mark.parametrize(
    "title",
    [
        "信息系统建设和服务能力等级证书(CS3)",
        "ISO27001 信息安全管理体系认证证书",
        "某省某市某区信息技术应用创新适配验证中心产品兼容性互认证明书(第二批)",
    ],
)
def test_a_long_title_stays_inside_the_frame(tmp_path, title):
    out = write_certificate_scan(
        CertificateText(
            title, "北京华信科技有限公司", "HX-2026-0006", "中国电子信息行业联合会", "长期"
        ),
        tmp_path / "cert.pdf",
    )
    font = register_font(None)
    width = A4[0]
    inner_left, inner_right = 52, width - 52  # the inner frame of the border
    title_parts = [
        (text.strip(), x, size)
        for text, x, size in _drawn_lines(out)
        if size > 14 and text.strip() != "★"  # the title, not the rows or the seal
    ]
    printed = "".join(t for t, _, _ in title_parts).replace(" ", "")
    assert printed == chinese_punctuation(title).replace(" ", "")  # set in Chinese punctuation
    for text, x, size in title_parts:
        assert x >= inner_left + 10, (text, x)
        assert x + stringWidth(text, font, size) <= inner_right - 10, (text, x, size)

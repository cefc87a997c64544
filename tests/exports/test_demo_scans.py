"""The generated certificate scans: one A4 page, Chinese text, the CJK font embedded."""

from __future__ import annotations

from pypdf import PdfReader

from app.exports.demo_scans import CertificateText, write_certificate_scan


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
    text = reader.pages[0].extract_text()
    for part in ("高新技术企业证书", "北京华信科技有限公司", "HX-2026-0007", "2026年12月16日"):
        assert part in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = [
        font.get_object()["/FontDescriptor"].get_object()
        for font in fonts.values()
        if "/FontDescriptor" in font.get_object()
    ]
    assert embedded and all("/FontFile2" in d for d in embedded)

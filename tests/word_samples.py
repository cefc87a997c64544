"""Word files as legal sends them, made by hand (no Word on the test machine): a title in a
style named Title under a Chinese style id, a placeholder typed as text that Word split into
several runs, content controls with tags, a right-aligned date line, a tracked deletion, and the
contract lines and signature blocks. Also helpers reading a .docx back from its XML."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
STYLES = (
    f'<w:styles xmlns:w="{W}">'
    '<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>'
    "</w:styles>"
)


def control(key: str, label: str, shown: str = "") -> str:
    return (
        f'<w:sdt><w:sdtPr><w:alias w:val="{label}"/><w:tag w:val="{key}"/><w:text/></w:sdtPr>'
        f"<w:sdtContent><w:r><w:rPr><w:b/></w:rPr><w:t>{shown or label}</w:t></w:r>"
        "</w:sdtContent></w:sdt>"
    )


def runs(*parts: str, bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return "".join(f'<w:r>{rpr}<w:t xml:space="preserve">{p}</w:t></w:r>' for p in parts)


LEGAL_BODY = (
    '<w:p><w:pPr><w:pStyle w:val="a3"/><w:jc w:val="center"/></w:pPr>'
    + runs("设备", "采购合同")
    + "</w:p>"
    + "<w:p>"
    + runs("需方:")
    + control("client.name", "客户名称")
    + "</w:p>"
    + '<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr>'
    + runs("第一条 标的")
    + "</w:p>"
    + "<w:p>"
    + control("lines_table", "合同标的明细")
    + "</w:p>"
    + "<w:p>"
    + runs("合同总价:")
    + control("amount.capitals", "金额(大写)")
    + "</w:p>"
    # Word split the typed tag into four runs (autocorrect, spelling, revision ids)
    + "<w:p>"
    + runs("交货地点为", "{{", "delivery_", "place|交货地点}}", "。", bold=True)
    + "</w:p>"
    + "<w:p>"
    + runs("质保期")
    + '<w:del w:id="9" w:author="法务"><w:r><w:delText>十二个月</w:delText></w:r></w:del>'
    + control("warranty", "质保期")
    + runs("。")
    + "</w:p>"
    + '<w:p><w:pPr><w:jc w:val="right"/></w:pPr>'
    + control("company.name", "我方公司名称")
    + "</w:p>"
    + "<w:p>"
    + control("signature", "签署栏")
    + "</w:p>"
    + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
)


NUMBERING = (
    f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
    '<w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/>'
    '<w:lvlText w:val="%1.%2"/><w:suff w:val="space"/></w:lvl>'
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)


def numbered(text: str, level: int = 0) -> str:
    """A clause heading numbered by Word (style heading 2, list 1 at `level`)."""
    return (
        '<w:p><w:pPr><w:pStyle w:val="2"/><w:numPr>'
        f'<w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>' + runs(text) + "</w:p>"
    )


NUMBERED_BODY = (
    numbered("标的")
    + numbered("规格", 1)
    + numbered("数量", 1)
    + numbered("交货")
    + numbered("地点", 1)
    + "<w:p>"
    + runs("交货地点:")
    + control("delivery_place", "交货地点")
    + "</w:p>"
)


def docx_bytes(body_xml: str, styles: str = STYLES, numbering: str | None = None) -> bytes:
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships"><w:body>{body_xml}</w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        out.writestr("[Content_Types].xml", CONTENT_TYPES)
        out.writestr("_rels/.rels", RELS)
        out.writestr("word/document.xml", document)
        out.writestr("word/styles.xml", styles)
        if numbering:
            out.writestr("word/numbering.xml", numbering)
    return buffer.getvalue()


def write_docx(path: Path, body_xml: str = LEGAL_BODY, numbering: str | None = None) -> Path:
    path.write_bytes(docx_bytes(body_xml, numbering=numbering))
    return path


def document_xml(path: Path):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def paragraphs(path: Path) -> list[str]:
    """The text of every paragraph of the body (table cells' too), in order."""
    root = document_xml(path)
    return ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in root.iter(f"{{{W}}}p")]


def tables(path: Path) -> list[list[list[str]]]:
    root = document_xml(path)
    return [
        [
            ["".join(t.text or "" for t in tc.iter(f"{{{W}}}t")) for tc in tr.iter(f"{{{W}}}tc")]
            for tr in tbl.iter(f"{{{W}}}tr")
        ]
        for tbl in root.iter(f"{{{W}}}tbl")
    ]

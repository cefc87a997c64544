"""The WordprocessingML underneath .docx templates: the package (a zip of XML parts), the
namespaced names and small builders for paragraphs, runs and content controls (w:sdt).

lxml is imported inside the functions (a command that does not touch a .docx never loads it).
Parsing never resolves entities nor reads the network: a .docx is a file from outside."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOCUMENT_PART = "word/document.xml"
MAX_PART_BYTES = 50 << 20  # a document part larger than this is refused, not parsed
MAX_PACKAGE_BYTES = 200 << 20  # all parts unpacked (a zip bomb is refused before reading)


class DocxError(Exception):
    """The file is not a readable .docx; `reason` says why in a word (not_zip, no_document,
    bad_xml, too_large)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def w(tag: str) -> str:
    """'p' -> '{…wordprocessingml…}p'."""
    return f"{{{W_NS}}}{tag}"


@dataclass
class Package:
    """Every part of a .docx by name, the document part parsed."""

    parts: dict[str, bytes]
    document: object  # the lxml root of word/document.xml
    order: list[str] = field(default_factory=list)

    @property
    def body(self):
        return self.document.find(w("body"))

    def to_bytes(self) -> bytes:
        from lxml import etree

        self.parts[DOCUMENT_PART] = etree.tostring(
            self.document, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for name in self.order or list(self.parts):
                out.writestr(name, self.parts[name])
        return buffer.getvalue()


def parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def read_package(data: bytes) -> Package:
    """The parts of a .docx; DocxError when it is not a zip, has no document part or its XML
    does not parse."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if DOCUMENT_PART not in names:
                raise DocxError("no_document")
            if archive.getinfo(DOCUMENT_PART).file_size > MAX_PART_BYTES:
                raise DocxError("too_large")
            if sum(info.file_size for info in archive.infolist()) > MAX_PACKAGE_BYTES:
                raise DocxError("too_large")
            parts = {name: archive.read(name) for name in names if not name.endswith("/")}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise DocxError("not_zip") from exc
    try:
        root = etree.fromstring(parts[DOCUMENT_PART], parser())
    except etree.XMLSyntaxError as exc:
        raise DocxError("bad_xml") from exc
    if root.tag != w("document") or root.find(w("body")) is None:
        raise DocxError("no_document")
    return Package(parts, root, [n for n in names if not n.endswith("/")])


def element(tag: str, attrs: dict[str, str] | None = None, *children):
    """A w: element with w: attributes and children."""
    from lxml import etree

    node = etree.Element(w(tag), nsmap={"w": W_NS})
    for key, value in (attrs or {}).items():
        node.set(w(key), value)
    for child in children:
        if child is not None:
            node.append(child)
    return node


def run(text: str, rpr=None):
    """A run holding `text` (line feeds become w:br); `rpr` (a w:rPr) is copied in."""
    from copy import deepcopy

    node = element("r")
    if rpr is not None:
        node.append(deepcopy(rpr))
    for index, part in enumerate(text.split("\n")):
        if index:
            node.append(element("br"))
        t = element("t")
        t.text = part
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        node.append(t)
    return node


def paragraph_text(node) -> str:
    """The visible text of a paragraph, a cell or a content control: runs' w:t, tabs as
    spaces, tracked insertions kept and deletions left out (changes read as accepted),
    field codes left out."""
    out: list[str] = []
    for item in node.iter(w("t"), w("tab"), w("br"), w("cr"), w("noBreakHyphen")):
        if _inside(item, "del"):
            continue
        if item.tag == w("t"):
            out.append(item.text or "")
        elif item.tag == w("noBreakHyphen"):
            out.append("-")
        elif item.tag == w("tab"):
            out.append(" " if item.getparent().tag == w("r") else "")
        else:
            out.append("\n")
    return "".join(out)


def _inside(node, tag: str) -> bool:
    parent = node.getparent()
    while parent is not None:
        if parent.tag == w(tag):
            return True
        parent = parent.getparent()
    return False


def sdt_tag(sdt) -> str | None:
    props = sdt.find(w("sdtPr"))
    tag = props.find(w("tag")) if props is not None else None
    return tag.get(w("val")) if tag is not None else None


def sdt_alias(sdt) -> str:
    props = sdt.find(w("sdtPr"))
    alias = props.find(w("alias")) if props is not None else None
    return (alias.get(w("val")) or "") if alias is not None else ""


def paragraph_style(p) -> str:
    ppr = p.find(w("pPr"))
    style = ppr.find(w("pStyle")) if ppr is not None else None
    return (style.get(w("val")) or "") if style is not None else ""


def paragraph_align(p) -> str:
    ppr = p.find(w("pPr"))
    jc = ppr.find(w("jc")) if ppr is not None else None
    return (jc.get(w("val")) or "") if jc is not None else ""

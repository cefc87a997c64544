"""Reading a Word template back as the app's template lines (see app.exports.docx_write for
the mapping): each non-empty paragraph is one line, each table row one `| … |` line, a content
control with a tag is the placeholder {{tag}} (its title the label), and `{{key}}` typed as
text counts too (joined across runs, so Word splitting it into pieces does no harm).

Foreign documents: paragraph styles named Title / heading 1 give the title, heading 2-9 clause
headings, a right-aligned paragraph a `>` line, the style Flush / 顶格 a `<` line. Tracked changes
read as accepted; comments are not read; headers and footers are filled (docx_fill), not read
as lines. Automatic numbering (第一条, 一、) is read as text."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain import documents as rules
from app.exports.docx_xml import (
    Package,
    paragraph_align,
    paragraph_style,
    paragraph_text,
    sdt_alias,
    sdt_tag,
    w,
)

TITLE_STYLES = ("title", "heading 1", "标题", "标题 1")
FLUSH_STYLES = ("flush", "顶格")


@dataclass
class SourceLine:
    """One line of the template and the Word element it came from (a w:p or a w:tr); `number`
    is the automatic number Word shows before the paragraph, part of `text`."""

    text: str
    node: object
    number: str = ""


@dataclass(frozen=True)
class Tag:
    """A content control's tag as found (checked by the importer)."""

    key: str
    label: str
    alone: bool  # the only content of its paragraph


def style_names(package: Package) -> dict[str, str]:
    """styleId -> lower-case style name, from word/styles.xml (empty when absent)."""
    from lxml import etree

    from app.exports.docx_xml import parser

    data = package.parts.get("word/styles.xml")
    if not data:
        return {}
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError:
        return {}
    out = {}
    for style in root.iter(w("style")):
        name = style.find(w("name"))
        style_id = style.get(w("styleId")) or ""
        out[style_id] = ((name.get(w("val")) if name is not None else "") or style_id).lower()
    return out


def source_lines(package: Package) -> list[SourceLine]:
    """The body's lines in order, with the elements they come from."""
    from app.exports.docx_numbering import numbering_of

    names = style_names(package)
    numbering = numbering_of(package)
    out: list[SourceLine] = []
    title_seen = False
    for node in _blocks(package.body):
        if node.tag == w("tr"):
            cells = [_inline_text(tc).replace("\n", " ").strip() for tc in node.iter(w("tc"))]
            if any(cells):
                out.append(SourceLine("| " + " | ".join(cells) + " |", node))
            continue
        number = numbering.label(node) if node.tag == w("p") else ""
        text = _inline_text(node).replace("\n", " ").strip()
        if not text:
            continue
        prefix = _prefix(node, names, title_seen)
        title_seen = title_seen or prefix == "# "
        out.append(SourceLine(prefix + number + text, node, number))
    return out


def _blocks(body):
    """Paragraphs and table rows in reading order (block content controls opened)."""
    for child in body:
        if child.tag == w("p"):
            yield child
        elif child.tag == w("tbl"):
            for row in child.iter(w("tr")):
                if row.getparent() is child or row.getparent().tag == w("sdtContent"):
                    yield row
        elif child.tag == w("sdt"):
            tag = sdt_tag(child)
            content = child.find(w("sdtContent"))
            if tag in rules.BLOCK_KEYS:
                yield child
            elif content is not None:
                yield from _blocks(content)


def _prefix(node, names: dict[str, str], title_seen: bool) -> str:
    if node.tag == w("sdt"):
        return ""
    style = paragraph_style(node)
    name = names.get(style, style.lower())
    if name in TITLE_STYLES or style.lower() in TITLE_STYLES:
        return "" if title_seen else "# "
    if name.startswith(("heading ", "标题 ")) or style.lower().startswith("heading"):
        return "## "
    if paragraph_align(node) in ("right", "end"):
        return "> "
    if name in FLUSH_STYLES or style.lower() in FLUSH_STYLES:
        return "< "
    return ""


def _inline_text(node) -> str:
    """Text with tagged content controls as {{tag}} / {{tag|title}}."""
    if node.tag == w("sdt") and sdt_tag(node):
        return _placeholder(node)
    parts: list[str] = []
    for child in node:
        if child.tag == w("sdt") and sdt_tag(child):
            parts.append(_placeholder(child))
        elif child.tag in (w("pPr"), w("rPr"), w("tcPr"), w("sdtPr"), w("trPr")):
            continue
        elif child.tag in (w("r"), w("ins"), w("hyperlink"), w("smartTag"), w("fldSimple")):
            parts.append(_inline_text(child) if _has_controls(child) else paragraph_text(child))
        elif child.tag in (w("p"), w("sdt"), w("sdtContent"), w("customXml")):
            separator = " " if child.tag == w("p") and parts else ""
            parts.append(separator + _inline_text(child))
        elif child.tag == w("del"):
            continue
        else:
            parts.append(paragraph_text(child))
    return "".join(parts)


def _has_controls(node) -> bool:
    return any(sdt_tag(s) for s in node.iter(w("sdt")))


def _placeholder(sdt) -> str:
    key, alias = sdt_tag(sdt) or "", sdt_alias(sdt).strip()
    if alias and alias != rules.KNOWN_LABELS.get(key, key):
        return f"{{{{{key}|{alias}}}}}"
    return f"{{{{{key}}}}}"


def control_tags(package: Package) -> list[Tag]:
    """Every tagged content control of the body, with whether it stands alone in its
    paragraph (a block placeholder must)."""
    out = []
    for sdt in package.body.iter(w("sdt")):
        key = sdt_tag(sdt)
        if not key:
            continue
        parent = sdt.getparent()
        alone = (
            parent.tag != w("p")
            or not paragraph_text(parent).replace(paragraph_text(sdt), "", 1).strip()
        )
        out.append(Tag(key.strip(), sdt_alias(sdt), alone))
    return out

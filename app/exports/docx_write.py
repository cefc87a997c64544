"""Writing .docx: a template's lines as Word paragraphs with content controls for its
placeholders (what `documents template-export` writes), and the app's printed blocks (the
contract lines, the signature block) as Word tables and paragraphs for a filled document.

The mapping, which app.exports.docx_read reads back:
  # 标题          paragraph style Title (标题), centred
  ## 条款标题      paragraph style Heading2 (标题 2)
  > 文字           right-aligned paragraph
  < 文字           paragraph style Flush (顶格): no first-line indent
  | 标签 | 值 |     a row of a borderless table; consecutive lines make one table
  other lines      paragraph (正文) with the two-character first-line indent
  {{key|标签}}     a plain-text content control: tag = key, title (alias) = 标签
  {{lines_table}} / {{signature}}   a paragraph holding only a content control with that tag
Every paragraph also carries its alignment and indent directly, so a filled document looks the
same in a Word file whose styles differ."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import count

from app.domain import documents as rules
from app.domain.blocks import Block, Fields, Gap, Grid, Heading, NewPage, Para, Signature
from app.exports.docx_xml import W_NS, element, run

TEXT_WIDTH = 8306  # twips: A4 (11906) less 3.17 cm margins left and right (Word's default)
BODY_SIZE = "24"  # half-points: 小四 (12 pt)
TITLE_SIZE = "36"  # 小二 (18 pt)
FONT = "宋体"
_ids = count(1)

STYLE_TITLE, STYLE_HEADING, STYLE_FLUSH = "Title", "Heading2", "Flush"
PLACEHOLDER_STYLE = "PlaceholderText"
BLOCK_LABELS = {key: rules.KNOWN_LABELS[key] for key in rules.BLOCK_KEYS}


# --- a template -----------------------------------------------------------------------------


def template_elements(body: str) -> list:
    """The body's lines as w:p and w:tbl elements (blank lines left out)."""
    out: list = []
    table = None
    for raw in (body or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        parsed = rules.parse_lines(line)[0]
        if parsed.kind == "field":
            if table is None:
                table = new_table(borders=False)
                out.append(table)
            table.append(table_row(split_cells(line), header=False))
            continue
        table = None
        out.append(line_paragraph(parsed, line))
    for item in out:
        if item.tag.endswith("}tbl"):
            set_grid(item)
    return out


def set_grid(table) -> None:
    """Equal columns for a table made row by row (Word wants its grid)."""
    from app.exports.docx_xml import w

    columns = max((len(row.findall(w("tc"))) for row in table.findall(w("tr"))), default=1)
    shares = (0.3, 0.7) if columns == 2 else (1 / columns,) * columns  # label | value
    grid = table.find(w("tblGrid"))
    for old in list(grid):
        grid.remove(old)
    for share in shares:
        grid.append(element("gridCol", {"w": str(int(TEXT_WIDTH * share))}))


CELL_BAR = re.compile(r"\|(?![^{]*\}\})")  # a | that is not inside a {{key|标签}}


def split_cells(line: str) -> list[str]:
    return [cell.strip() for cell in CELL_BAR.split(line.strip().strip("|"))]


def line_paragraph(parsed: rules.Line, raw: str):
    if parsed.kind == "block":
        label = BLOCK_LABELS.get(parsed.text, parsed.text)
        return paragraph([control(parsed.text, label)], indent=False)
    if parsed.kind == "title":
        return paragraph(inline(parsed.text), STYLE_TITLE, "center", bold=True, size=TITLE_SIZE)
    if parsed.kind == "heading":
        return paragraph(inline(parsed.text), STYLE_HEADING, bold=True)
    if parsed.kind == "right":
        return paragraph(inline(parsed.text), STYLE_FLUSH, "right")
    if parsed.kind == "flush":
        return paragraph(inline(parsed.text), STYLE_FLUSH)
    return paragraph(inline(raw.strip()), indent=True)


def inline(text: str, rpr=None) -> list:
    """Text with its placeholders as content controls."""
    out: list = []
    last = 0
    for match in rules.PLACEHOLDER.finditer(text):
        if match.start() > last:
            out.append(run(text[last : match.start()], rpr))
        key = match.group(1)
        label = (match.group(2) or "").strip() or rules.KNOWN_LABELS.get(key, key)
        out.append(control(key, label, rpr))
        last = match.end()
    if last < len(text):
        out.append(run(text[last:], rpr))
    return out


def control(key: str, label: str, rpr=None):
    """A plain-text content control tagged `key`, titled `label`, showing ［label］."""
    props = element(
        "sdtPr",
        None,
        element("alias", {"val": label}),
        element("tag", {"val": key}),
        element("id", {"val": str(next(_ids))}),
        element("text"),
    )
    shown = run(f"［{label}］", rpr if rpr is not None else run_props(style=PLACEHOLDER_STYLE))
    return element("sdt", None, props, element("sdtContent", None, shown))


# --- paragraphs and tables -------------------------------------------------------------------


def run_props(bold: bool = False, size: str | None = None, style: str = ""):
    props = element("rPr")
    if style:
        props.append(element("rStyle", {"val": style}))
    props.append(element("rFonts", {"eastAsia": FONT}))
    if bold:
        props.append(element("b"))
    if size:
        props.append(element("sz", {"val": size}))
        props.append(element("szCs", {"val": size}))
    return props


def paragraph(
    children: Iterable,
    style: str = "",
    align: str = "",
    bold: bool = False,
    size: str | None = None,
    indent: bool = False,
):
    ppr = element("pPr")
    if style:
        ppr.append(element("pStyle", {"val": style}))
    ppr.append(element("spacing", {"before": "0", "after": "0", "line": "360", "lineRule": "auto"}))
    if indent:
        ppr.append(element("ind", {"firstLineChars": "200", "firstLine": "480"}))
    else:
        ppr.append(element("ind", {"firstLineChars": "0", "firstLine": "0"}))
    if align:
        ppr.append(element("jc", {"val": align}))
    node = element("p", None, ppr)
    for child in children:
        if bold or size:
            _restyle(child, bold, size)
        node.append(child)
    return node


def _restyle(child, bold: bool, size: str | None) -> None:
    """Bold/size on the runs of a title or heading (content controls' runs included)."""
    from app.exports.docx_xml import w

    for r in child.iter(w("r")):
        rpr = r.find(w("rPr"))
        if rpr is None:
            rpr = element("rPr")
            r.insert(0, rpr)
        if bold and rpr.find(w("b")) is None:
            rpr.append(element("b"))
        if size and rpr.find(w("sz")) is None:
            rpr.append(element("sz", {"val": size}))


def new_table(borders: bool = True, widths: Sequence[float] | None = None, columns: int = 0):
    tblpr = element(
        "tblPr",
        None,
        element("tblW", {"w": "5000", "type": "pct"}),
        _borders() if borders else None,
        element("tblLayout", {"type": "fixed" if widths else "autofit"}),
    )
    grid = element("tblGrid")
    if widths:
        for share in widths:
            grid.append(element("gridCol", {"w": str(int(TEXT_WIDTH * share))}))
    elif columns:
        for _ in range(columns):
            grid.append(element("gridCol", {"w": str(TEXT_WIDTH // columns)}))
    return element("tbl", None, tblpr, grid)


def _borders():
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    return element(
        "tblBorders",
        None,
        *(element(s, {"val": "single", "sz": "4", "space": "0", "color": "000000"}) for s in sides),
    )


def table_row(
    cells: Sequence[str],
    header: bool = False,
    right: Sequence[int] = (),
    bold: bool = False,
    placeholders: bool = True,
):
    row = element("tr")
    if header:
        row.append(element("trPr", None, element("tblHeader")))
    for index, text in enumerate(cells):
        align = "center" if header else ("right" if index in right else "")
        content = inline(text) if placeholders else [run(text)]
        para = paragraph(content, STYLE_FLUSH, align, bold=header or bold)
        row.append(element("tc", None, element("tcPr"), para))
    return row


# --- the printed blocks ----------------------------------------------------------------------


def block_elements(blocks: Sequence[Block]) -> list:
    """The app's blocks (as printed) as Word elements; values are plain text, never controls."""
    out: list = []
    for block in blocks:
        out.extend(_block(block))
    return out


def _block(block: Block) -> list:
    if isinstance(block, Heading):
        size = TITLE_SIZE if block.level == 1 else None
        align = "center" if block.level == 1 else ""
        return [paragraph([run(block.text)], "", align, bold=True, size=size)]
    if isinstance(block, Para):
        align = {"center": "center", "right": "right"}.get(block.align, "")
        return [paragraph([run(block.text)], "", align, indent=block.indent)]
    if isinstance(block, Fields):
        return [_grid(Grid((), [list(item) for item in block.items]), borders=False)]
    if isinstance(block, Grid):
        return [_grid(block)]
    if isinstance(block, Signature):
        return [paragraph([run(line)], "", "right") for line in block.lines]
    if isinstance(block, Gap | NewPage):
        return [paragraph([])]
    return []


def _grid(grid: Grid, borders: bool = True):
    columns = len(grid.headers) or max((len(r) for r in grid.rows), default=1)
    table = new_table(borders, grid.widths, columns)
    if grid.headers:
        table.append(table_row(list(grid.headers), header=True, placeholders=False))
    last = len(grid.rows) - 1
    for index, cells in enumerate(grid.rows):
        bold = grid.total_row and index == last
        table.append(
            table_row(
                [str(c) for c in cells],
                right=grid.align_right,
                bold=bold,
                placeholders=False,
            )
        )
    return table


# --- a whole package ---------------------------------------------------------------------------


def new_package(elements: Sequence) -> bytes:
    """A .docx (A4, 宋体 小四) holding `elements` in its body."""
    import io
    import zipfile

    from lxml import etree

    document = element("document")
    body = element("body")
    document.append(body)
    for item in elements:
        body.append(item)
    body.append(_section())
    xml = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", CONTENT_TYPES)
        out.writestr("_rels/.rels", ROOT_RELS)
        out.writestr("word/document.xml", xml)
        out.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        out.writestr("word/styles.xml", STYLES)
    return buffer.getvalue()


def _section():
    return element(
        "sectPr",
        None,
        element("pgSz", {"w": "11906", "h": "16838"}),
        element(
            "pgMar",
            {
                "top": "1440",
                "right": "1800",
                "bottom": "1440",
                "left": "1800",
                "header": "851",
                "footer": "992",
                "gutter": "0",
            },
        ),
    )


def template_docx(body: str) -> bytes:
    global _ids
    _ids = count(1)  # the same template always writes the same file
    return new_package(template_elements(body))


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.styles+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/></Relationships>'
)


def _style(kind: str, style_id: str, name: str, ppr: str = "", rpr: str = "", extra: str = ""):
    return (
        f'<w:style w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{name}"/>{extra}'
        f"{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}"
        "</w:style>"
    )


STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:styles xmlns:w="{W_NS}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    f'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{FONT}"/>'
    f'<w:sz w:val="{BODY_SIZE}"/><w:szCs w:val="{BODY_SIZE}"/><w:lang w:eastAsia="zh-CN"/>'
    "</w:rPr></w:rPrDefault></w:docDefaults>"
    + _style(
        "paragraph",
        "Normal",
        "Normal",
        '<w:ind w:firstLineChars="200" w:firstLine="480"/><w:jc w:val="both"/>',
        extra="<w:qFormat/>",
    )
    + _style(
        "paragraph",
        STYLE_TITLE,
        "Title",
        '<w:jc w:val="center"/><w:ind w:firstLineChars="0" w:firstLine="0"/>',
        f'<w:b/><w:sz w:val="{TITLE_SIZE}"/>',
        '<w:basedOn w:val="Normal"/><w:qFormat/>',
    )
    + _style(
        "paragraph",
        STYLE_HEADING,
        "heading 2",
        '<w:ind w:firstLineChars="0" w:firstLine="0"/>',
        "<w:b/>",
        '<w:basedOn w:val="Normal"/><w:qFormat/>',
    )
    + _style(
        "paragraph",
        STYLE_FLUSH,
        "Flush",
        '<w:ind w:firstLineChars="0" w:firstLine="0"/>',
        extra='<w:basedOn w:val="Normal"/><w:qFormat/>',
    )
    + _style("character", PLACEHOLDER_STYLE, "Placeholder Text", rpr='<w:color w:val="808080"/>')
    + "</w:styles>"
)

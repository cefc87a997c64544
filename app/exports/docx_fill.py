"""Filling a Word template: the document's lines (its latest version) laid onto the template's
paragraphs. Lines the version kept unchanged keep their Word paragraph with all its formatting,
their content controls replaced by the values; lines edited in the app rewrite their paragraph
(its paragraph and first run formatting kept); new lines get a paragraph like their neighbour;
lines taken out lose theirs. The contract lines and the signature block become Word tables.
Headers and footers keep their layout, their placeholders filled (the 合同编号 or the company's
name in the running head). The result is a plain Word document (no content controls left) for
the other party's redlines."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from copy import deepcopy
from dataclasses import dataclass

from app.domain import documents as rules
from app.exports import docx_write
from app.exports.docx_read import SourceLine, source_lines
from app.exports.docx_xml import Package, element, read_package, run, sdt_tag, w

PREFIXES = ("## ", "# ", "> ", "< ")
# The pPr children that come after numPr in the schema's order.
AFTER_NUMPR = frozenset(
    [
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
)


@dataclass(frozen=True)
class Filling:
    """What the service supplies: the version's lines (template syntax), each line filled in
    ('' leaves the line out: an empty optional value), a placeholder's value, and the Word
    elements of a block line (the contract lines, the signature block)."""

    lines: Sequence[str]
    fill_line: Callable[[str], str]
    value: Callable[[str], str]
    block: Callable[[str], list]


def canonical(line: str) -> str:
    """A line as compared: labels spelled out, table cells spaced the same way."""
    text = line.strip()
    text = rules.PLACEHOLDER.sub(
        lambda m: "{{" + m.group(1) + "|" + rules.placeholders(m.group(0))[0].label + "}}", text
    )
    if text.startswith("|"):
        text = "| " + " | ".join(docx_write.split_cells(text)) + " |"
    return text


RUNNING_PART = re.compile(r"word/(header|footer)\d*\.xml")


def fill_docx(source: bytes, filling: Filling) -> bytes:
    package = read_package(source)
    lay_lines(package, filling)
    fill_running_parts(package, filling)
    return package.to_bytes()


def fill_running_parts(package: Package, filling: Filling) -> None:
    """The placeholders of every header and footer filled in place: a content control gives
    way to its value, a paragraph with `{{key}}` typed as text gets its filled text."""
    from lxml import etree

    from app.exports.docx_xml import parser

    for name in [n for n in package.parts if RUNNING_PART.fullmatch(n)]:
        root = etree.fromstring(package.parts[name], parser())
        changed = False
        for sdt in [s for s in root.iter(w("sdt")) if sdt_tag(s)]:
            _unwrap(sdt, filling.value(sdt_tag(sdt)))
            changed = True
        for p in root.iter(w("p")):
            text = "".join(t.text or "" for t in p.iter(w("t")))
            if "{{" in text:
                _set_paragraph(p, filling.fill_line(text))
                changed = True
        if changed:
            package.parts[name] = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )


def lay_lines(package: Package, filling: Filling) -> None:
    src = source_lines(package)
    target = [line.strip() for line in filling.lines if line.strip()]
    matcher = difflib.SequenceMatcher(
        a=[canonical(s.text) for s in src], b=[canonical(t) for t in target], autojunk=False
    )
    anchor = None  # the last element placed, new elements go after it
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for s, t in zip(src[i1:i2], target[j1:j2], strict=True):
                kept = _keep(s, t, filling)
                anchor = kept if kept is not None else anchor
            continue
        anchor = _change(package, anchor, src[i1:i2], target[j1:j2], filling)


def _change(package: Package, anchor, olds: list[SourceLine], news: list[str], filling):
    """Lines edited in the app: each rewrites the old paragraph it pairs with when both are the
    same sort (formatting and automatic number kept), else comes as a new one."""
    rewritten: set[int] = set()
    for index, text in enumerate(news):
        old = olds[index] if index < len(olds) else None
        filled = filling.fill_line(text)
        if old is not None and filled and _same_kind(old.text, text):
            anchor = _rewrite(old.node, filled, old.number)
            rewritten.add(index)
            continue
        like = old.node if old is not None else anchor
        placed = _insert(package, anchor, like, text, filling)
        anchor = placed if placed is not None else anchor
    for index, s in enumerate(olds):
        if index not in rewritten:
            _remove(s.node)
    return anchor


def _same_kind(old: str, new: str) -> bool:
    before, after = rules.parse_lines(old)[0].kind, rules.parse_lines(new)[0].kind
    plain = ("para", "flush")
    return "block" not in (before, after) and (
        before == after or (before in plain and after in plain)
    )


def _keep(s: SourceLine, text: str, filling: Filling):
    """Fills an unchanged line in place; returns the element now standing for it."""
    parsed = rules.parse_lines(text)[0]
    if parsed.kind == "block":
        return _replace(s.node, filling.block(parsed.text))
    filled = filling.fill_line(text)
    if not filled:
        _remove(s.node)
        return None
    literal = "{{" in "".join(t.text or "" for t in s.node.iter(w("t")))
    if literal or ("\n" in filled and s.node.tag == w("p")):
        return _rewrite(s.node, filled, s.number)
    for sdt in list(s.node.iter(w("sdt"))):
        key = sdt_tag(sdt)
        if key:
            _unwrap(sdt, filling.value(key))
    return s.node


def _unwrap(sdt, value: str) -> None:
    """The content control gives way to a run with its value, in its first run's format."""
    first = next(sdt.iter(w("r")), None)
    rpr = deepcopy(first.find(w("rPr"))) if first is not None else None
    if rpr is not None:
        for style in rpr.findall(w("rStyle")):
            if style.get(w("val")) == docx_write.PLACEHOLDER_STYLE:
                rpr.remove(style)
    replacement = run(value, rpr)
    parent = sdt.getparent()
    if parent.tag in (w("body"), w("tc"), w("sdtContent"), w("hdr"), w("ftr")):  # block-level
        replacement = element("p", None, replacement)
    parent.replace(sdt, replacement)


def _rewrite(node, filled: str, number: str = ""):
    """The element's text replaced by `filled` (a paragraph's or a table row's). A paragraph
    Word numbers keeps its numbering when the text still starts with that number."""
    if node.tag == w("tr"):
        cells = docx_write.split_cells(filled)
        tcs = node.findall(w("tc"))
        for index, tc in enumerate(tcs):
            _set_cell(tc, cells[index] if index < len(cells) else "")
        for extra in cells[len(tcs) :]:
            tc = deepcopy(tcs[-1]) if tcs else element("tc", None, element("p"))
            _set_cell(tc, extra)
            node.append(tc)
        return node
    if node.tag != w("p"):
        return _replace_one(node, docx_write.line_paragraph(rules.parse_lines(filled)[0], filled))
    texts = [t.strip() for t in filled.split("\n") if t.strip()]
    first = _strip_prefix(texts[0]) if texts else ""
    if number and first.startswith(number.strip()):
        first = first[len(number.strip()) :].strip()
    else:
        _unnumber(node)
    _set_paragraph(node, first)
    last = node
    for text in texts[1:]:  # a value of several lines: a paragraph each, as printed
        new = deepcopy(node)
        _unnumber(new)
        _set_paragraph(new, _strip_prefix(text))
        last.addnext(new)
        last = new
    return last


def _unnumber(p) -> None:
    """No automatic number before this paragraph (its text carries any number itself)."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        return
    for old in ppr.findall(w("numPr")):
        ppr.remove(old)
    if ppr.find(w("pStyle")) is not None:  # a numbered style: numId 0 turns it off
        num_pr = element(
            "numPr", None, element("ilvl", {"val": "0"}), element("numId", {"val": "0"})
        )
        later = next((c for c in ppr if c.tag.rpartition("}")[2] in AFTER_NUMPR), None)
        if later is None:
            ppr.append(num_pr)
        else:
            later.addprevious(num_pr)


def _replace_one(node, new):
    node.getparent().replace(node, new)
    return new


def _set_cell(tc, text: str) -> None:
    paragraphs = tc.findall(w("p"))
    if not paragraphs:
        tc.append(element("p"))
        paragraphs = tc.findall(w("p"))
    _set_paragraph(paragraphs[0], text)
    for extra in paragraphs[1:]:
        tc.remove(extra)
    for other in [c for c in tc if c.tag not in (w("p"), w("tcPr"))]:
        tc.remove(other)


def _set_paragraph(p, text: str) -> None:
    first = next(p.iter(w("r")), None)
    rpr = deepcopy(first.find(w("rPr"))) if first is not None else None
    if rpr is not None:
        for style in rpr.findall(w("rStyle")):
            if style.get(w("val")) == docx_write.PLACEHOLDER_STYLE:
                rpr.remove(style)
    for child in [c for c in p if c.tag != w("pPr")]:
        p.remove(child)
    p.append(run(text, rpr))


def _strip_prefix(text: str) -> str:
    for prefix in PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix) :].strip()
    return text


def _insert(package: Package, anchor, like, text: str, filling: Filling):
    parsed = rules.parse_lines(text)[0]
    if parsed.kind == "block":
        made = filling.block(parsed.text)
    else:
        filled = filling.fill_line(text)
        if not filled:
            return None
        made = [_made_like(like, filled, rules.parse_lines(filled)[0])]
    return _place(package, anchor, made)


def _made_like(like, filled: str, parsed: rules.Line):
    """A new element for a line, formatted like `like` when that is the same sort."""
    if parsed.kind == "field":
        if like is not None and like.tag == w("tr"):
            return _rewrite(deepcopy(like), filled)
        table = docx_write.new_table(borders=False)
        table.append(docx_write.table_row(docx_write.split_cells(filled), placeholders=False))
        docx_write.set_grid(table)
        return table
    if like is not None and like.tag == w("p") and _same_sort(like, parsed):
        new = deepcopy(like)
        _unnumber(new)
        _set_paragraph(new, _strip_prefix(filled))
        return new
    return docx_write.line_paragraph(parsed, filled)


def _same_sort(p, parsed: rules.Line) -> bool:
    from app.exports.docx_xml import paragraph_align, paragraph_style

    right = paragraph_align(p) in ("right", "end")
    heading = paragraph_style(p).lower().startswith(("heading", "title"))
    if parsed.kind == "right":
        return right
    if parsed.kind in ("title", "heading"):
        return heading
    return not right and not heading


def _place(package: Package, anchor, made: list):
    """Puts `made` after `anchor` (at the start of the body when there is none)."""
    if not made:
        return None
    if anchor is None:
        body = package.body
        for index, item in enumerate(made):
            body.insert(index, item)
        return made[-1]
    if anchor.tag == w("tr") and made[0].tag == w("tbl"):
        rows = made[0].findall(w("tr"))
        for row in reversed(rows):
            anchor.addnext(row)
        return rows[-1] if rows else anchor
    target = anchor.getparent() if anchor.tag == w("tr") else anchor
    for item in reversed(made):
        target.addnext(item)
    return made[-1]


def _replace(node, made: list):
    if not made:
        _remove(node)
        return None
    parent = node.getparent()
    if node.tag == w("tr"):  # a block placeholder in a table row: after the table
        table = parent
        for item in reversed(made):
            table.addnext(item)
        _remove(node)
        return made[-1]
    index = parent.index(node)
    parent.remove(node)
    for offset, item in enumerate(made):
        parent.insert(index + offset, item)
    return made[-1]


def _remove(node) -> None:
    parent = node.getparent()
    if parent is None:
        return
    parent.remove(node)
    if parent.tag == w("tbl") and parent.find(w("tr")) is None:
        _remove(parent)

"""The 公文 profile: a notice or a letter (and the rebate 确认函) as GB/T 9704-2012 prints it,
made from the filled template lines and the company settings (发文机关标志, 印发机关)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from app.domain import documents as rules
from app.domain import gongwen as gw
from app.domain.documents import DocumentKind
from app.domain.gongwen import Gongwen, Paragraph, Style
from app.domain.typography import chinese_punctuation as zh
from app.services.settings import CompanySettings

STYLES: dict[DocumentKind, str] = {
    DocumentKind.NOTICE: Style.NOTICE,
    DocumentKind.LETTER: Style.LETTER,
}


def style_of(kind: DocumentKind | str) -> str | None:
    """The 公文 format a kind prints in (None: the ordinary document layout)."""
    return STYLES.get(DocumentKind(kind))


def masthead(style: str, company: CompanySettings) -> str:
    return gw.masthead_text(style, company.masthead or company.name)


def from_lines(
    style: str,
    lines: Sequence[rules.Line],
    context: Mapping[str, str],
    company: CompanySettings,
    draft_mark: str | None = None,
) -> Gongwen:
    """The template's lines sorted into the 公文's parts: the title line, the first flush line
    that ends with a colon (主送机关), 附件 and 抄送 lines, the signature block; the rest is 正文."""
    title, addressee, cc = "", "", ""
    attachments: list[str] = []
    paragraphs: list[Paragraph] = []
    signed = False
    number = context.get("doc.number", "")
    for line in lines:
        text = zh(line.text)
        if line.kind == "title" and not title:
            title = text
        elif line.kind == "right" and line.text.strip() == number:
            continue  # the number is printed in the 版头
        elif line.kind == "flush" and not addressee and not paragraphs and _ends_colon(text):
            addressee = text.rstrip(":：") + "："
        elif line.kind in ("flush", "para") and _labelled(text, "附件"):
            attachments.extend(gw.split_attachments(_after_label(text)))
        elif line.kind in ("flush", "para") and _labelled(text, "抄送"):
            cc = _after_label(text)
        elif line.kind == "block":
            signed = signed or line.text == "signature"
        elif line.kind == "field":
            paragraphs.append(Paragraph(f"{text}：{zh(line.value)}"))
        elif line.kind == "heading":
            paragraphs.append(Paragraph(text, role="heading"))
        elif line.kind == "right":
            paragraphs.append(Paragraph(text, indent=0, align="right"))
        else:
            paragraphs.append(Paragraph(text))
    date = context.get("doc.date", "")
    return Gongwen(
        style=style,
        masthead=masthead(style, company),
        number=number,
        title=title or context.get("doc.title", ""),
        addressee=addressee,
        paragraphs=tuple(paragraphs),
        attachments=tuple(attachments),
        signer=(company.name if signed else ""),
        date=date if signed else "",
        cc=cc,
        print_office=company.print_office or company.name,
        print_date=date,
        draft_mark=draft_mark,
    )


def _ends_colon(text: str) -> bool:
    return text.rstrip().endswith((":", "："))


def _labelled(text: str, label: str) -> bool:
    return text.startswith((label + "：", label + ":"))


def _after_label(text: str) -> str:
    return re.split(r"[:：]", text, maxsplit=1)[-1].strip()


def render(doc: Gongwen, out: Path, font_path: Path | None) -> int:
    from app.exports.gongwen_pdf import render as render_pdf  # the PDF libraries, now

    return render_pdf(doc, Path(out), font_path)

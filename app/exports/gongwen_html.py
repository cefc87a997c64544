"""A 通知 or 函 as the on-screen preview shows it: the same `Gongwen` the PDF is printed from, laid
out like GB/T 9704-2012's page (red 发文机关标志 and rule, 发文字号, 标题, 主送机关, 正文 in 仿宋,
附件说明, 署名 and 成文日期 右空四字, the 版记 between its rules). Qt rich text cannot draw the
22 × 28 grid; the PDF keeps it."""

from __future__ import annotations

from app.domain import gongwen as gw
from app.domain.gongwen import Gongwen, Paragraph, Style
from app.exports.document_html import FONT_PX, highlighter

RED = "#d00000"
FANGSONG = "font-family:'FangSong','仿宋','STFangsong','Compass FangSong SC'"
SONG = "font-family:'SimSun','宋体','Songti SC','Compass Serif SC'"
HEI = "font-family:'SimHei','黑体','Heiti SC','WenQuanYi Micro Hei'"


def gongwen_html(doc: Gongwen, highlight: str | None = None) -> str:
    """The page as one HTML string; text matching `highlight` shows in bold red."""
    text = highlighter(highlight)
    parts = [
        _masthead(doc, text),
        _title(doc, text),
        _addressee(doc, text),
        *(_paragraph(p, text) for p in doc.paragraphs),
        _attachments(doc, text),
        _signature(doc, text),
        _colophon(doc, text),
    ]
    return f'<div style="{FANGSONG}; font-size:{FONT_PX + 2}px">{"".join(parts)}</div>'


BODY_PX = FONT_PX + 2  # 3号 on paper; em sizes are not kept by Qt rich text


def _rule(height: int = 2, color: str = RED) -> str:
    """A rule about `height` px thick across the page: a one-cell table whose text is one tiny
    space (Qt rich text gives <hr> no colour and an empty cell a full line's height)."""
    return (
        "<table width='100%' cellspacing='0' cellpadding='0' style='margin:6px 0'><tr>"
        f"<td bgcolor='{color}' style='font-size:{max(1, height // 2)}px'>&nbsp;</td>"
        "</tr></table>"
    )


def _masthead(doc: Gongwen, text) -> str:
    mark = (
        f"<p align='center' style=\"{SONG}; color:{RED}; font-size:{FONT_PX + 18}px;"
        f' font-weight:bold; margin:8px 0">{text(doc.masthead)}</p>'
    )
    number = f"<p align='{{0}}' style='margin:6px 0'>{text(doc.number)}</p>" if doc.number else ""
    if doc.style == Style.LETTER:  # 函: the number under the double rule, flush right
        return mark + _rule(3) + _rule(1) + number.format("right")
    return mark + number.format("center") + _rule(2)


def _title(doc: Gongwen, text) -> str:
    return (
        f"<p align='center' style=\"{SONG}; font-size:{FONT_PX + 8}px; font-weight:bold;"
        f' margin:18px 0 12px 0">{text(doc.title)}</p>'
    )


def _addressee(doc: Gongwen, text) -> str:
    return f"<p style='margin:4px 0'>{text(doc.addressee)}</p>" if doc.addressee else ""


def _paragraph(para: Paragraph, text) -> str:
    if para.role == "heading":  # 一级标题 in 黑体
        style = f"{HEI}; text-indent:{2 * BODY_PX}px; margin:4px 0"
        return f'<p style="{style}">{text(para.text)}</p>'
    indented = para.indent and para.align == "left"
    indent = f"text-indent:{para.indent * BODY_PX}px; " if indented else ""
    return f"<p align='{para.align}' style='{indent}margin:4px 0'>{text(para.text)}</p>"


def _attachments(doc: Gongwen, text) -> str:
    """附件说明: a line below the 正文, 左空二字; the second and later names under the first."""
    lines = gw.attachment_lines(doc.attachments)
    rows = "".join(
        f"<p style='margin:0 0 0 {(2 if n == 0 else 5) * BODY_PX}px'>{text(line)}</p>"
        for n, line in enumerate(lines)
    )
    return f"<div style='margin-top:18px'>{rows}</div>" if rows else ""


def _signature(doc: Gongwen, text) -> str:
    """署名 and 成文日期 右空四字, with room above for the seal."""
    lines = [line for line in (doc.signer, doc.date) if line]
    rows = "".join(f"<p align='right' style='margin:0 4em 0 0'>{text(line)}</p>" for line in lines)
    return f"<div style='margin-top:48px'>{rows}</div>" if rows else ""


def _colophon(doc: Gongwen, text) -> str:
    """版记: 抄送 and 印发机关/印发日期 between a rule above and one below."""
    if not (doc.cc or doc.print_office):
        return ""
    small = f"font-size:{FONT_PX}px"
    cc = f"<p style='{small}; margin:2px {FONT_PX}px'>抄送：{text(doc.cc)}</p>" if doc.cc else ""
    issued = (
        f"<table width='100%' cellspacing='0' cellpadding='2' style='{small}'><tr>"
        f"<td style='padding-left:{FONT_PX}px'>{text(doc.print_office)}</td>"
        f"<td align='right' style='padding-right:{FONT_PX}px'>{text(doc.print_date)}印发</td>"
        "</tr></table>"
    )
    between = _rule(1, "#000000") if cc else ""
    black = "#000000"
    return f"<div style='margin-top:36px'>{_rule(2, black)}{cc}{between}{issued}{_rule(2, black)}</div>"

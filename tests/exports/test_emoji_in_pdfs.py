"""An emoji typed into a meeting's minutes, a document or a 函 is left out of the printed PDF
instead of printing as an empty box (no face the documents are set in has emoji); everything a
face can draw stays (①, ㈠, ￥, 〔〕, ☎), and so does a rare name in CJK Extension B (𠮷), which
no bundled face has either: a box there says a character of a name must be written in by hand.

The PDFs are read back with pypdf: the emoji are gone from the text, and every character drawn
is one the face has a glyph for, so no .notdef glyph (an empty box) is drawn."""

from __future__ import annotations

from datetime import datetime

import pytest
from pdf_checks import assert_cjk_font_embedded
from pypdf import PdfReader

from app.domain.blocks import Grid, Heading, Para
from app.domain.gongwen import Gongwen, Paragraph, Style
from app.domain.minutes import ActionItemDraft, MeetingDraft
from app.domain.records import ClientDraft
from app.exports.document_pdf import render_document
from app.exports.gongwen_pdf import render as render_gongwen
from app.exports.pdf_fonts import covers, document_fonts
from app.exports.pdf_glyphs import printable
from app.services import clients, minutes

EMOJI = ("😀", "👍", "✅", "❤️", "👨‍👩‍👧", "🇨🇳", "👍🏽", "🏳️‍🌈")
KEPT = "①㈠￥〔〕☎"  # signs the faces have
EXT_B = "𠮷"  # U+20BB7, in a person's name: in no bundled face


def _text(path) -> str:
    """The text as drawn (not NFKC-folded as pdf_checks.page_text does: ㈠ stays ㈠)."""
    return "".join("".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def _assert_no_box(text: str, font: str) -> None:
    """Every character drawn is one `font` has a glyph for (else it prints as .notdef, which
    pypdf reads back as NUL when ReportLab drew the font's glyph 0 for it)."""
    assert "\x00" not in text, text
    missing = {c for c in text if not covers(font, c)}
    assert not missing, sorted(missing)


@pytest.fixture(scope="module")
def song() -> str:
    return document_fonts().song


def test_printable_leaves_out_only_pictures_the_face_lacks(song):
    for emoji in EMOJI:
        assert printable(f"收到{emoji}谢谢", song) == "收到谢谢", emoji
    assert printable("第1️⃣项", song) == "第1项"  # a keycap keeps its digit
    assert printable(f"{KEPT} 金额￥100", song) == f"{KEPT} 金额￥100"
    assert printable(f"吉{EXT_B}祥", song) == f"吉{EXT_B}祥"  # a letter of a name stays
    assert printable("第1行\n第2行\t（完）", song) == "第1行\n第2行\t（完）"


def test_minutes_print_without_emoji_boxes(archive, tmp_path, song):
    client = clients.create_client(archive, ClientDraft("北京恒信医疗器械有限公司"))
    draft = MeetingDraft(
        "恒信项目推进👍",
        datetime(2026, 11, 20, 9, 0),
        place="三楼会议室🏢",
        host="张建国",
        attendees="张建国、王芳😀、李强",
        recorder="刘洋",
        discussion=f"报价策略✅已定。\n{KEPT}样机送达❤️",
        decisions=("第①条：报价￥1,200,000🎉",),
        actions=(ActionItemDraft("提交报价单📄", "王芳", "", None),),
        client_ids=(client.id,),
    )
    detail = minutes.create_meeting(archive, draft)
    out = tmp_path / "minutes.pdf"
    minutes.print_minutes(archive, detail.id, out)
    text = _text(out)
    assert "恒信项目推进" in text and "三楼会议室" in text and "报价策略已定" in text
    assert KEPT + "样机送达" in text and "第①条：报价￥1,200,000" in text and "提交报价单" in text
    assert not any(e in text for e in ("👍", "🏢", "😀", "✅", "❤", "🎉", "📄", "\ufe0f"))
    _assert_no_box(text, song)


def test_a_document_prints_without_emoji_boxes_and_keeps_a_rare_name(tmp_path, song):
    blocks = [
        Heading("合作协议🤝"),
        Para(f"甲方代表吉{EXT_B}祥，联系电话☎ 010-12345678。😀"),
        Grid(("项目", "金额"), (("服务器👍", "￥48,000.50"), ("〔2026〕㈠号", "①"))),
    ]
    out = tmp_path / "document.pdf"
    render_document(blocks, out, title="合作协议🤝")
    text = _text(out)
    assert "合作协议" in text and "服务器" in text and "〔2026〕㈠号" in text and "①" in text
    # the name keeps its rare character, which no bundled face has: printed as one box, in place
    assert f"吉{EXT_B}祥" in text or "吉\x00祥" in text
    assert "☎" in text and "￥48,000.50" in text
    assert not any(e in text for e in ("🤝", "😀", "👍"))
    _assert_no_box(text.replace(f"吉{EXT_B}祥", "").replace("吉\x00祥", ""), song)


def test_a_letter_prints_without_emoji_boxes(tmp_path, song):
    letter = Gongwen(
        style=Style.LETTER,
        masthead="北京华信科技有限公司",
        number="华信函〔2026〕3号",
        title="关于商请协助回款事宜的函📌",
        addressee="北京恒信医疗器械有限公司：",
        paragraphs=[
            Paragraph("感谢贵司一直以来的支持🙏！㈠合同款￥100,000元。"),
            Paragraph("特此函告。"),
        ],
        signer="北京华信科技有限公司",
        date="2026年12月6日",
    )
    out = tmp_path / "letter.pdf"
    render_gongwen(letter, out)
    assert_cjk_font_embedded(out)
    text = _text(out)
    assert "关于商请协助回款事宜的函" in text and "感谢贵司一直以来的支持！" in text
    assert "㈠合同款￥100,000元" in text and "华信函〔2026〕3号" in text
    assert "📌" not in text and "🙏" not in text
    _assert_no_box(text, song)

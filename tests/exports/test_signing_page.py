"""The signing table of a contract never stands alone on a page: the last clause goes along with
it, or, when they cannot share a page, its page is headed （本页无正文，为《…》签署页）."""

from __future__ import annotations

import unicodedata
from io import BytesIO

from pdf_checks import page_text
from pypdf import PdfReader

from app.domain.blocks import Gap, Heading, Para, SigningTable
from app.exports.pdf_blocks import render_blocks
from app.exports.pdf_fonts import register_font

TITLE = "服务器购销合同"
LAST_CLAUSE = "本合同一式肆份，甲乙双方各执贰份，自双方签字盖章之日起生效。"
FILLER = "甲方应在货物到达交货地点后五日内依据本合同约定的质量标准对货物进行验收，第{0}款。" * 3


def _signing() -> list:
    rows = [
        (f"{label}：{a}", f"{label}：{b}")
        for label, a, b in (
            ("单位名称（盖章）", "北京恒信贸易有限公司", "华信科技有限公司"),
            ("地址", "北京市朝阳区", "北京市海淀区"),
            ("法定代表人或委托代理人（签字）", "\n", "\n"),
            ("电话", "010-65001234", "010-88886666"),
            ("开户银行及账号", "招商银行北京分行", "中国工商银行海淀支行"),
            ("签订日期", "＿＿年＿＿月＿＿日", "＿＿年＿＿月＿＿日"),
        )
    ]
    return [
        Para("（以下无正文）", indent=False, align="center"),
        Gap(4),
        SigningTable(
            ("甲方（需方）", "乙方（供方）"),
            rows,
            widths=(0.5, 0.5),
            keep_together=True,
            document_title=TITLE,
        ),
    ]


def _pages(blocks) -> list[str]:
    pdf, _count = render_blocks(blocks, register_font(None), TITLE)
    return [page_text(p).replace("\n", "") for p in PdfReader(BytesIO(pdf)).pages]


def _read(text: str) -> str:
    """Text as page_text gives it back (full-width punctuation folded)."""
    return unicodedata.normalize("NFKC", text)


def _page_of(pages: list[str], text: str) -> int:
    return next(i for i, page in enumerate(pages) if _read(text) in page)


def test_the_last_clause_always_shares_the_page_of_the_signing_table():
    moved = 0
    for fillers in range(8, 22):  # the table's place walks down the second page and over
        clauses = [Para(FILLER.format(i)) for i in range(fillers)]
        heading = Heading("第八条 其他", 2)  # keeps with its clause: never alone at a foot
        blocks = [Heading(TITLE), *clauses, heading, Para(LAST_CLAUSE), *_signing()]
        pages = _pages(blocks)
        signing = _page_of(pages, "签订日期")
        assert _read(LAST_CLAUSE) in pages[signing], fillers
        assert "第八条 其他" in pages[signing], fillers
        assert _read("（以下无正文）") in pages[signing]
        assert "签署页" not in "".join(pages)
        if _page_of(pages, f"第{fillers - 1}款") < signing:
            moved += 1  # the clauses before went on the page before: the clause was kept with it
    assert moved >= 3


def test_a_signing_table_that_cannot_share_a_page_gets_a_headed_signing_page():
    """The last clause is longer than what a page holds beside the table."""
    long_clause = "本合同未尽事宜，双方可另行签订补充协议，补充协议与本合同具有同等法律效力。" * 30
    blocks = [Heading(TITLE), Para(FILLER.format(1)), Para(long_clause + LAST_CLAUSE), *_signing()]
    pages = _pages(blocks)
    signing = _page_of(pages, "签订日期")
    page = pages[signing]
    assert page.startswith(_read(f"（本页无正文，为《{TITLE}》签署页）"))
    assert "补充协议" not in page and "生效" not in page
    assert _read("单位名称（盖章）：北京恒信贸易有限公司") in page
    before = pages[signing - 1]
    assert _read(LAST_CLAUSE) in before and _read("（以下无正文）") in before

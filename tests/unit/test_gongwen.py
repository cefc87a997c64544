"""The 公文 profile without a PDF: the grid's line breaking (kinsoku), the 附件说明, the number
and the 版头's text, and how a filled notice template is sorted into a 公文's parts."""

from __future__ import annotations

from app.domain import documents as rules
from app.domain import gongwen as gw
from app.domain.gongwen import Style
from app.services.documents import gongwen
from app.services.settings import CompanySettings


def test_the_grid_is_the_standards():
    assert gw.LEADING_MM * 22 == gw.BODY_HEIGHT_MM == 225
    assert gw.PITCH_MM * 28 == gw.BODY_WIDTH_MM == 156


def test_a_line_holds_28_characters_and_the_first_is_indented_two():
    lines = gw.break_cells("国" * 60, 28, first_indent=2)
    assert [len(line.text) for line in lines] == [26, 28, 6]
    assert lines[0].tokens[0][0] == 2 and lines[1].tokens[0][0] == 0


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation():
    # the comma falls on cell 29 and the bracket on cell 28: both must move
    text = "国" * 28 + "，" + "国" * 26 + "（" + "国" * 5 + "）。"
    lines = gw.break_cells(text, 28)
    assert lines[1].text.startswith("国，")  # the comma took the last character down
    for line in lines:
        assert line.text[0] not in gw.CLOSING
        assert line.text[-1] not in gw.OPENING
    assert "".join(line.text for line in lines) == text
    assert all(line.width <= 28 for line in lines)


def test_half_width_runs_take_half_cells_and_stay_whole():
    lines = gw.break_cells("国" * 27 + "2026年", 28)
    assert lines[0].text == "国" * 27  # "2026" needs two cells and is not cut
    assert lines[1].text == "2026年"


def test_attachment_lines_are_numbered_only_when_several():
    assert gw.attachment_lines(["报价单"]) == ["附件：报价单"]
    assert gw.attachment_lines(["报价单", "产品目录"]) == ["附件：1. 报价单", "2. 产品目录"]
    assert gw.split_attachments("1. 报价单；2. 产品目录\n资质证书") == [
        "报价单",
        "产品目录",
        "资质证书",
    ]


def test_numbers_and_mastheads():
    assert gw.sequence_scope("letter", "华信函") == "out.letter.华信函"
    assert gw.masthead_text(Style.NOTICE, "华信科技有限公司") == "华信科技有限公司文件"
    assert gw.masthead_text(Style.NOTICE, "华信科技有限公司文件") == "华信科技有限公司文件"
    assert gw.masthead_text(Style.LETTER, "华信科技有限公司") == "华信科技有限公司"


def test_a_filled_notice_is_sorted_into_the_parts_of_a_gongwen():
    with open("resources/templates/notice.tpl", encoding="utf-8") as fh:
        body = rules.parse_template_file(fh.read()).body
    context = {
        "doc.number": "华信通〔2026〕3号",
        "doc.date": "2026年12月6日",
        "subject": "春节放假安排",
        "recipient": "各合作单位",
        "body": "放假时间如下。",
        "attachments": "值班表；联系人名单",
        "cc": "市场营销中心",
        "signature": "1",
    }
    lines = rules.parse_lines(rules.fill(body, context))
    company = CompanySettings(name="华信科技有限公司", print_office="华信科技有限公司办公室")
    doc = gongwen.from_lines(Style.NOTICE, lines, context, company)
    assert doc.masthead == "华信科技有限公司文件" and doc.number == "华信通〔2026〕3号"
    assert doc.title == "关于春节放假安排的通知" and doc.addressee == "各合作单位："
    assert [p.text for p in doc.paragraphs] == ["放假时间如下。", "特此通知。"]
    assert doc.attachments == ("值班表", "联系人名单") and doc.cc == "市场营销中心"
    assert (doc.signer, doc.date) == ("华信科技有限公司", "2026年12月6日")
    assert (doc.print_office, doc.print_date) == ("华信科技有限公司办公室", "2026年12月6日")
    masthead = CompanySettings(name="华信科技有限公司", masthead="北京华信")
    assert gongwen.from_lines(Style.LETTER, lines, context, masthead).masthead == "北京华信"

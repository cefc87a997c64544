"""Printed minutes and the overdue digest, read back with pypdf."""

from __future__ import annotations

from datetime import date, datetime

from pdf_checks import assert_cjk_font_embedded, page_text
from pypdf import PdfReader

from app.domain.minutes import ActionItemDraft, MeetingDraft
from app.domain.records import ClientDraft
from app.services import clients, minutes, settings


def _text(path) -> str:
    return "\n".join(page_text(page) for page in PdfReader(str(path)).pages)


def _flat(path) -> str:
    return "".join(_text(path).split())


def _meeting(archive, decisions: int = 3):
    client = clients.create_client(archive, ClientDraft("北京恒信医疗器械有限公司"))
    draft = MeetingDraft(
        "恒信项目推进",
        datetime(2026, 11, 20, 9, 0),
        place="公司三楼会议室",
        host="张建国",
        attendees="张建国、王芳、李强",
        observers="赵敏",
        absentees="陈晨",
        recorder="刘洋",
        reviewer="张建国",
        agenda="恒信医院 CT 项目投标准备",
        discussion="报价策略与送样安排。\n竞争对手动态。",
        decisions=tuple(f"第{n}条议定内容" for n in range(1, decisions + 1)),
        actions=(
            ActionItemDraft("提交最终报价单", "王芳", "李强", date(2026, 11, 23)),
            ActionItemDraft(
                "安排样机送达", "李强", "", date(2026, 11, 25), "已完成", "11月24日已送达签收"
            ),
        ),
        other_matters="无",
        next_meeting="2026年12月1日 上午9点,三楼会议室",
        client_ids=(client.id,),
        distribution="公司领导、大客户部",
        copies_to="市场营销中心",
    )
    return minutes.create_meeting(archive, draft)


def test_minutes_pdf_customary_layout(archive, tmp_path):
    settings.save_company(archive, settings.CompanySettings(name="广州罗盘科技有限公司"))
    detail = _meeting(archive)
    out = tmp_path / "minutes.pdf"
    pages = minutes.print_minutes(archive, detail.id, out)
    assert pages == len(PdfReader(str(out)).pages) >= 1
    flat = _flat(out)
    assert flat.startswith("广州罗盘科技有限公司恒信项目推进会议纪要〔2026〕第1期时间:")
    for label in ("时间:", "地点:", "主持人:", "记录人:", "审核人:"):
        assert label in flat
    assert "时间:2026年11月20日9:00" in flat and "公司三楼会议室" in flat
    assert flat.index("议题") < flat.index("讨论要点") < flat.index("议定事项")
    assert "一、第1条议定内容" in flat and "三、第3条议定内容" in flat
    for heading in ("序号", "事项", "责任人", "协办", "完成时限", "状态", "落实情况"):
        assert heading in flat
    assert "提交最终报价单" in flat and "逾期3天" in flat and "11月24日已送达签收" in flat
    assert "下次会议" in flat and "北京恒信医疗器械有限公司" in flat
    tail = flat[flat.index("下次会议") :]
    assert "记录人:刘洋签字:______" in tail and "审核人:张建国签字:______" in tail
    assert (
        tail.index("审核人")
        < tail.index("分送:公司领导、大客户部")
        < tail.index("抄送:市场营销中心")
    )
    assert "完成时限" in flat and "2026年11月23日" in flat  # dates unpadded, as everywhere
    assert f"第1页共{pages}页" in flat and f"第{pages}页共{pages}页" in flat
    assert_cjk_font_embedded(out)


def test_many_decisions_number_past_ten_and_pages_are_counted(archive, tmp_path):
    detail = _meeting(archive, decisions=60)
    out = tmp_path / "long.pdf"
    pages = minutes.print_minutes(archive, detail.id, out)
    flat = _flat(out)
    assert pages >= 2
    assert "十一、第11条议定内容" in flat and "二十一、第21条议定内容" in flat
    assert "六十、第60条议定内容" in flat
    assert f"第{pages}页共{pages}页" in flat


def test_title_already_ending_in_minutes_is_not_doubled(archive, tmp_path):
    detail = minutes.create_meeting(
        archive, MeetingDraft("经营分析会会议纪要", datetime(2026, 11, 1))
    )
    out = tmp_path / "m.pdf"
    minutes.print_minutes(archive, detail.id, out)
    assert "会议纪要会议纪要" not in _flat(out)
    assert "出席:无" in _flat(out) and "列席:无" in _flat(out) and "请假:无" in _flat(out)
    assert "分送" not in _flat(out)  # nothing to distribute: no empty line


def test_the_header_block_is_whole_on_the_first_page_in_order(archive, tmp_path):
    detail = _meeting(archive, decisions=40)  # long enough for a second page
    out = tmp_path / "minutes.pdf"
    assert minutes.print_minutes(archive, detail.id, out) >= 2
    first = "".join(page_text(PdfReader(str(out)).pages[0]).split())
    labels = ("时间:", "地点:", "主持人:", "出席:", "列席:", "请假:", "记录:", "相关客户:", "议题")
    positions = [first.index(label) for label in labels]
    assert positions == sorted(positions)
    assert "出席:张建国、王芳、李强" in first and "列席:赵敏" in first and "请假:陈晨" in first
    assert "记录:刘洋" in first


def test_minutes_are_numbered_per_year_in_order_of_writing(archive, tmp_path):
    first = _meeting(archive)
    second = minutes.create_meeting(archive, MeetingDraft("周例会", datetime(2026, 11, 27, 9)))
    older = minutes.create_meeting(archive, MeetingDraft("年终总结", datetime(2025, 12, 30, 9)))
    assert (first.number, second.number, older.number) == (
        "〔2026〕第1期",
        "〔2026〕第2期",
        "〔2025〕第1期",
    )
    edited = minutes.update_meeting(archive, first.id, first.draft())
    assert edited.number == "〔2026〕第1期"  # an edit keeps the number
    moved = minutes.update_meeting(
        archive, older.id, MeetingDraft("年终总结", datetime(2026, 1, 5, 9))
    )
    assert moved.number == "〔2026〕第3期"  # moved into 2026: that year's next number
    minutes.delete_meeting(archive, second.id)
    third = minutes.create_meeting(archive, MeetingDraft("月度会", datetime(2026, 12, 1, 9)))
    assert third.number == "〔2026〕第4期"  # a binned number is not given out again
    out = tmp_path / "m.pdf"
    minutes.print_minutes(archive, third.id, out)
    assert "〔2026〕第4期" in _flat(out)


def test_digest_pdf(archive, tmp_path):
    _meeting(archive)
    out = tmp_path / "digest.pdf"
    minutes.digest_pdf(archive, out)
    flat = _flat(out)
    assert "督促落实催办单" in flat and "责任人:王芳" in flat and "逾期事项:1项" in flat
    assert "提交最终报价单" in flat and "3天" in flat and "安排样机送达" not in flat
    assert_cjk_font_embedded(out)


def test_digest_gives_each_owner_a_page_to_sign(archive, tmp_path):
    detail = _meeting(archive)
    minutes.create_meeting(
        archive,
        MeetingDraft(
            "周例会",
            datetime(2026, 11, 2, 9),
            actions=(
                ActionItemDraft("回访客户", "李强", due_on=date(2026, 11, 10)),
                ActionItemDraft("整理投标资质", "李强", due_on=date(2026, 11, 12)),
                ActionItemDraft("核对应收", "赵敏", due_on=date(2026, 11, 20)),
            ),
        ),
    )
    assert detail.actions[0].owner == "王芳"
    out = tmp_path / "digest.pdf"
    pages = minutes.digest_pdf(archive, out)
    texts = ["".join(page_text(p).split()) for p in PdfReader(str(out)).pages]
    assert pages == len(texts) == 3  # 李强 (2 items) first, then 王芳 and 赵敏
    owners = [next(o for o in ("李强", "王芳", "赵敏") if f"责任人:{o}" in t) for t in texts]
    assert owners == ["李强", "王芳", "赵敏"]
    assert "回访客户" in texts[0] and "整理投标资质" in texts[0] and "核对应收" not in texts[0]
    assert "核对应收" in texts[2] and "回访客户" not in texts[2]
    for text in texts:
        assert sum(f"责任人:{o}" in text for o in ("李强", "王芳", "赵敏")) == 1
        head = text.index("序号事项会议完成时限逾期签收反馈")
        assert head < text.index("责任人签收:______") < text.index("日期:____年__月__日")


def test_a_title_ending_in_meeting_gets_only_its_minutes(archive, tmp_path):
    detail = minutes.create_meeting(archive, MeetingDraft("回款协调会", datetime(2026, 11, 1)))
    out = tmp_path / "m.pdf"
    minutes.print_minutes(archive, detail.id, out)
    assert _flat(out).startswith("回款协调会纪要")  # never 回款协调会会议纪要


def test_a_heading_never_ends_a_page_alone(tmp_path):
    from app.exports.document_pdf import render_document
    from app.exports.pdf_blocks import Heading, Para

    for filler in range(20, 30):  # moves the heading over the end of the first page
        out = tmp_path / f"h{filler}.pdf"
        blocks = [Para(f"第{n}段正文内容。") for n in range(filler)]
        render_document([*blocks, Heading("下次会议", 2), Para("下周同一时间")], out, title="t")
        pages = [page_text(p) for p in PdfReader(str(out)).pages]
        heading = next(n for n, text in enumerate(pages) if "下次会议" in text)
        assert "下周同一时间" in pages[heading], filler


def test_circled_numbers_print_as_typed(archive, tmp_path):
    """A title holding ① printed as '1': every saved one-line field went through NFKC, which
    spells out ①, Ⅱ, m² and ㎡. They are kept as typed; full-width letters still fold."""
    draft = MeetingDraft(
        "①号线项目推进",
        datetime(2026, 11, 20, 9, 0),
        place="③会议室（１２层）",
        host="张建国",
        decisions=("第Ⅱ标段按期完成,场地 120m²",),
    )
    detail = minutes.create_meeting(archive, draft)
    assert detail.title == "①号线项目推进"
    assert detail.place == "③会议室(12层)"  # full-width digits and brackets still fold
    out = tmp_path / "minutes.pdf"
    minutes.print_minutes(archive, detail.id, out)
    # as extracted, not through page_text (its NFKC would spell ① out again)
    flat = "".join("".join(p.extract_text() for p in PdfReader(str(out)).pages).split())
    assert "①号线项目推进会议纪要" in flat
    assert "③会议室" in flat
    assert "第Ⅱ标段" in flat and "120m²" in flat

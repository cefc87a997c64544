"""The rebate application form and the rebate letter, read back with pypdf."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pdf_checks import assert_cjk_font_embedded, page_text
from pypdf import PdfReader

from app.domain.errors import AppError
from app.domain.messages import describe

D = Decimal


@pytest.fixture
def rebate_id(archive):
    from app.domain.records import ClientDraft
    from app.services import clients, contracts, rebates, settings

    settings.save_company(archive, settings.CompanySettings(name="广州罗盘科技有限公司"))
    client = clients.create_client(archive, ClientDraft("深圳恒达电子有限公司", owner="张伟"))
    contracts.create_contract(
        archive,
        contracts.ContractDraft("HT-77", client.id, date(2026, 2, 3), amount=D("1000000.00")),
    )
    contracts.add_receipt(
        archive, contracts.ReceiptDraft(client.id, date(2026, 5, 6), D("654321.09"))
    )
    return rebates.apply(archive, client.id, date(2026, 1, 1), date(2026, 6, 30), "李娜").id


def _text(path) -> str:
    return "".join("".join(page_text(page).split()) for page in PdfReader(path).pages)


def test_form_states_the_numbers_the_steps_and_that_nothing_may_be_promised(
    archive, rebate_id, tmp_path
):
    from app.services import rebates

    rebates.approve(archive, rebate_id, "manager", "王经理", "情况属实")
    out = tmp_path / "form.pdf"
    pages = rebates.write_form(archive, rebate_id, out)
    reader = PdfReader(out)
    assert pages == len(reader.pages) >= 1
    text = _text(out)
    assert "销售返点申请审批表" in text
    assert "深圳恒达电子有限公司" in text
    assert "¥1,000,000.00" in text and "¥654,321.09" in text
    assert "10%" in text and "¥65,432.11" in text  # 65,432.109 -> 65,432.11
    assert "陆万伍仟肆佰叁拾贰元壹角壹分" in text
    assert "待市场营销中心审批" in text
    assert "王经理" in text and "情况属实" in text
    assert "全部审批通过之前,任何人不得向客户承诺" in text
    assert "未经审批不得承诺" in text  # the mark on every page until approved
    assert f"第1页共{pages}页" in text
    assert_cjk_font_embedded(out)


def test_form_has_a_box_to_sign_and_date_by_hand_per_step(archive, rebate_id, tmp_path):
    from app.services import rebates

    rebates.approve(archive, rebate_id, "manager", "王经理", "情况属实")
    out = tmp_path / "form.pdf"
    assert rebates.write_form(archive, rebate_id, out) == 1  # the form stays on one page
    text = _text(out)
    boxes = ("申请", "大客户部经理", "市场营销中心", "总经理")
    starts = [text.index(label, text.index("审批意见、签字及日期")) for label in boxes]
    assert starts == sorted(starts)
    # (the full-width lines ＿ read back as _ once folded)
    assert text.count("申请人(签字):______") == 1
    assert text.count("审批人(签字):______") == 3  # each approval step
    assert text.count("日期:____年__月__日") == 4
    # the step approved in the app shows who and when, and still leaves the signature to write
    assert "意见:同意。情况属实(系统登记:王经理," in text
    assert "申请人:李娜" in text


def test_letter_only_when_fully_approved(archive, rebate_id, tmp_path):
    from app.services import rebates

    out = tmp_path / "letter.pdf"
    for step, who in (("manager", "王经理"), ("marketing", "刘主任")):
        rebates.approve(archive, rebate_id, step, who)
        with pytest.raises(AppError) as err:
            rebates.write_letter(archive, rebate_id, out)
        assert "不能出具返点确认函" in describe(err.value)
        assert not out.exists()
    rebates.approve(archive, rebate_id, "gm", "赵总")
    rebates.write_letter(archive, rebate_id, out)
    text = _text(out)
    assert "销售返点确认函" in text and "深圳恒达电子有限公司:" in text
    assert "返点金额为¥65,432.11" in text
    assert "贵司在2026年1月1日至2026年6月30日期间" in text  # dates as everywhere, unpadded
    assert "广州罗盘科技有限公司" in text  # 发文机关标志 and 署名: the seal is stamped by hand
    assert "未经审批" not in text
    # issued as a 函: its 发文字号 in the 版头 and a 发文 in the register; a reprint keeps it
    from app.services import letters

    [sent] = letters.list_letters(archive)
    assert sent.number == "〔2026〕1号" and sent.title == "销售返点确认函"
    assert sent.direction == "out" and sent.counterpart == "深圳恒达电子有限公司"
    assert "〔2026〕1号" in text
    rebates.write_letter(archive, rebate_id, out)
    assert [x.number for x in letters.list_letters(archive)] == ["〔2026〕1号"]
    form = tmp_path / "form.pdf"
    rebates.write_form(archive, rebate_id, form)
    assert "未经审批不得承诺" not in _text(form) and "已批准" in _text(form)


def test_rejected_form_prints_the_later_steps_as_not_applicable(archive, rebate_id, tmp_path):
    """Issue 13 §4: "A rejected form shows later steps as 不适用, not 待审批": nothing to sign
    after the step that rejected."""
    from app.services import rebates

    rebates.reject(archive, rebate_id, None, "王经理", "客户有逾期应收款")
    out = tmp_path / "form.pdf"
    assert rebates.write_form(archive, rebate_id, out) == 1
    text = _text(out)
    assert "已驳回" in text and "意见:驳回。客户有逾期应收款(系统登记:王经理," in text
    grid = text[text.index("审批意见、签字及日期") :]
    assert grid.count("不适用(前一环节已驳回)") == 2
    assert grid.index("市场营销中心不适用") < grid.index("总经理不适用")
    assert text.count("审批人(签字):______") == 1  # only the step that decided
    assert "待审批" not in grid


def test_advance_form_then_settled_in_another_tier_shows_the_difference(archive, tmp_path):
    """The handbook: "applied for in advance" and "the tier is chosen by the period's sales ...
    200,000 < sales < 1,000,000 -> 8%; sales >= 1,000,000 -> 10%". Expected sales 800,000: 8%,
    about 64,000.00 on them. Actual sales 1,000,000 (exactly 1,000,000 is in the 10% tier),
    receipts 654,321.09 -> 65,432.11 (65,432.109 half up): another tier, difference +1,432.11."""
    from app.domain.records import ClientDraft
    from app.services import clients, contracts, rebates

    client = clients.create_client(archive, ClientDraft("深圳恒达电子有限公司", owner="张伟"))
    record = rebates.apply_in_advance(
        archive, client.id, date(2026, 1, 1), date(2026, 6, 30), D("800000"), "李娜"
    )
    out = tmp_path / "advance.pdf"
    rebates.write_form(archive, record.id, out)
    text = _text(out)
    assert "提前申请(提前申请,待结算)" in text
    assert "预计销售额¥800,000.00" in text and "批准返点比例8%" in text
    assert "¥64,000.00" in text and "未经审批不得承诺" in text
    for step, who in (("manager", "王经理"), ("marketing", "刘主任"), ("gm", "赵总")):
        rebates.approve(archive, record.id, step, who)
    contracts.create_contract(
        archive,
        contracts.ContractDraft("HT-77", client.id, date(2026, 2, 3), amount=D("1000000.00")),
    )
    contracts.add_receipt(
        archive, contracts.ReceiptDraft(client.id, date(2026, 5, 6), D("654321.09"))
    )
    rebates.settle(archive, record.id, "李娜")
    out = tmp_path / "review.pdf"
    assert rebates.write_form(archive, record.id, out) == 1
    text = _text(out)
    assert "结算与批准对照(档位不同,须重新经三级审批)" in text
    assert "批准(提前申请)¥800,000.00(按预计)8%¥64,000.00" in text
    assert "实际(结算)¥1,000,000.00¥654,321.09" in text and "10%¥65,432.11" in text
    assert "差额+¥1,432.11" in text
    assert "待大客户部经理审批" in text and "未经审批不得承诺" in text
    # the new round's boxes are empty again, to be signed by all three
    assert text.count("审批人(签字):______") == 3 and "系统登记" not in text

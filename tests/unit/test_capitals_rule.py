"""大写金额 end with 整 after 元 and after 角, never after 分 (issue 13, §6).

《会计基础工作规范》第五十二条(二): "大写金额数字到元或者角为止的，在"元"或者"角"字之后应当写
"整"字或者"正"字；大写金额数字有分的，分字后面不写"整"或者"正"字。"

《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》二: "中文大写金额数字到"元"为止的，
在"元"之后，应写"整"(或"正")字，在"角"之后可以不写"整"(或"正")字。大写金额数字有"分"
的，"分"后面不写"整"(或"正")字。" — it permits 整 after 角, 第五十二条 requires it: writing it
satisfies both.

The expected words below are spelled by hand from these rules (壹贰叁肆伍陆柒捌玖, 拾佰仟万亿,
元角分, 零 for zeros inside the number), not taken from the function."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from app.domain.amounts import rmb_capitals


@pytest.mark.parametrize(
    "amount, words",
    [
        # to 元: 整 after 元
        ("1234.00", "壹仟贰佰叁拾肆元整"),
        ("90001.00", "玖万零壹元整"),
        # to 角: 整 after 角 (第五十二条: 应当写)
        ("1234.50", "壹仟贰佰叁拾肆元伍角整"),
        ("1409.50", "壹仟肆佰零玖元伍角整"),
        ("0.50", "伍角整"),
        ("100000000.10", "壹亿元壹角整"),
        # with 分: no 整 after 分
        ("1234.56", "壹仟贰佰叁拾肆元伍角陆分"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        ("0.05", "伍分"),
    ],
)
def test_zheng_after_yuan_and_jiao_never_after_fen(amount, words):
    assert rmb_capitals(D(amount)) == words


def test_a_negative_amount_to_the_jiao_keeps_its_zheng():
    assert rmb_capitals(D("-12.30")) == "负壹拾贰元叁角整"


def test_zheng_only_at_the_end():
    """整 closes the amount: it never stands after 分, nor anywhere but last."""
    for amount in ("0.01", "10.10", "10.01", "999999999999.90", "999999999999.99", "3.00"):
        words = rmb_capitals(D(amount))
        assert words.count("整") == (0 if words.endswith("分") else 1), words
        assert "整" not in words[:-1]

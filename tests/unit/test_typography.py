"""Chinese punctuation on paper: what is converted and what is left alone."""

from __future__ import annotations

import pytest

from app.domain.typography import chinese_punctuation


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("签订地点: 北京,详见附件(一)", "签订地点：北京，详见附件（一）"),
        ("(大写:壹万元整)", "（大写：壹万元整）"),
        ("投标总价(元)", "投标总价（元）"),
        ("客户“华信”,请回复!", "客户“华信”，请回复！"),
        ("合计 ¥1,234.00,其中 09:30 开标", "合计 ¥1,234.00，其中 09:30 开标"),
        ("证书(CS3)", "证书（CS3）"),
        ("已完成;待复核?", "已完成；待复核？"),
    ],
)
def test_punctuation_inside_chinese_is_full_width(typed, printed):
    assert chinese_punctuation(typed) == printed


@pytest.mark.parametrize(
    "text",
    [
        "Tel: 010-88886666",
        "HT-1 (open ¥1.00)",
        "1,234,567.89",
        "2026-11-27 09:30",
        "a, b; c",
        "2026-11-01 至 2026-11-30)",  # an unpaired bracket is left as typed
        "",
    ],
)
def test_numbers_times_and_latin_text_are_left_alone(text):
    assert chinese_punctuation(text) == text

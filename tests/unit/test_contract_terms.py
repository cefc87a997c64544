"""Contract wording that follows what is typed: copies, echoes of the sentence, prompts."""

from __future__ import annotations

import pytest

from app.domain import documents as rules
from app.domain.contract_terms import (
    capital_count,
    copies_held,
    doubled_phrases,
    parse_count,
    trim_echo,
)
from app.services.documents import file_templates


@pytest.mark.parametrize(
    ("typed", "number"),
    [("4", 4), ("４", 4), ("肆", 4), ("四", 4), ("两", 2), ("贰份", 2), ("十二", 12), ("拾贰", 12),
     ("二十", 20), ("10", 10)],
)  # fmt: skip
def test_a_count_is_read_in_figures_or_chinese(typed, number):
    assert parse_count(typed) == number


@pytest.mark.parametrize("typed", ["", "若干", "4.5", "十二三", "贰拾拾"])
def test_what_is_no_count_is_refused(typed):
    assert parse_count(typed) is None


@pytest.mark.parametrize(
    ("copies", "capital", "held"),
    [
        (2, "贰", "甲乙双方各执壹份"),
        (4, "肆", "甲乙双方各执贰份"),
        (6, "陆", "甲乙双方各执叁份"),
        (3, "叁", "甲方执贰份、乙方执壹份"),
        (5, "伍", "甲方执叁份、乙方执贰份"),
        (12, "拾贰", "甲乙双方各执陆份"),
    ],
)
def test_who_keeps_how_many_copies_follows_the_number(copies, capital, held):
    assert capital_count(copies) == capital
    assert copies_held(copies) == held


def test_one_copy_cannot_be_shared_by_two_parties():
    assert copies_held(1) is None and copies_held(100) is None


def test_the_shipped_contracts_never_say_a_fixed_each_one():
    for template in file_templates():
        if template.kind in rules.TWO_PARTY_KINDS:
            assert "各执一份" not in template.body
            assert "{{doc.copies_held}}" in template.body and "{{copies|" in template.body
            assert "{{invoice_info}}" in template.body


@pytest.mark.parametrize(
    ("before", "typed", "after", "kept"),
    [
        ("质量保证期为自验收合格之日起", "自验收合格之日起12个月", "。", "12个月"),
        ("质量保证期为自验收合格之日起", "验收合格之日起12个月", "。", "12个月"),
        ("质量保证期为自验收合格之日起", "一年。", "。质保期内", "一年"),
        ("质保期为", "12个月", "个月", "12"),
        ("交货地点:", "甲方指定地点", "。", "甲方指定地点"),
        ("合同编号:", "HX-1", "", "HX-1"),
        ("自", "自然年度", "起", "自然年度"),  # one shared character is no echo
    ],
)
def test_a_value_never_repeats_the_words_around_its_blank(before, typed, after, kept):
    assert trim_echo(before, typed, after) == kept


def test_fill_never_doubles_the_sentence():
    body = "质量保证期为自验收合格之日起{{warranty|质保期}}。"
    filled = rules.fill(body, {"warranty": "自验收合格之日起12个月"})
    assert filled == "质量保证期为自验收合格之日起12个月。"
    assert doubled_phrases(filled) == []
    assert doubled_phrases("自验收合格之日起验收合格之日起12个月") == ["验收合格之日起"]


def test_each_field_prompt_is_the_sentence_it_fills():
    template = next(t for t in file_templates() if t.key == "purchase_contract")
    prompts = rules.prompts(template.body)
    assert prompts["warranty"] == "质量保证期为自验收合格之日起＿＿。"
    assert (
        prompts["copies"] == "本合同一式＿＿份,＿＿,自双方签字盖章之日起生效,每份具有同等法律效力。"
    )
    assert prompts["acceptance_days"].startswith("甲方应在货物到达交货地点后＿＿日内")
    assert prompts["delivery_place"] == "交货地点:＿＿。"
    assert prompts["contract_no"] == "合同编号:＿＿"  # a label / value line

"""The line-breaking rule (禁则) from its text: GB/T 15834 and W3C clreq, worked on lines a few
characters wide (each character one unit: `len` measures)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.line_breaking import (
    NO_LINE_END,
    NO_LINE_START,
    break_lines,
    may_end_line,
    may_start_line,
    violations,
)


def test_a_line_that_fits_is_left_alone():
    assert break_lines("甲方：北京华信。", 10) == ["甲方：北京华信。"]


def test_a_comma_never_starts_a_line_the_character_before_it_comes_down_with_it():
    # 10 wide: "甲方应于合同签订之日起" is 11, and "，" would start line two.
    assert break_lines("甲方应于合同签订之日起，三十日内付款。", 11) == [
        "甲方应于合同签订之日",
        "起，三十日内付款。",
    ]


@pytest.mark.parametrize("mark", list("，。、；：？！）」』》〉】〕”’…％"))
def test_no_closing_mark_starts_a_line(mark):
    lines = break_lines(f"一二三四五{mark}六七八九", 5)
    assert not lines[1].startswith(mark)
    assert "".join(lines) == f"一二三四五{mark}六七八九"


@pytest.mark.parametrize("mark", list("（「『《〈【〔“‘"))
def test_no_opening_mark_ends_a_line(mark):
    lines = break_lines(f"一二三四{mark}五六七八", 5)
    assert lines[0] == "一二三四"
    assert lines[1].startswith(mark)


def test_a_closing_quote_after_a_full_stop_takes_two_characters_down():
    assert break_lines("甲方应于合同签订之日起三十日内付款。”乙方", 17) == [
        "甲方应于合同签订之日起三十日内付",
        "款。”乙方",
    ]


def test_ascii_marks_follow_the_same_rule():
    lines = break_lines("abc 甲乙丙丁,戊己(庚辛)", 6)
    assert violations(lines) == []
    assert "".join(lines).replace(" ", "") == "abc甲乙丙丁,戊己(庚辛)"


def test_dash_and_ellipsis_are_never_split_between_their_halves():
    assert break_lines("见附件——清单", 4) == ["见附", "件——清", "单"]
    assert all(
        "…" not in (line[0], line[-1]) or "……" in line for line in break_lines("等等……完", 3)
    )


def test_a_mark_hangs_when_pushing_out_would_empty_the_line():
    # A column two and a half characters wide: 金额（元）. Pushing 元 down would leave （ alone.
    assert break_lines("金额（元）", 2.5) == ["金额", "（元）"]


def test_latin_words_and_numbers_are_kept_whole():
    assert break_lines("合同 ABC-123 金额 1,234.50 元", 11) == [
        "合同 ABC-123",
        "金额 1,234.50",
        "元",
    ]


def test_a_word_wider_than_the_line_is_cut():
    assert break_lines("ABCDEFGHIJ", 4) == ["ABCD", "EFGH", "IJ"]


def test_hard_line_breaks_are_kept_and_the_first_line_may_be_narrower():
    assert break_lines("一二三四五六\n七八", [4, 6]) == ["一二三四", "五六", "七八"]


def test_the_classes_of_marks():
    assert not may_start_line("，") and not may_start_line("。") and not may_start_line("）")
    assert not may_end_line("（") and not may_end_line("《") and not may_end_line("“")
    assert may_start_line("（") and may_end_line("，") and may_start_line("甲")


def test_violations_finds_lines_and_leaves_a_lone_dash_alone():
    assert violations(["，甲方", "乙方（", "丙方", "—", "……"]) == ["，甲方", "乙方（"]


TEXT = st.text(
    alphabet=st.sampled_from("甲乙丙丁戊己庚辛壬癸 ab1" + "".join(NO_LINE_START)[:30] + "（《“【"),
    min_size=0,
    max_size=60,
)


@given(TEXT, st.integers(min_value=3, max_value=12))
def test_breaking_keeps_every_character_and_no_line_is_too_wide_but_by_a_hanging_mark(text, width):
    lines = break_lines(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert len(line) <= width or line[-1] in NO_LINE_START


@given(TEXT, st.integers(min_value=3, max_value=12))
def test_no_break_leaves_a_closing_mark_first_or_an_opening_mark_last_unless_all_marks(text, width):
    lines = break_lines(text, width)
    marks = NO_LINE_START | NO_LINE_END | {" "}
    for before, after in zip(lines, lines[1:], strict=False):
        assert after[:1] not in NO_LINE_START or all(c in marks for c in before), (before, after)
        assert before[-1:] not in NO_LINE_END or all(c in marks for c in before), (before, after)


def test_a_gongwen_page_number_is_not_a_break():
    assert violations(["— 1 —", "— 12 —"]) == []
    assert violations(["—1—"]) == []
    assert violations(["— 1 —，"]) == ["— 1 —，"]

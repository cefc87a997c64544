"""Domain rules: parsing what people type, money, text folding, the visit plan."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from stdnum.cn import uscc as stdnum_uscc

from app.domain.enums import Tier
from app.domain.errors import ValidationError
from app.domain.money import fen_to_yuan, parse_yuan, to_yuan, yuan_to_fen
from app.domain.parsing import (
    parse_date,
    parse_email,
    parse_landline,
    parse_mobile,
    parse_tier,
    parse_uscc,
)
from app.domain.text import clean, fold, name_key, pinyin_initials
from app.domain.visits import VisitIntervals, days_overdue, overdue_sort_key

VALID_USCC = "91110000600037341L"


@pytest.mark.parametrize(
    "text, tier",
    [("A", Tier.A), ("A类", Tier.A), ("b级", Tier.B), (" C ", Tier.C), ("d类客户", Tier.D)],
)
def test_tiers_are_read_leniently(text, tier):
    assert parse_tier(text) == tier


def test_tier_words_and_empty():
    assert parse_tier("重点") == Tier.A
    assert parse_tier("潜在") == Tier.D
    assert parse_tier("  ") is None


@pytest.mark.parametrize("text", ["E", "AB", "一级", "5"])
def test_unknown_tier_is_rejected(text):
    with pytest.raises(ValidationError) as info:
        parse_tier(text, "tier")
    assert info.value.code == "unknown_tier"
    assert info.value.field == "tier"


@pytest.mark.parametrize(
    "text",
    ["2024-03-05", "2024/3/5", "2024.3.5", "2024年3月5日", "20240305", "2024-03-05 00:00:00"],
)
def test_dates_in_every_written_form(text):
    assert parse_date(text) == date(2024, 3, 5)


def test_excel_serials_and_date_objects():
    assert parse_date(45356) == date(2024, 3, 5)
    assert parse_date(45356.0) == date(2024, 3, 5)
    assert parse_date(datetime(2024, 3, 5, 14, 0)) == date(2024, 3, 5)
    assert parse_date(date(2024, 3, 5)) == date(2024, 3, 5)
    assert parse_date(None) is None
    assert parse_date("") is None


@pytest.mark.parametrize("text", ["2024-02-30", "2023-02-29", "2024年13月1日", "2024/4/31"])
def test_impossible_dates_are_rejected_not_rolled_over(text):
    with pytest.raises(ValidationError) as info:
        parse_date(text, "created_on")
    assert info.value.code == "impossible_date"
    assert info.value.field == "created_on"


@pytest.mark.parametrize("value", ["next tuesday", "3/5", -1, 0])
def test_unreadable_dates_are_rejected(value):
    with pytest.raises(ValidationError) as info:
        parse_date(value)
    assert info.value.code == "bad_date"


def test_leap_day_is_a_real_date():
    assert parse_date("2024-02-29") == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text",
    ["13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678", "0086 13812345678"],
)
def test_mobiles_are_normalised(text):
    assert parse_mobile(text) == "13812345678"


def test_full_width_mobile_digits_are_normalised():
    assert parse_mobile("１３８１２３４５６７８") == "13812345678"


@pytest.mark.parametrize("text", ["12812345678", "1381234567", "138123456789", "hello"])
def test_bad_mobiles_are_rejected(text):
    with pytest.raises(ValidationError) as info:
        parse_mobile(text)
    assert info.value.code == "bad_mobile"


def test_landlines_get_a_dash_after_the_area_code():
    assert parse_landline("010 12345678") == "010-12345678"
    assert parse_landline("0755-8888 6666") == "0755-88886666"
    assert parse_landline("021-12345678转123") == "021-12345678-123"
    with pytest.raises(ValidationError):
        parse_landline("12")


def test_email_is_lower_cased_and_checked():
    assert parse_email(" Zhang.San@Example.COM ") == "zhang.san@example.com"
    assert parse_email("") is None
    for bad in ("zhangsan", "a@b", "a..b@example.com", "张三@example.com"):
        with pytest.raises(ValidationError) as info:
            parse_email(bad)
        assert info.value.code == "bad_email"


def test_valid_uscc_is_upper_cased():
    assert parse_uscc(VALID_USCC.lower()) == VALID_USCC
    assert parse_uscc(" 9111 0000 6000 3734 1L ") == VALID_USCC
    assert parse_uscc("") is None


def test_uscc_from_its_check_character():
    body = "91440300MA5F" + "12345"
    code = body + stdnum_uscc.calc_check_digit(body)
    assert parse_uscc(code) == code


@pytest.mark.parametrize(
    "text, code",
    [
        ("91110000600037341M", "uscc_checksum"),
        ("9111000060003734", "uscc_length"),
        ("91110000600037341I", "uscc_format"),  # I is not used (GB 32100: no I, O, S, V, Z)
        ("9111000O600037341L", "uscc_format"),  # the region code is six digits
    ],
)
def test_invalid_uscc_says_why(text, code):
    with pytest.raises(ValidationError) as info:
        parse_uscc(text, "uscc")
    assert info.value.code == code


def test_money_is_decimal_rounded_half_up_to_the_fen():
    assert to_yuan(Decimal("1.005")) == Decimal("1.01")
    assert to_yuan(Decimal("2.675")) == Decimal("2.68")
    assert to_yuan(Decimal("-1.005")) == Decimal("-1.01")
    assert to_yuan(3) == Decimal("3.00")
    assert isinstance(to_yuan("0.1"), Decimal)


@pytest.mark.parametrize(
    "text, amount",
    [
        ("1,234.5", "1234.50"),
        ("¥1234.50", "1234.50"),
        ("1234.50元", "1234.50"),
        ("１２３", "123.00"),
    ],
)
def test_money_text_is_parsed(text, amount):
    assert parse_yuan(text) == Decimal(amount)


def test_money_refuses_floats_and_bad_text():
    with pytest.raises(TypeError):
        parse_yuan(0.1)
    with pytest.raises(ValueError):
        parse_yuan("abc")
    with pytest.raises(ValueError):
        parse_yuan("NaN")
    assert parse_yuan("") is None


def test_fen_round_trip_is_exact():
    for text in ("0.01", "0.10", "19.99", "1234567.89"):
        amount = Decimal(text)
        assert fen_to_yuan(yuan_to_fen(amount)) == amount
    assert yuan_to_fen(Decimal("0.105")) == 11


def test_fold_unifies_full_width_brackets_digits_and_spaces():
    assert fold("北京华信(集团)有限公司") == fold("北京华信（集团）有限公司")
    assert fold("华信２号 公司") == fold("华信2号公司")
    assert fold("ＡＢＣ Trading") == "abctrading"
    assert name_key("  北京 华信  ") == name_key("北京华信")


def test_clean_tidies_whitespace_and_none():
    assert clean(None) == ""
    assert clean("  a\u3000 b\t") == "a b"
    assert clean(12) == "12"


def test_pinyin_initials():
    assert pinyin_initials("北京华信") == "bjhx"
    assert pinyin_initials("深圳ABC科技") == "szabckj"


def test_overdue_days_count_from_last_visit_or_date_on_file():
    today = date(2026, 11, 26)
    assert days_overdue(date(2026, 11, 12), None, 7, today) == 7
    assert days_overdue(date(2026, 11, 20), None, 7, today) == -1
    assert days_overdue(None, date(2026, 10, 1), 30, today) == 26
    assert days_overdue(None, None, 30, today) == -30


def test_visit_plan_puts_a_and_b_first_then_most_overdue():
    rows = [(Tier.C, 100), (Tier.A, 1), (Tier.B, 50), (Tier.A, 20), (Tier.D, 300)]
    ordered = sorted(rows, key=lambda r: overdue_sort_key(*r))
    assert ordered == [(Tier.A, 20), (Tier.A, 1), (Tier.B, 50), (Tier.C, 100), (Tier.D, 300)]


def test_visit_interval_defaults_and_overrides():
    defaults = VisitIntervals.default()
    assert [defaults.for_tier(t) for t in Tier] == [7, 14, 30, 90]
    custom = VisitIntervals({Tier.A: 3})
    assert custom.for_tier(Tier.A) == 3
    assert custom.for_tier(Tier.D) == 90


def test_cached_pinyin_reads_as_pypinyin_does_in_context():
    """The word cache (issue 11) changes the speed, never a reading: polyphonic characters keep
    the reading their phrase gives them, the second time as the first."""
    import random

    from pypinyin import lazy_pinyin

    from app.domain.text import pinyin_keys

    rng = random.Random(11)
    words = [
        "重庆",
        "长沙",
        "银行",
        "有限公司",
        "北京",
        "华信",
        "科技",
        "3M",
        "ABC ",
        "(集团)",
        "长安",
    ]
    names = ["".join(rng.choice(words) for _ in range(rng.randint(1, 5))) for _ in range(500)]
    for name in names + names:  # the repeat is read from the cache
        syllables = " ".join(p.lower() for p in lazy_pinyin(name, errors="default"))
        assert pinyin_keys.__wrapped__(name)[0] == syllables
    sort_key, initials = pinyin_keys("重庆银行长沙分行")
    assert sort_key == "chong qing yin hang chang sha fen hang"
    # the reading in context first, then the others' (重 zhòng, 行 xíng, 长 zhǎng)
    assert initials.split()[0] == "cqyhcsfh"
    assert {"zqyhcsfh", "cqyxcsfh", "cqyhzsfh", "cqyhcsfx"} <= set(initials.split())


def test_numbers_are_spelled_without_loading_cn2ans_other_direction():
    """Issue 11: spelling an amount loads only cn2an's An2Cn (its package start-up compiles the
    Chinese-to-Arabic patterns, 0.3-0.4 s of every printed document); the words are cn2an's."""
    import subprocess
    import sys

    probe = (
        "import sys; from decimal import Decimal; from app.domain.amounts import rmb_capitals; "
        "print(rmb_capitals(Decimal('1001.5'))); "
        "print('cn2an.cn2an' in sys.modules, 'cn2an.transform' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0] == "壹仟零壹元伍角整"  # 整 after 角: 会计基础工作规范 第五十二条(二)
    assert out[1] == "False False"
    import cn2an  # the whole package still loads as usual afterwards in the same process

    from app.domain.amounts import rmb_capitals

    assert (
        cn2an.an2cn("1001.5", "rmb") + "整" == "壹仟零壹元伍角整" == rmb_capitals(Decimal("1001.5"))
    )

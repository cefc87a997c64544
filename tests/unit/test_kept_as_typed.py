"""clean(): full-width letters and digits fold, symbols that mean something stay as typed."""

from __future__ import annotations

import pytest

from app.domain.text import clean, tidy_width


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("①号线", "①号线"),
        ("⑴ ❶ ㈠", "⑴ ❶ ㈠"),
        ("第Ⅱ标段", "第Ⅱ标段"),
        ("面积 120m² 或 120㎡", "面积 120m² 或 120㎡"),
        ("ＡＢＣ１２３", "ABC123"),
        ("华信（北京）", "华信(北京)"),
        ("①（Ａ）②", "①(A)②"),
    ],
)
def test_clean_keeps_meaningful_symbols(typed, saved):
    assert clean(typed) == saved


def test_tidy_width_without_kept_characters_is_nfkc():
    assert tidy_width("ｶﾀｶﾅ　全角") == "カタカナ 全角"

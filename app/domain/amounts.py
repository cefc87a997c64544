"""Amounts in Chinese capitals (大写金额) for documents, via cn2an."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from app.domain.cn_numbers import an2cn
from app.domain.errors import ValidationError
from app.domain.money import shown_amount

# cn2an spells at most 16 integer digits (up to 9,999,999,999,999,999.99 yuan).
CAPITALS_LIMIT = Decimal("10000000000000000")


def rmb_capitals(amount: Decimal, field: str = "amount") -> str:
    """Decimal('1000000.07') -> '壹佰万元零柒分', Decimal('1234.50') -> '壹仟贰佰叁拾肆元伍角整'
    (整 after 元 or 角, never after 分); negative amounts get 负. An amount too large
    to be spelled is refused (ValidationError on `field`, code too_large_for_capitals)."""
    value = Decimal(amount)
    if value.is_finite() and abs(value) < CAPITALS_LIMIT:
        value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)  # to the fen
    if not value.is_finite() or abs(value) >= CAPITALS_LIMIT:
        shown = shown_amount(value) if value.is_finite() else str(amount)
        raise ValidationError(field, "too_large_for_capitals", value=shown)
    if value == 0:
        return "零元整"
    sign = "负" if value < 0 else ""
    spelled = an2cn(f"{abs(value):.2f}", "rmb")
    # 会计基础工作规范 第五十二条(二): 到元或者角为止的，在"元"或者"角"字之后应当写"整"
    # 字; cn2an writes it after 元 only (壹仟贰佰叁拾肆元伍角).
    return sign + (spelled + "整" if spelled.endswith("角") else spelled)

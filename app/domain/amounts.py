"""Amounts in Chinese capitals (大写金额) for documents, via cn2an."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from app.domain.cn_numbers import an2cn
from app.domain.errors import ValidationError
from app.domain.money import shown_amount

# cn2an spells at most 16 integer digits (up to 9,999,999,999,999,999.99 yuan).
CAPITALS_LIMIT = Decimal("10000000000000000")


def rmb_capitals(amount: Decimal, field: str = "amount") -> str:
    """Decimal('1000000.07') -> '壹佰万元零柒分'; negative amounts get 负. An amount too large
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
    return sign + an2cn(f"{abs(value):.2f}", "rmb")
